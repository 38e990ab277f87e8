//! The refusals of bodies: not JSON, without a schema, without content, and different body
//! types within one family of responses.

use super::{assert_refused, edited};

const OPERATION: &str = "paths./api/v3/things/{id}.post";
/// The content of the accepted spec's request body, up to the key that follows it.
const REQUEST_CONTENT: &str = "        content:\n          application/json:\n            \
                               schema: {$ref: '#/components/schemas/Thing'}\n      responses:";
/// The content of the accepted spec's `400` response.
const ERROR_CONTENT: &str = "          content:\n            application/json:\n              \
                             schema: {$ref: '#/components/schemas/Failure'}\n";

/// A response of `status` whose JSON body is the component schema `schema`.
fn response(status: u16, schema: &str) -> String {
    format!(
        "        '{status}':\n          description: Some\n          content:\n            \
         application/json:\n              schema: {{$ref: '#/components/schemas/{schema}'}}\n"
    )
}

#[test]
fn a_request_body_that_is_not_json() {
    assert_refused(
        &edited(
            REQUEST_CONTENT,
            &REQUEST_CONTENT.replace("application/json", "multipart/form-data"),
        ),
        &format!("{OPERATION}.requestBody.content"),
        "the request body of operation `postThing` is only `multipart/form-data`; expected \
         `application/json`",
    );
}

#[test]
fn a_request_body_without_a_schema() {
    assert_refused(
        &edited(
            REQUEST_CONTENT,
            "        content:\n          application/json: {}\n      responses:",
        ),
        &format!("{OPERATION}.requestBody.content.application/json"),
        "the request body of operation `postThing` has no `schema`",
    );
}

#[test]
fn a_request_body_without_content() {
    assert_refused(
        &edited(REQUEST_CONTENT, "        content: {}\n      responses:"),
        &format!("{OPERATION}.requestBody"),
        "the request body of operation `postThing` has no `content`",
    );
}

#[test]
fn a_response_without_content() {
    assert_refused(
        &edited(ERROR_CONTENT, ""),
        &format!("{OPERATION}.responses.400"),
        "the `400` response of operation `postThing` has no `content`",
    );
}

#[test]
fn a_response_that_is_not_json() {
    assert_refused(
        &edited(
            ERROR_CONTENT,
            "          content:\n            text/plain:\n              schema: {type: string}\n",
        ),
        &format!("{OPERATION}.responses.400.content"),
        "the `400` response of operation `postThing` is only `text/plain`",
    );
}

#[test]
fn success_responses_with_different_bodies() {
    assert_refused(
        &edited(
            "        '400':\n",
            &format!("{}        '400':\n", response(201, "Failure")),
        ),
        &format!("{OPERATION}.responses.201"),
        "the success responses of operation `postThing` have different bodies (200 → \
         `#/components/schemas/Thing`, 201 → `#/components/schemas/Failure`)",
    );
}

#[test]
fn error_responses_with_different_bodies() {
    assert_refused(
        &edited(
            "components:\n",
            &format!("{}components:\n", response(500, "Thing")),
        ),
        &format!("{OPERATION}.responses.500"),
        "the error responses of operation `postThing` have different bodies",
    );
}

#[test]
fn a_response_through_an_alias_is_checked_where_it_is_written() {
    // The `400` response becomes a `$ref` to an alias of a component that is plain text.
    let yaml = edited(
        &format!("        '400':\n          description: Bad\n{ERROR_CONTENT}"),
        "        '400': {$ref: '#/components/responses/Alias'}\n",
    ) + "  responses:\n    Alias: {$ref: '#/components/responses/Plain'}\n    Plain:\n      \
         description: Bad\n      content:\n        text/plain:\n          schema: {type: string}\n";
    assert_refused(
        &yaml,
        "components.responses.Plain.content",
        "the `400` response of operation `postThing` is only `text/plain`; expected \
         `application/json`",
    );
}
