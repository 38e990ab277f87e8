//! Proved for every operation: for every response of every operation of every spec in `spec/`,
//! a scripted server on 127.0.0.1 sends the body a newer API could send (every property present,
//! every enum value one the spec does not list, a property the spec does not have added to every
//! object at every depth: `composio_link_tests::newer`), and the operation is called through the
//! generated CLI table, in process. A 2xx succeeds and its JSON is the served body without the
//! added properties (unknown values round-trip as they came, added properties are ignored at
//! every depth); an error status is `Failure::Api` with that status and the served envelope.
//! The operations, their methods and parameters are read from the specs, so an added operation
//! is covered with no edit here. Also: each string enum of each version's `types` decodes an
//! unlisted value into `Unknown`, shows it as it came, and stays strict when parsed.

#![cfg(feature = "cli")]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{Debug, Display};
use std::str::FromStr;

use composio_link::cli::{Command, Failure, Input, Target};
use composio_link_tests::newer::{NEWER_PROPERTY, Schemas};
use composio_link_tests::raw::{RawServer, Reply};
use composio_link_tests::{builder, spec_json, spec_versions, workspace_root};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// The HTTP methods an OpenAPI path item may hold.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// One operation of a spec, as the walk reads it: its references resolved.
struct Operation {
    version: String,
    method: String,
    path: String,
    id: String,
    /// The parameters, the path item's overridden by the operation's.
    parameters: Vec<Value>,
    /// The JSON schema of the request body.
    body: Option<Value>,
    /// Each response by its status key.
    responses: Vec<(String, Value)>,
}

impl Operation {
    /// How failures name it: `v3.1 getConnectedAccountsByNanoid (GET /api/...)`.
    fn name(&self) -> String {
        format!(
            "{} {} ({} {})",
            self.version,
            self.id,
            self.method.to_uppercase(),
            self.path
        )
    }
}

/// How many operations `spec` declares: each method key of each path item.
fn count_operations(spec: &Value) -> usize {
    spec["paths"]
        .as_object()
        .map(|paths| {
            paths
                .values()
                .map(|item| METHODS.iter().filter(|m| item.get(**m).is_some()).count())
                .sum()
        })
        .unwrap_or(0)
}

/// The schema of the JSON media type of a `content` map.
fn json_schema(content: Option<&Value>) -> Option<&Value> {
    content?
        .as_object()?
        .iter()
        .find(|(media, _)| {
            media
                .split(';')
                .next()
                .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
        })
        .and_then(|(_, media)| media.get("schema"))
}

/// Every operation of `spec`.
fn operations(version: &str, spec: &Value) -> Result<Vec<Operation>, String> {
    let schemas = Schemas::new(spec);
    let resolved = |node: &Value| schemas.resolve(node).map(|(n, _)| n.clone());
    let paths = spec["paths"].as_object().ok_or("no `paths` map")?;
    let mut found = Vec::new();
    for (path, item) in paths {
        let item = resolved(item)?;
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            let id = op["operationId"]
                .as_str()
                .ok_or_else(|| format!("{method} {path}: no operationId"))?;
            let mut parameters: Vec<Value> = Vec::new();
            let declared = [&item["parameters"], &op["parameters"]];
            for p in declared.iter().filter_map(|list| list.as_array()).flatten() {
                let p = resolved(p)?;
                parameters.retain(|q| (&q["name"], &q["in"]) != (&p["name"], &p["in"]));
                parameters.push(p);
            }
            let body = match op.get("requestBody") {
                None => None,
                Some(body) => Some(
                    json_schema(resolved(body)?.get("content"))
                        .cloned()
                        .ok_or_else(|| format!("{id}: a request body without a JSON schema"))?,
                ),
            };
            let responses = op["responses"]
                .as_object()
                .ok_or_else(|| format!("{id}: no `responses` map"))?
                .iter()
                .map(|(status, response)| Ok((status.clone(), resolved(response)?)))
                .collect::<Result<_, String>>()?;
            found.push(Operation {
                version: version.to_owned(),
                method: method.to_owned(),
                path: path.clone(),
                id: id.to_owned(),
                parameters,
                body,
                responses,
            });
        }
    }
    Ok(found)
}

/// What the request of a call must look like on the server's side.
struct Expected {
    path: String,
    query: Vec<String>,
    headers: Vec<(String, String)>,
    body: Option<Value>,
}

