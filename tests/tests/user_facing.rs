//! The client as a downstream user meets it, against mock servers on 127.0.0.1: path
//! parameters checked before sending, any 2xx that decodes is a success, what the caller did
//! not set is not sent, and what an `Error` exposes (the final response's headers, the refused
//! field, the kind in words, the API's numbers as integers). The re-exported `reqwest` and the
//! generated docs' `.execute()` are checked here too.

use composio_link::prelude::*;
use composio_link::{ApiError, ErrorKind};
use composio_link_tests::link::{link, link_to_ca_1};
use composio_link_tests::{builder, client, error_envelope};
use httpmock::Method::POST;
use httpmock::MockServer;
use serde_json::json;

/// The v3.1 tool router link call with `session_id` and `toolkit`.
async fn tool_router_link(session_id: &str, toolkit: &str) -> composio_link::Error {
    let server = MockServer::start_async().await;
    let any = server
        .mock_async(|when, then| {
            when.method(POST);
            then.status(201);
        })
        .await;
    let error = client(&server.base_url())
        .v3_1()
        .post_tool_router_session_by_session_id_link()
        .session_id(session_id)
        .body_map(|b| b.toolkit(toolkit))
        .execute()
        .await
        .err()
        .unwrap_or_else(|| panic!("{session_id:?}, {toolkit:?}: the call must be refused"));
    any.assert_calls_async(0).await;
    error
}

#[tokio::test]
async fn an_empty_path_parameter_is_refused_before_sending() {
    let error = tool_router_link("", "github").await;
    assert_eq!(error.kind(), ErrorKind::InvalidRequest);
    assert_eq!(error.field(), Some("session_id"));
    assert_eq!(
        error.operation(),
        Some("postToolRouterSessionBySessionIdLink")
    );
    assert_eq!(
        error.to_string(),
        "postToolRouterSessionBySessionIdLink (POST \
         /api/v3.1/tool_router/session/{session_id}/link): invalid request, not sent: \
         `session_id` is empty; the spec requires a value (not sent)"
    );
}

#[tokio::test]
async fn a_refused_body_field_is_named() {
    let error = tool_router_link("trs_1", "").await;
    assert_eq!(error.kind(), ErrorKind::InvalidRequest);
    assert_eq!(error.field(), Some("toolkit"));
}

#[tokio::test]
async fn any_2xx_whose_body_decodes_is_a_success() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/api/v3.1/connected_accounts/link");
            then.status(200).json_body(link_to_ca_1());
        })
        .await;
    let response = link(&client(&server.base_url()))
        .await
        .unwrap_or_else(|e| panic!("a 200 with the documented body is a success: {e}"));
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.into_inner().link_token, "lt_1");
}

#[tokio::test]
async fn a_2xx_whose_body_does_not_decode_names_the_status() {
    for status in [200, 201] {
        let server = MockServer::start_async().await;
        server
            .mock_async(|when, then| {
                when.method(POST);
                then.status(status).json_body(json!({"link_token": 7}));
            })
            .await;
        let error = link(&client(&server.base_url()))
            .await
            .err()
            .unwrap_or_else(|| panic!("HTTP {status}: the body cannot decode"));
        assert_eq!(error.kind(), ErrorKind::Decode, "HTTP {status}: {error}");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status), "{error}");
        assert_eq!(error.operation(), Some("postConnectedAccountsLink"));
        assert!(
            error.to_string().contains(&format!("(HTTP {status}")),
            "{error}"
        );
        assert_eq!(error.field(), Some("link_token"), "{error}");
    }
}

#[tokio::test]
async fn fields_the_caller_did_not_set_are_not_sent() {
    let server = MockServer::start_async().await;
    // An exact body: a defaulted `account_type` or a null field would not match.
    let exact = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/v3.1/connected_accounts/link")
                .json_body(json!({"auth_config_id": "ac_1", "user_id": "user-1"}));
            then.status(201).json_body(link_to_ca_1());
        })
        .await;
    link(&client(&server.base_url()))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    exact.assert_async().await;
}

