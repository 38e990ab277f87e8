//! The one error type of every call: which operation, which request, which HTTP status, which
//! API error, and what to do about it.

use std::error::Error as StdError;
use std::fmt;

use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap};
use serde::de::DeserializeOwned;

use crate::exec::BodyTooLarge;

/// The most of a response body an error keeps.
pub const BODY_SNIPPET_BYTES: usize = 512;

/// What kind of failure an [`Error`] is. The status kinds follow Composio's official SDKs
/// (`BadRequestError`, `AuthenticationError`, ... in `composio-client`).
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
    /// `INACTIVE` (see [`crate::wait`]): `Error::connection_status` says which,
    /// `Error::status_reason` why.
    ConnectionRequestFailed,
}

impl ErrorKind {
    fn from_status(status: StatusCode) -> Self {
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

    fn describe(self) -> &'static str {
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
        }
    }
}

impl fmt::Display for ErrorKind {
    /// The kind in words (`rate limited`, `invalid request, not sent`), as [`Error`]'s
    /// `Display` starts.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

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

/// A failed call or a failed client configuration.
///
/// `Display` is one line naming the operation, the request, the status and the API's own
/// error; the accessors give each part. It never contains the API key.
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    kind: ErrorKind,
    operation: Option<&'static Operation>,
    status: Option<StatusCode>,
    api: Option<ApiError>,
    request_id: Option<String>,
    content_type: Option<String>,
    body: Option<String>,
    field_path: Option<String>,
    headers: Option<HeaderMap>,
    should_retry: Option<bool>,
    message: String,
    source: Option<Box<dyn StdError + Send + Sync>>,
}

/// A static description of one generated operation.
#[derive(Debug)]
pub(crate) struct Operation {
    /// The spec's operationId.
    pub(crate) id: &'static str,
    /// `POST /api/v3.1/connected_accounts/link`.
    pub(crate) request: &'static str,
    /// The success status the spec documents, when it documents one (a body that does not
    /// decode had that status).
    pub(crate) success: Option<u16>,
}

