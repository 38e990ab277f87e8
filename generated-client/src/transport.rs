//! The shared state of one [`crate::Client`] and the progenitor hooks that every generated
//! operation runs through: credentials, the headers on the wire, retries, the response body
//! cap and tracing.
//!
//! progenitor generates request plumbing only (no auth, no retries: its issues #420 and #252).
//! The generator emits every `Client` with `HooksMode::Expected` and this [`Transport`] as its
//! inner value, and emits each version's `ClientHooks` impl calling `exec.rs`, so those hooks
//! are the one place where a request leaves and a response arrives, for every operation of
//! every API version.

use std::fmt;
use std::sync::Arc;

/// The shared state of one [`crate::Client`]; every generated client holds a clone.
///
/// It can only be made by [`crate::ClientBuilder`], so every request goes out configured.
#[derive(Clone)]
pub struct Transport {
    shared: Arc<crate::config::Config>,
}

impl Transport {
    pub(crate) fn new(config: crate::config::Config) -> Self {
        Self {
            shared: Arc::new(config),
        }
    }

    pub(crate) fn config(&self) -> &crate::config::Config {
        &self.shared
    }
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.shared, f)
    }
}
