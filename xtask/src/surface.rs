//! `cargo xtask surface [VERSION]`: the listing of the generated Rust surface of one API
//! version (or of each), so a maintainer can read it without running the tests.
//!
//! The listing is made from the spec in `spec/`, generated in memory, exactly as the
//! `surface_*` snapshots of the tests crate are.

use std::fs;
use std::io;
use std::path::Path;

use composio_link_generator::{self as generator, Spec, Surface};

use crate::codegen::{API_VERSIONS, ApiVersion};

/// Why a listing (or a drift report) could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SurfaceError {
    /// The version named on the command line has no spec.
    #[error("unknown API version `{name}`; the API versions are {known}")]
    UnknownVersion {
        /// The name given.
        name: String,
        /// The names that exist, for the message.
        known: String,
    },
    /// A spec could not be read.
    #[error("{path}: cannot read the spec: {source}")]
    Io {
        /// The spec file.
        path: String,
        /// The I/O error.
        source: io::Error,
    },
    /// A spec failed to load or generate.
    #[error(transparent)]
    Spec(#[from] generator::Error),
}

impl SurfaceError {
    /// True when the error is about the input (a version name or a spec), false when the file
    /// system failed.
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, SurfaceError::Io { .. })
    }
}

/// The API version called `name` (`v3.1`, or its module name `v3_1`).
///
/// # Errors
///
/// [`SurfaceError::UnknownVersion`] when there is none.
pub fn find_version(name: &str) -> Result<ApiVersion, SurfaceError> {
    API_VERSIONS
        .iter()
        .find(|v| v.name == name || v.module == name)
        .copied()
        .ok_or_else(|| SurfaceError::UnknownVersion {
            name: name.to_owned(),
            known: API_VERSIONS
                .iter()
                .map(|v| format!("`{}`", v.name))
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// Loads the spec of `version` under `root`.
///
/// # Errors
///
/// [`SurfaceError::Io`] when the file cannot be read, [`SurfaceError::Spec`] when it does not
/// load.
pub fn load_version(root: &Path, version: &ApiVersion) -> Result<Spec, SurfaceError> {
    let path = version.spec_path();
    let bytes = fs::read(root.join(&path)).map_err(|source| SurfaceError::Io {
        path: path.clone(),
        source,
    })?;
    Ok(generator::load(&path, &bytes)?)
}

/// The surface of `version`, generated in memory from its spec under `root`.
///
/// # Errors
///
/// As [`load_version`], plus generation errors.
pub fn surface_of(root: &Path, version: &ApiVersion) -> Result<Surface, SurfaceError> {
    let spec = load_version(root, version)?;
    Ok(generator::surface(&spec)?)
}

/// The text `cargo xtask surface [VERSION]` prints: the listing of `version`, or of every
/// version, each after a `# <version> (<spec>)` heading.
///
/// # Errors
///
/// As [`surface_of`] and [`find_version`].
pub fn listing(root: &Path, version: Option<&str>) -> Result<String, SurfaceError> {
    match version {
        Some(name) => Ok(surface_of(root, &find_version(name)?)?.to_string()),
        None => {
            let mut out = String::new();
            for (i, version) in API_VERSIONS.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                out.push_str(&format!(
                    "# {} ({})\n{}",
                    version.name,
                    version.spec_path(),
                    surface_of(root, version)?
                ));
            }
            Ok(out)
        }
    }
}
