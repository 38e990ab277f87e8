//! The reviewed baseline of `cargo xtask upstream`: `upstream-accepted.toml` at the repository
//! root, the differences from the vendor document that were looked at and accepted, each with
//! the reason. A run lists only the differences no entry accepts, and names the entries that
//! accept nothing (stale), so the file stays true.
//!
//! ```toml
//! [[accepted]]
//! rule = "request-property-min-length-increased"   # the drift rule ID
//! version = "v3"                                   # the API version (spec/v3.yaml)
//! operation = "POST /api/v3/connected_accounts/link"  # as our spec names it, or the location
//! where = "user_id"                                # what the difference is about
//! documents = ["composio-v3-openapi.json"]         # optional: the vendor files it applies to
//! why = "The docs pages say nothing of a minimum; ..."
//! ```
//!
//! An entry accepts a difference when its `rule`, `version`, `operation` and `where` are the
//! difference's (a report's JSON form gives each difference's four); a `where` ending in `/*`
//! accepts every property under that one (`connection_data/*`), and `where = "*"` anything the
//! rule finds in the operation (for `description-changed`: the docs pages' wording is kept). An entry with `documents`
//! applies only to the vendor files of those names (the file name of the path or URL given);
//! without, to any. A difference is accepted by the first entry, in file order, that accepts
//! it. An entry that applies to the document compared and accepts nothing is stale (so is one
//! whose every difference an earlier entry accepts): the difference it was written for is gone,
//! and the entry would only hide a new one some day.

use std::collections::BTreeMap;
use std::ops::Range;

use composio_link_generator::drift::WireRule;
use serde::Deserialize;
use toml::Spanned;

use super::report::Key;
pub use crate::error::BaselineError;

/// The baseline's file name, at the repository root.
pub const DEFAULT_BASELINE: &str = "upstream-accepted.toml";

/// One accepted difference.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    /// The line of its `[[accepted]]` header, 1-based.
    pub line: usize,
    /// The drift rule ID.
    pub rule: String,
    /// The API version (`v3.1`).
    pub version: String,
    /// `METHOD /path` as our spec names it, or the location of a change outside any
    /// operation (`components/securitySchemes`, `security`, `info`).
    pub operation: String,
    /// What the difference is about; a trailing `/*` takes every property under it, `*`
    /// anything.
    #[serde(rename = "where")]
    pub subject: String,
    /// The vendor files it applies to, by file name; `None`: any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documents: Option<Vec<String>>,
    /// Why the difference is accepted.
    pub why: String,
}

impl Entry {
    /// Whether the entry applies to the vendor file named `document`.
    pub fn applies_to(&self, document: &str) -> bool {
        self.documents
            .as_ref()
            .is_none_or(|names| names.iter().any(|n| n == document))
    }

    /// Whether the entry accepts the difference named by `key`: the same rule, version and
    /// operation, and a subject its `where` takes.
    pub fn accepts(&self, key: &Key) -> bool {
        self.rule == key.rule
            && self.version == key.version
            && self.operation == key.operation
            && match self.subject.strip_suffix("/*") {
                _ if self.subject == "*" => true,
                Some(parent) => key
                    .subject
                    .strip_prefix(parent)
                    .is_some_and(|rest| rest.starts_with('/')),
                None => self.subject == key.subject,
            }
    }
}

/// The baseline file: its name as reports show it, and its entries in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Baseline {
    /// The file, as reports name it (`upstream-accepted.toml`).
    pub file: String,
    /// The entries, in file order.
    pub entries: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    #[serde(default)]
    accepted: Vec<Spanned<EntryToml>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryToml {
    rule: Spanned<String>,
    version: Spanned<String>,
    operation: Spanned<String>,
    #[serde(rename = "where")]
    subject: Spanned<String>,
    documents: Option<Spanned<Vec<String>>>,
    why: Spanned<String>,
}

