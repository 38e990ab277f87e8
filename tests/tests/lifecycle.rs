//! The connection lifecycle end to end against a scripted server on 127.0.0.1
//! (`composio_link_tests::journey`): a session created, a tool-router link through it, the wait
//! until `ACTIVE`, the list that finds the account, the account disabled and deleted; through
//! the library, through the command-line tool and through `examples/lifecycle.rs`, each request
//! checked on the server side (method, path, query, body).

use std::time::Duration;

use composio_link::ExecuteExt;
use composio_link::v3_1::types;
use composio_link_tests::journey::{self, ACCOUNT, SESSION};
use composio_link_tests::link::next;
use composio_link_tests::raw::RawServer;
use composio_link_tests::{client, run_off_runtime};

#[tokio::test]
async fn the_journey_through_the_library() {
    let server = RawServer::start(journey::replies()).await;
    let client = client(server.base_url());
    let api = client.v3_1();

    let session = api
        .post_tool_router_session()
        .body_map(|body| {
            body.user_id("user-1")
                .toolkits(
                    types::ToolRouterSessionToolkits::builder().enable(vec!["github".to_owned()]),
                )
                .manage_connections(
                    types::ToolRouterSessionManageConnections::builder().enable(false),
                )
        })
        .execute()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_inner();
    assert_eq!(session.session_id.to_string(), SESSION);

    let link = api
        .post_tool_router_session_by_session_id_link()
        .session_id(session.session_id)
        .body_map(|body| body.toolkit("github"))
        .execute()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .into_inner();

    let account = api
        .wait_for_connection(&link.connected_account_id)
        .poll_interval(Duration::from_millis(5))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(account.status, types::ConnectedAccountStatus::Active);

    let mut accounts = api
        .get_connected_accounts()
        .user_ids(vec!["user-1".to_owned()])
        .toolkit_slugs(vec!["github".to_owned()])
        .items();
    let mut found = Vec::new();
    while let Some(listed) = next(&mut accounts).await {
        found.push(listed.unwrap_or_else(|e| panic!("{e}")).id);
    }
    assert_eq!(found, std::slice::from_ref(&account.id));

    let disabled = api
        .patch_connected_accounts_by_nano_id_status()
        .nano_id(account.id.clone())
        .body_map(|body| body.enabled(false))
        .execute()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(disabled.success);

    let deleted = api
        .delete_connected_accounts_by_nanoid()
        .nanoid(account.id.clone())
        .execute()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(deleted.success);

    assert_eq!(account.id.to_string(), ACCOUNT);
    journey::assert_requests(&server);
}

/// What `output` printed on standard output, once it succeeded.
fn stdout(output: &std::process::Output) -> String {
    assert!(output.status.success(), "{output:?}");
    composio_link_tests::cli::stdout(output)
}

#[tokio::test]
async fn the_journey_through_the_example() {
    let server = RawServer::start(journey::replies()).await;

    let output = run_off_runtime(
        "examples/lifecycle",
        server.base_url(),
        &["user-1", "github"],
    )
    .await;

    assert_eq!(
        stdout(&output),
        "session_id: trs_1\nredirect_url: https://app.composio.dev/link/lt_1\nstatus: ACTIVE\n\
         listed: ca_1 ACTIVE\ndisabled: ca_1\ndeleted: ca_1\n"
    );
    journey::assert_requests(&server);
}

#[cfg(feature = "cli")]
mod cli {
    use composio_link_tests::cli::BIN;
    use composio_link_tests::command_against;
    use composio_link_tests::link::account_page;
    use composio_link_tests::raw::Reply;
    use serde_json::{Value, json};

    use super::*;

    /// The JSON documents `output` printed, in order, once it succeeded.
    fn documents(output: &std::process::Output) -> Vec<Value> {
        assert!(output.status.success(), "{output:?}");
        composio_link_tests::cli::documents(output)
    }

    #[tokio::test]
    async fn the_journey_through_the_command_line() {
        let server = RawServer::start(journey::replies()).await;
        let url = server.base_url();
        let body =
            json!({"toolkits": {"enable": ["github"]}, "manage_connections": {"enable": false}})
                .to_string();

        let session = run_off_runtime(
            BIN,
            url,
            &[
                "v3.1",
                "tool-router-session",
                "--user-id",
                "user-1",
                "--body",
                &body,
            ],
        )
        .await;
        let session = documents(&session);
        assert_eq!(session.len(), 1);
        let id = session[0]["session_id"]
            .as_str()
            .unwrap_or_else(|| panic!("{session:?}"));
        assert_eq!(id, SESSION);

        let linked = run_off_runtime(
            BIN,
            url,
            &[
                "v3.1",
                "tool-router-link",
                "--session-id",
                id,
                "--toolkit",
                "github",
                "--wait",
                "--poll-interval",
                "0.005",
            ],
        )
        .await;
        let linked = documents(&linked);
        assert_eq!(linked.len(), 2, "the link, then the account: {linked:?}");
        assert_eq!(linked[0]["connected_account_id"], ACCOUNT);
        assert_eq!(linked[1]["status"], "ACTIVE");

        let listed = run_off_runtime(
            BIN,
            url,
            &[
                "v3.1",
                "list-connected-accounts",
                "--user-ids",
                "user-1",
                "--toolkit-slugs",
                "github",
                "--all",
            ],
        )
        .await;
        // JSON Lines: one compact document per line, one line per account.
        let text = stdout(&listed);
        let lines: Vec<Value> = text
            .lines()
            .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{line}: {e}")))
            .collect();
        assert_eq!(lines, [journey::account("ACTIVE")]);

        let disabled = run_off_runtime(
            BIN,
            url,
            &[
                "v3.1",
                "patch-connected-accounts-status",
                "--nano-id",
                ACCOUNT,
                "--enabled",
                "false",
            ],
        )
        .await;
        assert_eq!(documents(&disabled), [json!({"success": true})]);

        let deleted = run_off_runtime(
            BIN,
            url,
            &[
                "v3.1",
                "delete-connected-accounts",
                "--nanoid",
                ACCOUNT,
                "--yes",
            ],
        )
        .await;
        assert_eq!(documents(&deleted), [json!({"success": true})]);

        journey::assert_requests(&server);
    }

