//! The static description of each operation (`OPERATION_<NAME>`): its operationId, its request
//! and its one success status, as the client crate's `Error` names the operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::op::Op;
use crate::codegen::settings::{OPERATION, rust_path};

/// One `pub(crate) static` per operation of `ops`.
pub(crate) fn tokens(ops: &[Op<'_>]) -> TokenStream {
    let operation: syn::Path = rust_path(OPERATION);
    let statics = ops.iter().map(|op| {
        let name = op.static_name();
        let id = op.id;
        let request = op.request();
        let doc = format!("`{id}`: `{request}`.");
        let successes: Vec<u16> = op
            .operation
            .responses
            .responses
            .keys()
            .filter_map(|code| match code {
                openapiv3::StatusCode::Code(n) if (200..300).contains(n) => Some(*n),
                _ => None,
            })
            .collect();
        let success = match successes.as_slice() {
            [one] => quote!(::std::option::Option::Some(#one)),
            _ => quote!(::std::option::Option::None),
        };
        quote! {
            #[doc = #doc]
            pub(crate) static #name: #operation = #operation {
                id: #id,
                request: #request,
                success: #success,
            };
        }
    });
    quote!(#(#statics)*)
}
