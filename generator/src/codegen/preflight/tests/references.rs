//! The refusals of `$ref`s.

use super::{assert_refused, edited};

const SCHEMA_REF: &str = "schema: {$ref: '#/components/schemas/Thing'}\n      responses:";

#[test]
fn a_ref_that_is_not_a_string() {
    assert_refused(
        &edited(SCHEMA_REF, "schema: {$ref: 7}\n      responses:"),
        "paths./api/v3/things/{id}.post.requestBody.content.application/json.schema.$ref",
        "expected `$ref` to be a string such as `'#/components/schemas/Name'`, found a number",
    );
}

#[test]
fn a_ref_to_another_file() {
    assert_refused(
        &edited(
            SCHEMA_REF,
            "schema: {$ref: 'common.yaml#/components/schemas/Thing'}\n      responses:",
        ),
        "paths./api/v3/things/{id}.post.requestBody.content.application/json.schema.$ref",
        "refers to another file; expected a reference inside this file",
    );
}

#[test]
fn a_ref_to_something_other_than_a_named_component() {
    assert_refused(
        &edited(
            SCHEMA_REF,
            "schema: {$ref: '#/components/schemas/Thing/properties/name'}\n      responses:",
        ),
        "paths./api/v3/things/{id}.post.requestBody.content.application/json.schema.$ref",
        "is not a reference to a named Schema object; expected `#/components/schemas/<name>`",
    );
}

#[test]
fn a_ref_where_progenitor_follows_none() {
    assert_refused(
        &edited("    post:\n", "    post:\n      callbacks: {}\n").replacen(
            "paths:\n",
            "paths:\n  /api/v3/alias:\n    $ref: '#/paths/~1api~1v3~1things~1{id}'\n",
            1,
        ),
        "paths./api/v3/alias.$ref",
        "progenitor does not follow a `$ref` for a Path Item object; expected the object written \
         out here",
    );
}

#[test]
fn a_ref_into_another_section() {
    assert_refused(
        &edited(
            SCHEMA_REF,
            "schema: {$ref: '#/components/responses/Thing'}\n      responses:",
        ),
        "paths./api/v3/things/{id}.post.requestBody.content.application/json.schema.$ref",
        "does not point into `components.schemas`; expected `#/components/schemas/<name>`",
    );
}

#[test]
fn a_ref_that_does_not_resolve() {
    assert_refused(
        &edited(
            SCHEMA_REF,
            "schema: {$ref: '#/components/schemas/Thin'}\n      responses:",
        ),
        "paths./api/v3/things/{id}.post.requestBody.content.application/json.schema.$ref",
        "`#/components/schemas/Thin` does not resolve: `components.schemas` has no `Thin`; \
         expected one of `Thing`, `Failure`",
    );
}

#[test]
fn a_ref_chain_that_comes_back_to_itself() {
    assert_refused(
        &edited(
            "    Failure:\n",
            "    Loop: {$ref: '#/components/schemas/Back'}\n    \
             Back: {$ref: '#/components/schemas/Loop'}\n    Failure:\n",
        )
        .replacen(
            SCHEMA_REF,
            "schema: {$ref: '#/components/schemas/Loop'}\n      responses:",
            1,
        ),
        "paths./api/v3/things/{id}.post.requestBody.content.application/json.schema.$ref",
        "the `$ref` chain `Loop` → `Back` → `Loop` comes back to itself",
    );
}
