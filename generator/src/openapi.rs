//! The lowest layer: facts about any OpenAPI document that more than one pass needs, each
//! written once. The HTTP methods and the operations of a document, what counts as a JSON
//! body, the one `$ref` resolver ([`refs`]), the path of an operation after its version
//! segment, its parameters with their `$ref`s resolved, and the schema of its JSON request
//! body. Nothing here knows about progenitor, positions in a YAML file or drift.

use openapiv3::{
    Content, MediaType, OpenAPI, Operation, Parameter, ParameterData, PathItem, ReferenceOr, Schema,
};

mod defaults;
pub mod refs;

pub(crate) use defaults::without_optional_defaults;
pub use refs::{MAX_DEPTH, resolve, resolve_boxed, schema_name};

/// The HTTP methods a path item can hold an operation for, lowercase as OpenAPI spells its
/// keys and in the order OpenAPI lists them.
pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Every operation of `openapi`: its path, its method and the operation, in document order.
/// A path item that is itself a `$ref` holds none.
pub fn operations<'a>(
    openapi: &'a OpenAPI,
) -> impl Iterator<Item = (&'a str, &'a str, &'a Operation)> + 'a {
    openapi.paths.paths.iter().flat_map(|(path, item)| {
        item.as_item().into_iter().flat_map(move |item| {
            item.iter()
                .map(move |(method, op)| (path.as_str(), method, op))
        })
    })
}

/// The slot of `item` that holds the operation of `method` (one of [`METHODS`]).
pub fn operation_slot<'a>(
    item: &'a mut PathItem,
    method: &str,
) -> Option<&'a mut Option<Operation>> {
    Some(match method {
        "get" => &mut item.get,
        "put" => &mut item.put,
        "post" => &mut item.post,
        "delete" => &mut item.delete,
        "options" => &mut item.options,
        "head" => &mut item.head,
        "patch" => &mut item.patch,
        "trace" => &mut item.trace,
        _ => return None,
    })
}

/// Whether `media_type` is JSON: its essence (before any `;` parameter) is `application/json`,
/// in any case. Every body the generated client sends or reads is JSON; the preflight checks
/// refuse any other.
pub fn is_json_media(media_type: &str) -> bool {
    media_type
        .split(';')
        .next()
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

/// The first JSON media type of `content` (see [`is_json_media`]): its name and its entry.
pub fn json_media(content: &Content) -> Option<(&str, &MediaType)> {
    content
        .iter()
        .find(|(media, _)| is_json_media(media))
        .map(|(media, entry)| (media.as_str(), entry))
}

/// The path after its version segment: `/api/v3.1/connected_accounts/link` →
/// `/connected_accounts/link`. A path without a version segment is kept whole.
pub(crate) fn without_version(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').collect();
    match segments.iter().position(|s| is_version_segment(s)) {
        Some(index) => format!("/{}", segments[index + 1..].join("/")),
        None => path.to_owned(),
    }
}

/// `v3`, `v3.1`: a path segment that names an API version.
fn is_version_segment(segment: &str) -> bool {
    segment.strip_prefix('v').is_some_and(|rest| {
        rest.starts_with(|c: char| c.is_ascii_digit())
            && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
    })
}

/// The parameters of `operation` with those of its path item, `$ref`s resolved, the
/// operation's own winning over the path item's of the same name and location (as OpenAPI
/// says). A `$ref` that does not resolve is left out: the preflight checks refuse it before
/// this runs.
pub(crate) fn parameters<'a>(
    openapi: &'a OpenAPI,
    path_parameters: &'a [ReferenceOr<Parameter>],
    operation: &'a Operation,
) -> Vec<&'a Parameter> {
    let resolve = |p: &'a ReferenceOr<Parameter>| refs::resolve(openapi, p);
    let own: Vec<&Parameter> = operation.parameters.iter().filter_map(resolve).collect();
    let mut out: Vec<&Parameter> = path_parameters
        .iter()
        .filter_map(resolve)
        .filter(|inherited| {
            !own.iter().any(|p| {
                p.parameter_data_ref().name == inherited.parameter_data_ref().name
                    && std::mem::discriminant(*p) == std::mem::discriminant(*inherited)
            })
        })
        .collect();
    out.extend(own);
    out
}

/// Where a parameter travels.
pub(crate) fn parameter_location(parameter: &Parameter) -> &'static str {
    match parameter {
        Parameter::Path { .. } => "path",
        Parameter::Query { .. } => "query",
        Parameter::Header { .. } => "header",
        Parameter::Cookie { .. } => "cookie",
    }
}

/// The schema of a parameter, resolved.
pub(crate) fn parameter_schema<'a>(
    openapi: &'a OpenAPI,
    data: &'a ParameterData,
) -> Option<&'a Schema> {
    match &data.format {
        openapiv3::ParameterSchemaOrContent::Schema(schema) => refs::resolve(openapi, schema),
        openapiv3::ParameterSchemaOrContent::Content(_) => None,
    }
}

/// The schema of the JSON request body of `operation`, resolved, with whether the body is
/// required.
pub(crate) fn request_body<'a>(
    openapi: &'a OpenAPI,
    operation: &'a Operation,
) -> Option<(&'a Schema, bool)> {
    let body = refs::resolve(openapi, operation.request_body.as_ref()?)?;
    let schema = json_media(&body.content)?.1.schema.as_ref()?;
    Some((refs::resolve(openapi, schema)?, body.required))
}
