//! The shared state of one [`crate::Client`], which every generated operation carries to the
//! progenitor hooks: the credential, the base URL's origin, the headers put on the wire, the
//! retry and body-cap settings.
//!
//! progenitor generates request plumbing only (no auth, no retries: its issues #420 and #252).
//! The generator emits every `Client` with `HooksMode::Expected` and this [`Transport`] as its
//! inner value, and emits each version's `ClientHooks` impl calling `exec.rs`, so those hooks
//! are the one place where a request leaves and a response arrives, for every operation of
//! every API version.

use std::fmt;
use std::sync::Arc;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::headers;
use crate::retry::Backoff;

/// The shared state of one [`crate::Client`]; every generated client holds a clone.
///
/// It can only be made by [`crate::ClientBuilder`], so every request goes out configured.
#[derive(Clone)]
pub struct Transport {
    shared: Arc<Config>,
}

impl Transport {
    pub(crate) fn new(config: Config) -> Self {
        Self {
            shared: Arc::new(config),
        }
    }

    pub(crate) fn config(&self) -> &Config {
        &self.shared
    }
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.shared, f)
    }
}

/// The settings every request of one [`crate::Client`] shares.
pub(crate) struct Config {
    pub(crate) credential: Credential,
    pub(crate) base_url: String,
    /// The origin of `base_url`: the only one requests (and so the key) may go to.
    pub(crate) origin: url::Origin,
    pub(crate) max_retries: u32,
    pub(crate) max_response_bytes: usize,
    pub(crate) extra_headers: HeaderMap,
    pub(crate) backoff: Backoff,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("credential", &self.credential)
            .field("base_url", &self.base_url)
            .field("max_retries", &self.max_retries)
            .field("max_response_bytes", &self.max_response_bytes)
            .field(
                "extra_headers",
                &self.extra_headers.keys().collect::<Vec<_>>(),
            )
            .field("backoff", &self.backoff)
            .finish()
    }
}

/// Which kind of API key a client sends, and in which header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CredentialKind {
    /// A project API key, sent as `x-api-key`.
    ProjectApiKey,
    /// A user API key, sent as `x-user-api-key`.
    UserApiKey,
}

impl CredentialKind {
    /// The header this kind of key travels in.
    pub fn header(self) -> &'static str {
        self.header_name().as_str()
    }

    /// [`CredentialKind::header`] as a header name, ready to insert without parsing it again.
    pub(crate) fn header_name(self) -> &'static HeaderName {
        match self {
            CredentialKind::ProjectApiKey => &headers::API_KEY,
            CredentialKind::UserApiKey => &headers::USER_API_KEY,
        }
    }
}

/// An API key, ready to send: its header value is marked sensitive, so reqwest and `http`
/// never print it, and its `Debug` shows `***`.
#[derive(Clone)]
pub(crate) struct Credential {
    pub(crate) kind: CredentialKind,
    pub(crate) value: HeaderValue,
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credential")
            .field("header", &self.kind.header())
            .field("key", &"***")
            .finish()
    }
}
