//! Bodies a newer server could send, built from a spec's schemas: every property present with a
//! valid value, every enum value replaced by one the spec does not list, and a property the spec
//! does not have ([`NEWER_PROPERTY`]) added to every object at every depth; beside each, what a
//! client generated from that spec keeps of it. Also the request bodies and parameter values a
//! call needs: required properties only, listed enum values, lengths within the spec's limits.
//!
//! Local `$ref`s are followed, `allOf` parts merged, `oneOf`/`anyOf` read as their first
//! alternative; `nullable` is never used, a value is always given. A schema this cannot serve
//! generically (a `pattern`, a discriminator, a map of typed values beside listed properties,
//! a recursive schema) is an error naming where it is, never a silent skip.

use serde_json::{Map, Value, json};

/// The property added to every object of a newer body.
pub const NEWER_PROPERTY: &str = "newer_property";

/// How deep schemas may nest before the walk calls them recursive.
const MAX_DEPTH: usize = 32;

/// The value of [`NEWER_PROPERTY`]: nested, so that a client which kept it would show it.
pub fn newer_value() -> Value {
    json!({"nested": [1]})
}

/// `object` with [`NEWER_PROPERTY`] added (anything that is not an object is returned as is).
pub fn with_newer_property(mut object: Value) -> Value {
    if let Value::Object(map) = &mut object {
        map.insert(NEWER_PROPERTY.to_owned(), newer_value());
    }
    object
}

/// A body a newer server sends, and what the client keeps of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Newer {
    /// What the server sends.
    pub served: Value,
    /// What the decoded response serializes back to: `served` without the added properties.
    pub kept: Value,
}

impl Newer {
    fn same(value: Value) -> Self {
        Self {
            served: value.clone(),
            kept: value,
        }
    }
}

/// Which side of a call a value is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    /// A response of a newer server: every property, unlisted enum values, added properties.
    Response,
    /// A request this client sends: required properties, listed values.
    Request,
}

/// A schema with its `$ref`s followed, `allOf` merged and the first alternative of
/// `oneOf`/`anyOf` taken, and the component it is declared by.
struct Flat {
    schema: Map<String, Value>,
    name: Option<String>,
}

/// The schemas of one OpenAPI document (as JSON).
pub struct Schemas<'a> {
    root: &'a Value,
}

impl<'a> Schemas<'a> {
    /// The schemas of `root`, a whole OpenAPI document.
    pub fn new(root: &'a Value) -> Self {
        Self { root }
    }

    /// `node` with its `$ref`s followed (`#/components/...`), and the name of the last
    /// component reached.
    ///
    /// # Errors
    ///
    /// A reference that is not local, that leads nowhere, or a chain of them that loops.
    pub fn resolve(&self, node: &'a Value) -> Result<(&'a Value, Option<String>), String> {
        let mut node = node;
        let mut name = None;
        for _ in 0..MAX_DEPTH {
            let Some(reference) = node.get("$ref") else {
                return Ok((node, name));
            };
            let pointer = reference
                .as_str()
                .and_then(|r| r.strip_prefix('#'))
                .ok_or_else(|| format!("`{reference}` is not a local reference"))?;
            node = self
                .root
                .pointer(pointer)
                .ok_or_else(|| format!("`{reference}` leads nowhere"))?;
            name = pointer
                .rsplit('/')
                .next()
                .map(|last| last.replace("~1", "/").replace("~0", "~"));
        }
        Err(format!("a chain of `$ref`s longer than {MAX_DEPTH}"))
    }

    /// The body a newer server could send for `schema`, and what the client keeps of it;
    /// `at` names the body in errors.
    ///
    /// # Errors
    ///
    /// A schema that cannot be served generically, naming where it is.
    pub fn response(&self, schema: &Value, at: &str) -> Result<Newer, String> {
        self.value(schema, at, "body", Side::Response, 0)
    }

