//! The schema types OpenAPI 3.0 allows and progenitor can express, and what a schema that
//! uses another (`type: null`, `type: file`, a list of types, `not`) is told: both the
//! explanation of a failed load and the preflight checks refuse such a schema with these words.

use serde_yaml_ng::Value;

use super::node_path::NodePath;
use super::tree::node_kind;

/// The types progenitor can express.
pub(crate) const TYPES: &[&str] = &["string", "number", "integer", "boolean", "object", "array"];
/// [`TYPES`] as messages list them.
pub(crate) const TYPES_TEXT: &str = "`string`, `number`, `integer`, `boolean`, `object` or `array`";

/// A schema that progenitor cannot express or OpenAPI 3.0 does not allow: the path of the
/// offending field and what was expected.
pub(crate) fn schema_problem(value: &Value, path: &NodePath) -> Option<(NodePath, String)> {
    let mapping = value.as_mapping()?;
    if let Some(ty) = mapping.get("type") {
        let message = match ty {
            Value::String(name) if TYPES.contains(&name.as_str()) => None,
            Value::String(name) if name == "null" => Some(format!(
                "OpenAPI 3.0 has no `null` type; expected {TYPES_TEXT}: for a value that may be \
                 null, give its own type and `nullable: true`"
            )),
            Value::String(name) => Some(format!(
                "`{name}` is not an OpenAPI 3.0 type, and progenitor cannot express it; expected \
                 {TYPES_TEXT}{}",
                if name == "file" {
                    " (a file is `type: string` with `format: binary`)"
                } else {
                    ""
                }
            )),
            Value::Sequence(_) => Some(format!(
                "`type` is a list, which OpenAPI 3.0 does not allow; expected one of \
                 {TYPES_TEXT}: for `[T, 'null']` write `type: T` and `nullable: true`, for other \
                 unions use `oneOf`"
            )),
            other => Some(format!(
                "expected `type` to be {TYPES_TEXT}, found {}",
                node_kind(other)
            )),
        };
        if let Some(message) = message {
            return Some((path.key("type"), message));
        }
    }
    if mapping.contains_key("not") {
        return Some((
            path.key("not"),
            "progenitor cannot express a `not` schema (typify has no Rust type for \"anything \
             but this\"); expected a schema without `not`: say what the value is, with `type`, \
             `enum` or `oneOf`"
                .to_owned(),
        ));
    }
    None
}
