//! What a client is built with unless told otherwise.

use std::time::Duration;

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
