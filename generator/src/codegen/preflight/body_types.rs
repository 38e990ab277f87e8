//! One body type per operation for its successes and one for its errors: progenitor generates
//! one success type and one error type per operation and panics when the responses of a family
//! have different bodies.

use openapiv3::{OpenAPI, Operation, ReferenceOr};

use crate::document::{NodePath, Spec};
use crate::error::Result;
use crate::openapi::{self, StatusFamily, status_family};

/// progenitor generates one success type and one error type per operation and asserts (panics)
/// when the responses of a family have different bodies: its issue #344.
pub(super) fn check(spec: &Spec, at: &NodePath, operation: &Operation, name: &str) -> Result<()> {
    let openapi = spec.openapi();
    for (what, family) in [
        ("success", StatusFamily::Success),
        ("error", StatusFamily::Error),
    ] {
        // The `default` response stands for the statuses not listed: errors.
        let bodies: Vec<(String, String)> = openapi::responses(operation)
            .filter(|(status, _, _)| match status {
                Some(status) => status_family(status) == family,
                None => family == StatusFamily::Error,
            })
            .map(|(_, status, response)| (status, body_key(openapi, response)))
            .collect();
        let Some((_, first)) = bodies.first() else {
            continue;
        };
        let Some((differs, _)) = bodies.iter().find(|(_, key)| key != first) else {
            continue;
        };
        let listing = bodies
            .iter()
            .map(|(status, key)| format!("{status} → {key}"))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(spec.unsupported(
            &at.key("responses").key(differs),
            format!(
                "the {what} responses of operation {name} have different bodies ({listing}); \
                 expected the same `$ref` in every {what} response: progenitor generates one \
                 {what} type per operation and panics otherwise (its issue #344)"
            ),
        ));
    }
    Ok(())
}

/// A short description of a response's body that is equal for equal generated types: the
/// `$ref` of its schema, "no body", or "an inline schema" (each inline schema is its own type).
fn body_key(openapi: &OpenAPI, response: &ReferenceOr<openapiv3::Response>) -> String {
    let Some(resolved) = openapi::resolve(openapi, response) else {
        return "an unresolved `$ref`".to_owned();
    };
    let schema = resolved
        .content
        .iter()
        .find(|(media, _)| openapi::is_json_media(media))
        .and_then(|(_, media)| media.schema.as_ref());
    match schema {
        None if resolved.content.is_empty() => "no body".to_owned(),
        None => "a non-JSON body".to_owned(),
        Some(ReferenceOr::Reference { reference }) => format!("`{reference}`"),
        Some(ReferenceOr::Item(_)) => format!("an inline schema ({})", resolved.description),
    }
}