    /// A request body for `schema` that passes the client's checks: required properties,
    /// listed values, lengths within limits.
    ///
    /// # Errors
    ///
    /// A schema that cannot be filled generically, naming where it is.
    pub fn request(&self, schema: &Value, at: &str) -> Result<Value, String> {
        self.value(schema, at, "body", Side::Request, 0)
            .map(|v| v.served)
    }

    /// The text of a parameter named `name` of schema `schema`: a listed value, or a scalar
    /// within the spec's limits.
    ///
    /// # Errors
    ///
    /// A parameter that is not a scalar.
    pub fn parameter(&self, schema: &Value, name: &str) -> Result<String, String> {
        let at = format!("parameter `{name}`");
        let flat = self.flatten(schema, 0).map_err(|e| format!("{at}: {e}"))?;
        match kind(&flat.schema) {
            "array" | "object" | "any" => Err(format!(
                "{at}: a required parameter of type {} cannot be given generically",
                kind(&flat.schema)
            )),
            _ => match self.value(schema, &at, name, Side::Request, 0)?.served {
                Value::String(text) => Ok(text),
                other => Ok(other.to_string()),
            },
        }
    }

    fn flatten(&self, schema: &Value, depth: usize) -> Result<Flat, String> {
        if depth > MAX_DEPTH {
            return Err(format!(
                "schemas nest deeper than {MAX_DEPTH}: a recursive schema cannot be served whole"
            ));
        }
        let (schema, name) = self.resolve(schema)?;
        let object = schema
            .as_object()
            .ok_or_else(|| format!("the schema `{schema}` is not an object"))?;
        let mut merged = Map::new();
        let mut merged_name = None;
        if let Some(parts) = object.get("allOf") {
            let parts = parts.as_array().ok_or("`allOf` is not a list")?;
            for part in parts {
                let flat = self.flatten(part, depth + 1)?;
                merge(&mut merged, flat.schema);
                if parts.len() == 1 {
                    merged_name = flat.name;
                }
            }
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(alternatives) = object.get(key) {
                if object.contains_key("discriminator") {
                    return Err(format!(
                        "a `{key}` with a discriminator: its tag must stay listed"
                    ));
                }
                let first = alternatives
                    .as_array()
                    .and_then(|a| a.first())
                    .ok_or_else(|| format!("`{key}` has no alternative"))?;
                let flat = self.flatten(first, depth + 1)?;
                merge(&mut merged, flat.schema);
                merged_name = merged_name.or(flat.name);
            }
        }
        let own = object
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "allOf" | "oneOf" | "anyOf"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        merge(&mut merged, own);
        Ok(Flat {
            schema: merged,
            name: merged_name.or(name),
        })
    }

    fn value(
        &self,
        schema: &Value,
        at: &str,
        label: &str,
        side: Side,
        depth: usize,
    ) -> Result<Newer, String> {
        let flat = self
            .flatten(schema, depth)
            .map_err(|e| format!("at `{at}`: {e}"))?;
        let s = &flat.schema;
        if let Some(listed) = s.get("enum") {
            return enum_value(listed, flat.name.as_deref().unwrap_or(label), at, side);
        }
        match kind(s) {
            "object" => self.object(s, at, side, depth),
            "array" => {
                let items = s
                    .get("items")
                    .ok_or_else(|| format!("at `{at}`: an array without `items`"))?;
                let min = s.get("minItems").and_then(Value::as_u64).unwrap_or(0);
                let max = s.get("maxItems").and_then(Value::as_u64);
                let count = if max == Some(0) { 0 } else { min.max(1) };
                if count > 1 && s.get("uniqueItems") == Some(&Value::Bool(true)) {
                    return Err(format!(
                        "at `{at}`: {count} unique items cannot be made alike"
                    ));
                }
                let mut served = Vec::new();
                let mut kept = Vec::new();
                for i in 0..count {
                    let item = self.value(items, &format!("{at}[{i}]"), label, side, depth + 1)?;
                    served.push(item.served);
                    kept.push(item.kept);
                }
                Ok(Newer {
                    served: Value::Array(served),
                    kept: Value::Array(kept),
                })
            }
            "string" => string(s, at, label).map(|text| Newer::same(Value::String(text))),
            "integer" => integer(s, at).map(|n| Newer::same(Value::from(n))),
            "number" => number(s, at).map(|n| Newer::same(json!(n))),
            "boolean" => Ok(Newer::same(Value::Bool(true))),
            // No type: any JSON value, kept as it came.
            "any" => Ok(Newer::same(Value::String(format!("newer-{label}")))),
            other => Err(format!("at `{at}`: the type `{other}` cannot be served")),
        }
    }

