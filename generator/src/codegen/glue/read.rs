//! What progenitor generated for each operation, read back from its output: the client method,
//! the builder, the name progenitor hands the hooks at run time, the success and error types,
//! and the builder's parameters with their Rust types.
//!
//! The glue is written against these names as progenitor spelled them. Only finding which
//! builder belongs to which spec operation (and parameter) uses progenitor's snake-case rule
//! ([`super::op::sanitize`]); a mismatch there fails the regen, naming the operation.

use std::collections::BTreeMap;

use syn::visit::Visit;
use syn::{Expr, ExprStruct, Fields, ImplItem, Item, ItemImpl, ItemStruct, Lit, ReturnType, Type};

use crate::syntax::{first_argument, module_items, type_arguments, type_head, type_name};

/// One operation as progenitor generated it.
#[derive(Debug, Clone)]
pub(crate) struct Built {
    /// The `Client` method that starts the request (`post_connected_accounts_link`).
    pub(crate) method: syn::Ident,
    /// The builder type in `builder` (`PostConnectedAccountsLink`).
    pub(crate) builder: syn::Ident,
    /// The `OperationInfo::operation_id` that `send()` hands the hooks.
    pub(crate) info_name: String,
    /// The `T` of `ResponseValue<T>` in `send()`'s return type.
    pub(crate) output: Type,
    /// The `E` of `Error<E>` in `send()`'s return type.
    pub(crate) error: Type,
    /// The builder's fields other than `client` and `body`: name, Rust type, optional.
    pub(crate) params: Vec<(String, Type, bool)>,
    /// The request body type (`types::ConnectedAccountLinkRequest`), when there is a body.
    pub(crate) body: Option<Type>,
}

/// Every operation of the generated client in `file`, keyed by the name `send()` hands the
/// hooks. An operation whose builder does not have the expected shape is left out; the caller
/// reports the spec operation that has no match.
pub(crate) fn operations(file: &syn::File) -> BTreeMap<String, Built> {
    let builders = module_items(&file.items, "builder").unwrap_or_default();
    let mut out = BTreeMap::new();
    for item in &file.items {
        let Item::Impl(imp) = item else { continue };
        if imp.trait_.is_some() || type_name(&imp.self_ty).as_deref() != Some("Client") {
            continue;
        }
        for item in &imp.items {
            let ImplItem::Fn(f) = item else { continue };
            let ReturnType::Type(_, ty) = &f.sig.output else {
                continue;
            };
            let Type::Path(path) = &**ty else { continue };
            let segments: Vec<_> = path.path.segments.iter().collect();
            let [module, builder] = segments.as_slice() else {
                continue;
            };
            if module.ident != "builder" {
                continue;
            }
            if let Some(built) = read_builder(f.sig.ident.clone(), builder.ident.clone(), builders)
            {
                out.insert(built.info_name.clone(), built);
            }
        }
    }
    out
}

/// The type of the field `name` of `fields`.
pub(crate) fn field_type<'a>(fields: &'a Fields, name: &str) -> Option<&'a Type> {
    fields
        .iter()
        .find(|f| f.ident.as_ref().is_some_and(|i| i == name))
        .map(|f| &f.ty)
}

/// The struct named `name` in the `types` module of `file`.
pub(crate) fn type_struct<'a>(file: &'a syn::File, name: &str) -> Option<&'a ItemStruct> {
    module_items(&file.items, "types")?
        .iter()
        .find_map(|item| match item {
            Item::Struct(s) if s.ident == name => Some(s),
            _ => None,
        })
}

fn read_builder(method: syn::Ident, builder: syn::Ident, items: &[Item]) -> Option<Built> {
    let fields = items.iter().find_map(|item| match item {
        Item::Struct(s) if s.ident == builder => Some(&s.fields),
        _ => None,
    })?;
    let Fields::Named(fields) = fields else {
        return None;
    };
    let mut params = Vec::new();
    let mut body = None;
    for field in &fields.named {
        let name = field.ident.as_ref()?.to_string();
        if name == "client" {
            continue;
        }
        // Every other field is `Result<T, String>`, or `Result<Option<T>, String>` when optional.
        let inner = first_argument(&field.ty)?;
        if name == "body" {
            body = Some(unbuilt(inner));
            continue;
        }
        match first_argument(inner).filter(|_| type_head(inner) == "Option") {
            Some(t) => params.push((name, t.clone(), true)),
            None => params.push((name, inner.clone(), false)),
        }
    }
    let send = items
        .iter()
        .filter_map(|item| match item {
            Item::Impl(imp) if imp.trait_.is_none() && is_impl_of(imp, &builder) => Some(imp),
            _ => None,
        })
        .flat_map(|imp| imp.items.iter())
        .find_map(|item| match item {
            ImplItem::Fn(f) if f.sig.ident == "send" => Some(f),
            _ => None,
        })?;
    let ReturnType::Type(_, result) = &send.sig.output else {
        return None;
    };
    let (response, error) = two_arguments(result)?;
    let output = first_argument(response)?.clone();
    let error = first_argument(error)?.clone();
    let mut finder = InfoName(None);
    finder.visit_block(&send.block);
    Some(Built {
        method,
        builder,
        info_name: finder.0?,
        output,
        error,
        params,
        body,
    })
}

/// `types::builder::X` (the builder a body field holds) → `types::X`.
fn unbuilt(ty: &Type) -> Type {
    let mut ty = ty.clone();
    if let Type::Path(path) = &mut ty {
        let kept: syn::punctuated::Punctuated<_, _> = path
            .path
            .segments
            .iter()
            .filter(|s| s.ident != "builder")
            .cloned()
            .collect();
        path.path.segments = kept;
    }
    ty
}

/// Finds `OperationInfo { operation_id: "..." }`.
struct InfoName(Option<String>);

impl<'ast> Visit<'ast> for InfoName {
    fn visit_expr_struct(&mut self, node: &'ast ExprStruct) {
        let is_info = node
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "OperationInfo");
        if is_info {
            for field in &node.fields {
                if let syn::Member::Named(name) = &field.member
                    && name == "operation_id"
                    && let Expr::Lit(lit) = &field.expr
                    && let Lit::Str(s) = &lit.lit
                {
                    self.0 = Some(s.value());
                }
            }
        }
        syn::visit::visit_expr_struct(self, node);
    }
}

fn is_impl_of(imp: &ItemImpl, name: &syn::Ident) -> bool {
    type_name(&imp.self_ty).is_some_and(|n| *name == n)
}

fn two_arguments(ty: &Type) -> Option<(&Type, &Type)> {
    match type_arguments(ty).as_slice() {
        [a, b] => Some((a, b)),
        _ => None,
    }
}
