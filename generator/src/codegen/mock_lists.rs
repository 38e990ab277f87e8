//! progenitor's httpmock emitter matches a query parameter with `value.to_string()`, which does
//! not compile for an array parameter (`Vec<T>` has no `Display`) and would not match the
//! request anyway: progenitor sends an array exploded, one `name=value` pair per item
//! (OpenAPI's default, form style), so the mock expects one pair per item.
//!
//! This pass rewrites, in every mock method whose value is a `Vec`, the call
//! `when.query_param(name, value.to_string())` into one `query_param` per item.

use quote::ToTokens;
use syn::visit_mut::VisitMut;

/// Rewrites the array query parameters' matchers of a mock module in place.
pub(crate) fn explode(file: &mut syn::File) {
    Methods.visit_file_mut(file);
}

/// Finds the mock methods that take a `Vec`.
struct Methods;

impl VisitMut for Methods {
    fn visit_impl_item_fn_mut(&mut self, method: &mut syn::ImplItemFn) {
        let takes_list = method
            .sig
            .generics
            .where_clause
            .as_ref()
            .is_some_and(|clause| {
                clause
                    .to_token_stream()
                    .into_iter()
                    .any(|token| token.to_string() == "Vec")
            });
        if takes_list {
            Calls.visit_block_mut(&mut method.block);
        }
    }
}

/// Rewrites the `query_param(name, value.to_string())` calls of one method.
struct Calls;

impl VisitMut for Calls {
    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        syn::visit_mut::visit_expr_mut(self, expr);
        let syn::Expr::MethodCall(call) = expr else {
            return;
        };
        if call.method != "query_param" || call.args.len() != 2 {
            return;
        }
        let Some(syn::Expr::MethodCall(value)) = call.args.iter().nth(1) else {
            return;
        };
        if value.method != "to_string" {
            return;
        }
        let (receiver, name, item) = (&call.receiver, &call.args[0], &value.receiver);
        *expr = syn::parse_quote! {
            #item.iter().fold(#receiver, |when, item| when.query_param(#name, item.to_string()))
        };
    }
}
