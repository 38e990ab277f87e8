//! The Markdown summary of a list of changes, for a pull-request comment: the counts per level
//! and the crate bump, then the groups of changes by level, errors and majors first, info and
//! patch folded in `<details>`.

use std::fmt::Write as _;

use super::group::{Group, groups};
use crate::drift::change::Change;
use crate::drift::report::Bump;
use crate::drift::rules::Level;

/// The count of each of `levels` among `changes`, in that order, as a [`Summary`] lists them.
pub fn counts(changes: &[Change], levels: &[Level]) -> Vec<(Level, usize)> {
    levels
        .iter()
        .map(|&level| (level, changes.iter().filter(|c| c.level == level).count()))
        .collect()
}

/// What a Markdown summary says besides the changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary<'a> {
    /// The heading: what was compared.
    pub title: &'a str,
    /// The one-line header of the text form.
    pub header: &'a str,
    /// Notes shown under the header (`the vendor document has 0 of the 2 operations ...`).
    pub notes: &'a [String],
    /// The levels the table lists, each with its count.
    pub counts: &'a [(Level, usize)],
    /// The bump the client crate needs, for a report that has a Rust level.
    pub bump: Option<Bump>,
}

/// The levels in the order a reviewer reads them: what breaks first, the long tail of what
/// does not last.
const READING_ORDER: [Level; 6] = [
    Level::Error,
    Level::Major,
    Level::Warning,
    Level::Minor,
    Level::Info,
    Level::Patch,
];

/// What a level means, as the table and the headings say it.
fn meaning(level: Level) -> &'static str {
    match level {
        Level::Error => "wire: breaks clients",
        Level::Warning => "wire: may break clients",
        Level::Info => "wire: does not break clients",
        Level::Major => "Rust: needs a major version",
        Level::Minor => "Rust: needs a minor version",
        Level::Patch => "Rust: needs a patch version",
    }
}

/// Whether a level's section is folded: the levels that neither break nor bump more than a
/// patch are the long tail.
fn folded(level: Level) -> bool {
    matches!(level, Level::Info | Level::Patch)
}

/// A summary ready to paste into a pull-request comment: a heading, the header line, a table
/// of the counts per level and the crate bump, then the changes grouped by level (errors and
/// majors first), each as one grouped line, with the info and patch levels folded in
/// `<details>`.
pub fn markdown(summary: &Summary<'_>, changes: &[Change]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "### {}\n", summary.title);
    let _ = writeln!(out, "{}\n", summary.header);
    for note in summary.notes {
        let _ = writeln!(out, "> {note}\n");
    }
    out.push_str("| Level | Meaning | Changes |\n| :-- | :-- | --: |\n");
    for (level, count) in summary.counts {
        let _ = writeln!(out, "| {level} | {} | {count} |", meaning(*level));
    }
    if let Some(bump) = summary.bump {
        let _ = writeln!(out, "| **crate bump** | | **{bump}** |");
    }
    let groups = groups(changes);
    if groups.is_empty() {
        out.push_str("\nNo differences.\n");
        return out;
    }
    for level in READING_ORDER {
        let of_level: Vec<&Group<'_>> = groups.iter().filter(|g| g.level() == level).collect();
        if of_level.is_empty() {
            continue;
        }
        let count: usize = of_level.iter().map(|g| g.changes().len()).sum();
        let heading = format!("{count} {level} ({})", meaning(level));
        if folded(level) {
            let _ = writeln!(out, "\n<details>\n<summary><b>{heading}</b></summary>\n");
        } else {
            let _ = writeln!(out, "\n#### {heading}\n");
        }
        for group in of_level {
            let _ = writeln!(
                out,
                "- at `{}`, in {} {} [`{}`]",
                group.at(),
                group.location(),
                group.text(),
                group.id()
            );
        }
        if folded(level) {
            out.push_str("\n</details>\n");
        }
    }
    out
}
