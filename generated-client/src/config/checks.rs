//! The checks [`super::ClientBuilder::build`] makes before any request: a missing or empty key,
//! a key a header cannot carry, a base URL that does not parse, a key over plain `http://` to a
//! host that is not loopback, a bad or credential-replacing default header.

use std::net::IpAddr;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::env::{API_KEY_ENV, USER_API_KEY_ENV, env_var};
use crate::error::Error;
use crate::headers;
use crate::transport::{Credential, CredentialKind};

/// The key to send, with its header value marked sensitive.
pub(super) fn credential(key: Option<(CredentialKind, String)>) -> Result<Credential, Error> {
    let Some((kind, key)) = key else {
        return Err(Error::configuration(format!(
            "no API key: set {API_KEY_ENV} (project key) or {USER_API_KEY_ENV} (user key), or \
             call ClientBuilder::api_key"
        )));
    };
    if key.trim().is_empty() {
        return Err(Error::configuration(format!(
            "the API key is empty (from {} or the builder)",
            env_var(kind)
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

/// The base URL without surrounding space or a trailing `/`, when its scheme may carry the key.
pub(super) fn check_base_url(url: &str, allow_insecure_http: bool) -> Result<String, Error> {
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

/// The default headers as a map, refusing a bad name or value and the credential headers.
pub(super) fn extra_headers(pairs: &[(String, String)]) -> Result<HeaderMap, Error> {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::configuration(format!("`{name}` is not a valid header name")))?;
        if name == headers::API_KEY || name == headers::USER_API_KEY {
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
