//! `composio-link <version> <link subcommand> --wait[=SECONDS]` end to end against a mock
//! server on 127.0.0.1: the link is printed first, then the account once it is `ACTIVE`, and
//! the exit status says how the wait ended (0 active, 1 failed, 3 timed out).

#![cfg(feature = "cli")]

use composio_link_tests::TEST_KEY;
use composio_link_tests::cli::{documents, run};
use composio_link_tests::link::{connected_account, link_to_ca_1};
use httpmock::Method::{GET, POST};
use httpmock::{Mock, MockServer};
use serde_json::{Value, json};

fn account(status: &str, reason: Option<&str>) -> Value {
    let mut account = connected_account("ca_1", status, reason);
    account["alias"] = json!("work");
    account["word_id"] = json!("github_red-castle");
    account
}

/// The mocks of one wait: the link, the account while it answers `first`, then `then`.
struct Mocks<'a> {
    link: Mock<'a>,
    first: Mock<'a>,
    then: Mock<'a>,
}

impl Mocks<'_> {
    /// The polls of the account the server answered.
    fn polls(&self) -> usize {
        self.first.calls() + self.then.calls()
    }
}

/// A link operation, then the account answering `first` `times` times and then `then`.
fn mocks<'a>(server: &'a MockServer, first: &Value, times: usize, then: &Value) -> Mocks<'a> {
    Mocks {
        link: server.mock(|when, reply| {
            when.method(POST).path("/api/v3.1/connected_accounts/link");
            reply.status(201).json_body(link_to_ca_1());
        }),
        first: server.mock(|when, reply| {
            when.method(GET)
                .path("/api/v3.1/connected_accounts/ca_1")
                .header("x-api-key", TEST_KEY);
            reply
                .status(200)
                .json_body(first.clone())
                .up_to_n_times(times);
        }),
        then: server.mock(|when, reply| {
            when.method(GET)
                .path("/api/v3.1/connected_accounts/ca_1")
                .header("x-api-key", TEST_KEY);
            reply.status(200).json_body(then.clone());
        }),
    }
}

const LINK_ARGS: &[&str] = &[
    "v3.1",
    "connected-accounts-link",
    "--auth-config-id",
    "ac_1",
    "--user-id",
    "user-1",
    "--poll-interval",
    "0.01",
];

#[test]
fn wait_prints_the_link_then_the_active_account_and_exits_0() {
    let server = MockServer::start();
    let mocks = mocks(
        &server,
        &account("INITIATED", None),
        2,
        &account("ACTIVE", None),
    );
    let mut args = LINK_ARGS.to_vec();
    args.push("--wait");

    let output = run(&server.base_url(), &args);

    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        documents(&output),
        [link_to_ca_1(), account("ACTIVE", None)]
    );
    assert!(output.stderr.is_empty(), "{output:?}");
    assert_eq!(mocks.link.calls(), 1);
    assert_eq!((mocks.first.calls(), mocks.then.calls()), (2, 1));
}

#[test]
fn wait_with_seconds_in_text_format_prints_both_as_lines() {
    let server = MockServer::start();
    let mocks = mocks(
        &server,
        &account("INITIATED", None),
        1,
        &account("ACTIVE", None),
    );
    let mut args = vec!["--format", "text"];
    args.extend_from_slice(LINK_ARGS);
    args.push("--wait=30");

    let output = run(&server.base_url(), &args);

    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "connected_account_id: ca_1\n\
         expires_at: 2026-11-24T00:00:00Z\n\
         link_token: lt_1\n\
         redirect_url: https://app.composio.dev/link/lt_1\n\
         alias: work\n\
         auth_config.id: ac_1\n\
         created_at: 2026-01-16T10:00:00.000Z\n\
         id: ca_1\n\
         is_disabled: false\n\
         status: ACTIVE\n\
         status_reason: null\n\
         toolkit.slug: github\n\
         updated_at: 2026-01-16T10:01:00.000Z\n\
         word_id: github_red-castle\n",
        "the link, then the account"
    );
    assert_eq!(mocks.polls(), 2);
}

#[test]
fn a_failed_connection_exits_1_naming_the_status_and_reason() {
    let server = MockServer::start();
    let mocks = mocks(
        &server,
        &account("INITIATED", None),
        1,
        &account("FAILED", Some("the user denied access")),
    );
    let mut args = LINK_ARGS.to_vec();
    args.push("--wait");

    let output = run(&server.base_url(), &args);

    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert_eq!(
        documents(&output),
        [link_to_ca_1()],
        "only the link is printed"
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).trim_end(),
        "composio-link: error: getConnectedAccountsByNanoid (GET \
         /api/v3.1/connected_accounts/{nanoid}): connection request failed: connected account \
         ca_1 is FAILED: the user denied access"
    );
    assert_eq!(mocks.polls(), 2);
}

#[test]
fn running_out_of_time_exits_3_naming_the_last_status() {
    let initiated = account("INITIATED", None);
    let server = MockServer::start();
    let mocks = mocks(&server, &initiated, 1000, &initiated);
    let mut args = LINK_ARGS.to_vec();
    args.push("--wait=0.2");

    let output = run(&server.base_url(), &args);

    assert_eq!(output.status.code(), Some(3), "{output:?}");
    assert_eq!(documents(&output), [link_to_ca_1()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("timed out: connected account ca_1 was still INITIATED when the wait's"),
        "{stderr}"
    );
    assert!(mocks.polls() >= 1);
}

#[test]
fn wait_is_only_on_link_subcommands_and_poll_interval_needs_it() {
    let server = MockServer::start();
    let mocks = mocks(&server, &link_to_ca_1(), 1, &link_to_ca_1());
    let output = run(
        &server.base_url(),
        &[
            "v3.1",
            "get-connected-accounts",
            "--nanoid",
            "ca_1",
            "--wait",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let mut args = LINK_ARGS.to_vec();
    args.retain(|a| *a != "--wait");
    let output = run(&server.base_url(), &args);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("--wait"),
        "{output:?}"
    );
    let output = run(
        &server.base_url(),
        &[
            "v3.1",
            "tool-router-link",
            "--session-id",
            "trs_1",
            "--toolkit",
            "github",
            "--wait=soon",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert_eq!(
        (mocks.link.calls(), mocks.polls()),
        (0, 0),
        "nothing was sent"
    );
}
