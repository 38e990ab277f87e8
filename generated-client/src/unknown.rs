//! The value of an enum that this version of the crate does not know.
//!
//! Every string enum the generator writes is `#[non_exhaustive]` and ends with a variant
//! `Unknown(UnknownValue)`: a response that carries a value the spec does not list (a status
//! Composio added after this crate was generated) still decodes, keeps the value as it came,
//! and serializes back to the same string. Code that matches such an enum handles the variants
//! it knows and treats every other one alike:
//!
//! ```
//! use composio_link::v3_1::types::ConnectedAccountStatus;
//!
//! let status: ConnectedAccountStatus = serde_json::from_str("\"SUSPENDED\"").unwrap();
//! let verdict = match &status {
//!     ConnectedAccountStatus::Active => "usable",
//!     ConnectedAccountStatus::Failed | ConnectedAccountStatus::Expired => "gone",
//!     _ => "not usable yet, or a status newer than this crate",
//! };
//! assert_eq!(verdict, "not usable yet, or a status newer than this crate");
//! assert_eq!(status.to_string(), "SUSPENDED");
//! assert_eq!(serde_json::to_string(&status).unwrap(), "\"SUSPENDED\"");
//! ```
//!
//! Do not match on the text inside `Unknown`: a later version of the crate may know that value
//! and decode it into a variant of its own, and such a match would then silently stop matching.
//! `to_string()` gives the value of any variant, known or not.
//!
//! Parsing a string into an enum (`"ACTIVE".parse()`, `TryFrom<&str>`, the builders' setters
//! and the CLI's flags) accepts only the values the spec lists. A request carries a value the
//! spec does not list only when the caller builds one on purpose with [`UnknownValue::new`].

use std::fmt;

use serde::{Deserialize, Serialize};

/// A value of a string enum that the spec this crate was generated from does not list, kept as
/// it came. It serializes to the same string.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// A value the spec does not list, to send on purpose: a request holding it is sent as it
    /// is, for a server newer than this crate. Prefer the enum's own variants; for a value the
    /// spec lists, this makes a value that is not equal to that variant.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value as it came.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
