//! The untyped YAML tree of an OpenAPI document as the explanation of a failed load and the
//! preflight checks walk it: which kind of OpenAPI object stands at each node ([`child_shape`],
//! the one map of where each kind may stand), the objects directly under a node, a node's
//! `$ref`, and how messages name a YAML node.

use crate::openapi::refs::Component;
use serde_yaml_ng::Value;

use super::node_path::NodePath;
use crate::openapi;

/// A kind of OpenAPI object, as far as the explanation and the checks need to tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Document,
    Paths,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Responses,
    Response,
    MediaType,
    Schema,
    Header,
    Components,
}

impl Kind {
    /// The object's name in the OpenAPI specification, for messages.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Document => "OpenAPI document",
            Kind::Paths => "Paths object",
            Kind::PathItem => "Path Item object",
            Kind::Operation => "Operation object",
            Kind::Parameter => "Parameter object",
            Kind::RequestBody => "Request Body object",
            Kind::Responses => "Responses object",
            Kind::Response => "Response object",
            Kind::MediaType => "Media Type object",
            Kind::Schema => "Schema object",
            Kind::Header => "Header object",
            Kind::Components => "Components object",
        }
    }

    /// Whether the object may be a `$ref` instead.
    pub(crate) fn may_be_ref(self) -> bool {
        matches!(
            self,
            Kind::PathItem
                | Kind::Parameter
                | Kind::RequestBody
                | Kind::Response
                | Kind::Schema
                | Kind::Header
        )
    }

    /// The section of `components` that a `$ref` to this kind must point into.
    pub(crate) fn section(self) -> Option<&'static str> {
        match self {
            Kind::Schema => Some(openapiv3::Schema::SECTION),
            Kind::Response => Some(openapiv3::Response::SECTION),
            Kind::Parameter => Some(openapiv3::Parameter::SECTION),
            Kind::RequestBody => Some(openapiv3::RequestBody::SECTION),
            Kind::Header => Some(openapiv3::Header::SECTION),
            _ => None,
        }
    }
}

/// What stands under a key of an object: one object, a mapping of names to objects, or a list.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Shape {
    One(Kind),
    MapOf(Kind),
    ListOf(Kind),
}

/// Where each kind of object stands: the shape under `key` of an object of kind `parent`.
pub(crate) fn child_shape(parent: Kind, key: &str) -> Option<Shape> {
    use Kind::*;
    use Shape::*;
    if key.starts_with("x-") {
        return None;
    }
    Some(match (parent, key) {
        (Document, "paths") => One(Paths),
        (Document, "components") => One(Components),
        (Paths, _) => One(PathItem),
        (PathItem | Operation, "parameters") => ListOf(Parameter),
        (PathItem, method) if openapi::METHODS.contains(&method) => One(Operation),
        (Operation, "requestBody") => One(RequestBody),
        (Operation, "responses") => One(Responses),
        (Responses, _) => One(Response),
        (Response | RequestBody | Parameter | Header, "content") => MapOf(MediaType),
        (Response, "headers") => MapOf(Header),
        (MediaType | Parameter | Header, "schema") => One(Schema),
        (Schema, "properties") => MapOf(Schema),
        (Schema, "items" | "not" | "additionalProperties") => One(Schema),
        (Schema, "allOf" | "oneOf" | "anyOf") => ListOf(Schema),
        (Components, "schemas") => MapOf(Schema),
        (Components, "responses") => MapOf(Response),
        (Components, "parameters") => MapOf(Parameter),
        (Components, "requestBodies") => MapOf(RequestBody),
        (Components, "headers") => MapOf(Header),
        _ => return None,
    })
}

/// A mapping key as text (`'201'` and `201` are both "201").
pub(crate) fn key_text(key: &Value) -> Option<String> {
    match key {
        Value::String(_) | Value::Number(_) | Value::Bool(_) => Some(scalar_text(key)),
        _ => None,
    }
}

/// The objects directly under `value`, an object of kind `kind` at `path`, in document order.
/// A container of the wrong shape (`properties: [a]`) is reported as the second result.
#[allow(clippy::type_complexity)]
pub(crate) fn children<'a>(
    kind: Kind,
    value: &'a Value,
    path: &NodePath,
) -> (Vec<(NodePath, &'a Value, Kind)>, Option<(NodePath, String)>) {
    let mut found = Vec::new();
    let Value::Mapping(mapping) = value else {
        return (found, None);
    };
    for (key, child) in mapping {
        let Some(key) = key_text(key) else { continue };
        let Some(shape) = child_shape(kind, &key) else {
            continue;
        };
        let child_path = path.key(&key);
        match (shape, child) {
            // `additionalProperties: true` is a boolean, not a schema.
            (Shape::One(Kind::Schema), Value::Bool(_)) if key == "additionalProperties" => {}
            (Shape::One(child_kind), _) => found.push((child_path, child, child_kind)),
            (Shape::MapOf(child_kind), Value::Mapping(entries)) => {
                for (name, entry) in entries {
                    if let Some(name) = key_text(name).filter(|n| !n.starts_with("x-")) {
                        found.push((child_path.key(&name), entry, child_kind));
                    }
                }
            }
            (Shape::ListOf(child_kind), Value::Sequence(items)) => {
                for (i, item) in items.iter().enumerate() {
                    found.push((child_path.index(i), item, child_kind));
                }
            }
            (Shape::MapOf(child_kind), other) => {
                let message = format!(
                    "expected a mapping of names to {}s, found {}",
                    child_kind.name(),
                    node_kind(other)
                );
                return (found, Some((child_path, message)));
            }
            (Shape::ListOf(child_kind), other) => {
                let message = format!(
                    "expected a list of {}s, found {}",
                    child_kind.name(),
                    node_kind(other)
                );
                return (found, Some((child_path, message)));
            }
        }
    }
    (found, None)
}

/// The `$ref` of `value` if it is a reference where `kind` may be one.
pub(crate) fn reference(kind: Kind, value: &Value) -> Option<&Value> {
    if !kind.may_be_ref() {
        return None;
    }
    value.as_mapping()?.get("$ref")
}

/// The message for a `$ref` that is not a string.
pub(crate) fn ref_not_a_string(kind: Kind, found: &Value) -> String {
    format!(
        "expected `$ref` to be a string such as `'#/components/{}/Name'`, found {}",
        kind.section().unwrap_or("schemas"),
        node_kind(found)
    )
}

/// A scalar as the user wrote it, or what kind of node stands where a scalar was expected.
pub(crate) fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => node_kind(other).to_owned(),
    }
}

/// What kind of YAML node `value` is, for messages ("found a sequence").
pub(crate) fn node_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "an empty document",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a sequence",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}
