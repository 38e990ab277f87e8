//! Reading the operation lines of a listing: each public method of `impl Client` that returns
//! a builder, and under it what the builder says: its parameter setters with their Rust types
//! (from the setters' `TryInto<T>` bounds), where each parameter goes and whether it is
//! required (from the builder's fields and `send()`, see [`super::send`]), and its body setter.

use std::collections::BTreeMap;

use quote::ToTokens;
use syn::{
    FnArg, GenericArgument, GenericParam, ImplItem, ImplItemFn, Item, ItemImpl, PathArguments,
    ReturnType, Type, TypeParamBound, WherePredicate,
};

use super::model::{Entry, Kind};
use super::render::{join, render_type};
use super::send::SendScan;
use crate::syntax::{compact, first_argument, is_pub, last_ident, type_head, type_name};

/// The operations of `impl Client`: each public method that returns a `builder::X`, with the
/// lines read from that builder among `builders`.
pub(super) fn operations(imp: &ItemImpl, builders: &[Item]) -> Vec<Entry> {
    imp.items
        .iter()
        .filter_map(|item| match item {
            ImplItem::Fn(f) if is_pub(&f.vis) => Some(f),
            _ => None,
        })
        .filter_map(|f| {
            let ReturnType::Type(_, ty) = &f.sig.output else {
                return None;
            };
            let Type::Path(path) = &**ty else { return None };
            let first = path.path.segments.first()?;
            if first.ident != "builder" || path.path.segments.len() != 2 {
                return None;
            }
            let builder = last_ident(&path.path);
            Some(
                Entry::new(Kind::Operation, f.sig.ident.to_string(), "")
                    .typed(render_type(ty))
                    .with_children(builder_entries(&builder, builders)),
            )
        })
        .collect()
}

/// The lines under an operation, read from its builder struct and the builder's methods.
fn builder_entries(builder: &str, items: &[Item]) -> Vec<Entry> {
    let optional_fields: BTreeMap<String, bool> = items
        .iter()
        .find_map(|item| match item {
            Item::Struct(s) if s.ident == builder => Some(s),
            _ => None,
        })
        .map(|s| {
            s.fields
                .iter()
                .filter_map(|f| {
                    let name = f.ident.as_ref()?.to_string();
                    // `Result<Option<T>, String>` is an optional parameter.
                    let optional =
                        first_argument(&f.ty).is_some_and(|inner| type_head(inner) == "Option");
                    Some((name, optional))
                })
                .collect()
        })
        .unwrap_or_default();
    let methods: Vec<&ImplItemFn> = items
        .iter()
        .filter_map(|item| match item {
            Item::Impl(imp)
                if imp.trait_.is_none() && type_name(&imp.self_ty).as_deref() == Some(builder) =>
            {
                Some(imp)
            }
            _ => None,
        })
        .flat_map(|imp| imp.items.iter())
        .filter_map(|item| match item {
            ImplItem::Fn(f) if is_pub(&f.vis) => Some(f),
            _ => None,
        })
        .collect();
    let send = methods
        .iter()
        .find(|f| f.sig.ident == "send")
        .map(|f| SendScan::of(f));
    let mut entries = Vec::new();
    if let Some(send) = &send {
        entries.extend(send.entries());
    }
    for method in &methods {
        let name = method.sig.ident.to_string();
        if matches!(name.as_str(), "new" | "send" | "body_map") {
            continue;
        }
        let rust_type = setter_target(method).unwrap_or_else(|| signature(method));
        let optional = optional_fields.get(&name).copied().unwrap_or(false);
        let required = if optional { "optional" } else { "required" };
        entries.push(if name == "body" {
            Entry::new(Kind::Body, "", if optional { "optional" } else { "" }).typed(rust_type)
        } else {
            let location = send
                .as_ref()
                .map_or("unknown location", |s| s.location_of(&name));
            Entry::new(Kind::Param, name, format!("{location}, {required}")).typed(rust_type)
        });
    }
    entries
}

/// The `T` of a setter `fn x<V>(self, value: V) where V: TryInto<T>`.
fn setter_target(method: &ImplItemFn) -> Option<String> {
    let generic = method.sig.generics.params.iter().find_map(|p| match p {
        GenericParam::Type(t) => Some(t),
        _ => None,
    })?;
    let inline = generic.bounds.iter();
    let from_where = method
        .sig
        .generics
        .where_clause
        .iter()
        .flat_map(|w| w.predicates.iter())
        .filter_map(|p| match p {
            WherePredicate::Type(pt) if generic.ident == type_head(&pt.bounded_ty) => {
                Some(pt.bounds.iter())
            }
            _ => None,
        })
        .flatten();
    inline.chain(from_where).find_map(|bound| match bound {
        TypeParamBound::Trait(t) => {
            let segment = t.path.segments.last()?;
            if segment.ident != "TryInto" && segment.ident != "Into" {
                return None;
            }
            match &segment.arguments {
                PathArguments::AngleBracketed(args) => args.args.iter().find_map(|a| match a {
                    GenericArgument::Type(ty) => Some(render_type(ty)),
                    _ => None,
                }),
                _ => None,
            }
        }
        _ => None,
    })
}

/// A method's parameters and return type, for setters of a shape this reader does not know.
fn signature(method: &ImplItemFn) -> String {
    let inputs = join(method.sig.inputs.iter().map(|input| match input {
        FnArg::Receiver(r) => compact(&r.to_token_stream()),
        FnArg::Typed(t) => render_type(&t.ty),
    }));
    match &method.sig.output {
        ReturnType::Default => format!("fn({inputs})"),
        ReturnType::Type(_, ty) => format!("fn({inputs}) -> {}", render_type(ty)),
    }
}
