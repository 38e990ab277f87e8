//! Waiting for a connection: the other half of an auth link.
//!
//! A link is only useful once the user has finished it. `wait_for_connection` polls the
//! connected account a link created until it is `ACTIVE`, as the official SDKs'
//! `wait_for_connection()` do:
//!
//! ```no_run
//! use std::time::Duration;
//! use composio_link::prelude::*;
//!
//! # async fn run() -> Result<(), composio_link::Error> {
//! let client = Client::from_env()?;
//! let link = client.v3_1().post_connected_accounts_link()
//!     .body_map(|body| body.auth_config_id("ac_123").user_id("user-1"))
//!     .execute().await?;
//! println!("send the user to {}", link.redirect_url);
//! let account = client.v3_1()
//!     .wait_for_connection(&link.connected_account_id)
//!     .timeout(Duration::from_secs(120))
//!     .await?;
//! println!("{} is connected to {}", account.id, account.toolkit.slug);
//! # Ok(())
//! # }
//! ```
//!
//! - The first poll is sent at once, each next one a poll interval (default 1 s,
//!   [`DEFAULT_POLL_INTERVAL`]) after the previous one started, never sooner. Each poll is one
//!   GET of the account through the client's hooks, so it has the client's credentials, timeout
//!   and retries (a 503 is retried like any other call's).
//! - `ACTIVE` resolves the wait to the account, typed as the version's spec describes it.
//! - `FAILED`, `EXPIRED` and `INACTIVE` end it at once with an
//!   [`ErrorKind::ConnectionRequestFailed`] error; [`Error::connection_status`] says which and
//!   [`Error::status_reason`] why, as the account's `status_reason` gave it.
//! - Any other status (`INITIALIZING`, `INITIATED`) is polled again.
//! - A failed poll ends the wait with that call's error: an unknown account is
//!   [`ErrorKind::NotFound`], an unreachable API [`ErrorKind::Connection`].
//! - When the timeout (default 60 s, [`DEFAULT_TIMEOUT`]) runs out, the wait ends with an
//!   [`ErrorKind::Timeout`] error whose [`Error::connection_status`] is the last status seen
//!   (`None` when no poll had answered yet); a poll still in flight is cancelled.
//! - Dropping the future stops the polling: nothing more is sent.
//!
//! Every API version whose spec can read a connected account
//! (`GET .../connected_accounts/{id}` with a `status`) has `wait_for_connection`; the generator
//! emits it and the version's [`PollAccount`] impl, and this module holds the waiting itself,
//! written once for all versions. A version without that operation has no wait.
//!
//! In a downstream test, the typed mocks can play the account's life: here `INITIATED` twice,
//! then `ACTIVE`.
//!
//! ```
//! # #[cfg(feature = "mock")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! use std::time::Duration;
//! use composio_link::mock::v3_1::MockServerExt;
//! use composio_link::prelude::*;
//! use composio_link::v3_1::types::{
//!     ConnectedAccount, ConnectedAccountAuthConfig, ConnectedAccountStatus,
//!     ConnectedAccountToolkit,
//! };
//!
//! let server = httpmock::MockServer::start_async().await;
//! let account = |status| ConnectedAccount {
//!     id: "ca_1".into(),
//!     status,
//!     status_reason: None,
//!     toolkit: ConnectedAccountToolkit { slug: "github".into() },
//!     auth_config: ConnectedAccountAuthConfig { id: "ac_1".into() },
//!     created_at: "2026-01-16T10:00:00Z".into(),
//!     updated_at: "2026-01-16T10:00:00Z".into(),
//!     is_disabled: false,
//! };
//! let id = ConnectedAccountId::new("ca_1");
//! // The first mock that matches and is not used up answers.
//! let initiated = server.get_connected_accounts_by_nanoid(|when, then| {
//!     when.nanoid(&id);
//!     then.ok(&account(ConnectedAccountStatus::Initiated))
//!         .into_inner()
//!         .up_to_n_times(2);
//! });
//! let active = server.get_connected_accounts_by_nanoid(|when, then| {
//!     when.nanoid(&id);
//!     then.ok(&account(ConnectedAccountStatus::Active));
//! });
//!
//! let client = Client::builder()
//!     .api_key("test-key")
//!     .base_url(server.base_url())
//!     .build()
//!     .unwrap();
//! let connected = client.v3_1()
//!     .wait_for_connection(&id)
//!     .poll_interval(Duration::from_millis(10))
//!     .await
//!     .unwrap();
//! assert_eq!(connected.status, ConnectedAccountStatus::Active);
//! initiated.assert_calls_async(2).await;
//! active.assert_calls_async(1).await;
//! # }
//! # #[cfg(not(feature = "mock"))]
//! # fn main() {}
//! ```

use std::error::Error as StdError;
use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use serde::Serialize;
use tokio::time::Instant;

use crate::error::Operation;
use crate::{Error, ErrorKind};

