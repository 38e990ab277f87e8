//! [`ErrorKind`]: what kind of failure an [`Error`](super::Error) is, from the HTTP status
//! when there is one, and its words.

use std::fmt;

use reqwest::StatusCode;

/// What kind of failure an [`Error`](crate::Error) is. The status kinds follow Composio's
/// official SDKs (`BadRequestError`, `AuthenticationError`, ... in `composio-client`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// HTTP 400.
    BadRequest,
    /// HTTP 401: the key is missing, wrong or revoked.
    Authentication,
    /// HTTP 403.
    PermissionDenied,
    /// HTTP 404.
    NotFound,
    /// HTTP 409.
    Conflict,
    /// HTTP 422.
    UnprocessableEntity,
    /// HTTP 429.
    RateLimit,
    /// HTTP 500 and above.
    InternalServer,
    /// Another status the operation does not document (a refused redirect, a 405, ...).
    UnexpectedStatus,
    /// The request or a response body took longer than the timeout.
    Timeout,
    /// No connection could be made, or it broke.
    Connection,
    /// The request was refused before it was sent: a value breaks a constraint of the spec.
    InvalidRequest,
    /// A documented success response whose body does not decode as the documented type.
    Decode,
    /// The response body is larger than the client's limit.
    BodyTooLarge,
    /// The client is misconfigured (found by `ClientBuilder::build`).
    Configuration,
    /// The connected account a wait for a connection polled ended `FAILED`, `EXPIRED` or
    /// `REVOKED` (see [`crate::wait`]): `Error::connection_status` says which,
    /// `Error::status_reason` why.
    ConnectionRequestFailed,
    /// A listing's next page was at a cursor already followed (see [`crate::pages`]): the
    /// stream of its items ends with this error instead of requesting the same pages forever.
    RepeatedCursor,
}

impl ErrorKind {
    /// The kind of an error response with `status`.
    pub(super) fn from_status(status: StatusCode) -> Self {
        match status.as_u16() {
            400 => ErrorKind::BadRequest,
            401 => ErrorKind::Authentication,
            403 => ErrorKind::PermissionDenied,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            422 => ErrorKind::UnprocessableEntity,
            429 => ErrorKind::RateLimit,
            500.. => ErrorKind::InternalServer,
            _ => ErrorKind::UnexpectedStatus,
        }
    }

    /// The kind in words, as `Display` gives it.
    pub(super) fn describe(self) -> &'static str {
        match self {
            ErrorKind::BadRequest => "bad request",
            ErrorKind::Authentication => "authentication failed",
            ErrorKind::PermissionDenied => "permission denied",
            ErrorKind::NotFound => "not found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::UnprocessableEntity => "unprocessable entity",
            ErrorKind::RateLimit => "rate limited",
            ErrorKind::InternalServer => "server error",
            ErrorKind::UnexpectedStatus => "unexpected response",
            ErrorKind::Timeout => "timed out",
            ErrorKind::Connection => "connection failed",
            ErrorKind::InvalidRequest => "invalid request, not sent",
            ErrorKind::Decode => "undecodable response body",
            ErrorKind::BodyTooLarge => "response body too large",
            ErrorKind::Configuration => "invalid client configuration",
            ErrorKind::ConnectionRequestFailed => "connection request failed",
            ErrorKind::RepeatedCursor => "repeated page cursor",
        }
    }
}

impl fmt::Display for ErrorKind {
    /// The kind in words (`rate limited`, `invalid request, not sent`), as
    /// [`Error`](crate::Error)'s `Display` starts.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}
