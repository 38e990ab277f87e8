//! Request and response bodies must be JSON with a schema: the generated client sends and
//! decodes JSON only, and progenitor types a response without `content` as `()`, dropping its
//! body.

use openapiv3::{MediaType, Operation, RequestBody, Response, StatusCode};

use crate::document::{NodePath, Spec};
use crate::error::Result;
use crate::openapi::refs::Component;
use crate::openapi::{self, StatusFamily, status_family};

/// The JSON body of a request or response: `Ok(None)` when it has no content at all, and a
/// message (with the path below `at`) when its content is not JSON with a schema.
fn json_body<'a>(
    content: impl IntoIterator<Item = (&'a String, &'a MediaType)>,
    at: &NodePath,
    what: &str,
) -> std::result::Result<Option<&'a MediaType>, (NodePath, String)> {
    let content: Vec<(&String, &MediaType)> = content.into_iter().collect();
    if content.is_empty() {
        return Ok(None);
    }
    let Some((media_type, media)) = content.iter().find(|(m, _)| openapi::is_json_media(m)) else {
        let found: Vec<String> = content.iter().map(|(m, _)| format!("`{m}`")).collect();
        return Err((
            at.key("content"),
            format!(
                "{what} is only {}; expected `application/json`: the generated client sends and \
                 decodes JSON only",
                found.join(", ")
            ),
        ));
    };
    if media.schema.is_none() {
        return Err((
            at.key("content").key(media_type),
            format!(
                "{what} has no `schema`; expected `schema:` under `{media_type}` (a `$ref` to a \
                 named schema): progenitor cannot type a JSON body without one"
            ),
        ));
    }
    Ok(Some(media))
}

/// A request body must be JSON with a schema, and must have content at all.
pub(super) fn check_request_body(
    spec: &Spec,
    at: &NodePath,
    operation: &Operation,
    name: &str,
) -> Result<()> {
    let Some(body) = &operation.request_body else {
        return Ok(());
    };
    let openapi = spec.openapi();
    let Some((body, component)) = openapi::refs::resolve_named(openapi, body) else {
        return Ok(());
    };
    let body_at = defined_at::<RequestBody>(component, || at.key("requestBody"));
    let what = format!("the request body of operation {name}");
    match json_body(&body.content, &body_at, &what) {
        Ok(Some(_)) => Ok(()),
        Ok(None) => Err(spec.unsupported(
            &body_at,
            format!(
                "{what} has no `content`; expected `content: application/json: schema: ...`: \
                 without it progenitor generates a method that sends no body"
            ),
        )),
        Err((at, message)) => Err(spec.unsupported(&at, message)),
    }
}

/// Where a request body or response is written: the component a `$ref` leads to, else the
/// operation's own node.
fn defined_at<T: Component>(
    component: Option<&str>,
    inline: impl FnOnce() -> NodePath,
) -> NodePath {
    match component {
        Some(name) => NodePath::root().key("components").key(T::SECTION).key(name),
        None => inline(),
    }
}

/// Responses that carry no body by definition.
fn has_no_body(status: &StatusCode) -> bool {
    matches!(status, StatusCode::Code(204 | 205 | 304))
}

/// Every 2xx, 4xx, 5xx and default response except 204, 205 and 304 must have a JSON body.
pub(super) fn check_responses(
    spec: &Spec,
    at: &NodePath,
    operation: &Operation,
    name: &str,
) -> Result<()> {
    let openapi = spec.openapi();
    let responses = openapi::responses(operation).filter(|(status, _, _)| {
        status.is_none_or(|status| {
            status_family(status) != StatusFamily::Other && !has_no_body(status)
        })
    });
    for (_, status, response) in responses {
        let Some((resolved, component)) = openapi::refs::resolve_named(openapi, response) else {
            continue;
        };
        let response_at = defined_at::<Response>(component, || at.key("responses").key(&status));
        let what = format!("the `{status}` response of operation {name}");
        match json_body(&resolved.content, &response_at, &what) {
            Ok(Some(_)) => {}
            Ok(None) => {
                return Err(spec.unsupported(
                    &response_at,
                    format!(
                        "{what} has no `content`; expected `content: application/json: schema: \
                         ...`: without it progenitor types the response as `()` and the client \
                         drops its body (a response that has no body is a 204)"
                    ),
                ));
            }
            Err((at, message)) => return Err(spec.unsupported(&at, message)),
        }
    }
    Ok(())
}
