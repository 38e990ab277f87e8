//! Every HTTP header name the hand-written layer sends, removes or reads, in one place.
//!
//! They are statics rather than `&str`s: looking a header up by a `&str` parses the name each
//! time, and a static `HeaderName` also lends its text for as long as the program runs.

use reqwest::header::HeaderName;

/// The header a project API key travels in.
pub(crate) static API_KEY: HeaderName = HeaderName::from_static("x-api-key");
/// The header a user API key travels in.
pub(crate) static USER_API_KEY: HeaderName = HeaderName::from_static("x-user-api-key");

/// The header progenitor adds to every request with the spec's `info.version`. Composio does
/// not document it and its official SDKs do not send it, so it is removed.
pub(crate) static PROGENITOR_VERSION: HeaderName = HeaderName::from_static("api-version");

/// The id of a request, for Composio support, when the error envelope does not carry it.
pub(crate) static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// The server's own verdict on retrying, `true` or `false`, which overrides the status.
pub(crate) static SHOULD_RETRY: HeaderName = HeaderName::from_static("x-should-retry");
/// The wait the server asks for before a retry, in milliseconds; wins over `Retry-After`.
pub(crate) static RETRY_AFTER_MS: HeaderName = HeaderName::from_static("retry-after-ms");
/// The API marks an operation as deprecated.
pub(crate) static DEPRECATION: HeaderName = HeaderName::from_static("deprecation");
/// The API names the date an operation goes away.
pub(crate) static SUNSET: HeaderName = HeaderName::from_static("sunset");

/// The standard headers read, kept here too so that this file lists every name in use:
/// the body's media type, a redirect's target and the wait a server asks for, in seconds or as
/// a date.
pub(crate) use reqwest::header::{CONTENT_TYPE, LOCATION, RETRY_AFTER};
