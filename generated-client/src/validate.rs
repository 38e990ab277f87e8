//! Checking a request body against the constraints the spec states, before it is sent.
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

    #[test]
    fn absent_fields_and_other_operations_pass() {
        assert_eq!(run(r#"{"toolkit": "github"}"#), Ok(()));
        assert_eq!(run(r#"{"toolkit": "github", "acl": {}}"#), Ok(()));
        assert_eq!(check("other", TABLE, br#"{"toolkit": ""}"#), Ok(()));
    }
}
