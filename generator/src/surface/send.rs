//! What the body of a builder's `send()` says about the request and the response: the HTTP
//! method (its `.post(url)` call), the path and its parameters (its `format!` of the URL),
//! the query parameters and headers it sets, the success and error types of its signature,
//! and the statuses of its `match` on the response status, each with what it decodes to.

use std::collections::BTreeMap;

use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::visit::Visit;
use syn::{Expr, ExprCall, ExprMatch, ExprMethodCall, ImplItemFn, Macro, ReturnType, Token};

use super::model::{Entry, Kind};
use super::render::render_type;
use crate::openapi::METHODS;
use crate::syntax::{
    compact, first_argument, first_string_literal, idents_in, string_literal, type_arguments,
    type_head,
};

/// What the body of a builder's `send()` says about the request and the response.
#[derive(Default)]
pub(super) struct SendScan {
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
    /// Scans the signature and body of a builder's `send()`.
    pub(super) fn of(send: &ImplItemFn) -> Self {
        let mut scan = SendScan::default();
        if let ReturnType::Type(_, ty) = &send.sig.output
            && type_head(ty) == "Result"
        {
            let args = type_arguments(ty);
            scan.success = args.first().map(|t| match first_argument(t) {
                Some(inner) if type_head(t) == "ResponseValue" => render_type(inner),
                _ => render_type(t),
            });
            scan.error = args.get(1).map(|t| match first_argument(t) {
                Some(inner) => render_type(inner),
                None => "()".to_owned(),
            });
        }
        scan.visit_block(&send.block);
        scan
    }

    /// Where the parameter a setter named `param` is sent: `path`, `query` or `header`.
    pub(super) fn location_of(&self, param: &str) -> &'static str {
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

    /// The `http`, `success`, `error` and `status` lines under the operation.
    pub(super) fn entries(&self) -> Vec<Entry> {
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
        // progenitor's builders start a request with the `reqwest::Client` method named as
        // OpenAPI names the HTTP method.
        if METHODS.contains(&method.as_str())
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
