//! The glue between progenitor's output and the client crate's hand-written layer, generated
//! for every operation of every version so that the hand-written layer names none of them.
//!
//! Per version module it emits, after progenitor's code: a static description of each
//! operation (its operationId and request, as errors name them), `ExecuteExt` for each
//! builder, the `ClientHooks` impl routing every request through the layer's `exec` module,
//! the conversion of the version's own error envelope into `ApiError` ([`envelope`]), and the
//! CLI's table of subcommands ([`cli`]), and, for a version that can read a connected account,
//! the wait for a connection ([`wait`]). [`index`] emits the file that declares the version
//! modules and gives `Client` an accessor per version.
//!
//! Every crate path the glue names is one of the constants below: they are the contract
//! between the generator and the client crate.

pub(crate) mod cli;
pub(crate) mod envelope;
pub(crate) mod index;
pub(crate) mod optional;
pub(crate) mod read;
pub(crate) mod wait;

use std::collections::BTreeMap;

use heck::ToSnakeCase;
use openapiv3::{OpenAPI, Operation, Parameter};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::checks::operation_path;
use crate::openapi::operations;
use crate::{Error, Result, Spec};
use read::Built;

/// The trait that sends a builder's request and returns the crate's `Error`.
const EXECUTE_EXT: &str = "crate::ExecuteExt";
/// A static description of one operation, as the crate's `Error` names it.
const OPERATION: &str = "crate::error::Operation";
/// Converts the result of a builder's `send()` into the crate's result.
const FINISH: &str = "crate::client::finish";
/// The hooks' three steps.
const PREPARE: &str = "crate::exec::prepare";
const EXECUTE: &str = "crate::exec::execute";
const POST: &str = "crate::exec::post";
/// The path templates checked before sending.
const PATH_TEMPLATE: &str = "crate::validate::PathTemplate";
const PATH_PARAMETER: &str = "crate::validate::PathParameter";
/// The inner type of every generated `Client`.
const TRANSPORT: &str = "crate::transport::Transport";

/// One operation of a spec with what progenitor generated for it.
pub(crate) struct Op<'a> {
    /// The spec's operationId.
    pub(crate) id: &'a str,
    /// Lower-case HTTP method.
    pub(crate) method: &'a str,
    /// The path template.
    pub(crate) path: &'a str,
    pub(crate) operation: &'a Operation,
    /// Its parameters, the path item's included.
    pub(crate) parameters: Vec<&'a Parameter>,
    pub(crate) built: Built,
}

impl Op<'_> {
    /// `POST /api/v3.1/connected_accounts/link`.
    pub(crate) fn request(&self) -> String {
        format!("{} {}", self.method.to_uppercase(), self.path)
    }

    /// The name of the static that describes the operation.
    fn static_name(&self) -> syn::Ident {
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
    for (path, item) in &openapi.paths.paths {
        let Some(item) = item.as_item() else { continue };
        for (method, operation) in item.iter() {
            let Some(id) = operation.operation_id.as_deref() else {
                continue;
            };
            let Some(found) = built.remove(&sanitize(id)) else {
                return Err(Error::Generate {
                    location: spec.locate(&operation_path(path, method)),
                    operation: Some(format!("`{id}`")),
                    message: format!(
                        "progenitor generated no request builder named after it (expected a \
                         `Client::{}` method); the client crate's glue cannot be generated",
                        sanitize(id)
                    ),
                });
            };
            out.push(Op {
                id,
                method,
                path,
                operation,
                parameters: crate::openapi::parameters(openapi, &item.parameters, operation),
                built: found,
            });
        }
    }
    debug_assert_eq!(out.len(), operations(openapi).count());
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

/// The glue of one version module, appended after progenitor's output.
///
/// # Errors
///
/// As [`envelope::tokens`], when an error envelope cannot become an `ApiError`.
pub(crate) fn tokens(spec: &Spec, file: &syn::File, ops: &[Op<'_>]) -> Result<TokenStream> {
    let operation: syn::Path = path(OPERATION);
    let execute_ext: syn::Path = path(EXECUTE_EXT);
    let finish: syn::Path = path(FINISH);
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
    let executes = ops.iter().map(|op| {
        let builder = &op.built.builder;
        let output = &op.built.output;
        let name = op.static_name();
        quote! {
            impl #execute_ext for builder::#builder<'_> {
                type Output = #output;

                async fn execute(
                    self,
                ) -> ::std::result::Result<ResponseValue<Self::Output>, crate::Error> {
                    #finish(&#name, self.send().await).await
                }
            }
        }
    });
    let hooks = hooks();
    let paths = paths(spec, ops);
    let envelopes = envelope::tokens(spec, file, ops)?;
    let cli = cli::tokens(spec, ops);
    let optional = optional::tokens(file);
    let wait = wait::tokens(spec, ops)?;
    Ok(quote! {
        #paths
        #(#statics)*
        #(#executes)*
        #hooks
        #envelopes
        #optional
        #cli
        #wait
    })
}

/// `REQUEST_PATHS`: the path template of every operation with path parameters, and what the
/// spec requires of each parameter, for the `pre` hook to check before sending (an empty value
/// would name another route).
fn paths(spec: &Spec, ops: &[Op<'_>]) -> TokenStream {
    let template_type: syn::Path = path(PATH_TEMPLATE);
    let parameter_type: syn::Path = path(PATH_PARAMETER);
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
                .and_then(|data| crate::openapi::parameter_schema(spec.openapi(), data));
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

/// `impl ClientHooks<Transport> for Client`: every request through the layer's `exec` steps,
/// with the constraint and path tables of this module.
fn hooks() -> TokenStream {
    let transport: syn::Path = path(TRANSPORT);
    let prepare: syn::Path = path(PREPARE);
    let execute: syn::Path = path(EXECUTE);
    let post: syn::Path = path(POST);
    quote! {
        impl ClientHooks<#transport> for Client {
            async fn pre<E>(
                &self,
                request: &mut reqwest::Request,
                info: &OperationInfo,
            ) -> ::std::result::Result<(), Error<E>> {
                #prepare(
                    ClientInfo::inner(self),
                    request,
                    info,
                    REQUEST_CONSTRAINTS,
                    REQUEST_PATHS,
                )
                .map_err(Error::InvalidRequest)
            }

            async fn exec(
                &self,
                request: reqwest::Request,
                info: &OperationInfo,
            ) -> reqwest::Result<reqwest::Response> {
                #execute(ClientInfo::inner(self), ClientInfo::client(self), request, info).await
            }

            async fn post<E>(
                &self,
                result: &reqwest::Result<reqwest::Response>,
                info: &OperationInfo,
            ) -> ::std::result::Result<(), Error<E>> {
                let _ = info;
                #post(result)
            }
        }
    }
}

/// A crate path of the contract above as a `syn::Path`.
fn path(text: &str) -> syn::Path {
    // The constants are fixed Rust paths, so parsing cannot fail; a failure would be a typo
    // in this file, caught by every test that generates.
    syn::parse_str(text).unwrap_or_else(|_| syn::Path::from(format_ident!("invalid_path")))
}
