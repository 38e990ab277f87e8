//! Rust-level classification: each line of a [`SurfaceDiff`] mapped to a rule of
//! [`RustRule`], with cargo-semver-checks' reading of the generated code (its structs have only
//! pub fields and no `#[non_exhaustive]`, so they can be built with a literal; its enums are
//! exhaustive). Each change is placed on the spec node its item comes from ([`Origins`]).

use std::collections::BTreeSet;

use super::origin::Origins;
use super::rules::code;
use super::{Change, Position, RustRule};
use crate::surface::{DiffLine, DiffOp, Entry, Kind};
use crate::{Surface, SurfaceDiff};

/// Classifies every line of `diff` (from `old` to `new`), placed in the specs of `origins`.
pub(super) fn classify(
    diff: &SurfaceDiff,
    old: &Surface,
    new: &Surface,
    origins: Origins<'_>,
) -> Vec<Change> {
    let mut out = Vec::new();
    let kind_changed = kind_changes(diff);
    for line in diff.lines.iter().filter(|l| !l.implied) {
        let Some(entry) = line.entry() else { continue };
        if line.parents.is_empty() && entry.kind.is_type() && kind_changed.contains(&entry.name) {
            if line.op == DiffOp::Removed
                && let Some(added) = added_type(diff, &entry.name)
            {
                out.push(Change::rust(
                    RustRule::TypeKindChanged,
                    origins.position(false, added, None),
                    &type_path(&entry.name),
                    &[
                        code(type_path(&entry.name)),
                        kind_word(entry.kind),
                        kind_word(added.kind),
                    ],
                ));
            }
            continue;
        }
        let parent = line
            .parents
            .first()
            .and_then(|head| top(new, head).or_else(|| top(old, head)));
        let position = origins.position(line.op == DiffOp::Removed, entry, parent);
        if entry.kind == Kind::Derive {
            let item = item_of(entry, parent);
            out.extend(derive_changes(
                line.old.as_ref(),
                line.new.as_ref(),
                &item,
                &position,
            ));
            continue;
        }
        if let Some(change) = classify_line(line, entry, parent, position) {
            out.push(change);
        }
    }
    out
}

/// The names of types that were removed and added with another kind (a struct that became an
/// enum), so they are one change rather than two.
fn kind_changes(diff: &SurfaceDiff) -> BTreeSet<String> {
    let top_level = |op: DiffOp| -> BTreeSet<String> {
        diff.lines
            .iter()
            .filter(|l| l.parents.is_empty() && l.op == op)
            .filter_map(DiffLine::entry)
            .filter(|e| e.kind.is_type())
            .map(|e| e.name.clone())
            .collect()
    };
    top_level(DiffOp::Removed)
        .intersection(&top_level(DiffOp::Added))
        .cloned()
        .collect()
}

fn added_type<'a>(diff: &'a SurfaceDiff, name: &str) -> Option<&'a Entry> {
    diff.lines
        .iter()
        .filter(|l| l.parents.is_empty() && l.op == DiffOp::Added)
        .filter_map(|l| l.new.as_ref())
        .find(|e| e.kind.is_type() && e.name == name)
}

fn top<'a>(surface: &'a Surface, head: &str) -> Option<&'a Entry> {
    surface.entries().iter().find(|e| e.head() == head)
}

fn type_path(name: &str) -> String {
    format!("types::{name}")
}

fn kind_word(kind: Kind) -> String {
    match kind {
        Kind::Struct => "struct",
        Kind::Enum => "enum",
        Kind::Newtype => "newtype struct",
        Kind::Alias => "type alias",
        _ => "item",
    }
    .to_owned()
}

/// The Rust item a line is about, for the `in Rust <item>` part of its message: the method of
/// `Client` or the builder for operation lines, `types::X` for types.
fn item_of(entry: &Entry, parent: Option<&Entry>) -> String {
    match parent {
        None => match entry.kind {
            Kind::Operation | Kind::ApiVersion => "Client".to_owned(),
            Kind::Constraints => entry.name.clone(),
            _ => type_path(&entry.name),
        },
        Some(p) if p.kind == Kind::Operation => builder_of(p),
        Some(p) if p.kind == Kind::Constraints => p.name.clone(),
        Some(p) => type_path(&p.name),
    }
}

/// `builder::PostX` for an operation whose method returns `builder::PostX<'_>`.
fn builder_of(operation: &Entry) -> String {
    let ty = operation.rust_type.as_deref().unwrap_or_default();
    ty.split('<').next().unwrap_or(ty).to_owned()
}

fn ty(entry: &Entry) -> String {
    code(entry.rust_type.as_deref().unwrap_or("()"))
}

