//! `cargo xtask selftest`: proof that every spec edit `regen` accepts yields a crate that
//! compiles, or that `regen` refuses it and says why.
//!
//! Each case of [`CASES`] edits the specs of a scratch copy of the workspace the way a
//! maintainer would (rename a schema, remove or add an operation, add a field, add or remove an
//! API version), runs `regen` on the copy, and then `cargo check -p composio-link
//! --all-features` there (and, for the edits that rename or remove something docs could link
//! to, `cargo doc` with `-Dwarnings`). Cases that add something also compile a probe (an example calling the
//! new operation's `execute()` and its typed mock) and run the copy's CLI to find the new
//! subcommand or flag. Nothing outside the scratch copy is touched; the copies share the real
//! workspace's `target/` so that dependencies compile once.
//!
//! It is slow (a `cargo check` per case), so it runs from `cargo xtask selftest` and `.ci/run`,
//! not from `cargo test`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_yaml_ng::{Mapping, Value};

use crate::codegen::{self, Mode, SPEC_DIR};

/// One spec edit and what must hold after it.
pub struct Case {
    /// A short name, printed in the report.
    pub name: &'static str,
    /// What the edit does, for the report.
    pub what: &'static str,
    /// Edits the specs under the scratch root.
    pub edit: fn(&Path) -> Result<(), String>,
    /// `Some(text)`: regen must refuse the edit with a message containing `text`.
    pub refused_with: Option<&'static str>,
    /// An example that must compile against the regenerated crate (written to
    /// `generated-client/examples/selftest_probe.rs`).
    pub probe: Option<&'static str>,
    /// A CLI invocation (`--help` of a subcommand) whose output must contain each string.
    pub cli: Option<(&'static [&'static str], &'static [&'static str])>,
    /// Whether the crate's docs must build without a warning (for the edits that rename or
    /// remove what docs could link to).
    pub docs: bool,
}

