//! The lines of one version's regen summary, as a reader scans them: one change per line, in the
//! drift report's order (by level, then item), an added or removed operation one line that
//! counts what comes with it (its builder, its `REQUEST_CONSTRAINTS` rows, its types) instead
//! of listing them. The changelog's entries are these lines too.

use std::fmt;

use composio_link_generator::drift::{Bump, Change, RustRule};
use heck::ToUpperCamelCase;

/// One line: a Rust-level change, or an added or removed operation with what came with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The bump the change needs (that of the operation for a folded line).
    pub bump: Bump,
    /// The rule's ID (`inherent_method_added`).
    pub rule: &'static str,
    /// The Rust item it is about (`Client`, `types::ConnectedAccount`, `REQUEST_CONSTRAINTS`).
    pub item: String,
    /// The rule's message (``added the method `Client::post_link` ``).
    pub text: String,
    /// Where in the spec, `file:line:column`.
    pub at: String,
    /// What came with the operation, counted; all zero for any other change.
    pub folded: Folded,
}

/// What an added or removed operation brings or takes with it, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Folded {
    /// Changes to its builder (`builder::PostLink`).
    pub builder: usize,
    /// Its `REQUEST_CONSTRAINTS` rows.
    pub constraint_rows: usize,
    /// Its types (`types::PostLinkBody`), each counted once.
    pub types: usize,
}

impl Folded {
    /// Nothing came with it.
    pub fn is_empty(&self) -> bool {
        *self == Folded::default()
    }
}

impl fmt::Display for Folded {
    /// `+ 3 constraint rows, 2 types`; empty when nothing came with it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = [
            (self.builder, "builder change", "builder changes"),
            (self.constraint_rows, "constraint row", "constraint rows"),
            (self.types, "type", "types"),
        ]
        .into_iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
        if !parts.is_empty() {
            write!(f, "+ {}", parts.join(", "))?;
        }
        Ok(())
    }
}

impl Line {
    /// The line as the summary prints it (the drift report's form, without the indent):
    /// ``minor at spec/v3.1.yaml:337:5, in Rust Client added the method `Client::x` (+ 3
    /// constraint rows) [inherent_method_added].``
    pub fn summary_text(&self) -> String {
        format!(
            "{} at {}, in Rust {} {}{} [{}].",
            self.bump,
            self.at,
            self.item,
            self.text,
            self.folded_suffix(),
            self.rule
        )
    }

    /// ` (+ 3 constraint rows)`, or nothing.
    pub fn folded_suffix(&self) -> String {
        if self.folded.is_empty() {
            String::new()
        } else {
            format!(" ({})", self.folded)
        }
    }
}

/// The method name of an added or removed `Client` method: `post_link` of
/// ``added the method `Client::post_link` ``.
fn client_method(change: &Change) -> Option<&str> {
    let operation = [
        RustRule::InherentMethodAdded,
        RustRule::InherentMethodMissing,
    ];
    if change.location != "Rust Client" || !operation.iter().any(|r| r.id() == change.id) {
        return None;
    }
    let (_, rest) = change.text.split_once("`Client::")?;
    rest.split_once('`').map(|(name, _)| name)
}

/// progenitor's builder and type prefix of a method: `PostLink` for `post_link`, with the case
/// conversion progenitor itself uses.
fn camel(snake: &str) -> String {
    snake.to_upper_camel_case()
}

/// Whether a rule adds or removes a whole type.
fn is_type_rule(id: &str) -> bool {
    [
        RustRule::ExhaustiveStructAdded,
        RustRule::ExhaustiveStructWithPrivateFieldsAdded,
        RustRule::NonExhaustiveStructAdded,
        RustRule::ExhaustiveEnumAdded,
        RustRule::NonExhaustiveEnumAdded,
        RustRule::TypeAliasAdded,
        RustRule::StructMissing,
        RustRule::EnumMissing,
        RustRule::TypeAliasMissing,
    ]
    .iter()
    .any(|r| r.id() == id)
}

