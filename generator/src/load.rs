//! Reading a spec: bytes → UTF-8 → YAML → [`openapiv3::OpenAPI`], refusing anything that is not
//! an OpenAPI 3.0.x document before progenitor ever sees it.

use openapiv3::OpenAPI;
use serde_yaml_ng::Value;
use sha2::{Digest, Sha256};

use crate::{Error, Location, Result};

/// An OpenAPI document that loaded cleanly, with the name and hash of the file it came from.
#[derive(Debug, Clone)]
pub struct Spec {
    file: String,
    sha256: String,
    openapi: OpenAPI,
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
}

/// Loads the OpenAPI document in `bytes`; `file` names it in errors and in the generated header.
///
/// # Errors
///
/// Fails with an [`Error`] naming `file` (and a line and column where the YAML parser gives
/// one) when the bytes are not UTF-8, not YAML, not a mapping, not OpenAPI 3.0.x, or not shaped
/// like an OpenAPI document.
pub fn load(file: &str, bytes: &[u8]) -> Result<Spec> {
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
    let value: Value = serde_yaml_ng::from_str(text).map_err(|e| yaml_error(file, &e))?;
    check_version(file, &value)?;

    let deserializer = serde_yaml_ng::Deserializer::from_str(text);
    let openapi: OpenAPI = serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let field = match e.path().to_string() {
            path if path == "." => "(document root)".to_owned(),
            path => path,
        };
        let inner = e.into_inner();
        Error::Shape {
            location: location_of(file, &inner),
            field,
            message: message_of(&inner),
        }
    })?;

    Ok(Spec {
        file: file.to_owned(),
        sha256: sha256_hex(bytes),
        openapi,
    })
}

fn check_version(file: &str, value: &Value) -> Result<()> {
    let Value::Mapping(root) = value else {
        return Err(Error::Shape {
            location: Location::at(file, 1, 1),
            field: "(document root)".to_owned(),
            message: format!(
                "expected a mapping with `openapi`, `info` and `paths`, found {}",
                kind(value)
            ),
        });
    };
    if let Some(swagger) = root.get("swagger") {
        return Err(Error::UnsupportedVersion {
            location: Location::file(file),
            found: format!("swagger: {}", scalar_text(swagger)),
        });
    }
    match root.get("openapi") {
        None => Err(Error::Shape {
            location: Location::file(file),
            field: "openapi".to_owned(),
            message: "missing field `openapi`; expected `openapi: 3.0.3`".to_owned(),
        }),
        Some(Value::String(v)) if v.trim().starts_with("3.0.") => Ok(()),
        Some(other) => Err(Error::UnsupportedVersion {
            location: Location::file(file),
            found: scalar_text(other),
        }),
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => kind(other).to_owned(),
    }
}

fn kind(value: &Value) -> &'static str {
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

fn yaml_error(file: &str, e: &serde_yaml_ng::Error) -> Error {
    Error::Yaml {
        location: location_of(file, e),
        message: message_of(e),
    }
}

fn location_of(file: &str, e: &serde_yaml_ng::Error) -> Location {
    match e.location() {
        Some(at) => Location::at(file, at.line(), at.column()),
        None => Location::file(file),
    }
}

/// serde_yaml_ng appends " at line L column C" to its messages; the location is reported
/// separately, in `file:line:column` form, so it is cut from the message.
fn message_of(e: &serde_yaml_ng::Error) -> String {
    let message = e.to_string();
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message,
    }
}

fn line_column(prefix: &[u8]) -> (usize, usize) {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = prefix
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, prefix.len() - line_start + 1)
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
