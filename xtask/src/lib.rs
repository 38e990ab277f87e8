//! The maintainer commands of the workspace, as a library so that the tests crate can run them
//! in memory (the way rust-analyzer checks its own generated code from `cargo test`).
//!
//! Layers, lowest first, each using only those before it: [`error`], [`layout`] and
//! [`report`] (the forms drift and upstream print); [`specs`] (the one reader of `spec/`) and
//! [`scratch`] (temporary copies of the workspace); [`codegen`], [`surface`], [`drift`] and
//! [`upstream`]; [`summary`] and [`selftest`]; [`changelog`]; [`release`]; [`commands`], which `main.rs` dispatches to.

#![forbid(unsafe_code)]

pub mod changelog;
pub mod codegen;
pub mod commands;
pub mod drift;
pub mod error;
pub mod layout;
pub mod release;
pub mod report;
pub mod scratch;
pub mod selftest;
pub mod specs;
pub mod summary;
pub mod surface;
pub mod upstream;

pub use error::{Error, Outcome, Result};
