//! Wire-level comparison of two OpenAPI documents, with oasdiff's rules.
//!
//! Operations are matched by method and path after the version segment ([`op`]); each is
//! compared in what it says ([`operations`], [`security`], [`parameters`], [`bodies`]); each
//! JSON body is flattened into its properties ([`flatten`]), so two documents that spell a
//! schema differently but mean the same compare equal, and the properties are compared
//! ([`properties`], [`limits`]). A property that appears or disappears is reported once, not
//! once per property under it. [`compare`] holds the state of one comparison and places each
//! change in the document it is about.

mod bodies;
mod compare;
mod flatten;
mod limits;
mod matching;
mod operations;
mod parameters;
mod properties;
mod resolve;
mod security;

pub(super) use bodies::request_property;
pub(crate) use matching::{key as operation_key, label as operation_label};
pub(super) use resolve::component_node;

use super::change::Change;
use crate::document::Spec;

/// Every wire-level difference from `from` to `to`, unsorted.
pub(super) fn compare(from: &Spec, to: &Spec) -> Vec<Change> {
    let mut compare = compare::Compare {
        from,
        to,
        old: from.openapi(),
        new: to.openapi(),
        out: Vec::new(),
    };
    compare.info();
    compare.security_schemes();
    compare.global_security();
    compare.operations();
    compare.out
}
