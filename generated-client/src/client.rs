//! [`Client`], the entry point: one configured transport, every API version, and
//! [`ExecuteExt::execute`], which returns this crate's [`Error`].
//!
//! The per-version parts (`Client`'s accessor per version, the generated clients it holds,
//! `ExecuteExt` for every operation's builder) are generated into `generated/`; this file has
//! what is the same for all of them. `Client`'s methods (`builder`, `from_env`, `base_url`) are
//! beside the builder that makes it, in `config/builder.rs`.

use std::future::Future;

use progenitor_client::ResponseValue;
use serde::de::DeserializeOwned;

use crate::error::{Envelope, Error, Operation};
use crate::generated::Versions;
use crate::transport::Transport;

/// A Composio API client for every API version, sharing one configuration and one connection
/// pool. Cheap to clone.
///
/// Each API version's operations are behind its accessor (`client.v3_1()`), generated from the
/// version's spec.
#[derive(Clone, Debug)]
pub struct Client {
    pub(crate) transport: Transport,
    pub(crate) versions: Versions,
}

/// Finds one API version's generated client in a [`Client`]; implemented by the generated
/// index for every version, so code written once for all versions (the CLI) can reach each.
#[cfg_attr(
    not(feature = "cli"),
    allow(
        dead_code,
        reason = "only the CLI's generated functions select a version"
    )
)]
pub(crate) trait Select {
    /// This version's client in `client`.
    fn select(client: &Client) -> &Self;
}

/// Sends a request built by one of the generated operation builders and returns this crate's
/// [`Error`] on failure, naming the operation.
///
/// Implemented for the builder of every operation of every API version. The builders' own
/// `send()` runs the same hooks (credentials, retries, body cap) but returns progenitor's
/// error type.
pub trait ExecuteExt {
    /// The documented success body.
    type Output;

    /// Sends the request.
    fn execute(self) -> impl Future<Output = Result<ResponseValue<Self::Output>, Error>> + Send;
}

/// What every generated `ExecuteExt::execute` returns: the response (of any 2xx status whose
/// body decodes as the documented success type), or progenitor's error converted into this
/// crate's, naming `operation`. `E` is the operation's error envelope, `T` its success body.
pub(crate) async fn finish<T, E>(
    operation: &'static Operation,
    result: Result<ResponseValue<T>, progenitor_client::Error<E>>,
) -> Result<ResponseValue<T>, Error>
where
    T: DeserializeOwned,
    E: Envelope + DeserializeOwned,
{
    match result {
        Ok(response) => Ok(response),
        // A 2xx the operation does not document (a 200 where the spec says 201): the official
        // SDKs accept any 2xx whose body parses, and so does this.
        Err(progenitor_client::Error::UnexpectedResponse(response))
            if response.status().is_success() =>
        {
            Error::undocumented_success(operation, response).await
        }
        Err(e) => Err(Error::from_generated::<E, T>(operation, e).await),
    }
}
