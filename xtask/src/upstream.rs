//! `cargo xtask upstream <FILE|URL>`: where `spec/` and Composio's own published OpenAPI
//! document disagree, for the operations this workspace covers, classified with the drift
//! rules "as if we adopted the vendor's version", less what the reviewed baseline
//! (`upstream-accepted.toml`) accepts.
//!
//! This module reads: the vendor document ([`source`]), our specs and the baseline
//! ([`baseline`]). The document surgery (the operations our specs describe, at the vendor's
//! nearest version when it lacks ours, the schemas they reach, OpenAPI 3.1 spellings turned
//! into 3.0) is the generator's [`composio_link_generator::upstream`]. Each extract is
//! compared at the wire level, from our spec (`from`) to the vendor's (`to`), its changes
//! placed on the vendor document's own lines; each difference is then accepted by a baseline
//! entry or new; [`report`] holds the result and `forms.rs` prints it.

pub mod baseline;
mod forms;
pub mod report;
pub mod source;

use std::path::Path;

use composio_link_generator::upstream as surgery;

use crate::error::{Error, Result};
use crate::specs;

pub use baseline::{Baseline, BaselineError, DEFAULT_BASELINE, Entry};
pub use report::{Finding, Key, UpstreamReport, VersionReport};
pub use source::{FETCH_TIMEOUT, MAX_DOCUMENT_BYTES, read_source};

/// Reads the baseline: `path` when given (it must exist), else `upstream-accepted.toml` under
/// `root` (none there: an empty baseline).
///
/// # Errors
///
/// A file that cannot be read, or a [`BaselineError`].
pub fn read_baseline(root: &Path, path: Option<&Path>) -> Result<Baseline> {
    let (file, shown) = match path {
        Some(given) => (given.to_path_buf(), given.display().to_string()),
        None => (root.join(DEFAULT_BASELINE), DEFAULT_BASELINE.to_owned()),
    };
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) if path.is_none() && e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Baseline {
                file: shown,
                entries: Vec::new(),
            });
        }
        Err(e) => return Err(Error::io(shown, "cannot read the baseline")(e)),
    };
    let versions: Vec<String> = specs::versions(root)?.into_iter().map(|v| v.name).collect();
    Ok(Baseline::parse(&shown, &text, &versions)?)
}

/// The file name of a vendor document's path or URL, which baseline entries' `documents`
/// name.
pub fn document_name(source: &str) -> String {
    let trimmed = source.split(['?', '#']).next().unwrap_or(source);
    trimmed
        .rsplit(['/', '\\'])
        .next()
        .filter(|name| !name.is_empty())
        .unwrap_or(trimmed)
        .to_owned()
}

/// Compares every spec of ours under `root` with the vendor document `bytes` (named
/// `source_name` in the report), and sorts each difference into accepted (by an entry of
/// `baseline` that applies to this document) or new.
///
/// # Errors
///
/// A vendor document that is not JSON/YAML with `paths`, one of our specs that cannot be read
/// or does not load, or vendor operations that do not load as OpenAPI 3.0 once extracted.
pub fn compare(
    root: &Path,
    source_name: &str,
    bytes: &[u8],
    baseline: &Baseline,
) -> Result<UpstreamReport> {
    compare_as(
        root,
        source_name,
        &document_name(source_name),
        bytes,
        baseline,
    )
}

/// As [`compare`], with the baseline entries that name `document` in their `documents` applied
/// (a URL's file name, such as `openapi.json`, is not the name of the copy the entries were
/// written against).
///
/// # Errors
///
/// As [`compare`].
pub fn compare_as(
    root: &Path,
    source_name: &str,
    document: &str,
    bytes: &[u8],
    baseline: &Baseline,
) -> Result<UpstreamReport> {
    let vendor = surgery::parse(source_name, bytes)?;
    // Parsed for positions once, for every version's extract.
    let positions = surgery::SharedPositions::new(source_name, &String::from_utf8_lossy(bytes));
    let entries: Vec<Entry> = baseline
        .entries
        .iter()
        .filter(|e| e.applies_to(document))
        .cloned()
        .collect();
    let mut used = vec![false; entries.len()];
    let mut versions = Vec::new();
    let mut routes = Vec::new();
    for version in specs::versions(root)? {
        let file = specs::read(root, &version)?;
        let ours = file.load()?;
        let as_json = surgery::parse_ours(&file.path, &file.bytes)?;
        let extract = surgery::extract(&vendor, &as_json);
        let differences = surgery::compare(
            &ours,
            &extract,
            &format!("{source_name} ({} operations)", version.name),
            &positions,
        )?;
        let (mut changes, mut accepted) = (Vec::new(), Vec::new());
        for difference in differences {
            let entry = Key {
                rule: difference.change.id.to_owned(),
                version: version.name.clone(),
                operation: difference.operation,
                subject: difference.change.subject.clone(),
            };
            let by = entries.iter().position(|e| e.accepts(&entry));
            let finding = Finding {
                change: difference.change,
                compared_with: difference.compared_with,
                entry,
                accepted_at: by.map(|index| entries[index].line),
            };
            match by {
                Some(index) => {
                    used[index] = true;
                    accepted.push(finding);
                }
                None => changes.push(finding),
            }
        }
        routes.extend(extract.routes.iter().cloned());
        versions.push(VersionReport {
            ours: surgery::operation_count(&as_json),
            spec: file.path,
            version: version.name,
            matched: extract.matched(),
            routes: extract.routes,
            changes,
            accepted,
        });
    }
    let stale = entries
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|(entry, _)| entry.clone())
        .collect();
    Ok(UpstreamReport {
        source: source_name.to_owned(),
        document: document.to_owned(),
        baseline: baseline.file.clone(),
        accepted: versions.iter().map(|v| v.accepted.len()).sum(),
        versions,
        stale,
        unmatched: surgery::unmatched_operations(&vendor, &routes),
        entries,
        show_accepted: false,
    })
}
