//! `ExecuteExt` for each operation's builder: `execute()` sends the request through progenitor's
//! `send()` and converts the result into the client crate's, naming the operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::op::Op;
use crate::codegen::settings::{ERROR, EXECUTE_EXT, FINISH, rust_path};

/// One `impl ExecuteExt` per operation of `ops`.
pub(crate) fn tokens(ops: &[Op<'_>]) -> TokenStream {
    let execute_ext: syn::Path = rust_path(EXECUTE_EXT);
    let finish: syn::Path = rust_path(FINISH);
    let error: syn::Path = rust_path(ERROR);
    let executes = ops.iter().map(|op| {
        let builder = &op.built.builder;
        let output = &op.built.output;
        let name = op.static_name();
        quote! {
            impl #execute_ext for builder::#builder<'_> {
                type Output = #output;

                async fn execute(
                    self,
                ) -> ::std::result::Result<ResponseValue<Self::Output>, #error> {
                    #finish(&#name, self.send().await).await
                }
            }
        }
    });
    quote!(#(#executes)*)
}
