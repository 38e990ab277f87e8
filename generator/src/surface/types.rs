//! Reading the type lines of a listing out of the `types` module of a generated module: its
//! structs with their fields, its enums with their variants, its newtypes with the checks of
//! their `FromStr`, and its type aliases.
//!
//! Required-ness and JSON names come from the serde attributes typify writes, default values
//! from the functions of `types::defaults`.

use std::collections::BTreeMap;

use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::{
    Attribute, BinOp, Expr, Fields, ImplItem, Item, ItemEnum, ItemStruct, Path, Stmt, Token,
};

use super::model::{Entry, Kind};
use super::render::{join, render_expr, render_type};
use crate::syntax::{
    compact, first_string_literal, int_literal, is_pub, last_ident, module_items, serde_args,
    serde_rename, type_head, type_name,
};

/// The entries of the public types among `items` (the `types` module).
pub(super) fn read_types(items: &[Item]) -> Vec<Entry> {
    let defaults = default_values(items);
    items
        .iter()
        .filter_map(|item| match item {
            Item::Struct(s) if is_pub(&s.vis) => Some(read_struct(s, items, &defaults)),
            Item::Enum(e) if is_pub(&e.vis) => Some(read_enum(e)),
            Item::Type(t) if is_pub(&t.vis) => {
                Some(Entry::new(Kind::Alias, t.ident.to_string(), "").typed(render_type(&t.ty)))
            }
            _ => None,
        })
        .collect()
}

/// The functions of `types::defaults`, by name, as the expression each returns.
fn default_values(items: &[Item]) -> BTreeMap<String, String> {
    let Some(defaults) = module_items(items, "defaults") else {
        return BTreeMap::new();
    };
    defaults
        .iter()
        .filter_map(|item| match item {
            Item::Fn(f) => {
                let value = match f.block.stmts.last() {
                    Some(Stmt::Expr(expr, None)) => render_expr(expr),
                    _ => compact(&f.block.to_token_stream()),
                };
                Some((f.sig.ident.to_string(), value))
            }
            _ => None,
        })
        .collect()
}

/// A struct with named fields, or a newtype (a tuple struct of one field) with its checks.
fn read_struct(s: &ItemStruct, items: &[Item], defaults: &BTreeMap<String, String>) -> Entry {
    let name = s.ident.to_string();
    let derive = derive_entry(&s.attrs);
    match &s.fields {
        Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
            let inner = fields.unnamed.iter().map(|f| {
                let ty = render_type(&f.ty);
                if is_pub(&f.vis) {
                    format!("pub {ty}")
                } else {
                    ty
                }
            });
            let mut children: Vec<Entry> = derive.into_iter().collect();
            children.extend(newtype_checks(&name, items));
            Entry::new(Kind::Newtype, name, container_detail(s))
                .typed(inner.collect::<String>())
                .with_children(children)
        }
        fields => {
            let mut children: Vec<Entry> = derive.into_iter().collect();
            children.extend(
                fields
                    .iter()
                    .filter(|f| is_pub(&f.vis))
                    .filter_map(|f| field_entry(f, defaults)),
            );
            Entry::new(Kind::Struct, name, container_detail(s)).with_children(children)
        }
    }
}

/// What a struct's own attributes and fields say about how it can be built: its container
/// serde attributes, `#[non_exhaustive]`, and whether some fields are private (then it cannot
/// be built with a literal outside the crate).
fn container_detail(s: &ItemStruct) -> String {
    let mut parts = serde_words(&s.attrs, &[]);
    if s.attrs.iter().any(|a| a.path().is_ident("non_exhaustive")) {
        parts.push("non_exhaustive".to_owned());
    }
    let named = matches!(s.fields, Fields::Named(_));
    if named && s.fields.iter().any(|f| !is_pub(&f.vis)) {
        parts.push("private fields".to_owned());
    }
    parts.join(", ")
}

/// The `deserialize_with` typify gives a required, nullable property.
const OPTION_DESERIALIZE: &str = "::std::option::Option::deserialize";

/// A public field: its Rust type, JSON name, and whether it is required, required and nullable,
/// optional or defaulted (with the value of its `defaults` function).
fn field_entry(field: &syn::Field, defaults: &BTreeMap<String, String>) -> Option<Entry> {
    let name = field.ident.as_ref()?.to_string();
    let serde = serde_args(&field.attrs);
    let json = serde_rename(&field.attrs).unwrap_or_else(|| name.clone());
    let is_option = type_head(&field.ty) == "Option";
    let default = serde.iter().find(|(k, _)| k == "default").map(|(_, v)| v);
    // typify's required, nullable property: an `Option` that serde reads with
    // `Option::deserialize`, so a missing key is an error (only `null` is `None`), and whose
    // builder field starts unset.
    let nullable = is_option
        && serde
            .iter()
            .any(|(k, v)| k == "deserialize_with" && v.as_deref() == Some(OPTION_DESERIALIZE));
    let mut detail = vec![format!("json {json:?}")];
    detail.push(match (default, is_option) {
        (Some(Some(function)), _) => {
            let short = function.rsplit("::").next().unwrap_or(function);
            match defaults.get(short) {
                Some(value) => format!("optional, default {value}"),
                None => format!("optional, default from {function}"),
            }
        }
        (Some(None), false) => format!("optional, default {}::default()", type_head(&field.ty)),
        (None, true) if nullable => "required, nullable".to_owned(),
        (_, true) => "optional".to_owned(),
        (None, false) => "required".to_owned(),
    });
    // The words already said: the name, the default and, for a nullable field, how serde reads it.
    let mut said = vec!["rename", "default", "skip_serializing_if"];
    if nullable {
        said.push("deserialize_with");
    }
    detail.extend(serde_words(&field.attrs, &said));
    Some(Entry::new(Kind::Field, name, detail.join(", ")).typed(render_type(&field.ty)))
}

