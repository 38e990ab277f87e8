//! Everything a `composio_link::Error` reports, as one plain value, so that a test compares an
//! error's kind and all its fields with a single `assert_eq!` and a failure shows them all.

use composio_link::{ApiError, Error, ErrorKind};
use serde_json::Value;

/// Everything an [`Error`] reports through its accessors.
#[derive(Debug, PartialEq)]
pub struct Fields {
    /// [`Error::kind`].
    pub kind: ErrorKind,
    /// [`Error::status`], as a number.
    pub status: Option<u16>,
    /// [`Error::api_error`].
    pub api: Option<Api>,
    /// [`Error::request_id`].
    pub request_id: Option<String>,
    /// [`Error::operation`].
    pub operation: Option<&'static str>,
    /// [`Error::request`].
    pub request: Option<&'static str>,
    /// [`Error::content_type`].
    pub content_type: Option<String>,
    /// [`Error::body`].
    pub body: Option<String>,
    /// [`Error::field_path`].
    pub field_path: Option<String>,
    /// [`Error::is_retryable`].
    pub retryable: bool,
}

impl Fields {
    /// What `error` reports.
    pub fn of(error: &Error) -> Self {
        Self {
            kind: error.kind(),
            status: error.status().map(|s| s.as_u16()),
            api: error.api_error().map(Api::from),
            request_id: error.request_id().map(str::to_owned),
            operation: error.operation(),
            request: error.request(),
            content_type: error.content_type().map(str::to_owned),
            body: error.body().map(str::to_owned),
            field_path: error.field_path().map(str::to_owned),
            retryable: error.is_retryable(),
        }
    }

    /// An error of `kind` that reports nothing else (a configuration error).
    pub fn bare(kind: ErrorKind) -> Self {
        Self {
            kind,
            status: None,
            api: None,
            request_id: None,
            operation: None,
            request: None,
            content_type: None,
            body: None,
            field_path: None,
            retryable: false,
        }
    }
}

/// [`ApiError`] as plain data (it is `#[non_exhaustive]`, so tests cannot build one).
#[derive(Debug, PartialEq)]
pub struct Api {
    /// [`ApiError::message`].
    pub message: String,
    /// [`ApiError::code`].
    pub code: f64,
    /// [`ApiError::slug`].
    pub slug: String,
    /// [`ApiError::status`].
    pub status: f64,
    /// [`ApiError::request_id`].
    pub request_id: Option<String>,
    /// [`ApiError::suggested_fix`].
    pub suggested_fix: Option<String>,
    /// [`ApiError::errors`].
    pub errors: Vec<String>,
}

impl From<&ApiError> for Api {
    fn from(e: &ApiError) -> Self {
        Self {
            message: e.message.clone(),
            code: e.code,
            slug: e.slug.clone(),
            status: e.status,
            request_id: e.request_id.clone(),
            suggested_fix: e.suggested_fix.clone(),
            errors: e.errors.clone(),
        }
    }
}

impl Api {
    /// What an error envelope (`{"error": {...}}`, as `crate::error_envelope` makes) must
    /// decode to, read straight from its JSON.
    pub fn of_envelope(envelope: &Value) -> Self {
        let e = &envelope["error"];
        let text = |v: &Value| v.as_str().map(str::to_owned);
        Self {
            message: text(&e["message"]).unwrap_or_default(),
            code: e["code"].as_f64().unwrap_or_default(),
            slug: text(&e["slug"]).unwrap_or_default(),
            status: e["status"].as_f64().unwrap_or_default(),
            request_id: text(&e["request_id"]),
            suggested_fix: text(&e["suggested_fix"]),
            errors: e["errors"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(text)
                .collect(),
        }
    }
}
