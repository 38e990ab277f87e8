//! Fault cases of the configured client: each call goes to a server on 127.0.0.1 that misbehaves
//! in one way, and each test asserts the exact [`ErrorKind`] and every field the [`Error`] carries (status,
//! API error, request id, operation, request, content type, body, field path, retryability),
//! the `Display` line where it is deterministic, and how many requests the server saw. A few
//! controls (a retry that succeeds, a same-origin redirect, 1000 ids) show the success side of
//! the same rule.
//!
//! The key-never-printed case, the header set and the configuration errors are in
//! `client_config.rs`; the `https://` case is in `https.rs`.
//!
//! The test clients retry with a 10–40 ms backoff (`composio_link_tests::builder`); only the
//! `Retry-After: 1` case waits a real second.

use std::error::Error as _;
use std::time::Duration;

use composio_link::ids::{AuthConfigId, ToolRouterSessionId};
use composio_link::v3_1;
use composio_link::{DEFAULT_MAX_RESPONSE_BYTES, Error, ErrorKind, ExecuteExt};
use composio_link_tests::fields::{Api, Fields};
use composio_link_tests::link::{failure, link, link_201};
use composio_link_tests::raw::{self, FullBacklog, RawServer, Reply};
use composio_link_tests::{TEST_KEY, builder, client, error_envelope};
use serde_json::json;

const OPERATION: &str = "postConnectedAccountsLink";
const REQUEST: &str = "POST /api/v3.1/connected_accounts/link";
const PREFIX: &str = "postConnectedAccountsLink (POST /api/v3.1/connected_accounts/link): ";
const TOOL_ROUTER_OPERATION: &str = "postToolRouterSessionBySessionIdLink";
const TOOL_ROUTER_REQUEST: &str = "POST /api/v3.1/tool_router/session/{session_id}/link";
/// What the default client does with a retryable failure: one attempt and two retries.
const ATTEMPTS: usize = 3;

/// The fields of a failed connected-accounts call of `kind` with nothing else known.
fn expected(kind: ErrorKind) -> Fields {
    Fields {
        operation: Some(OPERATION),
        request: Some(REQUEST),
        ..Fields::bare(kind)
    }
}

/// The reqwest error an [`Error`] wraps.
fn reqwest_source(e: &Error) -> &reqwest::Error {
    e.source()
        .and_then(|s| s.downcast_ref::<reqwest::Error>())
        .unwrap_or_else(|| panic!("no reqwest error behind {e:?}"))
}

// ---------------------------------------------------------------------------------------------
// Transport failures: no response at all.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn connection_refused_is_a_retryable_connection_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap_or_else(|e| panic!("bind: {e}"))
        .port();
    // The listener is dropped: nothing listens on the port any more.
    let client = client(&format!("http://127.0.0.1:{port}"));

    let e = failure(link(&client).await);

    assert_eq!(
        Fields::of(&e),
        Fields {
            retryable: true,
            ..expected(ErrorKind::Connection)
        }
    );
    assert!(reqwest_source(&e).is_connect(), "{e:?}");
    let text = e.to_string();
    assert!(
        text.starts_with(&format!("{PREFIX}connection failed: "))
            && text.contains("tcp connect error"),
        "{text}"
    );
    assert!(!text.contains('\n'), "{text}");
}

#[tokio::test]
async fn connect_timeout_against_a_full_accept_queue_is_a_timeout() {
    // Loopback only: a listener that never accepts and whose accept queue is full makes the
    // kernel drop the SYN, so the connect hangs as it would to an unreachable host.
    let backlog = FullBacklog::start(Duration::from_millis(300))
        .await
        .unwrap_or_else(|| panic!("this kernel completes connects beyond a full accept queue"));
    let client = builder(&backlog.base_url())
        .connect_timeout(Duration::from_millis(200))
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));

    let e = failure(link(&client).await);

    assert_eq!(
        Fields::of(&e),
        Fields {
            retryable: true,
            ..expected(ErrorKind::Timeout)
        }
    );
    let source = reqwest_source(&e);
    assert!(source.is_connect() && source.is_timeout(), "{source:?}");
    assert!(
        e.to_string().starts_with(&format!("{PREFIX}timed out: ")),
        "{e}"
    );
}

