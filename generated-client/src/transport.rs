//! The shared state of one [`crate::Client`] and the progenitor hooks that every generated
//! operation runs through: credentials, the headers on the wire, retries, the response body
//! cap and tracing.
//!
//! progenitor generates request plumbing only (no auth, no retries: its issues #420 and #252).
//! The generator emits every `Client` with `HooksMode::Expected` and this [`Transport`] as its
//! inner value, so these hooks are the one place where a request leaves and a response
//! arrives, for every operation of every API version.

use std::fmt;
use std::sync::Arc;

use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};

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

/// Implements the progenitor hooks of one generated client in terms of this module.
macro_rules! hooks {
    ($module:ident) => {
        impl ClientHooks<Transport> for crate::$module::Client {
            async fn pre<E>(
                &self,
                request: &mut reqwest::Request,
                info: &OperationInfo,
            ) -> Result<(), progenitor_client::Error<E>> {
                crate::exec::prepare(
                    self.inner(),
                    request,
                    info,
                    crate::$module::REQUEST_CONSTRAINTS,
                )
                .map_err(progenitor_client::Error::InvalidRequest)
            }

            async fn exec(
                &self,
                request: reqwest::Request,
                info: &OperationInfo,
            ) -> reqwest::Result<reqwest::Response> {
                crate::exec::execute(self.inner(), self.client(), request, info).await
            }

            async fn post<E>(
                &self,
                result: &reqwest::Result<reqwest::Response>,
                _info: &OperationInfo,
            ) -> Result<(), progenitor_client::Error<E>> {
                match result
                    .as_ref()
                    .ok()
                    .and_then(crate::exec::undocumented_error_body)
                {
                    Some(response) => Err(progenitor_client::Error::UnexpectedResponse(response)),
                    None => Ok(()),
                }
            }
        }
    };
}

hooks!(v3);
hooks!(v3_1);