    #[tokio::test]
    async fn a_delete_without_yes_and_no_terminal_is_refused_before_sending() {
        let server = RawServer::start(journey::replies()).await;

        let output = run_off_runtime(
            BIN,
            server.base_url(),
            &["v3.1", "delete-connected-accounts", "--nanoid", ACCOUNT],
        )
        .await;

        assert_eq!(output.status.code(), Some(2), "{output:?}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "composio-link: error: `delete-connected-accounts` deletes and standard input is not \
             a terminal to ask on; pass --yes to confirm\n"
        );
        assert!(output.stdout.is_empty());
        assert_eq!(server.hits(), 0);
    }

    /// Runs the binary with `args` against `base_url` on a pseudo-terminal (util-linux
    /// `script`) and, once it asks `[y/N]`, types `typed` and closes the input: what the
    /// terminal showed (standard output and error together, with the echo of what was typed,
    /// as the user sees them) and the binary's exit code.
    #[cfg(target_os = "linux")]
    async fn run_on_terminal(
        base_url: &str,
        args: &[&str],
        typed: &'static str,
    ) -> (String, Option<i32>) {
        use std::io::{Read, Write};
        use std::process::Stdio;

        fn quoted(word: &std::ffi::OsStr) -> String {
            format!("'{}'", word.to_string_lossy().replace('\'', r"'\''"))
        }
        let binary = command_against(BIN, base_url);
        let mut line = quoted(binary.get_program());
        for arg in args {
            line.push(' ');
            line.push_str(&quoted(arg.as_ref()));
        }
        let mut command = std::process::Command::new("script");
        command
            .args(["--quiet", "--return", "--command", &line, "/dev/null"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for (key, value) in binary.get_envs() {
            match value {
                Some(value) => command.env(key, value),
                None => command.env_remove(key),
            };
        }
        tokio::task::spawn_blocking(move || {
            let mut child = command
                .spawn()
                .unwrap_or_else(|e| panic!("cannot run util-linux `script`: {e}"));
            let (Some(mut stdin), Some(mut stdout)) = (child.stdin.take(), child.stdout.take())
            else {
                panic!("`script` without piped input and output");
            };
            let mut shown = Vec::new();
            let mut chunk = [0; 512];
            while !String::from_utf8_lossy(&shown).contains("[y/N] ") {
                match stdout.read(&mut chunk) {
                    Ok(0) => break,
                    Ok(n) => shown.extend_from_slice(&chunk[..n]),
                    Err(e) => panic!("reading `script`: {e}"),
                }
            }
            stdin
                .write_all(typed.as_bytes())
                .unwrap_or_else(|e| panic!("typing at `script`: {e}"));
            drop(stdin);
            stdout
                .read_to_end(&mut shown)
                .unwrap_or_else(|e| panic!("reading `script`: {e}"));
            let status = child.wait().unwrap_or_else(|e| panic!("`script`: {e}"));
            (String::from_utf8_lossy(&shown).into_owned(), status.code())
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"))
    }

    /// On a terminal, a delete asks first: anything but `y` sends nothing, `y` sends it.
    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn a_delete_on_a_terminal_is_sent_only_when_the_user_answers_y() {
        let server = RawServer::start(vec![Reply::json(200, &json!({"success": true}))]).await;
        let args = ["v3.1", "delete-connected-accounts", "--nanoid", ACCOUNT];
        let asked = "delete-connected-accounts: ";

        for typed in ["n\n", "\n", ""] {
            let (shown, code) = run_on_terminal(server.base_url(), &args, typed).await;
            assert_eq!(code, Some(2), "{typed:?}: {shown}");
            assert!(
                shown.contains(asked) && shown.contains("? [y/N] "),
                "{typed:?}: {shown}"
            );
            assert!(
                shown.contains("composio-link: error: not confirmed, nothing sent (pass --yes to delete without asking)"),
                "{typed:?}: {shown}"
            );
        }
        assert_eq!(server.hits(), 0);

        let (shown, code) = run_on_terminal(server.base_url(), &args, "y\n").await;
        assert_eq!(code, Some(0), "{shown}");
        assert!(shown.contains(asked), "{shown}");
        assert!(shown.contains("\"success\": true"), "{shown}");
        let requests = server.requests();
        assert_eq!(requests.len(), 1);
        assert_eq!(
            (requests[0].method.as_str(), requests[0].target.as_str()),
            (
                "DELETE",
                format!("/api/v3.1/connected_accounts/{ACCOUNT}").as_str()
            )
        );
    }

    /// A page of the listing: an `ACTIVE` account for each of `ids`, and `next` as its cursor.
    fn page(ids: &[&str], next: Option<&str>) -> Reply {
        Reply::json(200, &account_page(ids, next, 2, 3))
    }

    #[tokio::test]
    async fn repeated_filters_are_sent_exploded_and_all_follows_every_page() {
        let server = RawServer::start(vec![
            page(&["ca_1", "ca_2"], Some("c2")),
            page(&["ca_3"], None),
        ])
        .await;

        let output = run_off_runtime(
            BIN,
            server.base_url(),
            &[
                "v3.1",
                "list-connected-accounts",
                "--user-ids",
                "user-1",
                "--user-ids",
                "user-2",
                "--statuses",
                "ACTIVE",
                "--statuses",
                "INITIATED",
                "--limit",
                "2",
                "--all",
            ],
        )
        .await;

        let ids: Vec<String> = stdout(&output)
            .lines()
            .map(|line| {
                let item: Value =
                    serde_json::from_str(line).unwrap_or_else(|e| panic!("{line}: {e}"));
                item["id"].as_str().unwrap_or_default().to_owned()
            })
            .collect();
        assert_eq!(ids, ["ca_1", "ca_2", "ca_3"]);
        let targets: Vec<String> = server
            .requests()
            .into_iter()
            .map(|seen| seen.target)
            .collect();
        let query = "limit=2&statuses=ACTIVE&statuses=INITIATED&user_ids=user-1&user_ids=user-2";
        assert_eq!(
            targets,
            [
                format!("/api/v3.1/connected_accounts?{query}"),
                format!("/api/v3.1/connected_accounts?cursor=c2&{query}"),
            ]
        );
    }

    /// In text, `--all` prints each item of every page as its `field: value` lines (nested
    /// objects as dotted paths) and a blank line after each.
    #[tokio::test]
    async fn all_in_text_prints_each_item_as_a_block_of_lines() {
        let server =
            RawServer::start(vec![page(&["ca_1"], Some("c2")), page(&["ca_2"], None)]).await;

        let output = run_off_runtime(
            BIN,
            server.base_url(),
            &[
                "--format",
                "text",
                "v3.1",
                "list-connected-accounts",
                "--all",
            ],
        )
        .await;

        let block = |id: &str| {
            format!(
                "auth_config.id: ac_1\ncreated_at: 2026-01-16T10:00:00.000Z\nid: {id}\n\
                 is_disabled: false\nstatus: ACTIVE\nstatus_reason: null\ntoolkit.slug: github\n\
                 updated_at: 2026-01-16T10:01:00.000Z\n\n"
            )
        };
        assert_eq!(stdout(&output), block("ca_1") + &block("ca_2"));
        assert_eq!(server.hits(), 2);
    }

    #[tokio::test]
    async fn without_all_a_list_prints_its_first_page() {
        let server = RawServer::start(journey::replies()[4..].to_vec()).await;

        let output =
            run_off_runtime(BIN, server.base_url(), &["v3.1", "list-connected-accounts"]).await;

        let page = documents(&output);
        assert_eq!(page.len(), 1);
        assert_eq!(page[0]["items"][0]["id"], ACCOUNT);
        assert_eq!(server.hits(), 1);
    }

    /// A reader that leaves before the listing ends (`| head -1`) ends it: the tool stops at
    /// the first write that finds the pipe closed, asks for no further page, and exits 0.
    #[tokio::test]
    async fn a_reader_that_leaves_ends_the_listing_quietly() {
        let page =
            |id: &str, next: Option<&str>| Reply::json(200, &account_page(&[id], next, 3, 3));
        let server = RawServer::start(vec![
            page("ca_1", Some("c2")),
            page("ca_2", Some("c3")),
            page("ca_3", None),
        ])
        .await;
        let mut command = command_against(BIN, server.base_url());
        command
            .args(["v3.1", "list-connected-accounts", "--all"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let status = tokio::task::spawn_blocking(move || {
            let mut child = command
                .spawn()
                .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"));
            // The reader is gone before the first item is written.
            drop(child.stdout.take());
            let output = child
                .wait_with_output()
                .unwrap_or_else(|e| panic!("{BIN}: {e}"));
            (
                output.status,
                String::from_utf8_lossy(&output.stderr).into_owned(),
            )
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(status.0.code(), Some(0), "{}", status.1);
        assert_eq!(status.1, "");
        assert_eq!(server.requests().len(), 1, "no page after the reader left");
    }
}
