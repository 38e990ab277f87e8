//! Optional properties without their `default`, for the copy of a spec progenitor reads.

use openapiv3::{OpenAPI, ReferenceOr, Schema};

use super::operations::{METHODS, operation_slot};

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
        for method in METHODS {
            let Some(Some(operation)) = operation_slot(item, method) else {
                continue;
            };
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
