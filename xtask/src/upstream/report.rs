//! The report of `cargo xtask upstream`: what was compared, per API version of ours; the new
//! differences (those no baseline entry accepts), the accepted ones (counted, listed only when
//! asked) and the stale baseline entries; and its forms (a header line with the counts, JSON,
//! Markdown, GitHub workflow commands), in `forms.rs`.

use composio_link_generator::drift::{Change, Level, render};
use composio_link_generator::upstream::Route;
use serde::Serialize;

use super::baseline::Entry;

/// What a baseline entry names of a difference: the four fields it matches on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Key {
    /// The drift rule ID.
    pub rule: String,
    /// The API version (`v3.1`).
    pub version: String,
    /// The operation as our spec names it, or the location outside any operation.
    pub operation: String,
    /// What the difference is about.
    #[serde(rename = "where")]
    pub subject: String,
}

/// One difference, with the key a baseline entry accepts it by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The classified change; its operation names the vendor route it was compared with when
    /// that is not ours.
    #[serde(flatten)]
    pub change: Change,
    /// The vendor path the operation was compared with, when it is not ours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compared_with: Option<String>,
    /// What a baseline entry accepting it names.
    pub entry: Key,
    /// The line of the baseline entry that accepts it, if one does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted_at: Option<usize>,
}

/// The comparison of one API version of ours with the vendor's operations for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionReport {
    /// Our spec.
    pub spec: String,
    /// Its API version.
    pub version: String,
    /// How many of our operations the vendor document has.
    pub matched: usize,
    /// How many operations our spec describes.
    pub ours: usize,
    /// Each matched operation and the vendor route it was compared with.
    pub routes: Vec<Route>,
    /// The differences no baseline entry accepts, sorted.
    pub changes: Vec<Finding>,
    /// The differences a baseline entry accepts, sorted.
    #[serde(skip)]
    pub accepted: Vec<Finding>,
}

impl VersionReport {
    /// The vendor's versions this spec's operations were compared with, when they are not its
    /// own (`v3` for `spec/v3.1.yaml`).
    pub fn mapped_versions(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for version in self.routes.iter().filter_map(Route::mapped_version) {
            if !out.contains(&version) {
                out.push(version);
            }
        }
        out
    }
}

/// The whole upstream comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UpstreamReport {
    /// The vendor document, as named on the command line.
    pub source: String,
    /// Its file name, which baseline entries' `documents` name.
    pub document: String,
    /// The baseline file, as reports name it.
    pub baseline: String,
    /// One entry per API version of ours.
    pub versions: Vec<VersionReport>,
    /// How many differences the baseline accepts.
    pub accepted: usize,
    /// The baseline entries that apply to this document and accept nothing.
    pub stale: Vec<Entry>,
    /// Vendor operations that no spec of ours describes (counted, not listed).
    pub unmatched: usize,
    /// The baseline entries that apply to this document, in file order.
    #[serde(skip)]
    pub entries: Vec<Entry>,
    /// Whether the forms list the accepted differences too (`--show-accepted`).
    #[serde(skip)]
    pub show_accepted: bool,
}

impl UpstreamReport {
    /// Every new difference of every version.
    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.new_findings().map(|f| &f.change)
    }

    /// Every new difference of every version, with its key.
    pub fn new_findings(&self) -> impl Iterator<Item = &Finding> {
        self.versions.iter().flat_map(|v| v.changes.iter())
    }

    /// Every accepted difference of every version.
    pub fn accepted_findings(&self) -> impl Iterator<Item = &Finding> {
        self.versions.iter().flat_map(|v| v.accepted.iter())
    }

    /// How many new differences have `level`.
    pub fn count(&self, level: Level) -> usize {
        self.changes().filter(|c| c.level == level).count()
    }

    /// Whether the run found what the baseline does not account for: a new difference or a
    /// stale entry.
    pub fn found(&self) -> bool {
        self.changes().next().is_some() || !self.stale.is_empty()
    }

    /// The header line: what was compared and the counts.
    pub fn header(&self) -> String {
        let found = self
            .versions
            .iter()
            .map(|v| {
                let mapped = v.mapped_versions();
                let via = if mapped.is_empty() {
                    String::new()
                } else {
                    format!(" as the vendor's {}", mapped.join(", "))
                };
                format!("{} {}/{}{via}", v.spec, v.matched, v.ours)
            })
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "upstream {}: operations found ({found}); {} new differences: {} error, {} warning, \
             {} info; {} accepted {}; {} stale baseline entries; {} vendor operations that \
             spec/ does not describe",
            self.source,
            self.changes().count(),
            self.count(Level::Error),
            self.count(Level::Warning),
            self.count(Level::Info),
            self.accepted,
            if self.baseline.is_empty() {
                "(no baseline)".to_owned()
            } else {
                format!("by {}", self.baseline)
            },
            self.stale.len(),
            self.unmatched,
        )
    }

    /// What the reader needs besides the lines: versions the vendor has only some operations
    /// of, versions compared with another of the vendor's.
    pub(super) fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        for v in &self.versions {
            if v.matched < v.ours {
                notes.push(format!(
                    "the vendor document has {} of the {} operations of {}",
                    v.matched, v.ours, v.spec
                ));
            }
            let mapped = v.mapped_versions();
            if !mapped.is_empty() {
                notes.push(format!(
                    "the vendor document has no {} route: the operations of {} are compared \
                     with the vendor's {} routes of the same paths, and each line names the \
                     vendor route",
                    v.version,
                    v.spec,
                    mapped.join(", ")
                ));
            }
        }
        notes
    }

    /// One line per stale entry.
    pub(super) fn stale_lines(&self) -> Vec<String> {
        self.stale
            .iter()
            .map(|entry| {
                format!(
                    "stale at {}:{}, the baseline entry ({}, {}, {}, `{}`) accepts no difference \
                     of {}: remove it, or name the documents it applies to \
                     [stale-baseline-entry].",
                    self.baseline,
                    entry.line,
                    entry.rule,
                    entry.version,
                    entry.operation,
                    entry.subject,
                    self.document
                )
            })
            .collect()
    }

    /// The accepted differences by the entry that accepts them, in file order: the entry,
    /// then the grouped lines of its differences.
    pub(super) fn accepted_sections(&self) -> Vec<(&Entry, Vec<String>)> {
        self.entries
            .iter()
            .filter_map(|entry| {
                let changes: Vec<Change> = self
                    .accepted_findings()
                    .filter(|f| f.accepted_at == Some(entry.line))
                    .map(|f| f.change.clone())
                    .collect();
                (!changes.is_empty()).then(|| {
                    let grouped = render::text(&changes).lines().map(str::to_owned).collect();
                    (entry, grouped)
                })
            })
            .collect()
    }

    /// Every new difference of every version, in order.
    pub(super) fn all_changes(&self) -> Vec<Change> {
        self.changes().cloned().collect()
    }
}
