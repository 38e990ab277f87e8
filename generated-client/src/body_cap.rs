//! The response body cap: every response's body is read into memory, at most the configured
//! number of bytes, before the generated code sees it, and an error status's body is kept so
//! that the `post` hook can hand it on without reading it again.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use reqwest::{Response, ResponseBuilderExt, StatusCode, Url};

use crate::error::BodyTooLarge;

/// The most memory reserved up front for a body from its declared `content-length`.
const RESERVE_AT_MOST: u64 = 64 * 1024;

/// Reads the body of `response`, at most `limit` bytes, and returns an equivalent response
/// whose body is in memory. A longer body is not read further: the response returned instead
/// fails with [`BodyTooLarge`] when its body is read.
pub(crate) async fn read_capped(mut response: Response, limit: usize) -> reqwest::Result<Response> {
    let status = response.status();
    let version = response.version();
    let headers = std::mem::take(response.headers_mut());
    let url = response.url().clone();
    let declared = response.content_length();
    let mut body = Collected::default();
    let overflowed = if declared.is_some_and(|len| len > limit as u64) {
        true
    } else {
        // Reserve for the declared length only up to a small bound: the header is the
        // server's word, and the cap may be set very high.
        let reserve = declared.map_or(0, |len| len.min(RESERVE_AT_MOST) as usize);
        let mut over = false;
        while let Some(chunk) = response.chunk().await? {
            if body.len + chunk.len() > limit {
                over = true;
                break;
            }
            body.push(chunk, reserve);
        }
        over
    };
    // Dropping `response` here closes the connection of an overflowing body.
    drop(response);
    let mut buffered = None;
    let body = if overflowed {
        reqwest::Body::wrap_stream(Overflow(Some(BodyTooLarge { limit, status })))
    } else {
        let body = body.into_bytes();
        // Only an error status's body is looked at again.
        if is_error(status) {
            buffered = Some(Buffered(body.clone()));
        }
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

/// The whole body of `response`, as [`Response::bytes`] gives it (a failure names the URL),
/// without the buffering of a body that comes in one chunk, as every body [`read_capped`]
/// returns does.
pub(crate) async fn bytes(mut response: Response) -> reqwest::Result<Bytes> {
    let mut body = Collected::default();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => body.push(chunk, 0),
            Ok(None) => return Ok(body.into_bytes()),
            Err(e) => return Err(e.with_url(response.url().clone())),
        }
    }
}

/// A body read chunk by chunk: a body that came in one chunk is kept as it came, a longer one
/// is copied into one buffer.
#[derive(Default)]
struct Collected {
    /// The first chunk, while it is the only one.
    first: Option<Bytes>,
    /// Every chunk, once there was more than one.
    copied: Vec<u8>,
    /// The bytes read so far.
    len: usize,
}

impl Collected {
    /// Adds `chunk`; `reserve` is what the buffer reserves when the body turns out to come in
    /// more than one chunk.
    fn push(&mut self, chunk: Bytes, reserve: usize) {
        self.len += chunk.len();
        if self.first.is_none() && self.copied.is_empty() {
            self.first = Some(chunk);
            return;
        }
        if let Some(first) = self.first.take() {
            self.copied.reserve(reserve.max(self.len));
            self.copied.extend_from_slice(&first);
        }
        self.copied.extend_from_slice(&chunk);
    }

    /// The whole body.
    fn into_bytes(self) -> Bytes {
        match self.first {
            Some(first) => first,
            None => Bytes::from(self.copied),
        }
    }
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

/// The whole body of an error response that [`read_capped`] read, kept beside it so that the
/// `post` hook can look at it without consuming the response.
#[derive(Clone)]
struct Buffered(Bytes);

/// For an error status whose body [`read_capped`] read, a copy of the response (the body is
/// shared, not copied).
pub(crate) fn error_response(response: &Response) -> Option<Response> {
    let status = response.status();
    if !is_error(status) {
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

/// Whether `status` is an error status, whose body [`error_response`] hands on.
fn is_error(status: StatusCode) -> bool {
    status.is_client_error() || status.is_server_error()
}

/// A body stream that fails at once with [`BodyTooLarge`].
struct Overflow(Option<BodyTooLarge>);

impl futures_core::Stream for Overflow {
    type Item = Result<Bytes, BodyTooLarge>;

    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Poll::Ready(self.0.take().map(Err))
    }
}
