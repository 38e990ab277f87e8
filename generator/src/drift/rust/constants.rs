//! The Rust rules of module-level lines: the `api-version` value the client sends, and the
//! `REQUEST_CONSTRAINTS` table and its rows.

use super::line::{Line, value_or_none};
use crate::drift::change::Change;
use crate::drift::rules::{RustRule, code};
use crate::surface::{DiffOp, Kind};

/// The change of an `api-version`, `REQUEST_CONSTRAINTS` or constraint row line.
pub(super) fn classify(line: &Line<'_>) -> Option<Change> {
    let item = code(&line.item);
    match (line.entry.kind, line.op) {
        (Kind::ApiVersion, _) => line.rule(
            RustRule::ApiVersionChanged,
            &[line.new_value(), line.old_value()],
        ),
        (Kind::Constraints, DiffOp::Added) => line.rule(RustRule::PubConstAdded, &[item]),
        (Kind::Constraints, DiffOp::Removed) => {
            line.rule(RustRule::PubModuleLevelConstMissing, &[item])
        }
        (Kind::Constraint, _) => line.rule(
            RustRule::RequestConstraintChanged,
            &[
                code(&line.entry.name),
                value_or_none(line.old),
                value_or_none(line.new),
            ],
        ),
        _ => None,
    }
}
