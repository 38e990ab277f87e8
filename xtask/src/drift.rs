//! `cargo xtask drift [FROM] [TO]`, the classified differences between two API versions, and
//! the semver summary that `cargo xtask regen` ends with.
//!
//! The summary compares, for each version, the surface of the module `regen` is about to write
//! with the surface of the committed one (both read from the generated source, so the old spec
//! is not needed) and names the bump the `composio-link` crate needs.

use std::fmt;
use std::fs;
use std::io;
use std::path::Path;

use composio_link_generator::drift::{Bump, RustDrift, rust_drift};
use composio_link_generator::{self as generator, Report};

use crate::codegen::{self, ApiVersion, CodegenError, VersionPaths};
use crate::surface::{SurfaceError, find_version, load_version};

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

/// Why a drift report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DriftError {
    /// A version or spec could not be read, loaded or generated.
    #[error(transparent)]
    Surface(#[from] SurfaceError),
    /// The JSON could not be written.
    #[error("cannot write the report as JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A version left out has no neighbour to compare with (there is one version, or the one
    /// named is the oldest or the newest).
    #[error(
        "no version to compare with: name both versions (`cargo xtask drift FROM TO`), and \
         keep at least two specs in spec/"
    )]
    NoNeighbour,
}

impl DriftError {
    /// True when the error is about the input, false when the file system failed.
    pub fn is_bad_input(&self) -> bool {
        match self {
            DriftError::Surface(e) => e.is_bad_input(),
            DriftError::Json(_) => false,
            DriftError::NoNeighbour => true,
        }
    }
}

/// The two versions a drift report compares: those named, or, for one left out, its
/// neighbour (the version after `from`, the version before `to`), or, for none, the two
/// newest.
///
/// # Errors
///
/// An unknown version, a version without the neighbour asked for, or a bad spec folder.
pub fn pair(
    root: &Path,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(ApiVersion, ApiVersion), DriftError> {
    let versions = codegen::versions(root).map_err(SurfaceError::Versions)?;
    let index = |name: &str| -> Result<usize, DriftError> {
        let version = find_version(root, name)?;
        Ok(versions
            .iter()
            .position(|v| *v == version)
            .unwrap_or_default())
    };
    let (from, to) = match (from, to) {
        (Some(from), Some(to)) => (index(from)?, index(to)?),
        (Some(from), None) => {
            let from = index(from)?;
            (from, from + 1)
        }
        (None, Some(to)) => {
            let to = index(to)?;
            (to.checked_sub(1).ok_or(DriftError::NoNeighbour)?, to)
        }
        (None, None) => {
            let to = versions.len().saturating_sub(1);
            (to.checked_sub(1).ok_or(DriftError::NoNeighbour)?, to)
        }
    };
    match (versions.get(from), versions.get(to)) {
        (Some(from), Some(to)) => Ok((from.clone(), to.clone())),
        _ => Err(DriftError::NoNeighbour),
    }
}

/// The report from API version `from` to `to` (`v3`, `v3.1`; see [`pair`] for those left
/// out), from their specs under `root`.
///
/// # Errors
///
/// An unknown version, or a spec that cannot be read, loaded or generated.
pub fn report(root: &Path, from: Option<&str>, to: Option<&str>) -> Result<Report, DriftError> {
    let (from, to) = pair(root, from, to)?;
    let from = load_version(root, &from)?;
    let to = load_version(root, &to)?;
    Ok(generator::drift(&from, &to).map_err(SurfaceError::from)?)
}

/// The text `cargo xtask drift` prints.
///
/// # Errors
///
/// As [`report`], and [`DriftError::Json`] if the JSON cannot be written.
pub fn render(
    root: &Path,
    from: Option<&str>,
    to: Option<&str>,
    format: Format,
) -> Result<String, DriftError> {
    let report = report(root, from, to)?;
    Ok(match format {
        Format::Text => report.to_string(),
        Format::Json => format!("{}\n", report.to_json()?),
        Format::Markdown => report.to_markdown(),
        Format::Github => report.to_github(),
    })
}

/// What a regen changes in the surface of one API version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionSummary {
    /// The API version.
    pub version: ApiVersion,
    /// The generated client module.
    pub path: String,
    /// The Rust-level changes against the committed module; `None` when nothing is committed
    /// (a new version) or when the version is removed.
    pub drift: Option<RustDrift>,
    /// The version's spec is gone, so regen removes its module.
    pub removed: bool,
}

impl VersionSummary {
    /// The bump this version's changes need: `minor` for a module that is new, `major` for one
    /// that is removed (cargo-semver-checks' `module_missing`).
    pub fn bump(&self) -> Bump {
        if self.removed {
            return Bump::Major;
        }
        self.drift.as_ref().map_or(Bump::Minor, |d| d.bump)
    }
}

/// What a regen changes in the surface of every API version, and the bump the crate needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegenSummary {
    /// One entry per API version, oldest first, removed ones included.
    pub versions: Vec<VersionSummary>,
}