/// The edits a maintainer makes most.
pub const CASES: &[Case] = &[
    Case {
        name: "rename-schema",
        what: "v3.1: the component schema ConnectedAccountLinkResponse becomes ConnectedAccountLinkResult",
        edit: |root| {
            replace(
                root,
                "v3.1",
                "ConnectedAccountLinkResponse",
                "ConnectedAccountLinkResult",
            )
        },
        refused_with: None,
        probe: None,
        cli: None,
        docs: true,
    },
    Case {
        name: "remove-operation",
        what: "v3.1: the tool router link operation is removed",
        edit: |root| {
            edit_yaml(root, "v3.1", |doc| {
                paths(doc)?
                    .remove("/api/v3.1/tool_router/session/{session_id}/link")
                    .map(drop)
                    .ok_or_else(|| "no tool router path".to_owned())
            })
        },
        refused_with: None,
        probe: None,
        cli: Some((&["v3.1", "--help"], &["connected-accounts-link"])),
        docs: true,
    },
    Case {
        name: "remove-connected-account-read",
        what: "v3.1: GET connected account is removed, so v3.1 has no wait for a connection",
        edit: |root| {
            edit_yaml(root, "v3.1", |doc| {
                paths(doc)?
                    .remove("/api/v3.1/connected_accounts/{nanoid}")
                    .map(drop)
                    .ok_or_else(|| "no connected account path".to_owned())
            })
        },
        refused_with: None,
        probe: None,
        cli: Some((
            &["v3.1", "connected-accounts-link", "--help"],
            &["--auth-config-id"],
        )),
        docs: true,
    },
    Case {
        name: "add-operation",
        what: "v3.1: GET /api/v3.1/widgets/{widget_id} is added",
        edit: |root| {
            edit_yaml(root, "v3.1", |doc| {
                let operation: Value = serde_yaml_ng::from_str(ADDED_OPERATION)
                    .map_err(|e| format!("the added operation: {e}"))?;
                paths(doc)?.insert("/api/v3.1/widgets/{widget_id}".into(), operation);
                Ok(())
            })
        },
        refused_with: None,
        probe: Some(ADDED_OPERATION_PROBE),
        cli: Some((
            &["v3.1", "get-widgets", "--help"],
            &["--widget-id", "The widget"],
        )),
        docs: false,
    },
    Case {
        name: "add-field",
        what: "v3.1: the connected accounts link request gains an optional `nickname`",
        edit: |root| {
            edit_yaml(root, "v3.1", |doc| {
                let properties = doc
                    .get_mut("components")
                    .and_then(|c| c.get_mut("schemas"))
                    .and_then(|s| s.get_mut("ConnectedAccountLinkRequest"))
                    .and_then(|r| r.get_mut("properties"))
                    .and_then(Value::as_mapping_mut)
                    .ok_or_else(|| "no ConnectedAccountLinkRequest properties".to_owned())?;
                let nickname: Value =
                    serde_yaml_ng::from_str("{type: string, description: A nickname for the link}")
                        .map_err(|e| e.to_string())?;
                properties.insert("nickname".into(), nickname);
                Ok(())
            })
        },
        refused_with: None,
        probe: None,
        cli: Some((
            &["v3.1", "connected-accounts-link", "--help"],
            &["--nickname", "A nickname for the link"],
        )),
        docs: false,
    },
    Case {
        name: "add-version",
        what: "spec/v3.2.yaml: a copy of v3.1 at /api/v3.2/",
        edit: |root| {
            let text = read_spec(root, "v3.1")?.replace("/api/v3.1/", "/api/v3.2/");
            write_spec(root, "v3.2", &text)
        },
        refused_with: None,
        probe: Some(ADDED_VERSION_PROBE),
        cli: Some((
            &["v3.2", "connected-accounts-link", "--help"],
            &["--auth-config-id"],
        )),
        docs: true,
    },
    Case {
        name: "remove-version",
        what: "spec/v3.yaml is deleted",
        edit: |root| {
            fs::remove_file(root.join(SPEC_DIR).join("v3.yaml")).map_err(|e| e.to_string())
        },
        refused_with: None,
        probe: Some(REMOVED_VERSION_PROBE),
        cli: Some((&["--help"], &["v3.1"])),
        docs: true,
    },
    Case {
        name: "copy-without-paths",
        what: "spec/v3.2.yaml: a copy of v3.1 whose paths still say /api/v3.1/",
        edit: |root| write_spec(root, "v3.2", &read_spec(root, "v3.1")?),
        refused_with: Some("the path names API version `v3.1`, but the file is the spec of `v3.2`"),
        probe: None,
        cli: None,
        docs: false,
    },
    Case {
        name: "envelope-code-text",
        what: "v3.1: the error envelope's `code` becomes a string, which ApiError cannot hold",
        edit: |root| {
            edit_yaml(root, "v3.1", |doc| {
                let code = doc
                    .get_mut("components")
                    .and_then(|c| c.get_mut("schemas"))
                    .and_then(|s| s.get_mut("ErrorDetail"))
                    .and_then(|d| d.get_mut("properties"))
                    .and_then(|p| p.get_mut("code"))
                    .and_then(Value::as_mapping_mut)
                    .ok_or_else(|| "no ErrorDetail.code".to_owned())?;
                code.insert("type".into(), "string".into());
                Ok(())
            })
        },
        refused_with: Some("`error.code` is `String` in Rust, which `ApiError` cannot hold"),
        probe: None,
        cli: None,
        docs: false,
    },
];

/// The operation the `add-operation` case adds.
const ADDED_OPERATION: &str = r##"
get:
  operationId: getWidget
  summary: Get a widget
  parameters:
    - name: widget_id
      in: path
      required: true
      description: The widget to get
      schema:
        type: string
  responses:
    "200":
      description: The widget
      content:
        application/json:
          schema:
            type: object
            required: [id]
            properties:
              id:
                type: string
    "404":
      description: No such widget
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/ErrorEnvelope'
"##;

/// Calls the added operation with `execute()` and mocks it.
const ADDED_OPERATION_PROBE: &str = r#"
use composio_link::prelude::*;

async fn call(client: &Client) -> Result<String, Error> {
    let widget = client.v3_1().get_widget().widget_id("w_1").execute().await?;
    Ok(widget.into_inner().id)
}

