//! The four forms of a drift [`Report`]: its text (the header line, then one line per group),
//! its JSON for tools (one entry per change), its Markdown summary and its workflow commands.

use std::fmt;

use serde::Serialize;

use super::github::github;
use super::group::text;
use super::markdown::{Summary, counts, markdown};
use crate::drift::change::Change;
use crate::drift::report::{Bump, Report};
use crate::drift::rules::Level;

impl Report {
    /// The header line: the number of changes and the count per level.
    pub fn header(&self) -> String {
        format!(
            "{} changes: {} error, {} warning, {} info (wire); {} major, {} minor, {} patch (Rust); \
             crate bump: {}",
            self.changes.len(),
            self.count(Level::Error),
            self.count(Level::Warning),
            self.count(Level::Info),
            self.count(Level::Major),
            self.count(Level::Minor),
            self.count(Level::Patch),
            self.bump,
        )
    }

    /// The same content as [`fmt::Display`], as JSON for tools: `from`, `to`, `bump`, `counts`
    /// and `changes`, one entry per change (not grouped), each with its fields, its
    /// `position` (`file`, `line`, `column`) and its single line.
    ///
    /// # Errors
    ///
    /// When serde_json fails to write (it does not for these types).
    pub fn to_json(&self) -> std::result::Result<String, serde_json::Error> {
        #[derive(Serialize)]
        struct Counts {
            error: usize,
            warning: usize,
            info: usize,
            major: usize,
            minor: usize,
            patch: usize,
        }
        #[derive(Serialize)]
        struct Line<'a> {
            #[serde(flatten)]
            change: &'a Change,
            line: String,
        }
        #[derive(Serialize)]
        struct Json<'a> {
            from: &'a str,
            to: &'a str,
            header: String,
            bump: Bump,
            counts: Counts,
            changes: Vec<Line<'a>>,
        }
        serde_json::to_string_pretty(&Json {
            from: &self.from,
            to: &self.to,
            header: self.header(),
            bump: self.bump,
            counts: Counts {
                error: self.count(Level::Error),
                warning: self.count(Level::Warning),
                info: self.count(Level::Info),
                major: self.count(Level::Major),
                minor: self.count(Level::Minor),
                patch: self.count(Level::Patch),
            },
            changes: self
                .changes
                .iter()
                .map(|change| Line {
                    change,
                    line: change.to_string(),
                })
                .collect(),
        })
    }

    /// A summary for a pull-request comment: the counts per level and the crate bump, then
    /// the changes grouped by level (see [`markdown`]).
    pub fn to_markdown(&self) -> String {
        let counts = counts(
            &self.changes,
            &[
                Level::Error,
                Level::Warning,
                Level::Info,
                Level::Major,
                Level::Minor,
                Level::Patch,
            ],
        );
        markdown(
            &Summary {
                title: &format!("composio-link drift: {} → {}", self.from, self.to),
                header: &self.header(),
                notes: &[],
                counts: &counts,
                bump: Some(self.bump),
            },
            &self.changes,
        )
    }

    /// One GitHub Actions workflow command per change (see [`github`]).
    pub fn to_github(&self) -> String {
        github(&self.changes)
    }
}

impl fmt::Display for Report {
    /// The header line, then one line per group of changes that differ only by response
    /// status or operation (see [`super::Group`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.header())?;
        f.write_str(&text(&self.changes))
    }
}
