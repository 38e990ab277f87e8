//! Reading the entries of a listing out of the syn tree of a generated module.
//!
//! Everything here is read from the code progenitor and typify wrote: the HTTP method and path
//! from the body of each builder's `send()` (its `format!` of the URL and its `.post(url)`
//! call), the statuses from its `match` on the response status, parameter types from the
//! setters' `TryInto<T>` bounds, required-ness from the builder's fields and the serde
//! attributes, newtype checks from each newtype's `FromStr`. Shapes this reader does not
//! recognise are still listed, by their tokens, so a change to them cannot go unseen.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::visit::Visit;
use syn::{
    Attribute, BinOp, Expr, ExprCall, ExprMatch, ExprMethodCall, Fields, FnArg, GenericArgument,
    GenericParam, ImplItem, ImplItemFn, Item, ItemConst, ItemEnum, ItemImpl, ItemStruct, Lit,
    Macro, Path, PathArguments, ReturnType, Stmt, Token, Type, TypeParamBound, Visibility,
    WherePredicate,
};

use super::{Entry, Kind};

/// The methods that progenitor's request builders call on the `reqwest::Client` to start a
/// request: one per HTTP method, named as OpenAPI names the method.
const HTTP_METHODS: [&str; 8] = crate::openapi::METHODS;

/// Every entry of the generated module in `file`, unsorted at the top level.
pub(super) fn read(file: &syn::File) -> Vec<Entry> {
    let mut entries = Vec::new();
    if let Some(types) = module_items(&file.items, "types") {
        entries.extend(read_types(types));
    }
    let builders = module_items(&file.items, "builder").unwrap_or_default();
    for item in &file.items {
        match item {
            Item::Impl(imp) if self_type_name(&imp.self_ty).as_deref() == Some("Client") => {
                match &imp.trait_ {
                    None => entries.extend(operations(imp, builders)),
                    Some((path, _)) if last_ident(path) == "ClientInfo" => {
                        entries.extend(api_version(imp));
                    }
                    Some(_) => {}
                }
            }
            Item::Const(c) if is_pub(&c.vis) && c.ident == "REQUEST_CONSTRAINTS" => {
                entries.push(constraints(c));
            }
            _ => {}
        }
    }
    entries
}

fn module_items<'a>(items: &'a [Item], name: &str) -> Option<&'a [Item]> {
    items.iter().find_map(|item| match item {
        Item::Mod(m) if m.ident == name => m.content.as_ref().map(|(_, items)| items.as_slice()),
        _ => None,
    })
}

fn is_pub(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

fn last_ident(path: &Path) -> String {
    path.segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}

/// The name of the type an `impl` is for (`Client` for `impl Client`, `X` for `impl<'a> X<'a>`).
fn self_type_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) if p.qself.is_none() => Some(last_ident(&p.path)),
        _ => None,
    }
}

// ----- types -------------------------------------------------------------------------------

fn read_types(items: &[Item]) -> Vec<Entry> {
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

fn field_entry(field: &syn::Field, defaults: &BTreeMap<String, String>) -> Option<Entry> {
    let name = field.ident.as_ref()?.to_string();
    let serde = serde_args(&field.attrs);
    let json = serde
        .iter()
        .find(|(k, _)| k == "rename")
        .and_then(|(_, v)| v.clone())
        .unwrap_or_else(|| name.clone());
    let is_option = type_head(&field.ty) == "Option";
    let default = serde.iter().find(|(k, _)| k == "default").map(|(_, v)| v);
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
        (_, true) => "optional".to_owned(),
        (None, false) => "required".to_owned(),
    });
    detail.extend(serde_words(
        &field.attrs,
        &["rename", "default", "skip_serializing_if"],
    ));
    Some(Entry::new(Kind::Field, name, detail.join(", ")).typed(render_type(&field.ty)))
}

