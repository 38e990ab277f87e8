//! The glue of the pager: for every operation that pages, the `Paged` impl of its builder (one
//! call through `execute()`, its page split into items and next cursor) and the builder's
//! `items()` and `into_stream()`, the stream of the client crate's hand-written `pages` module.
//!
//! An operation pages by its shape ([`Op::pages`]), never by its operationId or a
//! version.
//!
//! The item type is read back from typify's struct for the body (its `items: Vec<T>` field).

use proc_macro2::TokenStream;
use quote::quote;

use super::op::{CURSOR, ITEMS_FIELD, NEXT_CURSOR_FIELD, Op};
use super::read::{field_type, type_struct};
use crate::codegen::settings::{ERROR, EXECUTE_EXT, ITEMS, PAGE, PAGED, PAGES_MODULE, rust_path};
use crate::document::{NodePath, Spec};
use crate::error::{Error, Result};
use crate::syntax::{first_argument, type_head, type_name};

/// The methods the pager adds to a paged operation's builder.
const STREAM_METHODS: [&str; 2] = ["items", "into_stream"];

/// The pager glue of every operation of `ops` that pages.
///
/// # Errors
///
/// [`Error::Generate`] naming the operation when progenitor's output does not have what the
/// pager needs (a `cursor` setter, a body struct with `items: Vec<T>` and `next_cursor`).
pub(crate) fn tokens(spec: &Spec, file: &syn::File, ops: &[Op<'_>]) -> Result<TokenStream> {
    let mut out = TokenStream::new();
    for op in ops.iter().filter(|op| op.pages) {
        let fail = |message: String| Error::Generate {
            location: spec.locate(&NodePath::operation(op.path, op.method)),
            operation: Some(format!("`{}`", op.id)),
            message: format!("{message}; the pager cannot be generated"),
        };
        if !op.built.params.iter().any(|(name, _, _)| name == CURSOR) {
            return Err(fail(format!(
                "progenitor's builder has no setter `{CURSOR}`"
            )));
        }
        // The stream methods sit beside the builder's setters: a parameter of either name
        // would make two methods of one name.
        if let Some((taken, _, _)) = op
            .built
            .params
            .iter()
            .find(|(name, _, _)| STREAM_METHODS.contains(&name.as_str()))
        {
            return Err(fail(format!(
                "its parameter `{taken}` has the name of a method the pager adds to the builder"
            )));
        }
        let page_type = type_name(&op.built.output).unwrap_or_default();
        let page = type_struct(file, &page_type);
        let item = page
            .and_then(|page| field_type(&page.fields, ITEMS_FIELD))
            .filter(|ty| type_head(ty) == "Vec")
            .and_then(first_argument)
            .map(in_types)
            .ok_or_else(|| {
                fail(format!(
                    "the success type `{page_type}` has no `{ITEMS_FIELD}: Vec<T>` field"
                ))
            })?;
        if page
            .and_then(|page| field_type(&page.fields, NEXT_CURSOR_FIELD))
            .is_none()
        {
            return Err(fail(format!(
                "the success type `{page_type}` has no `{NEXT_CURSOR_FIELD}` field"
            )));
        }
        out.extend(pager(op, &item));
    }
    Ok(out)
}

/// The `Paged` impl and the stream methods of one builder.
fn pager(op: &Op<'_>, item: &syn::Type) -> TokenStream {
    let paged: syn::Path = rust_path(PAGED);
    let page: syn::Path = rust_path(PAGE);
    let items: syn::Path = rust_path(ITEMS);
    let error: syn::Path = rust_path(ERROR);
    let execute_ext: syn::Path = rust_path(EXECUTE_EXT);
    let builder = &op.built.builder;
    let operation = op.static_name();
    let cursor = quote::format_ident!("{CURSOR}");
    let items_field = quote::format_ident!("{ITEMS_FIELD}");
    let next_field = quote::format_ident!("{NEXT_CURSOR_FIELD}");
    let [items_method, stream_method] = STREAM_METHODS.map(|name| quote::format_ident!("{name}"));
    let doc = format!(
        "Every item of `{}` (`{}`) across its pages, one call per page through `execute()`, \
         this request's filters and `limit` (the page size) sent with each: see \
         [`{PAGES_MODULE}`] for when it ends and its errors. Nothing is sent until the stream \
         is polled.",
        op.request(),
        op.id
    );
    let alias = "The same stream as [`Self::items`], named as octocrab names it.";
    quote! {
        impl<'a> #paged<'a> for builder::#builder<'a> {
            type Item = #item;

            fn with_cursor(self, cursor: ::std::string::String) -> Self {
                self.#cursor(cursor)
            }

            fn fetch(
                self,
            ) -> impl ::std::future::Future<
                Output = ::std::result::Result<#page<Self::Item>, #error>,
            > + Send + 'a {
                async move {
                    let page = #execute_ext::execute(self).await?.into_inner();
                    ::std::result::Result::Ok(#page::new(
                        page.#items_field,
                        ::std::option::Option::<::std::string::String>::from(page.#next_field),
                    ))
                }
            }
        }

        impl<'a> builder::#builder<'a> {
            #[doc = #doc]
            pub fn #items_method(self) -> #items<'a, #item> {
                #items::new(self, &#operation)
            }

            #[doc = #alias]
            pub fn #stream_method(self) -> #items<'a, #item> {
                self.#items_method()
            }
        }
    }
}

/// A type as written inside the `types` module, as it is named beside it: a relative path
/// (`ConnectedAccount`) gains `types::`; an absolute one (`::std::string::String`,
/// `crate::ids::X`) is kept.
fn in_types(ty: &syn::Type) -> syn::Type {
    match ty {
        syn::Type::Path(path)
            if path.qself.is_none()
                && path.path.leading_colon.is_none()
                && path.path.segments.first().is_some_and(|s| {
                    s.ident != "crate" && s.ident != "super" && s.ident != "self"
                }) =>
        {
            syn::parse_quote!(types::#path)
        }
        other => other.clone(),
    }
}
