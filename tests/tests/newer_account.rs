//! A newer API's connected account, in both versions, against scripted servers on 127.0.0.1:
//! `REVOKED` (which Composio's live v3.1 API sends; the specs list it now), statuses the specs
//! do not list (`SUSPENDED`, `PAUSED_BY_ADMIN`, made up) and fields they do not have, at the top
//! level and nested. Through the
//! library, the GET succeeds with `ConnectedAccountStatus::Unknown` holding the value as it
//! came, and the wait ends at once on `REVOKED`, polls on through `INACTIVE` and an unknown
//! status, and names an unknown status when it times out. Through the binary, the GET prints the
//! status as it came and no unknown field, and `--wait` on a link exits 1 on `REVOKED` and
//! succeeds after an unknown status. Every request is checked on the server's side; poll
//! intervals are milliseconds and no assertion measures time.

use std::time::Duration;

use composio_link::ids::{AuthConfigId, ConnectedAccountId};
use composio_link::{Client, Error, ErrorKind, ExecuteExt, ResponseValue};
use composio_link_tests::link::{connected_account, failure};
use composio_link_tests::newer::with_newer_property;
use composio_link_tests::raw::{RawServer, Reply};
use composio_link_tests::{TEST_KEY, client};
use serde_json::{Value, json};

/// Short enough to keep the tests fast; the client's default is 1 s.
const INTERVAL: Duration = Duration::from_millis(5);
const LONG: Duration = Duration::from_secs(30);

/// A connected account in `status` as the client keeps it: the fields the specs describe.
fn kept_account(status: &str, reason: Option<&str>) -> Value {
    connected_account("ca_1", status, reason)
}

/// The same account as a newer API sends it: fields the specs do not have, at the top level
/// (Composio's own `user_id`, `state`, `data`, and a made-up one) and nested in `toolkit` and
/// `auth_config`.
fn newer_account(status: &str, reason: Option<&str>) -> Value {
    let mut body = with_newer_property(kept_account(status, reason));
    body["user_id"] = json!("user-1");
    body["state"] = json!({"authScheme": "OAUTH2", "val": {"status": status}});
    body["data"] = json!({"access_token": "redacted"});
    body["toolkit"] = with_newer_property(json!({
        "slug": "github",
        "logo": "https://logos.composio.dev/api/github",
    }));
    body["auth_config"] = with_newer_property(json!({
        "id": "ac_1",
        "auth_scheme": "OAUTH2",
        "is_composio_managed": true,
    }));
    body
}

fn id() -> ConnectedAccountId {
    ConnectedAccountId::new("ca_1")
}

/// The server saw exactly `expected` requests, in order, each with the key.
fn assert_requests(server: &RawServer, expected: &[(&str, String)]) {
    let seen: Vec<(String, String)> = server
        .requests()
        .into_iter()
        .map(|seen| {
            assert_eq!(seen.header("x-api-key"), Some(TEST_KEY), "{}", seen.target);
            (seen.method, seen.target)
        })
        .collect();
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(method, target)| ((*method).to_owned(), target.clone()))
        .collect();
    assert_eq!(seen, expected);
}

