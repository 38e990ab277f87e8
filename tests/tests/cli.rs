//! The `composio-link` binary end to end against a mock server on 127.0.0.1: one subcommand per
//! operation and API version, JSON or text out, the key never taken from a flag value, and exit
//! statuses that tell API errors (1) from usage errors (2) and unreachable servers (3).

#![cfg(feature = "cli")]

use std::io::Write;
use std::process::Stdio;

use composio_link_tests::cli::{BIN, run, stderr, stdout};
use composio_link_tests::{TEST_KEY, command_against, error_envelope};
use httpmock::Method::POST;
use httpmock::MockServer;
use serde_json::json;

#[test]
fn each_operation_has_a_subcommand_that_prints_the_response_as_json() {
    let server = MockServer::start();
    let tool_link = json!({
        "link_token": "lt_1",
        "redirect_url": "https://app.composio.dev/link/lt_1",
        "connected_account_id": "ca_1"
    });
    let account_link = json!({
        "link_token": "lt_2",
        "redirect_url": "https://app.composio.dev/link/lt_2",
        "expires_at": "2026-11-24T00:00:00Z",
        "connected_account_id": "ca_2"
    });
    let cases: [(&str, Vec<&str>, serde_json::Value, &serde_json::Value); 4] = [
        (
            "/api/v3/tool_router/session/trs_1/link",
            vec![
                "v3",
                "tool-router-link",
                "--session-id",
                "trs_1",
                "--toolkit",
                "github",
            ],
            json!({"toolkit": "github"}),
            &tool_link,
        ),
        (
            "/api/v3.1/tool_router/session/trs_1/link",
            vec![
                "v3.1",
                "tool-router-link",
                "--session-id",
                "trs_1",
                "--toolkit",
                "slack",
                "--alias",
                "work",
            ],
            json!({"toolkit": "slack", "alias": "work"}),
            &tool_link,
        ),
        (
            "/api/v3/connected_accounts/link",
            vec![
                "v3",
                "connected-accounts-link",
                "--auth-config-id",
                "ac_1",
                "--user-id",
                "u1",
                "--callback-url",
                "https://example.com/cb",
            ],
            json!({"auth_config_id": "ac_1", "user_id": "u1", "callback_url": "https://example.com/cb"}),
            &account_link,
        ),
        (
            "/api/v3.1/connected_accounts/link",
            vec![
                "v3.1",
                "connected-accounts-link",
                "--auth-config-id",
                "ac_1",
                "--user-id",
                "u1",
                "--account-type",
                "SHARED",
            ],
            json!({"auth_config_id": "ac_1", "user_id": "u1", "account_type": "SHARED"}),
            &account_link,
        ),
    ];
    for (path, args, sent, answer) in cases {
        let mut mock = server.mock(|when, then| {
            when.method(POST)
                .path(path)
                .header("x-api-key", TEST_KEY)
                .json_body(sent.clone());
            then.status(201).json_body(answer.clone());
        });
        let output = run(&server.base_url(), &args);
        mock.assert();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
        let printed: serde_json::Value = serde_json::from_str(&stdout(&output))
            .unwrap_or_else(|e| panic!("{args:?}: stdout is not JSON ({e}): {}", stdout(&output)));
        assert_eq!(&printed, answer, "{args:?}");
        mock.delete();
    }
}

#[test]
fn text_format_prints_one_field_per_line() {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(POST).path("/api/v3/connected_accounts/link");
        then.status(201).json_body(json!({
            "link_token": "lt_2",
            "redirect_url": "https://app.composio.dev/link/lt_2",
            "expires_at": "2026-11-24T00:00:00Z",
            "connected_account_id": "ca_2"
        }));
    });
    let output = run(
        &server.base_url(),
        &[
            "--format",
            "text",
            "v3",
            "connected-accounts-link",
            "--auth-config-id",
            "ac",
            "--user-id",
            "u",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "connected_account_id: ca_2\nexpires_at: 2026-11-24T00:00:00Z\nlink_token: lt_2\n\
         redirect_url: https://app.composio.dev/link/lt_2\n"
    );
}

#[test]
fn an_api_error_exits_1_with_one_line_naming_the_operation() {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(POST)
            .path("/api/v3.1/tool_router/session/trs_x/link");
        then.status(404)
            .json_body(error_envelope(404, "session_not_found"));
    });
    let output = run(
        &server.base_url(),
        &[
            "v3.1",
            "tool-router-link",
            "--session-id",
            "trs_x",
            "--toolkit",
            "github",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(
            "composio-link: error: postToolRouterSessionBySessionIdLink (POST \
             /api/v3.1/tool_router/session/{session_id}/link): not found (HTTP 404 Not Found): \
             session_not_found:"
        ),
        "{err}"
    );
    assert!(stdout(&output).is_empty());
}

