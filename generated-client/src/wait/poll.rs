//! The wait itself: [`WaitForConnection`], the reads it repeats through [`PollAccount`], its
//! defaults, and what it resolves to.

use std::error::Error as StdError;
use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use serde::Serialize;
use tokio::time::Instant;

use super::status::{State, Verdict, verdict};
use crate::error::Operation;
use crate::{Error, ErrorKind};

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
/// `.await` it. Made by a version's `wait_for_connection`; see [the module](super).
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