#[tokio::test]
async fn read_timeout_on_a_server_that_never_answers_is_retried_then_a_timeout() {
    let server = RawServer::start(vec![Reply::Silent]).await;
    let client = builder(server.base_url())
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));

    let e = failure(link(&client).await);

    assert_eq!(
        Fields::of(&e),
        Fields {
            retryable: true,
            ..expected(ErrorKind::Timeout)
        }
    );
    let source = reqwest_source(&e);
    assert!(source.is_timeout() && !source.is_connect(), "{source:?}");
    assert!(
        e.to_string().starts_with(&format!("{PREFIX}timed out: ")),
        "{e}"
    );
    assert_eq!(server.hits(), ATTEMPTS);
}

#[tokio::test]
async fn a_connection_closed_without_an_answer_is_retried_then_a_connection_error() {
    let server = RawServer::start(vec![Reply::Hangup]).await;
    let client = client(server.base_url());

    let e = failure(link(&client).await);

    assert_eq!(
        Fields::of(&e),
        Fields {
            retryable: true,
            ..expected(ErrorKind::Connection)
        }
    );
    assert!(
        e.to_string()
            .starts_with(&format!("{PREFIX}connection failed: ")),
        "{e}"
    );
    assert_eq!(server.hits(), ATTEMPTS);
}

#[tokio::test]
async fn a_201_body_cut_short_by_the_connection_is_retried_then_a_connection_error() {
    let mut bytes = raw::head(
        201,
        &[
            ("content-type", "application/json"),
            ("content-length", "200"),
        ],
    );
    bytes.extend_from_slice(br#"{"link_token": "lt_1""#);
    let server = RawServer::start(vec![Reply::Raw(bytes)]).await;
    let client = client(server.base_url());

    let e = failure(link(&client).await);

    assert_eq!(
        Fields::of(&e),
        Fields {
            retryable: true,
            ..expected(ErrorKind::Connection)
        }
    );
    let text = e.to_string();
    assert!(
        text.starts_with(&format!(
            "{PREFIX}connection failed: cannot read the body: "
        )) && text.ends_with("end of file before message length reached"),
        "{text}"
    );
    assert_eq!(server.hits(), ATTEMPTS);
}

// ---------------------------------------------------------------------------------------------
// A documented success status whose body is not the documented type.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_201_with_truncated_json_is_a_decode_error_with_the_body() {
    let truncated = r#"{"link_token": "lt_1", "redirect_url": "https://app.comp"#;
    let server = RawServer::start(vec![Reply::new(
        201,
        &[("content-type", "application/json")],
        truncated,
    )])
    .await;
    let client = client(server.base_url());

    let e = failure(link(&client).await);

    assert_eq!(
        Fields::of(&e),
        Fields {
            body: Some(truncated.to_owned()),
            field_path: Some("redirect_url".to_owned()),
            status: Some(201),
            ..expected(ErrorKind::Decode)
        }
    );
    assert_eq!(
        e.to_string(),
        format!(
            "{PREFIX}undecodable response body (HTTP 201 Created): EOF while parsing a string at line 1 column 56 \
             (at `redirect_url`); body starts: {truncated}"
        )
    );
    assert_eq!(server.hits(), 1, "a decode error is not retried");
}

