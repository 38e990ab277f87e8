//! Which operations get a pager: the generator recognises one by its shape (a `cursor` query
//! parameter, a success body with an `items` array and a `next_cursor`), never by its
//! operationId; v3.1 is generated from edited copies of its spec to show it.

use composio_link_tests::{edited_module, generate_edited, spec_yaml};
use serde_yaml_ng::Value;

const LIST: &str = "/api/v3.1/connected_accounts";

/// Whether the builder `builder` pages, the `Paged` impl, its stream methods and the CLI's
/// `--all` agreeing.
fn pages(source: &str, builder: &str, operation: &str) -> bool {
    let paged = source.contains(&format!(
        "impl<'a> crate::pages::Paged<'a> for builder::{builder}<'a> {{"
    ));
    let items = source.contains(&format!("impl<'a> builder::{builder}<'a> {{"));
    let all = source.contains(&format!("fn cli_all_{operation}<'a>("));
    assert_eq!(paged, items, "the impl and the stream must agree");
    assert_eq!(paged, all, "the pager and the CLI's --all must agree");
    paged
}

#[test]
fn the_committed_spec_pages_both_lists_and_nothing_else() {
    let source = edited_module("v3.1", &spec_yaml("v3.1"));
    assert!(pages(
        &source,
        "GetConnectedAccounts",
        "get_connected_accounts"
    ));
    assert!(source.contains("type Item = types::ConnectedAccount;"));
    assert!(pages(&source, "GetAuthConfigs", "get_auth_configs"));
    assert!(source.contains("type Item = types::AuthConfig;"));
    assert_eq!(source.matches("crate::pages::Paged<'a> for").count(), 2);
}

#[test]
fn the_operation_id_does_not_matter_but_the_shape_does() {
    let mut renamed = spec_yaml("v3.1");
    renamed["paths"][LIST]["get"]["operationId"] = "listAccounts".into();
    assert!(
        pages(
            &edited_module("v3.1", &renamed),
            "ListAccounts",
            "list_accounts"
        ),
        "another operationId, same shape"
    );

    // No cursor to send.
    let mut no_cursor = spec_yaml("v3.1");
    if let Some(parameters) = no_cursor["paths"][LIST]["get"]["parameters"].as_sequence_mut() {
        parameters.retain(|p| p["name"].as_str() != Some("cursor"));
    }
    let source = edited_module("v3.1", &no_cursor);
    assert!(!pages(
        &source,
        "GetConnectedAccounts",
        "get_connected_accounts"
    ));
    assert!(pages(&source, "GetAuthConfigs", "get_auth_configs"));

    // No next cursor to follow.
    let mut no_next = spec_yaml("v3.1");
    if let Some(properties) =
        no_next["components"]["schemas"]["ConnectedAccountList"]["properties"].as_mapping_mut()
    {
        properties.remove("next_cursor");
    }
    assert!(!pages(
        &edited_module("v3.1", &no_next),
        "GetConnectedAccounts",
        "get_connected_accounts"
    ));

    // `items` that is not an array.
    let mut not_array = spec_yaml("v3.1");
    not_array["components"]["schemas"]["ConnectedAccountList"]["properties"]["items"] =
        serde_yaml_ng::from_str("{type: string}").unwrap_or_else(|e| panic!("{e}"));
    assert!(!pages(
        &edited_module("v3.1", &not_array),
        "GetConnectedAccounts",
        "get_connected_accounts"
    ));
}

/// A query parameter named like a method the pager adds (`items`) is refused by the regen,
/// naming the operation and the parameter, rather than generating two methods of one name.
#[test]
fn a_parameter_named_like_a_stream_method_is_refused() {
    let mut clashing = spec_yaml("v3.1");
    let parameter: Value =
        serde_yaml_ng::from_str("{name: items, in: query, schema: {type: string}}")
            .unwrap_or_else(|e| panic!("{e}"));
    match clashing["paths"][LIST]["get"]["parameters"].as_sequence_mut() {
        Some(parameters) => parameters.push(parameter),
        None => panic!("no parameters of GET {LIST}"),
    }
    let refused = match generate_edited("v3.1", &clashing) {
        Ok(_) => panic!("a parameter `items` beside the pager's `items()` was accepted"),
        Err(e) => e.to_string(),
    };
    assert!(
        refused.contains("`getConnectedAccounts`")
            && refused.contains(
                "its parameter `items` has the name of a method the pager adds to the builder"
            ),
        "{refused}"
    );
}
