//! The setters of optional fields in typify's type builders take what the required ones take.
//!
//! typify writes an optional field's setter as `fn alias<T>(self, value: T) where T:
//! TryInto<Option<String>>`, which `"work"` (a `&str`) does not satisfy, while the required
//! `toolkit` setter (`T: TryInto<String>`) takes it; and a nested optional object needs its
//! builder converted with `try_into()` first. This pass rewrites the bound of every such setter
//! to the client crate's `IntoOptional<X>`, which a value of `X`, an `Option<X>`, and whatever
//! converts into `X` (a `&str`, an id, a nested builder) implement, and its `value.try_into()`
//! to `IntoOptional::into_optional(value)`. The field keeps its type: only what the setter
//! accepts grows.

use quote::ToTokens;
use syn::visit_mut::VisitMut;
use syn::{Expr, GenericArgument, ImplItemFn, PathArguments, Type, TypeParamBound};

use super::settings::INTO_OPTIONAL;

use crate::syntax::module_items_mut;

/// Rewrites the optional-field setters in `types::builder` of `file`.
pub(crate) fn widen(file: &mut syn::File) {
    let Some(types) = module_items_mut(&mut file.items, "types") else {
        return;
    };
    let Some(builder) = module_items_mut(types, "builder") else {
        return;
    };
    let mut pass = Widen;
    for item in builder {
        pass.visit_item_mut(item);
    }
}

struct Widen;

impl VisitMut for Widen {
    fn visit_impl_item_fn_mut(&mut self, f: &mut ImplItemFn) {
        let Some(where_clause) = &mut f.sig.generics.where_clause else {
            return;
        };
        let mut widened = false;
        for predicate in &mut where_clause.predicates {
            let syn::WherePredicate::Type(predicate) = predicate else {
                continue;
            };
            for bound in &mut predicate.bounds {
                let TypeParamBound::Trait(trait_bound) = bound else {
                    continue;
                };
                let Some(target) = try_into_option(&trait_bound.path) else {
                    continue;
                };
                let rewritten = format!("{INTO_OPTIONAL}<{}>", target.to_token_stream());
                if let Ok(path) = syn::parse_str::<syn::Path>(&rewritten) {
                    trait_bound.path = path;
                    widened = true;
                }
            }
        }
        if widened {
            CallsIntoOptional.visit_block_mut(&mut f.block);
        }
    }
}

/// `X` of `::std::convert::TryInto<::std::option::Option<X>>`.
fn try_into_option(path: &syn::Path) -> Option<Type> {
    let last = path.segments.last()?;
    if last.ident != "TryInto" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let Some(GenericArgument::Type(Type::Path(option))) = args.args.first() else {
        return None;
    };
    let option = option.path.segments.last()?;
    if option.ident != "Option" {
        return None;
    }
    let PathArguments::AngleBracketed(inner) = &option.arguments else {
        return None;
    };
    match inner.args.first()? {
        GenericArgument::Type(t) => Some(t.clone()),
        _ => None,
    }
}

/// `value.try_into()` → `IntoOptional::into_optional(value)`.
struct CallsIntoOptional;

impl VisitMut for CallsIntoOptional {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        if let Expr::MethodCall(call) = expr
            && call.method == "try_into"
            && call.args.is_empty()
            && matches!(&*call.receiver, Expr::Path(p) if p.path.is_ident("value"))
            && let Ok(rewritten) =
                syn::parse_str::<Expr>(&format!("{INTO_OPTIONAL}::into_optional(value)"))
        {
            *expr = rewritten;
            return;
        }
        syn::visit_mut::visit_expr_mut(self, expr);
    }
}
