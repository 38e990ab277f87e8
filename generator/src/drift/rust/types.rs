//! The Rust rules of type lines: a struct, newtype, enum or type alias of the `types` module
//! added (by what it lets downstream code do: build it with a literal, match it exhaustively),
//! removed, or changed in what it wraps, aliases or says in its container attributes.

use super::line::{Line, ty};
use crate::drift::change::Change;
use crate::drift::rules::{RustRule, code};
use crate::surface::{DiffOp, Kind};

/// The change of a type line.
pub(super) fn classify(line: &Line<'_>) -> Option<Change> {
    match line.op {
        DiffOp::Added => added(line),
        DiffOp::Removed => removed(line),
        DiffOp::Changed => changed(line),
    }
}

fn added(line: &Line<'_>) -> Option<Change> {
    let entry = line.entry;
    let rule = match entry.kind {
        Kind::Struct if entry.detail.contains("non_exhaustive") => {
            RustRule::NonExhaustiveStructAdded
        }
        Kind::Struct if entry.detail.contains("private fields") => {
            RustRule::ExhaustiveStructWithPrivateFieldsAdded
        }
        Kind::Struct => RustRule::ExhaustiveStructAdded,
        Kind::Newtype
            if entry
                .rust_type
                .as_deref()
                .is_some_and(|t| !t.starts_with("pub ")) =>
        {
            RustRule::ExhaustiveStructWithPrivateFieldsAdded
        }
        Kind::Newtype => RustRule::ExhaustiveStructAdded,
        Kind::Enum if entry.detail.contains("non_exhaustive") => RustRule::NonExhaustiveEnumAdded,
        Kind::Enum => RustRule::ExhaustiveEnumAdded,
        Kind::Alias => RustRule::TypeAliasAdded,
        _ => return None,
    };
    line.rule(rule, &[code(&line.item)])
}

fn removed(line: &Line<'_>) -> Option<Change> {
    let rule = match line.entry.kind {
        Kind::Struct | Kind::Newtype => RustRule::StructMissing,
        Kind::Enum => RustRule::EnumMissing,
        Kind::Alias => RustRule::TypeAliasMissing,
        _ => return None,
    };
    line.rule(rule, &[code(&line.item)])
}

fn changed(line: &Line<'_>) -> Option<Change> {
    let (old, new) = (line.old?, line.new?);
    let item = code(&line.item);
    match line.entry.kind {
        Kind::Newtype if old.rust_type != new.rust_type => {
            line.rule(RustRule::NewtypeInnerTypeChanged, &[item, ty(old), ty(new)])
        }
        Kind::Alias => line.rule(RustRule::TypeAliasTargetChanged, &[item, ty(old), ty(new)]),
        Kind::Struct | Kind::Newtype if marked_non_exhaustive(&old.detail, &new.detail) => {
            line.rule(RustRule::StructMarkedNonExhaustive, &[item])
        }
        Kind::Enum if marked_non_exhaustive(&old.detail, &new.detail) => {
            line.rule(RustRule::EnumMarkedNonExhaustive, &[item])
        }
        Kind::Struct | Kind::Enum | Kind::Newtype => line.rule(
            RustRule::SerdeContainerChanged,
            &[item, code(&old.detail), code(&new.detail)],
        ),
        _ => None,
    }
}

/// Whether a type became `#[non_exhaustive]`: downstream literals and exhaustive matches of it
/// stop compiling. What else its container attributes say is serde's business, reported apart
/// when it changes without this.
fn marked_non_exhaustive(old: &str, new: &str) -> bool {
    let marked = |detail: &str| detail.split(", ").any(|word| word == "non_exhaustive");
    !marked(old) && marked(new)
}