#[tokio::test]
async fn a_201_missing_a_required_field_names_the_field() {
    let mut body = link_201();
    body.as_object_mut()
        .and_then(|o| o.remove("redirect_url"))
        .unwrap_or_else(|| panic!("the documented 201 has a redirect_url"));
    let server = RawServer::start(vec![Reply::json(201, &body)]).await;
    let client = client(server.base_url());

    let e = failure(link(&client).await);

    assert_eq!(
        Fields::of(&e),
        Fields {
            body: Some(body.to_string()),
            field_path: Some("redirect_url".to_owned()),
            status: Some(201),
            ..expected(ErrorKind::Decode)
        }
    );
    let text = e.to_string();
    assert!(
        text.starts_with(&format!(
            "{PREFIX}undecodable response body (HTTP 201 Created): missing field `redirect_url`"
        )) && text.contains(" (at `redirect_url`); body starts: {"),
        "{text}"
    );
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn a_201_with_a_wrong_nested_value_gives_its_dotted_path() {
    let body = json!({
        "connected_account_id": "ca_1",
        "link_token": "lt_1",
        "redirect_url": "https://app.composio.dev/link/lt_1",
        "experimental": {"account_type": 7}
    });
    let server = RawServer::start(vec![Reply::json(201, &body)]).await;
    let client = client(server.base_url());

    let e = failure(
        client
            .v3_1()
            .post_tool_router_session_by_session_id_link()
            .session_id(ToolRouterSessionId::new("trs_1"))
            .body_map(|b| b.toolkit("github"))
            .execute()
            .await,
    );

    assert_eq!(
        Fields::of(&e),
        Fields {
            body: Some(body.to_string()),
            field_path: Some("experimental.account_type".to_owned()),
            operation: Some(TOOL_ROUTER_OPERATION),
            request: Some(TOOL_ROUTER_REQUEST),
            status: Some(201),
            ..expected(ErrorKind::Decode)
        }
    );
    assert!(
        e.to_string()
            .contains("data did not match any variant of untagged enum AccountType"),
        "{e}"
    );
}

// ---------------------------------------------------------------------------------------------
// Error statuses whose body is not the envelope.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn an_html_502_is_a_retried_server_error_keeping_512_bytes_of_the_page() {
    let page = format!(
        "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>{}</body></html>",
        "upstream unavailable ".repeat(100)
    );
    let server = RawServer::start(vec![Reply::new(
        502,
        &[
            ("content-type", "text/html; charset=utf-8"),
            ("x-request-id", "edge-502-1"),
        ],
        &page,
    )])
    .await;
    let client = client(server.base_url());

    let e = failure(link(&client).await);

    assert_eq!(
        Fields::of(&e),
        Fields {
            status: Some(502),
            request_id: Some("edge-502-1".to_owned()),
            content_type: Some("text/html; charset=utf-8".to_owned()),
            body: Some(page[..composio_link::BODY_SNIPPET_BYTES].to_owned()),
            retryable: true,
            ..expected(ErrorKind::InternalServer)
        }
    );
    assert_eq!(
        e.to_string(),
        format!(
            "{PREFIX}server error (HTTP 502 Bad Gateway): the body is text/html; charset=utf-8, \
             not the documented JSON; body starts: {} [request_id edge-502-1]",
            &page[..120]
        )
    );
    assert_eq!(server.hits(), ATTEMPTS);
}

#[tokio::test]
async fn an_empty_500_is_a_retried_server_error_not_a_decode_error() {
    let server = RawServer::start(vec![Reply::new(500, &[], "")]).await;
    let client = client(server.base_url());

    let e = failure(link(&client).await);

    assert_eq!(
        Fields::of(&e),
        Fields {
            status: Some(500),
            body: Some(String::new()),
            retryable: true,
            ..expected(ErrorKind::InternalServer)
        }
    );
    assert_eq!(
        e.to_string(),
        format!("{PREFIX}server error (HTTP 500 Internal Server Error): empty body")
    );
    assert_eq!(server.hits(), ATTEMPTS);
}

#[tokio::test]
async fn a_documented_404_with_a_foreign_json_body_keeps_status_type_and_body() {
    let body = r#"{"detail":"Not Found"}"#;
    let server = RawServer::start(vec![Reply::new(
        404,
        &[("content-type", "application/json")],
        body,
    )])
    .await;
    let client = client(server.base_url());

    let e = failure(link(&client).await);

    assert_eq!(
        Fields::of(&e),
        Fields {
            status: Some(404),
            content_type: Some("application/json".to_owned()),
            body: Some(body.to_owned()),
            ..expected(ErrorKind::NotFound)
        }
    );
    assert_eq!(
        e.to_string(),
        format!(
            "{PREFIX}not found (HTTP 404 Not Found): the body is application/json, not the \
             documented JSON; body starts: {body}"
        )
    );
    assert_eq!(server.hits(), 1);
}

// ---------------------------------------------------------------------------------------------
// Retries.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_500_envelope_then_a_201_is_retried_once_and_succeeds() {
    let server = RawServer::start(vec![
        Reply::json(500, &error_envelope(500, "internal_error")),
        Reply::json(201, &link_201()),
    ])
    .await;
    let client = client(server.base_url());

    let response = link(&client)
        .await
        .unwrap_or_else(|e| panic!("the retry should have succeeded: {e}"));

    assert_eq!(response.status(), 201);
    assert_eq!(
        serde_json::to_value(response.into_inner()).ok(),
        Some(link_201())
    );
    let seen = server.requests();
    assert_eq!(seen.len(), 2, "one attempt and one retry");
    assert_eq!(
        seen[0].body, seen[1].body,
        "the retry resends the same body"
    );
    assert_eq!(seen[1].header("x-api-key"), Some(TEST_KEY));
    assert_eq!(seen[1].header_count("x-api-key"), 1);
}

