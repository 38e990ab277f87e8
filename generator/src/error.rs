//! The generator's error type: every variant names the spec file it is about.

use std::fmt;

/// A place in a spec file, as precise as the failing step knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The spec file, as the caller named it (e.g. `spec/v3.1.yaml`).
    pub file: String,
    /// 1-based line and column, when known.
    pub line_column: Option<(usize, usize)>,
}

impl Location {
    /// A location that names only the file.
    pub fn file(file: &str) -> Self {
        Self {
            file: file.to_owned(),
            line_column: None,
        }
    }

    /// A location at a 1-based line and column of `file`.
    pub fn at(file: &str, line: usize, column: usize) -> Self {
        Self {
            file: file.to_owned(),
            line_column: Some((line, column)),
        }
    }

    /// A location in `file` at a 1-based line and column when one is known.
    pub fn new(file: &str, line_column: Option<(usize, usize)>) -> Self {
        Self {
            file: file.to_owned(),
            line_column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_column {
            Some((line, column)) => write!(f, "{}:{line}:{column}", self.file),
            None => f.write_str(&self.file),
        }
    }
}

/// Why a spec could not be loaded or turned into Rust.
///
/// Every message starts with `file:line:column` where a position is known, names the dotted
/// path of the offending node where there is one (`at `paths./api/v3/x.post.responses.201``),
/// and says what was expected there.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file is larger than any spec should be.
    #[error(
        "{location}: the file is {size} bytes, more than the {limit} bytes a spec may have (it \
         passes the limit here); expected an OpenAPI document of a few dozen kilobytes: is this \
         the right file?"
    )]
    TooLarge {
        /// The file, with the line and column of the first byte past the limit.
        location: Location,
        /// The file's size in bytes.
        size: usize,
        /// The largest size accepted, in bytes.
        limit: usize,
    },

    /// The file is not UTF-8 text.
    #[error(
        "{location}: the file is not UTF-8 text (invalid byte sequence at byte offset {offset}); \
         expected UTF-8: save the spec as UTF-8"
    )]
    NotUtf8 {
        /// The file, with the line and column of the first invalid byte.
        location: Location,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },

    /// The file is not well-formed YAML.
    #[error("{location}: invalid YAML: {message}")]
    Yaml {
        /// Where the problem is: where the parser stopped, or the quote that was never closed.
        location: Location,
        /// What the parser found and what it expected.
        message: String,
    },

    /// The YAML is well-formed but is not an OpenAPI 3.0 document.
    #[error("{location}: at `{field}`: {message}")]
    Shape {
        /// Where the offending node is.
        location: Location,
        /// Dotted path of the offending node (`paths./api/v3/...post.requestBody`).
        field: String,
        /// What is wrong and what was expected there.
        message: String,
    },

    /// The document declares an OpenAPI version that progenitor cannot read.
    #[error(
        "{location}: at `{field}`: found `{found}`, but OpenAPI 3.0.x is required: progenitor and \
         openapiv3 read only OpenAPI 3.0 (\"v3.1\" in this workspace is Composio's API version, \
         not the OpenAPI version); write `openapi: 3.0.3`"
    )]
    UnsupportedVersion {
        /// Where the version is declared.
        location: Location,
        /// The field that declares it (`openapi` or `swagger`).
        field: String,
        /// The version the document declares.
        found: String,
    },

    /// The document is OpenAPI 3.0 but breaks a rule the generator relies on: a `$ref` that
    /// does not resolve, a duplicate `operationId`, a schema progenitor cannot express, ...
    #[error("{location}: at `{field}`: {message}")]
    Unsupported {
        /// Where the offending node is.
        location: Location,
        /// Dotted path of the offending node.
        field: String,
        /// What is wrong, why the generator needs it otherwise, and what was expected.
        message: String,
    },

    /// progenitor refused the document.
    #[error("{location}: {}progenitor cannot generate a client: {message}", operation_prefix(.operation))]
    Generate {
        /// The spec file, and the operation's line and column when it is known.
        location: Location,
        /// The operation being generated, when known.
        operation: Option<String>,
        /// progenitor's own words.
        message: String,
    },

    /// progenitor panicked; the panic was caught and is reported as an error.
    #[error(
        "{location}: {}progenitor failed on a shape it does not support (it panicked with: {message})",
        operation_prefix(.operation)
    )]
    GeneratorPanic {
        /// The spec file, and the operation's line and column when it is known.
        location: Location,
        /// The operation that triggers the panic, when it could be isolated.
        operation: Option<String>,
        /// The panic message.
        message: String,
    },

    /// The generated tokens are not a valid Rust file (a progenitor bug, reported with the spec
    /// that triggers it).
    #[error("{location}: generated code does not parse as Rust: {message}")]
    Format {
        /// The spec file.
        location: Location,
        /// syn's message.
        message: String,
    },
}

fn operation_prefix(operation: &Option<String>) -> String {
    operation
        .as_deref()
        .map(|op| format!("operation {op}: "))
        .unwrap_or_default()
}

impl Error {
    /// Where in which spec file the error is.
    pub fn location(&self) -> &Location {
        match self {
            Error::TooLarge { location, .. }
            | Error::NotUtf8 { location, .. }
            | Error::Yaml { location, .. }
            | Error::Shape { location, .. }
            | Error::UnsupportedVersion { location, .. }
            | Error::Unsupported { location, .. }
            | Error::Generate { location, .. }
            | Error::GeneratorPanic { location, .. }
            | Error::Format { location, .. } => location,
        }
    }
}

/// The generator's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
