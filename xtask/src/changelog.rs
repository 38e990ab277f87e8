//! `CHANGELOG.md`, in Keep a Changelog 1.1.0's form: what `cargo xtask regen` adds under
//! `## [Unreleased]` (each Rust-level change of the regen summary as one entry, under its kind
//! and ordered by API version), the bumps `cargo xtask release` reads back, and the move of the
//! `Unreleased` entries under a released version.
//!
//! An entry is one bullet: ``- v3.1: `types::X` added the pub field `alias: ...` (minor)``. Its
//! text is its key: it names the API version, the item and the change but no spec position, so
//! the same change regenerated again is the same text and is not added twice. The trailing
//! `(major)`, `(minor)` or `(patch)` is the bump `release` reads; an entry written by hand
//! without one counts as `patch`.

use composio_link_generator::drift::Bump;

use crate::layout::ApiVersion;
use crate::summary::{Line, RegenSummary};

/// The heading of the section `regen` adds to and `release` empties.
pub const UNRELEASED: &str = "## [Unreleased]";

/// What a new `CHANGELOG.md` begins with, before its `Unreleased` section.
pub const PREAMBLE: &str = "# Changelog\n\n\
All notable changes to the `composio-link` crate are documented in this file.\n\n\
The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),\n\
and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).\n\
`cargo xtask regen` adds the Rust-level changes of each regen under `Unreleased`, each ending\n\
with the bump it needs; `cargo xtask release` reads them back to choose the next version.\n";

/// The kinds of change of Keep a Changelog, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// New features: an operation, a type, a field, a version.
    Added,
    /// Changes in existing functionality.
    Changed,
    /// Soon-to-be removed features (written by hand).
    Deprecated,
    /// Removed features.
    Removed,
    /// Runtime behaviour brought in line with the API (patch-level changes).
    Fixed,
    /// Vulnerabilities (written by hand).
    Security,
}

impl Kind {
    /// Every kind, in the order of the sections.
    pub const ALL: [Kind; 6] = [
        Kind::Added,
        Kind::Changed,
        Kind::Deprecated,
        Kind::Removed,
        Kind::Fixed,
        Kind::Security,
    ];

    /// The kind of a Rust-level change, from its rule and bump: what adds is `Added`, what
    /// removes `Removed`, any other patch-level change `Fixed` (the crate now checks, sends or
    /// documents what the API does), the rest `Changed`.
    pub fn of(rule: &str, bump: Bump) -> Kind {
        if rule.ends_with("_added") || rule.contains("_adds_") {
            Kind::Added
        } else if rule.ends_with("_missing") || rule.ends_with("_removed") {
            Kind::Removed
        } else if bump <= Bump::Patch {
            Kind::Fixed
        } else {
            Kind::Changed
        }
    }

    fn heading(self) -> String {
        format!("### {self:?}")
    }
}

/// One changelog entry: its kind and its text (the bullet without `- `).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The section it goes under.
    pub kind: Kind,
    /// ``v3.1: `types::X` added the pub field `alias: Option<String>` ... (minor)``.
    pub text: String,
}

/// The entries of a regen summary: one per line of each version's summary, a new version and
/// a removed one as one entry each.
pub fn entries(summary: &RegenSummary) -> Vec<Entry> {
    let mut entries = Vec::new();
    for version in &summary.versions {
        let ApiVersion { name, module, .. } = &version.version;
        let bump = version.bump();
        match &version.drift {
            None if version.removed => entries.push(Entry {
                kind: Kind::Removed,
                text: format!(
                    "{name}: the API version is removed: the module `composio_link::{module}` \
                     and `Client::{module}()` ({bump})"
                ),
            }),
            None => entries.push(Entry {
                kind: Kind::Added,
                text: format!(
                    "{name}: the new API version: the module `composio_link::{module}` and \
                     `Client::{module}()` ({bump})"
                ),
            }),
            Some(drift) => entries.extend(
                crate::summary::lines(&drift.changes)
                    .iter()
                    .map(|line| entry(&version.version, line)),
            ),
        }
    }
    entries
}

/// The entry of one summary line: the version, the item in code, the change, what came with
/// it, the bump.
fn entry(version: &ApiVersion, line: &Line) -> Entry {
    let item = if line.item == "module" {
        format!("the module `composio_link::{}`", version.module)
    } else {
        format!("`{}`", line.item)
    };
    Entry {
        kind: Kind::of(line.rule, line.bump),
        text: format!(
            "{}: {item} {}{} ({})",
            version.name,
            line.text,
            line.folded_suffix(),
            line.bump
        ),
    }
}

/// The bump an entry's text ends with; `patch` when it names none (an entry written by hand).
pub fn bump_of(text: &str) -> Bump {
    let text = text.trim_end();
    [Bump::Major, Bump::Minor, Bump::Patch]
        .into_iter()
        .find(|bump| text.ends_with(&format!("({bump})")))
        .unwrap_or(Bump::Patch)
}

/// The `Unreleased` section, read: the text between its heading and the first kind heading,
/// then the bullets (with their continuation lines) under each kind.
#[derive(Debug, Default, PartialEq, Eq)]
struct Section {
    /// Lines before the first kind heading (prose written by hand), blank lines trimmed.
    intro: Vec<String>,
    /// The bullets of each kind, in the order read; each bullet's first line is its key.
    kinds: Vec<(Kind, Vec<String>)>,
}

