//! No dead ends: every id an operation of a spec takes (a path parameter, or a request-body
//! property at any depth, whose format is one of the generator's id formats) is returned by
//! some operation of the same spec (in a 2xx JSON body, at any depth), so a program can get
//! every id it must pass from this crate alone.
//!
//! The check reads the committed specs as plain YAML; it is also run on edited in-memory
//! copies, to show that it names the operation and the id when the operation that returns the
//! id is gone.

use std::collections::BTreeSet;

use composio_link_generator::ID_FORMATS;
use composio_link_tests::{spec_json, spec_versions};
use serde_json::Value;

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

fn is_id_format(format: &str) -> bool {
    ID_FORMATS.iter().any(|(name, _)| *name == format)
}

/// The schema a local `$ref` points to, through a chain of aliases (a cycle stops at the
/// regen's own limit on the chain, which refuses such a spec anyway), or `schema` itself.
fn resolve<'a>(spec: &'a Value, mut schema: &'a Value) -> &'a Value {
    for _ in 0..32 {
        match schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|reference| reference.strip_prefix('#'))
            .and_then(|pointer| spec.pointer(pointer))
        {
            Some(target) => schema = target,
            None => break,
        }
    }
    schema
}

/// Every id format of `schema` and the schemas under it, with the dotted name of where it is
/// (`items[].id`), each `$ref` followed once.
fn id_formats(
    spec: &Value,
    schema: &Value,
    at: &str,
    seen: &mut BTreeSet<String>,
    out: &mut Vec<(String, String)>,
) {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        if !seen.insert(reference.to_owned()) {
            return;
        }
        id_formats(spec, resolve(spec, schema), at, seen, out);
        seen.remove(reference);
        return;
    }
    if let Some(format) = schema.get("format").and_then(Value::as_str)
        && is_id_format(format)
    {
        out.push((format.to_owned(), at.to_owned()));
    }
    let join = |name: &str| {
        if at.is_empty() {
            name.to_owned()
        } else {
            format!("{at}.{name}")
        }
    };
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        for (name, property) in properties {
            id_formats(spec, property, &join(name), seen, out);
        }
    }
    if let Some(items) = schema.get("items") {
        id_formats(spec, items, &format!("{at}[]"), seen, out);
    }
    if let Some(values) = schema.get("additionalProperties").filter(|v| v.is_object()) {
        id_formats(spec, values, &join("*"), seen, out);
    }
    for combinator in ["allOf", "anyOf", "oneOf"] {
        for part in schema
            .get(combinator)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            id_formats(spec, part, at, seen, out);
        }
    }
}

/// The JSON schema of a request body or response.
fn json_schema<'a>(spec: &'a Value, body: &'a Value) -> Option<&'a Value> {
    let body = resolve(spec, body);
    body.get("content")?
        .as_object()?
        .iter()
        .find(|(media, _)| media.to_ascii_lowercase().starts_with("application/json"))?
        .1
        .get("schema")
}

/// Every operation of `spec`: its name as messages give it (`POST /path (operationId)`) and
/// the operation object.
fn operations(spec: &Value) -> Vec<(String, &Value, &Value)> {
    let mut out = Vec::new();
    for (path, item) in spec
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        for method in METHODS {
            if let Some(operation) = item.get(*method) {
                let id = operation
                    .get("operationId")
                    .and_then(Value::as_str)
                    .unwrap_or("?");
                let name = format!("{} {path} ({id})", method.to_uppercase());
                out.push((name, item, operation));
            }
        }
    }
    out
}

