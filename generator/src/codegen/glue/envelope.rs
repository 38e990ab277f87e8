//! The conversion of each version's own error envelope type into the client crate's
//! `ApiError`, generated from the envelope struct progenitor wrote.
//!
//! `ApiError` is the crate's one view of the envelope Composio sends with every non-2xx
//! response (`{"error": {"message", "code", "slug", "status", ...}}`). Each version decodes the
//! body with its own generated type, and this conversion maps its fields by name; what the
//! envelope leaves out or makes optional is empty in the `ApiError`. An envelope whose field
//! has a type `ApiError` cannot hold (a `code` that is a string) fails the regen here, naming
//! the schema, instead of generating code that does not compile.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};
use syn::Type;

use super::op::Op;
use super::read::{field_type, type_struct};
use crate::codegen::settings::{API_ERROR, ENVELOPE_TRAIT, rust_path};
use crate::document::{NodePath, Spec};
use crate::error::{Error, Result};
use crate::syntax::first_argument;

/// What `ApiError` needs of each field of the envelope's `error` object.
#[derive(Clone, Copy)]
enum Need {
    /// A required string.
    Text,
    /// A required number.
    Number,
    /// An optional string.
    OptionalText,
    /// An optional list of strings.
    Texts,
}

/// The fields of `ApiError`, in its order, and what each needs.
const FIELDS: &[(&str, Need)] = &[
    ("message", Need::Text),
    ("code", Need::Number),
    ("slug", Need::Text),
    ("status", Need::Number),
    ("request_id", Need::OptionalText),
    ("suggested_fix", Need::OptionalText),
    ("errors", Need::Texts),
];

/// `impl Envelope for E` for every distinct error type of `ops` (none for `()`, an operation
/// without documented error responses).
///
/// # Errors
///
/// [`Error::Generate`] naming the envelope schema when it cannot become an `ApiError`.
pub(crate) fn tokens(spec: &Spec, file: &syn::File, ops: &[Op<'_>]) -> Result<TokenStream> {
    let mut seen = BTreeSet::new();
    let mut out = TokenStream::new();
    for op in ops {
        let error = &op.built.error;
        let key = error.to_token_stream().to_string();
        if matches!(error, Type::Tuple(t) if t.elems.is_empty()) || !seen.insert(key) {
            continue;
        }
        out.extend(conversion(spec, file, error)?);
    }
    Ok(out)
}

fn conversion(spec: &Spec, file: &syn::File, envelope: &Type) -> Result<TokenStream> {
    let name = last_ident(envelope);
    let fail = |message: String| Error::Generate {
        location: spec.locate(&NodePath::root().key("components").key("schemas").key(&name)),
        operation: None,
        message: format!(
            "the error envelope `{name}` cannot become `composio_link::ApiError`: {message}; \
             expected `{{\"error\": {{\"message\": string, \"code\": number, \"slug\": string, \
             \"status\": number, \"request_id\"?: string, \"suggested_fix\"?: string, \
             \"errors\"?: [string]}}}}`"
        ),
    };
    let envelope_trait: syn::Path = rust_path(ENVELOPE_TRAIT);
    let api_error: syn::Path = rust_path(API_ERROR);
    // An error body that is not an object (a string, a free-form map) carries no API error:
    // the crate's error keeps its status and body.
    let Some(outer) = type_struct(file, &name) else {
        return Ok(quote! {
            impl #envelope_trait for #envelope {
                fn into_api_error(self) -> ::std::option::Option<#api_error> {
                    ::std::option::Option::None
                }
            }
        });
    };
    // Composio's envelope nests the fields under `error`; a flat one has them at the top. An
    // optional `error` (not in the schema's `required`) is `Option<Detail>`: a body without it
    // carries no API error.
    let (detail, access) = match field_type(&outer.fields, "error") {
        Some(detail_type) => {
            let (detail_type, optional) = match first_argument(detail_type) {
                Some(inner) if last_ident(detail_type) == "Option" => (inner, true),
                _ => (detail_type, false),
            };
            let detail = type_struct(file, &last_ident(detail_type))
                .ok_or_else(|| fail("its `error` property is not an object".to_owned()))?;
            let access = if optional {
                quote!(let e = self.error?;)
            } else {
                quote!(let e = self.error;)
            };
            (detail, access)
        }
        None => (outer, quote!(let e = self;)),
    };
    // Without a message or a slug there is no API error to speak of (a free-form object): the
    // crate's error keeps the status and the body instead.
    let carries_error = ["message", "slug"]
        .iter()
        .any(|f| field_type(&detail.fields, f).is_some());
    if !carries_error {
        return Ok(quote! {
            impl #envelope_trait for #envelope {
                fn into_api_error(self) -> ::std::option::Option<#api_error> {
                    ::std::option::Option::None
                }
            }
        });
    }
    let mut fields = Vec::new();
    for (field, need) in FIELDS {
        let ident = format_ident!("{field}");
        let found = field_type(&detail.fields, field).map(shape);
        // What the spec leaves out or makes optional is empty in the `ApiError`.
        let value = match (need, found.as_deref()) {
            (Need::Text, Some("String")) | (Need::Number, Some("f64")) => quote!(e.#ident),
            (Need::Number, Some("i64" | "u64" | "i32" | "u32")) => quote!(e.#ident as f64),
            (Need::Text, Some("Option<String>")) | (Need::Number, Some("Option<f64>")) => {
                quote!(e.#ident.unwrap_or_default())
            }
            (Need::Text | Need::Number | Need::Texts, None) => {
                quote!(::std::default::Default::default())
            }
            (Need::OptionalText, Some("Option<String>")) | (Need::Texts, Some("Vec<String>")) => {
                quote!(e.#ident)
            }
            (Need::OptionalText, Some("String")) => quote!(::std::option::Option::Some(e.#ident)),
            (Need::OptionalText, None) => quote!(::std::option::Option::None),
            (Need::Texts, Some("Option<Vec<String>>")) => quote!(e.#ident.unwrap_or_default()),
            (_, Some(other)) => {
                return Err(fail(format!(
                    "`error.{field}` is `{other}` in Rust, which `ApiError` cannot hold"
                )));
            }
        };
        fields.push(quote!(#ident: #value));
    }
    Ok(quote! {
        impl #envelope_trait for #envelope {
            fn into_api_error(self) -> ::std::option::Option<#api_error> {
                #access
                ::std::option::Option::Some(#api_error { #(#fields),* })
            }
        }
    })
}

/// A Rust type with its `std` paths dropped: `Option<Vec<String>>`.
fn shape(ty: &Type) -> String {
    let head = last_ident(ty);
    match first_argument(ty) {
        Some(inner) => format!("{head}<{}>", shape(inner)),
        None => head,
    }
}

fn last_ident(ty: &Type) -> String {
    match ty {
        Type::Path(p) => p
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default(),
        other => other.to_token_stream().to_string(),
    }
}