fn mock(server: &httpmock::MockServer) {
    use composio_link::mock::v3_1::MockServerExt;
    let _ = server.get_widget(|when, then| {
        let _ = when.widget_id("w_1");
        let _ = then;
    });
}

fn main() {
    let _ = (call, mock);
}
"#;

/// Calls an operation of the added version and mocks it.
const ADDED_VERSION_PROBE: &str = r#"
use composio_link::prelude::*;

async fn call(client: &Client) -> Result<String, Error> {
    let link = client
        .v3_2()
        .post_connected_accounts_link()
        .body_map(|body| body.auth_config_id("ac_1").user_id("u_1"))
        .execute()
        .await?;
    Ok(link.into_inner().redirect_url)
}

fn mock(server: &httpmock::MockServer) {
    use composio_link::mock::v3_2::MockServerExt;
    let _ = server.post_connected_accounts_link(|when, then| {
        let _ = (when, then);
    });
}

fn main() {
    let _ = (call, mock);
    assert!(composio_link::API_VERSIONS.contains(&"v3.2"));
}
"#;

/// Compiles only if v3 is gone and v3.1 is left.
const REMOVED_VERSION_PROBE: &str = r#"
const _: () = assert!(composio_link::API_VERSIONS.len() == 1);

fn main() {
    let _ = composio_link::Client::v3_1;
}
"#;

/// What one case found.
pub struct Outcome {
    /// The case.
    pub name: &'static str,
    /// `Ok(summary)` or `Err(what went wrong)`.
    pub result: Result<String, String>,
}

/// Runs every case whose name contains `filter` (all when `None`) on scratch copies of the
/// workspace at `root`, printing a line per case as it ends.
pub fn run(root: &Path, filter: Option<&str>) -> Vec<Outcome> {
    let target = root.join("target");
    CASES
        .iter()
        .filter(|case| filter.is_none_or(|f| case.name.contains(f)))
        .map(|case| {
            let started = Instant::now();
            let result = run_case(root, &target, case);
            let seconds = started.elapsed().as_secs();
            match &result {
                Ok(summary) => println!("ok   {} ({seconds} s): {summary}", case.name),
                Err(e) => println!("FAIL {} ({seconds} s): {}\n{e}", case.name, case.what),
            }
            Outcome {
                name: case.name,
                result,
            }
        })
        .collect()
}

fn run_case(root: &Path, target: &Path, case: &Case) -> Result<String, String> {
    let scratch = tempfile::Builder::new()
        .prefix(&format!("composio-link-selftest-{}-", case.name))
        .tempdir()
        .map_err(|e| format!("cannot make a scratch folder: {e}"))?;
    let copy = scratch.path();
    copy_workspace(root, copy)?;
    (case.edit)(copy).map_err(|e| format!("the edit failed: {e}"))?;
    let regen = codegen::regen(copy, Mode::Write);
    match (case.refused_with, regen) {
        (Some(expected), Err(e)) if e.to_string().contains(expected) => {
            return Ok(format!("regen refused it: {e}"));
        }
        (Some(expected), Err(e)) => {
            return Err(format!("regen refused it, but not with `{expected}`: {e}"));
        }
        (Some(_), Ok(_)) => return Err("regen accepted an edit it must refuse".to_owned()),
        (None, Err(e)) => return Err(format!("regen refused it: {e}")),
        (None, Ok(_)) => {}
    }
    let mut check = vec![
        "check",
        "-p",
        "composio-link",
        "--all-features",
        "--lib",
        "--bins",
    ];
    if let Some(probe) = case.probe {
        let path = copy.join("generated-client/examples/selftest_probe.rs");
        fs::write(&path, probe).map_err(|e| format!("{}: {e}", path.display()))?;
        check.extend(["--example", "selftest_probe"]);
    }
    cargo(copy, target, &check)?;
    let mut summary = "regen and cargo check passed".to_owned();
    if case.docs {
        cargo_with(
            copy,
            target,
            &["doc", "-p", "composio-link", "--all-features", "--no-deps"],
            &[("RUSTDOCFLAGS", "-Dwarnings")],
        )?;
        summary.push_str(", its docs build without a warning");
    }
    if case.probe.is_some() {
        summary.push_str(", the probe compiled");
    }
    if let Some((args, expected)) = case.cli {
        let mut run = vec![
            "run",
            "-q",
            "-p",
            "composio-link",
            "--features",
            "cli",
            "--bin",
            "composio-link",
            "--",
        ];
        run.extend(args);
        let help = cargo(copy, target, &run)?;
        if let Some(missing) = expected.iter().find(|e| !help.contains(**e)) {
            return Err(format!(
                "`composio-link {}` does not show `{missing}`:\n{help}",
                args.join(" ")
            ));
        }
        summary.push_str(&format!(", `composio-link {}` shows it", args.join(" ")));
    }
    Ok(summary)
}

