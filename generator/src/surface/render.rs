//! Rendering the pieces of a syn tree as the listing shows them: Rust types and paths relative
//! to the generated module (`Option<String>`, `builder::X<'_>`, `ids::AuthConfigId`), value
//! expressions, lists, and rule names as words.

use quote::ToTokens;
use syn::{Expr, GenericArgument, Path, PathArguments, ReturnType, Type};

use crate::syntax::compact;

/// A Rust type as the listing shows it: std paths by their last segment (`Option<String>`),
/// paths of the generated module relative to it (`AccountType`, `builder::X`), `crate::`
/// dropped (`ids::AuthConfigId`).
pub(super) fn render_type(ty: &Type) -> String {
    match ty {
        Type::Path(p) if p.qself.is_none() => render_path(&p.path),
        Type::Reference(r) => {
            let lifetime = r
                .lifetime
                .as_ref()
                .map(|l| format!("{l} "))
                .unwrap_or_default();
            let mutability = if r.mutability.is_some() { "mut " } else { "" };
            format!("&{lifetime}{mutability}{}", render_type(&r.elem))
        }
        Type::Tuple(t) => format!("({})", join(t.elems.iter().map(render_type))),
        Type::Slice(s) => format!("[{}]", render_type(&s.elem)),
        Type::Paren(p) => render_type(&p.elem),
        Type::Group(g) => render_type(&g.elem),
        other => compact(&other.to_token_stream()),
    }
}

/// A path without the prefixes the listing drops, each segment with its arguments rendered.
fn render_path(path: &Path) -> String {
    let segments: Vec<&syn::PathSegment> = path.segments.iter().collect();
    let first = segments.first().map(|s| s.ident.to_string());
    let skip = match first.as_deref() {
        Some("std" | "core" | "alloc") => segments.len().saturating_sub(1),
        _ => segments
            .iter()
            .take_while(|s| {
                let ident = s.ident.to_string();
                let more = segments.len() > 1;
                more && matches!(ident.as_str(), "crate" | "self" | "super" | "types")
            })
            .count()
            .min(segments.len().saturating_sub(1)),
    };
    segments[skip..]
        .iter()
        .map(|segment| {
            let ident = segment.ident.to_string();
            match &segment.arguments {
                PathArguments::None => ident,
                PathArguments::AngleBracketed(args) => {
                    let args = join(args.args.iter().map(|a| match a {
                        GenericArgument::Type(ty) => render_type(ty),
                        GenericArgument::Lifetime(l) => l.to_string(),
                        other => compact(&other.to_token_stream()),
                    }));
                    format!("{ident}<{args}>")
                }
                PathArguments::Parenthesized(args) => {
                    let inputs = compact(&args.inputs.to_token_stream());
                    match &args.output {
                        ReturnType::Default => format!("{ident}({inputs})"),
                        ReturnType::Type(_, ty) => {
                            format!("{ident}({inputs}) -> {}", render_type(ty))
                        }
                    }
                }
            }
        })
        .collect::<Vec<_>>()
        .join("::")
}

/// A value expression: a path as [`render_type`] shows one, anything else by its tokens
/// without `super::`.
pub(super) fn render_expr(expr: &Expr) -> String {
    match expr {
        Expr::Path(p) if p.qself.is_none() => render_path(&p.path),
        other => compact(&other.to_token_stream()).replace("super::", ""),
    }
}

/// Items separated by `, `.
pub(super) fn join(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// A CamelCase name as lower-case words: `MaxItems` → `max items`.
pub(super) fn split_camel(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{render_expr, render_type, split_camel};

    fn ty(text: &str) -> String {
        match syn::parse_str::<syn::Type>(text) {
            Ok(ty) => render_type(&ty),
            Err(e) => panic!("{text}: {e}"),
        }
    }

    #[test]
    fn std_paths_are_shown_by_their_last_segment() {
        assert_eq!(
            ty("::std::option::Option<::std::string::String>"),
            "Option<String>"
        );
        assert_eq!(
            ty("::std::collections::HashMap<::std::string::String, ::serde_json::Value>"),
            "HashMap<String, serde_json::Value>"
        );
    }

    #[test]
    fn paths_of_the_generated_module_are_shown_relative_to_it() {
        assert_eq!(ty("types::AccountType"), "AccountType");
        assert_eq!(ty("super::types::builder::Link"), "builder::Link");
        assert_eq!(ty("crate::ids::AuthConfigId"), "ids::AuthConfigId");
        assert_eq!(ty("builder::PostLink<'a>"), "builder::PostLink<'a>");
        assert_eq!(ty("types"), "types");
    }

    #[test]
    fn references_tuples_and_slices_keep_their_shape() {
        assert_eq!(ty("&'a mut [::std::string::String]"), "&'a mut [String]");
        assert_eq!(ty("(u8, (u16))"), "(u8, u16)");
        assert_eq!(ty("()"), "()");
        // What is not a path, reference, tuple or slice is shown by its tokens.
        assert_eq!(
            ty("::std::boxed::Box<dyn Fn(u8) -> ::std::string::String>"),
            "Box<dyn Fn(u8) ->::std::string::String>"
        );
    }

    #[test]
    fn expressions_and_names() {
        let expr = |text: &str| match syn::parse_str::<syn::Expr>(text) {
            Ok(expr) => render_expr(&expr),
            Err(e) => panic!("{text}: {e}"),
        };
        assert_eq!(expr("super::AccountType::Active"), "AccountType::Active");
        assert_eq!(expr("::std::vec::Vec"), "Vec");
        assert_eq!(expr("::std::vec::Vec::new()"), "::std::vec::Vec::new()");
        assert_eq!(split_camel("MaxItems"), "max items");
    }
}
