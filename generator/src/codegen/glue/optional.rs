//! What the optional-field setters rewritten by [`crate::codegen::setters`] accept of each
//! generated type: its builder (a nested object without `try_into()`), and, for a type made
//! from a string (an enum, a constrained string), a `&str`.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::{GenericArgument, Item, PathArguments, Type};

use crate::codegen::settings::{INTO_OPTIONAL, rust_path};

use crate::syntax::module_items;

/// The `IntoOptional` impls for the types of `file`'s `types` module.
pub(crate) fn tokens(file: &syn::File) -> TokenStream {
    let into_optional: syn::Path = rust_path(INTO_OPTIONAL);
    let Some(types) = module_items(&file.items, "types") else {
        return TokenStream::new();
    };
    let mut out = TokenStream::new();
    for built in module_items(types, "builder")
        .unwrap_or_default()
        .iter()
        .filter_map(|item| match item {
            Item::Struct(s) => Some(&s.ident),
            _ => None,
        })
    {
        out.extend(quote! {
            impl #into_optional<types::#built> for types::builder::#built {
                type Error = <types::#built as ::std::convert::TryFrom<Self>>::Error;

                fn into_optional(
                    self,
                ) -> ::std::result::Result<::std::option::Option<types::#built>, Self::Error> {
                    ::std::convert::TryFrom::try_from(self).map(::std::option::Option::Some)
                }
            }
        });
    }
    for item in types {
        let Item::Impl(imp) = item else { continue };
        let Some((trait_path, _)) = &imp.trait_ else {
            continue;
        };
        let Some(last) = trait_path.segments.last() else {
            continue;
        };
        if last.ident != "TryFrom" || !from_text(&last.arguments) {
            continue;
        }
        let target = &imp.self_ty;
        out.extend(quote! {
            impl #into_optional<types::#target> for &str {
                type Error = <types::#target as ::std::convert::TryFrom<Self>>::Error;

                fn into_optional(
                    self,
                ) -> ::std::result::Result<::std::option::Option<types::#target>, Self::Error> {
                    ::std::convert::TryFrom::try_from(self).map(::std::option::Option::Some)
                }
            }
        });
    }
    out
}

/// Whether `TryFrom<..>`'s argument is `&str`.
fn from_text(arguments: &PathArguments) -> bool {
    let PathArguments::AngleBracketed(args) = arguments else {
        return false;
    };
    matches!(
        args.args.first(),
        Some(GenericArgument::Type(Type::Reference(r))) if r.elem.to_token_stream().to_string() == "str"
    )
}
