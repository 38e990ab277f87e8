//! Building a [`crate::Client`]: credentials, base URL, timeouts, retries, headers, and the
//! environment variables Composio's official SDKs read.
//!
//! [`ClientBuilder`] and its setters are in `builder.rs`, the environment variables in `env.rs`,
//! the checks `build()` makes in `checks.rs`, the redirect policy of the HTTP client it
//! builds in `redirect.rs`, and the defaults in `defaults.rs`.

mod builder;
mod checks;
mod defaults;
mod env;
mod redirect;

pub use builder::ClientBuilder;
pub use defaults::{
    DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT, USER_AGENT,
};
pub use env::{API_KEY_ENV, BASE_URL_ENV, USER_API_KEY_ENV};
