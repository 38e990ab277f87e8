//! Classified differences between two API versions, at two levels at once: the wire (the
//! OpenAPI documents, in oasdiff's vocabulary) and Rust (the generated surfaces, in
//! cargo-semver-checks' vocabulary).
//!
//! Operations are matched by HTTP method and path with the version segment removed
//! (`POST /connected_accounts/link` in both `/api/v3/...` and `/api/v3.1/...`), properties by
//! their `/`-separated path from the body, Rust items by kind and name. Every change carries a
//! rule of [`rules`] (an ID, a level and a message) and the [`Position`] of the node it is
//! about (for a Rust-level change, the spec node its item is generated from), and prints as one
//! line in oasdiff's single-line form with that position:
//!
//! ```text
//! info at spec/v3.1.yaml:398:9, in API POST /connected_accounts/link added the new optional request property `alias` [new-optional-request-property].
//! major at spec/v3.1.yaml:398:9, in Rust types::ConnectedAccountLinkRequest added the pub field `alias` ... [constructible_struct_adds_field].
//! ```

mod change;
mod origin;
pub mod render;
pub mod rules;
mod rust;
mod wire;

use std::fmt;

use serde::Serialize;

pub use change::{Change, Position, Side};
pub(crate) use change::{STATUS, Site};
pub use rules::{Level, Origin, RustRule, WireRule};

use crate::{Generated, Result, Spec, Surface, SurfaceDiff};

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

/// Compares two generated modules (`from` → `to`, each as a file name and its source) at the
/// Rust level; `spec` is the spec `to` is generated from, where each change is placed (the
/// spec of `from` is not known: a removed item is placed where it was in `spec`'s nearest
/// node that is left, or on its first line).
///
/// # Errors
///
/// [`crate::Error::Format`] when a source does not parse as Rust.
pub fn rust_drift(from: (&str, &str), to: (&str, &str), spec: &Spec) -> Result<RustDrift> {
    let old = crate::describe(from.0, from.1)?;
    let new = crate::describe(to.0, to.1)?;
    Ok(rust_drift_of(
        &old,
        &new,
        origin::Origins {
            old: None,
            new: spec,
        },
        without_header(from.1) != without_header(to.1),
    ))
}

fn rust_drift_of(
    old: &Surface,
    new: &Surface,
    origins: origin::Origins<'_>,
    code_differs: bool,
) -> RustDrift {
    let mut changes = rust::classify(&SurfaceDiff::between(old, new), old, new, origins);
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

/// A generated file without its header comment (which names the spec and its hash).
fn without_header(source: &str) -> &str {
    let mut rest = source;
    while rest.starts_with("//") {
        rest = rest.split_once('\n').map_or("", |(_, tail)| tail);
    }
    rest
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
}

impl Report {
    /// A summary for a pull-request comment: the counts per level and the crate bump, then
    /// the changes grouped by level (see [`render::markdown`]).
    pub fn to_markdown(&self) -> String {
        let counts: Vec<(Level, usize)> = [
            Level::Error,
            Level::Warning,
            Level::Info,
            Level::Major,
            Level::Minor,
            Level::Patch,
        ]
        .into_iter()
        .map(|level| (level, self.count(level)))
        .collect();
        render::markdown(
            &render::Summary {
                title: &format!("composio-link drift: {} → {}", self.from, self.to),
                header: &self.header(),
                notes: &[],
                counts: &counts,
                bump: Some(self.bump),
            },
            &self.changes,
        )
    }

    /// One GitHub Actions workflow command per change (see [`render::github`]).
    pub fn to_github(&self) -> String {
        render::github(&self.changes)
    }
}

impl fmt::Display for Report {
    /// The header line, then one line per group of changes that differ only by response
    /// status or operation (see [`render::Group`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.header())?;
        f.write_str(&render::text(&self.changes))
    }
}

/// The wire-level differences between two documents alone, sorted, without generating any
/// code (so it works on documents progenitor cannot generate from).
pub fn wire_changes(from: &Spec, to: &Spec) -> Vec<Change> {
    let mut changes = wire::compare(from, to);
    changes.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    changes
}

/// Compares two specs at both levels: the documents themselves, and the modules generated
/// from them.
///
/// # Errors
///
/// As [`crate::generate`], for either spec.
pub fn drift(from: &Spec, to: &Spec) -> Result<Report> {
    let Generated { source: old_source } = crate::generate(from)?;
    let Generated { source: new_source } = crate::generate(to)?;
    let old = crate::describe(from.file(), &old_source)?;
    let new = crate::describe(to.file(), &new_source)?;
    let mut changes = wire_changes(from, to);
    let rust = rust_drift_of(
        &old,
        &new,
        origin::Origins {
            old: Some(from),
            new: to,
        },
        without_header(&old_source) != without_header(&new_source),
    );
    changes.extend(rust.changes);
    Ok(Report {
        from: from.file().to_owned(),
        to: to.file().to_owned(),
        changes,
        bump: rust.bump,
    })
}
