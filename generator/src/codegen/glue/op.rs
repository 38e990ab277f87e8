//! One operation of a spec joined with what progenitor generated for it ([`Op`]), which every
//! part of the glue is written from, and progenitor's snake-case rule that finds the builder of
//! an operationId.

use std::collections::BTreeMap;

use heck::ToSnakeCase;
use openapiv3::{OpenAPI, Operation, Parameter, Schema, SchemaKind, Type};
use quote::format_ident;

use super::read::{self, Built};
use crate::document::{NodePath, Spec};
use crate::error::{Error, Result};
use crate::openapi::{self, StatusFamily, object_properties, status_family};

/// One operation of a spec with what progenitor generated for it.
pub(crate) struct Op<'a> {
    /// The spec's operationId.
    pub(crate) id: &'a str,
    /// Lower-case HTTP method.
    pub(crate) method: &'a str,
    /// The path template.
    pub(crate) path: &'a str,
    /// The operation in the spec.
    pub(crate) operation: &'a Operation,
    /// Its parameters, the path item's included.
    pub(crate) parameters: Vec<&'a Parameter>,
    /// What progenitor generated for it.
    pub(crate) built: Built,
    /// Whether it pages ([`pages`]).
    pub(crate) pages: bool,
}

impl Op<'_> {
    /// `POST /api/v3.1/connected_accounts/link`.
    pub(crate) fn request(&self) -> String {
        format!("{} {}", self.method.to_uppercase(), self.path)
    }

    /// The name of the static that describes the operation.
    pub(crate) fn static_name(&self) -> syn::Ident {
        format_ident!(
            "OPERATION_{}",
            self.built.info_name.to_uppercase(),
            span = proc_macro2::Span::call_site()
        )
    }
}

/// Every operation of `spec`, in document order, joined with its part of progenitor's output.
///
/// # Errors
///
/// [`Error::Generate`] naming the operation when progenitor's output has no builder for it.
pub(crate) fn join<'a>(spec: &'a Spec, file: &syn::File) -> Result<Vec<Op<'a>>> {
    let openapi: &OpenAPI = spec.openapi();
    let mut built = read::operations(file);
    let mut out = Vec::new();
    for (path, item, method, operation) in openapi::operations_with_items(openapi) {
        let Some(id) = operation.operation_id.as_deref() else {
            continue;
        };
        let Some(found) = built.remove(&sanitize(id)) else {
            return Err(Error::Generate {
                location: spec.locate(&NodePath::operation(path, method)),
                operation: Some(format!("`{id}`")),
                message: format!(
                    "progenitor generated no request builder named after it (expected a \
                     `Client::{}` method); the client crate's glue cannot be generated",
                    sanitize(id)
                ),
            });
        };
        let parameters = openapi::parameters(openapi, &item.parameters, operation);
        out.push(Op {
            id,
            method,
            path,
            operation,
            pages: pages(openapi, &parameters, operation),
            parameters,
            built: found,
        });
    }
    debug_assert_eq!(out.len(), openapi::operations(openapi).count());
    Ok(out)
}

/// progenitor's name for an identifier in snake case (its `sanitize(_, Case::Snake)` for the
/// names this workspace's specs use: operationIds and parameter names).
pub(crate) fn sanitize(name: &str) -> String {
    name.replace('\'', "")
        .replace(|c: char| !(c.is_alphanumeric() || c == '_'), "-")
        .to_snake_case()
}

/// The name progenitor hands the hooks for each operationId, for the constraint table.
pub(crate) fn hook_names(ops: &[Op<'_>]) -> BTreeMap<String, String> {
    ops.iter()
        .map(|op| (op.id.to_owned(), op.built.info_name.clone()))
        .collect()
}

/// The schema of the JSON body of the first 2xx response of `operation`, resolved.
pub(crate) fn success_schema<'a>(
    openapi: &'a OpenAPI,
    operation: &'a Operation,
) -> Option<&'a Schema> {
    let response = operation
        .responses
        .responses
        .iter()
        .find(|(status, _)| status_family(status) == StatusFamily::Success)
        .map(|(_, response)| response)?;
    let response = openapi::resolve(openapi, response)?;
    let schema = openapi::json_media(&response.content)?.1.schema.as_ref()?;
    openapi::resolve(openapi, schema)
}

/// The query parameter that names a page.
pub(crate) const CURSOR: &str = "cursor";
/// The body property of a page that holds its items.
pub(crate) const ITEMS_FIELD: &str = "items";
/// The body property of a page that holds the cursor of the next page.
pub(crate) const NEXT_CURSOR_FIELD: &str = "next_cursor";

/// Whether `op` pages, by its shape, never by its operationId or a version: it has a query
/// parameter `cursor`, and its success response has a JSON body, an object (an `allOf` of
/// objects is merged) with an array property `items` and a property `next_cursor`.
fn pages(openapi: &OpenAPI, parameters: &[&Parameter], operation: &Operation) -> bool {
    let has_cursor = parameters.iter().any(|p| {
        matches!(p, openapiv3::Parameter::Query { .. }) && p.parameter_data_ref().name == CURSOR
    });
    has_cursor
        && success_schema(openapi, operation).is_some_and(|schema| {
            let properties = object_properties(openapi, schema);
            let items = properties
                .iter()
                .any(|(name, schema, _)| name == ITEMS_FIELD && is_array(openapi, schema));
            let next = properties
                .iter()
                .any(|(name, _, _)| name == NEXT_CURSOR_FIELD);
            items && next
        })
}

/// An array schema, through an `allOf` of one schema.
fn is_array(openapi: &OpenAPI, schema: &Schema) -> bool {
    openapi::unwrapped(openapi, schema)
        .is_some_and(|schema| matches!(schema.schema_kind, SchemaKind::Type(Type::Array(_))))
}
