//! One classified difference ([`Change`]) and where it is ([`Position`]).

use std::fmt;

use serde::Serialize;

use super::rules::{self, Level, Origin, RustRule, WireRule};
use super::subject::subject;
use crate::document::NodePath;
use crate::document::Spec;

/// Which of the two levels a change is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The OpenAPI documents: what goes over the wire.
    Wire,
    /// The generated Rust surface: what downstream code compiles against.
    Rust,
}

/// A place in a document: the file as the caller named it, and a 1-based line and column
/// (counted in characters) of the node a change is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Position {
    /// The file (`spec/v3.1.yaml`, or the vendor document for `cargo xtask upstream`).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl Position {
    /// The position of the node at `node` of `spec` (or of its deepest existing ancestor).
    pub(crate) fn of(spec: &Spec, node: &NodePath) -> Self {
        let (file, (line, column)) = spec.position(node);
        Self {
            file: file.to_owned(),
            line,
            column,
        }
    }

    /// The first line of `spec`, for what no node of the document stands for.
    pub(crate) fn first_line(spec: &Spec) -> Self {
        Self {
            file: spec.position(&NodePath::root()).0.to_owned(),
            line: 1,
            column: 1,
        }
    }
}

impl fmt::Display for Position {
    /// `file:line:column`, as every error of this project names a place.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Stands for the response status in a change's arguments, so that changes differing only by
/// status can be shown as one line that lists the statuses.
pub(crate) const STATUS: &str = "\u{1}status\u{1}";

/// Where a wire-level change is: the location its line names, and the operation and response
/// status it is about, if any.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Site<'a> {
    /// `API POST /connected_accounts/link`, `components/securitySchemes`, `security`, `info`.
    pub(crate) location: &'a str,
    /// `POST /connected_accounts/link`.
    pub(crate) operation: Option<&'a str>,
    /// `201`, `4XX`, `default`.
    pub(crate) status: Option<&'a str>,
}

impl<'a> Site<'a> {
    /// A site outside any operation.
    pub(crate) fn at(location: &'a str) -> Self {
        Self {
            location,
            operation: None,
            status: None,
        }
    }

    /// The same site, about the response with `status`.
    pub(crate) fn with_status(self, status: &'a str) -> Self {
        Self {
            status: Some(status),
            ..self
        }
    }
}

/// One classified difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Wire or Rust.
    pub side: Side,
    /// The rule's ID (oasdiff rule ID or cargo-semver-checks lint name).
    pub id: &'static str,
    /// How much the change matters.
    pub level: Level,
    /// Who defined the rule.
    pub origin: Origin,
    /// The document the change is in (the new one, or the old one for a removal), as its
    /// loader named it.
    pub source: String,
    /// Where in that document: the node the change is about (the new document's for what was
    /// added or changed, the old one's for what was removed). For a Rust-level change, the
    /// spec node the Rust item is generated from, or the spec's first line when no node is.
    pub position: Position,
    /// Where in it: `API POST /connected_accounts/link`, `components/securitySchemes`,
    /// `security`, `info`, or for Rust `Rust types::ConnectedAccountLinkRequest`.
    pub location: String,
    /// The operation the change is about, for wire-level changes inside one
    /// (`POST /connected_accounts/link`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// The response status the change is about (`201`, `4XX`, `default`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// What a wire-level change is about, stable across line moves (the property, parameter,
    /// scheme, status or enum value: `connection_data/region`, `status: REVOKED`); empty for a
    /// Rust-level change, whose location names its item.
    #[serde(rename = "where", skip_serializing_if = "String::is_empty")]
    pub subject: String,
    /// The rule's message with its arguments.
    pub text: String,
    /// The message with [`STATUS`] where the status is, to show several statuses in one line.
    #[serde(skip)]
    pub(super) pattern: String,
}

impl Change {
    pub(crate) fn wire(
        rule: WireRule,
        spec: &Spec,
        node: &NodePath,
        site: Site<'_>,
        args: &[String],
    ) -> Self {
        let pattern = rules::message(rule.template(), args);
        let status = site.status.map(rules::code).unwrap_or_default();
        Self {
            side: Side::Wire,
            id: rule.id(),
            level: rule.level(),
            origin: rule.origin(),
            source: spec.file().to_owned(),
            position: Position::of(spec, node),
            location: site.location.to_owned(),
            operation: site.operation.map(str::to_owned),
            status: site.status.map(str::to_owned),
            subject: subject(rule, args, site.status),
            text: pattern.replace(STATUS, &status),
            pattern,
        }
    }

    pub(crate) fn rust(rule: RustRule, position: Position, item: &str, args: &[String]) -> Self {
        let text = rules::message(rule.template(), args);
        Self {
            side: Side::Rust,
            id: rule.id(),
            level: rule.level(),
            origin: rule.origin(),
            source: position.file.clone(),
            position,
            location: format!("Rust {item}"),
            operation: None,
            status: None,
            subject: String::new(),
            pattern: text.clone(),
            text,
        }
    }

    /// Where the change is, as its line shows it: the position, then what [`Change::source`]
    /// adds to the position's file name (`composio-v3-openapi.json:5210:13 (v3 operations)`
    /// for a vendor document loaded as `composio-v3-openapi.json (v3 operations)`).
    pub fn at(&self) -> String {
        let qualifier = self
            .source
            .strip_prefix(self.position.file.as_str())
            .unwrap_or_default();
        format!("{}{qualifier}", self.position)
    }

    pub(super) fn sort_key(&self) -> (Side, Level, &str, &str, &str, &Position) {
        (
            self.side,
            self.level,
            &self.location,
            self.id,
            &self.text,
            &self.position,
        )
    }
}

impl fmt::Display for Change {
    /// oasdiff's single-line form, with the position:
    /// `<level> at <file:line:column>, in <location> <text> [<id>].`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at {}, in {} {} [{}].",
            self.level,
            self.at(),
            self.location,
            self.text,
            self.id
        )
    }
}
