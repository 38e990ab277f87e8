//! The generated Rust surface of each API version and the drift between them, pinned as insta
//! snapshots so that a spec edit shows up in review as a few listing lines.
//!
//! Under `CI=true` (and with `INSTA_UPDATE=no`, as `.ci/run` sets) a new or changed snapshot
//! fails the run; locally, `cargo insta review` accepts it.

use composio_link_generator::{Spec, Surface, SurfaceDiff, load, surface};
use serde_yaml_ng::Value;

/// The committed spec of `version`, loaded.
fn spec(version: &str) -> Spec {
    let path = format!("spec/{version}.yaml");
    let bytes = std::fs::read(composio_link_tests::workspace_root().join(&path))
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    load(&path, &bytes).unwrap_or_else(|e| panic!("{e}"))
}

/// The surface of the committed spec of `version`, generated in memory.
fn surface_of(version: &str) -> Surface {
    surface(&spec(version)).unwrap_or_else(|e| panic!("{e}"))
}

/// The committed spec of `version` as a YAML document, to edit in memory.
fn document(version: &str) -> Value {
    let path = composio_link_tests::workspace_root().join(format!("spec/{version}.yaml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The surface of `document`, a spec edited in memory, under the name of `version`'s spec.
fn surface_of_document(version: &str, document: &Value) -> Surface {
    let text = serde_yaml_ng::to_string(document).unwrap_or_else(|e| panic!("{e}"));
    let spec =
        load(&format!("spec/{version}.yaml"), text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    surface(&spec).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn surface_v3() {
    insta::assert_snapshot!("surface_v3", surface_of("v3").to_string());
}

#[test]
fn surface_v3_1() {
    insta::assert_snapshot!("surface_v3_1", surface_of("v3.1").to_string());
}

#[test]
fn drift_v3_to_v3_1() {
    let drift = SurfaceDiff::between(&surface_of("v3"), &surface_of("v3.1"));
    insta::assert_snapshot!("drift_v3_to_v3_1", drift.to_string());
}

/// What v3.1 adds is in the drift, each on a line a reviewer can find.
#[test]
fn drift_names_what_v3_1_adds() {
    let drift = SurfaceDiff::between(&surface_of("v3"), &surface_of("v3.1")).to_string();
    for line in [
        "+ struct ConnectedAccountLinkRequest › field alias: Option<String>, json \"alias\", optional",
        "+ struct ToolRouterLinkRequest › field alias: Option<String>, json \"alias\", optional",
        "+ struct ToolRouterLinkRequest › field experimental: Option<LinkExperimental>, json \"experimental\", optional",
        "+ struct ToolRouterLinkResponse › field experimental: Option<LinkExperimental>, json \"experimental\", optional",
        "+ struct ConnectedAccountLinkRequest › field account_type: Option<AccountType>, json \"account_type\", optional",
        "+ struct ConnectedAccountLinkResponse › field account_type: Option<AccountType>, json \"account_type\", optional",
        "+ enum AccountType: non_exhaustive",
        "~ struct ToolRouterLinkRequest › field toolkit: String, json \"toolkit\", required → ToolRouterLinkRequestToolkit, json \"toolkit\", required",
    ] {
        assert!(
            drift.lines().any(|l| l == line),
            "missing line {line:?} in:\n{drift}"
        );
    }
}

/// The listing of a committed generated file equals the listing of the module generated from
/// its spec, so `regen` can compare the surface it writes with the committed one.
#[test]
fn committed_modules_list_the_same_surface() {
    let root = composio_link_tests::workspace_root();
    for version in xtask::specs::versions(&root).unwrap_or_else(|e| panic!("{e}")) {
        let path = xtask::layout::VersionPaths::output_path(&version);
        let committed = std::fs::read_to_string(composio_link_tests::workspace_root().join(&path))
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        let listed =
            composio_link_generator::describe(&path, &committed).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(listed, surface_of(&version.name), "{path}");
    }
}

#[test]
fn listing_is_deterministic() {
    assert_eq!(
        surface_of("v3.1").to_string(),
        surface_of("v3.1").to_string()
    );
}

/// Every `description` of a document, at any depth, with `suffix` appended.
fn edit_descriptions(value: &mut Value, suffix: &str) -> usize {
    match value {
        Value::Mapping(map) => {
            let mut edited = 0;
            for (key, child) in map.iter_mut() {
                if key.as_str() == Some("description")
                    && let Value::String(text) = child
                {
                    text.push_str(suffix);
                    edited += 1;
                } else {
                    edited += edit_descriptions(child, suffix);
                }
            }
            edited
        }
        Value::Sequence(items) => items.iter_mut().map(|v| edit_descriptions(v, suffix)).sum(),
        _ => 0,
    }
}

/// A description-only edit changes neither listing nor the drift between them.
#[test]
fn description_only_edit_changes_no_listing() {
    for version in ["v3", "v3.1"] {
        let mut document = document(version);
        let edited = edit_descriptions(&mut document, " Edited for review.");
        assert!(edited > 20, "{version}: only {edited} descriptions found");
        let before = surface_of(version);
        let after = surface_of_document(version, &document);
        assert_eq!(
            SurfaceDiff::between(&before, &after).to_string(),
            "",
            "{version}"
        );
        assert_eq!(before, after, "{version}");
    }
}

/// An optional request field added to v3.1 is one `+` line of its listing, so it is one line
/// of `surface_v3_1` and of `drift_v3_to_v3_1`.
#[test]
fn optional_request_field_is_one_added_line() {
    let mut document = document("v3.1");
    let properties = xtask::scratch::schema_mut(&mut document, "ConnectedAccountLinkRequest")
        .and_then(|s| s.get_mut("properties"))
        .and_then(Value::as_mapping_mut)
        .unwrap_or_else(|| panic!("spec/v3.1.yaml has no ConnectedAccountLinkRequest"));
    assert!(!properties.contains_key("review_probe"));
    let probe: Value = serde_yaml_ng::from_str("type: string\ndescription: A probe.")
        .unwrap_or_else(|e| panic!("{e}"));
    properties.insert(Value::from("review_probe"), probe);
    let before = surface_of("v3.1");
    let after = surface_of_document("v3.1", &document);
    assert_eq!(
        SurfaceDiff::between(&before, &after).to_string(),
        "+ struct ConnectedAccountLinkRequest › field review_probe: Option<String>, json \"review_probe\", optional\n"
    );
    let drift_before = SurfaceDiff::between(&surface_of("v3"), &before).to_string();
    let drift_after = SurfaceDiff::between(&surface_of("v3"), &after).to_string();
    let added: Vec<&str> = drift_after
        .lines()
        .filter(|l| !drift_before.lines().any(|b| b == *l))
        .collect();
    assert_eq!(
        added,
        [
            "+ struct ConnectedAccountLinkRequest › field review_probe: Option<String>, json \"review_probe\", optional"
        ]
    );
}