/// How long the client waited, by the server's clock, before retrying a 429 that carries
/// `header`; the retry is answered 201 and the call succeeds.
async fn wait_before_retrying_a_429_with(header: (&str, &str)) -> Duration {
    let server = RawServer::start(vec![
        Reply::json_with(429, &[header], &error_envelope(429, "rate_limited")),
        Reply::json(201, &link_201()),
    ])
    .await;
    let client = client(server.base_url());

    let response = link(&client)
        .await
        .unwrap_or_else(|e| panic!("the retry should have succeeded: {e}"));

    assert_eq!(response.status(), 201);
    let seen = server.requests();
    assert_eq!(seen.len(), 2);
    seen[1].at.duration_since(seen[0].at)
}

#[tokio::test]
async fn a_429_with_retry_after_one_second_waits_a_second_by_the_server_clock() {
    let waited = wait_before_retrying_a_429_with(("retry-after", "1")).await;
    assert!(waited >= Duration::from_secs(1), "retried after {waited:?}");
}

#[tokio::test]
async fn a_429_with_retry_after_ms_waits_that_long_by_the_server_clock() {
    let waited = wait_before_retrying_a_429_with(("retry-after-ms", "300")).await;
    // The test backoff is at most 40 ms: only the header explains 300 ms.
    assert!(
        waited >= Duration::from_millis(300),
        "retried after {waited:?}"
    );
}

#[tokio::test]
async fn a_429_every_time_exhausts_the_retries_and_is_a_rate_limit_error() {
    let envelope = error_envelope(429, "rate_limited");
    let server = RawServer::start(vec![Reply::json_with(
        429,
        &[("retry-after-ms", "10"), ("x-request-id", "hdr-429")],
        &envelope,
    )])
    .await;
    let client = client(server.base_url());

    let e = failure(link(&client).await);

    assert_eq!(
        Fields::of(&e),
        Fields {
            status: Some(429),
            api: Some(Api::of_envelope(&envelope)),
            request_id: Some("req_429_rate_limited".to_owned()),
            retryable: true,
            ..expected(ErrorKind::RateLimit)
        }
    );
    assert_eq!(
        e.to_string(),
        format!(
            "{PREFIX}rate limited (HTTP 429 Too Many Requests): rate_limited: rate_limited \
             happened; suggested fix: Check the request and try again [request_id \
             req_429_rate_limited]"
        )
    );
    assert_eq!(server.hits(), ATTEMPTS);
}

