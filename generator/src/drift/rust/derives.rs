//! The Rust rules of a type's `derive` line: each trait it stopped deriving, starting to derive
//! `Copy`, and any other new derive.

use std::collections::BTreeSet;

use crate::drift::change::{Change, Position};
use crate::drift::rules::{RustRule, code};
use crate::surface::Entry;

/// The derive line of a type changed: each trait it stopped deriving is major
/// (`derive_trait_impl_removed`), starting to derive `Copy` is major (`copy_impl_added`), any
/// other new derive is minor.
pub(super) fn derive_changes(
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
