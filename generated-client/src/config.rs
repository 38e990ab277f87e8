//! Building a [`Client`]: credentials, base URL, timeouts, retries, headers, and the
//! environment variables Composio's official SDKs read.

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::error::Error;

use crate::Client;
use crate::generated::Versions;
use crate::transport::Transport;

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

/// The environment variable holding a project API key, sent as `x-api-key`.
pub const API_KEY_ENV: &str = "COMPOSIO_API_KEY";
/// The environment variable holding a user API key, sent as `x-user-api-key`.
pub const USER_API_KEY_ENV: &str = "COMPOSIO_USER_API_KEY";
/// The environment variable overriding [`DEFAULT_BASE_URL`].
pub const BASE_URL_ENV: &str = "COMPOSIO_BASE_URL";

/// The `User-Agent` of every request sent through a client this crate builds.
pub const USER_AGENT: &str = concat!("composio-link-rust/", env!("CARGO_PKG_VERSION"));

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
        match self {
            CredentialKind::ProjectApiKey => "x-api-key",
            CredentialKind::UserApiKey => "x-user-api-key",
        }
    }

    fn env_var(self) -> &'static str {
        match self {
            CredentialKind::ProjectApiKey => API_KEY_ENV,
            CredentialKind::UserApiKey => USER_API_KEY_ENV,
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

/// Retry timing: the first delay and the cap of the exponential backoff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Backoff {
    pub(crate) initial: Duration,
    pub(crate) max: Duration,
}

/// The settings every request of one [`Client`] shares.
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
            backoff: Backoff {
                initial: Duration::from_millis(500),
                max: Duration::from_secs(8),
            },
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

fn credential(key: Option<(CredentialKind, String)>) -> Result<Credential, Error> {
    let Some((kind, key)) = key else {
        return Err(Error::configuration(format!(
            "no API key: set {API_KEY_ENV} (project key) or {USER_API_KEY_ENV} (user key), or \
             call ClientBuilder::api_key"
        )));
    };
    if key.trim().is_empty() {
        return Err(Error::configuration(format!(
            "the API key is empty (from {} or the builder)",
            kind.env_var()
        )));
    }
    let mut value = HeaderValue::from_str(key.trim()).map_err(|_| {
        Error::configuration(format!(
            "the API key for {} has characters an HTTP header cannot carry",
            kind.header()
        ))
    })?;
    value.set_sensitive(true);
    Ok(Credential { kind, value })
}

fn check_base_url(url: &str, allow_insecure_http: bool) -> Result<String, Error> {
    let trimmed = url.trim().trim_end_matches('/');
    let parsed = reqwest::Url::parse(trimmed)
        .map_err(|e| Error::configuration(format!("base URL `{trimmed}` does not parse: {e}")))?;
    match parsed.scheme() {
        "https" => {}
        "http" if allow_insecure_http || is_loopback(&parsed) => {}
        "http" => {
            return Err(Error::configuration(format!(
                "refusing to send an API key over plain http to `{}`; use https, a loopback \
                 host, or ClientBuilder::allow_insecure_http(true)",
                parsed.host_str().unwrap_or_default()
            )));
        }
        other => {
            return Err(Error::configuration(format!(
                "base URL `{trimmed}` has scheme `{other}`; expected https"
            )));
        }
    }
    Ok(trimmed.to_owned())
}

fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(host)) => host.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

fn extra_headers(headers: &[(String, String)]) -> Result<HeaderMap, Error> {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::configuration(format!("`{name}` is not a valid header name")))?;
        if name == "x-api-key" || name == "x-user-api-key" {
            return Err(Error::configuration(format!(
                "`{name}` cannot be a default header; set the key with api_key or user_api_key"
            )));
        }
        let value = HeaderValue::from_str(value).map_err(|_| {
            Error::configuration(format!(
                "the value of header `{name}` is not a valid header value"
            ))
        })?;
        map.append(name, value);
    }
    Ok(map)
}

/// Follows a redirect only to the origin (scheme, host, port) of the request it answers, at
/// most ten times. reqwest drops `Authorization` on a cross-origin redirect but keeps custom
/// headers such as `x-api-key`, so a redirect elsewhere is not followed: the 3xx response is
/// returned and becomes an error.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let same_origin = attempt
            .previous()
            .last()
            .is_some_and(|previous| previous.origin() == attempt.url().origin());
        if attempt.previous().len() > 10 || !same_origin {
            attempt.stop()
        } else {
            attempt.follow()
        }
    })
}