/// An enum with its variants, each with its JSON value unless the enum is untagged.
fn read_enum(e: &ItemEnum) -> Entry {
    let untagged = serde_args(&e.attrs).iter().any(|(k, _)| k == "untagged");
    let mut children: Vec<Entry> = derive_entry(&e.attrs).into_iter().collect();
    for variant in &e.variants {
        let name = variant.ident.to_string();
        let json = serde_rename(&variant.attrs).unwrap_or_else(|| name.clone());
        let variant_untagged = serde_args(&variant.attrs)
            .iter()
            .any(|(k, _)| k == "untagged");
        let mut detail = Vec::new();
        if !untagged && !variant_untagged {
            detail.push(format!("json {json:?}"));
        }
        detail.extend(serde_words(&variant.attrs, &["rename"]));
        let entry = Entry::new(Kind::Variant, name, detail.join(", "));
        children.push(match &variant.fields {
            Fields::Unit => entry,
            Fields::Unnamed(fields) => entry.typed(format!(
                "({})",
                join(fields.unnamed.iter().map(|f| render_type(&f.ty)))
            )),
            Fields::Named(fields) => entry.typed(format!(
                "{{ {} }}",
                join(fields.named.iter().map(|f| format!(
                    "{}: {}",
                    f.ident.as_ref().map(ToString::to_string).unwrap_or_default(),
                    render_type(&f.ty)
                )))
            )),
        });
    }
    let mut detail = serde_words(&e.attrs, &[]);
    if e.attrs.iter().any(|a| a.path().is_ident("non_exhaustive")) {
        detail.push("non_exhaustive".to_owned());
    }
    Entry::new(Kind::Enum, e.ident.to_string(), detail.join(", ")).with_children(children)
}

/// The `derive` line of a type: the traits its `#[derive]` attributes name, sorted.
fn derive_entry(attrs: &[Attribute]) -> Option<Entry> {
    let mut traits: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("derive"))
        .filter_map(|a| {
            a.parse_args_with(Punctuated::<Path, Token![,]>::parse_terminated)
                .ok()
        })
        .flat_map(|paths| paths.into_iter().map(|p| last_ident(&p)))
        .collect();
    traits.sort();
    traits.dedup();
    (!traits.is_empty()).then(|| Entry::new(Kind::Derive, "", traits.join(", ")))
}

/// The checks of `impl FromStr for <name>`: each `if <condition> { return Err(..) }`.
/// Length checks are named (`max length: 256`); any other check is listed by its error
/// message and condition.
fn newtype_checks(name: &str, items: &[Item]) -> Vec<Entry> {
    let from_str = items.iter().find_map(|item| match item {
        Item::Impl(imp)
            if type_name(&imp.self_ty).as_deref() == Some(name)
                && imp
                    .trait_
                    .as_ref()
                    .is_some_and(|(path, _)| last_ident(path) == "FromStr") =>
        {
            imp.items.iter().find_map(|i| match i {
                ImplItem::Fn(f) if f.sig.ident == "from_str" => Some(f),
                _ => None,
            })
        }
        _ => None,
    });
    let Some(from_str) = from_str else {
        return Vec::new();
    };
    from_str
        .block
        .stmts
        .iter()
        .filter_map(|stmt| match stmt {
            Stmt::Expr(Expr::If(check), _) => Some(check),
            _ => None,
        })
        .map(|check| {
            if let Expr::Binary(binary) = &*check.cond
                && compact(&binary.left.to_token_stream()) == "value.chars().count()"
                && let Some(n) = int_literal(&binary.right)
            {
                let bound = match binary.op {
                    BinOp::Gt(_) => Some("max length"),
                    BinOp::Lt(_) => Some("min length"),
                    _ => None,
                };
                if let Some(bound) = bound {
                    return Entry::new(Kind::Check, bound, n);
                }
            }
            let message = first_string_literal(&check.then_branch.to_token_stream())
                .unwrap_or_else(|| "rejects".to_owned());
            Entry::new(
                Kind::Check,
                format!("{message:?}"),
                format!("when {}", compact(&check.cond.to_token_stream())),
            )
        })
        .collect()
}

/// The serde arguments not in `known`, as words for a line (`flatten`, `tag = "kind"`).
fn serde_words(attrs: &[Attribute], known: &[&str]) -> Vec<String> {
    serde_args(attrs)
        .into_iter()
        .filter(|(k, _)| !known.contains(&k.as_str()))
        .map(|(k, v)| match v {
            Some(v) => format!("serde {k} = {v:?}"),
            None => format!("serde {k}"),
        })
        .collect()
}