/// What a change that may come with an operation is, and the name it is matched by.
#[derive(Clone, Copy)]
enum Part<'a> {
    /// A change of `builder::<name>`.
    Builder(&'a str),
    /// A `REQUEST_CONSTRAINTS` row of the operation `<name>` (its method name).
    Row(&'a str),
    /// A type added or removed, `types::<name>`.
    Type(&'a str),
}

fn part_of(change: &Change) -> Option<Part<'_>> {
    let item = change.location.strip_prefix("Rust ")?;
    if let Some(builder) = item.strip_prefix("builder::") {
        return Some(Part::Builder(builder));
    }
    if change.id == RustRule::RequestConstraintChanged.id() {
        // `changed the checked request constraint `post_link body.field max length` from ...`
        let (_, rest) = change.text.split_once('`')?;
        return rest.split_once(' ').map(|(method, _)| Part::Row(method));
    }
    match item.strip_prefix("types::") {
        Some(name) if is_type_rule(change.id) => Some(Part::Type(name)),
        _ => None,
    }
}

/// The lines of `changes` (sorted as the drift report sorts them): each change its own line,
/// except what comes with an added or removed operation, counted on the operation's line.
pub fn lines(changes: &[Change]) -> Vec<Line> {
    // (method, builder and type prefix) of every added or removed operation.
    let operations: Vec<(&str, String)> = changes
        .iter()
        .filter_map(client_method)
        .map(|method| (method, camel(method)))
        .collect();
    // The operation a change's part comes with: the one whose name matches, the longest if
    // several do (`PostLinkCopy10Body` comes with `post_link_copy10`, not `post_link_copy1`).
    let owner = |part: Part<'_>| -> Option<usize> {
        let matches = |(method, prefix): &(&str, String)| match part {
            Part::Builder(name) => name == prefix,
            Part::Row(name) => name == *method,
            Part::Type(name) => name.starts_with(prefix.as_str()),
        };
        operations
            .iter()
            .enumerate()
            .filter(|(_, op)| matches(op))
            .max_by_key(|(_, (method, _))| method.len())
            .map(|(index, _)| index)
    };
    let mut folded = vec![Folded::default(); operations.len()];
    let mut types: Vec<Vec<&str>> = vec![Vec::new(); operations.len()];
    let mut kept = Vec::new();
    for change in changes {
        let part = part_of(change);
        match (part.and_then(owner), part) {
            (Some(index), Some(Part::Builder(_))) => folded[index].builder += 1,
            (Some(index), Some(Part::Row(_))) => folded[index].constraint_rows += 1,
            (Some(index), Some(Part::Type(name))) => {
                if !types[index].contains(&name) {
                    types[index].push(name);
                }
            }
            _ => kept.push(change),
        }
    }
    for (count, names) in folded.iter_mut().zip(&types) {
        count.types = names.len();
    }
    kept.into_iter()
        .map(|change| {
            let index = client_method(change)
                .and_then(|method| operations.iter().position(|(m, _)| *m == method));
            Line {
                bump: Bump::of(change.level),
                rule: change.id,
                item: change
                    .location
                    .strip_prefix("Rust ")
                    .unwrap_or(&change.location)
                    .to_owned(),
                text: change.text.clone(),
                at: change.at(),
                folded: index.map(|i| folded[i]).unwrap_or_default(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progenitor_names_builders_in_camel_case() {
        assert_eq!(camel("post_link_copy10"), "PostLinkCopy10");
        assert_eq!(
            camel("get_connected_accounts_by_nanoid"),
            "GetConnectedAccountsByNanoid"
        );
    }

    #[test]
    fn folded_counts_read_as_words() {
        let folded = Folded {
            builder: 0,
            constraint_rows: 3,
            types: 1,
        };
        assert_eq!(folded.to_string(), "+ 3 constraint rows, 1 type");
        assert_eq!(Folded::default().to_string(), "");
    }
}
