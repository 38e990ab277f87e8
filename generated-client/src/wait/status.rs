//! What a connected account's status means for a wait, read from the account's JSON form, and
//! the status an error of a wait carries, read back by [`Error::connection_status`] and
//! [`Error::status_reason`].

use std::error::Error as StdError;
use std::fmt;

use serde::Serialize;

use crate::Error;

/// The JSON properties of the account the wait reads, as the API names them (the same in the
/// official SDKs): the generator only emits a wait for an account with a required `status`.
const STATUS: &str = "status";
const STATUS_REASON: &str = "status_reason";

/// What a status means for a wait.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Verdict {
    /// The user completed the link.
    Active,
    /// The connection will not become active without a new link.
    Failed,
    /// Still in progress: poll again.
    Pending,
}

/// The statuses of a connected account, as the API and the official SDKs name them, read as
/// the official SDKs' waits read them: `ACTIVE` ends the wait; `FAILED`, `EXPIRED` and `REVOKED`
/// end it at once (the TypeScript SDK's `ConnectionRequestFailedError` set); everything else is
/// polled again. That includes `INACTIVE` (an account disabled by its owner, which both SDKs
/// keep polling: it can be enabled again) and any status this crate does not know, so that a
/// status Composio adds never ends a wait on its own; a timeout then names it.
pub(super) fn verdict(status: &str) -> Verdict {
    match status {
        "ACTIVE" => Verdict::Active,
        "FAILED" | "EXPIRED" | "REVOKED" => Verdict::Failed,
        _ => Verdict::Pending,
    }
}

/// The status of a connected account as the wait last saw it; the source of the errors the
/// wait makes, read back by [`Error::connection_status`] and [`Error::status_reason`].
#[derive(Debug)]
pub(super) struct State {
    pub(super) id: String,
    pub(super) status: String,
    pub(super) status_reason: Option<String>,
}

impl State {
    /// The status of `account`, read from its JSON form, so that it is the same for whatever
    /// Rust type a version's spec gives it.
    pub(super) fn of<A: Serialize, I: fmt::Display>(account: &A, id: &I) -> Result<Self, String> {
        let json = serde_json::to_value(account)
            .map_err(|e| format!("cannot read the account's status: {e}"))?;
        let status = json
            .get(STATUS)
            .and_then(serde_json::Value::as_str)
            .ok_or_else(|| format!("the account has no `{STATUS}` string"))?;
        Ok(Self {
            id: id.to_string(),
            status: status.to_owned(),
            status_reason: json
                .get(STATUS_REASON)
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned),
        })
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "status {}", self.status)?;
        match &self.status_reason {
            Some(reason) => write!(f, ", status_reason {reason:?}"),
            None => f.write_str(", no status_reason"),
        }
    }
}

impl StdError for State {}

impl Error {
    /// For an error of a wait for a connection ([`ErrorKind::ConnectionRequestFailed`], or an
    /// [`ErrorKind::Timeout`] after at least one poll answered): the connected account's last
    /// status (`FAILED`, `EXPIRED`, `REVOKED`, or the status a timeout ran out on, as the API
    /// sent it, known to this crate or not).
    ///
    /// [`ErrorKind::ConnectionRequestFailed`]: crate::ErrorKind::ConnectionRequestFailed
    /// [`ErrorKind::Timeout`]: crate::ErrorKind::Timeout
    pub fn connection_status(&self) -> Option<&str> {
        self.state().map(|state| state.status.as_str())
    }

    /// For an error of a wait for a connection: the account's `status_reason`, when it gave
    /// one.
    pub fn status_reason(&self) -> Option<&str> {
        self.state()
            .and_then(|state| state.status_reason.as_deref())
    }

    fn state(&self) -> Option<&State> {
        StdError::source(self)?.downcast_ref::<State>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_active_succeeds_and_three_statuses_fail() {
        assert_eq!(verdict("ACTIVE"), Verdict::Active);
        for failed in ["FAILED", "EXPIRED", "REVOKED"] {
            assert_eq!(verdict(failed), Verdict::Failed, "{failed}");
        }
        for pending in ["INITIALIZING", "INITIATED", "INACTIVE", "SOMETHING_NEW"] {
            assert_eq!(verdict(pending), Verdict::Pending, "{pending}");
        }
    }

    #[test]
    fn the_state_is_read_from_the_json_form() {
        let account = serde_json::json!({"status": "FAILED", "status_reason": "denied"});
        let state = State::of(&account, &"ca_1").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(state.status, "FAILED");
        assert_eq!(state.status_reason.as_deref(), Some("denied"));
        assert_eq!(state.to_string(), "status FAILED, status_reason \"denied\"");
        let none = serde_json::json!({"status": "INITIATED", "status_reason": null});
        let state = State::of(&none, &"ca_1").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(state.status_reason, None);
        assert!(State::of(&serde_json::json!({}), &"ca_1").is_err());
    }
}
