//! `cargo xtask upstream <FILE|URL>`: where `spec/` and Composio's own published OpenAPI
//! document disagree, for the operations this workspace covers, classified with the drift
//! rules "as if we adopted the vendor's version".
//!
//! This module reads: the vendor document ([`source`]) and our specs. The document surgery
//! (the operations our specs describe, the schemas they reach, OpenAPI 3.1 spellings turned
//! into 3.0) is the generator's [`composio_link_generator::upstream`]. Each extract is
//! compared at the wire level, from our spec (`from`) to the vendor's (`to`), its changes
//! placed on the vendor document's own lines; [`report`] prints the result.

pub mod report;
pub mod source;

use std::path::Path;

use composio_link_generator::upstream as surgery;

use crate::error::Result;
use crate::specs;

pub use report::{UpstreamReport, VersionReport};
pub use source::{FETCH_TIMEOUT, MAX_DOCUMENT_BYTES, read_source};

/// Compares every spec of ours under `root` with the vendor document `bytes` (named
/// `source_name` in the report).
///
/// # Errors
///
/// A vendor document that is not JSON/YAML with `paths`, one of our specs that cannot be read
/// or does not load, or vendor operations that do not load as OpenAPI 3.0 once extracted.
pub fn compare(root: &Path, source_name: &str, bytes: &[u8]) -> Result<UpstreamReport> {
    let vendor = surgery::parse(source_name, bytes)?;
    let vendor_text = String::from_utf8_lossy(bytes);
    let mut versions = Vec::new();
    let mut ours_json = Vec::new();
    for version in specs::versions(root)? {
        let file = specs::read(root, &version)?;
        let ours = file.load()?;
        let as_json = surgery::parse_ours(&file.path, &file.bytes)?;
        let extract = surgery::extract(&vendor, &as_json);
        let changes = surgery::compare(
            &ours,
            &extract,
            &format!("{source_name} ({} operations)", version.name),
            (source_name, &vendor_text),
        )?;
        versions.push(VersionReport {
            ours: surgery::operation_count(&as_json),
            spec: file.path,
            matched: extract.matched,
            changes,
        });
        ours_json.push(as_json);
    }
    Ok(UpstreamReport {
        source: source_name.to_owned(),
        versions,
        unmatched: surgery::unmatched_operations(&vendor, &ours_json),
    })
}
