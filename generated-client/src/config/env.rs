//! The environment variables Composio's official SDKs read (`ClientBuilder::from_env` reads
//! them), and which of them a key of each kind comes from.

use crate::transport::CredentialKind;

/// The environment variable holding a project API key, sent as `x-api-key`.
pub const API_KEY_ENV: &str = "COMPOSIO_API_KEY";
/// The environment variable holding a user API key, sent as `x-user-api-key`.
pub const USER_API_KEY_ENV: &str = "COMPOSIO_USER_API_KEY";
/// The environment variable overriding [`DEFAULT_BASE_URL`](super::DEFAULT_BASE_URL).
pub const BASE_URL_ENV: &str = "COMPOSIO_BASE_URL";

/// The environment variable a key of `kind` is read from.
pub(super) fn env_var(kind: CredentialKind) -> &'static str {
    match kind {
        CredentialKind::ProjectApiKey => API_KEY_ENV,
        CredentialKind::UserApiKey => USER_API_KEY_ENV,
    }
}
