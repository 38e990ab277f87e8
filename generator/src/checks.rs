//! What the generator checks itself, because serde, openapiv3 and progenitor say too little.
//!
//! Two jobs, both driven by one map of where each kind of OpenAPI object may stand
//! ([`child_shape`]):
//!
//! - [`explain`]: when the typed load fails, serde's path stops at the first untagged enum or
//!   flattened map (every `$ref`-able object, all of `paths`) with "data did not match any
//!   variant". `explain` deserializes each object on its own, innermost first, to find the node
//!   that really fails and serde's own words about it.
//! - [`check`]: before progenitor runs, every rule whose breach makes progenitor panic or
//!   generate something wrong: `$ref`s that do not resolve or point into another file, schema
//!   types it cannot express, missing or duplicate `operationId`s, path parameters that do not
//!   match the path template, bodies that are not JSON, and one body type per operation for
//!   successes and for errors.
//!
//! Every finding is a dotted path and a message saying what was expected; the caller turns the
//! path into a line and column.

use std::collections::HashMap;

use openapiv3::{MediaType, OpenAPI, Operation, Parameter, ReferenceOr, StatusCode};
use serde::de::DeserializeOwned;
use serde_yaml_ng::Value;

use crate::load::{kind as node_kind, scalar_text};
use crate::openapi::{self, operations};
use crate::positions::NodePath;
use crate::{Error, Result, Spec};

