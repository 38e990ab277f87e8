//! The row types of the generated tables the checks read: `REQUEST_CONSTRAINTS` and
//! `REQUEST_PATHS`. Only the crate's generated code builds them, so they are
//! `#[non_exhaustive]`: a new rule or field is a minor release.

/// One constraint of a request body field, as listed in a generated `REQUEST_CONSTRAINTS`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Constraint {
    /// The operation whose body it constrains, as progenitor names it to the hooks
    /// (`post_connected_accounts_link`).
    pub operation_id: &'static str,
    /// The dotted path of the field; `[]` stands for every item of an array.
    pub field: &'static str,
    /// What the spec requires of it.
    pub rule: Rule,
}

/// A rule the spec states about one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// A string of at least this many characters.
    MinLength(usize),
    /// A string of at most this many characters.
    MaxLength(usize),
    /// An array of at least this many items.
    MinItems(usize),
    /// An array of at most this many items.
    MaxItems(usize),
    /// A string among these values, the spec's `enum`. The `pre` hook does not check it: in
    /// Rust a value outside them can only be made on purpose ([`crate::UnknownValue::new`]),
    /// for a server newer than the spec. The command-line tool checks its `--body` against it,
    /// where a typo would otherwise be sent.
    OneOf(&'static [&'static str]),
}

/// The path template of one operation and the constraints of its path parameters, as listed in
/// a generated `REQUEST_PATHS`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PathTemplate {
    /// The operation, as progenitor names it to the hooks.
    pub operation_id: &'static str,
    /// The spec's path (`/api/v3.1/tool_router/session/{session_id}/link`).
    pub template: &'static str,
    /// Its parameters, in the order of the template.
    pub parameters: &'static [PathParameter],
}

/// One path parameter and what the spec requires of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PathParameter {
    /// The spec's name (`session_id`).
    pub name: &'static str,
    /// The fewest characters (at least 1: an empty segment would name another route).
    pub min_length: usize,
    /// The most characters, when the spec gives a limit.
    pub max_length: Option<usize>,
}
