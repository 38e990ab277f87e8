//! The spec edits of `cargo xtask selftest`: the ones a maintainer makes most, each with what
//! must hold after it (regen refuses it with a message, or the crate compiles, a probe of what
//! was added compiles, the CLI shows it, the docs build).

use std::fs;

use composio_link_generator::drift::Bump;
use serde_yaml_ng::{Mapping, Value};

use crate::scratch::{Workspace, schema_mut};

/// One spec edit and what must hold after it.
pub struct Case {
    /// A short name, printed in the report.
    pub name: &'static str,
    /// What the edit does, for the report.
    pub what: &'static str,
    /// Edits the specs under the scratch root.
    pub edit: fn(&Workspace) -> Result<(), String>,
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
    /// The version bump `regen` must announce for an edit it accepts: what cargo-semver-checks
    /// requires of the crate for it (every generated type is `#[non_exhaustive]`, so what an
    /// edit adds is `minor`).
    pub bump: Option<Bump>,
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
        bump: Some(Bump::Major),
    },
    Case {
        name: "remove-operation",
        what: "v3.1: the tool router link operation is removed",
        edit: |root| {
            remove_path(
                root,
                "v3.1",
                "/api/v3.1/tool_router/session/{session_id}/link",
                "tool router",
            )
        },
        refused_with: None,
        probe: None,
        cli: Some((&["v3.1", "--help"], &["connected-accounts-link"])),
        docs: true,
        bump: Some(Bump::Major),
    },
    Case {
        name: "remove-connected-account-read",
        what: "v3.1: GET connected account is removed, so v3.1 has no wait for a connection",
        edit: |root| {
            remove_path(
                root,
                "v3.1",
                "/api/v3.1/connected_accounts/{nanoid}",
                "connected account",
            )
        },
        refused_with: None,
        probe: None,
        cli: Some((
            &["v3.1", "connected-accounts-link", "--help"],
            &["--auth-config-id"],
        )),
        docs: true,
        bump: Some(Bump::Major),
    },
    Case {
        name: "add-operation",
        what: "v3.1: GET /api/v3.1/widgets/{widget_id} is added",
        edit: |root| {
            root.edit_spec("v3.1", |doc| {
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
        bump: Some(Bump::Minor),
    },
    Case {
        name: "add-field",
        what: "v3.1: the connected accounts link request gains an optional `nickname`",
        edit: |root| {
            add_nickname(
                root,
                "ConnectedAccountLinkRequest",
                "A nickname for the link",
            )
        },
        refused_with: None,
        probe: None,
        cli: Some((
            &["v3.1", "connected-accounts-link", "--help"],
            &["--nickname", "A nickname for the link"],
        )),
        docs: false,
        bump: Some(Bump::Minor),
    },
    Case {
        name: "add-response-field",
        what: "v3.1: the connected account gains an optional `nickname` in responses",
        edit: |root| add_nickname(root, "ConnectedAccount", "The account's nickname"),
        refused_with: None,
        probe: Some(ADDED_RESPONSE_FIELD_PROBE),
        cli: None,
        docs: false,
        bump: Some(Bump::Minor),
    },
    Case {
        name: "add-enum-value",
        what: "v3.1: the connected account status gains the value `SUSPENDED`",
        edit: |root| {
            root.edit_spec("v3.1", |doc| {
                let values = schema_mut(doc, "ConnectedAccountStatus")
                    .and_then(|s| s.get_mut("enum"))
                    .and_then(Value::as_sequence_mut)
                    .ok_or_else(|| "no ConnectedAccountStatus enum".to_owned())?;
                values.push("SUSPENDED".into());
                Ok(())
            })
        },
        refused_with: None,
        probe: Some(ADDED_ENUM_VALUE_PROBE),
        cli: None,
        docs: false,
        bump: Some(Bump::Minor),
    },
    Case {
        name: "add-version",
        what: "spec/v3.2.yaml: a copy of v3.1 at /api/v3.2/",
        edit: |root| {
            let text = root.spec_text("v3.1")?.replace("/api/v3.1/", "/api/v3.2/");
            root.write_spec("v3.2", &text)
        },
        refused_with: None,
        probe: Some(ADDED_VERSION_PROBE),
        cli: Some((
            &["v3.2", "connected-accounts-link", "--help"],
            &["--auth-config-id"],
        )),
        docs: true,
        bump: Some(Bump::Minor),
    },
    Case {
        name: "remove-version",
        what: "spec/v3.yaml is deleted",
        edit: |root| fs::remove_file(root.spec_path("v3")).map_err(|e| e.to_string()),
        refused_with: None,
        probe: Some(REMOVED_VERSION_PROBE),
        cli: Some((&["--help"], &["v3.1"])),
        docs: true,
        bump: Some(Bump::Major),
    },
    Case {
        name: "copy-without-paths",
        what: "spec/v3.2.yaml: a copy of v3.1 whose paths still say /api/v3.1/",
        edit: |root| root.write_spec("v3.2", &root.spec_text("v3.1")?),
        refused_with: Some("the path names API version `v3.1`, but the file is the spec of `v3.2`"),
        probe: None,
        cli: None,
        docs: false,
        bump: None,
    },
    Case {
        name: "envelope-code-text",
        what: "v3.1: the error envelope's `code` becomes a string, which ApiError cannot hold",
        edit: |root| {
            root.edit_spec("v3.1", |doc| {
                let code = schema_mut(doc, "ErrorDetail")
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
        bump: None,
    },
];

/// Reads the field the `add-response-field` case adds.
const ADDED_RESPONSE_FIELD_PROBE: &str = r#"
use composio_link::v3_1::types::ConnectedAccount;

fn nickname(account: &ConnectedAccount) -> Option<&str> {
    account.nickname.as_deref()
}

fn main() {
    let _ = nickname;
}
"#;

/// Matches the value the `add-enum-value` case adds, beside the unknown ones.
const ADDED_ENUM_VALUE_PROBE: &str = r#"
use composio_link::v3_1::types::ConnectedAccountStatus;

fn suspended(status: &ConnectedAccountStatus) -> bool {
    match status {
        ConnectedAccountStatus::Suspended => true,
        _ => false,
    }
}

fn main() {
    let _ = suspended;
}
"#;

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

/// Replaces every `from` in the spec of `version` with `to`.
fn replace(root: &Workspace, version: &str, from: &str, to: &str) -> Result<(), String> {
    let text = root.spec_text(version)?;
    if !text.contains(from) {
        return Err(format!("spec/{version}.yaml has no `{from}`"));
    }
    root.write_spec(version, &text.replace(from, to))
}

/// Adds an optional string property `nickname` described as `description` to the component
/// schema `schema` of the v3.1 spec.
fn add_nickname(root: &Workspace, schema: &str, description: &str) -> Result<(), String> {
    root.edit_spec("v3.1", |doc| {
        let properties = schema_mut(doc, schema)
            .and_then(|r| r.get_mut("properties"))
            .and_then(Value::as_mapping_mut)
            .ok_or_else(|| format!("no {schema} properties"))?;
        let nickname: Value =
            serde_yaml_ng::from_str(&format!("{{type: string, description: {description}}}"))
                .map_err(|e| e.to_string())?;
        properties.insert("nickname".into(), nickname);
        Ok(())
    })
}

/// Removes the path item `path` from the spec of `version`; `what` names it when it is
/// missing.
fn remove_path(root: &Workspace, version: &str, path: &str, what: &str) -> Result<(), String> {
    root.edit_spec(version, |doc| {
        paths(doc)?
            .remove(path)
            .map(drop)
            .ok_or_else(|| format!("no {what} path"))
    })
}

/// The `paths` mapping of a spec.
fn paths(doc: &mut Value) -> Result<&mut Mapping, String> {
    doc.get_mut("paths")
        .and_then(Value::as_mapping_mut)
        .ok_or_else(|| "the spec has no paths".to_owned())
}