#[tokio::test]
async fn a_500_with_x_should_retry_false_is_not_retried() {
    let envelope = error_envelope(500, "internal_error");
    let server = RawServer::start(vec![
        Reply::json_with(500, &[("x-should-retry", "false")], &envelope),
        Reply::json(201, &link_201()),
    ])
    .await;
    let client = client(server.base_url());

    let e = failure(link(&client).await);

    assert_eq!(
        Fields::of(&e),
        Fields {
            status: Some(500),
            api: Some(Api::of_envelope(&envelope)),
            request_id: Some("req_500_internal_error".to_owned()),
            // The server said so: retrying the same call is not worth it.
            retryable: false,
            ..expected(ErrorKind::InternalServer)
        }
    );
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn a_400_with_x_should_retry_true_is_retried() {
    let envelope = error_envelope(400, "bad_request");
    let server = RawServer::start(vec![Reply::json_with(
        400,
        &[("x-should-retry", "true")],
        &envelope,
    )])
    .await;
    let client = client(server.base_url());

    let e = failure(link(&client).await);

    assert_eq!(
        Fields::of(&e),
        Fields {
            status: Some(400),
            api: Some(Api::of_envelope(&envelope)),
            request_id: Some("req_400_bad_request".to_owned()),
            retryable: true,
            ..expected(ErrorKind::BadRequest)
        }
    );
    assert_eq!(server.hits(), ATTEMPTS);
}

#[tokio::test]
async fn a_409_envelope_is_retried_then_a_conflict_error() {
    let envelope = error_envelope(409, "conflict");
    let server = RawServer::start(vec![Reply::json(409, &envelope)]).await;
    let client = client(server.base_url());

    let e = failure(link(&client).await);

    assert_eq!(
        Fields::of(&e),
        Fields {
            status: Some(409),
            api: Some(Api::of_envelope(&envelope)),
            request_id: Some("req_409_conflict".to_owned()),
            retryable: true,
            ..expected(ErrorKind::Conflict)
        }
    );
    assert_eq!(server.hits(), ATTEMPTS);
}

// ---------------------------------------------------------------------------------------------
// Error envelopes.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn client_error_envelopes_give_their_kind_api_error_and_request_id_unretried() {
    let cases = [
        (
            400,
            "bad_request",
            ErrorKind::BadRequest,
            "bad request (HTTP 400 Bad Request)",
        ),
        (
            401,
            "unauthorized",
            ErrorKind::Authentication,
            "authentication failed (HTTP 401 Unauthorized)",
        ),
        // 403 is not documented for this operation: the envelope is still decoded.
        (
            403,
            "forbidden",
            ErrorKind::PermissionDenied,
            "permission denied (HTTP 403 Forbidden)",
        ),
        (
            404,
            "auth_config_not_found",
            ErrorKind::NotFound,
            "not found (HTTP 404 Not Found)",
        ),
        (
            422,
            "unprocessable",
            ErrorKind::UnprocessableEntity,
            "unprocessable entity (HTTP 422 Unprocessable Entity)",
        ),
    ];
    for (status, slug, kind, what) in cases {
        let envelope = error_envelope(status, slug);
        // The envelope's request id wins over the header's.
        let server = RawServer::start(vec![Reply::json_with(
            status,
            &[("x-request-id", "hdr-ignored")],
            &envelope,
        )])
        .await;
        let client = client(server.base_url());

        let e = failure(link(&client).await);

        let request_id = format!("req_{status}_{slug}");
        assert_eq!(
            Fields::of(&e),
            Fields {
                status: Some(status),
                api: Some(Api::of_envelope(&envelope)),
                request_id: Some(request_id.clone()),
                ..expected(kind)
            },
            "HTTP {status}"
        );
        assert_eq!(
            e.to_string(),
            format!(
                "{PREFIX}{what}: {slug}: {slug} happened; suggested fix: Check the request and \
                 try again [request_id {request_id}]"
            )
        );
        assert_eq!(server.hits(), 1, "HTTP {status} is not retried");
    }
}

#[tokio::test]
async fn a_v3_401_envelope_names_the_v3_operation() {
    let envelope = error_envelope(401, "invalid_api_key");
    let server = RawServer::start(vec![Reply::json(401, &envelope)]).await;
    let client = client(server.base_url());

    let e = failure(
        client
            .v3()
            .post_tool_router_session_by_session_id_link()
            .session_id(ToolRouterSessionId::new("trs_1"))
            .body_map(|b| b.toolkit("github"))
            .execute()
            .await,
    );

    assert_eq!(
        Fields::of(&e),
        Fields {
            status: Some(401),
            api: Some(Api::of_envelope(&envelope)),
            request_id: Some("req_401_invalid_api_key".to_owned()),
            operation: Some(TOOL_ROUTER_OPERATION),
            request: Some("POST /api/v3/tool_router/session/{session_id}/link"),
            ..expected(ErrorKind::Authentication)
        }
    );
    assert_eq!(
        server.requests()[0].target,
        "/api/v3/tool_router/session/trs_1/link"
    );
}