    fn object(
        &self,
        s: &Map<String, Value>,
        at: &str,
        side: Side,
        depth: usize,
    ) -> Result<Newer, String> {
        let empty = Map::new();
        let properties = s
            .get("properties")
            .map(|p| p.as_object().ok_or("`properties` is not a map"))
            .transpose()?
            .unwrap_or(&empty);
        let additional = s.get("additionalProperties");
        let closed = matches!(additional, None | Some(Value::Bool(false)));
        if properties.is_empty() && !matches!(additional, Some(Value::Bool(false))) {
            // A free-form object (a map of any value): what it holds is kept, not ignored.
            let open = matches!(additional, None | Some(Value::Bool(true)))
                || additional.is_some_and(|a| a.as_object().is_some_and(Map::is_empty));
            if !open {
                return Err(format!(
                    "at `{at}`: a map of typed values cannot be served generically"
                ));
            }
            return Ok(Newer::same(match side {
                Side::Response => with_newer_property(json!({})),
                Side::Request => json!({}),
            }));
        }
        if !closed {
            return Err(format!(
                "at `{at}`: `additionalProperties` beside listed properties keeps an added \
                 property instead of ignoring it; this walk cannot serve it generically"
            ));
        }
        let required: Vec<&str> = s
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut served = Map::new();
        let mut kept = Map::new();
        for (name, schema) in properties {
            if name == NEWER_PROPERTY {
                return Err(format!("at `{at}`: the spec itself has `{NEWER_PROPERTY}`"));
            }
            if side == Side::Request && !required.contains(&name.as_str()) {
                continue;
            }
            let child = self.value(schema, &format!("{at}.{name}"), name, side, depth + 1)?;
            served.insert(name.clone(), child.served);
            kept.insert(name.clone(), child.kept);
        }
        if side == Side::Response {
            served.insert(NEWER_PROPERTY.to_owned(), newer_value());
        }
        Ok(Newer {
            served: Value::Object(served),
            kept: Value::Object(kept),
        })
    }
}

/// Merges the keywords of `from` into `into`: `properties` and `required` are unions, any
/// other keyword of `from` wins.
fn merge(into: &mut Map<String, Value>, from: Map<String, Value>) {
    for (key, value) in from {
        match (key.as_str(), into.get_mut(&key), value) {
            ("properties", Some(Value::Object(existing)), Value::Object(more)) => {
                existing.extend(more);
            }
            ("required", Some(Value::Array(existing)), Value::Array(more)) => {
                for name in more {
                    if !existing.contains(&name) {
                        existing.push(name);
                    }
                }
            }
            (_, _, value) => {
                into.insert(key, value);
            }
        }
    }
}

/// The JSON type of a flattened schema, inferred when it states none; `any` for no type.
fn kind(s: &Map<String, Value>) -> &str {
    if let Some(t) = s.get("type").and_then(Value::as_str) {
        return t;
    }
    if s.contains_key("properties") || s.contains_key("additionalProperties") {
        "object"
    } else if s.contains_key("items") {
        "array"
    } else {
        "any"
    }
}

