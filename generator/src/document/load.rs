//! Reading a spec: bytes → UTF-8 → YAML → [`openapiv3::OpenAPI`], refusing anything that is not
//! an OpenAPI 3.0.x document before progenitor ever sees it.
//!
//! Every error names the file, a line and column and, past the YAML syntax, the dotted path of
//! the offending node. serde_yaml_ng places syntax errors itself ([`super::yaml_error`]);
//! everything else is placed by [`super::positions`] from the path that serde_path_to_error or
//! [`super::explain`] finds.

use openapiv3::OpenAPI;
use serde_yaml_ng::Value;
use sha2::{Digest, Sha256};

use super::explain::{clarify, explain};
use super::node_path::NodePath;
use super::positions::{LineColumn, Positions};
use super::spec::Spec;
use super::tree::{node_kind, scalar_text};
use super::yaml_error::yaml_error;
use crate::error::{Error, Location, Result};

/// The largest spec accepted, in bytes. The real specs are about 25 KB; anything a hundred times
/// larger is a wrong file (a log, a dump), and refusing it early keeps a mistaken `regen` fast.
pub const MAX_SPEC_BYTES: usize = 4 * 1024 * 1024;

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
        let (path, message) = explain(&document).unwrap_or_else(|| {
            (
                NodePath::from_serde(e.path()),
                clarify(&e.inner().to_string(), None),
            )
        });
        Error::Shape {
            location: located(file, text, &path),
            field: path.to_string(),
            message,
        }
    })?;

    Ok(Spec::new(file, sha256_hex(bytes), text, openapi, document))
}

/// The location of the node at `path` of `text`, or of the nearest place that can be found.
fn located(file: &str, text: &str, path: &NodePath) -> Location {
    let (line, column) = Positions::locate_in(text, path);
    Location::at(file, line, column)
}

/// Refuses a document that is not a mapping, or that declares a version other than OpenAPI
/// 3.0.x (`swagger: "2.0"`, `openapi: 3.1.0`), or none.
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
                node_kind(value)
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

/// Lower-case hex SHA-256 of `bytes`.
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
    fn columns_count_characters() {
        assert_eq!(line_column("a\nçé".as_bytes()), (2, 3));
        assert_eq!(line_column(b""), (1, 1));
    }
}