#[tokio::test]
async fn the_request_id_comes_from_the_header_when_the_envelope_has_none() {
    let mut envelope = error_envelope(404, "auth_config_not_found");
    envelope["error"]
        .as_object_mut()
        .and_then(|e| e.remove("request_id"))
        .unwrap_or_else(|| panic!("the envelope has a request_id"));
    let server = RawServer::start(vec![Reply::json_with(
        404,
        &[("x-request-id", "hdr-404-7")],
        &envelope,
    )])
    .await;
    let client = client(server.base_url());

    let e = failure(link(&client).await);

    assert_eq!(
        Fields::of(&e),
        Fields {
            status: Some(404),
            api: Some(Api::of_envelope(&envelope)),
            request_id: Some("hdr-404-7".to_owned()),
            ..expected(ErrorKind::NotFound)
        }
    );
    assert!(e.to_string().ends_with(" [request_id hdr-404-7]"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// Hostile servers: huge bodies, redirects elsewhere.
// ---------------------------------------------------------------------------------------------

const TWENTY_MB: usize = 20 * 1024 * 1024;

fn too_large_display(status: &str) -> String {
    format!(
        "{PREFIX}response body too large (HTTP {status}): the response body is larger than the \
         client's limit of {DEFAULT_MAX_RESPONSE_BYTES} bytes; it was not read (raise it with \
         ClientBuilder::max_response_bytes)"
    )
}

/// A 201 of 20 MB, its length declared in `content-length` or not, fails with
/// [`ErrorKind::BodyTooLarge`] without the client reading the whole body, after one request.
async fn assert_20_mb_body_is_refused(declared: bool) {
    let length = TWENTY_MB.to_string();
    let mut headers = vec![("content-type", "application/json")];
    if declared {
        headers.push(("content-length", &length));
    }
    let mut server = RawServer::start(vec![Reply::Stream {
        head: raw::head(201, &headers),
        body_len: TWENTY_MB,
    }])
    .await;
    let client = client(server.base_url());

    let e = failure(link(&client).await);

    assert_eq!(
        Fields::of(&e),
        Fields {
            status: Some(201),
            ..expected(ErrorKind::BodyTooLarge)
        }
    );
    assert_eq!(e.to_string(), too_large_display("201 Created"));
    let outcome = server.stream_outcome().await;
    assert!(
        !outcome.complete && outcome.written < TWENTY_MB,
        "the client read the whole body: {outcome:?}"
    );
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn a_declared_20_mb_body_is_refused_unread() {
    assert_20_mb_body_is_refused(true).await;
}

#[tokio::test]
async fn an_undeclared_20_mb_body_is_cut_at_the_cap_and_the_connection_closed() {
    // No content-length: the body runs until the connection closes, so the client must count.
    assert_20_mb_body_is_refused(false).await;
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_not_followed_and_the_key_stays_home() {
    let elsewhere = RawServer::start(vec![Reply::json(201, &link_201())]).await;
    let location = format!("{}/api/v3.1/connected_accounts/link", elsewhere.base_url());
    let server = RawServer::start(vec![Reply::new(307, &[("location", &location)], "")]).await;
    let client = client(server.base_url());

    let e = failure(link(&client).await);

    assert_eq!(
        Fields::of(&e),
        Fields {
            status: Some(307),
            body: Some(String::new()),
            ..expected(ErrorKind::UnexpectedStatus)
        }
    );
    assert_eq!(
        e.to_string(),
        format!(
            "{PREFIX}unexpected response (HTTP 307 Temporary Redirect): not following a redirect \
             to `{location}`: the API key is only sent to the base URL's origin"
        )
    );
    assert_eq!(server.hits(), 1);
    assert_eq!(
        elsewhere.hits(),
        0,
        "the other origin saw {:?}",
        elsewhere.requests()
    );
}

#[tokio::test]
async fn a_redirect_within_the_origin_is_followed_with_the_key() {
    let server = RawServer::start(vec![
        Reply::new(
            307,
            &[("location", "/api/v3.1/connected_accounts/link?moved=1")],
            "",
        ),
        Reply::json(201, &link_201()),
    ])
    .await;
    let client = client(server.base_url());

    let response = link(&client)
        .await
        .unwrap_or_else(|e| panic!("the same-origin redirect should be followed: {e}"));

    assert_eq!(response.status(), 201);
    let seen = server.requests();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].target, "/api/v3.1/connected_accounts/link?moved=1");
    assert_eq!(seen[1].header("x-api-key"), Some(TEST_KEY));
    assert_eq!(seen[1].body, seen[0].body);
}

// ---------------------------------------------------------------------------------------------
// Requests refused before sending.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn an_empty_toolkit_is_refused_without_a_request() {
    let server = RawServer::start(vec![Reply::json(201, &link_201())]).await;
    let client = client(server.base_url());

    let e = failure(
        client
            .v3_1()
            .post_tool_router_session_by_session_id_link()
            .session_id(ToolRouterSessionId::new("trs_1"))
            .body_map(|b| b.toolkit(""))
            .execute()
            .await,
    );

    assert_eq!(
        Fields::of(&e),
        Fields {
            operation: Some(TOOL_ROUTER_OPERATION),
            request: Some(TOOL_ROUTER_REQUEST),
            field_path: Some("toolkit".to_owned()),
            ..expected(ErrorKind::InvalidRequest)
        }
    );
    let text = e.to_string();
    assert!(
        text.starts_with(&format!(
            "{TOOL_ROUTER_OPERATION} ({TOOL_ROUTER_REQUEST}): invalid request, not sent: "
        )) && text.contains("toolkit"),
        "{text}"
    );
    assert_eq!(server.hits(), 0);
}

/// A v3.1 tool router link body sharing the connection with `ids` allowed user ids.
fn shared_with(ids: usize) -> v3_1::types::ToolRouterLinkRequest {
    let ids: Vec<String> = (0..ids).map(|i| format!("user-{i}")).collect();
    serde_json::from_value(json!({
        "toolkit": "github",
        "experimental": {
            "account_type": "SHARED",
            "acl_config_for_shared": {"allowed_user_ids": ids}
        }
    }))
    .unwrap_or_else(|e| panic!("the body does not fit the type: {e}"))
}

#[tokio::test]
async fn a_thousand_and_one_allowed_user_ids_are_refused_without_a_request() {
    let server = RawServer::start(vec![Reply::json(201, &json!({}))]).await;
    let client = client(server.base_url());

    let e = failure(
        client
            .v3_1()
            .post_tool_router_session_by_session_id_link()
            .session_id(ToolRouterSessionId::new("trs_1"))
            .body(shared_with(1001))
            .execute()
            .await,
    );

    assert_eq!(
        Fields::of(&e),
        Fields {
            operation: Some(TOOL_ROUTER_OPERATION),
            request: Some(TOOL_ROUTER_REQUEST),
            field_path: Some("experimental.acl_config_for_shared.allowed_user_ids".to_owned()),
            ..expected(ErrorKind::InvalidRequest)
        }
    );
    assert_eq!(
        e.to_string(),
        format!(
            "{TOOL_ROUTER_OPERATION} ({TOOL_ROUTER_REQUEST}): invalid request, not sent: \
             `experimental.acl_config_for_shared.allowed_user_ids` has 1001 items; the spec \
             allows at most 1000 (not sent)"
        )
    );
    assert_eq!(server.hits(), 0);
}

#[tokio::test]
async fn a_thousand_allowed_user_ids_are_sent() {
    let body = json!({
        "connected_account_id": "ca_1",
        "link_token": "lt_1",
        "redirect_url": "https://app.composio.dev/link/lt_1"
    });
    let server = RawServer::start(vec![Reply::json(201, &body)]).await;
    let client = client(server.base_url());

    let response = client
        .v3_1()
        .post_tool_router_session_by_session_id_link()
        .session_id(ToolRouterSessionId::new("trs_1"))
        .body(shared_with(1000))
        .execute()
        .await
        .unwrap_or_else(|e| panic!("1000 ids are within the spec: {e}"));

    assert_eq!(response.status(), 201);
    let seen = server.requests();
    assert_eq!(seen.len(), 1);
    let sent = seen[0].json();
    let sent_ids = sent["experimental"]["acl_config_for_shared"]["allowed_user_ids"].as_array();
    assert_eq!(sent_ids.map(Vec::len), Some(1000));
}

/// The v3 operations share the hooks: an undocumented status there is typed the same way.
#[tokio::test]
async fn a_v3_call_gets_the_same_typed_errors() {
    let server = RawServer::start(vec![Reply::new(
        503,
        &[("content-type", "text/plain")],
        "busy",
    )])
    .await;
    let client = client(server.base_url());

    let e = failure(
        client
            .v3()
            .post_connected_accounts_link()
            .body_map(|body| {
                body.auth_config_id(AuthConfigId::new("ac_1"))
                    .user_id("user-1")
            })
            .execute()
            .await,
    );

    assert_eq!(
        Fields::of(&e),
        Fields {
            status: Some(503),
            content_type: Some("text/plain".to_owned()),
            body: Some("busy".to_owned()),
            retryable: true,
            request: Some("POST /api/v3/connected_accounts/link"),
            ..expected(ErrorKind::InternalServer)
        }
    );
    assert_eq!(server.hits(), ATTEMPTS);
}