/// A kind of OpenAPI object, as far as the checks need to tell them apart.
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
    fn name(self) -> &'static str {
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
    fn may_be_ref(self) -> bool {
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
    fn section(self) -> Option<&'static str> {
        match self {
            Kind::Schema => Some("schemas"),
            Kind::Response => Some("responses"),
            Kind::Parameter => Some("parameters"),
            Kind::RequestBody => Some("requestBodies"),
            Kind::Header => Some("headers"),
            _ => None,
        }
    }

    /// Deserializes `value` as this kind of object (not as a `$ref`), returning serde's path
    /// and message on failure.
    fn deserialize(self, value: &Value) -> std::result::Result<(), (NodePath, String)> {
        fn de<T: DeserializeOwned>(value: &Value) -> std::result::Result<(), (NodePath, String)> {
            serde_path_to_error::deserialize::<_, T>(value)
                .map(drop)
                .map_err(|e| (NodePath::from_serde(e.path()), e.inner().to_string()))
        }
        match self {
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
}

/// What stands under a key of an object: one object, a mapping of names to objects, or a list.
#[derive(Debug, Clone, Copy)]
enum Shape {
    One(Kind),
    MapOf(Kind),
    ListOf(Kind),
}

/// Where each kind of object stands: the shape under `key` of an object of kind `parent`.
fn child_shape(parent: Kind, key: &str) -> Option<Shape> {
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
fn key_text(key: &Value) -> Option<String> {
    match key {
        Value::String(_) | Value::Number(_) | Value::Bool(_) => Some(scalar_text(key)),
        _ => None,
    }
}

/// The objects directly under `value`, an object of kind `kind` at `path`, in document order.
/// A container of the wrong shape (`properties: [a]`) is reported as the second result.
#[allow(clippy::type_complexity)]
fn children<'a>(
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
fn reference(kind: Kind, value: &Value) -> Option<&Value> {
    if !kind.may_be_ref() {
        return None;
    }
    value.as_mapping()?.get("$ref")
}

/// The types progenitor can express.
const TYPES: &[&str] = &["string", "number", "integer", "boolean", "object", "array"];
const TYPES_TEXT: &str = "`string`, `number`, `integer`, `boolean`, `object` or `array`";

/// A schema that progenitor cannot express or OpenAPI 3.0 does not allow: the path of the
/// offending field and what was expected.
fn schema_problem(value: &Value, path: &NodePath) -> Option<(NodePath, String)> {
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
    let (inner_path, message) = kind.deserialize(value).err()?;
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

fn ref_not_a_string(kind: Kind, found: &Value) -> String {
    format!(
        "expected `$ref` to be a string such as `'#/components/{}/Name'`, found {}",
        kind.section().unwrap_or("schemas"),
        node_kind(found)
    )
}

/// Every check that stands between a loaded spec and progenitor; the first problem found, in
/// document order within each check.
pub(crate) fn check(spec: &Spec) -> Result<()> {
    walk(spec, spec.document(), Kind::Document, &NodePath::root())?;
    check_operations(spec)
}

fn unsupported(spec: &Spec, path: &NodePath, message: String) -> Error {
    Error::Unsupported {
        location: spec.locate(path),
        field: path.to_string(),
        message,
    }
}

/// Checks every `$ref` and every schema of the document.
fn walk(spec: &Spec, value: &Value, kind: Kind, path: &NodePath) -> Result<()> {
    if let Some(target) = reference(kind, value) {
        return check_ref(spec, kind, target, &path.key("$ref"));
    }
    if kind == Kind::Schema
        && let Some((at, message)) = schema_problem(value, path)
    {
        return Err(unsupported(spec, &at, message));
    }
    for (child_path, child, child_kind) in children(kind, value, path).0 {
        walk(spec, child, child_kind, &child_path)?;
    }
    Ok(())
}

/// A `$ref` must be a string naming a component of the right section of this document:
/// progenitor reads no other file and resolves nothing else.
fn check_ref(spec: &Spec, kind: Kind, target: &Value, path: &NodePath) -> Result<()> {
    let Value::String(reference) = target else {
        return Err(unsupported(spec, path, ref_not_a_string(kind, target)));
    };
    let section = kind.section();
    let expected = format!("#/components/{}/<name>", section.unwrap_or("schemas"));
    let Some(pointer) = reference.strip_prefix('#') else {
        return Err(unsupported(
            spec,
            path,
            format!(
                "`{reference}` refers to another file; expected a reference inside this file \
                 (`{expected}`): the generator reads one self-contained document per API \
                 version, so move the definition into this file's `components`"
            ),
        ));
    };
    let segments: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let (Some(section), [components, in_section, name]) = (section, segments.as_slice()) else {
        return Err(unsupported(
            spec,
            path,
            match section {
                Some(_) => format!(
                    "`{reference}` is not a reference to a named {}; expected `{expected}`: \
                     progenitor resolves only references to named components",
                    kind.name()
                ),
                None => format!(
                    "progenitor does not follow a `$ref` for a {}; expected the object written \
                     out here",
                    kind.name()
                ),
            },
        ));
    };
    if components != "components" || in_section != section {
        return Err(unsupported(
            spec,
            path,
            format!(
                "`{reference}` does not point into `components.{section}`; expected \
                 `{expected}`: a {} can only refer to a named {}",
                kind.name(),
                kind.name()
            ),
        ));
    }
    let names: Vec<String> = spec
        .document()
        .get("components")
        .and_then(|c| c.get(section))
        .and_then(Value::as_mapping)
        .map(|m| m.keys().filter_map(key_text).collect())
        .unwrap_or_default();
    if names.iter().any(|n| n == name) {
        return check_alias_cycle(spec, section, name, path);
    }
    let candidates = match names.len() {
        0 => format!("there is no `components.{section}` at all"),
        n => {
            let mut listed: Vec<String> = names.iter().take(8).map(|n| format!("`{n}`")).collect();
            if n > 8 {
                listed.push(format!("and {} more", n - 8));
            }
            format!("expected one of {}", listed.join(", "))
        }
    };
    Err(unsupported(
        spec,
        path,
        format!(
            "`{reference}` does not resolve: `components.{section}` has no `{name}`; {candidates}"
        ),
    ))
}

/// Refuses a `$ref` that leads, through components that are nothing but another `$ref`, back to
/// itself: it never reaches a definition, and every resolver would follow it forever.
fn check_alias_cycle(spec: &Spec, section: &str, start: &str, path: &NodePath) -> Result<()> {
    let prefix = format!("#/components/{section}/");
    let mut chain = vec![start.to_owned()];
    loop {
        let current = chain.last().map(String::as_str).unwrap_or(start);
        let next = spec
            .document()
            .get("components")
            .and_then(|c| c.get(section))
            .and_then(|s| s.get(current))
            .and_then(Value::as_mapping)
            .filter(|m| m.len() == 1)
            .and_then(|m| m.get("$ref"))
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix(prefix.as_str()))
            .map(|n| n.replace("~1", "/").replace("~0", "~"));
        let Some(next) = next else {
            return Ok(());
        };
        let cycle = chain.contains(&next);
        chain.push(next);
        if cycle {
            let shown: Vec<String> = chain.iter().map(|n| format!("`{n}`")).collect();
            return Err(unsupported(
                spec,
                path,
                format!(
                    "the `$ref` chain {} comes back to itself without reaching a definition; \
                     expected it to end at a schema written out",
                    shown.join(" → ")
                ),
            ));
        }
    }
}

/// The path of an operation's node.
pub(crate) fn operation_path(path: &str, method: &str) -> NodePath {
    NodePath::root().key("paths").key(path).key(method)
}

/// How messages name an operation: its id, or its method and path when it has none.
pub(crate) fn operation_name(path: &str, method: &str, operation: &Operation) -> String {
    match &operation.operation_id {
        Some(id) => format!("`{id}`"),
        None => format!("`{} {path}`", method.to_uppercase()),
    }
}

fn check_operations(spec: &Spec) -> Result<()> {
    let openapi = spec.openapi();
    let mut ids: HashMap<&str, (&str, &str)> = HashMap::new();
    for (path, method, operation) in operations(openapi) {
        let at = operation_path(path, method);
        let name = operation_name(path, method, operation);
        match &operation.operation_id {
            None => {
                return Err(unsupported(
                    spec,
                    &at,
                    format!(
                        "operation {name} has no `operationId`; expected `operationId: \
                         <camelCaseName>`: progenitor names the generated method after it"
                    ),
                ));
            }
            Some(id) => {
                if let Some((first_path, first_method)) = ids.insert(id, (path, method)) {
                    let first = spec.locate(&operation_path(first_path, first_method));
                    let line = first
                        .line_column
                        .map_or_else(String::new, |(l, _)| format!(" (line {l})"));
                    return Err(unsupported(
                        spec,
                        &at.key("operationId"),
                        format!(
                            "operationId `{id}` is also the id of `{} {first_path}`{line}; \
                             expected a unique operationId: progenitor generates one method per \
                             id",
                            first_method.to_uppercase()
                        ),
                    ));
                }
            }
        }
        check_path_parameters(spec, path, method, operation, &name)?;
        check_request_body(spec, &at, operation, &name)?;
        check_responses(spec, &at, operation, &name)?;
        check_one_body_type(spec, &at, operation, &name)?;
    }
    Ok(())
}

/// Every `{name}` of the path template must be a path parameter, and every path parameter must
/// be in the template: progenitor panics on the first and silently drops the second.
fn check_path_parameters(
    spec: &Spec,
    path: &str,
    method: &str,
    operation: &Operation,
    name: &str,
) -> Result<()> {
    let openapi = spec.openapi();
    let template: Vec<&str> = path
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(var, _)| var))
        .collect();
    let item_params = openapi
        .paths
        .paths
        .get(path)
        .and_then(ReferenceOr::as_item)
        .map(|item| item.parameters.as_slice())
        .unwrap_or_default();
    let item_at = NodePath::root().key("paths").key(path).key("parameters");
    let op_at = operation_path(path, method).key("parameters");
    let declared = item_params
        .iter()
        .enumerate()
        .map(|(i, p)| (item_at.index(i), p))
        .chain(
            operation
                .parameters
                .iter()
                .enumerate()
                .map(|(i, p)| (op_at.index(i), p)),
        )
        .filter_map(|(at, p)| {
            let p = openapi::resolve(openapi, p)?;
            match p {
                Parameter::Path { parameter_data, .. } => Some((at, parameter_data.name.as_str())),
                _ => None,
            }
        });
    let mut names = Vec::new();
    for (at, param) in declared {
        if !template.contains(&param) {
            return Err(unsupported(
                spec,
                &at,
                format!(
                    "path parameter `{param}` of operation {name} is not in the path template \
                     `{path}`; expected `{{{param}}}` in the path, or this parameter's `name` to \
                     match a `{{...}}` of it"
                ),
            ));
        }
        names.push(param);
    }
    if let Some(var) = template.iter().find(|var| !names.contains(var)) {
        let at = if operation.parameters.is_empty() {
            operation_path(path, method)
        } else {
            op_at
        };
        return Err(unsupported(
            spec,
            &at,
            format!(
                "the path template has `{{{var}}}`, but no parameter of operation {name} \
                 declares it; expected a parameter with `name: {var}` and `in: path`"
            ),
        ));
    }
    Ok(())
}

