//! The wait for a connection against scripted servers on 127.0.0.1: the n-th poll
//! gets the n-th reply, and each test asserts the outcome, the error's kind and fields, and how
//! many polls the server saw. Poll intervals are a few milliseconds; no assertion measures
//! time, only counts and order.

use std::time::Duration;

use composio_link::ids::{AuthConfigId, ConnectedAccountId, ToolRouterSessionId};
use composio_link::{Client, Error, ErrorKind, ExecuteExt, v3, v3_1};
use composio_link_tests::link::failure;
use composio_link_tests::raw::{RawServer, Reply};
use composio_link_tests::{TEST_KEY, builder, client, error_envelope};
use serde_json::{Value, json};

const OPERATION: &str = "getConnectedAccountsByNanoid";
const REQUEST: &str = "GET /api/v3.1/connected_accounts/{nanoid}";
const TARGET: &str = "/api/v3.1/connected_accounts/ca_1";
/// Short enough to keep the tests fast; the client's defaults are 1 s and 60 s.
const INTERVAL: Duration = Duration::from_millis(5);
const LONG: Duration = Duration::from_secs(30);

/// The body of the GET for an account in `status`, every field the spec requires present.
fn account(status: &str, reason: Option<&str>) -> Value {
    json!({
        "id": "ca_1",
        "status": status,
        "status_reason": reason,
        "toolkit": {"slug": "github"},
        "auth_config": {"id": "ac_1", "auth_scheme": "OAUTH2"},
        "created_at": "2026-01-16T10:00:00.000Z",
        "updated_at": "2026-01-16T10:01:00.000Z",
        "is_disabled": false,
        "user_id": "user-1",
        "state": {"authScheme": "OAUTH2", "val": {"status": status}},
    })
}

fn reply(status: &str) -> Reply {
    Reply::json(200, &account(status, None))
}

fn id() -> ConnectedAccountId {
    ConnectedAccountId::new("ca_1")
}

/// Waits for account `ca_1` through `client`, polling every [`INTERVAL`] for at most [`LONG`].
async fn wait_for_ca_1(client: &Client) -> Result<v3_1::types::ConnectedAccount, Error> {
    client
        .v3_1()
        .wait_for_connection(&id())
        .poll_interval(INTERVAL)
        .timeout(LONG)
        .await
}

/// Every request the server saw was one GET of the account with the key.
fn assert_all_polls(server: &RawServer, target: &str) {
    for seen in server.requests() {
        assert_eq!(
            (seen.method.as_str(), seen.target.as_str()),
            ("GET", target)
        );
        assert_eq!(seen.header("x-api-key"), Some(TEST_KEY));
        assert!(seen.body.is_empty());
    }
}

#[tokio::test]
async fn becomes_active_on_the_third_poll() {
    let server = RawServer::start(vec![
        reply("INITIALIZING"),
        reply("INITIATED"),
        reply("ACTIVE"),
        reply("FAILED"),
    ])
    .await;
    let client = client(server.base_url());

    let account = wait_for_ca_1(&client)
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    assert_eq!(account.status, v3_1::types::ConnectedAccountStatus::Active);
    assert_eq!(account.id, id());
    assert_eq!(account.toolkit.slug, "github");
    assert_eq!(account.auth_config.id, AuthConfigId::new("ac_1"));
    assert_eq!(account.status_reason, None);
    assert_eq!(server.hits(), 3, "no poll after ACTIVE");
    assert_all_polls(&server, TARGET);
}

#[tokio::test]
async fn failed_ends_at_once_with_the_status_and_its_reason() {
    let server = RawServer::start(vec![
        reply("INITIATED"),
        Reply::json(200, &account("FAILED", Some("the user denied access"))),
        reply("ACTIVE"),
    ])
    .await;
    let client = client(server.base_url());

    let e = failure(wait_for_ca_1(&client).await);

    assert_eq!(e.kind(), ErrorKind::ConnectionRequestFailed);
    assert_eq!(e.connection_status(), Some("FAILED"));
    assert_eq!(e.status_reason(), Some("the user denied access"));
    assert_eq!(e.operation(), Some(OPERATION));
    assert_eq!(e.request(), Some(REQUEST));
    assert_eq!(e.status(), None);
    assert!(!e.is_retryable());
    assert_eq!(
        e.to_string(),
        "getConnectedAccountsByNanoid (GET /api/v3.1/connected_accounts/{nanoid}): connection \
         request failed: connected account ca_1 is FAILED: the user denied access"
    );
    assert_eq!(server.hits(), 2);
    assert_all_polls(&server, TARGET);
}

