//! [`ApiError`]: the error envelope the API sends with a non-2xx response, and the one place an
//! error body is decoded as the envelope of its operation's API version.

use serde::de::DeserializeOwned;

/// The error envelope the API sends with every non-2xx response, the same in every API
/// version.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// What went wrong, in words.
    pub message: String,
    /// The API's error code, as the envelope's JSON number; [`ApiError::code_as_integer`]
    /// gives it as an integer.
    pub code: f64,
    /// A stable machine-readable name of the error.
    pub slug: String,
    /// The HTTP status the API meant, as the envelope's JSON number;
    /// [`ApiError::http_status`] gives it as a `u16`.
    pub status: f64,
    /// The id of the request, for Composio support.
    pub request_id: Option<String>,
    /// What to change so that the request succeeds.
    pub suggested_fix: Option<String>,
    /// Details, one per problem.
    pub errors: Vec<String>,
}

impl ApiError {
    /// [`ApiError::code`] as an integer, when it is one.
    pub fn code_as_integer(&self) -> Option<i64> {
        integral(self.code)
    }

    /// [`ApiError::status`] as an HTTP status number, when it is one (100 to 999).
    pub fn http_status(&self) -> Option<u16> {
        integral(self.status)
            .and_then(|n| u16::try_from(n).ok())
            .filter(|n| (100..1000).contains(n))
    }
}

/// `n` as an integer, when it is integral and in range.
fn integral(n: f64) -> Option<i64> {
    // i64::MAX as f64 rounds up to 2^63, so the range check is strict on the upper side.
    let in_range = n >= i64::MIN as f64 && n < i64::MAX as f64;
    (n.fract() == 0.0 && in_range).then_some(n as i64)
}

/// An error envelope type of one generated API version. The generator implements it for the
/// envelope of every version, each converting its own type.
pub(crate) trait Envelope {
    /// The envelope as this crate's [`ApiError`]; `None` when the type carries none.
    fn into_api_error(self) -> Option<ApiError>;
}

/// An operation that documents no error response: progenitor's error type is `()`, which
/// carries no API error.
impl Envelope for () {
    fn into_api_error(self) -> Option<ApiError> {
        None
    }
}

/// The API error an error body carries, decoded as the envelope `E` of its operation's API
/// version; `None` when the body is not that envelope.
pub(super) fn decode<E: Envelope + DeserializeOwned>(body: &[u8]) -> Option<ApiError> {
    serde_json::from_slice::<E>(body)
        .ok()
        .and_then(Envelope::into_api_error)
}
