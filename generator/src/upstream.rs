//! The document surgery behind `cargo xtask upstream`: from Composio's own published OpenAPI
//! document, the operations one of our specs describes, as a self-contained OpenAPI 3.0
//! document that loads like any spec and compares at the wire level.
//!
//! The vendor document is read as plain JSON/YAML (it may be OpenAPI 3.0 or 3.1, which
//! openapiv3 cannot read). Only the operations our spec describes are kept, matched by method
//! and path, or, for a version of ours whose routes the vendor lacks, by method and path after
//! the version segment in the vendor's nearest version (`routes`), together with the
//! component schemas they reach; each difference names the vendor route it was compared with
//! when that is not ours. The few 3.1 spellings the
//! classifier cannot read (`type: [T, "null"]`, `const`, `examples`) are turned into their 3.0
//! equivalents. The extract keeps the vendor's paths and schema names, so its changes are
//! placed on the vendor document's own lines.
//!
//! Like the rest of this crate it reads only what it is given: the xtask fetches the vendor
//! document and reads our specs.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

pub use crate::document::SharedPositions;
use crate::document::Spec;
use crate::drift::{Change, operation_key, operation_label, wire_changes};
use crate::openapi::{METHODS, schema_name};

mod routes;

pub use routes::Route;

/// The sections of `components` an extract takes whole from the vendor document (their
/// schemas are followed too).
const SHARED_SECTIONS: [&str; 3] = ["responses", "parameters", "requestBodies"];

/// Why a document could not be read or extracted.
#[derive(Debug, thiserror::Error)]
pub enum UpstreamError {
    /// A document is not JSON or YAML, or not an OpenAPI document.
    #[error("{source_name}: {message}")]
    Document {
        /// The file or URL.
        source_name: String,
        /// What is wrong.
        message: String,
    },
    /// The extracted vendor operations did not load as a spec.
    #[error(transparent)]
    Spec(#[from] crate::error::Error),
}

/// Parses a vendor document (JSON or YAML) into a JSON value.
///
/// # Errors
///
/// [`UpstreamError::Document`] when it is neither, or not a mapping with `paths`.
pub fn parse(source_name: &str, bytes: &[u8]) -> Result<Value, UpstreamError> {
    let document = |message: String| UpstreamError::Document {
        source_name: source_name.to_owned(),
        message,
    };
    let value: Value = match serde_json::from_slice(bytes) {
        Ok(value) => value,
        Err(_) => {
            let text =
                std::str::from_utf8(bytes).map_err(|e| document(format!("not UTF-8 text: {e}")))?;
            serde_yaml_ng::from_str(text)
                .map_err(|e| document(format!("neither JSON nor YAML: {e}")))?
        }
    };
    if !value.get("paths").is_some_and(Value::is_object) {
        return Err(document(
            "not an OpenAPI document: no `paths` mapping".to_owned(),
        ));
    }
    Ok(value)
}

/// One of our specs (its YAML bytes, named `path`) as a JSON value, to match against the
/// vendor document.
///
/// # Errors
///
/// [`UpstreamError::Document`] when the bytes are not YAML.
pub fn parse_ours(path: &str, bytes: &[u8]) -> Result<Value, UpstreamError> {
    serde_yaml_ng::from_slice(bytes).map_err(|e| UpstreamError::Document {
        source_name: path.to_owned(),
        message: e.to_string(),
    })
}

/// The vendor operations that match those of one of our specs, as a self-contained OpenAPI
/// 3.0 document.
#[derive(Debug, Clone, PartialEq)]
pub struct Extract {
    /// A minimal OpenAPI 3.0.3 document: the matched operations, the component schemas they
    /// reach, and the vendor's security schemes.
    pub document: Value,
    /// Each of our operations that the vendor document has, and the vendor route it is
    /// compared with (see `routes`).
    pub routes: Vec<Route>,
}

impl Extract {
    /// How many of our operations the vendor document has.
    pub fn matched(&self) -> usize {
        self.routes.len()
    }
}

/// Extracts from `vendor` the operations that `ours` (one of our specs, as JSON) describes:
/// at the same path, or, when the vendor has no route of our version, at the vendor's nearest
/// version of the same path (`routes::routes`).
pub fn extract(vendor: &Value, ours: &Value) -> Extract {
    let routes = routes::routes(vendor, ours);
    let mut paths = Map::new();
    for route in &routes {
        let Some(vendor_item) = vendor.get("paths").and_then(|p| p.get(&route.vendor)) else {
            continue;
        };
        let method = route.method.to_lowercase();
        let kept = paths.entry(route.vendor.clone()).or_insert_with(|| {
            let mut kept = Map::new();
            if let Some(parameters) = vendor_item.get("parameters") {
                kept.insert("parameters".to_owned(), parameters.clone());
            }
            Value::Object(kept)
        });
        if let (Some(kept), Some(op)) = (kept.as_object_mut(), vendor_item.get(&method)) {
            kept.insert(method, op.clone());
        }
    }
    let mut document = Value::Object(Map::from_iter([
        ("openapi".to_owned(), Value::from("3.0.3")),
        (
            "info".to_owned(),
            vendor
                .get("info")
                .cloned()
                .unwrap_or_else(|| serde_json::json!({"title": "vendor", "version": "0"})),
        ),
        ("paths".to_owned(), Value::Object(paths)),
    ]));
    let schemas = reachable_schemas(vendor, &document);
    let mut components = Map::new();
    if !schemas.is_empty() {
        components.insert("schemas".to_owned(), Value::Object(schemas));
    }
    for kind in std::iter::once("securitySchemes").chain(SHARED_SECTIONS) {
        if let Some(found) = vendor.get("components").and_then(|c| c.get(kind)) {
            components.insert(kind.to_owned(), found.clone());
        }
    }
    if let Some(root) = document.as_object_mut() {
        root.insert("components".to_owned(), Value::Object(components));
        if let Some(security) = vendor.get("security") {
            root.insert("security".to_owned(), security.clone());
        }
    }
    to_openapi_3_0(&mut document);
    Extract { document, routes }
}

/// One wire-level difference from one of our specs to the vendor's operations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The change, its operation named as our spec names it, followed by the vendor route it
    /// was compared with when that is another path
    /// (`GET /api/v3.1/connected_accounts/{nanoid} (compared with GET /api/v3/...)`), so that
    /// every form of the report says so.
    pub change: Change,
    /// The operation as our spec names it (`GET /api/v3.1/connected_accounts/{nanoid}`), or,
    /// for a change outside any operation, its location (`components/securitySchemes`).
    pub operation: String,
    /// The vendor's path the operation was compared with, when it is not ours.
    pub compared_with: Option<String>,
}

