//! `REQUEST_PATHS`: each operation's path template with what the spec requires of its path
//! parameters, which the client's `pre` hook checks before sending (an empty parameter would
//! name another route).

use proc_macro2::TokenStream;
use quote::quote;

use super::op::Op;
use crate::codegen::settings::{PATH_PARAMETER, PATH_TEMPLATE, rust_path};
use crate::document::Spec;
use crate::openapi;

/// `REQUEST_PATHS`: the path template of every operation with path parameters, and what the
/// spec requires of each parameter, for the `pre` hook to check before sending (an empty value
/// would name another route).
pub(crate) fn tokens(spec: &Spec, ops: &[Op<'_>]) -> TokenStream {
    let template_type: syn::Path = rust_path(PATH_TEMPLATE);
    let parameter_type: syn::Path = rust_path(PATH_PARAMETER);
    let rows = ops.iter().filter_map(|op| {
        let names: Vec<&str> = op
            .path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .collect();
        if names.is_empty() {
            return None;
        }
        let parameters = names.iter().map(|name| {
            let schema = op
                .parameters
                .iter()
                .map(|p| p.parameter_data_ref())
                .find(|data| data.name == *name)
                .and_then(|data| openapi::parameter_schema(spec.openapi(), data));
            let (min, max) = match schema.map(|s| &s.schema_kind) {
                Some(openapiv3::SchemaKind::Type(openapiv3::Type::String(s))) => {
                    (s.min_length.unwrap_or(0).max(1), s.max_length)
                }
                _ => (1, None),
            };
            let min = proc_macro2::Literal::usize_unsuffixed(min);
            let max = match max.map(proc_macro2::Literal::usize_unsuffixed) {
                Some(max) => quote!(::std::option::Option::Some(#max)),
                None => quote!(::std::option::Option::None),
            };
            quote!(#parameter_type { name: #name, min_length: #min, max_length: #max })
        });
        let name = &op.built.info_name;
        let template = op.path;
        Some(quote! {
            #template_type {
                operation_id: #name,
                template: #template,
                parameters: &[#(#parameters),*],
            }
        })
    });
    quote! {
        /// The path parameters of each operation and what the spec requires of them, checked by
        /// the client before a request is sent.
        pub const REQUEST_PATHS: &[#template_type] = &[#(#rows),*];
    }
}
