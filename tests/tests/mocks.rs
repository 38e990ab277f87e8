//! The generated httpmock mocks (`composio_link::mock`, feature `mock`), used as a downstream
//! crate would use them: a typed request matcher and a typed response per operation, then a
//! call through the real client. One success and one error per operation.

#![cfg(feature = "mock")]

use composio_link::prelude::*;
use composio_link::{mock, v3, v3_1};
use composio_link_tests::client;
use composio_link_tests::link::next;
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

/// A generated type from its builder, as code outside the crate builds one.
fn built<T, B>(builder: B) -> T
where
    T: TryFrom<B>,
    T::Error: std::fmt::Display,
{
    T::try_from(builder).unwrap_or_else(|e| panic!("builder: {e}"))
}

/// A page of the v3.1 account list holding `ids`, whose next page is at `next`.
fn v3_1_page(ids: &[&str], next: Option<&str>) -> v3_1::types::ConnectedAccountList {
    use v3_1::types;
    let items: Vec<types::ConnectedAccount> = ids
        .iter()
        .map(|id| {
            built(
                types::ConnectedAccount::builder()
                    .id(ConnectedAccountId::new(*id))
                    .status(types::ConnectedAccountStatus::Active)
                    .status_reason(None::<String>)
                    .toolkit(types::ConnectedAccountToolkit::builder().slug("github"))
                    .auth_config(
                        types::ConnectedAccountAuthConfig::builder().id(AuthConfigId::new("ac_1")),
                    )
                    .created_at("2026-01-16T10:00:00.000Z")
                    .updated_at("2026-01-16T10:01:00.000Z")
                    .is_disabled(false),
            )
        })
        .collect();
    built(
        types::ConnectedAccountList::builder()
            .items(items)
            .next_cursor(next)
            .total_pages(2.0)
            .current_page(1.0)
            .total_items(3.0),
    )
}

#[test]
fn v3_1_lifecycle_operations_including_several_pages() {
    use mock::v3_1::MockServerExt;
    use v3_1::types;
    let server = MockServer::start();
    let users = vec!["user-1".to_owned(), "user-2".to_owned()];

    let request: types::ToolRouterSessionRequest = built(
        types::ToolRouterSessionRequest::builder()
            .user_id("user-1")
            .toolkits(
                types::ToolRouterSessionToolkits::builder().enable(vec!["github".to_owned()]),
            ),
    );
    let session: types::ToolRouterSessionResponse = built(
        types::ToolRouterSessionResponse::builder()
            .session_id(ToolRouterSessionId::new("trs_1"))
            .mcp(
                types::ToolRouterSessionMcp::builder()
                    .type_(types::ToolRouterSessionMcpType::Http)
                    .url("https://app.composio.dev/tool_router/v3/trs_1/mcp"),
            )
            .tool_router_tools(Vec::<String>::new())
            .config_version(1),
    );
    let created = server.post_tool_router_session(|when, then| {
        when.body(&request);
        then.created(&session);
    });
    let first = server.get_connected_accounts(|when, then| {
        when.user_ids(&users).cursor(None);
        then.ok(&v3_1_page(&["ca_1", "ca_2"], Some("c2")));
    });
    let second = server.get_connected_accounts(|when, then| {
        when.user_ids(&users).cursor("c2");
        then.ok(&v3_1_page(&["ca_3"], None));
    });
    let id = ConnectedAccountId::new("ca_1");
    let disable: types::ConnectedAccountStatusUpdate =
        built(types::ConnectedAccountStatusUpdate::builder().enabled(false));
    let disabled = server.patch_connected_accounts_by_nano_id_status(|when, then| {
        when.nano_id(&id).body(&disable);
        then.ok(&built(
            types::ConnectedAccountStatusUpdateResponse::builder().success(true),
        ));
    });
    let deleted = server.delete_connected_accounts_by_nanoid(|when, then| {
        when.nanoid(&id);
        then.ok(&built(
            types::ConnectedAccountDeleteResponse::builder().success(true),
        ));
    });
    let gone = server.delete_connected_accounts_by_nanoid(|when, then| {
        when.nanoid(&ConnectedAccountId::new("ca_gone"));
        then.not_found(&v3_1_error(404, "connected_account_not_found"));
    });

    let client = client(&server.base_url());
    let api = client.v3_1();
    let rt = runtime();
    rt.block_on(async {
        let got = api
            .post_tool_router_session()
            .body(request.clone())
            .execute()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(got.into_inner(), session);

        let mut items = api.get_connected_accounts().user_ids(users.clone()).items();
        let mut ids = Vec::new();
        while let Some(account) = next(&mut items).await {
            ids.push(account.unwrap_or_else(|e| panic!("{e}")).id.to_string());
        }
        assert_eq!(ids, ["ca_1", "ca_2", "ca_3"]);

        let status = api
            .patch_connected_accounts_by_nano_id_status()
            .nano_id(id.clone())
            .body(disable.clone())
            .execute()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(status.success);
        let delete = api
            .delete_connected_accounts_by_nanoid()
            .nanoid(id.clone())
            .execute()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(delete.success);
        let missing = api
            .delete_connected_accounts_by_nanoid()
            .nanoid(ConnectedAccountId::new("ca_gone"))
            .execute()
            .await
            .err()
            .unwrap_or_else(|| panic!("the delete of a missing account succeeded"));
        assert_eq!(missing.kind(), ErrorKind::NotFound);
    });
    created.assert();
    first.assert();
    second.assert();
    disabled.assert();
    deleted.assert();
    gone.assert();
}

#[test]
fn v3_auth_config_list_mock_pages() {
    use mock::v3::MockServerExt;
    use v3::types;
    let server = MockServer::start();
    let config = |id: &str| -> types::AuthConfig {
        built(
            types::AuthConfig::builder()
                .id(AuthConfigId::new(id))
                .type_(types::AuthConfigType::Default)
                .toolkit(
                    types::AuthConfigToolkit::builder()
                        .slug("github")
                        .logo("https://logo"),
                )
                .name(id)
                .status(types::AuthConfigStatus::Enabled)
                .no_of_connections(0.0),
        )
    };
    let page = |configs: Vec<types::AuthConfig>, next: Option<&str>| -> types::AuthConfigList {
        built(
            types::AuthConfigList::builder()
                .items(configs)
                .next_cursor(next)
                .total_pages(2.0)
                .current_page(1.0)
                .total_items(2.0),
        )
    };
    let first = server.get_auth_configs(|when, then| {
        when.toolkit_slug("github").cursor(None);
        then.ok(&page(vec![config("ac_1")], Some("n2")));
    });
    let second = server.get_auth_configs(|when, then| {
        when.toolkit_slug("github").cursor("n2");
        then.ok(&page(vec![config("ac_2")], None));
    });

    let client = client(&server.base_url());
    let mut items = client
        .v3()
        .get_auth_configs()
        .toolkit_slug("github")
        .into_stream();
    let ids: Vec<String> = runtime().block_on(async {
        let mut ids = Vec::new();
        while let Some(found) = next(&mut items).await {
            ids.push(found.unwrap_or_else(|e| panic!("{e}")).id.to_string());
        }
        ids
    });
    assert_eq!(ids, ["ac_1", "ac_2"]);
    first.assert();
    second.assert();
}
