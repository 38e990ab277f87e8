//! The refusals of bodies: not JSON, without a schema, without content, and different body
//! types within one family of responses.

use super::{assert_refused, edited};

const OPERATION: &str = "paths./api/v3/things/{id}.post";
const REQUEST_CONTENT: &str = "        content:\n          application/json:\n            \
                               schema: {$ref: '#/components/schemas/Thing'}\n      responses:";

#[test]
fn a_request_body_that_is_not_json() {
    assert_refused(
        &edited(
            "          application/json:\n            schema: {$ref: '#/components/schemas/Thing'}\n      responses:",
            "          multipart/form-data:\n            schema: {$ref: '#/components/schemas/Thing'}\n      responses:",
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
        &edited(
            "          description: Bad\n          content:\n            application/json:\n              \
             schema: {$ref: '#/components/schemas/Failure'}\n",
            "          description: Bad\n",
        ),
        &format!("{OPERATION}.responses.400"),
        "the `400` response of operation `postThing` has no `content`",
    );
}

#[test]
fn a_response_that_is_not_json() {
    assert_refused(
        &edited(
            "            application/json:\n              schema: {$ref: '#/components/schemas/Failure'}",
            "            text/plain:\n              schema: {type: string}",
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
            "        '201':\n          description: Made\n          content:\n            \
             application/json:\n              schema: {$ref: '#/components/schemas/Failure'}\n        \
             '400':\n",
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
            "        '500':\n          description: Down\n          content:\n            \
             application/json:\n              schema: {$ref: '#/components/schemas/Thing'}\n\
             components:\n",
        ),
        &format!("{OPERATION}.responses.500"),
        "the error responses of operation `postThing` have different bodies",
    );
}