fn classify_line(
    line: &DiffLine,
    entry: &Entry,
    parent: Option<&Entry>,
    at: Position,
) -> Option<Change> {
    use DiffOp::{Added, Changed, Removed};
    let item = item_of(entry, parent);
    let rule = |rule: RustRule, args: &[String]| Some(Change::rust(rule, at.clone(), &item, args));
    let old = line.old.as_ref();
    let new = line.new.as_ref();
    let old_value = || code(old.map(Entry::value).unwrap_or_default());
    let new_value = || code(new.map(Entry::value).unwrap_or_default());
    let member = code(format!("{item}::{}", entry.name));
    match (entry.kind, line.op) {
        (Kind::ApiVersion, _) => rule(RustRule::ApiVersionChanged, &[new_value(), old_value()]),
        (Kind::Operation, Added) => rule(RustRule::InherentMethodAdded, &[member]),
        (Kind::Operation, Removed) => rule(RustRule::InherentMethodMissing, &[member]),
        (Kind::Operation, Changed) => rule(
            RustRule::MethodReturnTypeChanged,
            &["return".to_owned(), member, old_value(), new_value()],
        ),
        (Kind::Http, _) => rule(RustRule::OperationHttpChanged, &[new_value(), old_value()]),
        (Kind::Status, _) => rule(
            RustRule::OperationStatusesChanged,
            &[new_value(), old_value()],
        ),
        (Kind::Param, Added) if entry.detail.ends_with("required") => rule(
            RustRule::BuilderRequiredParameterAdded,
            &[code(format!("{item}::{}", entry.name))],
        ),
        (Kind::Param | Kind::Body, Added) => {
            let setters = if entry.kind == Kind::Body {
                format!("{item}::body` and `{item}::body_map")
            } else {
                format!("{item}::{}", entry.name)
            };
            rule(RustRule::InherentMethodAdded, &[code(setters)])
        }
        (Kind::Param | Kind::Body, Removed) => {
            let setter = if entry.kind == Kind::Body {
                code(format!("{item}::body"))
            } else {
                member
            };
            rule(RustRule::InherentMethodMissing, &[setter])
        }
        (Kind::Param | Kind::Body, Changed) => {
            let (o, n) = (old?, new?);
            let setter = if entry.kind == Kind::Body {
                code(format!("{item}::body"))
            } else {
                member
            };
            if o.rust_type != n.rust_type {
                rule(
                    RustRule::MethodParameterTypeChanged,
                    &[setter, ty(o), ty(n)],
                )
            } else if n.detail.ends_with("required") && !o.detail.ends_with("required") {
                rule(
                    RustRule::BuilderParameterBecameRequired,
                    &[code(&n.detail), setter, code(&o.detail), code(&n.detail)],
                )
            } else {
                rule(
                    RustRule::BuilderParameterChanged,
                    &[setter, old_value(), new_value()],
                )
            }
        }
        (Kind::Success | Kind::Error, _) => {
            let what = if entry.kind == Kind::Success {
                "success"
            } else {
                "error"
            };
            rule(
                RustRule::MethodReturnTypeChanged,
                &[
                    what.to_owned(),
                    code(format!("{item}::send")),
                    old_value(),
                    new_value(),
                ],
            )
        }
        (Kind::Struct, Added) => {
            let type_rule = if entry.detail.contains("non_exhaustive") {
                RustRule::NonExhaustiveStructAdded
            } else if entry.detail.contains("private fields") {
                RustRule::ExhaustiveStructWithPrivateFieldsAdded
            } else {
                RustRule::ExhaustiveStructAdded
            };
            rule(type_rule, &[code(&item)])
        }
        (Kind::Newtype, Added) => {
            let private = entry
                .rust_type
                .as_deref()
                .is_some_and(|t| !t.starts_with("pub "));
            let type_rule = if private {
                RustRule::ExhaustiveStructWithPrivateFieldsAdded
            } else {
                RustRule::ExhaustiveStructAdded
            };
            rule(type_rule, &[code(&item)])
        }
        (Kind::Enum, Added) => {
            let type_rule = if entry.detail.contains("non_exhaustive") {
                RustRule::NonExhaustiveEnumAdded
            } else {
                RustRule::ExhaustiveEnumAdded
            };
            rule(type_rule, &[code(&item)])
        }
        (Kind::Alias, Added) => rule(RustRule::TypeAliasAdded, &[code(&item)]),
        (Kind::Struct | Kind::Newtype, Removed) => rule(RustRule::StructMissing, &[code(&item)]),
        (Kind::Enum, Removed) => rule(RustRule::EnumMissing, &[code(&item)]),
        (Kind::Alias, Removed) => rule(RustRule::TypeAliasMissing, &[code(&item)]),
        (Kind::Newtype, Changed) if old?.rust_type != new?.rust_type => rule(
            RustRule::NewtypeInnerTypeChanged,
            &[code(&item), ty(old?), ty(new?)],
        ),
        (Kind::Alias, Changed) => rule(
            RustRule::TypeAliasTargetChanged,
            &[code(&item), ty(old?), ty(new?)],
        ),
        (Kind::Struct | Kind::Enum | Kind::Newtype, Changed) => rule(
            RustRule::SerdeContainerChanged,
            &[code(&item), code(&old?.detail), code(&new?.detail)],
        ),
        (Kind::Derive, _) => None,
        (Kind::Field, Added) => {
            let constructible = parent.is_some_and(|p| {
                p.kind == Kind::Struct
                    && !p.detail.contains("non_exhaustive")
                    && !p.detail.contains("private fields")
            });
            let field_rule = if constructible {
                RustRule::ConstructibleStructAddsField
            } else {
                RustRule::StructPubFieldAdded
            };
            let field = format!(
                "{}: {}",
                entry.name,
                entry.rust_type.as_deref().unwrap_or("()")
            );
            rule(field_rule, &[code(field)])
        }
        (Kind::Field, Removed) => rule(RustRule::StructPubFieldMissing, &[code(&entry.name)]),
        (Kind::Field, Changed) => {
            let (o, n) = (old?, new?);
            if o.rust_type != n.rust_type {
                rule(
                    RustRule::StructPubFieldTypeChanged,
                    &[code(&entry.name), ty(o), ty(n)],
                )
            } else {
                rule(
                    RustRule::StructFieldSerdeChanged,
                    &[code(&entry.name), code(&o.detail), code(&n.detail)],
                )
            }
        }
        (Kind::Variant, Added) => {
            let variant_rule = if parent.is_some_and(|p| p.detail.contains("non_exhaustive")) {
                RustRule::NonExhaustiveEnumVariantAdded
            } else {
                RustRule::EnumVariantAdded
            };
            rule(
                variant_rule,
                &[code(format!("{}: {}", entry.name, entry.value()))],
            )
        }
        (Kind::Variant, Removed) => rule(RustRule::EnumVariantMissing, &[code(&entry.name)]),
        (Kind::Variant, Changed) => {
            let (o, n) = (old?, new?);
            if o.rust_type != n.rust_type {
                rule(
                    RustRule::EnumVariantTypeChanged,
                    &[code(&entry.name), ty(o), ty(n)],
                )
            } else {
                rule(
                    RustRule::EnumVariantSerdeChanged,
                    &[code(&entry.name), code(&o.detail), code(&n.detail)],
                )
            }
        }
        (Kind::Check, _) => rule(
            RustRule::NewtypeCheckChanged,
            &[
                code(&entry.name),
                code(old.map_or_else(|| "none".to_owned(), Entry::value)),
                code(new.map_or_else(|| "none".to_owned(), Entry::value)),
            ],
        ),
        (Kind::Constraints, Added) => rule(RustRule::PubConstAdded, &[code(&item)]),
        (Kind::Constraints, Removed) => rule(RustRule::PubModuleLevelConstMissing, &[code(&item)]),
        (Kind::Constraints, Changed) => None,
        (Kind::Constraint, _) => rule(
            RustRule::RequestConstraintChanged,
            &[
                code(&entry.name),
                code(old.map_or_else(|| "none".to_owned(), Entry::value)),
                code(new.map_or_else(|| "none".to_owned(), Entry::value)),
            ],
        ),
    }
}

