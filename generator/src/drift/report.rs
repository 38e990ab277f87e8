//! What a drift comparison returns: the [`Report`] of every change between two API versions,
//! the Rust-level half alone ([`RustDrift`]), and the semver [`Bump`] they need. How a report
//! is shown (text, JSON, Markdown, workflow commands) is [`super::render`]'s.

use std::fmt;

use serde::Serialize;

use super::change::Change;
use super::rules::Level;

/// The semver bump a set of Rust-level changes needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Only documentation or runtime behaviour that no signature shows.
    Patch,
    /// Additions only.
    Minor,
    /// Something downstream code may rely on was removed or changed.
    Major,
}

impl Bump {
    /// The bump a Rust-level level asks for (wire levels ask for none).
    pub fn of(level: Level) -> Bump {
        match level {
            Level::Major => Bump::Major,
            Level::Minor => Bump::Minor,
            Level::Patch => Bump::Patch,
            Level::Error | Level::Warning | Level::Info => Bump::None,
        }
    }
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        })
    }
}

/// The Rust-level half of a report: what changed in the surface and the bump it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RustDrift {
    /// The classified changes, sorted.
    pub changes: Vec<Change>,
    /// The bump the client crate needs: the largest of the changes, or `patch` when only the
    /// generated code's documentation changed, or `none`.
    pub bump: Bump,
}

/// Every classified difference between two API versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The spec compared from.
    pub from: String,
    /// The spec compared to.
    pub to: String,
    /// Wire-level changes first, then Rust-level, each sorted by level, location and rule.
    pub changes: Vec<Change>,
    /// The bump the client crate would need if `from`'s module became `to`'s.
    pub bump: Bump,
}

impl Report {
    /// How many changes have `level`.
    pub fn count(&self, level: Level) -> usize {
        self.changes.iter().filter(|c| c.level == level).count()
    }
}