impl RegenSummary {
    /// The largest bump of any version: what the `composio-link` crate needs.
    pub fn bump(&self) -> Bump {
        self.versions
            .iter()
            .map(VersionSummary::bump)
            .max()
            .unwrap_or(Bump::None)
    }
}

impl fmt::Display for RegenSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.bump() {
            Bump::None => writeln!(f, "semver: no version bump: no generated module changes.")?,
            bump => writeln!(
                f,
                "semver: composio-link needs a {bump} version bump for this regen."
            )?,
        }
        for version in &self.versions {
            write!(
                f,
                "  {} ({}): {}",
                version.version.name,
                version.path,
                version.bump()
            )?;
            match &version.drift {
                None if version.removed => writeln!(
                    f,
                    ", its spec is gone: the module `composio_link::{}` and `Client::{}()` are \
                     removed [module_missing, major]; code that uses them no longer compiles.",
                    version.version.module, version.version.module
                )?,
                None => writeln!(
                    f,
                    ", a new module: nothing is committed yet (`composio_link::{}`, \
                     `Client::{}()`).",
                    version.version.module, version.version.module
                )?,
                Some(drift) if drift.changes.is_empty() => {
                    writeln!(f, ", the generated module is unchanged.")?;
                }
                Some(drift) => {
                    let n = drift.changes.len();
                    write!(
                        f,
                        ", {n} Rust-level change{}: ",
                        if n == 1 { "" } else { "s" }
                    )?;
                    let lines: Vec<String> = drift
                        .changes
                        .iter()
                        .map(|c| {
                            let item = c.location.strip_prefix("Rust ").unwrap_or(&c.location);
                            format!(
                                "{item} {} [{}, {}] at {}",
                                c.text, c.id, c.level, c.position
                            )
                        })
                        .collect();
                    writeln!(f, "{}.", lines.join("; "))?;
                }
            }
        }
        Ok(())
    }
}

/// Why the summary could not be made (then `regen` reports the same problem itself).
#[derive(Debug, thiserror::Error)]
pub enum SummaryError {
    /// A spec could not be loaded or generated.
    #[error(transparent)]
    Codegen(#[from] CodegenError),
    /// A generated module does not parse.
    #[error(transparent)]
    Generator(#[from] generator::Error),
    /// A committed module could not be read.
    #[error("{path}: cannot read the generated file: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: io::Error,
    },
    /// The spec of a module could not be read.
    #[error("{path}: cannot read the spec: {source}")]
    Spec {
        /// The spec file.
        path: String,
        /// The I/O error.
        source: io::Error,
    },
}

/// Compares the surface of every module that `cargo xtask regen` would write under `root` with
/// the committed one. Writes nothing.
///
/// # Errors
///
/// A spec that does not load or generate, or a committed module that cannot be read.
pub fn regen_summary(root: &Path) -> Result<RegenSummary, SummaryError> {
    summary_of(root, &codegen::generate_all(root)?)
}

/// As [`regen_summary`], for `outputs` that [`codegen::generate_all`] already made, so that
/// `cargo xtask regen` generates once for the summary and the files alike.
///
/// # Errors
///
/// A committed module that cannot be read, or a module that does not parse.
pub fn summary_of(root: &Path, outputs: &[codegen::Output]) -> Result<RegenSummary, SummaryError> {
    let mut versions = Vec::new();
    for output in outputs {
        let Some(version) = &output.version else {
            continue;
        };
        let path = version.output_path();
        if output.path != path {
            continue;
        }
        let drift = match fs::read(root.join(&path)) {
            Ok(bytes) => {
                let committed = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
                // The spec the new module comes from, to place each change on its lines.
                let spec_path = version.spec_path();
                let spec_bytes =
                    fs::read(root.join(&spec_path)).map_err(|source| SummaryError::Spec {
                        path: spec_path.clone(),
                        source,
                    })?;
                let spec = generator::load(&spec_path, &spec_bytes)?;
                Some(rust_drift(
                    (&path, &committed),
                    (&path, &output.contents),
                    &spec,
                )?)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(source) => return Err(SummaryError::Io { path, source }),
        };
        versions.push(VersionSummary {
            version: version.clone(),
            path,
            drift,
            removed: false,
        });
    }
    // A committed version module that no spec generates: its version was removed.
    for path in codegen::orphans(root, outputs)? {
        let module = path
            .strip_prefix(codegen::GENERATED_DIR)
            .and_then(|p| p.strip_prefix('/'))
            .and_then(|p| p.strip_suffix(".rs"))
            .unwrap_or_default();
        if module.ends_with("_mock") {
            continue;
        }
        if let Some(version) = ApiVersion::from_name(&module.replace('_', ".")) {
            versions.push(VersionSummary {
                version,
                path,
                drift: None,
                removed: true,
            });
        }
    }
    versions.sort_by(|a, b| a.version.cmp(&b.version));
    Ok(RegenSummary { versions })
}
