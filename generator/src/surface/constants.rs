//! Reading the module-level lines of a listing: the `api-version` header value that
//! `impl ClientInfo for Client` returns, and the rows of the `REQUEST_CONSTRAINTS` table.

use quote::ToTokens;
use syn::{Expr, ImplItem, ItemConst, ItemImpl, Stmt};

use super::model::{Entry, Kind};
use super::render::{join, render_expr, split_camel};
use crate::syntax::{compact, last_ident, string_literal};

/// The `api-version` line: what `ClientInfo::api_version` returns.
pub(super) fn api_version(imp: &ItemImpl) -> Option<Entry> {
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

/// The `REQUEST_CONSTRAINTS` table, one line per row.
pub(super) fn constraints(c: &ItemConst) -> Entry {
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
