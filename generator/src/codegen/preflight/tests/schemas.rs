//! The refusals of schemas progenitor cannot express.

use super::{assert_refused, assert_refused_at_load, edited};

const NAME: &str = "name: {type: string}";
const FIELD: &str = "components.schemas.Thing.properties.name";

#[test]
fn a_null_type() {
    assert_refused(
        &edited(NAME, "name: {type: 'null'}"),
        &format!("{FIELD}.type"),
        "OpenAPI 3.0 has no `null` type",
    );
}

#[test]
fn a_file_type() {
    assert_refused(
        &edited(NAME, "name: {type: file}"),
        &format!("{FIELD}.type"),
        "(a file is `type: string` with `format: binary`)",
    );
}

#[test]
fn an_unknown_type() {
    assert_refused(
        &edited(NAME, "name: {type: text}"),
        &format!("{FIELD}.type"),
        "`text` is not an OpenAPI 3.0 type",
    );
}

#[test]
fn a_list_of_types() {
    assert_refused_at_load(
        &edited(NAME, "name: {type: [string, 'null']}"),
        &format!("{FIELD}.type"),
        "`type` is a list, which OpenAPI 3.0 does not allow",
    );
}

#[test]
fn a_type_that_is_not_a_string() {
    assert_refused_at_load(
        &edited(NAME, "name: {type: {of: string}}"),
        &format!("{FIELD}.type"),
        "expected `type` to be `string`, `number`, `integer`, `boolean`, `object` or `array`, \
         found a mapping",
    );
}

#[test]
fn a_not_schema() {
    assert_refused(
        &edited(NAME, "name: {type: string, not: {enum: ['']}}"),
        &format!("{FIELD}.not"),
        "progenitor cannot express a `not` schema",
    );
}
