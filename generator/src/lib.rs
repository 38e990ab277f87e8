//! The engine behind `cargo xtask regen`: it turns one OpenAPI document of `spec/` into the
//! formatted Rust module that the `composio-link` crate includes.
//!
//! The pipeline is [`load()`] (YAML bytes → [`openapiv3::OpenAPI`], refusing anything that is not
//! OpenAPI 3.0.x), [`generate()`] (progenitor, with the settings every API version shares) and
//! formatting (prettyplease, plus a do-not-edit header naming the spec and its SHA-256).
//!
//! The modules are layers, each using only those below it:
//!
//! 1. `error` ([`Error`], [`Location`]) and `panic_guard` (a panic turned into an error);
//! 2. `openapi`: facts about any OpenAPI document (methods, operations, the one `$ref`
//!    resolver, JSON media), and `syntax`: the readings of a syn tree every pass over
//!    progenitor's output shares;
//! 3. `document`: one spec from bytes to a [`Spec`] (load, YAML positions, the explanation of
//!    a document that does not load, API versions);
//! 4. `codegen`: the settings and crate paths of the output, the preflight checks, progenitor,
//!    the glue, formatting and mocks;
//! 5. [`mod@surface`]: the public surface of a generated module;
//! 6. [`mod@drift`]: classified differences between two specs, on the wire and in Rust;
//! 7. [`upstream`]: the part of a vendor's OpenAPI document that `spec/` describes, cut out
//!    and brought to OpenAPI 3.0 so that drift can compare it.
//!
//! This crate reads only what it is given: it never opens files or writes output, so the
//! xtask decides where bytes come from and where they go, and tests can run it in memory.
//! Every failure is an [`Error`] that names the spec file, and a line and column or an
//! operation where one is known; panics inside progenitor are caught and reported the same way.

#![forbid(unsafe_code)]

mod codegen;
mod document;
pub mod drift;
mod error;
mod openapi;
mod panic_guard;
pub mod surface;
mod syntax;
pub mod upstream;

pub use codegen::format::{GENERATED_MARK, HEADER_COMMAND};
pub use codegen::generate::{Generated, generate, generate_index, generate_tokens};
pub use codegen::mocks::generate_mocks;
pub use codegen::settings::ID_FORMATS;
pub use document::{ApiVersion, MAX_SPEC_BYTES, Spec, check_version_segments, load};
pub use drift::{Report, drift};
pub use error::{Error, Location, Result};
pub use surface::{Surface, SurfaceDiff, describe, surface};
