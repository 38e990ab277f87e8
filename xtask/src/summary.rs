//! The semver summary that `cargo xtask regen` ends with: for each API version, the surface of
//! the module `regen` is about to write against the surface of the committed one (both read
//! from the generated source, so the old spec is not needed), and the bump the `composio-link`
//! crate needs. Each version's changes are listed one per line, an added or removed operation
//! with what comes with it counted on its line (`fold.rs`).

use std::fmt;
use std::fs;
use std::io;
use std::path::Path;

use composio_link_generator::drift::{Bump, RustDrift, rust_drift};

use crate::codegen::{self, Output};
use crate::error::{Error, Result};
use crate::layout::{ApiVersion, VersionPaths, version_of_module};
use crate::specs;

mod fold;

pub use fold::{Folded, Line, lines};

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
                    let lines = fold::lines(&drift.changes);
                    writeln!(
                        f,
                        ", {n} Rust-level change{}{}:",
                        if n == 1 { "" } else { "s" },
                        match lines.len() {
                            shown if shown == n => String::new(),
                            1 => " in 1 line".to_owned(),
                            shown => format!(" in {shown} lines"),
                        }
                    )?;
                    for line in lines {
                        writeln!(f, "    {}", line.summary_text())?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// Compares the surface of every module that `cargo xtask regen` would write under `root` with
/// the committed one. Writes nothing.
///
/// # Errors
///
/// A spec that does not load or generate, or a committed module that cannot be read.
pub fn regen_summary(root: &Path) -> Result<RegenSummary> {
    summary_of(root, &codegen::generate_all(root)?)
}

/// As [`regen_summary`], for `outputs` that [`codegen::generate_all`] already made, so that
/// `cargo xtask regen` generates once for the summary and the files alike.
///
/// # Errors
///
/// A committed module that cannot be read, or a module that does not parse.
pub fn summary_of(root: &Path, outputs: &[Output]) -> Result<RegenSummary> {
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
                let spec = specs::load(root, version)?;
                Some(rust_drift(
                    (&path, &committed),
                    (&path, &output.contents),
                    &spec,
                )?)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(source) => {
                return Err(Error::Io {
                    path,
                    action: "cannot read the generated file",
                    source,
                });
            }
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
        if let Some(version) = version_of_module(&path) {
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