/// A response's value for an enum: `NEWER_<SCHEMA>_VALUE`, listed nowhere; a request's: the
/// first listed value.
fn enum_value(listed: &Value, name: &str, at: &str, side: Side) -> Result<Newer, String> {
    let values = listed
        .as_array()
        .ok_or_else(|| format!("at `{at}`: `enum` is not a list"))?;
    if side == Side::Request {
        return values
            .iter()
            .find(|v| !v.is_null())
            .cloned()
            .map(Newer::same)
            .ok_or_else(|| format!("at `{at}`: an enum with no value to send"));
    }
    if !values.iter().all(|v| v.is_string() || v.is_null()) {
        return Err(format!(
            "at `{at}`: an enum of values that are not strings has no unknown variant"
        ));
    }
    let unlisted = format!("NEWER_{}_VALUE", screaming_snake(name));
    if values.contains(&Value::String(unlisted.clone())) {
        return Err(format!("at `{at}`: the spec lists `{unlisted}` itself"));
    }
    Ok(Newer::same(Value::String(unlisted)))
}

/// `ConnectedAccountStatus` → `CONNECTED_ACCOUNT_STATUS`, `account_type` → `ACCOUNT_TYPE`.
fn screaming_snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 && !out.ends_with('_') {
            out.push('_');
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_uppercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out
}

/// A string of the schema's format, or `newer-<label>` fitted to its length limits.
fn string(s: &Map<String, Value>, at: &str, label: &str) -> Result<String, String> {
    if s.contains_key("pattern") {
        return Err(format!("at `{at}`: a `pattern` cannot be met generically"));
    }
    let min = s.get("minLength").and_then(Value::as_u64).unwrap_or(0);
    let max = s.get("maxLength").and_then(Value::as_u64);
    let shaped = match s.get("format").and_then(Value::as_str) {
        Some("date-time") => Some("2026-01-16T10:00:00Z".to_owned()),
        Some("date") => Some("2026-01-16".to_owned()),
        Some("uuid") => Some("00000000-0000-4000-8000-000000000001".to_owned()),
        Some("uri" | "url") => Some(format!("https://example.com/newer-{label}")),
        Some("email") => Some("newer@example.com".to_owned()),
        _ => None,
    };
    let fits = |text: &str| {
        let len = text.chars().count() as u64;
        len >= min && max.is_none_or(|max| len <= max)
    };
    if let Some(text) = shaped {
        return if fits(&text) {
            Ok(text)
        } else {
            Err(format!(
                "at `{at}`: its format's value breaks its length limits"
            ))
        };
    }
    let mut text = format!("newer-{label}");
    while (text.chars().count() as u64) < min {
        text.push('x');
    }
    let max = max.map_or(usize::MAX, |max| usize::try_from(max).unwrap_or(usize::MAX));
    Ok(text.chars().take(max).collect())
}

/// The bounds of a number schema: `minimum`/`maximum`, each made strict by its 3.0 boolean
/// (`exclusiveMinimum: true`) by `step`.
fn bounds(s: &Map<String, Value>, at: &str, step: f64) -> Result<(f64, f64), String> {
    if s.contains_key("multipleOf") {
        return Err(format!(
            "at `{at}`: a `multipleOf` cannot be met generically"
        ));
    }
    let strict = |key: &str| {
        if s.get(key) == Some(&Value::Bool(true)) {
            step
        } else {
            0.0
        }
    };
    let low = s
        .get("minimum")
        .and_then(Value::as_f64)
        .map_or(f64::MIN, |m| m + strict("exclusiveMinimum"));
    let high = s
        .get("maximum")
        .and_then(Value::as_f64)
        .map_or(f64::MAX, |m| m - strict("exclusiveMaximum"));
    if low > high {
        return Err(format!("at `{at}`: no value within its bounds"));
    }
    Ok((low, high))
}

/// 1, or the nearest integer within the schema's bounds.
fn integer(s: &Map<String, Value>, at: &str) -> Result<i64, String> {
    let (low, high) = bounds(s, at, 1.0)?;
    let value = 1.0_f64.max(low.ceil()).min(high.floor());
    if value < low {
        return Err(format!("at `{at}`: no integer within its bounds"));
    }
    Ok(value as i64)
}

/// 1.5, or a number within the schema's bounds (with a fraction where they allow one, so that
/// it round-trips as the same JSON).
fn number(s: &Map<String, Value>, at: &str) -> Result<f64, String> {
    let (low, high) = bounds(s, at, 0.25)?;
    Ok(1.5_f64.max(low).min(high))
}
