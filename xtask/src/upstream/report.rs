//! The report of `cargo xtask upstream`: what was compared, per API version of ours, and its
//! forms (a header line with the counts, JSON, Markdown, GitHub workflow commands).

use composio_link_generator::drift::{Change, Level, render};

use crate::report::Forms;

/// The comparison of one API version of ours with the vendor's operations for it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct VersionReport {
    /// Our spec.
    pub spec: String,
    /// How many of our operations the vendor document has.
    pub matched: usize,
    /// How many operations our spec describes.
    pub ours: usize,
    /// Every wire-level difference, from our spec to the vendor's, sorted.
    pub changes: Vec<Change>,
}

/// The whole upstream comparison.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UpstreamReport {
    /// The vendor document, as named on the command line.
    pub source: String,
    /// One entry per API version of ours.
    pub versions: Vec<VersionReport>,
    /// Vendor operations that no spec of ours describes (counted, not listed).
    pub unmatched: usize,
}

impl UpstreamReport {
    /// Every change of every version.
    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.versions.iter().flat_map(|v| v.changes.iter())
    }

    /// How many changes have `level`.
    pub fn count(&self, level: Level) -> usize {
        self.changes().filter(|c| c.level == level).count()
    }

    /// The header line: what was compared and the counts per level.
    pub fn header(&self) -> String {
        let found = self
            .versions
            .iter()
            .map(|v| format!("{} {}/{}", v.spec, v.matched, v.ours))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "upstream {}: operations found ({found}); {} differences: {} error, {} warning, {} \
             info; {} vendor operations that spec/ does not describe",
            self.source,
            self.changes().count(),
            self.count(Level::Error),
            self.count(Level::Warning),
            self.count(Level::Info),
            self.unmatched,
        )
    }

    /// The versions of ours that the vendor document has only some operations of, as notes.
    fn notes(&self) -> Vec<String> {
        self.versions
            .iter()
            .filter(|v| v.matched < v.ours)
            .map(|v| {
                format!(
                    "the vendor document has {} of the {} operations of {}",
                    v.matched, v.ours, v.spec
                )
            })
            .collect()
    }

    /// Every change of every version, in order.
    fn all_changes(&self) -> Vec<Change> {
        self.changes().cloned().collect()
    }
}

impl std::fmt::Display for UpstreamReport {
    /// The header line, the notes, then one line per group of changes that differ only by
    /// response status or operation.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{}", self.header())?;
        for note in self.notes() {
            writeln!(f, "note: {note}")?;
        }
        f.write_str(&render::text(&self.all_changes()))
    }
}

impl Forms for UpstreamReport {
    fn text(&self) -> String {
        self.to_string()
    }

    /// The same content as `Display`, as JSON for tools: one entry per change (not grouped),
    /// each with its position, and `lines`, one single line per change.
    ///
    /// # Errors
    ///
    /// When serde_json fails to write (it does not for these types).
    fn to_json(&self) -> Result<String, serde_json::Error> {
        #[derive(serde::Serialize)]
        struct Json<'a> {
            header: String,
            #[serde(flatten)]
            report: &'a UpstreamReport,
            lines: Vec<String>,
        }
        serde_json::to_string_pretty(&Json {
            header: self.header(),
            report: self,
            lines: self.changes().map(ToString::to_string).collect(),
        })
    }

    /// A summary for a pull-request comment: the counts per level, then the changes grouped
    /// by level (see [`render::markdown`]).
    fn to_markdown(&self) -> String {
        let counts: Vec<(Level, usize)> = [Level::Error, Level::Warning, Level::Info]
            .into_iter()
            .map(|level| (level, self.count(level)))
            .collect();
        render::markdown(
            &render::Summary {
                title: &format!("composio-link upstream: {}", self.source),
                header: &self.header(),
                notes: &self.notes(),
                counts: &counts,
                bump: None,
            },
            &self.all_changes(),
        )
    }

    /// One GitHub Actions workflow command per change (see [`render::github`]).
    fn to_github(&self) -> String {
        render::github(&self.all_changes())
    }
}
