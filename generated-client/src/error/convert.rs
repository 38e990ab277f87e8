//! The conversion of what a generated call returned into this crate's [`Error`]: progenitor's
//! error, a 2xx the operation does not document, a reqwest error, a response with a status the
//! operation does not document.

use std::error::Error as StdError;

use progenitor_client::ResponseValue;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use super::api::{self, ApiError, Envelope};
use super::call::{Error, Operation};
use super::kind::ErrorKind;
use super::too_large::BodyTooLarge;
use crate::headers::{CONTENT_TYPE, LOCATION};

impl Error {
    /// Converts a generated client's error into this crate's, reading at most the body cap of
    /// an undocumented response. `T` is the operation's success type, decoded again with
    /// path tracking when its body failed to decode.
    pub(crate) async fn from_generated<E: Envelope + DeserializeOwned, T: DeserializeOwned>(
        operation: &'static Operation,
        error: progenitor_client::Error<E>,
    ) -> Self {
        use progenitor_client::Error as G;
        let error = match error {
            G::InvalidRequest(message) | G::Custom(message) => Self::invalid_request(message),
            G::CommunicationError(e) | G::InvalidUpgrade(e) | G::ResponseBodyError(e) => {
                Self::from_reqwest(e)
            }
            G::ErrorResponse(response) => {
                let status = response.status();
                let headers = response.headers().clone();
                Self::from_status(status, headers, response.into_inner().into_api_error())
            }
            G::InvalidResponsePayload(bytes, e) => {
                let path = decode_tracked::<T>(&bytes)
                    .err()
                    .and_then(|e| failing_field(&e));
                let mut error = Self::new(ErrorKind::Decode, e.to_string())
                    .with_body(None, &bytes)
                    .with_source(e);
                error.inner.field_path = path;
                error.inner.status = operation
                    .success
                    .and_then(|code| StatusCode::from_u16(code).ok());
                error
            }
            G::UnexpectedResponse(response) => Self::from_unexpected::<E>(response).await,
        };
        error.with_operation(operation)
    }

    /// The body of a 2xx response whose status the operation does not document, decoded as the
    /// documented success type; a body that does not decode is a [`ErrorKind::Decode`] error
    /// naming the status.
    pub(crate) async fn undocumented_success<T: DeserializeOwned>(
        operation: &'static Operation,
        mut response: reqwest::Response,
    ) -> Result<ResponseValue<T>, Self> {
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let bytes = match crate::body_cap::bytes(response).await {
            Ok(bytes) => bytes,
            Err(e) => {
                return Err(Self::from_reqwest(e)
                    .with_response(status, headers)
                    .with_operation(operation));
            }
        };
        // An empty body is JSON's `null`: what an operation documenting no body (`()`) takes.
        let json: &[u8] = if bytes.is_empty() { b"null" } else { &bytes };
        match decode_tracked::<T>(json) {
            Ok(body) => Ok(ResponseValue::new(body, status, headers)),
            Err(e) => {
                let field = failing_field(&e);
                let content_type = content_type(&headers);
                let message = format!(
                    "the HTTP {status} body does not decode as the documented success type: {}",
                    e.inner()
                );
                let mut error = Self::new(ErrorKind::Decode, message)
                    .with_body(content_type, &bytes)
                    .with_response(status, headers)
                    .with_operation(operation);
                error.inner.field_path = field;
                error.inner.source = Some(Box::new(e.into_inner()));
                Err(error)
            }
        }
    }

    /// The error of an error response, carrying the API error its envelope held, if any.
    fn from_status(status: StatusCode, headers: HeaderMap, api: Option<ApiError>) -> Self {
        let kind = ErrorKind::from_status(status);
        match api {
            Some(api) => Self::from_api(kind, api),
            None => Self::new(kind, ""),
        }
        .with_response(status, headers)
    }

