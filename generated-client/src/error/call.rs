//! [`Error`], the one error of every call, with its accessors and its `Display`, and the
//! static description of an operation it names.

use std::error::Error as StdError;
use std::fmt;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use super::api::ApiError;
use super::kind::ErrorKind;
use crate::headers::REQUEST_ID;

/// The most of a response body an error keeps.
pub const BODY_SNIPPET_BYTES: usize = 512;

/// A failed call or a failed client configuration.
///
/// `Display` is one line naming the operation, the request, the status and the API's own
/// error; the accessors give each part. It never contains the API key.
pub struct Error {
    pub(super) inner: Box<Inner>,
}

pub(super) struct Inner {
    pub(super) kind: ErrorKind,
    pub(super) operation: Option<&'static Operation>,
    pub(super) status: Option<StatusCode>,
    pub(super) api: Option<ApiError>,
    /// The `x-request-id` header's, when the API error carries no request id.
    pub(super) request_id: Option<String>,
    pub(super) content_type: Option<String>,
    pub(super) body: Option<String>,
    pub(super) field_path: Option<String>,
    pub(super) headers: Option<HeaderMap>,
    pub(super) message: String,
    pub(super) source: Option<Box<dyn StdError + Send + Sync>>,
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
    pub(super) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
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
        self.inner
            .api
            .as_ref()
            .and_then(|api| api.request_id.as_deref())
            .or(self.inner.request_id.as_deref())
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
            _ => self
                .inner
                .headers
                .as_ref()
                .and_then(crate::retry::server_says_retry)
                .unwrap_or_else(|| {
                    self.inner
                        .status
                        .is_some_and(crate::retry::is_retryable_status)
                }),
        }
    }

    /// An error carrying the API's own error, whose request id wins over the header's. Its
    /// message is the API error's, read from there (`message` stays empty).
    pub(super) fn from_api(kind: ErrorKind, api: ApiError) -> Self {
        let mut error = Self::new(kind, String::new());
        error.inner.api = Some(api);
        error
    }

    pub(super) fn with_response(mut self, status: StatusCode, headers: HeaderMap) -> Self {
        self.inner.status = Some(status);
        // The API error's own request id, when it has one, is read from there.
        let from_api = self
            .inner
            .api
            .as_ref()
            .is_some_and(|api| api.request_id.is_some());
        if !from_api {
            self.inner.request_id = headers
                .get(&REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
        }
        self.inner.headers = Some(headers);
        self
    }

    pub(super) fn with_operation(mut self, operation: &'static Operation) -> Self {
        self.inner.operation = Some(operation);
        self
    }

    pub(super) fn with_source(mut self, source: impl StdError + Send + Sync + 'static) -> Self {
        self.inner.source = Some(Box::new(source));
        self
    }

    pub(super) fn with_body(mut self, content_type: Option<String>, bytes: &[u8]) -> Self {
        let cut = bytes.len().min(BODY_SNIPPET_BYTES);
        self.inner.content_type = content_type;
        self.inner.body = Some(String::from_utf8_lossy(&bytes[..cut]).into_owned());
        self
    }
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
        if let Some(id) = self.request_id() {
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
            .field("request_id", &self.request_id())
            .field("content_type", &inner.content_type)
            .field("body", &inner.body)
            .field("field_path", &inner.field_path)
            .field(
                "message",
                inner
                    .api
                    .as_ref()
                    .map_or(&inner.message, |api| &api.message),
            )
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