#[tokio::test]
async fn expired_and_revoked_end_at_once_too() {
    for status in ["EXPIRED", "REVOKED"] {
        let server = RawServer::start(vec![reply(status), reply("ACTIVE")]).await;
        let client = client(server.base_url());

        let e = failure(
            client
                .v3_1()
                .wait_for_connection(&id())
                .poll_interval(INTERVAL)
                .await,
        );

        assert_eq!(e.kind(), ErrorKind::ConnectionRequestFailed, "{status}");
        assert_eq!(e.connection_status(), Some(status));
        assert_eq!(e.status_reason(), None);
        assert_eq!(
            e.to_string(),
            format!(
                "getConnectedAccountsByNanoid (GET /api/v3.1/connected_accounts/{{nanoid}}): \
                 connection request failed: connected account ca_1 is {status}"
            )
        );
        assert_eq!(server.hits(), 1, "{status}");
    }
}

#[tokio::test]
async fn an_unknown_account_is_not_found_at_once() {
    let server = RawServer::start(vec![
        Reply::json(404, &error_envelope(404, "connected_account_not_found")),
        reply("ACTIVE"),
    ])
    .await;
    let client = client(server.base_url());

    let e = failure(
        client
            .v3_1()
            .wait_for_connection(&id())
            .poll_interval(INTERVAL)
            .await,
    );

    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert_eq!(e.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(
        e.api_error().map(|api| api.slug.as_str()),
        Some("connected_account_not_found")
    );
    assert_eq!(e.operation(), Some(OPERATION));
    assert_eq!(e.connection_status(), None);
    assert_eq!(
        server.hits(),
        1,
        "a 404 is neither retried nor polled again"
    );
}

#[tokio::test]
async fn running_out_of_time_is_a_timeout_naming_the_last_status() {
    // The third poll is never answered: the wait's timeout ends it while it is in flight.
    let server = RawServer::start(vec![
        reply("INITIALIZING"),
        reply("INITIATED"),
        Reply::Silent,
    ])
    .await;
    let client = client(server.base_url());

    let e = failure(
        client
            .v3_1()
            .wait_for_connection(&id())
            .poll_interval(INTERVAL)
            .timeout(Duration::from_secs(1))
            .await,
    );

    assert_eq!(e.kind(), ErrorKind::Timeout);
    assert_eq!(e.connection_status(), Some("INITIATED"));
    assert_eq!(e.status_reason(), None);
    assert_eq!(e.operation(), Some(OPERATION));
    assert_eq!(e.status(), None);
    assert_eq!(
        e.to_string(),
        "getConnectedAccountsByNanoid (GET /api/v3.1/connected_accounts/{nanoid}): timed out: \
         connected account ca_1 was still INITIATED when the wait's timeout of 1s ran out"
    );
    assert_eq!(server.hits(), 3);
    assert_all_polls(&server, TARGET);
}

#[tokio::test]
async fn the_first_poll_is_at_once_and_the_next_not_before_the_interval() {
    let server = RawServer::start(vec![reply("INITIATED")]).await;
    let client = client(server.base_url());

    let e = failure(
        client
            .v3_1()
            .wait_for_connection(&id())
            .poll_interval(Duration::from_secs(3600))
            .timeout(Duration::from_millis(200))
            .await,
    );

    assert_eq!(e.kind(), ErrorKind::Timeout);
    assert_eq!(e.connection_status(), Some("INITIATED"));
    assert_eq!(
        server.hits(),
        1,
        "one poll at once, none before the interval"
    );
}

#[tokio::test]
async fn a_503_during_polling_goes_through_the_clients_retries() {
    let script = || {
        vec![
            reply("INITIATED"),
            Reply::json(503, &error_envelope(503, "service_unavailable")),
            reply("ACTIVE"),
        ]
    };
    let server = RawServer::start(script()).await;
    let client = client(server.base_url());

    let account = wait_for_ca_1(&client)
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    assert_eq!(account.status, v3_1::types::ConnectedAccountStatus::Active);
    assert_eq!(server.hits(), 3);
    assert_all_polls(&server, TARGET);

    // The same script without retries: the 503 ends the wait, so the third request above was
    // the client's retry of the second poll.
    let server = RawServer::start(script()).await;
    let client = builder(server.base_url())
        .max_retries(0)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let e = failure(wait_for_ca_1(&client).await);
    assert_eq!(e.kind(), ErrorKind::InternalServer);
    assert_eq!(e.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(server.hits(), 2);
}

#[tokio::test]
async fn dropping_the_wait_mid_way_sends_nothing_more() {
    let server = RawServer::start(vec![reply("INITIATED")]).await;
    let client = client(server.base_url());
    let interval = Duration::from_millis(100);

    let waiting = {
        let client = client.clone();
        tokio::spawn(async move {
            client
                .v3_1()
                .wait_for_connection(&id())
                .poll_interval(interval)
                .timeout(LONG)
                .await
        })
    };
    // Until the second poll has been answered (bounded, so a broken wait fails, not hangs).
    for _ in 0..30_000 {
        if server.hits() >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    assert!(server.hits() >= 2, "the wait did not poll twice");
    waiting.abort();
    assert!(
        waiting.await.is_err_and(|e| e.is_cancelled()),
        "the wait was still running"
    );
    let polled = server.hits();

    tokio::time::sleep(interval * 5).await;
    assert_eq!(server.hits(), polled, "a dropped wait polled again");
}

#[tokio::test]
async fn a_link_of_either_operation_in_either_version_can_be_waited_for() {
    // v3, tool router link: its `connected_account_id` is the id the wait takes.
    let server = RawServer::start(vec![
        Reply::json(
            201,
            &json!({
                "link_token": "lt_1",
                "redirect_url": "https://app.composio.dev/link/lt_1",
                "connected_account_id": "ca_1"
            }),
        ),
        reply("INITIATED"),
        reply("ACTIVE"),
    ])
    .await;
    let link_client = client(server.base_url());
    let link = link_client
        .v3()
        .post_tool_router_session_by_session_id_link()
        .session_id(ToolRouterSessionId::new("trs_1"))
        .body_map(|body| body.toolkit("github"))
        .execute()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let account = link_client
        .v3()
        .wait_for_connection(&link.connected_account_id)
        .poll_interval(INTERVAL)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(account.status, v3::types::ConnectedAccountStatus::Active);
    let targets: Vec<(String, String)> = server
        .requests()
        .into_iter()
        .map(|seen| (seen.method, seen.target))
        .collect();
    let expected = [
        ("POST", "/api/v3/tool_router/session/trs_1/link"),
        ("GET", "/api/v3/connected_accounts/ca_1"),
        ("GET", "/api/v3/connected_accounts/ca_1"),
    ];
    assert_eq!(
        targets,
        expected.map(|(m, t)| (m.to_owned(), t.to_owned())),
        "the v3 wait polls the v3 route"
    );

    // v3.1, connected accounts link.
    let server = RawServer::start(vec![
        Reply::json(
            201,
            &json!({
                "link_token": "lt_2",
                "redirect_url": "https://app.composio.dev/link/lt_2",
                "expires_at": "2026-11-24T00:00:00Z",
                "connected_account_id": "ca_1"
            }),
        ),
        reply("ACTIVE"),
    ])
    .await;
    let link_client = client(server.base_url());
    let link = link_client
        .v3_1()
        .post_connected_accounts_link()
        .body_map(|body| body.auth_config_id("ac_1").user_id("user-1"))
        .execute()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let account = link_client
        .v3_1()
        .wait_for_connection(&link.connected_account_id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(account.id, id());
    assert_eq!(server.hits(), 2);
    assert_eq!(server.requests()[1].target, TARGET);
}

#[tokio::test]
async fn an_undecodable_account_ends_the_wait_as_a_decode_error() {
    let mut body = account("INITIATED", None);
    body["status"] = json!(42);
    let server = RawServer::start(vec![Reply::json(200, &body), reply("ACTIVE")]).await;
    let client = client(server.base_url());

    let e = failure(
        client
            .v3_1()
            .wait_for_connection(&id())
            .poll_interval(INTERVAL)
            .await,
    );

    assert_eq!(e.kind(), ErrorKind::Decode);
    assert_eq!(e.field_path(), Some("status"));
    assert_eq!(server.hits(), 1);
}
