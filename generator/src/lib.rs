//! The engine behind `cargo xtask regen`: it turns one OpenAPI document of `spec/` into the
//! formatted Rust module that the `composio-link` crate includes.
//!
//! The pipeline is `load` (YAML bytes → [`openapiv3::OpenAPI`], refusing anything that is not
//! OpenAPI 3.0.x), [`generate`] (progenitor, with the settings every API version shares) and
//! formatting (prettyplease, plus a do-not-edit header naming the spec and its SHA-256).
//!
//! This crate reads only what it is given: it never opens files or writes output, so the
//! xtask decides where bytes come from and where they go, and tests can run it in memory.
//! Every failure is an [`Error`] that names the spec file, and a line and column or an
//! operation where one is known; panics inside progenitor are caught and reported the same way.

#![forbid(unsafe_code)]

mod checks;
mod collisions;
mod constraints;
mod docs;
pub mod drift;
mod error;
mod format;
mod generate;
mod glue;
mod load;
mod mocks;
pub mod openapi;
mod positions;
mod setters;
pub mod surface;
mod syntax;
mod version;
mod version_paths;

pub use drift::{Report, drift};
pub use error::{Error, Location, Result};
pub use format::HEADER_COMMAND;
pub use generate::{Generated, generate, generate_index, generate_tokens};
pub use load::{MAX_SPEC_BYTES, Spec, load};
pub use mocks::generate_mocks;
pub use surface::{Surface, SurfaceDiff, describe, surface};
pub use version::ApiVersion;
pub use version_paths::check_version_segments;
