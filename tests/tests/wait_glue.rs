//! Which specs get a wait for a connection: the generator recognises the read of a connected
//! account by its shape (`GET .../connected_accounts/{id}`, that path parameter its only
//! required one, a success body with a required string `status`), never by its operationId,
//! and a spec without it gets no `wait_for_connection` and no `--wait`.

use composio_link_tests::{edited_module, spec_yaml};
use serde_yaml_ng::{Mapping, Value};

const PATH: &str = "/api/v3.1/connected_accounts/{nanoid}";
/// The CLI's entry of a version without a wait, without whitespace.
const NO_WAIT: &str = "pub(crate)staticCLI_WAIT:::std::option::Option<&crate::cli::Wait>=::std::option::Option::None;";

fn paths(spec: &mut Value) -> &mut Mapping {
    spec.get_mut("paths")
        .and_then(Value::as_mapping_mut)
        .unwrap_or_else(|| panic!("no paths"))
}

fn has_wait(source: &str) -> bool {
    let wait = source.contains("pub fn wait_for_connection(")
        && source.contains("impl crate::wait::PollAccount for Client {");
    let compact: String = source.chars().filter(|c| !c.is_whitespace()).collect();
    assert_eq!(
        wait,
        !compact.contains(NO_WAIT),
        "the wait and the CLI's entry must agree"
    );
    wait
}

#[test]
fn the_committed_spec_has_a_wait_for_both_link_operations() {
    let source = edited_module("v3.1", &spec_yaml("v3.1"));
    assert!(has_wait(&source));
    assert!(source.contains("type Id = crate::ids::ConnectedAccountId;"));
    assert!(source.contains("type Account = types::ConnectedAccount;"));
    let entry = source
        .split("pub(crate) static CLI_WAIT")
        .nth(1)
        .unwrap_or_default();
    for link in [
        "postToolRouterSessionBySessionIdLink",
        "postConnectedAccountsLink",
    ] {
        assert!(entry.contains(link), "{link} has no --wait");
    }
    assert!(!entry.contains("\"getConnectedAccountsByNanoid\""));
}

#[test]
fn a_spec_without_the_read_has_no_wait() {
    let mut spec = spec_yaml("v3.1");
    paths(&mut spec).remove(PATH);
    assert!(!has_wait(&edited_module("v3.1", &spec)));
}

#[test]
fn the_operation_id_does_not_matter_but_the_shape_does() {
    let mut renamed = spec_yaml("v3.1");
    renamed["paths"][PATH]["get"]["operationId"] = "readAccount".into();
    assert!(
        has_wait(&edited_module("v3.1", &renamed)),
        "another operationId, same shape"
    );

    // Another collection.
    let mut other = spec_yaml("v3.1");
    let item = paths(&mut other)
        .remove(PATH)
        .unwrap_or_else(|| panic!("no {PATH}"));
    paths(&mut other).insert("/api/v3.1/auth_configs/{nanoid}".into(), item);
    assert!(
        !has_wait(&edited_module("v3.1", &other)),
        "not a connected account"
    );

    // A body without `status`.
    let mut no_status = spec_yaml("v3.1");
    let account = &mut no_status["components"]["schemas"]["ConnectedAccount"];
    if let Some(properties) = account["properties"].as_mapping_mut() {
        properties.remove("status");
    }
    if let Some(required) = account["required"].as_sequence_mut() {
        required.retain(|name| name.as_str() != Some("status"));
    }
    assert!(
        !has_wait(&edited_module("v3.1", &no_status)),
        "nothing to wait on"
    );

    // A `status` that is not required.
    let mut optional = spec_yaml("v3.1");
    if let Some(required) =
        optional["components"]["schemas"]["ConnectedAccount"]["required"].as_sequence_mut()
    {
        required.retain(|name| name.as_str() != Some("status"));
    }
    assert!(
        !has_wait(&edited_module("v3.1", &optional)),
        "status may be absent"
    );

    // Another required parameter the wait could not give.
    let mut more = spec_yaml("v3.1");
    let parameter: Value = serde_yaml_ng::from_str(
        "{name: project, in: query, required: true, schema: {type: string}}",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    if let Some(parameters) = more["paths"][PATH]["get"]["parameters"].as_sequence_mut() {
        parameters.push(parameter);
    }
    assert!(
        !has_wait(&edited_module("v3.1", &more)),
        "a required query parameter"
    );
}