/// The wire-level differences from `ours` to the vendor's operations in `extract`, each vendor
/// node placed on its line of the vendor document by `vendor` (its positions, made once with
/// [`SharedPositions::new`] from its name and text, whose nodes the extract holds at the same
/// paths). `extract_name` names the extract itself, should it fail to load. No operation
/// matched: no difference.
///
/// # Errors
///
/// When the extract does not load as an OpenAPI 3.0 spec.
pub fn compare(
    ours: &Spec,
    extract: &Extract,
    extract_name: &str,
    vendor: &SharedPositions,
) -> Result<Vec<Difference>, UpstreamError> {
    if extract.routes.is_empty() {
        return Ok(Vec::new());
    }
    let document = serde_json::to_vec(&extract.document).map_err(|e| UpstreamError::Document {
        source_name: extract_name.to_owned(),
        message: e.to_string(),
    })?;
    let theirs = crate::document::load(extract_name, &document)?.with_shared_positions(vendor);
    // Drift names an operation by its path after the version segment; ours by its own path.
    let ours_routes: BTreeMap<String, Route> = crate::openapi::operations(ours.openapi())
        .map(|(path, method, _)| {
            let key = operation_key(path, method);
            let route = extract
                .routes
                .iter()
                .find(|r| r.method == key.1 && r.ours == path)
                .cloned()
                .unwrap_or_else(|| Route {
                    method: key.1.clone(),
                    ours: path.to_owned(),
                    vendor: path.to_owned(),
                });
            (operation_label(&key), route)
        })
        .collect();
    Ok(wire_changes(ours, &theirs)
        .into_iter()
        .map(|mut change| {
            let route = change.operation.as_ref().and_then(|op| ours_routes.get(op));
            let Some(route) = route else {
                return Difference {
                    operation: change.location.clone(),
                    change,
                    compared_with: None,
                };
            };
            let label = route.label();
            change.location = format!("API {label}");
            change.operation = Some(label);
            Difference {
                change,
                operation: route.operation(),
                compared_with: route.mapped().map(str::to_owned),
            }
        })
        .collect())
}

/// How many operations `document` (as JSON) has.
pub fn operation_count(document: &Value) -> usize {
    operations(document).count()
}