#[test]
fn usage_errors_exit_2_and_send_nothing() {
    let server = MockServer::start();
    let any = server.mock(|when, then| {
        when.method(POST);
        then.status(201);
    });
    // A missing required flag (clap's own usage error).
    let missing = run(
        &server.base_url(),
        &["v3", "tool-router-link", "--session-id", "trs_1"],
    );
    assert_eq!(missing.status.code(), Some(2), "{}", stderr(&missing));
    // A value the spec forbids (v3.1 toolkit has minLength 1), refused before sending.
    let empty = run(
        &server.base_url(),
        &[
            "v3.1",
            "tool-router-link",
            "--session-id",
            "trs_1",
            "--toolkit",
            "",
        ],
    );
    assert_eq!(empty.status.code(), Some(2), "{}", stderr(&empty));
    assert!(stderr(&empty).contains("toolkit"), "{}", stderr(&empty));
    // An enum value the spec does not have.
    let bad_enum = run(
        &server.base_url(),
        &[
            "v3.1",
            "connected-accounts-link",
            "--auth-config-id",
            "a",
            "--user-id",
            "u",
            "--account-type",
            "PUBLIC",
        ],
    );
    assert_eq!(bad_enum.status.code(), Some(2), "{}", stderr(&bad_enum));
    assert!(
        stderr(&bad_enum).contains("'PUBLIC' for '--account-type")
            && stderr(&bad_enum).contains("[possible values: PRIVATE, SHARED]"),
        "{}",
        stderr(&bad_enum)
    );
    // A flag the target version's body does not have (`--alias` is v3.1 only: each version's
    // flags are its own spec's), and a misspelt `--body` key: refused, not silently dropped.
    let v3_alias = run(
        &server.base_url(),
        &[
            "v3",
            "tool-router-link",
            "--session-id",
            "trs_1",
            "--toolkit",
            "g",
            "--alias",
            "a",
        ],
    );
    assert_eq!(v3_alias.status.code(), Some(2), "{}", stderr(&v3_alias));
    assert!(
        stderr(&v3_alias).contains("unexpected argument '--alias'"),
        "{}",
        stderr(&v3_alias)
    );
    let misspelt = run(
        &server.base_url(),
        &[
            "v3.1",
            "tool-router-link",
            "--session-id",
            "trs_1",
            "--body",
            r#"{"toolkit": "g", "aliass": "a"}"#,
        ],
    );
    assert_eq!(misspelt.status.code(), Some(2), "{}", stderr(&misspelt));
    assert!(
        stderr(&misspelt).contains("`aliass` is not a field"),
        "{}",
        stderr(&misspelt)
    );
    // An enum value the spec does not list, nested in `--body`: the request types would keep it
    // as an unknown value (they decode responses of a newer API), the command line refuses it.
    let nested_enum = run(
        &server.base_url(),
        &[
            "v3.1",
            "tool-router-link",
            "--session-id",
            "trs_1",
            "--body",
            r#"{"toolkit": "g", "experimental": {"account_type": "PUBLIC"}}"#,
        ],
    );
    assert_eq!(
        nested_enum.status.code(),
        Some(2),
        "{}",
        stderr(&nested_enum)
    );
    assert!(
        stderr(&nested_enum).contains(
            "`experimental.account_type` is \"PUBLIC\"; the spec lists PRIVATE, SHARED (not sent)"
        ),
        "{}",
        stderr(&nested_enum)
    );
    // --user-key without a key it could apply to.
    let user_key = run(
        &server.base_url(),
        &[
            "--user-key",
            "v3",
            "tool-router-link",
            "--session-id",
            "trs_1",
            "--toolkit",
            "g",
        ],
    );
    assert_eq!(user_key.status.code(), Some(2), "{}", stderr(&user_key));
    // No key at all.
    let no_key = command_against(BIN, &server.base_url())
        .env_remove("COMPOSIO_API_KEY")
        .args([
            "v3",
            "tool-router-link",
            "--session-id",
            "trs_1",
            "--toolkit",
            "github",
        ])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"));
    assert_eq!(no_key.status.code(), Some(2));
    assert!(
        stderr(&no_key).contains("COMPOSIO_API_KEY"),
        "{}",
        stderr(&no_key)
    );
    any.assert_calls(0);
}

#[test]
fn an_unreachable_server_exits_3() {
    // Bind a port, then free it: nothing listens there any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("cannot bind: {e}"));
    let output = run(
        &format!("http://127.0.0.1:{port}"),
        &[
            "--max-retries",
            "0",
            "v3",
            "tool-router-link",
            "--session-id",
            "t",
            "--toolkit",
            "g",
        ],
    );
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("connection failed"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_key_can_come_from_stdin_as_a_user_key_and_is_never_echoed() {
    let server = MockServer::start();
    let secret = "user-key-from-stdin-4242";
    let mock = server.mock(|when, then| {
        when.method(POST)
            .path("/api/v3/connected_accounts/link")
            .header("x-user-api-key", secret)
            .header_missing("x-api-key");
        then.status(422).json_body(error_envelope(422, "invalid"));
    });
    let mut child = command_against(BIN, &server.base_url())
        .env_remove("COMPOSIO_API_KEY")
        .args([
            "--api-key-stdin",
            "--user-key",
            "v3",
            "connected-accounts-link",
            "--auth-config-id",
            "ac",
            "--user-id",
            "u",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"));
    if let Some(mut stdin) = child.stdin.take() {
        writeln!(stdin, "{secret}").unwrap_or_else(|e| panic!("stdin: {e}"));
    }
    let output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("cannot wait for {BIN}: {e}"));
    mock.assert();
    assert_eq!(output.status.code(), Some(1));
    assert!(!stdout(&output).contains(secret) && !stderr(&output).contains(secret));
}
