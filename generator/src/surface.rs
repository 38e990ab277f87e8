//! The public Rust surface of a generated client module, as a sorted, stable text listing.
//!
//! The listing is read from the syn tree of the generated code itself (not from rustdoc JSON,
//! which needs a nightly toolchain), so it shows what a downstream user can name and call:
//! every operation of `Client` (its HTTP method and path, its builder, the builder's parameter
//! setters with their Rust types, the body, success and error types, and which statuses are
//! decoded as which), and every type of the `types` module (struct fields with their Rust type,
//! JSON name and whether they are required, nullable or optional; enum variants with their JSON
//! values; the checks that a newtype's `FromStr` enforces), plus the `REQUEST_CONSTRAINTS` table.
//!
//! One item per line, indented by nesting, like cargo-public-api's listing. What is left out
//! (builder internals, `types::builder`, `defaults`, `error::ConversionError`, conversion impls,
//! documentation) is listed in ARCHITECTURE.md; none of it changes unless a listed line does.
//!
//! [`SurfaceDiff`] compares two listings line by line (`+`, `-`, `~`), matching items by kind
//! and name, so the drift between two API versions reads as a few lines.
//!
//! As cargo-public-api keeps its item walker apart from its rendering, the walk over the syn
//! tree (`read.rs`, handing each item kind to `types.rs`, `operations.rs` with `send.rs`, and
//! `constants.rs`) is apart from the rendering of types and expressions to text (`render.rs`)
//! and from the model the lines are made of ([`Entry`], [`Kind`], [`Surface`]).

mod constants;
mod diff;
mod model;
mod operations;
mod read;
mod render;
mod send;
mod types;

pub use diff::{DiffLine, DiffOp, SurfaceDiff};
pub use model::{Entry, Kind, Surface};

use crate::codegen::generate::{Generated, generate};
use crate::document::Spec;
use crate::error::{Error, Location, Result};

/// Generates the client module for `spec` and lists its surface.
///
/// # Errors
///
/// As [`crate::generate`].
pub fn surface(spec: &Spec) -> Result<Surface> {
    let Generated { source } = generate(spec)?;
    describe(spec.file(), &source)
}

/// Lists the surface of the generated module in `source` (the text of a file of
/// `generated-client/src/generated/`); `file` names it in errors.
///
/// # Errors
///
/// [`Error::Format`] when `source` does not parse as a Rust file.
pub fn describe(file: &str, source: &str) -> Result<Surface> {
    let parsed = syn::parse_file(source).map_err(|e| Error::Format {
        location: Location::file(file),
        message: e.to_string(),
    })?;
    Ok(Surface::from_entries(read::read(&parsed)))
}
