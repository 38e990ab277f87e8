//! The connection lifecycle as one script, for the library, the command-line tool and the
//! example alike: create a tool-router session for `user-1`, link `github` through it, wait
//! until the account is `ACTIVE` (`INITIATED` first), list the user's accounts, disable the
//! account, delete it. [`replies`] is what a [`RawServer`] answers, in
//! order; [`assert_requests`] checks every request it saw against [`expected`].

use serde_json::{Value, json};

use crate::TEST_KEY;
use crate::raw::{RawServer, Reply};

/// The session the script creates.
pub const SESSION: &str = "trs_1";
/// The connected account the link creates.
pub const ACCOUNT: &str = "ca_1";

/// The body of the session creation.
pub fn session_request() -> Value {
    json!({
        "user_id": "user-1",
        "toolkits": {"enable": ["github"]},
        "manage_connections": {"enable": false},
    })
}

/// The connected account in `status`.
pub fn account(status: &str) -> Value {
    crate::link::connected_account(ACCOUNT, status, None)
}

/// The replies of the whole journey, in the order of its requests.
pub fn replies() -> Vec<Reply> {
    vec![
        Reply::json(
            201,
            &json!({
                "session_id": SESSION,
                "mcp": {"type": "http", "url": "https://app.composio.dev/tool_router/v3/trs_1/mcp"},
                "tool_router_tools": ["COMPOSIO_MANAGE_CONNECTIONS"],
                "config_version": 1,
                "config": {"user_id": "user-1"},
            }),
        ),
        Reply::json(
            201,
            &json!({
                "link_token": "lt_1",
                "redirect_url": "https://app.composio.dev/link/lt_1",
                "connected_account_id": ACCOUNT,
            }),
        ),
        Reply::json(200, &account("INITIATED")),
        Reply::json(200, &account("ACTIVE")),
        Reply::json(200, &crate::link::account_page(&[ACCOUNT], None, 1, 1)),
        Reply::json(200, &json!({"success": true})),
        Reply::json(200, &json!({"success": true})),
        // Anything after the journey is a request too many.
        Reply::json(500, &crate::error_envelope(500, "unexpected_request")),
    ]
}

/// Every request of the journey: method, target (path and query), JSON body.
pub fn expected() -> Vec<(&'static str, String, Option<Value>)> {
    vec![
        (
            "POST",
            "/api/v3.1/tool_router/session".to_owned(),
            Some(session_request()),
        ),
        (
            "POST",
            format!("/api/v3.1/tool_router/session/{SESSION}/link"),
            Some(json!({"toolkit": "github"})),
        ),
        (
            "GET",
            format!("/api/v3.1/connected_accounts/{ACCOUNT}"),
            None,
        ),
        (
            "GET",
            format!("/api/v3.1/connected_accounts/{ACCOUNT}"),
            None,
        ),
        (
            "GET",
            "/api/v3.1/connected_accounts?toolkit_slugs=github&user_ids=user-1".to_owned(),
            None,
        ),
        (
            "PATCH",
            format!("/api/v3.1/connected_accounts/{ACCOUNT}/status"),
            Some(json!({"enabled": false})),
        ),
        (
            "DELETE",
            format!("/api/v3.1/connected_accounts/{ACCOUNT}"),
            None,
        ),
    ]
}

/// Every request `server` saw is the journey's, in order, each with the test key.
///
/// # Panics
///
/// On the first request that differs, or when there are more or fewer.
pub fn assert_requests(server: &RawServer) {
    let seen: Vec<(String, String, Option<Value>)> = server
        .requests()
        .into_iter()
        .map(|seen| {
            assert_eq!(
                seen.header("x-api-key"),
                Some(TEST_KEY),
                "{} {}",
                seen.method,
                seen.target
            );
            let body = (!seen.body.is_empty()).then(|| seen.json());
            (seen.method, seen.target, body)
        })
        .collect();
    let expected: Vec<(String, String, Option<Value>)> = expected()
        .into_iter()
        .map(|(method, target, body)| (method.to_owned(), target, body))
        .collect();
    assert_eq!(seen, expected);
}
