//! [`Client`], the entry point: one configured transport, both API versions, and
//! [`ExecuteExt::execute`], which returns this crate's [`Error`].

use std::future::Future;

use progenitor_client::ResponseValue;

use crate::config::ClientBuilder;
use crate::error::{Error, Operation};
use crate::{v3, v3_1};

/// A Composio API client for both API versions, sharing one configuration and one connection
/// pool. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Client {
    pub(crate) v3: v3::Client,
    pub(crate) v3_1: v3_1::Client,
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

    /// The operations of API version v3.
    pub fn v3(&self) -> &v3::Client {
        &self.v3
    }

    /// The operations of API version v3.1.
    pub fn v3_1(&self) -> &v3_1::Client {
        &self.v3_1
    }

    /// The base URL every request goes to.
    pub fn base_url(&self) -> &str {
        progenitor_client::ClientInfo::baseurl(&self.v3)
    }
}

/// Sends a request built by one of the generated operation builders and returns this crate's
/// [`Error`] on failure, naming the operation.
///
/// The builders' own `send()` runs the same hooks (credentials, retries, body cap) but returns
/// progenitor's error type.
pub trait ExecuteExt {
    /// The documented success body.
    type Output;

    /// Sends the request.
    fn execute(self) -> impl Future<Output = Result<ResponseValue<Self::Output>, Error>> + Send;
}

macro_rules! execute {
    ($($builder:ty => $output:ty, $envelope:ty, $id:literal, $request:literal;)*) => {$(
        impl ExecuteExt for $builder {
            type Output = $output;

            async fn execute(self) -> Result<ResponseValue<$output>, Error> {
                static OPERATION: Operation = Operation { id: $id, request: $request };
                match self.send().await {
                    Ok(response) => Ok(response),
                    Err(e) => Err(Error::from_generated::<$envelope, $output>(&OPERATION, e).await),
                }
            }
        }
    )*};
}

execute! {
    v3::builder::PostToolRouterSessionBySessionIdLink<'_> => v3::types::ToolRouterLinkResponse,
        v3::types::ErrorEnvelope, "postToolRouterSessionBySessionIdLink",
        "POST /api/v3/tool_router/session/{session_id}/link";
    v3::builder::PostConnectedAccountsLink<'_> => v3::types::ConnectedAccountLinkResponse,
        v3::types::ErrorEnvelope, "postConnectedAccountsLink",
        "POST /api/v3/connected_accounts/link";
    v3_1::builder::PostToolRouterSessionBySessionIdLink<'_> => v3_1::types::ToolRouterLinkResponse,
        v3_1::types::ErrorEnvelope, "postToolRouterSessionBySessionIdLink",
        "POST /api/v3.1/tool_router/session/{session_id}/link";
    v3_1::builder::PostConnectedAccountsLink<'_> => v3_1::types::ConnectedAccountLinkResponse,
        v3_1::types::ErrorEnvelope, "postConnectedAccountsLink",
        "POST /api/v3.1/connected_accounts/link";
}