impl Error {
    fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            inner: Box::new(Inner {
                kind,
                operation: None,
                status: None,
                api: None,
                request_id: None,
                content_type: None,
                body: None,
                field_path: None,
                headers: None,
                should_retry: None,
                message: message.into(),
                source: None,
            }),
        }
    }

    pub(crate) fn configuration(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Configuration, message)
    }

    /// An error of `operation` that is not one response's (a wait's), with `source` behind it.
    pub(crate) fn about(
        kind: ErrorKind,
        operation: &'static Operation,
        message: impl Into<String>,
        source: Option<Box<dyn StdError + Send + Sync>>,
    ) -> Self {
        let mut error = Self::new(kind, message).with_operation(operation);
        error.inner.source = source;
        error
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The operationId of the call that failed (`postConnectedAccountsLink`); `None` for a
    /// configuration error.
    pub fn operation(&self) -> Option<&'static str> {
        self.inner.operation.map(|op| op.id)
    }

    /// The request that failed, as method and path template
    /// (`POST /api/v3.1/connected_accounts/link`).
    pub fn request(&self) -> Option<&'static str> {
        self.inner.operation.map(|op| op.request)
    }

    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        self.inner.status
    }

    /// The API's error envelope, when the response carried one.
    pub fn api_error(&self) -> Option<&ApiError> {
        self.inner.api.as_ref()
    }

    /// The request id, from the error envelope or the `x-request-id` response header.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_deref()
    }

    /// The response's content type, when the body was not the documented JSON.
    pub fn content_type(&self) -> Option<&str> {
        self.inner.content_type.as_deref()
    }

    /// At most the first [`BODY_SNIPPET_BYTES`] bytes of a body that was not the documented
    /// JSON, as text.
    pub fn body(&self) -> Option<&str> {
        self.inner.body.as_deref()
    }

    /// The headers of the final response, when there was one (after the retries: the
    /// `Retry-After` of a 429 that used them up, say).
    pub fn headers(&self) -> Option<&HeaderMap> {
        self.inner.headers.as_ref()
    }

    /// For [`ErrorKind::InvalidRequest`]: the body field (`toolkit`,
    /// `experimental.acl_config_for_shared.allowed_user_ids[0]`) or parameter (`session_id`)
    /// that was refused. For [`ErrorKind::Decode`]: the path of the field that failed to
    /// decode, as [`Error::field_path`] gives it.
    pub fn field(&self) -> Option<&str> {
        self.inner.field_path.as_deref()
    }

    /// The same as [`Error::field`], by its older name: for [`ErrorKind::Decode`], the path of
    /// the field that failed to decode (`experimental.account_type`), as serde reports it; for
    /// [`ErrorKind::InvalidRequest`], the field or parameter refused.
    pub fn field_path(&self) -> Option<&str> {
        self.inner.field_path.as_deref()
    }

    /// Whether retrying the same call may succeed: timeouts, connection failures, 408, 409,
    /// 429 and 5xx, as the official SDKs retry, unless the response's `x-should-retry` header
    /// said otherwise. The client already retried these up to `max_retries` times before
    /// returning.
    pub fn is_retryable(&self) -> bool {
        match self.kind() {
            ErrorKind::Timeout | ErrorKind::Connection => true,
            _ => self.inner.should_retry.unwrap_or_else(|| {
                self.inner
                    .status
                    .is_some_and(crate::retry::is_retryable_status)
            }),
        }
    }

    /// An error carrying the API's own error, whose request id wins over the header's.
    fn from_api(kind: ErrorKind, api: ApiError) -> Self {
        let mut error = Self::new(kind, api.message.clone());
        error.inner.api = Some(api);
        error
    }

    fn with_response(mut self, status: StatusCode, headers: HeaderMap) -> Self {
        self.inner.status = Some(status);
        let from_api = self
            .inner
            .api
            .as_ref()
            .and_then(|api| api.request_id.clone());
        self.inner.request_id = from_api.or_else(|| {
            headers
                .get("x-request-id")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        });
        self.inner.should_retry = crate::retry::server_says_retry(&headers);
        self.inner.headers = Some(headers);
        self
    }

    fn with_operation(mut self, operation: &'static Operation) -> Self {
        self.inner.operation = Some(operation);
        self
    }

    fn with_source(mut self, source: impl StdError + Send + Sync + 'static) -> Self {
        self.inner.source = Some(Box::new(source));
        self
    }

    fn with_body(mut self, content_type: Option<String>, bytes: &[u8]) -> Self {
        let cut = bytes.len().min(BODY_SNIPPET_BYTES);
        self.inner.content_type = content_type;
        self.inner.body = Some(String::from_utf8_lossy(&bytes[..cut]).into_owned());
        self
    }

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
                let kind = ErrorKind::from_status(status);
                match response.into_inner().into_api_error() {
                    Some(api) => Self::from_api(kind, api).with_response(status, headers),
                    None => Self::new(kind, "").with_response(status, headers),
                }
            }
            G::InvalidResponsePayload(bytes, e) => {
                let path = serde_path_to_error::deserialize::<_, T>(
                    &mut serde_json::Deserializer::from_slice(&bytes),
                )
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
    ) -> Result<progenitor_client::ResponseValue<T>, Self> {
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let bytes = match response.bytes().await {
            Ok(bytes) => bytes,
            Err(e) => {
                return Err(Self::from_reqwest(e)
                    .with_response(status, headers)
                    .with_operation(operation));
            }
        };
        // An empty body is JSON's `null`: what an operation documenting no body (`()`) takes.
        let json: &[u8] = if bytes.is_empty() { b"null" } else { &bytes };
        match serde_path_to_error::deserialize::<_, T>(&mut serde_json::Deserializer::from_slice(
            json,
        )) {
            Ok(body) => Ok(progenitor_client::ResponseValue::new(body, status, headers)),
            Err(e) => {
                let field = failing_field(&e);
                let content_type = headers
                    .get(CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
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

    /// A request refused before it was sent, with the field or parameter its message names.
    fn invalid_request(message: String) -> Self {
        let field = crate::validate::refused_field(&message);
        let mut error = Self::new(ErrorKind::InvalidRequest, message);
        error.inner.field_path = field;
        error
    }

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
    async fn from_unexpected<E: Envelope + DeserializeOwned>(response: reqwest::Response) -> Self {
        let status = response.status();
        let headers = response.headers().clone();
        let url = response.url().clone();
        let content_type = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let bytes = match response.bytes().await {
            Ok(bytes) => bytes,
            Err(e) => return Self::from_reqwest(e).with_response(status, headers),
        };
        let kind = ErrorKind::from_status(status);
        if let Some(api) = serde_json::from_slice::<E>(&bytes)
            .ok()
            .and_then(Envelope::into_api_error)
        {
            return Self::from_api(kind, api).with_response(status, headers);
        }
        let location = headers
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok());
        let message = match location {
            Some(location) if status.is_redirection() => {
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

fn root_cause(e: &(dyn StdError + 'static)) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        message = format!("{message}: {cause}");
        source = cause.source();
    }
    message
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        if let Some(op) = inner.operation {
            write!(f, "{} ({}): ", op.id, op.request)?;
        }
        f.write_str(self.kind().describe())?;
        if let Some(status) = inner.status {
            write!(f, " (HTTP {status})")?;
        }
        match &inner.api {
            Some(api) => {
                write!(f, ": {}: {}", api.slug, one_line(&api.message))?;
                if let Some(fix) = &api.suggested_fix {
                    write!(f, "; suggested fix: {}", one_line(fix))?;
                }
            }
            None if !inner.message.is_empty() => write!(f, ": {}", one_line(&inner.message))?,
            None => {}
        }
        // A refused request's message already names its field.
        if let Some(path) = inner
            .field_path
            .as_ref()
            .filter(|_| inner.kind == ErrorKind::Decode)
        {
            write!(f, " (at `{path}`)")?;
        }
        if let Some(body) = inner.body.as_deref().filter(|b| !b.trim().is_empty()) {
            let preview: String = one_line(body).chars().take(120).collect();
            write!(f, "; body starts: {preview}")?;
        }
        if let Some(id) = &inner.request_id {
            write!(f, " [request_id {id}]")?;
        }
        Ok(())
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("Error")
            .field("kind", &self.kind())
            .field("operation", &self.operation())
            .field("request", &self.request())
            .field("status", &inner.status)
            .field("api", &inner.api)
            .field("request_id", &inner.request_id)
            .field("content_type", &inner.content_type)
            .field("body", &inner.body)
            .field("field_path", &inner.field_path)
            .field("message", &inner.message)
            .finish()
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.inner
            .source
            .as_deref()
            .map(|s| s as &(dyn StdError + 'static))
    }
}
