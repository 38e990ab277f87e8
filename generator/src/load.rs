//! Reading a spec: bytes → UTF-8 → YAML → [`openapiv3::OpenAPI`], refusing anything that is not
//! an OpenAPI 3.0.x document before progenitor ever sees it.
//!
//! Every error names the file, a line and column and, past the YAML syntax, the dotted path of
//! the offending node. serde_yaml_ng places syntax errors itself; everything else is placed by
//! [`crate::positions`] from the path that serde_path_to_error or [`crate::checks::explain`]
//! finds.

use std::sync::{Arc, OnceLock};

use openapiv3::OpenAPI;
use serde_yaml_ng::Value;
use sha2::{Digest, Sha256};

use crate::positions::{LineColumn, NodePath, Positions, unclosed_quote};
use crate::{Error, Location, Result, checks};

/// The largest spec accepted, in bytes. The real specs are about 25 KB; anything a hundred times
/// larger is a wrong file (a log, a dump), and refusing it early keeps a mistaken `regen` fast.
pub const MAX_SPEC_BYTES: usize = 4 * 1024 * 1024;

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

    /// The same spec, with the positions of its nodes taken from `text`, named `file`: the
    /// document this one was extracted from, which holds each of its nodes at the same path
    /// (`cargo xtask upstream` loads the vendor's operations as a document of their own, and
    /// names their lines in the vendor's document).
    #[must_use]
    pub fn with_positions_from(mut self, file: &str, text: &str) -> Self {
        self.positions = Arc::new(PositionSource::new(file, text));
        self
    }

    /// The location of the node at `path` (or of its deepest existing ancestor).
    pub(crate) fn locate(&self, path: &NodePath) -> Location {
        let (line, column) = self.positions.locate(path);
        Location::at(&self.file, line, column)
    }

    /// The file the positions of the nodes are read from (the spec file unless
    /// [`Spec::with_positions_from`] named another), and the line and column of the node at
    /// `path` (or of its deepest existing ancestor) there.
    pub(crate) fn position(&self, path: &NodePath) -> (&str, LineColumn) {
        (&self.positions.file, self.positions.locate(path))
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

/// Loads the OpenAPI document in `bytes`; `file` names it in errors and in the generated header.
///
/// # Errors
///
/// Fails with an [`Error`] naming `file`, a line and column, and the path of the offending node
/// when the bytes are too many, not UTF-8, not YAML, not a mapping, not OpenAPI 3.0.x, or not
/// shaped like an OpenAPI document.
pub fn load(file: &str, bytes: &[u8]) -> Result<Spec> {
    if bytes.len() > MAX_SPEC_BYTES {
        let (line, column) = line_column(&bytes[..MAX_SPEC_BYTES]);
        return Err(Error::TooLarge {
            location: Location::at(file, line, column),
            size: bytes.len(),
            limit: MAX_SPEC_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let (line, column) = line_column(&bytes[..offset]);
        Error::NotUtf8 {
            location: Location::at(file, line, column),
            offset,
        }
    })?;

    // A first, untyped pass finds syntax errors and checks the version before the typed pass,
    // so that `openapi: 3.1.0` or `swagger: "2.0"` is reported as such and not as whichever
    // field of the 3.0 model happens to mismatch first.
    let document: Value = serde_yaml_ng::from_str(text).map_err(|e| yaml_error(file, text, &e))?;
    check_version(file, text, &document)?;

    let openapi: OpenAPI = serde_path_to_error::deserialize(&document).map_err(|e| {
        // serde stops at the first untagged enum or flattened map (`paths`, every `$ref`-able
        // object) with a vague message; `explain` finds the innermost node that fails.
        let (path, message) = checks::explain(&document).unwrap_or_else(|| {
            (
                NodePath::from_serde(e.path()),
                checks::clarify(&e.inner().to_string(), None),
            )
        });
        Error::Shape {
            location: located(file, text, &path),
            field: path.to_string(),
            message,
        }
    })?;

    Ok(Spec {
        file: file.to_owned(),
        sha256: sha256_hex(bytes),
        openapi,
        positions: Arc::new(PositionSource::new(file, text)),
        document,
    })
}

/// The location of the node at `path` of `text`, or of the nearest place that can be found.
fn located(file: &str, text: &str, path: &NodePath) -> Location {
    let (line, column) = Positions::locate_in(text, path);
    Location::at(file, line, column)
}

fn check_version(file: &str, text: &str, value: &Value) -> Result<()> {
    let located = |path: &NodePath| located(file, text, path);
    let root = NodePath::root();
    let Value::Mapping(mapping) = value else {
        return Err(Error::Shape {
            // An empty document has no node to point at: its first line.
            location: match value {
                Value::Null => Location::at(file, 1, 1),
                _ => located(&root),
            },
            field: root.to_string(),
            message: format!(
                "expected a mapping with `openapi`, `info` and `paths`, found {}",
                kind(value)
            ),
        });
    };
    if let Some(swagger) = mapping.get("swagger") {
        let path = root.key("swagger");
        return Err(Error::UnsupportedVersion {
            location: located(&path),
            field: path.to_string(),
            found: format!("swagger: {}", scalar_text(swagger)),
        });
    }
    let path = root.key("openapi");
    match mapping.get("openapi") {
        None => Err(Error::Shape {
            location: located(&root),
            field: root.to_string(),
            message: "missing field `openapi`; expected `openapi: 3.0.3` at the top level"
                .to_owned(),
        }),
        Some(Value::String(v)) if v.trim().starts_with("3.0.") => Ok(()),
        Some(other) => Err(Error::UnsupportedVersion {
            location: located(&path),
            field: path.to_string(),
            found: scalar_text(other),
        }),
    }
}

/// A scalar as the user wrote it, or what kind of node stands where a scalar was expected.
pub(crate) fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => kind(other).to_owned(),
    }
}

