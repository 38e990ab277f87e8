//! The glue of the wait for a connection: for a version whose spec can read a connected
//! account, `Client::wait_for_connection` and the `PollAccount` impl that the client crate's
//! hand-written `wait` module polls, plus the CLI's entry for `--wait`.
//!
//! The operation is recognised by its shape, never by its operationId or a version:
//!
//! - its method is `GET`;
//! - its path after the version segment is `/connected_accounts/{param}`, two segments, the
//!   second one path parameter;
//! - that path parameter is its only required parameter (anything else it takes is optional,
//!   and the wait leaves it unset);
//! - its success response has a JSON body, an object (an `allOf` of objects is merged) whose
//!   `status` property is required and a string (an enum of strings included).
//!
//! A spec with no such operation gets no wait (and a CLI entry of `None`); a spec cannot have
//! two, as OpenAPI forbids two templates that differ only by a parameter's name.
//! The link operations `--wait` applies to are those whose success body has a top-level
//! `connected_account_id` property: the id the wait takes.

use openapiv3::{OpenAPI, Schema, SchemaKind, Type};
use proc_macro2::TokenStream;
use quote::quote;

use super::op::{Op, sanitize, success_schema};
use crate::codegen::settings::{
    CLI, CLI_CALL, CLI_WAIT, CLIENT, ERROR, EXECUTE_EXT, POLL_ACCOUNT, SEALED, SELECT, WAIT,
    WAIT_MODULE, rust_path,
};
use crate::document::{NodePath, Spec};
use crate::error::{Error, Result};
use crate::openapi::{self, object_properties};

/// The property of a link response that holds the account to wait for.
pub(crate) const LINK_ID_FIELD: &str = "connected_account_id";

/// The operation of `ops` that reads one connected account, when the spec has one.
pub(crate) fn find<'o, 'a>(openapi: &OpenAPI, ops: &'o [Op<'a>]) -> Option<&'o Op<'a>> {
    ops.iter().find(|op| {
        op.method == "get"
            && path_parameter(op).is_some()
            && success_schema(openapi, op.operation)
                .is_some_and(|schema| has_required_string(openapi, schema, "status"))
    })
}

/// The name of the one path parameter of `/connected_accounts/{name}`, when `op` has that path
/// and no other required parameter.
fn path_parameter<'a>(op: &Op<'a>) -> Option<&'a str> {
    let rest = openapi::without_version(op.path);
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let [collection, template] = segments.as_slice() else {
        return None;
    };
    let name = template.strip_prefix('{')?.strip_suffix('}')?;
    if *collection != "connected_accounts" {
        return None;
    }
    let mut required = op
        .parameters
        .iter()
        .map(|p| p.parameter_data_ref())
        .filter(|data| data.required);
    let only = required.next()?;
    (required.next().is_none() && only.name == name).then_some(only.name.as_str())
}

