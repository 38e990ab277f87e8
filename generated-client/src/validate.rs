//! Checking a request's path parameters and body against the constraints the spec states,
//! before it is sent.
//!
//! Each generated module carries a `REQUEST_CONSTRAINTS` table derived from its spec; the
//! `pre` hook checks the body against it, so a body the service would refuse never leaves.

use serde_json::Value;

/// One constraint of a request body field, as listed in a generated `REQUEST_CONSTRAINTS`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
pub enum Rule {
    /// A string of at least this many characters.
    MinLength(usize),
    /// A string of at most this many characters.
    MaxLength(usize),
    /// An array of at least this many items.
    MinItems(usize),
    /// An array of at most this many items.
    MaxItems(usize),
}

/// Checks `body` (JSON) against the constraints of `operation_id`; the error names the field
/// and what the spec allows.
pub(crate) fn check(
    operation_id: &str,
    constraints: &[Constraint],
    body: &[u8],
) -> Result<(), String> {
    let mut relevant = constraints
        .iter()
        .filter(|c| c.operation_id == operation_id)
        .peekable();
    if relevant.peek().is_none() {
        return Ok(());
    }
    // The body was serialized from the generated types a moment ago; if it is not JSON there is
    // nothing to check here.
    let Ok(json) = serde_json::from_slice::<Value>(body) else {
        return Ok(());
    };
    for constraint in relevant {
        let mut found = Vec::new();
        select(&json, constraint.field, &mut found);
        for (index, value) in found {
            violation(constraint, index, value)?;
        }
    }
    Ok(())
}

/// The path template of one operation and the constraints of its path parameters, as listed in
/// a generated `REQUEST_PATHS`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
pub struct PathParameter {
    /// The spec's name (`session_id`).
    pub name: &'static str,
    /// The fewest characters (at least 1: an empty segment would name another route).
    pub min_length: usize,
    /// The most characters, when the spec gives a limit.
    pub max_length: Option<usize>,
}

/// Checks the path parameters of a request to `path` against the template of `operation_id`:
/// an empty value would send the request to another route (`/session//link`), and a value
/// that breaks the spec's length limits is refused, naming the parameter.
pub(crate) fn check_path(
    operation_id: &str,
    templates: &[PathTemplate],
    path: &str,
) -> Result<(), String> {
    let Some(template) = templates.iter().find(|t| t.operation_id == operation_id) else {
        return Ok(());
    };
    // The request path ends with the template; what comes before is the base URL's own path.
    let template_segments: Vec<&str> = template
        .template
        .trim_start_matches('/')
        .split('/')
        .collect();
    let path_segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    // A value of `.` or `..` is removed or climbs a level when the URL is normalized, so the
    // request would go to another route: the path no longer has the template's shape.
    let moved = || {
        format!(
            "a path parameter moved the request off `{}` (`.` and `..` are not values); not sent",
            template.template
        )
    };
    let Some(offset) = path_segments.len().checked_sub(template_segments.len()) else {
        return Err(moved());
    };
    let mut parameters = template.parameters.iter();
    for (pattern, value) in template_segments.iter().zip(&path_segments[offset..]) {
        if !(pattern.starts_with('{') && pattern.ends_with('}')) {
            if pattern != value {
                return Err(moved());
            }
            continue;
        }
        let Some(parameter) = parameters.next() else {
            break;
        };
        let decoded = percent_decoded_len(value);
        let name = parameter.name;
        if decoded < parameter.min_length {
            return Err(if decoded == 0 {
                format!("`{name}` is empty; the spec requires a value (not sent)")
            } else {
                format!(
                    "`{name}` has {decoded} characters; the spec allows at least {} (not sent)",
                    parameter.min_length
                )
            });
        }
        if let Some(max) = parameter.max_length.filter(|max| decoded > *max) {
            return Err(format!(
                "`{name}` has {decoded} characters; the spec allows at most {max} (not sent)"
            ));
        }
    }
    Ok(())
}

/// The number of characters of a percent-encoded path segment once decoded (each `%XY` is one
/// byte; multi-byte characters count once).
fn percent_decoded_len(segment: &str) -> usize {
    let bytes = segment.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            decoded.push((h * 16 + l) as u8);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&decoded).chars().count()
}

/// The field or parameter a refusal names: the checks of this module start with it in
/// backticks; progenitor's builders say `... for <name> failed`, `<name> was not initialized`
/// or `no value supplied for <name>`.
pub(crate) fn refused_field(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix('`') {
        return rest.split_once('`').map(|(field, _)| field.to_owned());
    }
    let word = |text: &str| -> Option<String> {
        let name: String = text
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
            .collect();
        (!name.is_empty()).then_some(name)
    };
    // typify's nested builders: `error converting supplied value for experimental: no value
    // supplied for account_type` is `experimental.account_type`.
    const MARKERS: [&str; 2] = [
        "error converting supplied value for ",
        "no value supplied for ",
    ];
    let mut nested = Vec::new();
    let mut rest = message;
    while let Some(after) = MARKERS
        .iter()
        .filter_map(|m| rest.find(m).map(|at| (at, m.len())))
        .min()
        .map(|(at, len)| &rest[at + len..])
    {
        nested.extend(word(after));
        rest = after;
    }
    if !nested.is_empty() {
        return Some(nested.join("."));
    }
    if let Some(name) = message.strip_suffix(" was not initialized") {
        return word(name);
    }
    let (_, rest) = message.rsplit_once(" for ")?;
    word(rest)
}