/// The library's GET and wait, for the API version of module `$module` (`"$version"`).
macro_rules! library_journeys {
    ($module:ident, $version:literal) => {
        mod $module {
            use composio_link::$module::types::{ConnectedAccount, ConnectedAccountStatus};

            use super::*;

            fn poll() -> (&'static str, String) {
                ("GET", format!("/api/{}/connected_accounts/ca_1", $version))
            }

            async fn get(client: &Client) -> Result<ConnectedAccount, Error> {
                client
                    .$module()
                    .get_connected_accounts_by_nanoid()
                    .nanoid(id())
                    .execute()
                    .await
                    .map(ResponseValue::into_inner)
            }

            async fn wait(client: &Client, timeout: Duration) -> Result<ConnectedAccount, Error> {
                client
                    .$module()
                    .wait_for_connection(&id())
                    .poll_interval(INTERVAL)
                    .timeout(timeout)
                    .await
            }

            #[tokio::test]
            async fn revoked_is_a_listed_status_now() {
                let server = RawServer::start(vec![Reply::json(
                    200,
                    &newer_account("REVOKED", Some("the user revoked access")),
                )])
                .await;
                let client = client(server.base_url());
                let account = get(&client)
                    .await
                    .unwrap_or_else(|e| panic!("{} REVOKED: {e}", $version));
                assert_eq!(
                    account.status,
                    ConnectedAccountStatus::Revoked,
                    "{}",
                    $version
                );
                assert_eq!(account.status.to_string(), "REVOKED");
            }

            #[tokio::test]
            async fn the_get_keeps_an_unlisted_status_and_ignores_unknown_fields() {
                for (status, reason) in [
                    ("SUSPENDED", None),
                    ("PAUSED_BY_ADMIN", Some("an admin paused it")),
                ] {
                    let server =
                        RawServer::start(vec![Reply::json(200, &newer_account(status, reason))])
                            .await;
                    let client = client(server.base_url());

                    let account = get(&client)
                        .await
                        .unwrap_or_else(|e| panic!("{} {status}: {e}", $version));

                    assert!(
                        matches!(&account.status, ConnectedAccountStatus::Unknown(_)),
                        "{} {status}: {:?} (spec/{}.yaml does not list it)",
                        $version,
                        account.status,
                        $version
                    );
                    assert_eq!(account.status.to_string(), status);
                    assert!(format!("{:?}", account.status).contains(status));
                    assert_eq!(account.status_reason.as_deref(), reason);
                    assert_eq!(account.id, id());
                    assert_eq!(account.toolkit.slug, "github");
                    assert_eq!(account.auth_config.id, AuthConfigId::new("ac_1"));
                    assert_eq!(
                        serde_json::to_value(&account).ok(),
                        Some(kept_account(status, reason)),
                        "{} {status}: the status as it came, no unknown field at any depth",
                        $version
                    );
                    assert_requests(&server, &[poll()]);
                }
            }

            #[tokio::test]
            async fn the_wait_ends_at_once_on_revoked() {
                let server = RawServer::start(vec![
                    Reply::json(
                        200,
                        &newer_account("REVOKED", Some("the user revoked access")),
                    ),
                    Reply::json(200, &newer_account("ACTIVE", None)),
                ])
                .await;
                let client = client(server.base_url());

                let e = failure(wait(&client, LONG).await);

                assert_eq!(e.kind(), ErrorKind::ConnectionRequestFailed);
                assert_eq!(e.connection_status(), Some("REVOKED"));
                assert_eq!(e.status_reason(), Some("the user revoked access"));
                assert_eq!(e.operation(), Some("getConnectedAccountsByNanoid"));
                assert!(
                    e.to_string().ends_with(
                        "connection request failed: connected account ca_1 is REVOKED: the \
                         user revoked access"
                    ),
                    "{e}"
                );
                assert_requests(&server, &[poll()]);
            }

            #[tokio::test]
            async fn the_wait_polls_through_inactive_and_an_unknown_status_until_active() {
                let server = RawServer::start(vec![
                    Reply::json(200, &newer_account("INACTIVE", None)),
                    Reply::json(200, &newer_account("SUSPENDED", None)),
                    Reply::json(200, &newer_account("ACTIVE", None)),
                    Reply::json(200, &newer_account("REVOKED", None)),
                ])
                .await;
                let client = client(server.base_url());

                let account = wait(&client, LONG)
                    .await
                    .unwrap_or_else(|e| panic!("{}: {e}", $version));

                assert_eq!(account.status, ConnectedAccountStatus::Active);
                assert_eq!(
                    serde_json::to_value(&account).ok(),
                    Some(kept_account("ACTIVE", None))
                );
                assert_requests(&server, &[poll(), poll(), poll()]);
            }

            #[tokio::test]
            async fn a_timeout_after_an_unknown_status_names_it() {
                // The second poll is never answered: the wait's timeout ends it in flight.
                let server = RawServer::start(vec![
                    Reply::json(200, &newer_account("SUSPENDED", None)),
                    Reply::Silent,
                ])
                .await;
                let client = client(server.base_url());

                let e = failure(wait(&client, Duration::from_secs(1)).await);

                assert_eq!(e.kind(), ErrorKind::Timeout);
                assert_eq!(e.connection_status(), Some("SUSPENDED"));
                assert!(
                    e.to_string()
                        .contains("connected account ca_1 was still SUSPENDED when the wait's"),
                    "{e}"
                );
                assert_requests(&server, &[poll(), poll()]);
            }
        }
    };
}

