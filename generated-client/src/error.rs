//! The one error type of every call: which operation, which request, which HTTP status, which
//! API error, and what to do about it.
//!
//! [`Error`] and its accessors are in `call.rs`; what kind of failure it is in `kind.rs`, the
//! API's own error envelope in `api.rs`, the conversion of what a call returned into an [`Error`] in
//! `convert.rs`, and the body-cap failure the transport reports in `too_large.rs`.

mod api;
mod call;
mod convert;
mod kind;
mod too_large;

pub use api::ApiError;
pub(crate) use api::Envelope;
pub(crate) use call::Operation;
pub use call::{BODY_SNIPPET_BYTES, Error};
pub use kind::ErrorKind;
pub(crate) use too_large::BodyTooLarge;
