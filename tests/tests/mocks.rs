//! The generated httpmock mocks (`composio_link::mock`, feature `mock`), used as a downstream
//! crate would use them: a typed request matcher and a typed response per operation, then a
//! call through the real client. One success and one error per operation.

#![cfg(feature = "mock")]

use composio_link::prelude::*;
use composio_link::{mock, v3, v3_1};
use composio_link_tests::client;
use httpmock::MockServer;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("runtime: {e}"))
}

fn v3_error(status: u16, slug: &str) -> v3::types::ErrorEnvelope {
    serde_json::from_value(composio_link_tests::error_envelope(status, slug))
        .unwrap_or_else(|e| panic!("envelope: {e}"))
}

fn v3_1_error(status: u16, slug: &str) -> v3_1::types::ErrorEnvelope {
    serde_json::from_value(composio_link_tests::error_envelope(status, slug))
        .unwrap_or_else(|e| panic!("envelope: {e}"))
}

#[test]
fn v3_tool_router_link_success_and_not_found() {
    use mock::v3::MockServerExt;
    let server = MockServer::start();
    let session = ToolRouterSessionId::new("trs_ok");
    let request: v3::types::ToolRouterLinkRequest = v3::types::ToolRouterLinkRequest::builder()
        .toolkit("github")
        .try_into()
        .unwrap_or_else(|e| panic!("request: {e}"));
    let answer: v3::types::ToolRouterLinkResponse = v3::types::ToolRouterLinkResponse::builder()
        .link_token("lt_1")
        .redirect_url("https://app.composio.dev/link/lt_1")
        .connected_account_id("ca_1")
        .try_into()
        .unwrap_or_else(|e| panic!("answer: {e}"));
    let ok = server.post_tool_router_session_by_session_id_link(|when, then| {
        when.session_id(&session).body(&request);
        then.created(&answer);
    });
    let missing = server.post_tool_router_session_by_session_id_link(|when, then| {
        when.session_id(&ToolRouterSessionId::new("trs_gone"));
        then.not_found(&v3_error(404, "session_not_found"));
    });

    let client = client(&server.base_url());
    let rt = runtime();
    let got = rt
        .block_on(
            client
                .v3()
                .post_tool_router_session_by_session_id_link()
                .session_id(session.clone())
                .body(request.clone())
                .execute(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(got.into_inner(), answer);
    let err = rt
        .block_on(
            client
                .v3()
                .post_tool_router_session_by_session_id_link()
                .session_id(ToolRouterSessionId::new("trs_gone"))
                .body(request)
                .execute(),
        )
        .err()
        .unwrap_or_else(|| panic!("expected a 404"));
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(
        err.api_error().map(|a| a.slug.as_str()),
        Some("session_not_found")
    );
    ok.assert();
    missing.assert();
}

#[test]
fn v3_connected_accounts_link_success_and_unprocessable() {
    use mock::v3::MockServerExt;
    let server = MockServer::start();
    let request: v3::types::ConnectedAccountLinkRequest =
        v3::types::ConnectedAccountLinkRequest::builder()
            .auth_config_id(AuthConfigId::new("ac_1"))
            .user_id("user-1")
            .connection_data(v3::types::ConnectionData::builder().subdomain("acme"))
            .try_into()
            .unwrap_or_else(|e| panic!("request: {e}"));
    let answer: v3::types::ConnectedAccountLinkResponse =
        v3::types::ConnectedAccountLinkResponse::builder()
            .link_token("lt_2")
            .redirect_url("https://app.composio.dev/link/lt_2")
            .expires_at("2026-11-24T00:00:00Z")
            .connected_account_id(ConnectedAccountId::new("ca_2"))
            .try_into()
            .unwrap_or_else(|e| panic!("answer: {e}"));
    let ok = server.post_connected_accounts_link(|when, then| {
        when.body(&request);
        then.created(&answer);
    });
    let bad: v3::types::ConnectedAccountLinkRequest =
        v3::types::builder::ConnectedAccountLinkRequest::from(request.clone())
            .user_id("nobody")
            .connection_data(None::<v3::types::ConnectionData>)
            .try_into()
            .unwrap_or_else(|e| panic!("request: {e}"));
    let refused = server.post_connected_accounts_link(|when, then| {
        when.body(&bad);
        then.unprocessable_entity(&v3_error(422, "invalid_user"));
    });

    let client = client(&server.base_url());
    let rt = runtime();
    let got = rt
        .block_on(
            client
                .v3()
                .post_connected_accounts_link()
                .body(request)
                .execute(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(got.into_inner(), answer);
    let err = rt
        .block_on(
            client
                .v3()
                .post_connected_accounts_link()
                .body(bad)
                .execute(),
        )
        .err()
        .unwrap_or_else(|| panic!("expected a 422"));
    assert_eq!(err.kind(), ErrorKind::UnprocessableEntity);
    assert_eq!(err.request_id(), Some("req_422_invalid_user"));
    ok.assert();
    refused.assert();
}

#[test]
fn v3_1_tool_router_link_success_and_forbidden() {
    use mock::v3_1::MockServerExt;
    let server = MockServer::start();
    let session = ToolRouterSessionId::new("trs_LX9uJKBinWWr");
    let answer: v3_1::types::ToolRouterLinkResponse =
        serde_json::from_value(composio_link_tests::link::tool_router_201())
            .unwrap_or_else(|e| panic!("documented example: {e}"));
    let ok = server.post_tool_router_session_by_session_id_link(|when, then| {
        when.session_id(&session);
        then.created(&answer);
    });
    let forbidden = server.post_tool_router_session_by_session_id_link(|when, then| {
        when.session_id(&ToolRouterSessionId::new("trs_other"));
        then.forbidden(&v3_1_error(403, "forbidden"));
    });

    let client = client(&server.base_url());
    let rt = runtime();
    let got = rt
        .block_on(
            client
                .v3_1()
                .post_tool_router_session_by_session_id_link()
                .session_id(session)
                .body_map(|b| b.toolkit("github"))
                .execute(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(got.into_inner(), answer);
    let err = rt
        .block_on(
            client
                .v3_1()
                .post_tool_router_session_by_session_id_link()
                .session_id(ToolRouterSessionId::new("trs_other"))
                .body_map(|b| b.toolkit("github"))
                .execute(),
        )
        .err()
        .unwrap_or_else(|| panic!("expected a 403"));
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(403));
    ok.assert();
    forbidden.assert();
}

#[test]
fn v3_1_connected_accounts_link_success_and_server_error() {
    use mock::v3_1::MockServerExt;
    let server = MockServer::start();
    let answer: v3_1::types::ConnectedAccountLinkResponse =
        v3_1::types::ConnectedAccountLinkResponse::builder()
            .link_token("lt_3")
            .redirect_url("https://app.composio.dev/link/lt_3")
            .expires_at("2026-11-24T00:00:00Z")
            .connected_account_id(ConnectedAccountId::new("ca_3"))
            .account_type(v3_1::types::AccountType::Shared)
            .try_into()
            .unwrap_or_else(|e| panic!("answer: {e}"));
    let shared: v3_1::types::ConnectedAccountLinkRequest =
        v3_1::types::ConnectedAccountLinkRequest::builder()
            .auth_config_id("ac_1")
            .user_id("user-1")
            .account_type(v3_1::types::AccountType::Shared)
            .try_into()
            .unwrap_or_else(|e| panic!("request: {e}"));
    let ok = server.post_connected_accounts_link(|when, then| {
        when.body(&shared);
        then.created(&answer);
    });
    let broken = server.post_connected_accounts_link(|when, then| {
        // `into_inner` reaches httpmock's own matchers for what the typed wrapper lacks.
        when.into_inner()
            .json_body_includes(r#"{"user_id": "user-500"}"#);
        then.internal_server_error(&v3_1_error(500, "internal"));
    });

    let client = composio_link_tests::builder(&server.base_url())
        .max_retries(0)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let rt = runtime();
    let got = rt
        .block_on(
            client
                .v3_1()
                .post_connected_accounts_link()
                .body(shared)
                .execute(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(got.into_inner(), answer);
    let err = rt
        .block_on(
            client
                .v3_1()
                .post_connected_accounts_link()
                .body_map(|b| b.auth_config_id("ac_1").user_id("user-500"))
                .execute(),
        )
        .err()
        .unwrap_or_else(|| panic!("expected a 500"));
    assert_eq!(err.kind(), ErrorKind::InternalServer);
    assert!(err.is_retryable());
    ok.assert();
    broken.assert();
}
