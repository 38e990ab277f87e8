//! `cargo xtask release [--dry-run]`: the next version of `composio-link` from the bumps under
//! `Unreleased` in `CHANGELOG.md`, the entries moved under that version and today's date, and
//! the version set where cargo reads it: `generated-client/Cargo.toml`, the workspace's
//! `composio-link = { path = ..., version = ... }` dependency, and the `composio-link` package
//! of `Cargo.lock` (rewritten in place, as `cargo update -p composio-link --offline` would: the
//! lock file names the version of a path dependency only there, and no cargo runs).
//!
//! It refuses, changing nothing, when the workspace is not a git work tree, when the work tree
//! is dirty (a release commit holds the release alone), when the generated code is stale (as
//! `regen --check` decides) and when `Unreleased` lists nothing.

use std::fmt;
use std::fs;
use std::ops::Range;
use std::path::Path;
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use composio_link_generator::drift::Bump;

use crate::changelog;
use crate::codegen::write::{Change, write_all};
use crate::codegen::{self, Mode};
use crate::error::{Error, Result};
use crate::layout::{CHANGELOG_PATH, CLIENT_MANIFEST, LOCK_FILE, ROOT_MANIFEST};

/// The name of the released crate, as its manifest and the lock file spell it.
pub const CRATE: &str = "composio-link";

/// A `major.minor.patch` version (no pre-release or build part: this crate has none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    /// Major.
    pub major: u64,
    /// Minor.
    pub minor: u64,
    /// Patch.
    pub patch: u64,
}

impl Version {
    /// `0.1.0`; `None` when it is not three numbers.
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = text.split('.').map(|p| p.parse::<u64>().ok());
        let version = Version {
            major: parts.next()??,
            minor: parts.next()??,
            patch: parts.next()??,
        };
        parts.next().is_none().then_some(version)
    }

    /// The version after this one for `bump`, as cargo reads compatibility: on `0.y.z` a
    /// breaking change bumps `y` and anything else `z`; from `1.0.0` on, major, minor, patch.
    pub fn next(self, bump: Bump) -> Version {
        let Version {
            major,
            minor,
            patch,
        } = self;
        match (major, bump) {
            (0, Bump::Major) | (1.., Bump::Minor) => Version {
                major,
                minor: minor + 1,
                patch: 0,
            },
            (0, _) | (1.., Bump::Patch | Bump::None) => Version {
                major,
                minor,
                patch: patch + 1,
            },
            (1.., Bump::Major) => Version {
                major: major + 1,
                minor: 0,
                patch: 0,
            },
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// What a release does: the versions, the bump, the date, and each file's new text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The version in `generated-client/Cargo.toml` now.
    pub from: Version,
    /// The version released.
    pub to: Version,
    /// The largest bump under `Unreleased`.
    pub bump: Bump,
    /// The entries under `Unreleased`.
    pub entries: Vec<String>,
    /// The release date, `YYYY-MM-DD`.
    pub date: String,
    /// Each file to write (relative to the workspace root) with its new text.
    pub files: Vec<(&'static str, String)>,
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "release: {CRATE} {} -> {} ({} bump from {} entr{} under Unreleased), dated {}",
            self.from,
            self.to,
            self.bump,
            self.entries.len(),
            if self.entries.len() == 1 { "y" } else { "ies" },
            self.date
        )?;
        for entry in &self.entries {
            writeln!(f, "  {entry}")?;
        }
        for (path, _) in &self.files {
            writeln!(f, "  {path}: version {}", self.to)?;
        }
        Ok(())
    }
}

/// Today's date in UTC, `YYYY-MM-DD`.
pub fn today_utc() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    date_of(seconds / 86_400)
}

/// The civil date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn date_of(days: u64) -> String {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Refuses unless `root` is a git work tree with nothing uncommitted.
fn check_clean(root: &Path) -> Result<()> {
    let output = Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(root)
        .output()
        .map_err(|e| Error::NotGit {
            root: root.display().to_string(),
            message: format!("cannot run git: {e}"),
        })?;
    if !output.status.success() {
        return Err(Error::NotGit {
            root: root.display().to_string(),
            message: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        });
    }
    let status = String::from_utf8_lossy(&output.stdout);
    let files: Vec<&str> = status.lines().map(|l| l.get(3..).unwrap_or(l)).collect();
    if files.is_empty() {
        Ok(())
    } else {
        Err(Error::DirtyTree {
            files: files.join(", "),
        })
    }
}

fn read(root: &Path, path: &'static str) -> Result<String> {
    fs::read_to_string(root.join(path)).map_err(Error::io(path, "cannot read"))
}

/// Tells the line that holds a version: the line, and the one before it (`None` for the first).
type VersionLine = fn(&str, Option<&str>) -> bool;

/// Where in `text` the value of the first line that `matches` (a `version = "..."` in it) is;
/// `what` names that line when there is none.
fn version_span(
    text: &str,
    path: &'static str,
    what: &'static str,
    matches: VersionLine,
) -> Result<Range<usize>> {
    let missing = || Error::NoVersion { path, what };
    let mut previous: Option<&str> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if matches(line, previous) {
            let key = "version = \"";
            let start = line.find(key).ok_or_else(missing)? + key.len();
            let end = start + line[start..].find('"').ok_or_else(missing)?;
            return Ok(offset + start..offset + end);
        }
        previous = Some(line);
        offset += line.len();
    }
    Err(missing())
}

/// `text` with the value of the first line that `matches` (a `version = "..."` in it)
/// replaced by `version`.
fn set_version(
    text: &str,
    path: &'static str,
    what: &'static str,
    matches: VersionLine,
    version: &str,
) -> Result<String> {
    let span = version_span(text, path, what, matches)?;
    let mut out = text.to_owned();
    out.replace_range(span, version);
    Ok(out)
}

