//! Forward compatibility: what a newer API sends never breaks a deployed client, and what a
//! spec adds is a minor release of the crate.
//!
//! typify writes structs with pub fields and exhaustive enums, so downstream code may build a
//! struct with a literal or match an enum exhaustively, and every added field or enum value is
//! a breaking change; and a string enum refuses any value the spec does not list, so a status
//! the service added fails the whole response. As aws-sdk-rust and google-cloud-rust do, this
//! pass marks every struct and enum of `types` `#[non_exhaustive]` (code outside the crate
//! builds them through `types::builder`), and gives every string enum a last variant that keeps
//! a value the spec does not list:
//!
//! ```text
//! #[serde(untagged)]
//! Unknown(crate::UnknownValue),
//! ```
//!
//! serde tries the listed values first and takes any other string into that variant, which
//! serializes back to the same string; `Display` writes it as it came. Parsing a string
//! (`FromStr`, `TryFrom`) stays as strict as the spec, so a request carries an unlisted value
//! only when the caller builds one with `UnknownValue::new`. Such an enum can no longer be
//! `Copy`. `#[serde(deny_unknown_fields)]` (typify's reading of `additionalProperties: false`)
//! is dropped, so an added property is ignored at every depth, as in the official SDKs.

use quote::format_ident;
use syn::punctuated::Punctuated;
use syn::{Arm, Attribute, Expr, Fields, ImplItem, Item, ItemEnum, Meta, Path, Stmt, Token};

use super::settings::{UNKNOWN_VALUE, rust_path};
use crate::syntax::{last_ident, module_items_mut, serde_args, type_name};

/// The name of the variant that keeps an unlisted value, and the ones used when a listed value
/// already has that name (then `Unknown2`, `Unknown3`, ...).
const UNKNOWN_VARIANTS: [&str; 2] = ["Unknown", "UnknownValue"];

/// Opens every type of the `types` module of `file`: `#[non_exhaustive]`, string enums with
/// their unknown variant, no `deny_unknown_fields`. Returns each opened string enum with the
/// name of its unknown variant.
pub(crate) fn open(file: &mut syn::File) -> Vec<(String, syn::Ident)> {
    let Some(types) = module_items_mut(&mut file.items, "types") else {
        return Vec::new();
    };
    let mut opened = Vec::new();
    for item in types.iter_mut() {
        match item {
            Item::Struct(s) => {
                mark_non_exhaustive(&mut s.attrs);
                drop_deny_unknown_fields(&mut s.attrs);
            }
            Item::Enum(e) => {
                mark_non_exhaustive(&mut e.attrs);
                drop_deny_unknown_fields(&mut e.attrs);
                if let Some(variant) = open_string_enum(e) {
                    opened.push((e.ident.to_string(), variant));
                }
            }
            _ => {}
        }
    }
    for item in types.iter_mut() {
        let Item::Impl(imp) = item else { continue };
        let is_display = imp
            .trait_
            .as_ref()
            .is_some_and(|(path, _)| last_ident(path) == "Display");
        let self_name = type_name(&imp.self_ty);
        let Some((_, variant)) = opened
            .iter()
            .find(|(name, _)| Some(name) == self_name.as_ref())
        else {
            continue;
        };
        if is_display {
            for impl_item in &mut imp.items {
                if let ImplItem::Fn(f) = impl_item {
                    display_unknown(&mut f.block.stmts, variant);
                }
            }
        }
    }
    opened
}

