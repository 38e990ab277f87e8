//! The command-line tool's `--wait`: a wait for a connection printed as JSON.

use std::time::Duration;

use super::poll::{PollAccount, WaitForConnection};
use crate::error::Operation;

/// The command-line tool's wait: the account `id` through `client`, printed as JSON.
pub(crate) fn cli_call<'a, C>(
    client: &'a C,
    operation: &'static Operation,
    id: String,
    timeout: Duration,
    poll_interval: Duration,
) -> crate::cli::Call<'a>
where
    C: PollAccount,
    C::Id: std::str::FromStr,
    C::Account: 'a,
{
    use crate::cli::Failure;
    Box::pin(async move {
        let id = id
            .parse::<C::Id>()
            .map_err(|_| Failure::Usage(format!("`{id}` is not a connected account id")))?;
        let account = WaitForConnection::new(client, id, operation)
            .timeout(timeout)
            .poll_interval(poll_interval)
            .await
            .map_err(Failure::Api)?;
        serde_json::to_value(account)
            .map_err(|e| Failure::Usage(format!("cannot print the account: {e}")))
    })
}
