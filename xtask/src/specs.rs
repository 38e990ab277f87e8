//! The one reader of `spec/`: the API versions it holds (one per spec, named after it), the
//! version a command line names, and the bytes and loaded spec of one version. Every command
//! reads the specs through it.

use std::fs;
use std::path::Path;

use composio_link_generator::{self as generator, Spec};

use crate::error::{Error, Result};
use crate::layout::{ApiVersion, SPEC_DIR, VersionPaths};

/// The API versions under `root`: one per spec in `spec/`, oldest first.
///
/// # Errors
///
/// A missing or unreadable spec folder, a spec whose name is not an API version, a `.yml`
/// spec, or no spec at all.
pub fn versions(root: &Path) -> Result<Vec<ApiVersion>> {
    let dir = root.join(SPEC_DIR);
    let spec_dir_error = |source| Error::SpecDir {
        path: SPEC_DIR.to_owned(),
        source,
    };
    let mut names = Vec::new();
    for entry in fs::read_dir(&dir).map_err(spec_dir_error)? {
        names.push(
            entry
                .map_err(spec_dir_error)?
                .file_name()
                .to_string_lossy()
                .into_owned(),
        );
    }
    names.sort();
    let mut versions = Vec::new();
    for name in names {
        if let Some(stem) = name.strip_suffix(".yml") {
            return Err(Error::YmlExtension {
                path: format!("{SPEC_DIR}/{name}"),
                expected: format!("{SPEC_DIR}/{stem}.yaml"),
            });
        }
        if !name.ends_with(".yaml") {
            continue;
        }
        match ApiVersion::from_file_name(&name) {
            Some(version) => versions.push(version),
            None => {
                return Err(Error::NotAVersion {
                    path: format!("{SPEC_DIR}/{name}"),
                });
            }
        }
    }
    if versions.is_empty() {
        return Err(Error::NoSpecs {
            path: SPEC_DIR.to_owned(),
        });
    }
    versions.sort();
    Ok(versions)
}

/// The API version called `name` (`v3.1`, or its module name `v3_1`) among `versions`.
///
/// # Errors
///
/// [`Error::UnknownVersion`] when there is none.
pub fn find(versions: &[ApiVersion], name: &str) -> Result<ApiVersion> {
    versions
        .iter()
        .find(|v| v.name == name || v.module == name)
        .cloned()
        .ok_or_else(|| Error::UnknownVersion {
            name: name.to_owned(),
            known: versions
                .iter()
                .map(|v| format!("`{}`", v.name))
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// The API version called `name` (`v3.1`, or its module name `v3_1`) under `root`.
///
/// # Errors
///
/// As [`versions`], and [`Error::UnknownVersion`] when there is none.
pub fn find_version(root: &Path, name: &str) -> Result<ApiVersion> {
    find(&versions(root)?, name)
}

/// The spec of one API version, read but not loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecFile {
    /// Its path relative to the workspace root (`spec/v3.1.yaml`), the name errors give.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl SpecFile {
    /// Loads the spec.
    ///
    /// # Errors
    ///
    /// [`Error::Spec`] when it does not load.
    pub fn load(&self) -> Result<Spec> {
        Ok(generator::load(&self.path, &self.bytes)?)
    }
}

/// Reads the spec of `version` under `root`.
///
/// # Errors
///
/// [`Error::Io`] when the file cannot be read.
pub fn read(root: &Path, version: &ApiVersion) -> Result<SpecFile> {
    let path = version.spec_path();
    let bytes = fs::read(root.join(&path)).map_err(Error::io(&path, "cannot read the spec"))?;
    Ok(SpecFile { path, bytes })
}

/// Reads and loads the spec of `version` under `root`.
///
/// # Errors
///
/// [`Error::Io`] when the file cannot be read, [`Error::Spec`] when it does not load.
pub fn load(root: &Path, version: &ApiVersion) -> Result<Spec> {
    read(root, version)?.load()
}
