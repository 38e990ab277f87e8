//! The lowest layer: facts about any OpenAPI document that more than one pass needs, each
//! written once. The HTTP methods and the operations of a document, how messages name an
//! operation, its responses and the family of a response status, what counts as a JSON body,
//! the properties of an object schema, the one `$ref` resolver ([`refs`]), the path of an
//! operation after its version segment, its parameters with their `$ref`s resolved, and the
//! schema of its JSON request body. Nothing here knows about progenitor, positions in a YAML
//! file or drift.

use openapiv3::{
    Content, MediaType, OpenAPI, Operation, Parameter, ParameterData, ReferenceOr, Response,
    Schema, SchemaKind, StatusCode, Type,
};

mod defaults;
mod operations;
pub mod refs;

pub(crate) use defaults::without_optional_defaults;
pub(crate) use operations::operation_name;
pub use operations::{METHODS, operation_slot, operations, operations_with_items};
pub use refs::{MAX_DEPTH, resolve, resolve_boxed, schema_name};

/// The essence of a media type: what stands before any `;` parameter, trimmed.
fn essence(media_type: &str) -> &str {
    media_type.split(';').next().unwrap_or_default().trim()
}

/// Whether `media_type` is the JSON the generated client sends and decodes: its essence is
/// `application/json`, in any case. The preflight checks refuse any other body, so this is
/// where codegen reads a body.
pub fn is_json_media(media_type: &str) -> bool {
    essence(media_type).eq_ignore_ascii_case("application/json")
}

/// Whether a body of `media_type` is JSON at all: `application/json`, or a type with the
/// `+json` structured syntax suffix (RFC 6839: `application/problem+json`). The drift
/// comparison reads bodies of a vendor's document, which is never generated, by this.
pub fn is_any_json_media(media_type: &str) -> bool {
    let essence = essence(media_type);
    is_json_media(essence)
        || essence
            .rsplit_once('+')
            .is_some_and(|(_, suffix)| suffix.eq_ignore_ascii_case("json"))
}

/// The first media type of `content` that [`is_json_media`]: its name and its entry.
pub fn json_media(content: &Content) -> Option<(&str, &MediaType)> {
    first_media(content, is_json_media)
}

/// The first media type of `content` that [`is_any_json_media`]: its name and its entry.
pub fn any_json_media(content: &Content) -> Option<(&str, &MediaType)> {
    first_media(content, is_any_json_media)
}

fn first_media(content: &Content, is: fn(&str) -> bool) -> Option<(&str, &MediaType)> {
    content
        .iter()
        .find(|(media, _)| is(media))
        .map(|(media, entry)| (media.as_str(), entry))
}

/// The responses of `operation` in document order, its `default` last: each with its status
/// (`None` for `default`), the status as the document writes it (`201`, `4XX`, `default`) and
/// the response.
pub(crate) fn responses(
    operation: &Operation,
) -> impl Iterator<Item = (Option<&StatusCode>, String, &ReferenceOr<Response>)> {
    operation
        .responses
        .responses
        .iter()
        .map(|(status, response)| (Some(status), status.to_string(), response))
        .chain(
            operation
                .responses
                .default
                .iter()
                .map(|response| (None, "default".to_owned(), response)),
        )
}

/// What a response status stands for, as progenitor sorts responses into one success type and
/// one error type per operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StatusFamily {
    /// `2XX`.
    Success,
    /// `4XX` and `5XX`.
    Error,
    /// Any other (`1XX`, `3XX`).
    Other,
}

