//! The registry of drift rules against the drift corpus: every rule of the two rules tables
//! (`drift::WireRule::ALL`, `drift::RustRule::ALL`) is named by the `expect` of at least one
//! case of `tests/drift-cases/`. `drift_cases.rs` checks that each case gets exactly the changes
//! its `expect` lists, so a rule named there is a rule that a spec edit makes fire.
//!
//! A few rules are about Rust items the code generator never writes, so no spec edit can make
//! them fire; [`CANNOT_FIRE`] names them with the reason, and is held to the truth too: each of
//! them must be a rule of the tables that no case names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use composio_link_generator::drift::{Level, RustRule, WireRule};
use serde_yaml_ng::Value;

/// The rules that no pair of specs can make fire, each with the reason.
const CANNOT_FIRE: &[(&str, &str)] = &[
    (
        "non_exhaustive_struct_added",
        "typify writes no `#[non_exhaustive]` (it adds attributes only from patches in its \
         settings, which the generator sets none of)",
    ),
    (
        "non_exhaustive_enum_added",
        "typify writes no `#[non_exhaustive]`",
    ),
    (
        "non_exhaustive_enum_variant_added",
        "typify writes no `#[non_exhaustive]`, so no enum has one to add a variant to",
    ),
    (
        "struct_pub_field_added",
        "it is for a struct that cannot be built with a literal, and typify writes every named \
         field `pub` and no `#[non_exhaustive]`",
    ),
    (
        "type_alias_added",
        "typify writes no `pub type` (a schema that only refers to another becomes a newtype)",
    ),
    ("type_alias_missing", "typify writes no `pub type`"),
    ("type_alias_target_changed", "typify writes no `pub type`"),
    (
        "pub_const_added",
        "the only pub const of a generated module is `REQUEST_CONSTRAINTS`, written for every \
         spec (empty when the spec has no constraints)",
    ),
    (
        "pub_module_level_const_missing",
        "`REQUEST_CONSTRAINTS` is written for every spec, so it never goes",
    ),
];

/// Every rule of both tables: its ID and its level.
fn table() -> BTreeMap<&'static str, Level> {
    let wire = WireRule::ALL.iter().map(|r| (r.id(), r.level()));
    let rust = RustRule::ALL.iter().map(|r| (r.id(), r.level()));
    wire.chain(rust).collect()
}

/// Every `<level> <rule id>` that a case expects, with the cases that expect it.
fn expected_changes() -> BTreeMap<String, BTreeSet<String>> {
    let dir = composio_link_tests::workspace_root().join("tests/drift-cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("tests/drift-cases: {e}"))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml") && !p.ends_with("base.yaml"))
        .collect();
    files.sort();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
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
    let cannot_fire: BTreeSet<&str> = CANNOT_FIRE.iter().map(|(id, _)| *id).collect();
    let missing: Vec<&str> = table()
        .into_keys()
        .filter(|id| !exercised.contains(*id) && !cannot_fire.contains(id))
        .collect();
    assert!(
        missing.is_empty(),
        "no case of tests/drift-cases/ makes these rules fire (add a case whose expect names \
         each): {}",
        missing.join(", ")
    );
}

#[test]
fn the_rules_that_cannot_fire_are_rules_no_case_makes_fire() {
    let table = table();
    let exercised = exercised();
    let mut problems = Vec::new();
    for (id, why) in CANNOT_FIRE {
        assert!(!why.is_empty(), "{id}: no reason given");
        if !table.contains_key(id) {
            problems.push(format!("{id} is not a rule of the tables"));
        }
        if exercised.contains(*id) {
            problems.push(format!("{id} fires in a case: take it off the list"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
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
