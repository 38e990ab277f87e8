//! The registry of drift rules against the drift corpus: every rule of the two rules tables
//! (`drift::WireRule::ALL`, `drift::RustRule::ALL`) is named by the `expect` of at least one
//! case, a spec case of `tests/drift-cases/` or a Rust-source case of `tests/drift-cases/rust/`.
//! `drift_cases.rs` and `drift_rust_cases.rs` check that each case gets exactly the changes its
//! `expect` lists, so a rule named there is a rule that a spec edit, or an edit of a generated
//! module, makes fire.
//!
//! The Rust-source cases are for the rules about Rust the code generator does not write today
//! (`#[non_exhaustive]` types, type aliases, a module without `REQUEST_CONSTRAINTS`): no pair of
//! specs makes those fire, but the classifier reads such code when a generator writes it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use composio_link_generator::drift::{Level, RustRule, WireRule};
use serde_yaml_ng::Value;

/// The folders of cases, from the workspace root: the spec cases (whose `base.yaml` is not a
/// case) and the Rust-source cases.
const CASE_FOLDERS: [&str; 2] = ["tests/drift-cases", "tests/drift-cases/rust"];

/// Every rule of both tables: its ID and its level.
fn table() -> BTreeMap<&'static str, Level> {
    let wire = WireRule::ALL.iter().map(|r| (r.id(), r.level()));
    let rust = RustRule::ALL.iter().map(|r| (r.id(), r.level()));
    wire.chain(rust).collect()
}

/// The case files of every folder of [`CASE_FOLDERS`], each with its name from the workspace
/// root, sorted.
fn case_files() -> Vec<(String, PathBuf)> {
    let root = composio_link_tests::workspace_root();
    let mut files = Vec::new();
    for folder in CASE_FOLDERS {
        let entries =
            std::fs::read_dir(root.join(folder)).unwrap_or_else(|e| panic!("{folder}: {e}"));
        for path in entries.filter_map(|entry| entry.ok().map(|e| e.path())) {
            if path.extension().is_some_and(|e| e == "yaml") && !path.ends_with("base.yaml") {
                let name = path
                    .file_name()
                    .map(|n| format!("{folder}/{}", n.to_string_lossy()))
                    .unwrap_or_default();
                files.push((name, path));
            }
        }
    }
    files.sort();
    files
}

/// Every `<level> <rule id>` that a case expects, with the cases that expect it.
fn expected_changes() -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, file) in case_files() {
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let case: Value =
            serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for side in ["wire", "rust"] {
            for change in case["expect"][side].as_sequence().into_iter().flatten() {
                let change = change
                    .as_str()
                    .unwrap_or_else(|| panic!("{name}: expect.{side}: {change:?} is not text"));
                out.entry(change.to_owned())
                    .or_default()
                    .insert(name.clone());
            }
        }
    }
    out
}

/// The rule IDs the cases expect to fire.
fn exercised() -> BTreeSet<String> {
    expected_changes()
        .keys()
        .filter_map(|change| change.split_once(' ').map(|(_, id)| id.to_owned()))
        .collect()
}

#[test]
fn every_rule_is_made_to_fire_by_a_drift_case() {
    let exercised = exercised();
    let missing: Vec<&str> = table()
        .into_keys()
        .filter(|id| !exercised.contains(*id))
        .collect();
    assert!(
        missing.is_empty(),
        "no case of tests/drift-cases/ or tests/drift-cases/rust/ makes these rules fire (add a \
         case whose expect names each): {}",
        missing.join(", ")
    );
}

#[test]
fn every_expected_change_names_a_rule_at_its_level() {
    let table = table();
    let mut problems = Vec::new();
    for (change, cases) in expected_changes() {
        let cases = cases.into_iter().collect::<Vec<_>>().join(", ");
        let Some((level, id)) = change.split_once(' ') else {
            problems.push(format!("{cases}: `{change}` is not `<level> <rule id>`"));
            continue;
        };
        match table.get(id) {
            None => problems.push(format!("{cases}: `{id}` is not a rule of the tables")),
            Some(rule_level) if rule_level.to_string() != level => problems.push(format!(
                "{cases}: `{id}` has the level {rule_level}, not {level}"
            )),
            Some(_) => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