#[tokio::test]
async fn an_error_keeps_the_final_responses_headers() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST);
            then.status(429)
                .header("retry-after", "7")
                .json_body(error_envelope(429, "rate_limited"));
        })
        .await;
    let once = builder(&server.base_url())
        .max_retries(0)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let error = link(&once)
        .await
        .err()
        .unwrap_or_else(|| panic!("a 429 is an error"));
    assert_eq!(error.kind(), ErrorKind::RateLimit);
    let headers = error
        .headers()
        .unwrap_or_else(|| panic!("the response's headers"));
    assert_eq!(
        headers.get("retry-after").and_then(|v| v.to_str().ok()),
        Some("7")
    );
    let api = error
        .api_error()
        .unwrap_or_else(|| panic!("the envelope is decoded"));
    assert_eq!(api.code_as_integer(), Some(429));
    assert_eq!(api.http_status(), Some(429));
    assert_eq!(ErrorKind::RateLimit.to_string(), "rate limited");
    assert!(
        error
            .to_string()
            .contains(&format!("{} (HTTP 429", error.kind())),
        "{error}"
    );
}

#[test]
fn api_numbers_are_integers_only_when_integral() {
    let envelope = |code: f64, status: f64| {
        serde_json::from_value::<composio_link::v3_1::types::ErrorEnvelope>(json!({
            "error": {"message": "m", "code": code, "slug": "s", "status": status}
        }))
        .unwrap_or_else(|e| panic!("{e}"))
    };
    let decoded: Vec<(Option<i64>, Option<u16>)> = [(400.0, 400.0), (1.5, 99.0), (-3.0, 1000.0)]
        .into_iter()
        .map(|(code, status)| {
            let api: ApiError = api_error(envelope(code, status));
            (api.code_as_integer(), api.http_status())
        })
        .collect();
    assert_eq!(
        decoded,
        [(Some(400), Some(400)), (None, None), (Some(-3), None)]
    );
}

/// The `ApiError` an envelope becomes, through a real call answering with it.
fn api_error(envelope: composio_link::v3_1::types::ErrorEnvelope) -> ApiError {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    runtime.block_on(async {
        let server = MockServer::start_async().await;
        server
            .mock_async(|when, then| {
                when.method(POST);
                then.status(400).json_body_obj(&envelope);
            })
            .await;
        link(&client(&server.base_url()))
            .await
            .err()
            .and_then(|e| e.api_error().cloned())
            .unwrap_or_else(|| panic!("a 400 with an envelope"))
    })
}

/// What the public API exposes of reqwest is reachable without a reqwest of one's own.
#[test]
fn reqwest_is_re_exported() {
    let http: composio_link::reqwest::Client = composio_link::reqwest::Client::new();
    let built = Client::builder()
        .api_key("k")
        .http_client(http)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let _status: Option<composio_link::reqwest::StatusCode> = None;
    let _headers: Option<&composio_link::reqwest::header::HeaderMap> = None;
    assert_eq!(built.base_url(), composio_link::DEFAULT_BASE_URL);
}

/// Every operation's generated documentation shows `.execute()`, never `.send()`, as the call,
/// and every builder's `send()` says it is the raw path.
#[test]
fn generated_docs_show_execute() {
    let root = composio_link_tests::workspace_root();
    for version in composio_link::API_VERSIONS {
        let path = root.join(format!(
            "generated-client/src/generated/{}.rs",
            version.replace('.', "_")
        ));
        let source =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            !source.contains("    .send()\n    .await;"),
            "{}",
            path.display()
        );
        let operations = source.matches("Sends a `").count();
        assert!(operations > 0, "{}", path.display());
        assert_eq!(
            source.matches("    .execute()\n    .await?;").count() * 2,
            operations,
            "{}: every operation (one `Sends a` line on the method, one on send) shows execute",
            path.display()
        );
        assert_eq!(
            source
                .matches("progenitor's raw path: the request passes")
                .count()
                * 2,
            operations,
            "{}",
            path.display()
        );
    }
}
