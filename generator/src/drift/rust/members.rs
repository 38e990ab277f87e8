//! The Rust rules of the lines inside a type: a struct's pub fields, an enum's variants and a
//! newtype's checks, added, removed or changed in type or in how serde reads them.

use super::line::{Line, ty, value_or_none};
use crate::drift::change::Change;
use crate::drift::rules::{RustRule, code};
use crate::surface::{DiffOp, Kind};

/// The change of a field, variant or check line.
pub(super) fn classify(line: &Line<'_>) -> Option<Change> {
    match line.entry.kind {
        Kind::Field => field(line),
        Kind::Variant => variant(line),
        Kind::Check => line.rule(
            RustRule::NewtypeCheckChanged,
            &[
                code(&line.entry.name),
                value_or_none(line.old),
                value_or_none(line.new),
            ],
        ),
        _ => None,
    }
}

/// A field added (major when the struct can be built with a literal, or when the field is
/// required: its builder's `try_into()` fails without it), removed or changed.
fn field(line: &Line<'_>) -> Option<Change> {
    let entry = line.entry;
    match line.op {
        DiffOp::Added => {
            let constructible = line.parent.is_some_and(|p| {
                p.kind == Kind::Struct
                    && !p.detail.contains("non_exhaustive")
                    && !p.detail.contains("private fields")
            });
            let required = entry.detail.split(", ").any(|word| word == "required");
            let rule = if constructible {
                RustRule::ConstructibleStructAddsField
            } else if required {
                RustRule::StructRequiredFieldAdded
            } else {
                RustRule::StructPubFieldAdded
            };
            let field = format!(
                "{}: {}",
                entry.name,
                entry.rust_type.as_deref().unwrap_or("()")
            );
            line.rule(rule, &[code(field)])
        }
        DiffOp::Removed => line.rule(RustRule::StructPubFieldMissing, &[code(&entry.name)]),
        DiffOp::Changed => changed(
            line,
            RustRule::StructPubFieldTypeChanged,
            RustRule::StructFieldSerdeChanged,
        ),
    }
}

/// A variant added (major unless the enum is `#[non_exhaustive]`), removed or changed.
fn variant(line: &Line<'_>) -> Option<Change> {
    let entry = line.entry;
    match line.op {
        DiffOp::Added => {
            let rule = if line
                .parent
                .is_some_and(|p| p.detail.contains("non_exhaustive"))
            {
                RustRule::NonExhaustiveEnumVariantAdded
            } else {
                RustRule::EnumVariantAdded
            };
            line.rule(rule, &[code(format!("{}: {}", entry.name, entry.value()))])
        }
        DiffOp::Removed => line.rule(RustRule::EnumVariantMissing, &[code(&entry.name)]),
        DiffOp::Changed => changed(
            line,
            RustRule::EnumVariantTypeChanged,
            RustRule::EnumVariantSerdeChanged,
        ),
    }
}

/// A field or variant in both listings: `type_rule` when its Rust type changed, else
/// `serde_rule` (what changed is how serde reads it).
fn changed(line: &Line<'_>, type_rule: RustRule, serde_rule: RustRule) -> Option<Change> {
    let (o, n) = (line.old?, line.new?);
    let name = code(&line.entry.name);
    if o.rust_type != n.rust_type {
        line.rule(type_rule, &[name, ty(o), ty(n)])
    } else {
        line.rule(serde_rule, &[name, code(&o.detail), code(&n.detail)])
    }
}
