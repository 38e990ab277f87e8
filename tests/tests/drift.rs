//! The classified drift between v3 and v3.1, pinned as insta snapshots in each form a reviewer
//! reads (text, Markdown, GitHub workflow commands), and the semver summary that
//! `cargo xtask regen` prints, checked on scratch copies of the workspace.

use std::path::{Path, PathBuf};

use composio_link_generator::drift::{Bump, RustRule, WireRule};
use serde_yaml_ng::Value;
use xtask::drift::{render, report};
use xtask::report::Format;
use xtask::scratch::{Workspace, schema_mut};
use xtask::summary::{RegenSummary, regen_summary};

fn root() -> PathBuf {
    composio_link_tests::workspace_root()
}

fn text_report() -> String {
    rendered(Format::Text)
}

fn rendered(format: Format) -> String {
    render(&root(), Some("v3"), Some("v3.1"), format).unwrap_or_else(|e| panic!("{e}"))
}

/// Every change of the v3 → v3.1 report, one single line each (not grouped).
fn change_lines() -> Vec<String> {
    report(&root(), Some("v3"), Some("v3.1"))
        .unwrap_or_else(|e| panic!("{e}"))
        .changes
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// What `cargo xtask drift` prints for the real specs.
#[test]
fn drift_report_v3_to_v3_1() {
    insta::assert_snapshot!("drift_report_v3_to_v3_1", text_report());
}

/// What `cargo xtask drift --format markdown` prints for the real specs: a pull-request comment.
#[test]
fn drift_markdown_v3_to_v3_1() {
    insta::assert_snapshot!("drift_markdown_v3_to_v3_1", rendered(Format::Markdown));
}

/// What `cargo xtask drift --format github` prints for the real specs: one workflow command
/// per change.
#[test]
fn drift_github_v3_to_v3_1() {
    insta::assert_snapshot!("drift_github_v3_to_v3_1", rendered(Format::Github));
}

/// Every line of the text form but the header names `file:line:column`, and the position is
/// the line of the spec the change is about.
#[test]
fn every_text_line_names_a_position() {
    let text = text_report();
    let specs = [
        ("spec/v3.yaml", spec_text("spec/v3.yaml")),
        ("spec/v3.1.yaml", spec_text("spec/v3.1.yaml")),
    ];
    for line in text.lines().skip(1) {
        let (file, line_number, column) = composio_link_tests::line_position(line)
            .unwrap_or_else(|| panic!("no file:line:column in {line:?}"));
        let spec = specs
            .iter()
            .find(|(name, _)| *name == file)
            .map(|(_, text)| text)
            .unwrap_or_else(|| panic!("unknown file in {line:?}"));
        assert!(
            composio_link_tests::text_at(spec, line_number, column).is_some_and(|t| !t.is_empty()),
            "{line:?} points past its line"
        );
    }
    // A few positions, read in the spec itself.
    let v3_1 = &specs[1].1;
    for (position, expected) in [
        ((751, 9), "toolkit:"),
        ((860, 9), "alias:"),
        ((800, 5), "AccountType:"),
        ((827, 21), "1000"),
        ((36, 3), "/api/v3.1/tool_router/session/{session_id}/link:"),
        ((21, 12), "3.1.0"),
    ] {
        let found = composio_link_tests::text_at(v3_1, position.0, position.1).unwrap_or_default();
        assert!(found.starts_with(expected), "{position:?} is {found:?}");
    }
}

fn spec_text(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Changes that differ only by response status or operation are one line in the text form.
#[test]
fn the_text_form_groups_by_status_and_operation() {
    let text = text_report();
    let line = "info at spec/v3.1.yaml:860:9 (also 756:9), in API POST /connected_accounts/link \
                and POST /tool_router/session/{session_id}/link added the new optional request \
                property `alias` [new-optional-request-property].";
    assert!(
        text.lines().any(|l| l == line),
        "missing {line:?} in:\n{text}"
    );
    let descriptions = text
        .lines()
        .filter(|l| l.contains("changed the description of the response with the status"))
        .count();
    assert_eq!(descriptions, 1, "{text}");
    assert!(text.lines().count() - 1 < change_lines().len());
}

/// The GitHub form is one workflow command per change, on the change's line, with the command
/// its level asks for.
#[test]
fn the_github_form_has_one_command_per_change() {
    let github = rendered(Format::Github);
    let changes = change_lines();
    assert_eq!(github.lines().count(), changes.len());
    for (command, change) in github.lines().zip(&changes) {
        let (file, line, column) = composio_link_tests::line_position(change)
            .unwrap_or_else(|| panic!("no position in {change:?}"));
        let kind = match change.split_once(' ').map(|(level, _)| level) {
            Some("error" | "major") => "error",
            Some("warning" | "minor") => "warning",
            _ => "notice",
        };
        let prefix = format!("::{kind} file={file},line={line},col={column},title=");
        assert!(command.starts_with(&prefix), "{command:?} for {change:?}");
    }
}

/// The v3.1 additions are in the report, each with its rule and the line of the spec it is on
/// (`alias:` under `ConnectedAccountLinkRequest` is line 860, `AccountType:` line 800).
#[test]
fn the_report_classifies_alias_experimental_and_account_type() {
    let report = change_lines();
    for line in [
        "info at spec/v3.1.yaml:860:9, in API POST /connected_accounts/link added the new optional request property `alias` [new-optional-request-property].",
        "info at spec/v3.1.yaml:756:9, in API POST /tool_router/session/{session_id}/link added the new optional request property `alias` [new-optional-request-property].",
        "info at spec/v3.1.yaml:766:9, in API POST /tool_router/session/{session_id}/link added the new optional request property `experimental` [new-optional-request-property].",
        "info at spec/v3.1.yaml:787:9, in API POST /tool_router/session/{session_id}/link added the optional property `experimental` to the response with the `201` status [response-optional-property-added].",
        "info at spec/v3.1.yaml:870:9, in API POST /connected_accounts/link added the new optional request property `account_type` [new-optional-request-property].",
        "info at spec/v3.1.yaml:903:9, in API POST /connected_accounts/link added the optional property `account_type` to the response with the `201` status [response-optional-property-added].",
        "minor at spec/v3.1.yaml:860:9, in Rust types::ConnectedAccountLinkRequest added the pub field `alias: Option<String>` to a struct that cannot be built with a literal [struct_pub_field_added].",
        "minor at spec/v3.1.yaml:766:9, in Rust types::ToolRouterLinkRequest added the pub field `experimental: Option<LinkExperimental>` to a struct that cannot be built with a literal [struct_pub_field_added].",
        "minor at spec/v3.1.yaml:870:9, in Rust types::ConnectedAccountLinkRequest added the pub field `account_type: Option<AccountType>` to a struct that cannot be built with a literal [struct_pub_field_added].",
        "minor at spec/v3.1.yaml:800:5, in Rust types::AccountType added the non-exhaustive enum `types::AccountType` [non_exhaustive_enum_added].",
    ] {
        assert!(
            report.iter().any(|l| l == line),
            "missing {line:?} in:\n{}",
            report.join("\n")
        );
    }
}

/// `--format json` carries the same header and one entry per change (not grouped), each with
/// its single line and its position as fields.
#[test]
fn json_has_the_same_content() {
    let text = text_report();
    let json =
        render(&root(), Some("v3"), Some("v3.1"), Format::Json).unwrap_or_else(|e| panic!("{e}"));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        Some(value["header"].as_str().unwrap_or_default()),
        text.lines().next()
    );
    let changes = value["changes"].as_array().cloned().unwrap_or_default();
    let json_lines: Vec<&str> = changes
        .iter()
        .map(|c| c["line"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(json_lines, change_lines());
    assert_eq!(changes.len(), 64);
    for change in &changes {
        let (file, line, column) =
            composio_link_tests::line_position(change["line"].as_str().unwrap_or_default())
                .unwrap_or_else(|| panic!("no position in {change}"));
        assert_eq!(change["position"]["file"], file.as_str(), "{change}");
        assert_eq!(change["position"]["line"], line, "{change}");
        assert_eq!(change["position"]["column"], column, "{change}");
    }
    // Every type is #[non_exhaustive] and v3's `toolkit` has v3.1's minLength (so the same
    // newtype): what v3.1 adds is minor.
    assert_eq!(value["bump"], "minor");
    let errors = changes.iter().filter(|c| c["level"] == "error").count();
    assert_eq!(value["counts"]["error"].as_u64(), Some(errors as u64));
}

/// Every rule has its own ID, and oasdiff's IDs are kebab-case while cargo-semver-checks'
/// names are snake_case, as the tools write them.
#[test]
fn rule_ids_are_unique_and_spelled_as_their_tools_spell_them() {
    let mut ids: Vec<&str> = WireRule::ALL.iter().map(|r| r.id()).collect();
    ids.extend(RustRule::ALL.iter().map(|r| r.id()));
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "duplicate rule IDs");
    assert!(WireRule::ALL.iter().all(|r| !r.id().contains('_')));
    assert!(RustRule::ALL.iter().all(|r| !r.id().contains('-')));
}

/// A copy of the spec and generated folders in a temporary folder, removed on drop.
struct Scratch(Workspace);

impl Scratch {
    fn new() -> Self {
        Self(Workspace::layout_of(&root()).unwrap_or_else(|e| panic!("{e}")))
    }

    fn path(&self) -> &Path {
        self.0.root()
    }

    /// Rewrites `spec/v3.1.yaml` through `edit`.
    fn edit_v3_1(&self, edit: impl FnOnce(&mut Value)) {
        self.0
            .edit_spec("v3.1", |document| {
                edit(document);
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{e}"));
    }

    fn summary(&self) -> RegenSummary {
        regen_summary(self.path()).unwrap_or_else(|e| panic!("{e}"))
    }
}

fn request_schema(document: &mut Value) -> &mut Value {
    schema_mut(document, "ConnectedAccountLinkRequest")
        .unwrap_or_else(|| panic!("no ConnectedAccountLinkRequest"))
}

#[test]
fn regen_summary_is_none_when_nothing_changes() {
    let scratch = Scratch::new();
    // Re-serialising the YAML changes the bytes (and so the header's hash), not the module.
    scratch.edit_v3_1(|_| {});
    let summary = scratch.summary();
    assert_eq!(summary.bump(), Bump::None, "{summary}");
    assert!(
        summary.to_string().starts_with("semver: no version bump"),
        "{summary}"
    );
}

/// A required field added to v3.1 makes regen report `major` and name the field.
#[test]
fn regen_summary_reports_a_required_field_as_major() {
    let scratch = Scratch::new();
    scratch.edit_v3_1(|document| {
        let schema = request_schema(document);
        if let Some(Value::Mapping(properties)) = schema.get_mut("properties") {
            assert!(!properties.contains_key("required_probe"));
            properties.insert(
                Value::from("required_probe"),
                serde_yaml_ng::from_str("{type: string, description: A probe}")
                    .unwrap_or_else(|e| panic!("{e}")),
            );
        }
        if let Some(Value::Sequence(required)) = schema.get_mut("required") {
            required.push(Value::from("required_probe"));
        }
    });
    let summary = scratch.summary();
    let text = summary.to_string();
    assert_eq!(summary.bump(), Bump::Major, "{text}");
    assert!(
        text.starts_with("semver: composio-link needs a major version bump"),
        "{text}"
    );
    let expected = "  v3.1 (generated-client/src/generated/v3_1.rs): major, 1 Rust-level change:\n    \
        major at spec/v3.1.yaml:";
    let (_, at) = text
        .split_once(expected)
        .unwrap_or_else(|| panic!("missing {expected:?} in:\n{text}"));
    let (at, rest) = at
        .split_once(", in Rust ")
        .unwrap_or_else(|| panic!("no item after the position in {text}"));
    assert!(
        rest.starts_with(
            "types::ConnectedAccountLinkRequest added the required field `required_probe: \
             String`: code that builds the struct through its builder compiles, but its \
             `try_into()` fails without it [struct_required_field_added].\n"
        ),
        "{text}"
    );
    // The position is the property in the edited spec.
    let (line, column) = at
        .split_once(':')
        .and_then(|(l, c)| Some((l.parse().ok()?, c.parse().ok()?)))
        .unwrap_or_else(|| panic!("no line:column in {text}"));
    let spec = std::fs::read_to_string(scratch.path().join("spec/v3.1.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let found = composio_link_tests::text_at(&spec, line, column).unwrap_or_default();
    assert!(
        found.starts_with("required_probe:"),
        "{line}:{column} is {found:?}"
    );
    assert!(
        text.contains(
            "  v3 (generated-client/src/generated/v3.rs): none, the generated module is unchanged."
        ),
        "{text}"
    );
}

/// A description edit changes only documentation: `patch`.
#[test]
fn regen_summary_reports_a_description_edit_as_patch() {
    let scratch = Scratch::new();
    scratch.edit_v3_1(|document| {
        let user_id = request_schema(document)
            .get_mut("properties")
            .and_then(|p| p.get_mut("user_id"))
            .unwrap_or_else(|| panic!("no user_id"));
        if let Value::Mapping(user_id) = user_id {
            user_id.insert(
                Value::from("description"),
                Value::from("The user id to create a link for, edited"),
            );
        }
    });
    let summary = scratch.summary();
    let text = summary.to_string();
    assert_eq!(summary.bump(), Bump::Patch, "{text}");
    assert!(
        text.contains(
            "v3.1 (generated-client/src/generated/v3_1.rs): patch, 1 Rust-level change:\n    \
             patch at spec/v3.1.yaml:1:1, in Rust module changed only in its documentation"
        ),
        "{text}"
    );
}

/// Twenty operations added to v3.1 (its two link operations copied ten times under new paths
/// and operationIds): the summary is one line per operation, each short, with the operation's
/// `REQUEST_CONSTRAINTS` rows counted on its line rather than listed.
#[test]
fn regen_summary_of_twenty_added_operations_is_one_short_line_each() {
    const LINK_OPERATIONS: [(&str, &str); 2] = [
        (
            "/api/v3.1/tool_router/session/{session_id}/link",
            "postToolRouterSessionBySessionIdLink",
        ),
        (
            "/api/v3.1/connected_accounts/link",
            "postConnectedAccountsLink",
        ),
    ];
    let scratch = Scratch::new();
    scratch.edit_v3_1(|document| {
        let Some(Value::Mapping(paths)) = document.get_mut("paths") else {
            panic!("no paths");
        };
        for copy in 0..10 {
            for (path, operation_id) in LINK_OPERATIONS {
                let mut item = paths
                    .get(path)
                    .cloned()
                    .unwrap_or_else(|| panic!("no {path}"));
                let post = item.get_mut("post").unwrap_or_else(|| panic!("no post"));
                if let Value::Mapping(post) = post {
                    post.insert(
                        Value::from("operationId"),
                        Value::from(format!("{operation_id}Copy{copy}")),
                    );
                }
                paths.insert(Value::from(format!("{path}{copy}")), item);
            }
        }
    });
    // The rows each original operation has in the committed module: each copy brings as many.
    let module = std::fs::read_to_string(root().join("generated-client/src/generated/v3_1.rs"))
        .unwrap_or_else(|e| panic!("{e}"));
    let rows = |method: &str| composio_link_tests::constraint_rows(&module, method);
    let methods = [
        "post_tool_router_session_by_session_id_link",
        "post_connected_accounts_link",
    ];
    assert!(
        rows(methods[0]) > 0,
        "the tool router link has no constraint row"
    );

    let summary = scratch.summary();
    let text = summary.to_string();
    assert_eq!(summary.bump(), Bump::Minor, "{text}");
    let total: usize = methods.iter().map(|m| 10 * (1 + rows(m))).sum();
    let header = format!(
        "  v3.1 (generated-client/src/generated/v3_1.rs): minor, {total} Rust-level changes in \
         20 lines:"
    );
    let (_, v3_1) = text
        .split_once(&format!("{header}\n"))
        .unwrap_or_else(|| panic!("missing {header:?} in:\n{text}"));
    let lines: Vec<&str> = v3_1.lines().collect();
    assert_eq!(lines.len(), 20, "{text}");
    for line in text.lines() {
        assert!(
            line.len() <= 200,
            "a line of {} characters: {line}",
            line.len()
        );
    }
    for method in methods {
        for copy in 0..10 {
            let name = format!("`Client::{method}_copy{copy}`");
            let line = lines
                .iter()
                .find(|l| l.contains(&name))
                .unwrap_or_else(|| panic!("no line for {name} in:\n{text}"));
            let expected = match rows(method) {
                0 => format!("added the method {name} [inherent_method_added]."),
                1 => {
                    format!("added the method {name} (+ 1 constraint row) [inherent_method_added].")
                }
                n => format!(
                    "added the method {name} (+ {n} constraint rows) [inherent_method_added]."
                ),
            };
            assert!(
                line.starts_with("    minor at spec/v3.1.yaml:") && line.ends_with(&expected),
                "{line}"
            );
        }
    }
}

/// An added operation with an inline request body: the types generated for it (named after the
/// operation) and its constraint row are counted on its line, not listed.
#[test]
fn regen_summary_counts_an_added_operation_s_types_on_its_line() {
    let scratch = Scratch::new();
    scratch.edit_v3_1(|document| {
        let Some(Value::Mapping(paths)) = document.get_mut("paths") else {
            panic!("no paths");
        };
        let mut item = paths
            .get("/api/v3.1/connected_accounts/link")
            .cloned()
            .unwrap_or_else(|| panic!("no link operation"));
        let post = item.get_mut("post").unwrap_or_else(|| panic!("no post"));
        if let Value::Mapping(post) = post {
            post.insert(Value::from("operationId"), Value::from("postProbe"));
            post.insert(
                Value::from("requestBody"),
                serde_yaml_ng::from_str(
                    "{required: true, content: {application/json: {schema: {type: object, \
                     required: [name], properties: {name: {type: string, maxLength: 10}}}}}}",
                )
                .unwrap_or_else(|e| panic!("{e}")),
            );
        }
        paths.insert(Value::from("/api/v3.1/connected_accounts/probe"), item);
    });
    let text = scratch.summary().to_string();
    let (_, v3_1) = text
        .split_once("(generated-client/src/generated/v3_1.rs): minor, ")
        .unwrap_or_else(|| panic!("no minor v3.1 in:\n{text}"));
    let lines: Vec<&str> = v3_1.lines().skip(1).collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(
        lines[0].contains("added the method `Client::post_probe` (+ 1 constraint row, ")
            && lines[0].ends_with(" types) [inherent_method_added]."),
        "{text}"
    );
    assert!(!text.contains("types::PostProbe"), "{text}");
}

/// An optional field added to a response is additive: every generated struct is
/// `#[non_exhaustive]`, so `regen` announces `minor`, with cargo-semver-checks' view of it.
#[test]
fn regen_summary_reports_an_optional_response_field_as_minor() {
    let scratch = Scratch::new();
    scratch.edit_v3_1(|document| {
        let account = schema_mut(document, "ConnectedAccount")
            .unwrap_or_else(|| panic!("no ConnectedAccount"));
        if let Some(Value::Mapping(properties)) = account.get_mut("properties") {
            assert!(!properties.contains_key("nickname_probe"));
            properties.insert(
                Value::from("nickname_probe"),
                serde_yaml_ng::from_str("{type: string, description: A probe}")
                    .unwrap_or_else(|e| panic!("{e}")),
            );
        }
    });
    let summary = scratch.summary();
    let text = summary.to_string();
    assert_eq!(summary.bump(), Bump::Minor, "{text}");
    assert!(
        text.starts_with("semver: composio-link needs a minor version bump"),
        "{text}"
    );
    assert!(
        text.contains(
            ", in Rust types::ConnectedAccount added the pub field `nickname_probe: \
             Option<String>` to a struct that cannot be built with a literal \
             [struct_pub_field_added].\n"
        ),
        "{text}"
    );
}
