//! Each of the four operations, called through the generated client against a mock server on
//! 127.0.0.1: the method, path and JSON body sent, the documented 201 example decoded, and the
//! error envelope decoded on a 4xx.

use composio_link::ids::{AuthConfigId, ConnectedAccountId, ToolRouterSessionId};
use composio_link::{ExecuteExt, v3, v3_1};
use composio_link_tests::{as_sent, client, documented_example, error_envelope};
use httpmock::Method::POST;
use httpmock::MockServer;
use serde_json::json;

const V3_TOOL_ROUTER: &str = "/api/v3/tool_router/session/{session_id}/link";
const V31_TOOL_ROUTER: &str = "/api/v3.1/tool_router/session/{session_id}/link";
const V3_CONNECTED: &str = "/api/v3/connected_accounts/link";
const V31_CONNECTED: &str = "/api/v3.1/connected_accounts/link";

#[tokio::test]
async fn v3_tool_router_link_sends_the_body_and_decodes_the_documented_201() {
    let server = MockServer::start_async().await;
    let example = documented_example("v3", V3_TOOL_ROUTER, "201");
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/v3/tool_router/session/trs_123/link")
                .header("content-type", "application/json")
                .json_body(json!({"toolkit": "github", "callback_url": "https://example.com/cb"}));
            then.status(201).json_body(example.clone());
        })
        .await;

    let client = client(&server.base_url());
    let client = client.v3();
    let response = client
        .post_tool_router_session_by_session_id_link()
        .session_id(ToolRouterSessionId::new("trs_123"))
        .body_map(|b| {
            b.toolkit("github")
                .callback_url("https://example.com/cb".to_owned())
        })
        .send()
        .await
        .unwrap_or_else(|e| panic!("call failed: {e}"));

    mock.assert_async().await;
    assert_eq!(response.status(), 201);
    let link = response.into_inner();
    assert_eq!(serde_json::to_value(&link).ok(), Some(example));
    assert_eq!(link.connected_account_id, ConnectedAccountId::new("string"));
}

#[tokio::test]
async fn v3_1_tool_router_link_sends_experimental_and_decodes_the_documented_201() {
    let server = MockServer::start_async().await;
    let example = documented_example("v3.1", V31_TOOL_ROUTER, "201");
    let sent = json!({
        "toolkit": "github",
        "alias": "work",
        "experimental": {
            "account_type": "SHARED",
            "acl_config_for_shared": {"allow_all_users": false, "allowed_user_ids": ["u1"]}
        }
    });
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/v3.1/tool_router/session/trs_LX9uJKBinWWr/link")
                .json_body(sent.clone());
            then.status(201).json_body(example.clone());
        })
        .await;

    let client = client(&server.base_url());
    let client = client.v3_1();
    let body: v3_1::types::ToolRouterLinkRequest = serde_json::from_value(sent.clone())
        .unwrap_or_else(|e| panic!("the request body does not fit the type: {e}"));
    let link = client
        .post_tool_router_session_by_session_id_link()
        .session_id(ToolRouterSessionId::new("trs_LX9uJKBinWWr"))
        .body(body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("call failed: {e}"))
        .into_inner();

    mock.assert_async().await;
    assert_eq!(serde_json::to_value(&link).ok(), Some(example));
    let experimental = link
        .experimental
        .unwrap_or_else(|| panic!("experimental missing"));
    assert_eq!(
        experimental.account_type,
        Some(v3_1::types::AccountType::Private)
    );
}

#[tokio::test]
async fn v3_connected_accounts_link_sends_connection_data_and_decodes_the_documented_201() {
    let server = MockServer::start_async().await;
    // The documented request example carries all 64 connection_data fields, both
    // `callbackUrl` and `callback_url` among them; `as_sent` drops its nulls and makes its
    // numbers floats, as the client sends them.
    let documented = documented_example("v3", V3_CONNECTED, "request");
    let sent = as_sent(&documented);
    let example = documented_example("v3", V3_CONNECTED, "201");
    let mock = server
        .mock_async(|when, then| {
            when.method(POST).path(V3_CONNECTED).json_body(sent.clone());
            then.status(201).json_body(example.clone());
        })
        .await;

    let client = client(&server.base_url());
    let client = client.v3();
    let body: v3::types::ConnectedAccountLinkRequest = serde_json::from_value(documented)
        .unwrap_or_else(|e| panic!("the documented request does not fit the type: {e}"));
    assert_eq!(serde_json::to_value(&body).ok(), Some(sent.clone()));
    let link = client
        .post_connected_accounts_link()
        .body(body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("call failed: {e}"))
        .into_inner();

    mock.assert_async().await;
    assert_eq!(serde_json::to_value(&link).ok(), Some(example));
}

