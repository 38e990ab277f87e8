//! A request body checked against the constraints of its operation in a generated
//! `REQUEST_CONSTRAINTS` table.

use serde_json::Value;

use super::table::{Constraint, Rule};

/// Checks `body` (JSON) against the constraints of `operation_id` but the listed values
/// ([`Rule::OneOf`]); the error names the field and what the spec allows.
pub(crate) fn check(
    operation_id: &str,
    constraints: &[Constraint],
    body: &[u8],
) -> Result<(), String> {
    let mut relevant = constraints
        .iter()
        .filter(|c| c.operation_id == operation_id && !matches!(c.rule, Rule::OneOf(_)))
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

/// Checks the values of `body` that the spec lists ([`Rule::OneOf`]) for `operation_id`: a
/// value it does not list is refused, naming the field and the listed values.
#[cfg(any(feature = "cli", test))]
pub(crate) fn check_listed(
    operation_id: &str,
    constraints: &[Constraint],
    body: &Value,
) -> Result<(), String> {
    for constraint in constraints
        .iter()
        .filter(|c| c.operation_id == operation_id)
    {
        let Rule::OneOf(listed) = constraint.rule else {
            continue;
        };
        let mut found = Vec::new();
        select(body, constraint.field, &mut found);
        for (index, value) in found {
            let Some(text) = value.as_str() else { continue };
            if !listed.contains(&text) {
                return Err(format!(
                    "`{}` is {text:?}; the spec lists {} (not sent)",
                    field_at(constraint, index),
                    listed.join(", ")
                ));
            }
        }
    }
    Ok(())
}

/// The field of `constraint` with the index of the array item a value came from.
fn field_at(constraint: &Constraint, index: Option<usize>) -> String {
    match index {
        Some(i) => constraint.field.replacen("[]", &format!("[{i}]"), 1),
        None => constraint.field.to_owned(),
    }
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
        Rule::OneOf(_) => None,
    };
    match broken {
        Some(allowed) => Err(format!(
            "`{}` has {count} {unit}; the spec allows {allowed} (not sent)",
            field_at(constraint, index)
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
        Constraint {
            operation_id: "op",
            field: "kinds[]",
            rule: Rule::OneOf(&["PRIVATE", "SHARED"]),
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

    #[test]
    fn listed_values_are_checked_only_when_asked() {
        let body = r#"{"toolkit": "g", "kinds": ["SHARED", "TEAM"]}"#;
        assert_eq!(
            run(body),
            Ok(()),
            "the pre hook sends an unlisted value made on purpose"
        );
        let json: Value = serde_json::from_str(body).unwrap_or_default();
        assert_eq!(
            check_listed("op", TABLE, &json),
            Err("`kinds[1]` is \"TEAM\"; the spec lists PRIVATE, SHARED (not sent)".to_owned())
        );
        let listed: Value = serde_json::from_str(r#"{"kinds": ["SHARED"]}"#).unwrap_or_default();
        assert_eq!(check_listed("op", TABLE, &listed), Ok(()));
        assert_eq!(check_listed("other", TABLE, &json), Ok(()));
    }
}