/// The CLI input of `op` (its required parameters and a request body that passes the client's
/// checks), and the request the server must then see.
fn input(
    schemas: &Schemas<'_>,
    command: &Command,
    op: &Operation,
) -> Result<(Input, Expected), String> {
    let mut params = BTreeMap::new();
    let mut expected = Expected {
        path: op.path.clone(),
        query: Vec::new(),
        headers: Vec::new(),
        body: None,
    };
    for p in &op.parameters {
        if p["required"] != Value::Bool(true) {
            continue;
        }
        let name = p["name"].as_str().ok_or("a parameter without a name")?;
        let schema = p
            .get("schema")
            .ok_or_else(|| format!("the parameter `{name}` has no schema"))?;
        let value = schemas.parameter(schema, name)?;
        let arg = command
            .args
            .iter()
            .find(|a| a.name == name && a.target == Target::Param)
            .ok_or_else(|| format!("the CLI table has no flag for the parameter `{name}`"))?;
        params.insert(arg.name, vec![value.clone()]);
        match p["in"].as_str() {
            Some("path") => expected.path = expected.path.replace(&format!("{{{name}}}"), &value),
            Some("query") => expected.query.push(format!("{name}={value}")),
            Some("header") => expected.headers.push((name.to_ascii_lowercase(), value)),
            other => return Err(format!("the parameter `{name}` is in {other:?}")),
        }
    }
    expected.query.sort();
    let body = match &op.body {
        Some(schema) => {
            if !command.body {
                return Err("the CLI table takes no body for an operation with one".into());
            }
            let body = schemas.request(schema, "request body")?;
            expected.body = Some(body.clone());
            body.as_object()
                .cloned()
                .ok_or("a request body that is not an object cannot be given to the CLI")?
        }
        None => serde_json::Map::new(),
    };
    Ok((Input::new(params, body), expected))
}

/// How many unlisted enum values (`NEWER_..._VALUE`) and added properties `body` holds.
fn newer_parts(body: &Value) -> (usize, usize) {
    match body {
        Value::String(s) => (usize::from(s.starts_with("NEWER_")), 0),
        Value::Array(items) => items.iter().map(newer_parts).fold((0, 0), add),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| add(newer_parts(v), (0, usize::from(k == NEWER_PROPERTY))))
            .fold((0, 0), add),
        _ => (0, 0),
    }
}

fn add(a: (usize, usize), b: (usize, usize)) -> (usize, usize) {
    (a.0 + b.0, a.1 + b.1)
}

/// Serves `response` of `op` at `status_key` as a newer server would, calls the operation
/// through `command`, and checks the request sent and what the call returned. Returns how many
/// unlisted enum values and added properties it served.
async fn check(
    schemas: &Schemas<'_>,
    command: &Command,
    op: &Operation,
    status_key: &str,
    response: &Value,
) -> Result<(usize, usize), String> {
    let status: u16 = status_key
        .parse()
        .map_err(|_| format!("`{status_key}` names no one status: cannot be served generically"))?;
    let schema = json_schema(response.get("content"))
        .ok_or("a response without a JSON body cannot be served generically")?;
    let newer = schemas.response(schema, "response body")?;
    let parts = newer_parts(&newer.served);
    let (input, expected) = input(schemas, command, op)?;
    let server = RawServer::start(vec![Reply::json(status, &newer.served)]).await;
    let client = builder(server.base_url())
        .max_retries(0)
        .build()
        .map_err(|e| format!("test client: {e}"))?;

    let result = (command.call)(&client, input).await;

    let seen = server.requests();
    let [request] = seen.as_slice() else {
        return Err(format!("the server saw {} requests, not 1", seen.len()));
    };
    let (path, query) = request
        .target
        .split_once('?')
        .unwrap_or((request.target.as_str(), ""));
    let mut sent_query: Vec<String> = query
        .split('&')
        .filter(|q| !q.is_empty())
        .map(str::to_owned)
        .collect();
    sent_query.sort();
    let sent = (request.method.as_str(), path, sent_query);
    let wanted = (
        op.method.to_uppercase(),
        expected.path.as_str(),
        expected.query,
    );
    if (sent.0, sent.1, &sent.2) != (wanted.0.as_str(), wanted.1, &wanted.2) {
        return Err(format!("sent {sent:?}, expected {wanted:?}"));
    }
    for (name, value) in &expected.headers {
        if request.header(name) != Some(value) {
            return Err(format!("the header `{name}` is not `{value}`"));
        }
    }
    let sent_body = serde_json::from_slice::<Value>(&request.body).ok();
    if sent_body != expected.body {
        return Err(format!(
            "sent the body {sent_body:?}, expected {:?}",
            expected.body
        ));
    }

    match (status, result) {
        (200..=299, Ok(json)) if json == newer.kept => Ok(parts),
        (200..=299, Ok(json)) => Err(format!(
            "returned {json}\nexpected {}\n(served {})",
            newer.kept, newer.served
        )),
        (400..=599, Err(Failure::Api(e))) => {
            if e.status().map(|s| s.as_u16()) != Some(status) {
                return Err(format!("an error of status {:?}: {e}", e.status()));
            }
            let api = e
                .api_error()
                .ok_or_else(|| format!("no API error in {e}"))?;
            let got = json!({
                "message": api.message,
                "code": api.code,
                "slug": api.slug,
                "status": api.status,
                "request_id": api.request_id,
                "suggested_fix": api.suggested_fix,
                "errors": api.errors,
            });
            if got == newer.kept["error"] {
                Ok(parts)
            } else {
                Err(format!(
                    "the API error is {got}\nexpected {}\n(served {})",
                    newer.kept["error"], newer.served
                ))
            }
        }
        (200..=299, Err(Failure::Api(e))) => Err(format!("failed: {e}")),
        (_, Err(Failure::Usage(message))) => Err(format!("refused its input: {message}")),
        (400..=599, Ok(json)) => Err(format!("succeeded with {json}")),
        _ => Err(format!("a status {status} cannot be served generically")),
    }
}

