//! Building a [`crate::Client`]: credentials, base URL, timeouts, retries, headers, and the
//! environment variables Composio's official SDKs read.
//!
//! [`ClientBuilder`] and its setters are in `builder.rs`, the environment variables in `env.rs`,
//! the checks `build()` makes in `checks.rs`, and the redirect policy of the HTTP client it
//! builds in `redirect.rs`; the defaults are here.

use std::time::Duration;

mod builder;
mod checks;
mod env;
mod redirect;

pub use builder::ClientBuilder;
pub use env::{API_KEY_ENV, BASE_URL_ENV, USER_API_KEY_ENV};

/// The Composio API that a client talks to unless told otherwise.
pub const DEFAULT_BASE_URL: &str = "https://backend.composio.dev";
/// The whole-request timeout, connection and body included, per attempt.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// The time allowed to establish a connection, per attempt.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Extra attempts after the first one for a retryable failure.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// The largest response body read; a larger one fails with [`crate::ErrorKind::BodyTooLarge`].
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 4 * 1024 * 1024;

/// The `User-Agent` of every request sent through a client this crate builds.
pub const USER_AGENT: &str = concat!("composio-link-rust/", env!("CARGO_PKG_VERSION"));