/// The derive line of a type changed: each trait it stopped deriving is major
/// (`derive_trait_impl_removed`), starting to derive `Copy` is major (`copy_impl_added`), any
/// other new derive is minor.
fn derive_changes(
    old: Option<&Entry>,
    new: Option<&Entry>,
    item: &str,
    position: &Position,
) -> Vec<Change> {
    let traits = |entry: Option<&Entry>| -> BTreeSet<String> {
        entry
            .map(|e| {
                e.detail
                    .split(", ")
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let (before, after) = (traits(old), traits(new));
    let list = |traits: &[&String]| traits.iter().map(code).collect::<Vec<_>>().join(", ");
    let removed: Vec<&String> = before.difference(&after).collect();
    let added: Vec<&String> = after
        .difference(&before)
        .filter(|t| t.as_str() != "Copy")
        .collect();
    let change = |rule, args: &[String]| Change::rust(rule, position.clone(), item, args);
    let mut out = Vec::new();
    if !removed.is_empty() {
        out.push(change(
            RustRule::DeriveTraitImplRemoved,
            &[list(&removed), code(item)],
        ));
    }
    if after.contains("Copy") && !before.contains("Copy") {
        out.push(change(RustRule::CopyImplAdded, &[code(item)]));
    }
    if !added.is_empty() {
        out.push(change(
            RustRule::DeriveTraitImplAdded,
            &[list(&added), code(item)],
        ));
    }
    out
}
