//! One line of a surface diff as the per-kind classifiers read it ([`Line`]): the diff line, the
//! entry it is about, its parent, where its change is placed and the Rust item its message
//! names, with the pieces every message quotes.

use crate::drift::change::{Change, Position};
use crate::drift::rules::{RustRule, code};
use crate::surface::{DiffLine, DiffOp, Entry, Kind};

/// A line of the diff, ready to be classified.
pub(super) struct Line<'a> {
    /// Added, removed or changed.
    pub(super) op: DiffOp,
    /// The entry the line is about (the new one, or the removed one).
    pub(super) entry: &'a Entry,
    /// The entry in the first listing (for removed and changed lines).
    pub(super) old: Option<&'a Entry>,
    /// The entry in the second listing (for added and changed lines).
    pub(super) new: Option<&'a Entry>,
    /// The top-level entry the line is nested under, if any.
    pub(super) parent: Option<&'a Entry>,
    /// Where the change is placed.
    at: Position,
    /// The Rust item the message names (`Client`, `builder::PostX`, `types::X`).
    pub(super) item: String,
}

impl<'a> Line<'a> {
    /// The line `line` of the diff about `entry`, under `parent`, placed at `at`.
    pub(super) fn new(
        line: &'a DiffLine,
        entry: &'a Entry,
        parent: Option<&'a Entry>,
        at: Position,
    ) -> Self {
        Self {
            op: line.op,
            entry,
            old: line.old.as_ref(),
            new: line.new.as_ref(),
            parent,
            at,
            item: item_of(entry, parent),
        }
    }

    /// The change of `rule` about this line's item, with `args`.
    pub(super) fn rule(&self, rule: RustRule, args: &[String]) -> Option<Change> {
        Some(Change::rust(rule, self.at.clone(), &self.item, args))
    }

    /// The old entry's value, as code.
    pub(super) fn old_value(&self) -> String {
        code(self.old.map(Entry::value).unwrap_or_default())
    }

    /// The new entry's value, as code.
    pub(super) fn new_value(&self) -> String {
        code(self.new.map(Entry::value).unwrap_or_default())
    }

    /// The entry as a member of the item: `` `builder::PostX::alias` ``.
    pub(super) fn member(&self) -> String {
        code(format!("{}::{}", self.item, self.entry.name))
    }
}

/// `types::X`.
pub(super) fn type_path(name: &str) -> String {
    format!("types::{name}")
}

/// An entry's Rust type as code, `()` when it has none.
pub(super) fn ty(entry: &Entry) -> String {
    code(entry.rust_type.as_deref().unwrap_or("()"))
}

/// An entry's value as code, `none` when there is no entry.
pub(super) fn value_or_none(entry: Option<&Entry>) -> String {
    code(entry.map_or_else(|| "none".to_owned(), Entry::value))
}

/// The Rust item a line is about, for the `in Rust <item>` part of its message: the method of
/// `Client` or the builder for operation lines, `types::X` for types.
pub(super) fn item_of(entry: &Entry, parent: Option<&Entry>) -> String {
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