fn mark_non_exhaustive(attrs: &mut Vec<Attribute>) {
    if !attrs.iter().any(|a| a.path().is_ident("non_exhaustive")) {
        attrs.push(syn::parse_quote!(#[non_exhaustive]));
    }
}

/// Removes `deny_unknown_fields` from every `#[serde(...)]` of `attrs`, and an attribute it
/// leaves empty.
fn drop_deny_unknown_fields(attrs: &mut Vec<Attribute>) {
    attrs.retain_mut(|attr| {
        if !attr.path().is_ident("serde") {
            return true;
        }
        let Ok(args) = attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) else {
            return true;
        };
        let kept: Punctuated<Meta, Token![,]> = args
            .into_iter()
            .filter(|meta| !meta.path().is_ident("deny_unknown_fields"))
            .collect();
        if kept.is_empty() {
            return false;
        }
        *attr = syn::parse_quote!(#[serde(#kept)]);
        true
    });
}

/// A string enum (typify's enum of unit variants, one per listed value) gets its unknown
/// variant and loses `Copy`. Returns the variant's name, `None` for any other enum.
fn open_string_enum(e: &mut ItemEnum) -> Option<syn::Ident> {
    let all_unit = !e.variants.is_empty() && e.variants.iter().all(|v| v.fields == Fields::Unit);
    let tagged = serde_args(&e.attrs)
        .iter()
        .any(|(key, _)| matches!(key.as_str(), "untagged" | "tag" | "content"));
    if !all_unit || tagged {
        return None;
    }
    let taken = |name: &str| e.variants.iter().any(|v| v.ident == name);
    let name = UNKNOWN_VARIANTS
        .iter()
        .map(|name| (*name).to_owned())
        .chain((2..).map(|n| format!("Unknown{n}")))
        .find(|name| !taken(name))?;
    let ident = format_ident!("{name}");
    let unknown = rust_path(UNKNOWN_VALUE);
    let doc = format!(
        "A value the spec does not list, kept as it came (see [`UnknownValue`]({UNKNOWN_VALUE})); \
         match the listed variants and treat this one as \"newer than this crate\"."
    );
    e.variants.push(syn::parse_quote! {
        #[doc = #doc]
        #[serde(untagged)]
        #ident(#unknown)
    });
    drop_derive(&mut e.attrs, "Copy");
    Some(ident)
}

/// Removes `name` from the `#[derive(...)]` lists of `attrs`.
fn drop_derive(attrs: &mut [Attribute], name: &str) {
    for attr in attrs.iter_mut().filter(|a| a.path().is_ident("derive")) {
        let Ok(paths) = attr.parse_args_with(Punctuated::<Path, Token![,]>::parse_terminated)
        else {
            continue;
        };
        let kept: Punctuated<Path, Token![,]> = paths
            .into_iter()
            .filter(|p| last_ident(p) != name)
            .collect();
        *attr = syn::parse_quote!(#[derive(#kept)]);
    }
}

/// typify's `Display` of a string enum is `match *self { Self::A => f.write_str("A"), .. }`:
/// it matches `self` by reference and writes the unknown value as it came.
fn display_unknown(stmts: &mut [Stmt], variant: &syn::Ident) {
    for stmt in stmts {
        let Stmt::Expr(Expr::Match(m), _) = stmt else {
            continue;
        };
        if let Expr::Unary(unary) = &*m.expr
            && matches!(unary.op, syn::UnOp::Deref(_))
        {
            m.expr = unary.expr.clone();
        }
        let arm: Arm = syn::parse_quote!(Self::#variant(value) => f.write_str(value.as_str()),);
        m.arms.push(arm);
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    fn opened(source: proc_macro2::TokenStream) -> (String, Vec<(String, syn::Ident)>) {
        let mut file: syn::File = match syn::parse2(source) {
            Ok(file) => file,
            Err(e) => panic!("{e}"),
        };
        let enums = open(&mut file);
        (prettyplease::unparse(&file), enums)
    }

    #[test]
    fn a_string_enum_gets_an_unknown_variant_and_loses_copy() {
        let (text, enums) = opened(quote! {
            pub mod types {
                #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Copy, Debug)]
                pub enum Status {
                    #[serde(rename = "ACTIVE")]
                    Active,
                }
                impl ::std::fmt::Display for Status {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        match *self {
                            Self::Active => f.write_str("ACTIVE"),
                        }
                    }
                }
            }
        });
        assert_eq!(enums.len(), 1);
        assert!(text.contains("#[non_exhaustive]"), "{text}");
        assert!(
            text.contains("#[serde(untagged)]\n        Unknown(crate::UnknownValue)"),
            "{text}"
        );
        assert!(!text.contains("Copy"), "{text}");
        assert!(text.contains("match self {"), "{text}");
        assert!(
            text.contains("Self::Unknown(value) => f.write_str(value.as_str())"),
            "{text}"
        );
    }

    #[test]
    fn a_listed_value_named_unknown_moves_the_variant_aside() {
        let (text, enums) = opened(quote! {
            pub mod types {
                #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
                pub enum Status {
                    #[serde(rename = "UNKNOWN")]
                    Unknown,
                }
            }
        });
        assert_eq!(enums[0].1, "UnknownValue");
        assert!(text.contains("UnknownValue(crate::UnknownValue)"), "{text}");
        let (_, enums) = opened(quote! {
            pub mod types {
                #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
                pub enum Status {
                    #[serde(rename = "UNKNOWN")]
                    Unknown,
                    #[serde(rename = "UNKNOWN_VALUE")]
                    UnknownValue,
                }
            }
        });
        assert_eq!(enums[0].1, "Unknown2");
    }

    #[test]
    fn structs_are_non_exhaustive_and_accept_unknown_fields() {
        let (text, enums) = opened(quote! {
            pub mod types {
                #[derive(::serde::Deserialize, Debug)]
                #[serde(deny_unknown_fields)]
                pub struct Closed { pub a: String }
                #[derive(::serde::Deserialize, Debug)]
                #[serde(deny_unknown_fields, rename = "X")]
                pub struct Renamed { pub a: String }
                #[derive(::serde::Deserialize, Debug)]
                #[serde(untagged)]
                pub enum Either { A(String), B(i64) }
            }
        });
        assert!(enums.is_empty());
        assert!(!text.contains("deny_unknown_fields"), "{text}");
        assert!(text.contains("#[serde(rename = \"X\")]"), "{text}");
        assert_eq!(text.matches("#[non_exhaustive]").count(), 3, "{text}");
        assert!(!text.contains("Unknown("), "{text}");
    }
}
