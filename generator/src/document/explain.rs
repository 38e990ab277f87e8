//! Why a document that is YAML does not load as OpenAPI: serde's path stops at the first
//! untagged enum or flattened map (every `$ref`-able object, all of `paths`) with "data did not
//! match any variant". [`explain`] deserializes each object on its own, innermost first, to find
//! the node that really fails and serde's own words about it; [`clarify`] rewords serde's
//! vaguest messages as what was expected.

use openapiv3::{MediaType, OpenAPI, Operation, Parameter};
use serde::de::DeserializeOwned;
use serde_yaml_ng::Value;

use super::node_path::NodePath;
use super::schema_types::{TYPES_TEXT, schema_problem};
use super::tree::{Kind, children, ref_not_a_string, reference};

/// For a schema whose `type` is known, deserializes it as that type's own object, whose
/// errors keep their path (the untagged `Schema` loses it).
fn schema_detail(value: &Value, path: &NodePath) -> Option<(NodePath, String)> {
    fn de<T: DeserializeOwned>(value: &Value) -> Option<(NodePath, String)> {
        serde_path_to_error::deserialize::<_, T>(value)
            .err()
            .map(|e| (NodePath::from_serde(e.path()), e.inner().to_string()))
    }
    let found = de::<openapiv3::SchemaData>(value).or_else(|| {
        match value.as_mapping()?.get("type")?.as_str()? {
            "string" => de::<openapiv3::StringType>(value),
            "number" => de::<openapiv3::NumberType>(value),
            "integer" => de::<openapiv3::IntegerType>(value),
            "boolean" => de::<openapiv3::BooleanType>(value),
            "object" => de::<openapiv3::ObjectType>(value),
            "array" => de::<openapiv3::ArrayType>(value),
            _ => None,
        }
    })?;
    Some((path.join(&found.0), clarify(&found.1, Some(Kind::Schema))))
}

/// Finds the innermost node of `document` that does not deserialize as the OpenAPI object it
/// stands for, with what was expected there. `None` when the whole document deserializes.
pub(crate) fn explain(document: &Value) -> Option<(NodePath, String)> {
    explain_node(document, Kind::Document, &NodePath::root())
}

fn explain_node(value: &Value, kind: Kind, path: &NodePath) -> Option<(NodePath, String)> {
    if let Some(target) = reference(kind, value) {
        return match target {
            Value::String(_) => None,
            other => Some((path.key("$ref"), ref_not_a_string(kind, other))),
        };
    }
    if kind == Kind::Schema
        && let Some(found) = schema_problem(value, path)
    {
        return Some(found);
    }
    let (inner_path, message) = deserialize_as(kind, value).err()?;
    let (children, container_problem) = children(kind, value, path);
    for (child_path, child, child_kind) in children {
        if let Some(found) = explain_node(child, child_kind, &child_path) {
            return Some(found);
        }
    }
    if let Some(found) = container_problem {
        return Some(found);
    }
    if kind == Kind::Schema
        && let Some(found) = schema_detail(value, path)
    {
        return Some(found);
    }
    Some((path.join(&inner_path), clarify(&message, Some(kind))))
}

/// Rewords serde's vaguest messages as what was expected.
pub(crate) fn clarify(message: &str, kind: Option<Kind>) -> String {
    let object = kind.map_or("object", Kind::name);
    if let Some(rest) = message.strip_prefix("missing field `")
        && let Some((field, _)) = rest.split_once('`')
    {
        return format!("missing field `{field}`; expected `{field}:` in this {object}");
    }
    if message.contains("ParameterSchemaOrContent") {
        return "expected `schema:` (or `content:`) in this Parameter object".to_owned();
    }
    if message.contains("untagged enum SchemaKind") {
        return format!(
            "expected a Schema object: a `type` ({TYPES_TEXT}) with its fields, `allOf`, \
             `oneOf`, `anyOf`, or a `$ref`"
        );
    }
    if message.contains("untagged enum ReferenceOr") {
        return format!("expected a {object} or a `$ref`, and this is neither");
    }
    message.to_owned()
}

/// Deserializes `value` as an object of kind `kind` (not as a `$ref`), returning serde's path
/// and message on failure.
fn deserialize_as(kind: Kind, value: &Value) -> std::result::Result<(), (NodePath, String)> {
    fn de<T: DeserializeOwned>(value: &Value) -> std::result::Result<(), (NodePath, String)> {
        serde_path_to_error::deserialize::<_, T>(value)
            .map(drop)
            .map_err(|e| (NodePath::from_serde(e.path()), e.inner().to_string()))
    }
    match kind {
        Kind::Document => de::<OpenAPI>(value),
        Kind::Paths => de::<openapiv3::Paths>(value),
        Kind::PathItem => de::<openapiv3::PathItem>(value),
        Kind::Operation => de::<Operation>(value),
        Kind::Parameter => de::<Parameter>(value),
        Kind::RequestBody => de::<openapiv3::RequestBody>(value),
        Kind::Responses => de::<openapiv3::Responses>(value),
        Kind::Response => de::<openapiv3::Response>(value),
        Kind::MediaType => de::<MediaType>(value),
        Kind::Schema => de::<openapiv3::Schema>(value),
        Kind::Header => de::<openapiv3::Header>(value),
        Kind::Components => de::<openapiv3::Components>(value),
    }
}
