//! [`ClientBuilder`]: the settings of a [`Client`], set one by one, and `build()`, which checks
//! them and makes the client.

use std::fmt;
use std::time::Duration;

use super::checks::{check_base_url, credential, extra_headers};
use super::defaults::{
    DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT, USER_AGENT,
};
use super::env::{API_KEY_ENV, BASE_URL_ENV, USER_API_KEY_ENV};
use super::redirect::same_origin_redirects;
use crate::client::Client;
use crate::error::Error;
use crate::generated::Versions;
use crate::retry::Backoff;
use crate::transport::{Config, CredentialKind, Transport};

/// Builds a [`Client`]; start with [`Client::builder`] or [`ClientBuilder::from_env`].
///
/// Every mistake (no key, an empty key, a key with characters a header cannot carry, a base
/// URL that does not parse, a key over plain `http://` to a host that is not loopback) is an
/// [`crate::ErrorKind::Configuration`] error from [`ClientBuilder::build`], before any request.
#[derive(Clone)]
pub struct ClientBuilder {
    key: Option<(CredentialKind, String)>,
    base_url: String,
    timeout: Duration,
    connect_timeout: Duration,
    max_retries: u32,
    max_response_bytes: usize,
    extra_headers: Vec<(String, String)>,
    http_client: Option<reqwest::Client>,
    allow_insecure_http: bool,
    backoff: Backoff,
    /// A mistake found before `build()` (both keys in the environment), reported by it.
    deferred: Option<String>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field(
                "key",
                &self.key.as_ref().map(|(kind, _)| (kind.header(), "***")),
            )
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_retries", &self.max_retries)
            .field("max_response_bytes", &self.max_response_bytes)
            .field(
                "extra_headers",
                &self
                    .extra_headers
                    .iter()
                    .map(|(n, _)| n)
                    .collect::<Vec<_>>(),
            )
            .field("http_client", &self.http_client.is_some())
            .field("allow_insecure_http", &self.allow_insecure_http)
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            key: None,
            base_url: DEFAULT_BASE_URL.to_owned(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_retries: DEFAULT_MAX_RETRIES,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            extra_headers: Vec::new(),
            http_client: None,
            allow_insecure_http: false,
            backoff: Backoff::DEFAULT,
            deferred: None,
        }
    }
}

impl ClientBuilder {
    /// A builder with the defaults and no key.
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder configured from the process environment: `COMPOSIO_API_KEY` (project key) or
    /// `COMPOSIO_USER_API_KEY` (user key), and `COMPOSIO_BASE_URL`.
    pub fn from_env() -> Self {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    /// As [`ClientBuilder::from_env`], reading variables through `lookup` (for tests and for
    /// programs that keep their configuration elsewhere).
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let mut builder = Self::new();
        let project = lookup(API_KEY_ENV);
        let user = lookup(USER_API_KEY_ENV);
        match (project, user) {
            (Some(_), Some(_)) => {
                builder.deferred = Some(format!(
                    "both {API_KEY_ENV} and {USER_API_KEY_ENV} are set; set only one (the \
                     service refuses a request that carries two keys)"
                ));
            }
            (Some(key), None) => builder.key = Some((CredentialKind::ProjectApiKey, key)),
            (None, Some(key)) => builder.key = Some((CredentialKind::UserApiKey, key)),
            (None, None) => {}
        }
        if let Some(url) = lookup(BASE_URL_ENV).filter(|u| !u.trim().is_empty()) {
            builder.base_url = url;
        }
        builder
    }

    /// Sends `key` as a project API key (`x-api-key`), replacing any key set before.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.key = Some((CredentialKind::ProjectApiKey, key.into()));
        self.deferred = None;
        self
    }

    /// Sends `key` as a user API key (`x-user-api-key`), replacing any key set before.
    pub fn user_api_key(mut self, key: impl Into<String>) -> Self {
        self.key = Some((CredentialKind::UserApiKey, key.into()));
        self.deferred = None;
        self
    }

    /// The API's base URL, scheme and host (and port) included; a trailing `/` is ignored.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// The whole-request timeout of each attempt (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The connection timeout of each attempt (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How many times a retryable failure is retried (default 2; 0 turns retries off).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The first delay and the cap of the exponential retry backoff (default 0.5 s and 8 s,
    /// as Composio's official SDKs). A server's `Retry-After` still takes precedence.
    pub fn retry_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.backoff = Backoff { initial, max };
        self
    }

    /// The largest response body read (default 4 MiB).
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// A header sent with every request. It cannot replace the credential header.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.extra_headers.push((name.into(), value.into()));
        self
    }

    /// Sends requests through `client` instead of one built here. Its own timeouts, redirect
    /// policy, proxy and `User-Agent` then apply; it must not add a credential header itself.
    ///
    /// Give it `reqwest::redirect::Policy::none()` (or a same-origin policy): reqwest's default
    /// policy follows redirects to other origins and strips `Authorization` but not `x-api-key`.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Allows sending the key over plain `http://` to a host that is not loopback. Off by
    /// default: a key in clear text can be read by anyone on the path.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Checks the configuration and builds the client.
    ///
    /// # Errors
    ///
    /// An [`crate::ErrorKind::Configuration`] error naming what is wrong.
    pub fn build(self) -> Result<Client, Error> {
        if let Some(message) = self.deferred {
            return Err(Error::configuration(message));
        }
        let credential = credential(self.key)?;
        let base_url = check_base_url(&self.base_url, self.allow_insecure_http)?;
        let extra_headers = extra_headers(&self.extra_headers)?;
        let http = match self.http_client {
            Some(client) => client,
            None => reqwest::Client::builder()
                .timeout(self.timeout)
                .connect_timeout(self.connect_timeout)
                .user_agent(USER_AGENT)
                .redirect(same_origin_redirects())
                .build()
                .map_err(|e| Error::configuration(format!("cannot build the HTTP client: {e}")))?,
        };
        let transport = Transport::new(Config {
            credential,
            origin: reqwest::Url::parse(&base_url)
                .map(|u| u.origin())
                .map_err(|e| Error::configuration(format!("base URL `{base_url}`: {e}")))?,
            base_url: base_url.clone(),
            max_retries: self.max_retries,
            max_response_bytes: self.max_response_bytes,
            extra_headers,
            backoff: self.backoff,
        });
        // One reqwest client, so every API version shares one connection pool.
        Ok(Client {
            versions: Versions::new(&base_url, &http, &transport),
            transport,
        })
    }
}

impl Client {
    /// A builder with the defaults and no key.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client configured from the environment (`COMPOSIO_API_KEY` or
    /// `COMPOSIO_USER_API_KEY`, and `COMPOSIO_BASE_URL`), with every other setting at its
    /// default.
    ///
    /// # Errors
    ///
    /// An [`crate::ErrorKind::Configuration`] error when no key (or an empty one) is set.
    pub fn from_env() -> Result<Self, Error> {
        ClientBuilder::from_env().build()
    }

    /// The base URL every request goes to.
    pub fn base_url(&self) -> &str {
        &self.transport.config().base_url
    }
}