// The waiting itself is here; what a status means and the state an error of a wait carries are
// in `status.rs`, the command-line tool's `--wait` in `cli.rs`.
#[cfg(feature = "cli")]
mod cli;
mod status;

#[cfg(feature = "cli")]
pub(crate) use cli::cli_call;
use status::{State, Verdict, verdict};

/// How long a wait lasts unless [`WaitForConnection::timeout`] says otherwise, as in the
/// official SDKs.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// How long after a poll started the next one starts, unless
/// [`WaitForConnection::poll_interval`] says otherwise, as in the official SDKs.
pub const DEFAULT_POLL_INTERVAL: Duration = Duration::from_secs(1);

pub(crate) mod sealed {
    /// Keeps [`super::PollAccount`] to the generated clients.
    pub trait Sealed {}
}

/// One read of a connected account: what a wait repeats. The generator implements it for the
/// client of every API version whose spec has that read; it cannot be implemented elsewhere.
pub trait PollAccount: sealed::Sealed + Sync {
    /// The id the read takes ([`crate::ids::ConnectedAccountId`]).
    type Id: Clone + fmt::Display + Send + Sync;
    /// The account, as the version's spec describes it.
    type Account: Serialize + Send;

    /// Sends one read of the account `id` through the client's hooks and retries.
    fn fetch<'a>(
        &'a self,
        id: &'a Self::Id,
    ) -> impl Future<Output = Result<Self::Account, Error>> + Send + 'a;
}

/// A wait for a connected account to become `ACTIVE`: set its timeout and poll interval, then
/// `.await` it. Made by a version's `wait_for_connection`; see [the module](self).
#[must_use = "a wait sends nothing until it is awaited"]
pub struct WaitForConnection<'a, C: PollAccount> {
    client: &'a C,
    id: C::Id,
    operation: &'static Operation,
    timeout: Duration,
    poll_interval: Duration,
}

impl<C: PollAccount> fmt::Debug for WaitForConnection<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitForConnection")
            .field("id", &self.id.to_string())
            .field("request", &self.operation.request)
            .field("timeout", &self.timeout)
            .field("poll_interval", &self.poll_interval)
            .finish_non_exhaustive()
    }
}

impl<'a, C: PollAccount> WaitForConnection<'a, C> {
    /// A wait for `id` through `client`, whose reads are `operation`.
    pub(crate) fn new(client: &'a C, id: C::Id, operation: &'static Operation) -> Self {
        Self {
            client,
            id,
            operation,
            timeout: DEFAULT_TIMEOUT,
            poll_interval: DEFAULT_POLL_INTERVAL,
        }
    }

    /// How long to wait in all, polls included (default [`DEFAULT_TIMEOUT`]).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The least time from the start of one poll to the start of the next (default
    /// [`DEFAULT_POLL_INTERVAL`]).
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.poll_interval = interval;
        self
    }

    async fn run(self) -> Result<C::Account, Error> {
        let deadline = Instant::now().checked_add(self.timeout);
        let mut last: Option<State> = None;
        let polling = async {
            let mut next: Option<Instant> = None;
            loop {
                if let Some(at) = next {
                    tokio::time::sleep_until(at).await;
                }
                let started = Instant::now();
                next = started.checked_add(self.poll_interval);
                let account = self.client.fetch(&self.id).await?;
                let state = State::of(&account, &self.id).map_err(|message| {
                    Error::about(ErrorKind::Decode, self.operation, message, None)
                })?;
                match verdict(&state.status) {
                    Verdict::Active => return Ok(account),
                    Verdict::Failed => {
                        let message = format!(
                            "connected account {} is {}{}",
                            state.id,
                            state.status,
                            state
                                .status_reason
                                .as_deref()
                                .map(|reason| format!(": {reason}"))
                                .unwrap_or_default()
                        );
                        return Err(Error::about(
                            ErrorKind::ConnectionRequestFailed,
                            self.operation,
                            message,
                            Some(Box::new(state)),
                        ));
                    }
                    Verdict::Pending => last = Some(state),
                }
                // A poll interval too large for the clock is a wait until the timeout.
                if next.is_none() {
                    std::future::pending::<()>().await;
                }
            }
        };
        let outcome = match deadline {
            Some(deadline) => tokio::time::timeout_at(deadline, polling).await,
            // A timeout too large for the clock is no timeout.
            None => Ok(polling.await),
        };
        outcome.unwrap_or_else(|_| {
            let message = match &last {
                Some(state) => format!(
                    "connected account {} was still {} when the wait's timeout of {:?} ran out",
                    state.id, state.status, self.timeout
                ),
                None => format!(
                    "no poll of connected account {} answered within the wait's timeout of {:?}",
                    self.id, self.timeout
                ),
            };
            Err(Error::about(
                ErrorKind::Timeout,
                self.operation,
                message,
                last.map(|state| Box::new(state) as Box<dyn StdError + Send + Sync>),
            ))
        })
    }
}

impl<'a, C: PollAccount> IntoFuture for WaitForConnection<'a, C>
where
    C::Account: 'a,
{
    type Output = Result<C::Account, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
