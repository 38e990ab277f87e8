//! Small facts about an OpenAPI document that more than one pass needs: the path of an
//! operation after its version segment, its parameters with their `$ref`s resolved, and the
//! schema of its JSON request body.

use openapiv3::{OpenAPI, Operation, Parameter, ParameterData, ReferenceOr, Schema};

use crate::constraints;

/// The media type every body of this workspace's specs uses; the preflight checks refuse any
/// other, so a body is read under this key only.
pub(crate) const JSON_MEDIA: &str = "application/json";

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
    let resolve = |p: &'a ReferenceOr<Parameter>| match p {
        ReferenceOr::Item(p) => Some(p),
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix("#/components/parameters/")?;
            openapi.components.as_ref()?.parameters.get(name)?.as_item()
        }
    };
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
        openapiv3::ParameterSchemaOrContent::Schema(schema) => {
            constraints::resolve(openapi, schema)
        }
        openapiv3::ParameterSchemaOrContent::Content(_) => None,
    }
}

/// The schema of the JSON request body of `operation`, resolved, with whether the body is
/// required.
pub(crate) fn request_body<'a>(
    openapi: &'a OpenAPI,
    operation: &'a Operation,
) -> Option<(&'a Schema, bool)> {
    let body = match operation.request_body.as_ref()? {
        ReferenceOr::Item(body) => body,
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix("#/components/requestBodies/")?;
            openapi
                .components
                .as_ref()?
                .request_bodies
                .get(name)?
                .as_item()?
        }
    };
    let schema = body.content.get(JSON_MEDIA)?.schema.as_ref()?;
    Some((constraints::resolve(openapi, schema)?, body.required))
}

/// A copy of `openapi` in which no optional property has a `default`.
///
/// typify turns an optional property with a default into a plain field filled with the default
/// and always serialized, so the client would send `"account_type": "PRIVATE"` although the
/// caller never set it. Defaults are the server's to apply: without them the field is an
/// `Option`, left out when unset. The spec keeps its defaults (they are documentation, and the
/// drift rules compare them).
pub(crate) fn without_optional_defaults(openapi: &OpenAPI) -> OpenAPI {
    let mut copy = openapi.clone();
    if let Some(components) = &mut copy.components {
        for schema in components.schemas.values_mut() {
            if let ReferenceOr::Item(schema) = schema {
                strip_defaults(schema);
            }
        }
    }
    for item in copy.paths.paths.values_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for operation in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.options,
            &mut item.head,
            &mut item.patch,
            &mut item.trace,
        ]
        .into_iter()
        .flatten()
        {
            if let Some(ReferenceOr::Item(body)) = &mut operation.request_body {
                for media in body.content.values_mut() {
                    if let Some(ReferenceOr::Item(schema)) = &mut media.schema {
                        strip_defaults(schema);
                    }
                }
            }
            for response in operation.responses.responses.values_mut() {
                let ReferenceOr::Item(response) = response else {
                    continue;
                };
                for media in response.content.values_mut() {
                    if let Some(ReferenceOr::Item(schema)) = &mut media.schema {
                        strip_defaults(schema);
                    }
                }
            }
        }
    }
    copy
}

/// Removes the `default` of every optional property under `schema`.
fn strip_defaults(schema: &mut Schema) {
    use openapiv3::{SchemaKind, Type};
    match &mut schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => {
            let required = object.required.clone();
            for (name, property) in &mut object.properties {
                if let ReferenceOr::Item(property) = property {
                    if !required.contains(name) {
                        property.schema_data.default = None;
                    }
                    strip_defaults(property);
                }
            }
            if let Some(openapiv3::AdditionalProperties::Schema(extra)) =
                &mut object.additional_properties
                && let ReferenceOr::Item(extra) = extra.as_mut()
            {
                strip_defaults(extra);
            }
        }
        SchemaKind::Type(Type::Array(array)) => {
            if let Some(ReferenceOr::Item(items)) = &mut array.items {
                strip_defaults(items);
            }
        }
        SchemaKind::AllOf { all_of: parts }
        | SchemaKind::AnyOf { any_of: parts }
        | SchemaKind::OneOf { one_of: parts } => {
            for part in parts {
                if let ReferenceOr::Item(part) = part {
                    strip_defaults(part);
                }
            }
        }
        _ => {}
    }
}