    /// A request refused before it was sent, with the field or parameter its message names.
    fn invalid_request(message: String) -> Self {
        let field = crate::validate::refused_field(&message);
        let mut error = Self::new(ErrorKind::InvalidRequest, message);
        error.inner.field_path = field;
        error
    }

    /// A reqwest error: the body cap's [`BodyTooLarge`], a timeout, or a broken connection.
    fn from_reqwest(e: reqwest::Error) -> Self {
        let mut source: Option<&(dyn StdError + 'static)> = Some(&e);
        while let Some(cause) = source {
            if let Some(too_large) = cause.downcast_ref::<BodyTooLarge>() {
                let mut error = Self::new(ErrorKind::BodyTooLarge, too_large.to_string());
                error.inner.status = Some(too_large.status);
                return error;
            }
            source = cause.source();
        }
        // Bodies are read as bytes and decoded by serde, never by reqwest, so a reqwest body or
        // decode error is a connection that broke while the body arrived.
        let kind = if e.is_timeout() {
            ErrorKind::Timeout
        } else {
            ErrorKind::Connection
        };
        let mut message = root_cause(&e);
        if e.is_body() || e.is_decode() {
            message = format!("cannot read the body: {message}");
        }
        Self::new(kind, message).with_source(e)
    }

    /// A response with a status the operation does not document. Its envelope is decoded when
    /// it has one, otherwise its content type and first bytes are kept.
    async fn from_unexpected<E: Envelope + DeserializeOwned>(
        mut response: reqwest::Response,
    ) -> Self {
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        // Only a redirect's message needs the URL, after the body has consumed the response.
        let url = status.is_redirection().then(|| response.url().clone());
        let bytes = match crate::body_cap::bytes(response).await {
            Ok(bytes) => bytes,
            Err(e) => return Self::from_reqwest(e).with_response(status, headers),
        };
        if let Some(api) = api::decode::<E>(&bytes) {
            return Self::from_status(status, headers, Some(api));
        }
        let content_type = content_type(&headers);
        let kind = ErrorKind::from_status(status);
        let location = headers.get(&LOCATION).and_then(|v| v.to_str().ok());
        let message = match (location, url) {
            (Some(location), Some(url)) => {
                let elsewhere = url
                    .join(location)
                    .is_ok_and(|target| target.origin() != url.origin());
                if elsewhere {
                    format!(
                        "not following a redirect to `{location}`: the API key is only sent to \
                         the base URL's origin"
                    )
                } else {
                    format!(
                        "stopped at a redirect to `{location}` (more than 10 in a row, or the \
                         HTTP client follows none)"
                    )
                }
            }
            _ if bytes.is_empty() => "empty body".to_owned(),
            _ => format!(
                "the body is {}, not the documented JSON",
                content_type.as_deref().unwrap_or("untyped")
            ),
        };
        Self::new(kind, message)
            .with_response(status, headers)
            .with_body(content_type, &bytes)
    }
}

/// `body` decoded as `T`, with the path of the field that failed when it does not decode.
fn decode_tracked<T: DeserializeOwned>(
    body: &[u8],
) -> Result<T, serde_path_to_error::Error<serde_json::Error>> {
    serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_slice(body))
}

/// The response's content type, when it is text.
fn content_type(headers: &HeaderMap) -> Option<String> {
    headers
        .get(&CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The path of the field that failed to decode. serde reports a missing field at the object
/// that lacks it (`.` at the top), so the missing field's name is appended.
fn failing_field(e: &serde_path_to_error::Error<serde_json::Error>) -> Option<String> {
    let path = Some(e.path().to_string()).filter(|p| p != ".");
    let message = e.inner().to_string();
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(name, _)| name);
    match (path, missing) {
        (Some(path), Some(name)) => Some(format!("{path}.{name}")),
        (path, name) => path.or_else(|| name.map(str::to_owned)),
    }
}

/// The message of `e` followed by those of its sources, joined by `: `.
fn root_cause(e: &(dyn StdError + 'static)) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        message = format!("{message}: {cause}");
        source = cause.source();
    }
    message
}