/// The glue of one version module: the wait, or nothing but the CLI's `None`.
///
/// # Errors
///
/// [`Error::Generate`] naming the operation when progenitor's builder has no setter for its
/// path parameter (the glue would not compile).
pub(crate) fn tokens(spec: &Spec, ops: &[Op<'_>]) -> Result<TokenStream> {
    let openapi = spec.openapi();
    let cli_wait: syn::Path = rust_path(CLI_WAIT);
    let Some(op) = find(openapi, ops) else {
        return Ok(quote! {
            /// This version has no read of a connected account, so its links cannot be waited
            /// for.
            #[cfg(feature = "cli")]
            pub(crate) static CLI_WAIT: ::std::option::Option<&#cli_wait> = ::std::option::Option::None;
        });
    };
    let Some(name) = path_parameter(op) else {
        return Ok(TokenStream::new());
    };
    let setter = sanitize(name);
    let Some((_, id, _)) = op.built.params.iter().find(|(n, _, _)| *n == setter) else {
        return Err(Error::Generate {
            location: spec.locate(&NodePath::operation(op.path, op.method)),
            operation: Some(format!("`{}`", op.id)),
            message: format!(
                "progenitor's builder has no setter `{setter}` for the path parameter `{name}`; \
                 the wait for a connection cannot be generated"
            ),
        });
    };
    let setter = quote::format_ident!("{setter}");
    let wait: syn::Path = rust_path(WAIT);
    let poll_account: syn::Path = rust_path(POLL_ACCOUNT);
    let sealed: syn::Path = rust_path(SEALED);
    let cli_call: syn::Path = rust_path(CLI_CALL);
    let select: syn::Path = rust_path(SELECT);
    let execute_ext: syn::Path = rust_path(EXECUTE_EXT);
    let cli: syn::Path = rust_path(CLI);
    let client: syn::Path = rust_path(CLIENT);
    let error: syn::Path = rust_path(ERROR);
    let method = &op.built.method;
    let builder = &op.built.builder;
    let account = &op.built.output;
    let operation = op.static_name();
    let request = op.request();
    let doc = format!(
        "Waits until the connected account `id` is `ACTIVE`, polling `{request}` \
         (`{}`) once per poll interval: see [`{WAIT_MODULE}`] for the defaults, the errors and \
         an example.",
        op.id
    );
    let links: Vec<&str> = ops
        .iter()
        .filter(|link| {
            success_schema(openapi, link.operation).is_some_and(|schema| {
                object_properties(openapi, schema)
                    .iter()
                    .any(|(name, _, _)| name == LINK_ID_FIELD)
            })
        })
        .map(|link| link.id)
        .collect();
    Ok(quote! {
        impl Client {
            #[doc = #doc]
            pub fn wait_for_connection(&self, id: &#id) -> #wait<'_, Self> {
                #wait::new(self, ::std::clone::Clone::clone(id), &#operation)
            }
        }

        impl #sealed for Client {}

        impl #poll_account for Client {
            type Id = #id;
            type Account = #account;

            fn fetch<'a>(
                &'a self,
                id: &'a Self::Id,
            ) -> impl ::std::future::Future<
                Output = ::std::result::Result<Self::Account, #error>,
            > + Send + 'a {
                async move {
                    let request: builder::#builder<'a> =
                        self.#method().#setter(::std::clone::Clone::clone(id));
                    #execute_ext::execute(request)
                        .await
                        .map(ResponseValue::into_inner)
                }
            }
        }

        /// The command-line tool's wait for the links of this version.
        #[cfg(feature = "cli")]
        pub(crate) static CLI_WAIT: ::std::option::Option<&#cli_wait> =
            ::std::option::Option::Some(&#cli_wait {
                operations: &[#(#links),*],
                id_field: #LINK_ID_FIELD,
                call: cli_wait_for_connection,
            });

        /// Waits for a connected account from the command line's input.
        #[cfg(feature = "cli")]
        fn cli_wait_for_connection<'a>(
            client: &'a #client,
            id: ::std::string::String,
            timeout: ::std::time::Duration,
            poll_interval: ::std::time::Duration,
        ) -> #cli::Call<'a> {
            #cli_call(
                <Client as #select>::select(client),
                &#operation,
                id,
                timeout,
                poll_interval,
            )
        }
    })
}

/// Whether the object `schema` has the required string property `name`.
fn has_required_string(openapi: &OpenAPI, schema: &Schema, name: &str) -> bool {
    object_properties(openapi, schema)
        .iter()
        .any(|(property, schema, required)| {
            property == name && *required && is_string(openapi, schema)
        })
}

/// A string schema, through an `allOf` of one schema.
fn is_string(openapi: &OpenAPI, schema: &Schema) -> bool {
    openapi::unwrapped(openapi, schema)
        .is_some_and(|schema| matches!(schema.schema_kind, SchemaKind::Type(Type::String(_))))
}
