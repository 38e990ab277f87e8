//! The pager against scripted servers on 127.0.0.1: the n-th page request gets the n-th reply
//! (and every later one the last), and each test asserts the items, the error that ends the
//! stream, and every request the server saw, by count and order, never by time.

use composio_link::ErrorKind;
use composio_link::ids::AuthConfigId;
use composio_link::pages::Items;
use composio_link_tests::client;
use composio_link_tests::link::{account_page, next};
use composio_link_tests::raw::{RawServer, Reply};
use serde_json::{Value, json};

const OPERATION: &str = "getConnectedAccounts";
const LIST: &str = "/api/v3.1/connected_accounts";
/// The query every page of the listing sends before its cursor: the filters, exploded as
/// OpenAPI's default form style has it, and the page size.
const QUERY: &str = "limit=2&user_ids=user-1&user_ids=user-2";

/// A page of the accounts `ids` whose next page is at `next`.
fn page(ids: &[&str], next: Option<&str>) -> Reply {
    Reply::json(200, &account_page(ids, next, 3, 5))
}

/// The listing of the accounts of `user-1` and `user-2`, two per page.
fn listing(
    client: &composio_link::Client,
) -> Items<'_, composio_link::v3_1::types::ConnectedAccount> {
    client
        .v3_1()
        .get_connected_accounts()
        .user_ids(vec!["user-1".to_owned(), "user-2".to_owned()])
        .limit(2)
        .items()
}

/// Every item until the stream ends, and the error that ended it, if one did.
async fn drain<'a, T: Send + 'a>(
    mut items: Items<'a, T>,
) -> (Vec<T>, Option<composio_link::Error>) {
    let mut out = Vec::new();
    while let Some(item) = next(&mut items).await {
        match item {
            Ok(item) => out.push(item),
            Err(error) => {
                assert!(
                    next(&mut items).await.is_none(),
                    "the stream went on after an error"
                );
                return (out, Some(error));
            }
        }
    }
    (out, None)
}

fn ids(accounts: &[composio_link::v3_1::types::ConnectedAccount]) -> Vec<String> {
    accounts.iter().map(|a| a.id.to_string()).collect()
}

/// The method and request target of every request the server saw.
fn targets(server: &RawServer) -> Vec<(String, String)> {
    server
        .requests()
        .into_iter()
        .map(|seen| {
            assert!(seen.body.is_empty(), "a GET with a body");
            (seen.method, seen.target)
        })
        .collect()
}

fn get(cursor: Option<&str>) -> (String, String) {
    let target = match cursor {
        None => format!("{LIST}?{QUERY}"),
        Some(cursor) => format!("{LIST}?cursor={cursor}&{QUERY}"),
    };
    ("GET".to_owned(), target)
}

#[tokio::test]
async fn three_pages_are_one_stream_of_their_items() {
    let server = RawServer::start(vec![
        page(&["ca_1", "ca_2"], Some("c2")),
        page(&["ca_3", "ca_4"], Some("c3")),
        page(&["ca_5"], None),
        page(&["ca_never"], None),
    ])
    .await;
    let client = client(server.base_url());

    let (accounts, error) = drain(listing(&client)).await;

    assert!(error.is_none(), "{error:?}");
    assert_eq!(ids(&accounts), ["ca_1", "ca_2", "ca_3", "ca_4", "ca_5"]);
    assert_eq!(
        targets(&server),
        [get(None), get(Some("c2")), get(Some("c3"))]
    );
}

#[tokio::test]
async fn an_empty_last_page_ends_the_stream() {
    let server = RawServer::start(vec![
        page(&["ca_1", "ca_2"], Some("c2")),
        page(&[], None),
        page(&["ca_never"], None),
    ])
    .await;
    let client = client(server.base_url());

    let (accounts, error) = drain(listing(&client)).await;

    assert!(error.is_none(), "{error:?}");
    assert_eq!(ids(&accounts), ["ca_1", "ca_2"]);
    assert_eq!(targets(&server), [get(None), get(Some("c2"))]);
}

#[tokio::test]
async fn an_empty_next_cursor_ends_the_stream_and_an_empty_page_with_a_cursor_is_followed() {
    let server = RawServer::start(vec![
        page(&[], Some("c2")),
        page(&["ca_1"], Some("")),
        page(&["ca_never"], None),
    ])
    .await;
    let client = client(server.base_url());

    let (accounts, error) = drain(listing(&client)).await;

    assert!(error.is_none(), "{error:?}");
    assert_eq!(ids(&accounts), ["ca_1"]);
    assert_eq!(targets(&server), [get(None), get(Some("c2"))]);
}