impl Baseline {
    /// Reads the baseline `text` of the file `file`; `versions` are the API versions of
    /// `spec/`, which an entry's `version` must name.
    ///
    /// # Errors
    ///
    /// [`BaselineError`] at the line of the first thing wrong: TOML syntax, an unknown or
    /// missing field, an empty field or `why`, a rule that is no drift rule, a version that
    /// has no spec, an entry that repeats another.
    pub fn parse(file: &str, text: &str, versions: &[String]) -> Result<Baseline, BaselineError> {
        let newlines: Vec<usize> = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i)
            .collect();
        let line_of = |offset: usize| newlines.partition_point(|&n| n < offset) + 1;
        let error = |span: Range<usize>, message: String| BaselineError {
            file: file.to_owned(),
            line: line_of(span.start),
            message,
        };
        let parsed: FileToml = toml::from_str(text).map_err(|e| {
            error(
                e.span().unwrap_or(0..0),
                format!(
                    "{} (expected `[[accepted]]` tables with `rule`, `version`, `operation`, \
                     `where`, `why` and optional `documents`)",
                    e.message().trim_end()
                ),
            )
        })?;
        let mut entries = Vec::new();
        // An entry is the same as another when it names the same difference for the same
        // documents; the same difference may be accepted once per document, each with its
        // own reason.
        let mut seen: BTreeMap<(Key, Option<Vec<String>>), usize> = BTreeMap::new();
        for spanned in parsed.accepted {
            let header = spanned.span();
            let raw = spanned.into_inner();
            for (name, field) in [
                ("rule", &raw.rule),
                ("version", &raw.version),
                ("operation", &raw.operation),
                ("where", &raw.subject),
                ("why", &raw.why),
            ] {
                if field.get_ref().trim().is_empty() {
                    let hint = if name == "why" {
                        ": say why the difference is accepted"
                    } else {
                        ""
                    };
                    return Err(error(field.span(), format!("`{name}` is empty{hint}")));
                }
            }
            if !WireRule::ALL.iter().any(|r| r.id() == raw.rule.get_ref()) {
                return Err(error(
                    raw.rule.span(),
                    format!(
                        "`rule`: `{}` is not a wire-level drift rule ID (see \
                         generator/src/drift/rules.rs)",
                        raw.rule.get_ref()
                    ),
                ));
            }
            if !versions.iter().any(|v| v == raw.version.get_ref()) {
                return Err(error(
                    raw.version.span(),
                    format!(
                        "`version`: `{}` is not an API version of spec/ ({})",
                        raw.version.get_ref(),
                        versions.join(", ")
                    ),
                ));
            }
            if let Some(documents) = &raw.documents
                && (documents.get_ref().is_empty()
                    || documents.get_ref().iter().any(|d| d.trim().is_empty()))
            {
                return Err(error(
                    documents.span(),
                    "`documents`: list the vendor files by name, or leave the field out to \
                     apply the entry to any"
                        .to_owned(),
                ));
            }
            let line = line_of(header.start);
            let key = Key {
                rule: raw.rule.get_ref().clone(),
                version: raw.version.get_ref().clone(),
                operation: raw.operation.get_ref().clone(),
                subject: raw.subject.get_ref().clone(),
            };
            let documents = raw.documents.as_ref().map(|documents| {
                let mut documents = documents.get_ref().clone();
                documents.sort();
                documents
            });
            if let Some(first) = seen.insert((key, documents), line) {
                return Err(error(
                    header,
                    format!(
                        "this entry repeats the `rule`, `version`, `operation`, `where` and \
                         `documents` of the entry at line {first}"
                    ),
                ));
            }
            entries.push(Entry {
                line,
                rule: raw.rule.into_inner(),
                version: raw.version.into_inner(),
                operation: raw.operation.into_inner(),
                subject: raw.subject.into_inner(),
                documents: raw.documents.map(Spanned::into_inner),
                why: raw.why.into_inner().trim().to_owned(),
            });
        }
        Ok(Baseline {
            file: file.to_owned(),
            entries,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENTRY: &str = "[[accepted]]\nrule = \"request-property-removed\"\nversion = \"v3\"\n\
                         operation = \"POST /api/v3/x\"\nwhere = \"a/*\"\nwhy = \"because\"\n";

    /// The rule of [`ENTRY`].
    const RULE: &str = "request-property-removed";

    fn key(rule: &str, version: &str, operation: &str, subject: &str) -> Key {
        Key {
            rule: rule.to_owned(),
            version: version.to_owned(),
            operation: operation.to_owned(),
            subject: subject.to_owned(),
        }
    }

    fn parse(text: &str) -> Result<Baseline, BaselineError> {
        Baseline::parse("b.toml", text, &["v3".to_owned(), "v3.1".to_owned()])
    }

    #[test]
    fn an_entry_accepts_its_key_and_the_properties_under_a_star() {
        let baseline = parse(&format!("# header\n\n{ENTRY}")).unwrap_or_else(|e| panic!("{e}"));
        let entry = &baseline.entries[0];
        assert_eq!(entry.line, 3);
        assert!(entry.accepts(&key(RULE, "v3", "POST /api/v3/x", "a/b")));
        assert!(entry.accepts(&key(RULE, "v3", "POST /api/v3/x", "a/b/c")));
        assert!(!entry.accepts(&key(RULE, "v3", "POST /api/v3/x", "a")));
        assert!(!entry.accepts(&key(RULE, "v3", "POST /api/v3/x", "ab/c")));
        assert!(!entry.accepts(&key(RULE, "v3.1", "POST /api/v3/x", "a/b")));
        assert!(entry.applies_to("any.json"));
        let any = Entry {
            subject: "*".to_owned(),
            ..entry.clone()
        };
        assert!(any.accepts(&key(RULE, "v3", "POST /api/v3/x", "b")));
        assert!(!any.accepts(&key(RULE, "v3", "POST /api/v3/y", "b")));
    }

    #[test]
    fn a_bad_entry_is_named_by_line_and_field() {
        let message = |text: &str| match parse(text) {
            Ok(_) => panic!("accepted: {text}"),
            Err(e) => e.to_string(),
        };
        let empty_why = ENTRY.replace("\"because\"", "\"  \"");
        assert_eq!(
            message(&empty_why),
            "b.toml:6: `why` is empty: say why the difference is accepted"
        );
        let no_why = ENTRY.replace("why = \"because\"\n", "");
        assert!(
            message(&no_why).starts_with("b.toml:1: missing field `why`"),
            "{}",
            message(&no_why)
        );
        let bad_rule = ENTRY.replace("request-property-removed", "no-such-rule");
        assert!(message(&bad_rule).starts_with("b.toml:2: `rule`: `no-such-rule`"));
        let bad_version = ENTRY.replace("\"v3\"", "\"v9\"");
        assert!(message(&bad_version).starts_with("b.toml:3: `version`: `v9`"));
        let twice = format!("{ENTRY}\n{ENTRY}");
        assert!(message(&twice).starts_with("b.toml:8: this entry repeats"));
        // The same difference, accepted once per document, each with its reason.
        let per_document = |document: &str| {
            ENTRY.replace("why = ", &format!("documents = [\"{document}\"]\nwhy = "))
        };
        let both = format!("{}\n{}", per_document("a.json"), per_document("b.json"));
        assert_eq!(parse(&both).map(|b| b.entries.len()).ok(), Some(2));
        let unknown = ENTRY.replace("why =", "reason =");
        assert!(
            message(&unknown).starts_with("b.toml:6: unknown field `reason`"),
            "{}",
            message(&unknown)
        );
        assert!(message("[[accepted]\n").starts_with("b.toml:1: "));
    }
}
