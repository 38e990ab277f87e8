//! `cargo xtask drift [FROM] [TO]`: the classified differences between two API versions, from
//! their specs.

use std::path::Path;

use composio_link_generator::{self as generator, Report};

use crate::error::{Error, Result};
use crate::layout::ApiVersion;
use crate::report::Format;
use crate::specs;

/// The two versions a drift report compares: those named, or, for one left out, its
/// neighbour (the version after `from`, the version before `to`), or, for none, the two
/// newest.
///
/// # Errors
///
/// An unknown version, a version without the neighbour asked for, or a bad spec folder.
pub fn pair(root: &Path, from: Option<&str>, to: Option<&str>) -> Result<(ApiVersion, ApiVersion)> {
    let versions = specs::versions(root)?;
    let index = |name: &str| -> Result<usize> {
        let version = specs::find(&versions, name)?;
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
            (to.checked_sub(1).ok_or(Error::NoNeighbour)?, to)
        }
        (None, None) => {
            let to = versions.len().saturating_sub(1);
            (to.checked_sub(1).ok_or(Error::NoNeighbour)?, to)
        }
    };
    match (versions.get(from), versions.get(to)) {
        (Some(from), Some(to)) => Ok((from.clone(), to.clone())),
        _ => Err(Error::NoNeighbour),
    }
}

/// The report from API version `from` to `to` (`v3`, `v3.1`; see [`pair`] for those left
/// out), from their specs under `root`.
///
/// # Errors
///
/// An unknown version, or a spec that cannot be read, loaded or generated.
pub fn report(root: &Path, from: Option<&str>, to: Option<&str>) -> Result<Report> {
    let (from, to) = pair(root, from, to)?;
    let from = specs::load(root, &from)?;
    let to = specs::load(root, &to)?;
    Ok(generator::drift(&from, &to)?)
}

/// The text `cargo xtask drift` prints.
///
/// # Errors
///
/// As [`report`], and [`Error::Json`] if the JSON cannot be written.
pub fn render(root: &Path, from: Option<&str>, to: Option<&str>, format: Format) -> Result<String> {
    crate::report::render(&report(root, from, to)?, format).map_err(|source| Error::Json {
        action: "cannot write the report as JSON",
        source,
    })
}
