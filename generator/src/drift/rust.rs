//! Rust-level classification: each line of a [`SurfaceDiff`] mapped to a rule of
//! [`RustRule`], with cargo-semver-checks' reading of the generated code (whether a struct can
//! be built with a literal and an enum matched exhaustively outside the crate: the generator
//! marks both `#[non_exhaustive]`, typify alone does not). Each change is placed on the spec
//! node its item comes from ([`Origins`]).
//!
//! This file walks the diff and hands each line to the classifier of its kind: [`operations`]
//! (a `Client` method and what is under it), [`types`], [`members`] (fields, variants,
//! checks), [`derives`] and [`constants`] (the api version and the constraint table).

mod constants;
mod derives;
mod line;
mod members;
mod operations;
mod types;

use std::collections::BTreeSet;

use derives::derive_changes;
use line::{Line, item_of, type_path};

use super::change::Change;
use super::origin::Origins;
use super::report::{Bump, RustDrift};
use super::rules::{RustRule, code};
use crate::surface::{DiffLine, DiffOp, Entry, Kind, Surface, SurfaceDiff};

/// The Rust-level drift from `old` to `new`, placed in the specs of `origins`; when the
/// surfaces are equal but `code_differs`, one documentation-only change.
pub(super) fn compare(
    old: &Surface,
    new: &Surface,
    origins: Origins<'_>,
    code_differs: bool,
) -> RustDrift {
    let mut changes = classify(&SurfaceDiff::between(old, new), old, new, origins);
    if changes.is_empty() && code_differs {
        changes.push(Change::rust(
            RustRule::DocumentationChanged,
            origins.first_line(),
            "module",
            &[],
        ));
    }
    changes.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let bump = changes
        .iter()
        .map(|c| Bump::of(c.level))
        .max()
        .unwrap_or(Bump::None);
    RustDrift { changes, bump }
}

/// Classifies every line of `diff` (from `old` to `new`), placed in the specs of `origins`.
fn classify(diff: &SurfaceDiff, old: &Surface, new: &Surface, origins: Origins<'_>) -> Vec<Change> {
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
        out.extend(classify_line(&Line::new(line, entry, parent, position)));
    }
    out
}

/// The change of one line, by the classifier of its kind.
fn classify_line(line: &Line<'_>) -> Option<Change> {
    match line.entry.kind {
        Kind::ApiVersion | Kind::Constraints | Kind::Constraint => constants::classify(line),
        Kind::Operation
        | Kind::Http
        | Kind::Param
        | Kind::Body
        | Kind::Success
        | Kind::Error
        | Kind::Status => operations::classify(line),
        Kind::Struct | Kind::Enum | Kind::Newtype | Kind::Alias => types::classify(line),
        Kind::Field | Kind::Variant | Kind::Check => members::classify(line),
        // Derive lines are classified trait by trait, before this.
        Kind::Derive => None,
    }
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

#[cfg(test)]
mod tests {
    use super::compare;
    use crate::drift::origin::Origins;
    use crate::drift::report::{Bump, RustDrift};
    use crate::surface::{Entry, Kind, Surface};

    /// The Rust-level drift between two listings, placed in a spec with no nodes for them.
    fn drift(old: Vec<Entry>, new: Vec<Entry>, code_differs: bool) -> RustDrift {
        let yaml = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
        let spec = crate::document::load("spec/v1.yaml", yaml.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
        let origins = Origins {
            old: None,
            new: &spec,
        };
        let (old, new) = (Surface::from_entries(old), Surface::from_entries(new));
        compare(&old, &new, origins, code_differs)
    }

    fn ids(drift: &RustDrift) -> Vec<&'static str> {
        drift.changes.iter().map(|c| c.id).collect()
    }

    fn field(name: &str, detail: &str) -> Entry {
        Entry::new(Kind::Field, name, detail).typed("String")
    }

    fn link(detail: &str, children: Vec<Entry>) -> Entry {
        Entry::new(Kind::Struct, "Link", detail).with_children(children)
    }

    fn derive(traits: &str) -> Entry {
        Entry::new(Kind::Derive, "", traits)
    }

    #[test]
    fn a_field_added_to_a_literal_struct_is_major() {
        let before = vec![link("", vec![field("id", "json \"id\", required")])];
        let after = vec![link(
            "",
            vec![
                field("id", "json \"id\", required"),
                field("alias", "json \"alias\", optional"),
            ],
        )];
        let drift = drift(before, after, true);
        assert_eq!(ids(&drift), ["constructible_struct_adds_field"]);
        assert_eq!(drift.bump, Bump::Major);
        assert_eq!(
            drift.changes[0].to_string(),
            "major at spec/v1.yaml:1:1, in Rust types::Link added the pub field `alias: String` \
             to a struct that can be built with a literal [constructible_struct_adds_field]."
        );
    }

    #[test]
    fn a_field_added_to_a_struct_without_literals_is_minor() {
        let before = vec![link("non_exhaustive", vec![])];
        let after = vec![link("non_exhaustive", vec![field("alias", "optional")])];
        let drift = drift(before, after, true);
        assert_eq!(ids(&drift), ["struct_pub_field_added"]);
        assert_eq!(drift.bump, Bump::Minor);
    }

    #[test]
    fn derives_are_compared_trait_by_trait() {
        let before = vec![link("", vec![derive("Clone, Debug")])];
        let after = vec![link("", vec![derive("Copy, Debug, Hash")])];
        let drift = drift(before, after, true);
        assert_eq!(
            ids(&drift),
            [
                "copy_impl_added",
                "derive_trait_impl_removed",
                "derive_trait_impl_added"
            ]
        );
        assert_eq!(drift.bump, Bump::Major);
    }

    #[test]
    fn a_type_that_changes_kind_is_one_change() {
        let before = vec![link("", vec![field("id", "required")])];
        let after = vec![Entry::new(Kind::Enum, "Link", "")];
        assert_eq!(ids(&drift(before, after, true)), ["type_kind_changed"]);
    }

    #[test]
    fn builder_parameters_by_required_ness() {
        let operation = |params: Vec<Entry>| {
            vec![
                Entry::new(Kind::Operation, "post_link", "")
                    .typed("builder::PostLink<'_>")
                    .with_children(params),
            ]
        };
        let param = |name: &str, detail: &str| Entry::new(Kind::Param, name, detail).typed("&str");
        let required = drift(
            operation(vec![]),
            operation(vec![param("id", "path, required")]),
            true,
        );
        assert_eq!(ids(&required), ["builder_required_parameter_added"]);
        assert_eq!(
            required.changes[0].location, "Rust builder::PostLink",
            "a setter is placed on its builder"
        );
        let optional = drift(
            operation(vec![]),
            operation(vec![param("limit", "query, optional")]),
            true,
        );
        assert_eq!(ids(&optional), ["inherent_method_added"]);
        assert_eq!(optional.bump, Bump::Minor);
    }

    #[test]
    fn equal_surfaces_are_a_documentation_change_or_nothing() {
        let same = || vec![link("", vec![field("id", "required")])];
        let docs = drift(same(), same(), true);
        assert_eq!(ids(&docs), ["documentation_changed"]);
        assert_eq!(docs.bump, Bump::Patch);
        let none = drift(same(), same(), false);
        assert!(none.changes.is_empty());
        assert_eq!(none.bump, Bump::None);
    }
}
