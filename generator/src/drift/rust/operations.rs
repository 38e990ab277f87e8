//! The Rust rules of operation lines: a method of `Client` added, removed or returning another
//! builder; under it, the request it sends, the statuses it decodes, its parameter and body
//! setters, and its success and error types.

use super::line::{Line, ty};
use crate::drift::change::Change;
use crate::drift::rules::{RustRule, code};
use crate::surface::{DiffOp, Kind};

/// The change of an operation line, or of a line under an operation.
pub(super) fn classify(line: &Line<'_>) -> Option<Change> {
    use DiffOp::{Added, Changed, Removed};
    let entry = line.entry;
    match (entry.kind, line.op) {
        (Kind::Operation, Added) => line.rule(RustRule::InherentMethodAdded, &[line.member()]),
        (Kind::Operation, Removed) => line.rule(RustRule::InherentMethodMissing, &[line.member()]),
        (Kind::Operation, Changed) => line.rule(
            RustRule::MethodReturnTypeChanged,
            &[
                "return".to_owned(),
                line.member(),
                line.old_value(),
                line.new_value(),
            ],
        ),
        (Kind::Http, _) => line.rule(
            RustRule::OperationHttpChanged,
            &[line.new_value(), line.old_value()],
        ),
        (Kind::Status, _) => line.rule(
            RustRule::OperationStatusesChanged,
            &[line.new_value(), line.old_value()],
        ),
        (Kind::Param | Kind::Body, _) => setter(line),
        (Kind::Success | Kind::Error, _) => {
            let what = if entry.kind == Kind::Success {
                "success"
            } else {
                "error"
            };
            line.rule(
                RustRule::MethodReturnTypeChanged,
                &[
                    what.to_owned(),
                    code(format!("{}::send", line.item)),
                    line.old_value(),
                    line.new_value(),
                ],
            )
        }
        _ => None,
    }
}

/// A parameter or body setter added, removed, or taking another type or required-ness.
fn setter(line: &Line<'_>) -> Option<Change> {
    let (entry, item) = (line.entry, &line.item);
    let body = entry.kind == Kind::Body;
    let setter = || {
        if body {
            code(format!("{item}::body"))
        } else {
            line.member()
        }
    };
    match line.op {
        DiffOp::Added if !body && entry.detail.ends_with("required") => line.rule(
            RustRule::BuilderRequiredParameterAdded,
            &[code(format!("{item}::{}", entry.name))],
        ),
        DiffOp::Added => {
            let setters = if body {
                format!("{item}::body` and `{item}::body_map")
            } else {
                format!("{item}::{}", entry.name)
            };
            line.rule(RustRule::InherentMethodAdded, &[code(setters)])
        }
        DiffOp::Removed => line.rule(RustRule::InherentMethodMissing, &[setter()]),
        DiffOp::Changed => {
            let (o, n) = (line.old?, line.new?);
            if o.rust_type != n.rust_type {
                line.rule(
                    RustRule::MethodParameterTypeChanged,
                    &[setter(), ty(o), ty(n)],
                )
            } else if n.detail.ends_with("required") && !o.detail.ends_with("required") {
                line.rule(
                    RustRule::BuilderParameterBecameRequired,
                    &[code(&n.detail), setter(), code(&o.detail), code(&n.detail)],
                )
            } else {
                line.rule(
                    RustRule::BuilderParameterChanged,
                    &[setter(), line.old_value(), line.new_value()],
                )
            }
        }
    }
}
