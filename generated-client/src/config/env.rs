//! The environment variables Composio's official SDKs read, and the builder made from them.

use super::ClientBuilder;
use crate::transport::CredentialKind;

/// The environment variable holding a project API key, sent as `x-api-key`.
pub const API_KEY_ENV: &str = "COMPOSIO_API_KEY";
/// The environment variable holding a user API key, sent as `x-user-api-key`.
pub const USER_API_KEY_ENV: &str = "COMPOSIO_USER_API_KEY";
/// The environment variable overriding [`super::DEFAULT_BASE_URL`].
pub const BASE_URL_ENV: &str = "COMPOSIO_BASE_URL";

/// The environment variable a key of `kind` is read from.
pub(super) fn env_var(kind: CredentialKind) -> &'static str {
    match kind {
        CredentialKind::ProjectApiKey => API_KEY_ENV,
        CredentialKind::UserApiKey => USER_API_KEY_ENV,
    }
}

impl ClientBuilder {
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
}
