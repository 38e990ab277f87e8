//! What happens to every request of every operation: the headers and checks put on it, the
//! retry loop, the response body cap (`body_cap.rs`), the tracing span, and the handing on of
//! every error status to the crate's error conversion. The generated clients reach this through
//! the `ClientHooks` impl the generator emits for every version.

use http::HeaderName;
use progenitor_client::OperationInfo;
use reqwest::{Request, Response, Url};
use tracing::Instrument;
use tracing::field::Empty;
use url::Host;

use crate::body_cap::{error_response, read_capped};
use crate::headers::{API_KEY, DEPRECATION, PROGENITOR_VERSION, REQUEST_ID, SUNSET, USER_API_KEY};
use crate::transport::Transport;

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
    if !same_origin(request.url(), &config.origin) {
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
    headers.remove(&PROGENITOR_VERSION);
    // A configured header replaces the generated one of the same name; a name configured
    // several times is sent with each of its values.
    for name in config.extra_headers.keys() {
        headers.remove(name);
    }
    for (name, value) in &config.extra_headers {
        headers.append(name, value.clone());
    }
    // Exactly one credential header: the service answers 401 to a request with two.
    headers.remove(&API_KEY);
    headers.remove(&USER_API_KEY);
    headers.insert(
        config.credential.kind.header_name().clone(),
        config.credential.value.clone(),
    );
    Ok(())
}

/// Whether `url.origin() == *origin`, without building the URL's origin (two allocations) for
/// the schemes whose origin is their scheme, host and port.
fn same_origin(url: &Url, origin: &url::Origin) -> bool {
    match origin {
        url::Origin::Tuple(scheme, host, port)
            if matches!(url.scheme(), "http" | "https" | "ws" | "wss" | "ftp") =>
        {
            url.scheme() == scheme
                && url.port_or_known_default() == Some(*port)
                && url.host().is_some_and(|ours| match (ours, host) {
                    (Host::Domain(a), Host::Domain(b)) => a == b,
                    (Host::Ipv4(a), Host::Ipv4(b)) => a == *b,
                    (Host::Ipv6(a), Host::Ipv6(b)) => a == *b,
                    _ => false,
                })
        }
        _ => url.origin() == *origin,
    }
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
    let header = |name: &HeaderName| response.headers().get(name).and_then(|v| v.to_str().ok());
    // With no subscriber the current span is `Span::none()`, where recording does nothing.
    if !span.is_none() {
        span.record("status", response.status().as_u16());
        if let Some(id) = header(&REQUEST_ID) {
            span.record("request_id", id);
        }
    }
    let deprecation = header(&DEPRECATION);
    let sunset = header(&SUNSET);
    if deprecation.is_some() || sunset.is_some() {
        tracing::warn!(
            operation = info.operation_id,
            deprecation,
            sunset,
            "the Composio API marks this operation as deprecated; plan to move off it"
        );
    }
}

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
