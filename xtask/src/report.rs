//! How `cargo xtask drift` and `cargo xtask upstream` print their report: the forms
//! `--format` names, and the one function that renders a report in the form asked for.

use composio_link_generator as generator;

/// How `cargo xtask drift` and `cargo xtask upstream` print their report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// A header line with the counts per level, then one line per change (oasdiff's
    /// single-line form, with the position), changes that differ only by response status or
    /// operation grouped into one line.
    #[default]
    Text,
    /// The same content as JSON, for tools: one entry per change, with its position.
    Json,
    /// A summary for a pull-request comment: counts per level, the crate bump, and the grouped
    /// lines by level, the info and patch levels folded.
    Markdown,
    /// One GitHub Actions workflow command per change, placed on the changed line.
    Github,
}

impl Format {
    /// The names `--format` takes, in order.
    pub const NAMES: [&'static str; 4] = ["text", "json", "markdown", "github"];

    /// The format `--format <name>` names, if any.
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "text" => Some(Format::Text),
            "json" => Some(Format::Json),
            "markdown" => Some(Format::Markdown),
            "github" => Some(Format::Github),
            _ => None,
        }
    }
}

/// A report in each of the forms of [`Format`].
pub trait Forms {
    /// The header line, the notes, then one line per group of changes.
    fn text(&self) -> String;
    /// Every change as JSON, for tools (without the final newline).
    ///
    /// # Errors
    ///
    /// When serde_json fails to write.
    fn to_json(&self) -> Result<String, serde_json::Error>;
    /// A summary for a pull-request comment.
    fn to_markdown(&self) -> String;
    /// One GitHub Actions workflow command per change.
    fn to_github(&self) -> String;
}

/// `report` in `format`, as `cargo xtask drift` and `cargo xtask upstream` print it.
///
/// # Errors
///
/// When serde_json fails to write (it does not for these reports).
pub fn render(report: &impl Forms, format: Format) -> Result<String, serde_json::Error> {
    Ok(match format {
        Format::Text => report.text(),
        Format::Json => format!("{}\n", report.to_json()?),
        Format::Markdown => report.to_markdown(),
        Format::Github => report.to_github(),
    })
}

/// The drift report renders itself; its forms are the generator's.
impl Forms for generator::Report {
    fn text(&self) -> String {
        self.to_string()
    }

    fn to_json(&self) -> Result<String, serde_json::Error> {
        generator::Report::to_json(self)
    }

    fn to_markdown(&self) -> String {
        generator::Report::to_markdown(self)
    }

    fn to_github(&self) -> String {
        generator::Report::to_github(self)
    }
}
