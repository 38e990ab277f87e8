//! [`BodyTooLarge`]: the failure of reading a response body larger than the client's limit,
//! made by the transport's body cap and recognised by the error conversion.

use std::fmt;

/// A response body was larger than the client's limit.
#[derive(Debug, Clone)]
pub(crate) struct BodyTooLarge {
    pub(crate) limit: usize,
    pub(crate) status: reqwest::StatusCode,
}

impl fmt::Display for BodyTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the response body is larger than the client's limit of {} bytes; it was not read \
             (raise it with ClientBuilder::max_response_bytes)",
            self.limit
        )
    }
}

impl std::error::Error for BodyTooLarge {}
