//! Checking a request's path parameters and body against the constraints the spec states,
//! before it is sent.
//!
//! Each generated module carries a `REQUEST_CONSTRAINTS` table derived from its spec; the
//! `pre` hook checks the body against it, so a body the service would refuse never leaves.
//! The tables' row types are in `table.rs`; the checks in `body.rs` (the body against
//! `REQUEST_CONSTRAINTS`), `path.rs` (the path parameters against `REQUEST_PATHS`) and
//! `refused.rs` (the field a refusal names).

mod body;
mod path;
mod refused;
mod table;

pub(crate) use body::check;
#[cfg(feature = "cli")]
pub(crate) use body::check_listed;
pub(crate) use path::check_path;
pub(crate) use refused::refused_field;
pub use table::{Constraint, PathParameter, PathTemplate, Rule};