impl Section {
    fn parse(body: &str) -> Self {
        let mut section = Section::default();
        let mut current: Option<Kind> = None;
        for line in body.lines() {
            if let Some(kind) = Kind::ALL.iter().find(|k| line.trim_end() == k.heading()) {
                current = Some(*kind);
                section.bullets(*kind);
            } else if let Some(kind) = current {
                let bullets = section.bullets(kind);
                if line.starts_with("- ") || line.starts_with("* ") || bullets.is_empty() {
                    if !line.trim().is_empty() {
                        bullets.push(line.trim_end().to_owned());
                    }
                } else if !line.trim().is_empty()
                    && let Some(last) = bullets.last_mut()
                {
                    last.push('\n');
                    last.push_str(line.trim_end());
                }
            } else {
                section.intro.push(line.trim_end().to_owned());
            }
        }
        while section.intro.last().is_some_and(String::is_empty) {
            section.intro.pop();
        }
        while section.intro.first().is_some_and(String::is_empty) {
            section.intro.remove(0);
        }
        section
    }

    fn bullets(&mut self, kind: Kind) -> &mut Vec<String> {
        let index = match self.kinds.iter().position(|(k, _)| *k == kind) {
            Some(index) => index,
            None => {
                self.kinds.push((kind, Vec::new()));
                self.kinds.len() - 1
            }
        };
        &mut self.kinds[index].1
    }

    /// Every bullet, whatever its kind.
    fn all(&self) -> impl Iterator<Item = &String> {
        self.kinds.iter().flat_map(|(_, bullets)| bullets)
    }

    fn render(&self) -> String {
        let mut out = String::new();
        if !self.intro.is_empty() {
            out.push_str(&self.intro.join("\n"));
            out.push_str("\n\n");
        }
        for kind in Kind::ALL {
            if let Some((_, bullets)) = self.kinds.iter().find(|(k, b)| *k == kind && !b.is_empty())
            {
                out.push_str(&format!("{}\n\n{}\n\n", kind.heading(), bullets.join("\n")));
            }
        }
        out
    }
}

/// The API version a bullet begins with (`- v3.1: ...`), to order bullets by version.
fn version_of(bullet: &str) -> Option<ApiVersion> {
    let text = bullet.get(2..)?;
    ApiVersion::from_name(text.split_once(':')?.0)
}

/// Splits `text` into what comes before the `Unreleased` section's body, the body, and what
/// follows it (the next `## ` heading on). A changelog without the section gets one, before
/// its first version.
fn split(text: &str) -> (String, String, String) {
    let Some(start) = find_heading(text, UNRELEASED) else {
        let at = find_heading(text, "## ").unwrap_or(text.len());
        let head = text[..at].trim_end();
        return (
            format!("{head}\n\n{UNRELEASED}\n\n"),
            String::new(),
            text[at..].to_owned(),
        );
    };
    let body_start = text[start..]
        .find('\n')
        .map_or(text.len(), |n| start + n + 1);
    let end = find_heading(&text[body_start..], "## ").map_or(text.len(), |n| body_start + n);
    (
        text[..body_start].to_owned(),
        text[body_start..end].to_owned(),
        text[end..].to_owned(),
    )
}

/// The byte offset of the first line of `text` that starts with `prefix`.
fn find_heading(text: &str, prefix: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with(prefix) {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// `text` (the current changelog, or `None` when there is none) with `entries` added under
/// `Unreleased`, each under its kind and, within it, in API-version order, and how many were
/// added; `None` when every entry is already there (the same regen twice adds nothing).
pub fn with_entries(text: Option<&str>, entries: &[Entry]) -> Option<(String, usize)> {
    let text = text.map_or_else(|| format!("{PREAMBLE}\n{UNRELEASED}\n"), str::to_owned);
    let (head, body, tail) = split(&text);
    let mut section = Section::parse(&body);
    let mut added = 0;
    for entry in entries {
        let bullet = format!("- {}", entry.text);
        if section
            .all()
            .any(|b| b.lines().next() == Some(bullet.as_str()))
        {
            continue;
        }
        section.bullets(entry.kind).push(bullet);
        added += 1;
    }
    if added == 0 {
        return None;
    }
    for (_, bullets) in &mut section.kinds {
        // Stable: the order within a version is kept; hand-written bullets come first.
        bullets.sort_by_key(|b| version_of(b));
    }
    Some((
        tidy(&format!("{head}\n{}{}", section.render(), tail)),
        added,
    ))
}

/// The bullets under `Unreleased`, each with its bump.
pub fn unreleased(text: &str) -> Vec<(String, Bump)> {
    let (_, body, _) = split(text);
    let section = Section::parse(&body);
    // A bullet written straight under `## [Unreleased]`, without a `### Kind` above it, is an
    // entry too: a release counts it rather than leaving it behind.
    section
        .intro
        .iter()
        .filter(|line| line.starts_with("- "))
        .chain(section.all())
        .map(|bullet| (bullet.clone(), bump_of(bullet)))
        .collect()
}

/// `text` with the `Unreleased` section's content moved under `## [version] - date`, and an
/// empty `Unreleased` above it.
pub fn released(text: &str, version: &str, date: &str) -> String {
    let (head, body, tail) = split(text);
    let body = Section::parse(&body).render();
    tidy(&format!("{head}\n## [{version}] - {date}\n\n{body}{tail}"))
}

/// One blank line between blocks, one newline at the end.
fn tidy(text: &str) -> String {
    let mut text = text.to_owned();
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    format!("{}\n", text.trim_end())
}

#[cfg(test)]
mod tests;