/// The family of `status`, a code or a range.
pub(crate) fn status_family(status: &StatusCode) -> StatusFamily {
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

/// The path after its version segment: `/api/v3.1/connected_accounts/link` →
/// `/connected_accounts/link`. A path without a version segment is kept whole.
pub(crate) fn without_version(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').collect();
    match segments.iter().position(|s| is_version_segment(s)) {
        Some(index) => format!("/{}", segments[index + 1..].join("/")),
        None => path.to_owned(),
    }
}

/// The version segment of a path (`v3.1` in `/api/v3.1/connected_accounts/link`), if any: the
/// first segment [`without_version`] removes.
pub(crate) fn version_segment(path: &str) -> Option<&str> {
    path.split('/').find(|s| is_version_segment(s))
}

/// `v3`, `v3.1`: a path segment shaped like an API version (`v` and dotted numbers).
pub(crate) fn is_version_segment(segment: &str) -> bool {
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

/// `schema`, or what an `allOf` of one schema stands for (the spelling that gives a `$ref` a
/// description or a default), resolved, through any number of such wrappers up to
/// [`MAX_DEPTH`]. `None` when a part does not resolve or the wrappers go deeper (a schema that
/// is an `allOf` of itself).
pub(crate) fn unwrapped<'a>(openapi: &'a OpenAPI, schema: &'a Schema) -> Option<&'a Schema> {
    let mut schema = schema;
    for _ in 0..=MAX_DEPTH {
        match &schema.schema_kind {
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                schema = refs::resolve(openapi, all_of.first()?)?;
            }
            _ => return Some(schema),
        }
    }
    None
}

/// The top-level properties of an object schema (the parts of an `allOf` merged): name,
/// resolved schema, required. An `allOf` nested deeper than [`MAX_DEPTH`] adds nothing.
pub(crate) fn object_properties<'a>(
    openapi: &'a OpenAPI,
    schema: &'a Schema,
) -> Vec<(String, &'a Schema, bool)> {
    properties_within(openapi, schema, 0)
}

fn properties_within<'a>(
    openapi: &'a OpenAPI,
    schema: &'a Schema,
    depth: usize,
) -> Vec<(String, &'a Schema, bool)> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => object
            .properties
            .iter()
            .filter_map(|(name, property)| {
                let property = refs::resolve_boxed(openapi, property)?;
                Some((name.clone(), property, object.required.contains(name)))
            })
            .collect(),
        SchemaKind::AllOf { all_of } if depth < MAX_DEPTH => all_of
            .iter()
            .filter_map(|part| refs::resolve(openapi, part))
            .flat_map(|part| properties_within(openapi, part, depth + 1))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small OpenAPI document written inline in a test.
    pub(crate) fn document(yaml: &str) -> OpenAPI {
        match serde_yaml_ng::from_str(yaml) {
            Ok(openapi) => openapi,
            Err(e) => panic!("test document does not parse: {e}"),
        }
    }

    #[test]
    fn generated_json_is_application_json_and_any_json_takes_suffixes() {
        for media in [
            "application/json",
            "Application/JSON",
            "application/json; charset=utf-8",
        ] {
            assert!(is_json_media(media) && is_any_json_media(media), "{media}");
        }
        for media in ["application/problem+json", "application/vnd.api+JSON; v=1"] {
            assert!(!is_json_media(media) && is_any_json_media(media), "{media}");
        }
        for media in [
            "text/plain",
            "application/jsonl",
            "application/x-ndjson",
            "json",
        ] {
            assert!(
                !is_json_media(media) && !is_any_json_media(media),
                "{media}"
            );
        }
    }

    const WRAPPERS: &str = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Name: {type: string}
    Described: {allOf: [{$ref: '#/components/schemas/Name'}], description: d}
    Itself: {allOf: [{$ref: '#/components/schemas/Itself'}]}
    Thing:
      allOf:
        - {$ref: '#/components/schemas/Thing'}
        - {type: object, properties: {id: {$ref: '#/components/schemas/Described'}}}
";

    fn schema<'a>(openapi: &'a OpenAPI, name: &str) -> &'a Schema {
        let reference = ReferenceOr::<Schema>::ref_(&format!("#/components/schemas/{name}"));
        match openapi
            .components
            .as_ref()
            .and_then(|c| c.schemas.get(name))
        {
            Some(ReferenceOr::Item(schema)) => schema,
            _ => panic!("no schema {reference:?}"),
        }
    }

    #[test]
    fn unwraps_an_all_of_of_one_and_stops_at_one_of_itself() {
        let openapi = document(WRAPPERS);
        let described = unwrapped(&openapi, schema(&openapi, "Described"));
        assert!(
            described.is_some_and(|s| matches!(s.schema_kind, SchemaKind::Type(Type::String(_))))
        );
        assert!(unwrapped(&openapi, schema(&openapi, "Itself")).is_none());
    }

    #[test]
    fn the_properties_of_an_all_of_that_contains_itself_end() {
        let openapi = document(WRAPPERS);
        let names: Vec<String> = object_properties(&openapi, schema(&openapi, "Thing"))
            .into_iter()
            .map(|(name, _, _)| name)
            .collect();
        assert!(!names.is_empty() && names.len() <= MAX_DEPTH);
        assert!(names.iter().all(|name| name == "id"));
    }
}
