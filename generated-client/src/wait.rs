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
//! - `FAILED`, `EXPIRED` and `REVOKED` end it at once with an
//!   [`ErrorKind::ConnectionRequestFailed`](crate::ErrorKind::ConnectionRequestFailed) error; [`Error::connection_status`](crate::Error::connection_status) says which and
//!   [`Error::status_reason`](crate::Error::status_reason) why, as the account's `status_reason` gave it.
//!   These are the statuses the TypeScript SDK's `waitForConnection` fails on.
//! - Any other status is polled again: `INITIALIZING`, `INITIATED`, `INACTIVE` (an account its
//!   owner disabled, which can be enabled again; both official SDKs keep polling on it) and any
//!   status this crate does not know (one Composio added later; it decodes into the status
//!   enum's `Unknown` variant). A status is never final only because it is new.
//! - A failed poll ends the wait with that call's error: an unknown account is
//!   [`ErrorKind::NotFound`](crate::ErrorKind::NotFound), an unreachable API [`ErrorKind::Connection`](crate::ErrorKind::Connection).
//! - When the timeout (default 60 s, [`DEFAULT_TIMEOUT`]) runs out, the wait ends with an
//!   [`ErrorKind::Timeout`](crate::ErrorKind::Timeout) error whose [`Error::connection_status`](crate::Error::connection_status) is the last status seen
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
//! // Generated types are `#[non_exhaustive]`: build them through their builders.
//! let account = |status| -> ConnectedAccount {
//!     ConnectedAccount::builder()
//!         .id("ca_1")
//!         .status(status)
//!         .status_reason(None::<String>) // required, and null until the account fails
//!         .toolkit(ConnectedAccountToolkit::builder().slug("github"))
//!         .auth_config(ConnectedAccountAuthConfig::builder().id("ac_1"))
//!         .created_at("2026-01-16T10:00:00Z")
//!         .updated_at("2026-01-16T10:00:00Z")
//!         .is_disabled(false)
//!         .try_into()
//!         .unwrap()
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

// The waiting itself is in `poll.rs`; what a status means and the state an error of a wait
// carries are in `status.rs`, the command-line tool's `--wait` in `cli.rs`.
#[cfg(feature = "cli")]
mod cli;
mod poll;
mod status;

#[cfg(feature = "cli")]
pub(crate) use cli::cli_call;
pub(crate) use poll::sealed;
pub use poll::{DEFAULT_POLL_INTERVAL, DEFAULT_TIMEOUT, PollAccount, WaitForConnection};
