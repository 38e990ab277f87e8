//! Classified differences between two API versions, at two levels at once: the wire (the
//! OpenAPI documents, in oasdiff's vocabulary) and Rust (the generated surfaces, in
//! cargo-semver-checks' vocabulary).
//!
//! Operations are matched by HTTP method and path with the version segment removed
//! (`POST /connected_accounts/link` in both `/api/v3/...` and `/api/v3.1/...`), properties by
//! their `/`-separated path from the body, Rust items by kind and name. Every change carries a
//! rule of [`rules`] (an ID, a level and a message) and the [`Position`] of the node it is
//! about (for a Rust-level change, the spec node its item is generated from), and prints as one
//! line in oasdiff's single-line form with that position:
//!
//! ```text
//! info at spec/v3.1.yaml:398:9, in API POST /connected_accounts/link added the new optional request property `alias` [new-optional-request-property].
//! major at spec/v3.1.yaml:398:9, in Rust types::ConnectedAccountLinkRequest added the pub field `alias` ... [constructible_struct_adds_field].
//! ```
//!
//! The wire level compares the documents (`wire/`, one file per part compared, the schema
//! flattener among them); the Rust level classifies the lines of the surface diff (`rust/`,
//! one classifier per kind of line) and places each on its spec node (`origin.rs`). Both
//! produce [`Change`]s of one table of rules ([`rules`]), gathered in a [`Report`]; how a
//! report reads (text, JSON, Markdown, workflow commands) is [`render`]'s, apart from deciding.

mod change;
mod origin;
pub mod render;
mod report;
pub mod rules;
mod rust;
mod subject;
mod wire;

pub(crate) use wire::{operation_key, operation_label};

pub use change::{Change, Position, Side};
pub use report::{Bump, Report, RustDrift};
pub use rules::{Level, Origin, RustRule, WireRule};

use crate::codegen::generate::{Generated, generate};
use crate::document::Spec;
use crate::error::Result;
use crate::surface::describe;

/// Compares two generated modules (`from` → `to`, each as a file name and its source) at the
/// Rust level; `spec` is the spec `to` is generated from, where each change is placed (the
/// spec of `from` is not known: a removed item is placed where it was in `spec`'s nearest
/// node that is left, or on its first line).
///
/// # Errors
///
/// [`crate::Error::Format`] when a source does not parse as Rust.
pub fn rust_drift(from: (&str, &str), to: (&str, &str), spec: &Spec) -> Result<RustDrift> {
    let old = describe(from.0, from.1)?;
    let new = describe(to.0, to.1)?;
    Ok(rust::compare(
        &old,
        &new,
        origin::Origins {
            old: None,
            new: spec,
        },
        without_header(from.1) != without_header(to.1),
    ))
}

/// The wire-level differences between two documents alone, sorted, without generating any
/// code (so it works on documents progenitor cannot generate from).
pub fn wire_changes(from: &Spec, to: &Spec) -> Vec<Change> {
    let mut changes = wire::compare(from, to);
    changes.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    changes
}

/// Compares two specs at both levels: the documents themselves, and the modules generated
/// from them.
///
/// # Errors
///
/// As [`crate::generate`], for either spec.
pub fn drift(from: &Spec, to: &Spec) -> Result<Report> {
    let Generated { source: old_source } = generate(from)?;
    let Generated { source: new_source } = generate(to)?;
    let old = describe(from.file(), &old_source)?;
    let new = describe(to.file(), &new_source)?;
    let mut changes = wire_changes(from, to);
    let rust = rust::compare(
        &old,
        &new,
        origin::Origins {
            old: Some(from),
            new: to,
        },
        without_header(&old_source) != without_header(&new_source),
    );
    changes.extend(rust.changes);
    Ok(Report {
        from: from.file().to_owned(),
        to: to.file().to_owned(),
        changes,
        bump: rust.bump,
    })
}

/// A generated file without its header comment (which names the spec and its hash).
fn without_header(source: &str) -> &str {
    let mut rest = source;
    while rest.starts_with("//") {
        rest = rest.split_once('\n').map_or("", |(_, tail)| tail);
    }
    rest
}
