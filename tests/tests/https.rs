//! An `https://` base URL works: the client crate compiles in rustls (progenitor-client turns
//! reqwest's default TLS off), here against a local TLS server whose certificate is made by the
//! test and trusted by the test alone.

use std::sync::Arc;

use composio_link::ids::AuthConfigId;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// Serves one HTTPS request on 127.0.0.1 with `body` as a 201 JSON response; returns the port
/// and a handle that yields the raw request that arrived.
async fn serve_once(body: &'static str) -> (u16, String, tokio::task::JoinHandle<String>) {
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()])
        .unwrap_or_else(|e| panic!("cannot make a test certificate: {e}"));
    let pem = cert.cert.pem();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(cert.signing_key.serialize_der()));
    let config = ServerConfig::builder_with_provider(Arc::new(
        tokio_rustls::rustls::crypto::aws_lc_rs::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .and_then(|b| {
        b.with_no_client_auth()
            .with_single_cert(vec![CertificateDer::from(cert.cert.der().to_vec())], key)
    })
    .unwrap_or_else(|e| panic!("cannot configure the TLS server: {e}"));
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("cannot bind: {e}"));
    let port = listener
        .local_addr()
        .unwrap_or_else(|e| panic!("no local address: {e}"))
        .port();
    let handle = tokio::spawn(async move {
        let (tcp, _) = listener
            .accept()
            .await
            .unwrap_or_else(|e| panic!("accept: {e}"));
        let mut tls = acceptor
            .accept(tcp)
            .await
            .unwrap_or_else(|e| panic!("TLS handshake: {e}"));
        let request = read_request(&mut tls).await;
        let response = format!(
            "HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
             connection: close\r\n\r\n{body}",
            body.len()
        );
        tls.write_all(response.as_bytes())
            .await
            .unwrap_or_else(|e| panic!("write: {e}"));
        let _ = tls.shutdown().await;
        request
    });
    (port, pem, handle)
}

/// Reads one HTTP/1.1 request (head and a `content-length` body) as text.
async fn read_request(stream: &mut (impl AsyncReadExt + Unpin)) -> String {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk).await.unwrap_or(0);
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&buf);
        if let Some(head_end) = text.find("\r\n\r\n") {
            let length = text[..head_end]
                .lines()
                .find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            if buf.len() >= head_end + 4 + length {
                break;
            }
        }
    }
    String::from_utf8_lossy(&buf).into_owned()
}

#[tokio::test]
async fn an_https_base_url_works_with_rustls() {
    let (port, pem, server) = serve_once(
        r#"{"link_token":"lt_1","redirect_url":"https://app.composio.dev/link/lt_1","expires_at":"2026-11-23T20:00:00Z","connected_account_id":"ca_1"}"#,
    )
    .await;
    let root = reqwest::Certificate::from_pem(pem.as_bytes())
        .unwrap_or_else(|e| panic!("bad test certificate: {e}"));
    let http = reqwest::Client::builder()
        .tls_certs_only([root])
        .build()
        .unwrap_or_else(|e| panic!("cannot build the reqwest client: {e}"));
    let client = composio_link_tests::builder(&format!("https://localhost:{port}"))
        .http_client(http)
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));

    let link = client
        .v3_1()
        .post_connected_accounts_link()
        .body_map(|b| b.auth_config_id(AuthConfigId::new("ac_1")).user_id("u1"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("https call failed: {e}"))
        .into_inner();

    assert_eq!(link.link_token, "lt_1");
    let request = server.await.unwrap_or_else(|e| panic!("server task: {e}"));
    assert!(
        request.starts_with("POST /api/v3.1/connected_accounts/link HTTP/1.1\r\n"),
        "{request}"
    );
}
