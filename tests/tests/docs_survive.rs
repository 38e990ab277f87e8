//! The spec's descriptions reach rustdoc: every described schema, property and operation of
//! each spec appears as a doc comment in its generated module, so a downstream user can learn
//! the API from `cargo doc` alone.

use composio_link_tests::{spec_json, workspace_root};
use serde_json::Value;

/// Every `description` of the component schemas (and their properties) and every operation
/// `description` of `spec`.
/// Each comes with the doc-comment form progenitor renders it in: `///text` for types and
/// fields, a line of a `/** ... */` block for operations.
fn descriptions(spec: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let schemas = spec["components"]["schemas"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    for (name, schema) in &schemas {
        if let Some(d) = schema["description"].as_str() {
            out.push((name.clone(), format!("///{}", d.trim())));
        }
        for (prop, p) in schema["properties"]
            .as_object()
            .cloned()
            .unwrap_or_default()
        {
            if let Some(d) = p["description"].as_str() {
                out.push((format!("{name}.{prop}"), format!("///{}", d.trim())));
            }
        }
    }
    for (path, item) in spec["paths"].as_object().cloned().unwrap_or_default() {
        if let Some(d) = item["post"]["description"].as_str() {
            out.push((format!("POST {path}"), format!("\n{}\n", d.trim())));
        }
    }
    out
}

fn check(version: &str, module: &str) {
    let spec = spec_json(version);
    let path = workspace_root().join(format!("generated-client/src/generated/{module}.rs"));
    let source =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let found = descriptions(&spec);
    assert!(
        found.len() > 20,
        "only {} descriptions in spec/{version}.yaml",
        found.len()
    );
    let missing: Vec<_> = found
        .iter()
        .filter(|(_, doc)| !source.contains(doc.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "descriptions of spec/{version}.yaml missing from {module}.rs: {missing:#?}"
    );
}

#[test]
fn v3_descriptions_are_doc_comments() {
    check("v3", "v3");
}

#[test]
fn v3_1_descriptions_are_doc_comments() {
    check("v3.1", "v3_1");
}
