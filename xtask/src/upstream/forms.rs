//! The four forms of an [`UpstreamReport`]: text (the header, the notes, the new differences
//! grouped, the stale baseline entries, then, with `--show-accepted`, the accepted differences
//! under the entry that accepts them), JSON for tools, a Markdown summary and GitHub workflow
//! commands (new differences and stale entries only). Every line of a difference names its operation as our spec does and, when the
//! vendor route compared is another path, that route too.

use std::fmt::Write as _;

use composio_link_generator::drift::{Level, render};

use super::report::UpstreamReport;
use crate::report::Forms;

impl std::fmt::Display for UpstreamReport {
    /// The header line, the notes, one line per group of new differences, one per stale
    /// entry, then the accepted differences when asked for.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{}", self.header())?;
        for note in self.notes() {
            writeln!(f, "note: {note}")?;
        }
        f.write_str(&render::text(&self.all_changes()))?;
        for line in self.stale_lines() {
            writeln!(f, "{line}")?;
        }
        if self.show_accepted {
            for (entry, lines) in self.accepted_sections() {
                writeln!(
                    f,
                    "accepted at {}:{}: {}",
                    self.baseline, entry.line, entry.why
                )?;
                for line in lines {
                    writeln!(f, "  {line}")?;
                }
            }
        }
        Ok(())
    }
}

impl Forms for UpstreamReport {
    fn text(&self) -> String {
        self.to_string()
    }

    /// The same content as `Display`, as JSON for tools: per version, one entry per new
    /// difference (not grouped) with its position and the `entry` a baseline entry accepting
    /// it names; the accepted ones under `accepted` when asked for; the stale entries; and
    /// `lines`, one single line per new difference.
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
            #[serde(skip_serializing_if = "Option::is_none")]
            accepted_differences: Option<Vec<&'a super::report::Finding>>,
            lines: Vec<String>,
        }
        serde_json::to_string_pretty(&Json {
            header: self.header(),
            report: self,
            accepted_differences: self
                .show_accepted
                .then(|| self.accepted_findings().collect()),
            lines: self.changes().map(ToString::to_string).collect(),
        })
    }

    /// A summary for a pull-request comment: the counts of new differences per level, the
    /// notes and stale entries, the new differences grouped by level (see
    /// [`render::markdown`]), then, when asked for, the accepted ones folded.
    fn to_markdown(&self) -> String {
        let counts: Vec<(Level, usize)> = [Level::Error, Level::Warning, Level::Info]
            .into_iter()
            .map(|level| (level, self.count(level)))
            .collect();
        let mut notes = self.notes();
        notes.extend(self.stale_lines());
        let mut out = render::markdown(
            &render::Summary {
                title: &format!("composio-link upstream: {}", self.source),
                header: &self.header(),
                notes: &notes,
                counts: &counts,
                bump: None,
            },
            &self.all_changes(),
        );
        if self.show_accepted && self.accepted > 0 {
            let _ = writeln!(
                out,
                "\n<details>\n<summary><b>{} accepted by {}</b></summary>\n",
                self.accepted, self.baseline
            );
            for (entry, lines) in self.accepted_sections() {
                let _ = writeln!(out, "- `{}:{}`: {}", self.baseline, entry.line, entry.why);
                for line in lines {
                    let _ = writeln!(out, "  - {line}");
                }
            }
            out.push_str("\n</details>\n");
        }
        out
    }

    /// One GitHub Actions workflow command per new difference (see [`render::github`]) and one
    /// error per stale entry, on its line of the baseline. Accepted differences are not
    /// annotated, even when asked for: an annotation asks for action.
    fn to_github(&self) -> String {
        let mut out = render::github(&self.all_changes());
        for (entry, line) in self.stale.iter().zip(self.stale_lines()) {
            out.push_str(&render::workflow_command(
                "error",
                &self.baseline,
                entry.line,
                None,
                "stale-baseline-entry",
                &line,
            ));
        }
        out
    }
}