library_journeys!(v3, "v3");
library_journeys!(v3_1, "v3.1");

/// The same journeys through the `composio-link` binary.
#[cfg(feature = "cli")]
mod binary {
    use composio_link_tests::cli::{BIN, documents, stderr};
    use composio_link_tests::link::link_to_ca_1;
    use composio_link_tests::run_off_runtime;

    use super::*;

    const VERSIONS: [&str; 2] = ["v3", "v3.1"];

    fn poll(version: &str) -> (&'static str, String) {
        ("GET", format!("/api/{version}/connected_accounts/ca_1"))
    }

    fn link(version: &str) -> (&'static str, String) {
        ("POST", format!("/api/{version}/connected_accounts/link"))
    }

    /// `<version> connected-accounts-link ... --wait`, polling every 10 ms.
    fn link_and_wait(version: &str) -> [&str; 9] {
        [
            version,
            "connected-accounts-link",
            "--auth-config-id",
            "ac_1",
            "--user-id",
            "user-1",
            "--poll-interval",
            "0.01",
            "--wait",
        ]
    }

    #[tokio::test]
    async fn get_prints_an_unlisted_status_as_it_came_and_no_unknown_field() {
        for version in VERSIONS {
            for status in ["REVOKED", "SUSPENDED"] {
                let server =
                    RawServer::start(vec![Reply::json(200, &newer_account(status, None))]).await;

                let output = run_off_runtime(
                    BIN,
                    server.base_url(),
                    &[version, "get-connected-accounts", "--nanoid", "ca_1"],
                )
                .await;

                assert_eq!(
                    output.status.code(),
                    Some(0),
                    "{version} {status}: {output:?}"
                );
                assert_eq!(
                    documents(&output),
                    [kept_account(status, None)],
                    "{version} {status}"
                );
                assert!(output.stderr.is_empty(), "{output:?}");
                assert_requests(&server, &[poll(version)]);
            }
        }
    }

    #[tokio::test]
    async fn wait_on_a_link_exits_1_on_revoked_naming_it() {
        for version in VERSIONS {
            let server = RawServer::start(vec![
                Reply::json(201, &with_newer_property(link_to_ca_1())),
                Reply::json(200, &newer_account("REVOKED", None)),
                Reply::json(200, &newer_account("ACTIVE", None)),
            ])
            .await;

            let output = run_off_runtime(BIN, server.base_url(), &link_and_wait(version)).await;

            assert_eq!(output.status.code(), Some(1), "{version}: {output:?}");
            assert_eq!(
                documents(&output),
                [link_to_ca_1()],
                "only the link, as kept"
            );
            assert!(
                stderr(&output)
                    .contains("connection request failed: connected account ca_1 is REVOKED"),
                "{version}: {}",
                stderr(&output)
            );
            assert_requests(&server, &[link(version), poll(version)]);
        }
    }

    #[tokio::test]
    async fn wait_on_a_link_polls_through_an_unknown_status_and_prints_the_account() {
        for version in VERSIONS {
            let server = RawServer::start(vec![
                Reply::json(201, &with_newer_property(link_to_ca_1())),
                Reply::json(200, &newer_account("SUSPENDED", None)),
                Reply::json(200, &newer_account("ACTIVE", None)),
                Reply::json(200, &newer_account("REVOKED", None)),
            ])
            .await;

            let output = run_off_runtime(BIN, server.base_url(), &link_and_wait(version)).await;

            assert_eq!(output.status.code(), Some(0), "{version}: {output:?}");
            assert_eq!(
                documents(&output),
                [link_to_ca_1(), kept_account("ACTIVE", None)],
                "{version}: the link, then the account, as kept"
            );
            assert!(output.stderr.is_empty(), "{output:?}");
            assert_requests(&server, &[link(version), poll(version), poll(version)]);
        }
    }
}
