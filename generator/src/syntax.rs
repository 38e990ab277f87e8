//! The low layer over syn: the small readings of a Rust syntax tree that every pass over
//! progenitor's output needs (the items of a module, the name of a type, its generic arguments,
//! literals, the arguments of `#[serde(...)]`), written once.
//!
//! Nothing here knows what the generated code means: which module holds the types, which
//! builder belongs to which operation, how a surface line reads. Those are the passes' own.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::visit::Visit;
use syn::{
    Attribute, Expr, GenericArgument, Item, Lit, Path, PathArguments, Token, Type, Visibility,
};

/// The items of the inline module `name` among `items` (`types`, `builder`).
pub(crate) fn module_items<'a>(items: &'a [Item], name: &str) -> Option<&'a [Item]> {
    items.iter().find_map(|item| match item {
        Item::Mod(m) if m.ident == name => m.content.as_ref().map(|(_, items)| items.as_slice()),
        _ => None,
    })
}

/// As [`module_items`], for a pass that rewrites the module.
pub(crate) fn module_items_mut<'a>(items: &'a mut [Item], name: &str) -> Option<&'a mut Vec<Item>> {
    items.iter_mut().find_map(|item| match item {
        Item::Mod(m) if m.ident == name => m.content.as_mut().map(|(_, items)| items),
        _ => None,
    })
}

/// Whether an item is `pub` (not `pub(crate)` or private).
pub(crate) fn is_pub(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

/// The name of a path's last segment (`Option` for `::std::option::Option<T>`), or the empty
/// string for an empty path.
pub(crate) fn last_ident(path: &Path) -> String {
    path.segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}

/// The name of a type path's last segment: `Client` for `Client`, `X` for `builder::X<'a>`,
/// the type an `impl` is for when given its self type. `None` for a type that is not a path.
pub(crate) fn type_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// As [`type_name`], with the empty string for a type that is not a path.
pub(crate) fn type_head(ty: &Type) -> String {
    type_name(ty).unwrap_or_default()
}

/// The type arguments of a type path's last segment: `[T, E]` for `Result<T, E>`.
pub(crate) fn type_arguments(ty: &Type) -> Vec<&Type> {
    let Type::Path(path) = ty else {
        return Vec::new();
    };
    match path.path.segments.last().map(|s| &s.arguments) {
        Some(PathArguments::AngleBracketed(args)) => args
            .args
            .iter()
            .filter_map(|a| match a {
                GenericArgument::Type(ty) => Some(ty),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// `T` of `X<T, ...>`.
pub(crate) fn first_argument(ty: &Type) -> Option<&Type> {
    type_arguments(ty).into_iter().next()
}

/// Tokens as compact text: `a::b(c.d())` rather than `a :: b (c . d ())`.
pub(crate) fn compact(tokens: &TokenStream) -> String {
    let mut text = tokens.to_string();
    for (from, to) in [
        (" :: ", "::"),
        (":: ", "::"),
        (" ::", "::"),
        (" . ", "."),
        (" (", "("),
        ("( ", "("),
        (" )", ")"),
        (" ,", ","),
        ("& ", "&"),
        (" <", "<"),
        ("< ", "<"),
        (" >", ">"),
        ("! (", "!("),
    ] {
        text = text.replace(from, to);
    }
    text
}

/// The value of a string literal expression.
pub(crate) fn string_literal(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Str(s) => Some(s.value()),
            _ => None,
        },
        _ => None,
    }
}

/// The digits of an integer literal expression.
pub(crate) fn int_literal(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Int(i) => Some(i.base10_digits().to_owned()),
            _ => None,
        },
        _ => None,
    }
}

/// The value of the first string literal among `tokens`, looking into groups.
pub(crate) fn first_string_literal(tokens: &TokenStream) -> Option<String> {
    tokens.clone().into_iter().find_map(|tree| match tree {
        TokenTree::Literal(lit) => match syn::parse_str::<syn::LitStr>(&lit.to_string()) {
            Ok(s) => Some(s.value()),
            Err(_) => None,
        },
        TokenTree::Group(group) => first_string_literal(&group.stream()),
        _ => None,
    })
}

/// The single-segment paths (variables) an expression mentions, in order.
pub(crate) fn idents_in(expr: &Expr) -> Vec<String> {
    struct Idents(Vec<String>);
    impl<'ast> Visit<'ast> for Idents {
        fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
            if let Some(ident) = p.path.get_ident() {
                self.0.push(ident.to_string());
            }
        }
    }
    let mut idents = Idents(Vec::new());
    idents.visit_expr(expr);
    idents.0
}

/// The arguments of a type's or field's `#[serde(...)]` attributes, as (key, value): a string
/// literal's value, any other value or a parenthesized list as compact tokens, `None` for a
/// bare word. An attribute that does not parse is one `("serde", tokens)` pair.
pub(crate) fn serde_args(attrs: &[Attribute]) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let parsed = attr.parse_nested_meta(|meta| {
            let key = meta.path.get_ident().map_or_else(
                || compact(&meta.path.to_token_stream()),
                ToString::to_string,
            );
            if meta.input.peek(Token![=]) {
                let value: Expr = meta.value()?.parse()?;
                let value =
                    string_literal(&value).unwrap_or_else(|| compact(&value.to_token_stream()));
                out.push((key, Some(value)));
            } else if meta.input.peek(syn::token::Paren) {
                let content: TokenStream = meta.input.parse::<proc_macro2::Group>()?.stream();
                out.push((key, Some(compact(&content))));
            } else {
                out.push((key, None));
            }
            Ok(())
        });
        if parsed.is_err() {
            out.push(("serde".to_owned(), Some(compact(&attr.to_token_stream()))));
        }
    }
    out
}

/// The JSON name `#[serde(rename = "...")]` gives a field or variant, if any.
pub(crate) fn serde_rename(attrs: &[Attribute]) -> Option<String> {
    serde_args(attrs)
        .into_iter()
        .find(|(key, _)| key == "rename")
        .and_then(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::{first_argument, serde_args, serde_rename, type_head, type_name};

    fn parse<T: syn::parse::Parse>(text: &str) -> T {
        match syn::parse_str(text) {
            Ok(parsed) => parsed,
            Err(e) => panic!("{text}: {e}"),
        }
    }

    #[test]
    fn types_are_named_by_their_last_segment() {
        let ty: syn::Type = parse("::std::option::Option<builder::X<'a>>");
        assert_eq!(type_name(&ty).as_deref(), Some("Option"));
        let inner = first_argument(&ty).unwrap_or_else(|| panic!("no argument"));
        assert_eq!(type_head(inner), "X");
        assert_eq!(type_head(&parse::<syn::Type>("(u8, u16)")), "");
    }

    #[test]
    fn serde_attributes_are_read_as_pairs() {
        let field: syn::Field = syn::parse::Parser::parse_str(
            syn::Field::parse_named,
            r#"#[serde(rename = "callbackUrl", default, skip_serializing_if = "Option::is_none")] x: u8"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(serde_rename(&field.attrs).as_deref(), Some("callbackUrl"));
        assert_eq!(
            serde_args(&field.attrs),
            [
                ("rename".to_owned(), Some("callbackUrl".to_owned())),
                ("default".to_owned(), None),
                (
                    "skip_serializing_if".to_owned(),
                    Some("Option::is_none".to_owned())
                ),
            ]
        );
    }
}