fn read_enum(e: &ItemEnum) -> Entry {
    let untagged = serde_args(&e.attrs).iter().any(|(k, _)| k == "untagged");
    let mut children: Vec<Entry> = derive_entry(&e.attrs).into_iter().collect();
    for variant in &e.variants {
        let name = variant.ident.to_string();
        let serde = serde_args(&variant.attrs);
        let json = serde
            .iter()
            .find(|(k, _)| k == "rename")
            .and_then(|(_, v)| v.clone())
            .unwrap_or_else(|| name.clone());
        let mut detail = Vec::new();
        if !untagged {
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
            if self_type_name(&imp.self_ty).as_deref() == Some(name)
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

// ----- operations ----------------------------------------------------------------------------

fn operations(imp: &ItemImpl, builders: &[Item]) -> Vec<Entry> {
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
                    let optional = first_type_argument(&f.ty)
                        .is_some_and(|inner| type_head(inner) == "Option");
                    Some((name, optional))
                })
                .collect()
        })
        .unwrap_or_default();
    let methods: Vec<&ImplItemFn> = items
        .iter()
        .filter_map(|item| match item {
            Item::Impl(imp)
                if imp.trait_.is_none()
                    && self_type_name(&imp.self_ty).as_deref() == Some(builder) =>
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

/// What the body of a builder's `send()` says about the request and the response.
#[derive(Default)]
struct SendScan {
    /// `Result<ResponseValue<T>, Error<E>>`: T and E.
    success: Option<String>,
    error: Option<String>,
    /// `POST`, from the `.post(url)` call.
    method: Option<String>,
    /// The path, with `{name}` for each path parameter.
    path: Option<String>,
    /// The Rust names of the path parameters.
    path_params: Vec<String>,
    /// The Rust names of the query parameters, and their names on the wire.
    query_params: BTreeMap<String, String>,
    /// The names of the headers the builder sets.
    headers: Vec<String>,
    /// The statuses of the `match` on the response status, each with what it decodes to.
    statuses: Vec<(String, &'static str)>,
}

impl SendScan {
    fn of(send: &ImplItemFn) -> Self {
        let mut scan = SendScan::default();
        if let ReturnType::Type(_, ty) = &send.sig.output
            && type_head(ty) == "Result"
        {
            let args = type_arguments(ty);
            scan.success = args.first().map(|t| match first_type_argument(t) {
                Some(inner) if type_head(t) == "ResponseValue" => render_type(inner),
                _ => render_type(t),
            });
            scan.error = args.get(1).map(|t| match first_type_argument(t) {
                Some(inner) => render_type(inner),
                None => "()".to_owned(),
            });
        }
        scan.visit_block(&send.block);
        scan
    }

    fn location_of(&self, param: &str) -> &'static str {
        if self.path_params.iter().any(|p| p == param) {
            "path"
        } else if self.query_params.contains_key(param) {
            "query"
        } else if self
            .headers
            .iter()
            .any(|h| h.to_lowercase().replace('-', "_") == param)
        {
            "header"
        } else {
            "unknown location"
        }
    }

    fn entries(&self) -> Vec<Entry> {
        let mut entries = Vec::new();
        let http = format!(
            "{} {}",
            self.method.as_deref().unwrap_or("(method not found)"),
            self.path.as_deref().unwrap_or("(path not found)")
        );
        entries.push(Entry::new(Kind::Http, "", http));
        if let Some(success) = &self.success {
            entries.push(Entry::new(Kind::Success, "", "").typed(success.clone()));
        }
        if let Some(error) = &self.error {
            entries.push(Entry::new(Kind::Error, "", "").typed(error.clone()));
        }
        let mut groups: Vec<(&'static str, Vec<&str>)> = Vec::new();
        for (status, outcome) in &self.statuses {
            match groups.iter_mut().find(|(o, _)| o == outcome) {
                Some((_, list)) => list.push(status),
                None => groups.push((outcome, vec![status])),
            }
        }
        let statuses = groups
            .iter()
            .map(|(outcome, list)| format!("{} {outcome}", list.join(" ")))
            .collect::<Vec<_>>()
            .join("; ");
        entries.push(Entry::new(Kind::Status, "", statuses));
        entries
    }

    fn scan_url(&mut self, mac: &Macro) {
        let Ok(args) = mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated) else {
            return;
        };
        let mut args = args.into_iter();
        let Some(template) = args.next().as_ref().and_then(string_literal) else {
            return;
        };
        let Some(rest) = template.strip_prefix("{}") else {
            return;
        };
        let names: Vec<String> = args
            .skip(1)
            .map(|arg| {
                idents_in(&arg)
                    .into_iter()
                    .find(|i| i != "encode_path")
                    .unwrap_or_else(|| "?".to_owned())
            })
            .collect();
        let mut path = String::new();
        let mut pieces = rest.split("{}");
        path.push_str(pieces.next().unwrap_or_default());
        for (i, piece) in pieces.enumerate() {
            let name = names.get(i).map_or("?", String::as_str);
            path.push_str(&format!("{{{name}}}"));
            path.push_str(piece);
        }
        self.path_params = names;
        self.path = Some(path);
    }
}

impl<'ast> Visit<'ast> for SendScan {
    fn visit_macro(&mut self, mac: &'ast Macro) {
        if self.path.is_none() && mac.path.is_ident("format") {
            self.scan_url(mac);
        }
    }

    fn visit_expr_method_call(&mut self, call: &'ast ExprMethodCall) {
        let method = call.method.to_string();
        if HTTP_METHODS.contains(&method.as_str())
            && call.args.len() == 1
            && call.args.first().is_some_and(|a| idents_in(a) == ["url"])
        {
            self.method = Some(method.to_uppercase());
        }
        if method == "append"
            && compact(&call.receiver.to_token_stream()) == "header_map"
            && let Some(name) = call
                .args
                .first()
                .and_then(|a| first_string_literal(&a.to_token_stream()))
        {
            self.headers.push(name);
        }
        syn::visit::visit_expr_method_call(self, call);
    }

    fn visit_expr_call(&mut self, call: &'ast ExprCall) {
        if let Expr::Path(func) = &*call.func
            && compact(&func.to_token_stream()).ends_with("QueryParam::new")
            && let Some(wire) = call.args.first().and_then(string_literal)
            && let Some(rust) = call
                .args
                .iter()
                .nth(1)
                .and_then(|a| idents_in(a).into_iter().next())
        {
            self.query_params.insert(rust, wire);
        }
        syn::visit::visit_expr_call(self, call);
    }

    fn visit_expr_match(&mut self, m: &'ast ExprMatch) {
        let on_status = compact(&m.expr.to_token_stream()).contains("status()");
        if on_status {
            for arm in &m.arms {
                let pattern = compact(&arm.pat.to_token_stream()).replace("u16", "");
                if pattern == "_" {
                    continue;
                }
                let body = compact(&arm.body.to_token_stream());
                let outcome = if body.contains("ErrorResponse") {
                    "error"
                } else if body.contains("UnexpectedResponse") {
                    "unexpected"
                } else {
                    "success"
                };
                self.statuses.push((pattern, outcome));
            }
        }
        syn::visit::visit_expr_match(self, m);
    }
}

// ----- the client's version and the constraint table ------------------------------------------

fn api_version(imp: &ItemImpl) -> Option<Entry> {
    imp.items.iter().find_map(|item| match item {
        ImplItem::Fn(f) if f.sig.ident == "api_version" => {
            let value = match f.block.stmts.last() {
                Some(Stmt::Expr(expr, None)) => {
                    string_literal(expr).map_or_else(|| render_expr(expr), |s| format!("{s:?}"))
                }
                _ => compact(&f.block.to_token_stream()),
            };
            Some(Entry::new(Kind::ApiVersion, "", value))
        }
        _ => None,
    })
}

fn constraints(c: &ItemConst) -> Entry {
    let mut rows = Vec::new();
    let mut expr = &*c.expr;
    if let Expr::Reference(r) = expr {
        expr = &r.expr;
    }
    if let Expr::Array(array) = expr {
        for element in &array.elems {
            rows.push(match constraint_row(element) {
                Some((name, value)) => Entry::new(Kind::Constraint, name, value),
                None => Entry::new(Kind::Constraint, compact(&element.to_token_stream()), ""),
            });
        }
    } else {
        rows.push(Entry::new(
            Kind::Constraint,
            compact(&c.expr.to_token_stream()),
            "",
        ));
    }
    Entry::new(Kind::Constraints, c.ident.to_string(), "").with_children(rows)
}

/// `Constraint { operation_id: "op", field: "a.b", rule: Rule::MaxItems(1000) }` as
/// (`op a.b max items`, `1000`).
fn constraint_row(element: &Expr) -> Option<(String, String)> {
    let Expr::Struct(row) = element else {
        return None;
    };
    let field = |name: &str| {
        row.fields.iter().find_map(|f| match &f.member {
            syn::Member::Named(ident) if ident == name => Some(&f.expr),
            _ => None,
        })
    };
    let operation = string_literal(field("operation_id")?)?;
    let path = string_literal(field("field")?)?;
    let Expr::Call(rule) = field("rule")? else {
        return None;
    };
    let Expr::Path(variant) = &*rule.func else {
        return None;
    };
    let words = split_camel(&last_ident(&variant.path));
    let value = join(rule.args.iter().map(|a| compact(&a.to_token_stream())));
    Some((format!("{operation} {path} {words}"), value))
}

// ----- rendering -------------------------------------------------------------------------------

/// A Rust type as the listing shows it: std paths by their last segment (`Option<String>`),
/// paths of the generated module relative to it (`AccountType`, `builder::X`), `crate::`
/// dropped (`ids::AuthConfigId`).
pub(crate) fn render_type(ty: &Type) -> String {
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

fn render_expr(expr: &Expr) -> String {
    match expr {
        Expr::Path(p) if p.qself.is_none() => render_path(&p.path),
        other => compact(&other.to_token_stream()).replace("super::", ""),
    }
}

/// The last segment's name of a type path (`Option` for `::std::option::Option<T>`).
fn type_head(ty: &Type) -> String {
    match ty {
        Type::Path(p) => last_ident(&p.path),
        _ => String::new(),
    }
}

fn type_arguments(ty: &Type) -> Vec<&Type> {
    let Type::Path(p) = ty else {
        return Vec::new();
    };
    match p.path.segments.last().map(|s| &s.arguments) {
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

fn first_type_argument(ty: &Type) -> Option<&Type> {
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

fn join(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

fn split_camel(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

fn string_literal(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Str(s) => Some(s.value()),
            _ => None,
        },
        _ => None,
    }
}

fn int_literal(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Int(i) => Some(i.base10_digits().to_owned()),
            _ => None,
        },
        _ => None,
    }
}

fn first_string_literal(tokens: &TokenStream) -> Option<String> {
    tokens.clone().into_iter().find_map(|tree| match tree {
        proc_macro2::TokenTree::Literal(lit) => {
            match syn::parse_str::<syn::LitStr>(&lit.to_string()) {
                Ok(s) => Some(s.value()),
                Err(_) => None,
            }
        }
        proc_macro2::TokenTree::Group(group) => first_string_literal(&group.stream()),
        _ => None,
    })
}

/// The single-segment paths (variables) an expression mentions, in order.
fn idents_in(expr: &Expr) -> Vec<String> {
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

/// The arguments of a type's or field's `#[serde(...)]` attributes, as (key, string value).
fn serde_args(attrs: &[Attribute]) -> Vec<(String, Option<String>)> {
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
