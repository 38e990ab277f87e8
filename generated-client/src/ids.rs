//! Distinct string types for the ids of the Composio API.
//!
//! The spec gives these ids their own `format` (`toolRouterSessionId`, `connectedAccountId`,
//! `authConfigId`); the generator maps each format to one of these types, so a connected
//! account id cannot be passed where a tool router session id belongs. On the wire each is a
//! plain JSON string.

use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident, $format:literal) => {
        $(#[$doc])*
        #[doc = concat!("\n\nOn the wire: a JSON string of format `", $format, "`.")]
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps an id received from the API or stored by the caller.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id as an owned string.
            pub fn into_inner(self) -> String {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = Infallible;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self(s.to_owned()))
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl crate::setter::IntoOptional<$name> for &str {
            type Error = std::convert::Infallible;

            fn into_optional(self) -> Result<Option<$name>, Self::Error> {
                Ok(Some(self.into()))
            }
        }

        impl crate::setter::IntoOptional<$name> for String {
            type Error = std::convert::Infallible;

            fn into_optional(self) -> Result<Option<$name>, Self::Error> {
                Ok(Some(self.into()))
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

string_id!(
    /// The id of a tool router session (e.g. `trs_LX9uJKBinWWr`).
    ToolRouterSessionId,
    "toolRouterSessionId"
);
string_id!(
    /// The id of a connected account (e.g. `ca_abc123xyz`).
    ConnectedAccountId,
    "connectedAccountId"
);
string_id!(
    /// The id of an auth config.
    AuthConfigId,
    "authConfigId"
);
