//! `cargo xtask surface [VERSION]`: the listing of the generated Rust surface of one API
//! version (or of each), so a maintainer can read it without running the tests.
//!
//! The listing is made from the spec in `spec/`, generated in memory, exactly as the
//! `surface_*` snapshots of the tests crate are.

use std::path::Path;

use composio_link_generator::{self as generator, Surface};

use crate::error::Result;
use crate::layout::{ApiVersion, VersionPaths};
use crate::specs;

/// The surface of `version`, generated in memory from its spec under `root`.
///
/// # Errors
///
/// As [`specs::load`], plus generation errors.
pub fn surface_of(root: &Path, version: &ApiVersion) -> Result<Surface> {
    let spec = specs::load(root, version)?;
    Ok(generator::surface(&spec)?)
}

/// The text `cargo xtask surface [VERSION]` prints: the listing of `version`, or of every
/// version, each after a `# <version> (<spec>)` heading.
///
/// # Errors
///
/// As [`surface_of`] and [`specs::find_version`].
pub fn listing(root: &Path, version: Option<&str>) -> Result<String> {
    match version {
        Some(name) => Ok(surface_of(root, &specs::find_version(root, name)?)?.to_string()),
        None => {
            let mut out = String::new();
            for (i, version) in specs::versions(root)?.iter().enumerate() {
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
