//! Where `cargo xtask upstream` gets the vendor document: a file, or an `http(s)://` URL fetched
//! with the client crate's HTTP stack (reqwest over rustls), both capped in size.

use std::io::Read;
use std::net::IpAddr;
use std::path::Path;
use std::time::Duration;

use crate::error::{Error, Result};

/// The largest vendor document read, from a file or a URL.
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;
/// How long a URL may take, connection and body included.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(30);

/// Reads a vendor document from a file path or an `http(s)://` URL.
///
/// # Errors
///
/// A file that cannot be read, a URL that is refused (plain http to a host that is not
/// loopback) or fails, or a body over [`MAX_DOCUMENT_BYTES`].
pub fn read_source(source: &str) -> Result<Vec<u8>> {
    if source.starts_with("http://") || source.starts_with("https://") {
        return fetch(source);
    }
    let file = std::fs::File::open(Path::new(source)).map_err(Error::io(source, "cannot read"))?;
    let mut bytes = Vec::new();
    file.take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(Error::io(source, "cannot read"))?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(too_large(source));
    }
    Ok(bytes)
}

/// Fetches `url` with the client crate's HTTP stack (reqwest over rustls): a timeout, no
/// redirects at all, a size cap, and https only unless the host is loopback.
fn fetch(url: &str) -> Result<Vec<u8>> {
    let fail = |message: String| Error::Fetch {
        url: url.to_owned(),
        message,
    };
    let parsed = reqwest::Url::parse(url).map_err(|e| fail(format!("not a URL: {e}")))?;
    let loopback = match parsed.host() {
        Some(url::Host::Domain(host)) => host.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    };
    if parsed.scheme() != "https" && !(parsed.scheme() == "http" && loopback) {
        return Err(fail(
            "only https URLs are fetched (plain http only from a loopback host)".to_owned(),
        ));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| fail(format!("cannot start an async runtime: {e}")))?;
    runtime.block_on(async {
        let client = reqwest::Client::builder()
            .timeout(FETCH_TIMEOUT)
            .connect_timeout(Duration::from_secs(5))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("composio-link-xtask/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| fail(format!("cannot build the HTTP client: {e}")))?;
        let mut response = client
            .get(parsed)
            .send()
            .await
            .map_err(|e| fail(format!("request failed: {e}")))?;
        if !response.status().is_success() {
            return Err(fail(format!("the server answered {}", response.status())));
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| fail(format!("reading the body failed: {e}")))?
        {
            if (bytes.len() + chunk.len()) as u64 > MAX_DOCUMENT_BYTES {
                return Err(too_large(url));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(bytes)
    })
}

/// The error of a document over [`MAX_DOCUMENT_BYTES`].
fn too_large(source_name: &str) -> Error {
    Error::TooLarge {
        source_name: source_name.to_owned(),
        limit: MAX_DOCUMENT_BYTES,
    }
}