#[tokio::test]
async fn a_repeated_cursor_ends_the_stream_with_an_error_not_a_loop() {
    // The server would answer every later page with the same cursor again.
    let server = RawServer::start(vec![
        page(&["ca_1", "ca_2"], Some("c2")),
        page(&["ca_3"], Some("c2")),
    ])
    .await;
    let client = client(server.base_url());

    let (accounts, error) = drain(listing(&client)).await;

    assert_eq!(ids(&accounts), ["ca_1", "ca_2", "ca_3"]);
    let error = error.unwrap_or_else(|| panic!("a repeated cursor ended without an error"));
    assert_eq!(error.kind(), ErrorKind::RepeatedCursor);
    assert_eq!(error.operation(), Some(OPERATION));
    assert_eq!(error.request(), Some("GET /api/v3.1/connected_accounts"));
    assert!(
        error.to_string().contains("`c2` was already followed"),
        "{error}"
    );
    assert_eq!(targets(&server), [get(None), get(Some("c2"))]);
}

#[tokio::test]
async fn a_503_on_the_second_page_is_retried_by_the_client() {
    let server = RawServer::start(vec![
        page(&["ca_1", "ca_2"], Some("c2")),
        Reply::json(503, &composio_link_tests::error_envelope(503, "busy")),
        page(&["ca_3"], None),
    ])
    .await;
    let client = client(server.base_url());

    let (accounts, error) = drain(listing(&client)).await;

    assert!(error.is_none(), "{error:?}");
    assert_eq!(ids(&accounts), ["ca_1", "ca_2", "ca_3"]);
    assert_eq!(
        targets(&server),
        [get(None), get(Some("c2")), get(Some("c2"))]
    );
}

#[tokio::test]
async fn a_failed_page_ends_the_stream_with_its_error() {
    let server = RawServer::start(vec![
        page(&["ca_1"], Some("c2")),
        Reply::json(404, &composio_link_tests::error_envelope(404, "gone")),
        page(&["ca_never"], None),
    ])
    .await;
    let client = client(server.base_url());

    let (accounts, error) = drain(listing(&client)).await;

    assert_eq!(ids(&accounts), ["ca_1"]);
    let error = error.unwrap_or_else(|| panic!("a 404 ended without an error"));
    assert_eq!(error.kind(), ErrorKind::NotFound);
    assert_eq!(error.operation(), Some(OPERATION));
    assert_eq!(targets(&server), [get(None), get(Some("c2"))]);
}

#[tokio::test]
async fn a_stream_dropped_after_the_first_page_sends_nothing_more() {
    let server = RawServer::start(vec![
        page(&["ca_1", "ca_2"], Some("c2")),
        page(&["ca_3"], None),
    ])
    .await;
    let client = client(server.base_url());

    let mut items = listing(&client);
    assert_eq!(
        server.hits(),
        0,
        "the stream sent a request before it was polled"
    );
    for expected in ["ca_1", "ca_2"] {
        let account = next(&mut items)
            .await
            .unwrap_or_else(|| panic!("the stream ended early"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(account.id.to_string(), expected);
    }
    drop(items);
    // Another call on the same client is the server's next request: had the dropped stream
    // sent its second page, this would be the third.
    let (accounts, _) = drain(listing(&client)).await;

    assert_eq!(ids(&accounts), ["ca_3"]);
    assert_eq!(targets(&server), [get(None), get(None)]);
}

#[tokio::test]
async fn the_auth_config_list_of_v3_pages_too() {
    let config = |id: &str| {
        json!({
            "id": id, "type": "default", "name": id, "status": "ENABLED",
            "no_of_connections": 0, "toolkit": {"slug": "github", "logo": "https://logo"},
        })
    };
    let list = |ids: &[&str], next: Option<&str>| {
        let items: Vec<Value> = ids.iter().map(|id| config(id)).collect();
        Reply::json(
            200,
            &json!({"items": items, "next_cursor": next, "total_pages": 2, "current_page": 1,
                    "total_items": 3}),
        )
    };
    let server = RawServer::start(vec![
        list(&["ac_1", "ac_2"], Some("n2")),
        list(&["ac_3"], None),
    ])
    .await;
    let client = client(server.base_url());

    let (configs, error) = drain(
        client
            .v3()
            .get_auth_configs()
            .toolkit_slug("github")
            .limit(2)
            .into_stream(),
    )
    .await;

    assert!(error.is_none(), "{error:?}");
    let ids: Vec<&AuthConfigId> = configs.iter().map(|c| &c.id).collect();
    assert_eq!(
        ids,
        [
            &AuthConfigId::new("ac_1"),
            &AuthConfigId::new("ac_2"),
            &AuthConfigId::new("ac_3")
        ]
    );
    let expected = [
        (
            "GET",
            "/api/v3/auth_configs?limit=2&toolkit_slug=github".to_owned(),
        ),
        (
            "GET",
            "/api/v3/auth_configs?cursor=n2&limit=2&toolkit_slug=github".to_owned(),
        ),
    ]
    .map(|(m, t)| (m.to_owned(), t));
    assert_eq!(targets(&server), expected);
}
