//! A spec that loaded: the typed document, the untyped tree the checks read, the name and hash
//! of its file, and where each of its nodes stands in a text, read the first time a position is
//! asked for.

use std::sync::{Arc, OnceLock};

use openapiv3::OpenAPI;
use serde_yaml_ng::Value;

use super::node_path::NodePath;
use super::positions::{LineColumn, Positions};
use crate::error::{Error, Location};

/// An OpenAPI document that loaded cleanly, with the name and hash of the file it came from.
#[derive(Debug, Clone)]
pub struct Spec {
    file: String,
    sha256: String,
    openapi: OpenAPI,
    /// Where the nodes of the document are, to place later errors (generation) and drift
    /// changes on a line.
    positions: Arc<PositionSource>,
    /// The untyped document, kept for the checks that need what the typed model drops (a
    /// `$ref` that is not a string, a `type` the model turns into "any").
    document: Value,
}

impl Spec {
    /// A spec loaded from `text`, the bytes of `file` whose SHA-256 is `sha256`, as `openapi`
    /// and as the untyped `document`.
    pub(super) fn new(
        file: &str,
        sha256: String,
        text: &str,
        openapi: OpenAPI,
        document: Value,
    ) -> Self {
        Self {
            file: file.to_owned(),
            sha256,
            openapi,
            positions: Arc::new(PositionSource::new(file, text)),
            document,
        }
    }

    /// The spec file as the caller named it (e.g. `spec/v3.1.yaml`).
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Lower-case hex SHA-256 of the file's bytes.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// The parsed document.
    pub fn openapi(&self) -> &OpenAPI {
        &self.openapi
    }

    /// The document as untyped YAML.
    pub(crate) fn document(&self) -> &Value {
        &self.document
    }

    /// The same spec, with the positions of its nodes taken from `positions`: those of the
    /// document this one was extracted from, which holds each of its nodes at the same path
    /// (`cargo xtask upstream` loads the vendor's operations as a document of their own, and
    /// names their lines in the vendor's document). The text is parsed for positions once,
    /// however many extracts of it are compared.
    #[must_use]
    pub fn with_shared_positions(mut self, positions: &SharedPositions) -> Self {
        self.positions = Arc::clone(&positions.0);
        self
    }

    /// The location of the node at `path` (or of its deepest existing ancestor).
    pub(crate) fn locate(&self, path: &NodePath) -> Location {
        let (line, column) = self.positions.locate(path);
        Location::at(&self.file, line, column)
    }

    /// [`Error::Unsupported`] at the node at `path`: the document is OpenAPI 3.0 but breaks a
    /// rule the generator relies on, which `message` states with what was expected.
    pub(crate) fn unsupported(&self, path: &NodePath, message: String) -> Error {
        Error::Unsupported {
            location: self.locate(path),
            field: path.to_string(),
            message,
        }
    }

    /// The file the positions of the nodes are read from (the spec file unless
    /// [`Spec::with_shared_positions`] named another), and the line and column of the node at
    /// `path` (or of its deepest existing ancestor) there.
    pub(crate) fn position(&self, path: &NodePath) -> (&str, LineColumn) {
        (&self.positions.file, self.positions.locate(path))
    }
}

/// The positions of the nodes of a text named after its file, read the first time one is
/// asked for and then shared by every spec given them ([`Spec::with_shared_positions`]).
#[derive(Debug, Clone)]
pub struct SharedPositions(Arc<PositionSource>);

impl SharedPositions {
    /// The positions of the nodes of `text`, the file `file`.
    pub fn new(file: &str, text: &str) -> Self {
        Self(Arc::new(PositionSource::new(file, text)))
    }
}

/// A text and the positions of its nodes, read the first time one is asked for (a spec that
/// loads and generates cleanly never needs them).
#[derive(Debug)]
struct PositionSource {
    file: String,
    text: String,
    tree: OnceLock<Positions>,
}

impl PositionSource {
    fn new(file: &str, text: &str) -> Self {
        Self {
            file: file.to_owned(),
            text: text.to_owned(),
            tree: OnceLock::new(),
        }
    }

    fn locate(&self, path: &NodePath) -> LineColumn {
        self.tree
            .get_or_init(|| Positions::parse(&self.text))
            .locate_or_first(&self.text, path)
    }
}