/// What kind of YAML node `value` is, for messages ("found a sequence").
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "an empty document",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a sequence",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// Turns a serde_yaml_ng syntax error into an [`Error::Yaml`], pointing at the quote that was
/// never closed, or the duplicate key, rather than where the parser gave up, when that is where
/// the mistake is.
fn yaml_error(file: &str, text: &str, e: &serde_yaml_ng::Error) -> Error {
    let full = e.to_string();
    let stopped = e.location().map(|at| (at.line(), at.column()));
    let (problem, context) = split_libyaml(&full);
    let error = |at: Option<LineColumn>, message: String| Error::Yaml {
        location: Location::new(file, at),
        message,
    };

    if let Some(key) = duplicate_key(problem)
        && let Some((path, first, second)) = Positions::parse(text).duplicate_key(&key)
    {
        return error(
            Some(second),
            format!(
                "duplicate key `{key}` in the mapping at `{path}` (first at line {}, column {}); \
                 expected each key once: YAML keeps only one of the two values",
                first.0, first.1
            ),
        );
    }

    if let Some((what, Some(start))) = context
        && what.contains("quoted scalar")
    {
        let quote = char_at(text, start).unwrap_or('"');
        let end = stopped.map_or_else(String::new, |(l, c)| format!(" at line {l}, column {c}"));
        return error(
            Some(start),
            format!(
                "unclosed quote: the string that starts here with `{quote}` is never closed \
                 ({problem}{end}); expected a closing `{quote}`"
            ),
        );
    }

    if let Some(stopped) = stopped
        && let Some(unclosed) = unclosed_quote(text, stopped)
    {
        let quote = unclosed.quote;
        return error(
            Some(unclosed.start),
            format!(
                "unclosed quote: the string that starts here with `{quote}` is not closed on its \
                 line, and the lines after it are not indented under it; the YAML parser read on \
                 to the next `{quote}` and stopped at line {}, column {} ({problem}); expected a \
                 closing `{quote}` on line {}",
                stopped.0, stopped.1, unclosed.start.0,
            ),
        );
    }

    if let Some(at) = stopped
        && char_at(text, at) == Some('\t')
    {
        let what = if problem.contains("tab") {
            ""
        } else {
            " (a tab)"
        };
        return error(
            Some(at),
            format!("{problem}{what}; expected spaces: YAML indents with spaces only"),
        );
    }

    let message = match context {
        Some((what, Some((line, column)))) => {
            format!("{problem} ({what} that starts at line {line}, column {column})")
        }
        Some((what, None)) => format!("{problem} ({what})"),
        None => problem.to_owned(),
    };
    error(stopped, message)
}

/// Splits libyaml's "PROBLEM at line L column C, CONTEXT at line L2 column C2" into the problem
/// and the context with its position; other messages are all problem.
fn split_libyaml(message: &str) -> (&str, Option<(&str, Option<LineColumn>)>) {
    let Some((problem, rest)) = message.split_once(" at line ") else {
        return (message, None);
    };
    let context = rest
        .split_once(", ")
        .map(|(_, context)| match context.split_once(" at line ") {
            Some((what, at)) => (what, parse_line_column(at)),
            None => (context, None),
        });
    (problem, context)
}

/// "12 column 5" → (12, 5).
fn parse_line_column(text: &str) -> Option<LineColumn> {
    let (line, column) = text.split_once(" column ")?;
    let column: String = column.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// The key of serde_yaml_ng's "PATH: duplicate entry with key "KEY"" message.
fn duplicate_key(problem: &str) -> Option<String> {
    let (_, key) = problem.split_once("duplicate entry with key ")?;
    Some(match key.strip_prefix('"') {
        Some(quoted) => quoted.strip_suffix('"').unwrap_or(quoted).to_owned(),
        None => key.to_owned(),
    })
}

/// The character at a 1-based line and column.
fn char_at(text: &str, (line, column): LineColumn) -> Option<char> {
    text.lines()
        .nth(line.checked_sub(1)?)?
        .chars()
        .nth(column.checked_sub(1)?)
}

/// The 1-based line and column (in characters) just past `prefix`.
fn line_column(prefix: &[u8]) -> LineColumn {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = prefix
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&prefix[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_libyaml_messages() {
        assert_eq!(
            split_libyaml(
                "did not find expected key at line 61 column 13, while parsing a block mapping \
                 at line 16 column 3"
            ),
            (
                "did not find expected key",
                Some(("while parsing a block mapping", Some((16, 3))))
            )
        );
        assert_eq!(
            split_libyaml("recursion limit exceeded"),
            ("recursion limit exceeded", None)
        );
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(line_column("a\nçé".as_bytes()), (2, 3));
        assert_eq!(line_column(b""), (1, 1));
    }
}
