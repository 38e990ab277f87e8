//! The refusals of operationIds and path parameters.

use super::{assert_refused, edited};

const OPERATION: &str = "paths./api/v3/things/{id}.post";

#[test]
fn an_operation_without_an_id() {
    assert_refused(
        &edited("      operationId: postThing\n", ""),
        OPERATION,
        "operation `POST /api/v3/things/{id}` has no `operationId`",
    );
}

#[test]
fn two_operations_with_one_id() {
    let yaml = edited(
        "components:\n",
        "  /api/v3/others:\n    get:\n      operationId: postThing\n      responses:\n        \
         '204': {description: Gone}\ncomponents:\n",
    );
    assert_refused(
        &yaml,
        "paths./api/v3/others.get.operationId",
        "operationId `postThing` is also the id of `POST /api/v3/things/{id}` (line 5)",
    );
}

#[test]
fn a_path_parameter_that_is_not_in_the_template() {
    assert_refused(
        &edited("/api/v3/things/{id}:", "/api/v3/things/{thing}:"),
        "paths./api/v3/things/{thing}.post.parameters[0]",
        "path parameter `id` of operation `postThing` is not in the path template",
    );
}

#[test]
fn a_template_variable_that_no_parameter_declares() {
    assert_refused(
        &edited("/api/v3/things/{id}:", "/api/v3/things/{id}/{part}:"),
        "paths./api/v3/things/{id}/{part}.post.parameters",
        "the path template has `{part}`, but no parameter of operation `postThing` declares it",
    );
}
