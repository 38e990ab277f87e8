//! The Rust-source drift cases: each file of `tests/drift-cases/rust/` is a small edit of the
//! generated-like module `base.rs` with the Rust-level classification it must get, and this test
//! checks each through `drift::rust_drift`, with `spec/v3.1.yaml` as the spec the changes are
//! placed in.
//!
//! They are for the rules about Rust that the code generator does not write today (a
//! `#[non_exhaustive]` type, a type alias, a module without `REQUEST_CONSTRAINTS`), which no
//! pair of specs can make fire but a later generator, or another setting of it, could.
//!
//! A case file holds `summary` (what the edit is), optionally `from` (edits that turn the base
//! into the module compared from, for an edit whose starting point the base lacks, such as an
//! alias that is removed), `patch` (edits of that module, giving the module compared to) and
//! `expect`: the exact list of Rust-level changes, each as `<level> <rule id>`, the crate bump,
//! optionally strings the report must `mention`, and optionally `at`: for a rule ID, the text
//! of the spec that every change under that rule must point at (the start of the line from its
//! position). An edit is `find` (text that occurs exactly once in the module) and `replace`
//! (the text put in its place).
//!
//! `drift_rules.rs` checks that these expectations and those of `tests/drift-cases/`, taken
//! together, name every rule.

use std::path::{Path, PathBuf};

use composio_link_generator::drift::{RustDrift, rust_drift};
use composio_link_generator::{Spec, load};
use composio_link_tests::yaml_strings as strings;
use serde_yaml_ng::Value;

/// The spec the changes are placed in.
const SPEC: &str = "spec/v3.1.yaml";

fn cases_dir() -> PathBuf {
    composio_link_tests::workspace_root().join("tests/drift-cases/rust")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The spec of [`SPEC`] and its text (which the positions refer to).
fn spec() -> (Spec, String) {
    let text = read(&composio_link_tests::workspace_root().join(SPEC));
    let spec = load(SPEC, text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    (spec, text)
}

/// `source` with each `find` → `replace` edit of `edits` made in turn.
fn edited(source: &str, edits: &Value, case: &str) -> String {
    let mut out = source.to_owned();
    for edit in edits.as_sequence().into_iter().flatten() {
        let find = edit["find"]
            .as_str()
            .unwrap_or_else(|| panic!("{case}: an edit without `find`"));
        let replace = edit["replace"]
            .as_str()
            .unwrap_or_else(|| panic!("{case}: an edit without `replace`"));
        let count = out.matches(find).count();
        assert_eq!(count, 1, "{case}: {find:?} occurs {count} times, not once");
        out = out.replacen(find, replace, 1);
    }
    out
}

/// What is wrong with `drift` against the `expect` of a case (nothing when it is as expected).
fn problems(drift: &RustDrift, expect: &Value, spec_text: &str, case: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut got: Vec<String> = drift
        .changes
        .iter()
        .map(|c| format!("{} {}", c.level, c.id))
        .collect();
    got.sort();
    let mut expected = strings(&expect["rust"]);
    expected.sort();
    if got != expected {
        problems.push(format!("rust: expected {expected:?}, got {got:?}"));
    }
    let bump = expect["bump"]
        .as_str()
        .unwrap_or_else(|| panic!("{case}: no bump"));
    if drift.bump.to_string() != bump {
        problems.push(format!("bump: expected {bump}, got {}", drift.bump));
    }
    let lines: Vec<String> = drift.changes.iter().map(ToString::to_string).collect();
    for mention in strings(&expect["mentions"]) {
        if !lines.iter().any(|line| line.contains(&mention)) {
            problems.push(format!("does not mention {mention:?}"));
        }
    }
    for (rule, expected) in expect["at"].as_mapping().into_iter().flatten() {
        let rule = rule.as_str().unwrap_or_default();
        let expected = expected
            .as_str()
            .unwrap_or_else(|| panic!("{case}: at {rule}: text"));
        let placed: Vec<_> = drift.changes.iter().filter(|c| c.id == rule).collect();
        if placed.is_empty() {
            problems.push(format!("at: no {rule} change"));
        }
        for change in placed {
            let position = &change.position;
            let found = composio_link_tests::text_at(spec_text, position.line, position.column)
                .unwrap_or_default();
            if position.file != SPEC || !found.starts_with(expected) {
                problems.push(format!(
                    "{rule} at {position} points at {found:?}, expected {expected:?}"
                ));
            }
        }
    }
    problems
}

/// The case files, sorted.
fn case_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .unwrap_or_else(|e| panic!("tests/drift-cases/rust: {e}"))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_rust_source_case_is_classified_as_expected() {
    let (spec, spec_text) = spec();
    let base = read(&cases_dir().join("base.rs"));
    let files = case_files();
    assert!(files.len() >= 9, "only {} cases", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let name = format!(
            "tests/drift-cases/rust/{}",
            file.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        );
        let case: Value =
            serde_yaml_ng::from_str(&read(file)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(case["summary"].is_string(), "{name}: no summary");
        let old = edited(&base, &case["from"], &name);
        let new = edited(&old, &case["patch"], &name);
        let (old_name, new_name) = (format!("{name} (from)"), format!("{name} (to)"));
        let drift = rust_drift((&old_name, &old), (&new_name, &new), &spec)
            .unwrap_or_else(|e| panic!("{e}"));
        let problems = problems(&drift, &case["expect"], &spec_text, &name);
        if !problems.is_empty() {
            let lines: Vec<String> = drift.changes.iter().map(ToString::to_string).collect();
            failures.push(format!(
                "{name}: {}\n{}",
                problems.join("; "),
                lines.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The base compared with itself has no change at all.
#[test]
fn the_rust_base_has_no_drift_from_itself() {
    let (spec, _) = spec();
    let base = read(&cases_dir().join("base.rs"));
    let name = "tests/drift-cases/rust/base.rs";
    let drift = rust_drift((name, &base), (name, &base), &spec).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(drift.changes, Vec::new());
    assert_eq!(drift.bump.to_string(), "none");
}
