//! One test per refusal of the preflight checks, each on a small inline spec that differs from
//! a spec the checks accept by the one thing they refuse; each pins the path of the node named
//! and the words that say what was expected.

mod bodies;
mod operations;
mod references;
mod schemas;

use crate::document::load;
use crate::error::Error;

/// A spec the checks accept: one operation with a path parameter, a JSON request body and a
/// success and an error response, each a `$ref` to a component.
const ACCEPTED: &str = "\
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /api/v3/things/{id}:
    post:
      operationId: postThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
        '400':
          description: Bad
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Failure'}
components:
  schemas:
    Thing:
      type: object
      properties:
        name: {type: string}
    Failure:
      type: object
      properties:
        message: {type: string}
";

/// [`ACCEPTED`] with `from` replaced by `to` (which must be there).
fn edited(from: &str, to: &str) -> String {
    assert!(ACCEPTED.contains(from), "the accepted spec has no `{from}`");
    ACCEPTED.replacen(from, to, 1)
}

/// What the checks say of `yaml`: the dotted path of the node and the message. Fails the test
/// when the spec does not load or the checks accept it.
#[track_caller]
fn refusal(yaml: &str) -> (String, String) {
    let spec = match load("spec/v3.yaml", yaml.as_bytes()) {
        Ok(spec) => spec,
        Err(e) => panic!("the test spec does not load: {e}"),
    };
    match super::check(&spec) {
        Err(Error::Unsupported { field, message, .. }) => (field, message),
        Err(other) => panic!("expected a refusal, got another error: {other}"),
        Ok(()) => panic!("expected a refusal, the checks accepted the spec"),
    }
}

/// Asserts that the checks refuse `yaml` at `field` with a message containing `words`.
#[track_caller]
fn assert_refused(yaml: &str, field: &str, words: &str) {
    let (found_field, message) = refusal(yaml);
    assert_eq!(found_field, field, "{message}");
    assert!(
        message.contains(words),
        "`{message}` does not say `{words}`"
    );
}

/// Asserts that `yaml` does not even load, refused at `field` with a message containing
/// `words`: a schema whose `type` is not a string the typed model accepts fails the load, and
/// the explanation of the load names it with the words of the checks.
#[track_caller]
fn assert_refused_at_load(yaml: &str, field: &str, words: &str) {
    match load("spec/v3.yaml", yaml.as_bytes()) {
        Err(Error::Shape {
            field: found_field,
            message,
            ..
        }) => {
            assert_eq!(found_field, field, "{message}");
            assert!(
                message.contains(words),
                "`{message}` does not say `{words}`"
            );
        }
        Err(other) => panic!("expected a refusal of the shape, got another error: {other}"),
        Ok(_) => panic!("expected the load to fail"),
    }
}

#[test]
fn the_accepted_spec_is_accepted() {
    let spec = match load("spec/v3.yaml", ACCEPTED.as_bytes()) {
        Ok(spec) => spec,
        Err(e) => panic!("{e}"),
    };
    assert!(super::check(&spec).is_ok());
}
