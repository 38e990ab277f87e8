//! `cargo xtask surface [VERSION]`: the listing of the generated Rust surface of one API
//! version (or of each), so a maintainer can read it without running the tests.
//!
//! The listing is made from the spec in `spec/`, generated in memory, exactly as the
//! `surface_*` snapshots of the tests crate are.

use std::fs;
use std::io;
use std::path::Path;

use composio_link_generator::{self as generator, Spec, Surface};

use crate::codegen::{self, ApiVersion, CodegenError, VersionPaths};

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
    /// The spec folder could not be read or holds a bad name.
    #[error(transparent)]
    Versions(CodegenError),
}

impl SurfaceError {
    /// True when the error is about the input (a version name or a spec), false when the file
    /// system failed.
    pub fn is_bad_input(&self) -> bool {
        match self {
            SurfaceError::Io { .. } => false,
            SurfaceError::Versions(e) => e.is_bad_input(),
            _ => true,
        }
    }
}

/// The API version called `name` (`v3.1`, or its module name `v3_1`) under `root`.
///
/// # Errors
///
/// [`SurfaceError::UnknownVersion`] when there is none, [`SurfaceError::Versions`] when the
/// spec folder cannot be read.
pub fn find_version(root: &Path, name: &str) -> Result<ApiVersion, SurfaceError> {
    codegen::find_version(root, name).map_err(|e| match e {
        CodegenError::UnknownVersion { name, known } => {
            SurfaceError::UnknownVersion { name, known }
        }
        other => SurfaceError::Versions(other),
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
        Some(name) => Ok(surface_of(root, &find_version(root, name)?)?.to_string()),
        None => {
            let mut out = String::new();
            let versions = codegen::versions(root).map_err(SurfaceError::Versions)?;
            for (i, version) in versions.iter().enumerate() {
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