/// Checks that `root` can be released and works out the release, dated `date`. Writes
/// nothing.
///
/// # Errors
///
/// The refusals ([`Error::NotGit`], [`Error::DirtyTree`], [`Error::StaleForRelease`],
/// [`Error::NothingToRelease`]); a spec that does not load; a manifest without the version.
pub fn plan(root: &Path, date: &str) -> Result<Plan> {
    check_clean(root)?;
    let stale = codegen::regen(root, Mode::Check)?.stale;
    if !stale.is_empty() {
        let files: Vec<&str> = stale.iter().map(|s| s.path.as_str()).collect();
        return Err(Error::StaleForRelease {
            files: files.join(", "),
        });
    }
    let log = read(root, CHANGELOG_PATH)?;
    let unreleased = changelog::unreleased(&log);
    let Some(bump) = unreleased.iter().map(|(_, bump)| *bump).max() else {
        return Err(Error::NothingToRelease);
    };

    let manifest = read(root, CLIENT_MANIFEST)?;
    // The package's own `version`, in `[package]` (the first table).
    let package_section = manifest
        .split_once("\n[")
        .map_or(manifest.as_str(), |(package, _)| package);
    let span = version_span(
        package_section,
        CLIENT_MANIFEST,
        "`version`",
        is_own_version,
    )?;
    let from = Version::parse(&package_section[span]).ok_or(Error::NoVersion {
        path: CLIENT_MANIFEST,
        what: "a `version = \"MAJOR.MINOR.PATCH\"`",
    })?;
    let to = from.next(bump);
    let new = to.to_string();
    let mut files = vec![(CHANGELOG_PATH, changelog::released(&log, &new, date))];
    let versions: [(&'static str, &'static str, VersionLine); 3] = [
        (CLIENT_MANIFEST, "`version`", is_own_version),
        (
            ROOT_MANIFEST,
            "a `composio-link = { path = ..., version = ... }` dependency",
            is_path_dependency,
        ),
        (LOCK_FILE, "a `composio-link` package", is_package_version),
    ];
    for (path, what, matches) in versions {
        files.push((
            path,
            set_version(&read(root, path)?, path, what, matches, &new)?,
        ));
    }
    Ok(Plan {
        from,
        to,
        bump,
        entries: unreleased.into_iter().map(|(entry, _)| entry).collect(),
        date: date.to_owned(),
        files,
    })
}

/// The package's own `version` line in its manifest: `[package]` is the first table, so the
/// first such line.
fn is_own_version(line: &str, _: Option<&str>) -> bool {
    line.starts_with("version = \"")
}

/// The line of the workspace's `composio-link = { path = ..., version = ... }` dependency.
fn is_path_dependency(line: &str, _: Option<&str>) -> bool {
    line.starts_with(&format!("{CRATE} = {{")) && line.contains("path = ")
}

/// The `version` line of the `composio-link` package in `Cargo.lock`: the line after its
/// `name`.
fn is_package_version(line: &str, previous: Option<&str>) -> bool {
    line.starts_with("version = \"")
        && previous.is_some_and(|p| p.trim_end() == format!("name = \"{CRATE}\""))
}

/// Writes the files of `plan` under `root`, all or nothing, with the writer `regen` uses: a
/// release never leaves the changelog moved and a manifest not.
///
/// # Errors
///
/// A file that cannot be read or written; then no file has changed.
pub fn apply(root: &Path, plan: &Plan) -> Result<()> {
    let changes = plan
        .files
        .iter()
        .map(|(path, text)| {
            let target = root.join(path);
            let original = fs::read(&target).map_err(Error::io(*path, "cannot read"))?;
            Ok(Change {
                target,
                original: Some(original),
                path: (*path).to_owned(),
                contents: Some(text.clone()),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    write_all(&changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap_or(Version {
            major: 99,
            minor: 99,
            patch: 99,
        })
    }

    #[test]
    fn zero_versions_bump_as_cargo_reads_them() {
        assert_eq!(v("0.1.0").next(Bump::Major), v("0.2.0"));
        assert_eq!(v("0.1.3").next(Bump::Minor), v("0.1.4"));
        assert_eq!(v("0.1.3").next(Bump::Patch), v("0.1.4"));
        assert_eq!(v("1.2.3").next(Bump::Major), v("2.0.0"));
        assert_eq!(v("1.2.3").next(Bump::Minor), v("1.3.0"));
        assert_eq!(v("1.2.3").next(Bump::Patch), v("1.2.4"));
        assert_eq!(Version::parse("1.2"), None);
        assert_eq!(Version::parse("1.2.3-beta"), None);
    }

    #[test]
    fn dates_are_civil_utc_dates() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(11_016), "2000-02-29");
        assert_eq!(date_of(20_793), "2026-12-06");
    }

    #[test]
    fn the_lock_file_version_is_the_package_s_own() {
        let lock = "[[package]]\nname = \"other\"\nversion = \"1.0.0\"\n\n[[package]]\n\
                    name = \"composio-link\"\nversion = \"0.1.0\"\n";
        let old = version_span(lock, LOCK_FILE, "x", is_package_version)
            .map(|span| &lock[span])
            .unwrap_or_default();
        let text =
            set_version(lock, LOCK_FILE, "x", is_package_version, "0.2.0").unwrap_or_default();
        assert_eq!(old, "0.1.0");
        assert!(text.ends_with("name = \"composio-link\"\nversion = \"0.2.0\"\n"));
        assert!(text.contains("version = \"1.0.0\""));
    }
}