#[test]
fn colliding_connection_data_fields_keep_their_own_json_names() {
    let data: v3::types::ConnectionData = v3::types::ConnectionData::builder()
        .callbackurl("camel")
        .callback_url("snake")
        .try_into()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        serde_json::to_value(&data).ok(),
        Some(json!({"callbackUrl": "camel", "callback_url": "snake"}))
    );
}

#[tokio::test]
async fn v3_1_connected_accounts_link_sends_account_type_when_set_and_decodes_the_documented_201() {
    let server = MockServer::start_async().await;
    let example = documented_example("v3.1", V31_CONNECTED, "201");
    let mock = server
        .mock_async(|when, then| {
            when.method(POST).path(V31_CONNECTED).json_body(json!({
                "auth_config_id": "ac_1",
                "user_id": "user-1",
                "alias": "personal",
                // Set by the caller, so sent (an unset one is not: tests/tests/user_facing.rs).
                "account_type": "SHARED"
            }));
            then.status(201).json_body(example.clone());
        })
        .await;

    let client = client(&server.base_url());
    let client = client.v3_1();
    let link = client
        .post_connected_accounts_link()
        .body_map(|b| {
            b.auth_config_id(AuthConfigId::new("ac_1"))
                .user_id("user-1")
                .alias("personal".to_owned())
                .account_type(v3_1::types::AccountType::Shared)
        })
        .send()
        .await
        .unwrap_or_else(|e| panic!("call failed: {e}"))
        .into_inner();

    mock.assert_async().await;
    assert_eq!(serde_json::to_value(&link).ok(), Some(example));
    assert_eq!(link.account_type, Some(v3_1::types::AccountType::Private));
}

#[tokio::test]
async fn every_operation_decodes_the_error_envelope_on_a_4xx() {
    let server = MockServer::start_async().await;
    let cases = [
        (
            "/api/v3/tool_router/session/trs_1/link",
            404,
            "session_not_found",
        ),
        ("/api/v3.1/tool_router/session/trs_1/link", 403, "forbidden"),
        (V3_CONNECTED, 422, "unprocessable"),
        (V31_CONNECTED, 400, "bad_request"),
    ];
    for (path, status, slug) in cases {
        server
            .mock_async(|when, then| {
                when.method(POST).path(path);
                then.status(status).json_body(error_envelope(status, slug));
            })
            .await;
    }
    let client = client(&server.base_url());
    let (v3, v3_1) = (client.v3(), client.v3_1());

    let errors = [
        v3.post_tool_router_session_by_session_id_link()
            .session_id(ToolRouterSessionId::new("trs_1"))
            .body_map(|b| b.toolkit("github"))
            .execute()
            .await
            .err()
            .map(|e| envelope_of(&e)),
        v3_1.post_tool_router_session_by_session_id_link()
            .session_id(ToolRouterSessionId::new("trs_1"))
            .body_map(|b| b.toolkit("github"))
            .execute()
            .await
            .err()
            .map(|e| envelope_of(&e)),
        v3.post_connected_accounts_link()
            .body_map(|b| b.auth_config_id(AuthConfigId::new("ac_1")).user_id("u"))
            .execute()
            .await
            .err()
            .map(|e| envelope_of(&e)),
        v3_1.post_connected_accounts_link()
            .body_map(|b| b.auth_config_id(AuthConfigId::new("ac_1")).user_id("u"))
            .execute()
            .await
            .err()
            .map(|e| envelope_of(&e)),
    ];
    for ((_, status, slug), got) in cases.iter().zip(errors) {
        assert_eq!(
            got,
            Some((
                *status,
                (slug.to_string(), Some(format!("req_{status}_{slug}")))
            ))
        );
    }
    // The raw path hands the error status over with its body, for the caller to decode.
    let raw = v3_1
        .post_connected_accounts_link()
        .body_map(|b| b.auth_config_id(AuthConfigId::new("ac_1")).user_id("u"))
        .send()
        .await
        .err();
    match raw {
        Some(progenitor_client::Error::UnexpectedResponse(response)) => {
            assert_eq!(response.status().as_u16(), 400);
            let body: v3_1::types::ErrorEnvelope = response
                .json()
                .await
                .unwrap_or_else(|e| panic!("the envelope: {e}"));
            assert_eq!(body.error.slug, "bad_request");
        }
        other => panic!("expected the unread error response, got {other:?}"),
    }
}

/// The status and the API's slug and request id of a failed call.
fn envelope_of(error: &composio_link::Error) -> (u16, (String, Option<String>)) {
    let api = error
        .api_error()
        .unwrap_or_else(|| panic!("expected a decoded error envelope, got {error}"));
    (
        error.status().map_or(0, |s| s.as_u16()),
        (api.slug.clone(), api.request_id.clone()),
    )
}
