//! The index of the generated modules (`generated-client/src/generated/mod.rs`): one module
//! per API version and its mocks, `Client`'s accessor per version, the generated clients it
//! holds, and the CLI's list of versions (each with its operations and its wait, if any).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::codegen::settings::{CLI, CLIENT, SELECT, TRANSPORT, rust_path};
use crate::document::{ApiVersion, Spec};

/// The index for `versions` (oldest first), each with its loaded spec.
pub(crate) fn tokens(versions: &[(&ApiVersion, &Spec)]) -> TokenStream {
    let client: syn::Path = rust_path(CLIENT);
    let select: syn::Path = rust_path(SELECT);
    let transport: syn::Path = rust_path(TRANSPORT);
    let cli: syn::Path = rust_path(CLI);
    let modules: Vec<syn::Ident> = versions
        .iter()
        .map(|(v, _)| format_ident!("{}", v.module))
        .collect();
    let mocks: Vec<syn::Ident> = versions
        .iter()
        .map(|(v, _)| format_ident!("{}_mock", v.module))
        .collect();
    let names: Vec<&str> = versions.iter().map(|(v, _)| v.name.as_str()).collect();
    let module_docs = versions.iter().map(|(v, spec)| {
        format!(
            "Generated client for Composio API {}, from `{}`.",
            v.name,
            spec.file()
        )
    });
    let mock_docs = versions
        .iter()
        .map(|(v, _)| format!("Mocks of the {} operations.", v.name));
    let accessor_docs = versions.iter().map(|(v, spec)| {
        format!(
            "The operations of API version {} (`{}`).",
            v.name,
            spec.file()
        )
    });
    let cli_abouts = versions
        .iter()
        .map(|(v, _)| format!("Operations of API version {}", v.name));
    quote! {
        #(
            #[doc = #module_docs]
            pub mod #modules;
        )*

        #(
            #[cfg(feature = "mock")]
            mod #mocks;
        )*

        /// Typed httpmock mocks, one module per API version.
        #[cfg(feature = "mock")]
        pub(crate) mod mocks {
            #(
                #[doc = #mock_docs]
                pub mod #modules {
                    pub use super::super::#mocks::*;
                }
            )*
        }

        /// The API versions, oldest first, as Composio names them.
        pub const API_VERSIONS: &[&str] = &[#(#names),*];

        /// One generated client per API version, over one transport and one connection pool.
        #[derive(Clone, Debug)]
        pub(crate) struct Versions {
            #(#modules: #modules::Client,)*
        }

        impl Versions {
            /// A generated client per version, each a clone of `http` and `transport`.
            pub(crate) fn new(base_url: &str, http: &reqwest::Client, transport: &#transport) -> Self {
                Self {
                    #(#modules: #modules::Client::new_with_client(
                        base_url,
                        http.clone(),
                        transport.clone(),
                    ),)*
                }
            }
        }

        impl #client {
            #(
                #[doc = #accessor_docs]
                pub fn #modules(&self) -> &#modules::Client {
                    &self.versions.#modules
                }
            )*
        }

        #(
            impl #select for #modules::Client {
                fn select(client: &#client) -> &Self {
                    &client.versions.#modules
                }
            }
        )*

        /// The command-line tool's API versions, oldest first.
        #[cfg(feature = "cli")]
        pub(crate) const CLI_VERSIONS: &[#cli::Version] = &[#(
            #cli::Version {
                name: #names,
                about: #cli_abouts,
                commands: #modules::CLI_COMMANDS,
                wait: #modules::CLI_WAIT,
            }
        ),*];
    }
}