/// The JSON body of a request or response: `Ok(None)` when it has no content at all, and a
/// message (with the path below `at`) when its content is not JSON with a schema.
fn json_body<'a>(
    content: impl IntoIterator<Item = (&'a String, &'a MediaType)>,
    at: &NodePath,
    what: &str,
) -> std::result::Result<Option<&'a MediaType>, (NodePath, String)> {
    let content: Vec<(&String, &MediaType)> = content.into_iter().collect();
    if content.is_empty() {
        return Ok(None);
    }
    let Some((media_type, media)) = content.iter().find(|(m, _)| openapi::is_json_media(m)) else {
        let found: Vec<String> = content.iter().map(|(m, _)| format!("`{m}`")).collect();
        return Err((
            at.key("content"),
            format!(
                "{what} is only {}; expected `application/json`: the generated client sends and \
                 decodes JSON only",
                found.join(", ")
            ),
        ));
    };
    if media.schema.is_none() {
        return Err((
            at.key("content").key(media_type),
            format!(
                "{what} has no `schema`; expected `schema:` under `{media_type}` (a `$ref` to a \
                 named schema): progenitor cannot type a JSON body without one"
            ),
        ));
    }
    Ok(Some(media))
}

fn check_request_body(spec: &Spec, at: &NodePath, operation: &Operation, name: &str) -> Result<()> {
    let Some(body) = &operation.request_body else {
        return Ok(());
    };
    let openapi = spec.openapi();
    let Some(body) = openapi::resolve(openapi, body) else {
        return Ok(());
    };
    let body_at = at.key("requestBody");
    let what = format!("the request body of operation {name}");
    match json_body(&body.content, &body_at, &what) {
        Ok(Some(_)) => Ok(()),
        Ok(None) => Err(unsupported(
            spec,
            &body_at,
            format!(
                "{what} has no `content`; expected `content: application/json: schema: ...`: \
                 without it progenitor generates a method that sends no body"
            ),
        )),
        Err((at, message)) => Err(unsupported(spec, &at, message)),
    }
}

