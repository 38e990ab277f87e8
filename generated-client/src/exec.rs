//! What happens to every request of every operation: the headers and checks put on it, the
//! retry loop, the response body cap, the tracing span, and the handing on of every error
//! status to the crate's error conversion. The generated clients reach this through their `ClientHooks` (see
//! `ClientHooks`, which the generator emits for every version).

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::HeaderName;
use progenitor_client::OperationInfo;
use reqwest::{Request, Response, ResponseBuilderExt, Url};
use tracing::Instrument;
use tracing::field::Empty;

use crate::transport::Transport;

/// The header progenitor adds to every request with the spec's `info.version`. Composio does
/// not document it and its official SDKs do not send it, so it is removed.
const PROGENITOR_VERSION_HEADER: HeaderName = HeaderName::from_static("api-version");

// The other headers read or removed on every call, as `HeaderName`s: looking a header up by a
// `&str` parses the name each time.
const API_KEY_HEADER: HeaderName = HeaderName::from_static("x-api-key");
const USER_API_KEY_HEADER: HeaderName = HeaderName::from_static("x-user-api-key");
const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");
const DEPRECATION_HEADER: HeaderName = HeaderName::from_static("deprecation");
const SUNSET_HEADER: HeaderName = HeaderName::from_static("sunset");

/// The most memory reserved up front for a body from its declared `content-length`.
const RESERVE_AT_MOST: u64 = 64 * 1024;

/// Puts the credential and the configured headers on `request`, removes what Composio does not
/// expect, and refuses a path parameter or a body that breaks a constraint of the spec. An `Err` stops the call
/// before anything is sent.
pub(crate) fn prepare(
    transport: &Transport,
    request: &mut Request,
    info: &OperationInfo,
    constraints: &[crate::validate::Constraint],
    paths: &[crate::validate::PathTemplate],
) -> Result<(), String> {
    let config = transport.config();
    // The key goes only to the origin the client was built for, even through a generated
    // client made by hand from this transport with another base URL.
    if request.url().origin() != config.origin {
        return Err(format!(
            "refusing to send the API key to `{}`: the client was built for `{}`",
            request.url().origin().ascii_serialization(),
            config.origin.ascii_serialization()
        ));
    }
    crate::validate::check_path(info.operation_id, paths, request.url().path())?;
    if let Some(body) = request.body().and_then(reqwest::Body::as_bytes) {
        crate::validate::check(info.operation_id, constraints, body)?;
    }
    let headers = request.headers_mut();
    headers.remove(&PROGENITOR_VERSION_HEADER);
    // A configured header replaces the generated one of the same name; a name configured
    // several times is sent with each of its values.
    for name in config.extra_headers.keys() {
        headers.remove(name);
    }
    for (name, value) in &config.extra_headers {
        headers.append(name, value.clone());
    }
    // Exactly one credential header: the service answers 401 to a request with two.
    headers.remove(&API_KEY_HEADER);
    headers.remove(&USER_API_KEY_HEADER);
    headers.insert(
        config.credential.kind.header(),
        config.credential.value.clone(),
    );
    Ok(())
}

/// Sends `request`, retrying what is retryable, and returns the last response with its body
/// read (at most the configured cap) or the last transport error.
pub(crate) async fn execute(
    transport: &Transport,
    client: &reqwest::Client,
    request: Request,
    info: &OperationInfo,
) -> reqwest::Result<Response> {
    let config = transport.config();
    let span = tracing::info_span!(
        "composio_link.call",
        operation = info.operation_id,
        method = %request.method(),
        path = request.url().path(),
        attempt = Empty,
        status = Empty,
        request_id = Empty,
    );
    async move {
        let mut request = request;
        let mut retry = 0;
        loop {
            // A body of bytes can always be cloned; a streaming one (never generated for this
            // API) is sent once.
            let next = (retry < config.max_retries)
                .then(|| request.try_clone())
                .flatten();
            tracing::Span::current().record("attempt", retry + 1);
            let outcome = match client.execute(request).await {
                Ok(response) => read_capped(response, config.max_response_bytes).await,
                Err(e) => Err(e),
            };
            match next {
                Some(again) if crate::retry::should_retry(&outcome) => {
                    let headers = outcome.as_ref().ok().map(Response::headers);
                    let wait = crate::retry::delay(retry, headers, config.backoff);
                    tracing::debug!(
                        status = outcome.as_ref().ok().map(|r| r.status().as_u16()),
                        error = outcome.as_ref().err().map(tracing::field::display),
                        wait_ms = wait.as_millis() as u64,
                        "retrying"
                    );
                    tokio::time::sleep(wait).await;
                    request = again;
                    retry += 1;
                }
                _ => {
                    if let Ok(response) = &outcome {
                        observe(response, info);
                    }
                    return outcome;
                }
            }
        }
    }
    .instrument(span)
    .await
}

