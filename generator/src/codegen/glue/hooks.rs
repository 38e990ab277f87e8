//! `impl ClientHooks<Transport> for Client`: every request of a version through the client
//! crate's `exec` steps, with the constraint and path tables of the version's module.

use proc_macro2::TokenStream;
use quote::quote;

use crate::codegen::settings::{EXECUTE, POST, PREPARE, TRANSPORT, rust_path};

/// `impl ClientHooks<Transport> for Client`: every request through the layer's `exec` steps,
/// with the constraint and path tables of this module.
pub(crate) fn tokens() -> TokenStream {
    let transport: syn::Path = rust_path(TRANSPORT);
    let prepare: syn::Path = rust_path(PREPARE);
    let execute: syn::Path = rust_path(EXECUTE);
    let post: syn::Path = rust_path(POST);
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