/// Responses that carry no body by definition.
fn has_no_body(status: &StatusCode) -> bool {
    matches!(status, StatusCode::Code(204 | 205 | 304))
}

/// Every 2xx, 4xx, 5xx and default response except 204, 205 and 304 must have a JSON body.
fn check_responses(spec: &Spec, at: &NodePath, operation: &Operation, name: &str) -> Result<()> {
    let openapi = spec.openapi();
    let responses = operation
        .responses
        .responses
        .iter()
        .filter(|(status, _)| status_family(status) != StatusFamily::Other && !has_no_body(status))
        .map(|(status, response)| (status.to_string(), response))
        .chain(
            operation
                .responses
                .default
                .iter()
                .map(|response| ("default".to_owned(), response)),
        );
    for (status, response) in responses {
        let Some(resolved) = openapi::resolve(openapi, response) else {
            continue;
        };
        let response_at = at.key("responses").key(&status);
        let what = format!("the `{status}` response of operation {name}");
        match json_body(&resolved.content, &response_at, &what) {
            Ok(Some(_)) => {}
            Ok(None) => {
                return Err(unsupported(
                    spec,
                    &response_at,
                    format!(
                        "{what} has no `content`; expected `content: application/json: schema: \
                         ...`: without it progenitor types the response as `()` and the client \
                         drops its body (a response that has no body is a 204)"
                    ),
                ));
            }
            Err((at, message)) => return Err(unsupported(spec, &at, message)),
        }
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum StatusFamily {
    Success,
    Error,
    Other,
}

fn status_family(status: &StatusCode) -> StatusFamily {
    let hundreds = match status {
        StatusCode::Code(code) => code / 100,
        StatusCode::Range(range) => *range,
    };
    match hundreds {
        2 => StatusFamily::Success,
        4 | 5 => StatusFamily::Error,
        _ => StatusFamily::Other,
    }
}

/// progenitor generates one success type and one error type per operation and asserts (panics)
/// when the responses of a family have different bodies: its issue #344.
fn check_one_body_type(
    spec: &Spec,
    at: &NodePath,
    operation: &Operation,
    name: &str,
) -> Result<()> {
    let openapi = spec.openapi();
    for (what, family) in [
        ("success", StatusFamily::Success),
        ("error", StatusFamily::Error),
    ] {
        let mut bodies: Vec<(String, String)> = operation
            .responses
            .responses
            .iter()
            .filter(|(status, _)| status_family(status) == family)
            .map(|(status, response)| (status.to_string(), body_key(openapi, response)))
            .collect();
        if family == StatusFamily::Error
            && let Some(default) = &operation.responses.default
        {
            bodies.push(("default".to_owned(), body_key(openapi, default)));
        }
        let Some((_, first)) = bodies.first() else {
            continue;
        };
        let Some((differs, _)) = bodies.iter().find(|(_, key)| key != first) else {
            continue;
        };
        let listing = bodies
            .iter()
            .map(|(status, key)| format!("{status} → {key}"))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(unsupported(
            spec,
            &at.key("responses").key(differs),
            format!(
                "the {what} responses of operation {name} have different bodies ({listing}); \
                 expected the same `$ref` in every {what} response: progenitor generates one \
                 {what} type per operation and panics otherwise (its issue #344)"
            ),
        ));
    }
    Ok(())
}

/// A short description of a response's body that is equal for equal generated types: the
/// `$ref` of its schema, "no body", or "an inline schema" (each inline schema is its own type).
fn body_key(openapi: &OpenAPI, response: &ReferenceOr<openapiv3::Response>) -> String {
    let Some(resolved) = openapi::resolve(openapi, response) else {
        return "an unresolved `$ref`".to_owned();
    };
    let schema = resolved
        .content
        .iter()
        .find(|(media, _)| openapi::is_json_media(media))
        .and_then(|(_, media)| media.schema.as_ref());
    match schema {
        None if resolved.content.is_empty() => "no body".to_owned(),
        None => "a non-JSON body".to_owned(),
        Some(ReferenceOr::Reference { reference }) => format!("`{reference}`"),
        Some(ReferenceOr::Item(_)) => format!("an inline schema ({})", resolved.description),
    }
}