/// How many operations the vendor document has that no route of `compared` (every version's)
/// is compared with.
pub fn unmatched_operations(vendor: &Value, compared: &[Route]) -> usize {
    let covered: BTreeSet<(&str, String)> = compared
        .iter()
        .map(|r| (r.vendor.as_str(), r.method.to_lowercase()))
        .collect();
    operations(vendor)
        .filter(|(path, method)| !covered.contains(&(path.as_str(), (*method).to_owned())))
        .count()
}

/// Every operation of `document` as its path and method.
fn operations(document: &Value) -> impl Iterator<Item = (&String, &'static str)> {
    object(document.get("paths")).flat_map(|(path, item)| {
        METHODS
            .iter()
            .filter(|m| item.get(**m).is_some())
            .map(move |m| (path, *m))
    })
}

fn object(value: Option<&Value>) -> impl Iterator<Item = (&String, &Value)> {
    value.and_then(Value::as_object).into_iter().flatten()
}

/// The component schemas that `document` reaches through `#/components/schemas/...`, taken
/// from `vendor`, transitively.
fn reachable_schemas(vendor: &Value, document: &Value) -> Map<String, Value> {
    let all = vendor
        .get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(Value::as_object);
    let mut found: BTreeMap<String, Value> = BTreeMap::new();
    let mut pending: Vec<String> = Vec::new();
    collect_refs(document, &mut pending);
    for kind in SHARED_SECTIONS {
        if let Some(section) = vendor.get("components").and_then(|c| c.get(kind)) {
            collect_refs(section, &mut pending);
        }
    }
    while let Some(name) = pending.pop() {
        if found.contains_key(&name) {
            continue;
        }
        if let Some(schema) = all.and_then(|a| a.get(&name)) {
            collect_refs(schema, &mut pending);
            found.insert(name, schema.clone());
        }
    }
    found.into_iter().collect()
}

/// Appends the name of every component schema `value` refers to, at any depth.
fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(name) = map
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(schema_name)
            {
                out.push(name.to_owned());
            }
            map.values().for_each(|v| collect_refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

/// Rewrites the OpenAPI 3.1 spellings the 3.0 model cannot hold: `type: [T, "null"]` becomes
/// `type: T` with `nullable: true`, `const: x` becomes `enum: [x]`, and JSON Schema's
/// `examples` array is dropped (examples are not compared).
fn to_openapi_3_0(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get("type").cloned() {
                let non_null: Vec<&Value> = types.iter().filter(|t| *t != "null").collect();
                if non_null.len() < types.len() {
                    map.insert("nullable".to_owned(), Value::Bool(true));
                }
                match non_null.as_slice() {
                    [single] => {
                        map.insert("type".to_owned(), (*single).clone());
                    }
                    _ => {
                        map.remove("type");
                    }
                }
            }
            if let Some(constant) = map.remove("const") {
                map.insert("enum".to_owned(), Value::Array(vec![constant]));
            }
            if map.get("examples").is_some_and(Value::is_array) {
                map.remove("examples");
            }
            map.values_mut().for_each(to_openapi_3_0);
        }
        Value::Array(items) => items.iter_mut().for_each(to_openapi_3_0),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openapi_3_1_spellings_become_3_0() {
        let mut value = serde_json::json!({
            "type": ["string", "null"],
            "properties": {"kind": {"const": "a", "examples": ["a"]}},
        });
        to_openapi_3_0(&mut value);
        assert_eq!(
            value,
            serde_json::json!({
                "type": "string",
                "nullable": true,
                "properties": {"kind": {"enum": ["a"]}},
            })
        );
    }

    #[test]
    fn an_extract_keeps_our_operations_and_the_schemas_they_reach() {
        let vendor = serde_json::json!({
            "paths": {
                "/a": {
                    "get": {"responses": {"200": {"$ref": "#/components/schemas/A"}}},
                    "post": {},
                },
                "/b": {"get": {}},
            },
            "components": {"schemas": {
                "A": {"properties": {"b": {"$ref": "#/components/schemas/B"}}},
                "B": {"type": "string"},
                "C": {"type": "string"},
            }},
        });
        let ours = serde_json::json!({"paths": {"/a": {"get": {}}}});
        let extract = extract(&vendor, &ours);
        assert_eq!(extract.matched(), 1);
        assert!(extract.document["paths"]["/a"].get("post").is_none());
        let schemas = extract.document["components"]["schemas"]
            .as_object()
            .map(|s| s.keys().cloned().collect::<Vec<_>>());
        assert_eq!(schemas, Some(vec!["A".to_owned(), "B".to_owned()]));
        assert_eq!(unmatched_operations(&vendor, &extract.routes), 2);
    }
}