/// The values at `path` in `value`, with the index of the array item each came from.
fn select<'a>(value: &'a Value, path: &str, out: &mut Vec<(Option<usize>, &'a Value)>) {
    fn go<'a>(
        value: &'a Value,
        segments: &[&str],
        index: Option<usize>,
        out: &mut Vec<(Option<usize>, &'a Value)>,
    ) {
        let Some((first, rest)) = segments.split_first() else {
            out.push((index, value));
            return;
        };
        let (name, items) = match first.strip_suffix("[]") {
            Some(name) => (name, true),
            None => (*first, false),
        };
        let Some(child) = (if name.is_empty() {
            Some(value)
        } else {
            value.get(name)
        }) else {
            return;
        };
        if items {
            for (i, item) in child.as_array().into_iter().flatten().enumerate() {
                go(item, rest, Some(i), out);
            }
        } else {
            go(child, rest, index, out);
        }
    }
    let segments: Vec<&str> = path.split('.').collect();
    go(value, &segments, None, out);
}

fn violation(constraint: &Constraint, index: Option<usize>, value: &Value) -> Result<(), String> {
    let field = match index {
        Some(i) => constraint.field.replacen("[]", &format!("[{i}]"), 1),
        None => constraint.field.to_owned(),
    };
    let (count, unit) = match (constraint.rule, value) {
        (Rule::MinLength(_) | Rule::MaxLength(_), Value::String(s)) => {
            (s.chars().count(), "characters")
        }
        (Rule::MinItems(_) | Rule::MaxItems(_), Value::Array(a)) => (a.len(), "items"),
        _ => return Ok(()),
    };
    let broken = match constraint.rule {
        Rule::MinLength(min) | Rule::MinItems(min) => {
            (count < min).then(|| format!("at least {min}"))
        }
        Rule::MaxLength(max) | Rule::MaxItems(max) => {
            (count > max).then(|| format!("at most {max}"))
        }
    };
    match broken {
        Some(allowed) => Err(format!(
            "`{field}` has {count} {unit}; the spec allows {allowed} (not sent)"
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &[Constraint] = &[
        Constraint {
            operation_id: "op",
            field: "toolkit",
            rule: Rule::MinLength(1),
        },
        Constraint {
            operation_id: "op",
            field: "acl.ids",
            rule: Rule::MaxItems(2),
        },
        Constraint {
            operation_id: "op",
            field: "acl.ids[]",
            rule: Rule::MaxLength(3),
        },
    ];

    fn run(body: &str) -> Result<(), String> {
        check("op", TABLE, body.as_bytes())
    }

    #[test]
    fn names_the_field_and_the_limit() {
        assert_eq!(
            run(r#"{"toolkit": ""}"#),
            Err("`toolkit` has 0 characters; the spec allows at least 1 (not sent)".to_owned())
        );
        assert_eq!(
            run(r#"{"toolkit": "g", "acl": {"ids": ["a", "b", "c"]}}"#),
            Err("`acl.ids` has 3 items; the spec allows at most 2 (not sent)".to_owned())
        );
        assert_eq!(
            run(r#"{"toolkit": "g", "acl": {"ids": ["a", "long"]}}"#),
            Err("`acl.ids[1]` has 4 characters; the spec allows at most 3 (not sent)".to_owned())
        );
    }

    const PATHS: &[PathTemplate] = &[PathTemplate {
        operation_id: "op",
        template: "/api/v9/session/{session_id}/link",
        parameters: &[PathParameter {
            name: "session_id",
            min_length: 1,
            max_length: Some(4),
        }],
    }];

    #[test]
    fn path_parameters_are_checked() {
        assert_eq!(check_path("op", PATHS, "/api/v9/session/abc/link"), Ok(()));
        assert_eq!(
            check_path("op", PATHS, "/stem/api/v9/session/a%20b/link"),
            Ok(())
        );
        assert_eq!(
            check_path("op", PATHS, "/api/v9/session//link"),
            Err("`session_id` is empty; the spec requires a value (not sent)".to_owned())
        );
        assert_eq!(
            check_path("op", PATHS, "/api/v9/session/abcde/link"),
            Err("`session_id` has 5 characters; the spec allows at most 4 (not sent)".to_owned())
        );
        assert_eq!(check_path("other", PATHS, "/api/v9/session//link"), Ok(()));
    }

    #[test]
    fn refusals_name_their_field() {
        for (message, field) in [
            (
                "`toolkit` has 0 characters; the spec allows at least 1 (not sent)",
                "toolkit",
            ),
            (
                "`session_id` is empty; the spec requires a value (not sent)",
                "session_id",
            ),
            ("session_id was not initialized", "session_id"),
            (
                "conversion to `crate :: ids :: ToolRouterSessionId` for session_id failed",
                "session_id",
            ),
            (
                "conversion to `ToolRouterLinkRequest` for body failed: no value supplied for toolkit",
                "toolkit",
            ),
            (
                "conversion to `X` for body failed: error converting supplied value for \
                 experimental: no value supplied for account_type",
                "experimental.account_type",
            ),
        ] {
            assert_eq!(refused_field(message).as_deref(), Some(field), "{message}");
        }
    }

    #[test]
    fn absent_fields_and_other_operations_pass() {
        assert_eq!(run(r#"{"toolkit": "github"}"#), Ok(()));
        assert_eq!(run(r#"{"toolkit": "github", "acl": {}}"#), Ok(()));
        assert_eq!(check("other", TABLE, br#"{"toolkit": ""}"#), Ok(()));
    }

    #[test]
    fn a_value_that_moves_the_route_is_refused() {
        for path in ["/api/v9/link", "/api/v9/session/link", "/api/v9/x/abc/link"] {
            let refused = check_path("op", PATHS, path);
            assert!(
                refused
                    .as_ref()
                    .is_err_and(|e| e.contains("moved the request off")),
                "{path}: {refused:?}"
            );
        }
    }
}
