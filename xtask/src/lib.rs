//! The maintainer commands of the workspace, as a library so that the tests crate can run them
//! in memory (the way rust-analyzer checks its own generated code from `cargo test`).

#![forbid(unsafe_code)]

pub mod codegen;
pub mod drift;
pub mod selftest;
pub mod surface;
pub mod upstream;