#[tokio::test]
async fn every_response_of_every_operation_decodes_what_a_newer_server_sends() {
    let versions = composio_link::cli::versions();
    let names: BTreeSet<String> = versions.iter().map(|v| v.name.to_owned()).collect();
    let specs: BTreeSet<String> = spec_versions().into_iter().collect();
    assert_eq!(names, specs, "the CLI's versions are the specs'");
    let mut failures = Vec::new();
    let (mut in_specs, mut visited, mut served) = (0, 0, 0);
    let mut parts = (0, 0);
    for version in versions {
        let spec = spec_json(version.name);
        in_specs += count_operations(&spec);
        let schemas = Schemas::new(&spec);
        let ops = match operations(version.name, &spec) {
            Ok(ops) => ops,
            Err(e) => {
                failures.push(format!("{}: {e}", version.name));
                continue;
            }
        };
        for command in version.commands {
            if !ops.iter().any(|op| op.id == command.operation_id) {
                failures.push(format!(
                    "{} {}: a CLI command of no operation of the spec",
                    version.name, command.operation_id
                ));
            }
        }
        for op in &ops {
            let Some(command) = version.commands.iter().find(|c| c.operation_id == op.id) else {
                failures.push(format!("{}: no CLI command", op.name()));
                continue;
            };
            visited += 1;
            if !op.responses.iter().any(|(s, _)| s.starts_with('2')) {
                failures.push(format!("{}: no 2xx response to serve", op.name()));
            }
            for (status, response) in &op.responses {
                served += 1;
                match check(&schemas, command, op, status, response).await {
                    Ok(found) => parts = add(parts, found),
                    Err(e) => failures.push(format!("{} {status}: {e}", op.name())),
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {served} responses failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(visited > 0, "no operation was visited");
    assert!(
        parts.0 > 0 && parts.1 > visited,
        "served {} unlisted enum values and {} added properties: the walk replaced nothing",
        parts.0,
        parts.1
    );
    assert_eq!(
        visited, in_specs,
        "operations visited, operations in the specs"
    );
}

/// The unlisted value the enum checks decode.
const UNLISTED: &str = "UNLISTED";

/// Checks one string enum `E` of module `module` (`v3_1`): an unlisted value decodes into its
/// unknown variant (`is_unknown`) and shows as it came, parsing stays strict, and each value its
/// component schema lists still decodes into a variant of its own.
fn check_enum<E>(module: &str, name: &str, is_unknown: fn(&E) -> bool) -> Vec<String>
where
    E: DeserializeOwned + Serialize + Display + Debug + FromStr + PartialEq,
    for<'a> E: TryFrom<&'a str>,
{
    let mut failures = Vec::new();
    let mut fail = |what: String| failures.push(format!("{module}::types::{name}: {what}"));
    match serde_json::from_value::<E>(json!(UNLISTED)) {
        Err(e) => fail(format!("`{UNLISTED}` does not decode: {e}")),
        Ok(value) => {
            if !is_unknown(&value) {
                fail(format!("`{UNLISTED}` decodes into {value:?}, not Unknown"));
            }
            if value.to_string() != UNLISTED {
                fail(format!("to_string() is `{value}`"));
            }
            if !format!("{value:?}").contains(UNLISTED) {
                fail(format!("Debug is `{value:?}`"));
            }
            if serde_json::to_value(&value).ok() != Some(json!(UNLISTED)) {
                fail("it serializes to another value".into());
            }
        }
    }
    if UNLISTED.parse::<E>().is_ok() || E::try_from(UNLISTED).is_ok() {
        fail(format!(
            "`{UNLISTED}` parses: FromStr/TryFrom must stay strict"
        ));
    }
    let version = module.replace('_', ".");
    let listed = spec_json(&version)["components"]["schemas"][name]["enum"].clone();
    for listed in listed.as_array().into_iter().flatten() {
        let Some(text) = listed.as_str() else {
            continue;
        };
        match serde_json::from_value::<E>(listed.clone()) {
            Ok(value) if !is_unknown(&value) && value.to_string() == text => {
                if text.parse::<E>().ok().as_ref() != Some(&value) {
                    fail(format!("the listed `{text}` does not parse into {value:?}"));
                }
            }
            other => fail(format!("the listed `{text}` decodes into {other:?}")),
        }
    }
    failures
}

/// The string enums of every version's `types`, each checked by [`check_enum`].
macro_rules! string_enums {
    ($($module:ident :: $name:ident),* $(,)?) => {
        const CHECKED: &[(&str, &str)] = &[$((stringify!($module), stringify!($name))),*];

        fn check_every_enum() -> Vec<String> {
            let mut failures = Vec::new();
            $(
                failures.extend(check_enum::<composio_link::$module::types::$name>(
                    stringify!($module),
                    stringify!($name),
                    |value| {
                        use composio_link::$module::types::$name as Enum;
                        matches!(value, Enum::Unknown(raw) if raw.as_str() == UNLISTED)
                    },
                ));
            )*
            failures
        }
    };
}

string_enums!(
    v3::ConnectedAccountStatus,
    v3::AuthConfigStatus,
    v3::AuthConfigType,
    v3::ConnectedAccountsOrderBy,
    v3::OrderDirection,
    v3::ToolRouterSessionMcpType,
    v3_1::ConnectedAccountStatus,
    v3_1::AccountType,
    v3_1::AuthConfigStatus,
    v3_1::AuthConfigType,
    v3_1::ConnectedAccountsOrderBy,
    v3_1::OrderDirection,
    v3_1::ToolRouterSessionMcpType,
);

/// The string enums each generated module declares: the enums of its `types` with a variant
/// holding an `UnknownValue`.
fn generated_string_enums() -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    for version in composio_link::cli::versions() {
        let module = version.name.replace('.', "_");
        let path = workspace_root().join(format!("generated-client/src/generated/{module}.rs"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let types = file.items.iter().find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == "types" => m.content.as_ref(),
            _ => None,
        });
        for item in types.map(|(_, items)| items.as_slice()).unwrap_or_default() {
            let syn::Item::Enum(e) = item else { continue };
            let open = e.variants.iter().any(|v| match &v.fields {
                syn::Fields::Unnamed(f) => f.unnamed.iter().any(|field| {
                    matches!(&field.ty, syn::Type::Path(p)
                        if p.path.segments.last().is_some_and(|s| s.ident == "UnknownValue"))
                }),
                _ => false,
            });
            if open {
                found.insert((module.clone(), e.ident.to_string()));
            }
        }
    }
    found
}

#[test]
fn each_string_enum_keeps_an_unlisted_value_and_parses_strictly() {
    let failures = check_every_enum();
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    let checked: BTreeSet<(String, String)> = CHECKED
        .iter()
        .map(|(m, n)| ((*m).to_owned(), (*n).to_owned()))
        .collect();
    assert!(!checked.is_empty());
    let generated = generated_string_enums();
    let missing: Vec<String> = generated
        .difference(&checked)
        .map(|(m, n)| format!("{m}::{n}"))
        .collect();
    let gone: Vec<String> = checked
        .difference(&generated)
        .map(|(m, n)| format!("{m}::{n}"))
        .collect();
    assert!(
        missing.is_empty() && gone.is_empty(),
        "string_enums! in tests/tests/newer_server.rs must name every string enum the generated \
         modules declare: add {missing:?}, remove {gone:?}"
    );
}

/// A small document with the schema shapes the walk reads that today's specs may not have.
fn shapes() -> Value {
    json!({"components": {"schemas": {
        "Status": {"type": "string", "enum": ["A", "B"]},
        "Alias": {"$ref": "#/components/schemas/Status"},
        "Base": {
            "type": "object",
            "required": ["id"],
            "properties": {"id": {"type": "string", "minLength": 12, "maxLength": 14}}
        },
        "Short": {"type": "string", "maxLength": 3},
        "Loop": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Loop"}}}
    }}})
}

#[test]
fn the_walk_serves_each_schema_shape_it_reads() {
    let spec = shapes();
    let schemas = Schemas::new(&spec);
    let body = json!({
        "type": "object",
        "required": ["kind", "merged"],
        "properties": {
            "kind": {"$ref": "#/components/schemas/Alias"},
            "inline": {"type": "string", "enum": ["X"]},
            "merged": {"allOf": [
                {"$ref": "#/components/schemas/Base"},
                {"type": "object", "properties": {"extra": {"type": "boolean"}}}
            ]},
            "first": {"oneOf": [{"$ref": "#/components/schemas/Short"}, {"type": "integer"}]},
            "maybe": {"type": "integer", "nullable": true, "minimum": 5, "maximum": 9},
            "ratio": {"type": "number", "maximum": 1},
            "list": {"type": "array", "minItems": 2, "items": {
                "type": "object", "properties": {"n": {"type": "integer"}}
            }},
            "free": {"type": "object"},
            "anything": {},
            "when": {"type": "string", "format": "date-time"}
        }
    });
    let added = json!({"nested": [1]});
    let kept = json!({
        "kind": "NEWER_STATUS_VALUE",
        "inline": "NEWER_INLINE_VALUE",
        "merged": {"id": "newer-idxxxx", "extra": true},
        "first": "new",
        "maybe": 5,
        "ratio": 1.0,
        "list": [{"n": 1}, {"n": 1}],
        "free": {NEWER_PROPERTY: added},
        "anything": "newer-anything",
        "when": "2026-01-16T10:00:00Z"
    });
    let mut served = kept.clone();
    served[NEWER_PROPERTY] = added.clone();
    served["merged"][NEWER_PROPERTY] = added.clone();
    for item in 0..2 {
        served["list"][item][NEWER_PROPERTY] = added.clone();
    }

    let newer = schemas
        .response(&body, "body")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((newer.served, newer.kept), (served, kept));
    assert_eq!(
        schemas.request(&body, "request"),
        Ok(json!({"kind": "A", "merged": {"id": "newer-idxxxx"}})),
        "a request: required properties, listed values, lengths within limits"
    );
    let parameter = |schema: Value| schemas.parameter(&schema, "p");
    assert_eq!(
        parameter(json!({"$ref": "#/components/schemas/Status"})),
        Ok("A".to_owned())
    );
    assert_eq!(
        parameter(json!({"type": "integer", "minimum": 3})),
        Ok("3".to_owned())
    );
    assert_eq!(parameter(json!({"type": "boolean"})), Ok("true".to_owned()));
    assert_eq!(
        parameter(json!({"type": "string", "format": "connectedAccountId"})),
        Ok("newer-p".to_owned())
    );
    assert!(parameter(json!({"type": "array", "items": {"type": "string"}})).is_err());
}

#[test]
fn the_walk_refuses_what_it_cannot_serve_generically_naming_where() {
    let spec = shapes();
    let schemas = Schemas::new(&spec);
    let object = |property: Value| json!({"type": "object", "properties": {"p": property}});
    let cases = [
        (
            object(json!({"type": "string", "pattern": "^a+$"})),
            "at `body.p`: a `pattern`",
        ),
        (
            object(json!({
                "type": "object",
                "properties": {"a": {"type": "string"}},
                "additionalProperties": true
            })),
            "at `body.p`: `additionalProperties` beside listed properties",
        ),
        (
            object(json!({"type": "object", "additionalProperties": {"type": "integer"}})),
            "at `body.p`: a map of typed values",
        ),
        (
            object(json!({"oneOf": [{"type": "string"}], "discriminator": {"propertyName": "k"}})),
            "at `body.p`: a `oneOf` with a discriminator",
        ),
        (
            object(json!({"type": "integer", "enum": [1, 2]})),
            "at `body.p`: an enum of values that are not strings",
        ),
        (
            object(json!({"$ref": "#/components/schemas/Nowhere"})),
            "at `body.p`: `\"#/components/schemas/Nowhere\"` leads nowhere",
        ),
        (
            json!({"$ref": "#/components/schemas/Loop"}),
            "a recursive schema",
        ),
    ];
    for (schema, expected) in cases {
        match schemas.response(&schema, "body") {
            Ok(newer) => panic!("{schema} was served as {}", newer.served),
            Err(e) => assert!(e.contains(expected), "{schema}: `{e}` lacks `{expected}`"),
        }
    }
}