/// Records the status and request id on the span, and warns once per response that the API
/// marks deprecated or sunset.
fn observe(response: &Response, info: &OperationInfo) {
    let span = tracing::Span::current();
    span.record("status", response.status().as_u16());
    let header = |name: &HeaderName| response.headers().get(name).and_then(|v| v.to_str().ok());
    if let Some(id) = header(&REQUEST_ID_HEADER) {
        span.record("request_id", id);
    }
    let deprecation = header(&DEPRECATION_HEADER);
    let sunset = header(&SUNSET_HEADER);
    if deprecation.is_some() || sunset.is_some() {
        tracing::warn!(
            operation = info.operation_id,
            deprecation,
            sunset,
            "the Composio API marks this operation as deprecated; plan to move off it"
        );
    }
}

/// Reads the body of `response`, at most `limit` bytes, and returns an equivalent response
/// whose body is in memory. A longer body is not read further: the response returned instead
/// fails with [`BodyTooLarge`] when its body is read.
async fn read_capped(mut response: Response, limit: usize) -> reqwest::Result<Response> {
    let status = response.status();
    let version = response.version();
    let headers = std::mem::take(response.headers_mut());
    let url = response.url().clone();
    let declared = response.content_length();
    let mut body = Vec::new();
    let overflowed = if declared.is_some_and(|len| len > limit as u64) {
        true
    } else {
        // Reserve for the declared length only up to a small bound: the header is the
        // server's word, and the cap may be set very high.
        body.reserve(declared.map_or(0, |len| len.min(RESERVE_AT_MOST) as usize));
        let mut over = false;
        while let Some(chunk) = response.chunk().await? {
            if body.len() + chunk.len() > limit {
                over = true;
                break;
            }
            body.extend_from_slice(&chunk);
        }
        over
    };
    // Dropping `response` here closes the connection of an overflowing body.
    drop(response);
    let mut buffered = None;
    let body = if overflowed {
        reqwest::Body::wrap_stream(Overflow(Some(BodyTooLarge { limit, status })))
    } else {
        let body = Bytes::from(body);
        buffered = Some(Buffered(body.clone()));
        reqwest::Body::from(body)
    };
    let mut rebuilt = http::Response::new(body);
    *rebuilt.extensions_mut() = url_extension(url);
    if let Some(buffered) = buffered {
        rebuilt.extensions_mut().insert(buffered);
    }
    *rebuilt.status_mut() = status;
    *rebuilt.version_mut() = version;
    *rebuilt.headers_mut() = headers;
    Ok(Response::from(rebuilt))
}

/// Extensions that carry `url` as the URL of a response built from an `http::Response`.
/// Without it, `Response::from` parses a placeholder URL (`http://no.url.provided.local`) on
/// every call, and `Response::url` names that placeholder; only reqwest's `ResponseBuilderExt`
/// can put the URL there.
fn url_extension(url: Url) -> http::Extensions {
    let mut builder = http::Response::builder().url(url);
    builder
        .extensions_mut()
        .map(std::mem::take)
        .unwrap_or_default()
}

/// The whole body of a response that [`read_capped`] read, kept beside it so that the `post`
/// hook can look at it without consuming the response.
#[derive(Clone)]
struct Buffered(Bytes);

/// The `post` hook: every error status becomes an unexpected response that keeps its status,
/// headers and body, so that the crate's error decodes the operation's envelope once, itself
/// ([`crate::Error`]'s conversion, with the version's own envelope type).
///
/// Left to progenitor, a documented error status would be decoded as the envelope, and a body
/// that is not one (empty, HTML from a proxy) reported as bytes alone, without the status or
/// headers; telling the two apart here would decode every error body twice.
// The error type is the one progenitor's `ClientHooks::post` returns.
#[allow(clippy::result_large_err)]
pub(crate) fn post<E>(
    result: &reqwest::Result<Response>,
) -> Result<(), progenitor_client::Error<E>> {
    match result.as_ref().ok().and_then(error_response) {
        Some(response) => Err(progenitor_client::Error::UnexpectedResponse(response)),
        None => Ok(()),
    }
}

/// For an error status whose body [`read_capped`] read, a copy of the response (the body is
/// shared, not copied).
fn error_response(response: &Response) -> Option<Response> {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return None;
    }
    let Buffered(bytes) = response.extensions().get::<Buffered>()?;
    let mut copy = http::Response::new(reqwest::Body::from(bytes.clone()));
    *copy.extensions_mut() = url_extension(response.url().clone());
    *copy.status_mut() = status;
    *copy.version_mut() = response.version();
    *copy.headers_mut() = response.headers().clone();
    Some(Response::from(copy))
}

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

/// A body stream that fails at once with [`BodyTooLarge`].
struct Overflow(Option<BodyTooLarge>);

impl futures_core::Stream for Overflow {
    type Item = Result<Bytes, BodyTooLarge>;

    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Poll::Ready(self.0.take().map(Err))
    }
}
