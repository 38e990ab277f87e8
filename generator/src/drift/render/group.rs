//! Changes shown as text lines for people: changes that differ only by response status or
//! operation are one [`Group`], one line that lists the operations and statuses and the other
//! positions.

use std::collections::BTreeSet;
use std::fmt::{self, Write as _};

use crate::drift::change::{Change, Position, STATUS, Side};
use crate::drift::rules::{Level, code};

/// Changes that are the same but for the response status or the operation they are about,
/// shown as one line: `removed the required property `error/slug` from the response with the
/// `400`, `401`, `404` status` in two operations is one group of six changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group<'a> {
    /// The first change, whose position the line names first.
    first: &'a Change,
    /// Every change of the group, the first included.
    changes: Vec<&'a Change>,
}

/// What makes two changes the same but for their status and operation.
type GroupKey<'a> = (
    Side,
    Level,
    &'static str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
);

fn group_key(change: &Change) -> GroupKey<'_> {
    (
        change.side,
        change.level,
        change.id,
        change.position.file.as_str(),
        change.source.as_str(),
        change.pattern.as_str(),
        // Changes outside any operation differ by their location.
        if change.operation.is_some() {
            ""
        } else {
            change.location.as_str()
        },
    )
}

/// The changes in groups, in the order of each group's first change.
pub fn groups(changes: &[Change]) -> Vec<Group<'_>> {
    let mut out: Vec<Group<'_>> = Vec::new();
    for change in changes {
        let key = group_key(change);
        match out.iter_mut().find(|g| group_key(g.first) == key) {
            Some(group) => group.changes.push(change),
            None => out.push(Group {
                first: change,
                changes: vec![change],
            }),
        }
    }
    out
}

/// How many positions besides the first a grouped line lists.
const MORE_POSITIONS: usize = 3;

impl<'a> Group<'a> {
    /// The changes of the group, in report order.
    pub fn changes(&self) -> &[&'a Change] {
        &self.changes
    }

    /// The group's first change, whose position the line names first.
    pub fn first(&self) -> &'a Change {
        self.first
    }

    /// The level of every change of the group.
    pub fn level(&self) -> Level {
        self.first().level
    }

    /// The rule ID of every change of the group.
    pub fn id(&self) -> &'static str {
        self.first().id
    }

    /// The distinct operations of the group, in order, each with its distinct statuses.
    fn operations(&self) -> Vec<(&'a str, BTreeSet<&'a str>)> {
        let mut out: Vec<(&str, BTreeSet<&str>)> = Vec::new();
        for change in &self.changes {
            let operation = change.operation.as_deref().unwrap_or_default();
            let index = match out.iter().position(|(op, _)| *op == operation) {
                Some(index) => index,
                None => {
                    out.push((operation, BTreeSet::new()));
                    out.len() - 1
                }
            };
            out[index].1.extend(change.status.as_deref());
        }
        out
    }

    fn statuses(&self) -> BTreeSet<&'a str> {
        self.changes
            .iter()
            .filter_map(|c| c.status.as_deref())
            .collect()
    }

    /// Where the group is: the first change's position, the other positions (as
    /// `line:column`, the file being the same), then what the source adds to the file name.
    pub fn at(&self) -> String {
        let first = self.first();
        let mut others: Vec<&Position> = Vec::new();
        for change in &self.changes {
            if change.position != first.position && !others.contains(&&change.position) {
                others.push(&change.position);
            }
        }
        let mut at = first.position.to_string();
        if !others.is_empty() {
            let listed: Vec<String> = others
                .iter()
                .take(MORE_POSITIONS)
                .map(|p| format!("{}:{}", p.line, p.column))
                .collect();
            let _ = write!(at, " (also {}", listed.join(", "));
            if others.len() > MORE_POSITIONS {
                let _ = write!(at, " and {} more", others.len() - MORE_POSITIONS);
            }
            at.push(')');
        }
        let qualifier = first
            .source
            .strip_prefix(first.position.file.as_str())
            .unwrap_or_default();
        at + qualifier
    }

    /// The location of the line: the first change's, or `API` and each operation, with its
    /// statuses when they are not the same for every operation.
    pub fn location(&self) -> String {
        let operations = self.operations();
        if operations.len() < 2 {
            return self.first().location.clone();
        }
        let same_statuses = operations.iter().all(|(_, s)| *s == operations[0].1);
        let named: Vec<String> = operations
            .iter()
            .map(|(operation, statuses)| {
                if same_statuses || statuses.is_empty() {
                    (*operation).to_owned()
                } else {
                    format!("{operation} ({})", list(statuses))
                }
            })
            .collect();
        format!("API {}", and_list(&named))
    }

    /// The message: the first change's, or, for several statuses, the message with each.
    pub fn text(&self) -> String {
        let statuses = self.statuses();
        if statuses.len() < 2 {
            return self.first().text.clone();
        }
        self.first().pattern.replace(STATUS, &list(&statuses))
    }
}

impl fmt::Display for Group<'_> {
    /// The single-line form of a change, for the whole group:
    /// `<level> at <file:line:column>, in <location> <text> [<id>].`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at {}, in {} {} [{}].",
            self.level(),
            self.at(),
            self.location(),
            self.text(),
            self.id()
        )
    }
}

/// Statuses as a message shows them: `` `400`, `401` ``.
fn list(statuses: &BTreeSet<&str>) -> String {
    statuses.iter().map(code).collect::<Vec<_>>().join(", ")
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [head @ .., last] => format!("{} and {last}", head.join(", ")),
    }
}

/// One line per group, each ending in a newline.
pub fn text(changes: &[Change]) -> String {
    groups(changes).iter().map(|g| format!("{g}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::and_list;

    #[test]
    fn lists_read_as_sentences() {
        let items = |n: usize| (1..=n).map(|i| i.to_string()).collect::<Vec<_>>();
        assert_eq!(and_list(&items(1)), "1");
        assert_eq!(and_list(&items(2)), "1 and 2");
        assert_eq!(and_list(&items(3)), "1, 2 and 3");
    }
}