/// The dead ends of `spec`, one message each.
fn dead_ends(file: &str, spec: &Value) -> Vec<String> {
    let ops = operations(spec);
    let mut returned = BTreeSet::new();
    for (_, _, operation) in &ops {
        let responses = operation.get("responses").and_then(Value::as_object);
        for (status, response) in responses.into_iter().flatten() {
            if !status.starts_with('2') {
                continue;
            }
            if let Some(schema) = json_schema(spec, response) {
                let mut found = Vec::new();
                id_formats(spec, schema, "", &mut BTreeSet::new(), &mut found);
                returned.extend(found.into_iter().map(|(format, _)| format));
            }
        }
    }
    let mut messages = Vec::new();
    for (name, item, operation) in &ops {
        let mut taken = Vec::new();
        let parameters = [item, operation]
            .into_iter()
            .filter_map(|node| node.get("parameters").and_then(Value::as_array))
            .flatten()
            .map(|parameter| resolve(spec, parameter));
        for parameter in parameters {
            if parameter.get("in").and_then(Value::as_str) != Some("path") {
                continue;
            }
            let schema = parameter.get("schema").map(|s| resolve(spec, s));
            if let Some(format) = schema.and_then(|s| s.get("format")).and_then(Value::as_str)
                && is_id_format(format)
            {
                let parameter = parameter.get("name").and_then(Value::as_str).unwrap_or("?");
                taken.push((format.to_owned(), format!("path parameter `{parameter}`")));
            }
        }
        if let Some(schema) = operation
            .get("requestBody")
            .and_then(|b| json_schema(spec, b))
        {
            let mut found = Vec::new();
            id_formats(spec, schema, "", &mut BTreeSet::new(), &mut found);
            taken.extend(
                found
                    .into_iter()
                    .map(|(format, at)| (format, format!("body property `{at}`"))),
            );
        }
        for (format, place) in taken {
            if !returned.contains(&format) {
                messages.push(format!(
                    "{file}: {name} takes a `{format}` ({place}) that no operation of this \
                     version returns in a 2xx body: a dead end"
                ));
            }
        }
    }
    messages
}

#[test]
fn every_id_an_operation_takes_is_returned_by_an_operation_of_its_version() {
    for version in &spec_versions() {
        let file = format!("spec/{version}.yaml");
        let ends = dead_ends(&file, &spec_json(version));
        assert!(ends.is_empty(), "{}", ends.join("\n"));
    }
}

#[test]
fn the_check_sees_the_ids_of_every_kind_it_covers() {
    // The returning side of the check cannot pass by seeing nothing: the JSON bodies of each
    // spec's responses (of every status, not only the 2xx the check reads) hold an id of every
    // format of `ID_FORMATS`. What the operations take is not looked at here.
    for version in &spec_versions() {
        let spec = spec_json(version);
        let mut found = Vec::new();
        for (_, _, operation) in operations(&spec) {
            for response in operation
                .get("responses")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                if let Some(schema) = json_schema(&spec, response.1) {
                    id_formats(&spec, schema, "", &mut BTreeSet::new(), &mut found);
                }
            }
        }
        let formats: BTreeSet<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
        let all: BTreeSet<&str> = ID_FORMATS.iter().map(|(f, _)| *f).collect();
        assert_eq!(formats, all, "{version}");
    }
}

#[test]
fn removing_the_session_creation_leaves_the_tool_router_link_a_dead_end() {
    for version in &spec_versions() {
        let file = format!("spec/{version}.yaml");
        let mut edited = spec_json(version);
        let paths = edited
            .get_mut("paths")
            .and_then(Value::as_object_mut)
            .unwrap_or_else(|| panic!("{file}: no paths"));
        let removed = paths.remove(&format!("/api/{version}/tool_router/session"));
        assert!(removed.is_some(), "{file}: no session creation to remove");
        let ends = dead_ends(&file, &edited);
        assert_eq!(
            ends,
            [format!(
                "{file}: POST /api/{version}/tool_router/session/{{session_id}}/link \
                 (postToolRouterSessionBySessionIdLink) takes a `toolRouterSessionId` (path \
                 parameter `session_id`) that no operation of this version returns in a 2xx \
                 body: a dead end"
            )],
        );
    }
}
