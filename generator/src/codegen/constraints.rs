//! The request-body constraints of a spec as a table in the generated module.
//!
//! typify enforces `minLength` and `maxLength` through newtypes, but not `maxItems` or
//! `minItems` on arrays. The client crate checks every constraint of this table against the
//! JSON body before a request is sent, so a value the service would refuse is refused locally,
//! naming the field; the table is derived from the spec, so a new constraint needs no
//! hand-written code. A string `enum` is a row too (`OneOf`): the generated enums decode any
//! value (`codegen/open.rs`), and the command-line tool holds what it is given to the listed
//! ones.

use openapiv3::{OpenAPI, ReferenceOr, Schema, SchemaKind, Type};

use proc_macro2::TokenStream;
use quote::quote;

use super::settings::{CONSTRAINT, RULE, rust_path};
use crate::openapi::{self, MAX_DEPTH, resolve, resolve_boxed};

/// One constraint: the operation, the dotted field path (`[]` marks array items) and the rule.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Constraint {
    pub(crate) operation_id: String,
    pub(crate) field: String,
    pub(crate) rule: Rule,
}

/// A rule the spec states about one field.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Rule {
    MinLength(usize),
    MaxLength(usize),
    MinItems(usize),
    MaxItems(usize),
    /// The values of a string `enum`.
    OneOf(Vec<String>),
}

/// Every constraint of every JSON request body of `openapi`, sorted.
pub(crate) fn collect(openapi: &OpenAPI) -> Vec<Constraint> {
    let mut out = Vec::new();
    for (_, _, op) in openapi::operations(openapi) {
        let Some(id) = &op.operation_id else { continue };
        if let Some((schema, _)) = openapi::request_body(openapi, op) {
            walk_schema(openapi, id, "", schema, 0, &mut out);
        }
    }
    out.sort();
    out.dedup();
    out
}

fn walk(
    openapi: &OpenAPI,
    operation_id: &str,
    field: &str,
    schema: &ReferenceOr<Schema>,
    depth: usize,
    out: &mut Vec<Constraint>,
) {
    if let Some(schema) = resolve(openapi, schema) {
        walk_schema(openapi, operation_id, field, schema, depth, out);
    }
}

fn walk_schema(
    openapi: &OpenAPI,
    operation_id: &str,
    field: &str,
    schema: &Schema,
    depth: usize,
    out: &mut Vec<Constraint>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let mut push = |rule| {
        out.push(Constraint {
            operation_id: operation_id.to_owned(),
            field: field.to_owned(),
            rule,
        });
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => {
            if let Some(min) = s.min_length {
                push(Rule::MinLength(min));
            }
            if let Some(max) = s.max_length {
                push(Rule::MaxLength(max));
            }
            let listed: Vec<String> = s.enumeration.iter().flatten().cloned().collect();
            if !listed.is_empty() {
                push(Rule::OneOf(listed));
            }
        }
        SchemaKind::Type(Type::Array(a)) => {
            if let Some(min) = a.min_items {
                push(Rule::MinItems(min));
            }
            if let Some(max) = a.max_items {
                push(Rule::MaxItems(max));
            }
            if let Some(items) = a.items.as_ref().and_then(|i| resolve_boxed(openapi, i)) {
                let items_field = format!("{field}[]");
                walk_schema(openapi, operation_id, &items_field, items, depth + 1, out);
            }
        }
        SchemaKind::Type(Type::Object(o)) => {
            for (name, property) in &o.properties {
                let Some(property) = resolve_boxed(openapi, property) else {
                    continue;
                };
                let child = if field.is_empty() {
                    name.clone()
                } else {
                    format!("{field}.{name}")
                };
                walk_schema(openapi, operation_id, &child, property, depth + 1, out);
            }
        }
        SchemaKind::AllOf { all_of } => {
            for part in all_of {
                walk(openapi, operation_id, field, part, depth + 1, out);
            }
        }
        _ => {}
    }
}

/// The table as tokens: `pub const REQUEST_CONSTRAINTS: &[crate::validate::Constraint]`.
pub(crate) fn tokens(constraints: &[Constraint]) -> TokenStream {
    let constraint: syn::Path = rust_path(CONSTRAINT);
    let rule_type: syn::Path = rust_path(RULE);
    let rows = constraints.iter().map(|c| {
        let operation_id = &c.operation_id;
        let field = &c.field;
        let limit = |variant: &str, n: usize| {
            let variant = proc_macro2::Ident::new(variant, proc_macro2::Span::call_site());
            let n = proc_macro2::Literal::usize_unsuffixed(n);
            quote!(#variant(#n))
        };
        let rule = match &c.rule {
            Rule::MinLength(n) => limit("MinLength", *n),
            Rule::MaxLength(n) => limit("MaxLength", *n),
            Rule::MinItems(n) => limit("MinItems", *n),
            Rule::MaxItems(n) => limit("MaxItems", *n),
            Rule::OneOf(values) => quote!(OneOf(&[#(#values),*])),
        };
        quote! {
            #constraint {
                operation_id: #operation_id,
                field: #field,
                rule: #rule_type::#rule,
            }
        }
    });
    quote! {
        /// The constraints that the spec puts on request bodies, checked by the client before a
        /// request is sent. Field paths are dotted; `[]` stands for every item of an array.
        pub const REQUEST_CONSTRAINTS: &[#constraint] = &[#(#rows),*];
    }
}
