//! The drift corpus: each file of `tests/drift-cases/` (but `base.yaml`) is a small edit of
//! `base.yaml` with the classification it must get at both levels, and this test checks each.
//!
//! A case file holds `summary` (what the edit is), optionally `from` (operations that turn the
//! base into the document compared from, for an edit whose starting point the base lacks, such
//! as an optional request body that becomes required), `patch` (JSON-Patch-style `add`,
//! `replace` and `remove` operations on that document, giving the document compared to) and
//! `expect`: the exact list of wire-level changes and of Rust-level changes, each as
//! `<level> <rule id>`, the crate bump, optionally strings the report must `mention`, and
//! optionally `at`: for a rule ID, the text that every change under that rule must point at
//! (the start of the line from its position, in the patched document for what was added or
//! changed, in the document compared from for what was removed).
//!
//! `drift_rules.rs` checks that these expectations, taken together, name every rule.

use std::path::{Path, PathBuf};

use composio_link_generator::drift::{Bump, Side};
use composio_link_generator::{Spec, drift, load};
use composio_link_tests::yaml_strings as strings;
use serde_yaml_ng::Value;

fn cases_dir() -> PathBuf {
    composio_link_tests::workspace_root().join("tests/drift-cases")
}

fn read_yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The document as a spec, and the text it was loaded from (which the positions refer to).
fn spec(name: &str, document: &Value) -> (Spec, String) {
    let text = serde_yaml_ng::to_string(document).unwrap_or_else(|e| panic!("{name}: {e}"));
    let spec = load(name, text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    (spec, text)
}

/// The tokens of a JSON pointer (`/paths/~1api~1v1~1widgets/post`).
fn pointer(path: &str) -> Vec<String> {
    path.split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

fn child<'a>(value: &'a mut Value, token: &str, case: &str) -> &'a mut Value {
    match value {
        Value::Mapping(map) => map
            .get_mut(token)
            .unwrap_or_else(|| panic!("{case}: no member `{token}`")),
        Value::Sequence(items) => {
            let index: usize = token
                .parse()
                .unwrap_or_else(|_| panic!("{case}: `{token}` is not an index"));
            items
                .get_mut(index)
                .unwrap_or_else(|| panic!("{case}: no item {index}"))
        }
        _ => panic!("{case}: `{token}` is under a scalar"),
    }
}

/// Applies one `add`, `replace` or `remove` operation to `document`.
fn apply(document: &mut Value, operation: &Value, case: &str) {
    let op = operation["op"]
        .as_str()
        .unwrap_or_else(|| panic!("{case}: op"));
    let path = operation["path"]
        .as_str()
        .unwrap_or_else(|| panic!("{case}: path"));
    let mut tokens = pointer(path);
    let last = tokens.pop().unwrap_or_else(|| panic!("{case}: empty path"));
    let parent = tokens.iter().fold(document, |v, t| child(v, t, case));
    let value = operation.get("value").cloned();
    match (op, parent) {
        ("add", Value::Mapping(map)) => {
            map.insert(
                Value::from(last),
                value.unwrap_or_else(|| panic!("{case}: value")),
            );
        }
        ("add", Value::Sequence(items)) if last == "-" => {
            items.push(value.unwrap_or_else(|| panic!("{case}: value")));
        }
        ("replace", parent) => {
            *child(parent, &last, case) = value.unwrap_or_else(|| panic!("{case}: value"));
        }
        ("remove", Value::Mapping(map)) => {
            assert!(
                map.remove(&last).is_some(),
                "{case}: nothing to remove at {path}"
            );
        }
        ("remove", Value::Sequence(items)) => {
            let index: usize = last.parse().unwrap_or_else(|_| panic!("{case}: index"));
            assert!(index < items.len(), "{case}: nothing to remove at {path}");
            items.remove(index);
        }
        (op, _) => panic!("{case}: cannot `{op}` at {path}"),
    }
}

#[test]
fn every_case_is_classified_as_expected() {
    let base_path = cases_dir().join("base.yaml");
    let base_document = read_yaml(&base_path);
    let (base, base_text) = spec("tests/drift-cases/base.yaml", &base_document);
    let mut files: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .unwrap_or_else(|e| panic!("tests/drift-cases: {e}"))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml") && !p.ends_with("base.yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "only {} cases", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let name = format!(
            "tests/drift-cases/{}",
            file.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        );
        let case = read_yaml(file);
        let from = case["from"].as_sequence();
        let mut old_document = base_document.clone();
        for operation in from.into_iter().flatten() {
            apply(&mut old_document, operation, &name);
        }
        let (old, old_text) = match from {
            Some(_) => spec(&format!("{name} (from)"), &old_document),
            None => (base.clone(), base_text.clone()),
        };
        let mut document = old_document;
        for operation in case["patch"].as_sequence().into_iter().flatten() {
            apply(&mut document, operation, &name);
        }
        let (patched, patched_text) = spec(&name, &document);
        let report = drift(&old, &patched).unwrap_or_else(|e| panic!("{e}"));
        let side = |side: Side| -> Vec<String> {
            let mut list: Vec<String> = report
                .changes
                .iter()
                .filter(|c| c.side == side)
                .map(|c| format!("{} {}", c.level, c.id))
                .collect();
            list.sort();
            list
        };
        let sorted = |mut v: Vec<String>| {
            v.sort();
            v
        };
        let expect = &case["expect"];
        let bump = match expect["bump"].as_str() {
            Some("major") => Bump::Major,
            Some("minor") => Bump::Minor,
            Some("patch") => Bump::Patch,
            Some("none") => Bump::None,
            other => panic!("{name}: bad bump {other:?}"),
        };
        let text = report.to_string();
        let mut problems = Vec::new();
        for (label, got, expected) in [
            ("wire", side(Side::Wire), sorted(strings(&expect["wire"]))),
            ("rust", side(Side::Rust), sorted(strings(&expect["rust"]))),
        ] {
            if got != expected {
                problems.push(format!("{label}: expected {expected:?}, got {got:?}"));
            }
        }
        if report.bump != bump {
            problems.push(format!("bump: expected {bump}, got {}", report.bump));
        }
        for mention in strings(&expect["mentions"]) {
            if !text.contains(&mention) {
                problems.push(format!("does not mention {mention:?}"));
            }
        }
        if let Some(at) = expect["at"].as_mapping() {
            for (rule, expected) in at {
                let (rule, expected) = (rule.as_str().unwrap_or_default(), expected.as_str());
                let expected = expected.unwrap_or_else(|| panic!("{name}: at {rule}: text"));
                let placed: Vec<_> = report.changes.iter().filter(|c| c.id == rule).collect();
                if placed.is_empty() {
                    problems.push(format!("at: no {rule} change"));
                }
                for change in placed {
                    let text = if change.position.file == old.file() {
                        &old_text
                    } else {
                        &patched_text
                    };
                    let found = composio_link_tests::text_at(
                        text,
                        change.position.line,
                        change.position.column,
                    )
                    .unwrap_or_default();
                    if !found.starts_with(expected) {
                        problems.push(format!(
                            "{rule} at {} points at {found:?}, expected {expected:?}",
                            change.position
                        ));
                    }
                }
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{name}: {}\n{text}", problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The base compared with itself has no change at all.
#[test]
fn the_base_has_no_drift_from_itself() {
    let document = read_yaml(&cases_dir().join("base.yaml"));
    let (base, _) = spec("tests/drift-cases/base.yaml", &document);
    let report = drift(&base, &base).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.changes, Vec::new());
    assert_eq!(report.bump, Bump::None);
}
