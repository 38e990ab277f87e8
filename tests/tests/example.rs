//! `generated-client/examples/create_link.rs`, run as a user would run it, against a mock
//! server on 127.0.0.1 (cargo builds examples before it runs tests).

use std::process::Output;

use composio_link_tests::link::link_201;
use composio_link_tests::{TEST_KEY, command_against, error_envelope};
use httpmock::Method::{GET, POST};
use httpmock::MockServer;

/// Runs the example with `args` against the test server at `base_url`, and waits for it.
fn run_example(base_url: &str, args: &[&str]) -> Output {
    command_against("examples/create_link", base_url)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run the example: {e}"))
}

#[test]
fn creates_a_connected_account_link_and_prints_the_redirect_and_expiry() {
    let server = MockServer::start();
    let example = link_201();
    let mock = server.mock(|when, then| {
        when.method(POST)
            .path("/api/v3.1/connected_accounts/link")
            .header("x-api-key", TEST_KEY)
            .json_body(serde_json::json!({
                "auth_config_id": "ac_1", "user_id": "user-1"
            }));
        then.status(201).json_body(example);
    });

    let output = run_example(&server.base_url(), &["ac_1", "user-1"]);

    mock.assert();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "redirect_url: string\nexpires_at: string\n"
    );
}

#[test]
fn with_session_creates_a_tool_router_link() {
    let server = MockServer::start();
    let mock = server.mock(|when, then| {
        when.method(POST)
            .path("/api/v3.1/tool_router/session/trs_1/link")
            .json_body(serde_json::json!({"toolkit": "github"}));
        then.status(201).json_body(serde_json::json!({
            "link_token": "lt_1",
            "redirect_url": "https://app.composio.dev/link/lt_1",
            "connected_account_id": "ca_1"
        }));
    });

    let output = run_example(&server.base_url(), &["--session", "trs_1", "github"]);

    mock.assert();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "redirect_url: https://app.composio.dev/link/lt_1\nconnected_account_id: ca_1\n"
    );
}

#[test]
fn a_failure_is_one_line_naming_the_operation_and_the_api_error() {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(POST).path("/api/v3.1/connected_accounts/link");
        then.status(404)
            .json_body(error_envelope(404, "auth_config_not_found"));
    });

    let output = run_example(&server.base_url(), &["ac_missing", "user-1"]);

    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        "create_link: postConnectedAccountsLink (POST /api/v3.1/connected_accounts/link): not \
         found (HTTP 404 Not Found): auth_config_not_found: auth_config_not_found happened; \
         suggested fix: Check the request and try again [request_id req_404_auth_config_not_found]"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn with_wait_prints_the_link_then_waits_until_the_account_is_active() {
    let server = MockServer::start();
    let example = link_201();
    let link = server.mock(|when, then| {
        when.method(POST).path("/api/v3.1/connected_accounts/link");
        then.status(201).json_body(example);
    });
    let account = |status: &str| {
        serde_json::json!({
            "id": "string", "status": status, "status_reason": null,
            "toolkit": {"slug": "github"}, "auth_config": {"id": "ac_1"},
            "created_at": "2026-01-16T10:00:00Z", "updated_at": "2026-01-16T10:00:00Z",
            "is_disabled": false, "alias": null, "word_id": null
        })
    };
    // The documented example's connected account id is `string`.
    let initiated = server.mock(|when, then| {
        when.method(GET).path("/api/v3.1/connected_accounts/string");
        then.status(200)
            .json_body(account("INITIATED"))
            .up_to_n_times(1);
    });
    let active = server.mock(|when, then| {
        when.method(GET).path("/api/v3.1/connected_accounts/string");
        then.status(200).json_body(account("ACTIVE"));
    });

    let output = run_example(&server.base_url(), &["--wait", "ac_1", "user-1"]);

    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "redirect_url: string\nexpires_at: string\nstatus: ACTIVE\ntoolkit: github\n"
    );
    link.assert();
    initiated.assert();
    active.assert();
}