/// Runs cargo in the scratch copy with the shared target folder; its stdout, or its stderr as
/// the error.
fn cargo(copy: &Path, target: &Path, args: &[&str]) -> Result<String, String> {
    cargo_with(copy, target, args, &[])
}

/// As [`cargo`], with extra environment variables.
fn cargo_with(
    copy: &Path,
    target: &Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> Result<String, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(args)
        .arg("--locked")
        .current_dir(copy)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_TERM_COLOR", "never")
        .envs(env.iter().copied())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(format!(
            "`cargo {}` failed:\n{}",
            args.join(" "),
            tail(&String::from_utf8_lossy(&output.stderr), 60)
        ))
    }
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// Folders a scratch copy leaves out: build output, VCS data, installed tools.
const SKIPPED: &[&str] = &["target", ".git", "node_modules", ".tools"];

/// Copies the workspace at `from` to `to`, without its build output, VCS data and installed
/// tools.
pub fn copy_workspace(from: &Path, to: &Path) -> Result<(), String> {
    let mut folders: Vec<PathBuf> = vec![PathBuf::new()];
    while let Some(relative) = folders.pop() {
        let source = from.join(&relative);
        let entries = fs::read_dir(&source).map_err(|e| format!("{}: {e}", source.display()))?;
        fs::create_dir_all(to.join(&relative))
            .map_err(|e| format!("{}: {e}", to.join(&relative).display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("{}: {e}", source.display()))?;
            let name = entry.file_name();
            let path = relative.join(&name);
            let kind = entry
                .file_type()
                .map_err(|e| format!("{}: {e}", path.display()))?;
            if kind.is_dir() {
                if !SKIPPED.iter().any(|s| name == *s) {
                    folders.push(path);
                }
            } else if kind.is_file() {
                fs::copy(entry.path(), to.join(&path))
                    .map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
    }
    Ok(())
}

fn spec_path(root: &Path, version: &str) -> PathBuf {
    root.join(SPEC_DIR).join(format!("{version}.yaml"))
}

fn read_spec(root: &Path, version: &str) -> Result<String, String> {
    let path = spec_path(root, version);
    fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write_spec(root: &Path, version: &str, text: &str) -> Result<(), String> {
    let path = spec_path(root, version);
    fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn replace(root: &Path, version: &str, from: &str, to: &str) -> Result<(), String> {
    let text = read_spec(root, version)?;
    if !text.contains(from) {
        return Err(format!("spec/{version}.yaml has no `{from}`"));
    }
    write_spec(root, version, &text.replace(from, to))
}

/// Rewrites a spec through `f` on its YAML tree (comments and layout are not kept: the copy is
/// thrown away).
fn edit_yaml(
    root: &Path,
    version: &str,
    f: impl FnOnce(&mut Value) -> Result<(), String>,
) -> Result<(), String> {
    let mut doc: Value =
        serde_yaml_ng::from_str(&read_spec(root, version)?).map_err(|e| e.to_string())?;
    f(&mut doc)?;
    write_spec(
        root,
        version,
        &serde_yaml_ng::to_string(&doc).map_err(|e| e.to_string())?,
    )
}

fn paths(doc: &mut Value) -> Result<&mut Mapping, String> {
    doc.get_mut("paths")
        .and_then(Value::as_mapping_mut)
        .ok_or_else(|| "the spec has no paths".to_owned())
}
