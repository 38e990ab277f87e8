//! What the generated code is made with: the progenitor settings every API version shares, and
//! every path of the client crate that the generated output names (its hand-written layer, the
//! id types, the hooks' steps, the CLI's table types). These paths are the contract between the
//! generator and the client crate; each is written here once, and every pass that emits one
//! takes it from here.

use progenitor::{GenerationSettings, HooksMode, InterfaceStyle, TagStyle, TypeImpl};
use schemars::schema::{InstanceType, SchemaObject};

/// The client crate's `Client`, which holds one generated client per version.
pub(crate) const CLIENT: &str = "crate::Client";
/// The client crate's error, which every `execute()` returns.
pub(crate) const ERROR: &str = "crate::Error";
/// The trait that sends a builder's request and returns the crate's `Error`.
pub(crate) const EXECUTE_EXT: &str = "crate::ExecuteExt";
/// The crate's one view of an API error envelope.
pub(crate) const API_ERROR: &str = "crate::ApiError";
/// The trait each version's error envelope implements to become an `ApiError`.
pub(crate) const ENVELOPE_TRAIT: &str = "crate::error::Envelope";
/// A static description of one operation, as the crate's `Error` names it.
pub(crate) const OPERATION: &str = "crate::error::Operation";
/// Converts the result of a builder's `send()` into the crate's result.
pub(crate) const FINISH: &str = "crate::client::finish";
/// The trait that finds a version's generated client in the crate's `Client`.
pub(crate) const SELECT: &str = "crate::client::Select";
/// The inner type of every generated `Client`.
pub(crate) const TRANSPORT: &str = "crate::transport::Transport";
/// The hooks' three steps.
pub(crate) const PREPARE: &str = "crate::exec::prepare";
/// See [`PREPARE`].
pub(crate) const EXECUTE: &str = "crate::exec::execute";
/// See [`PREPARE`].
pub(crate) const POST: &str = "crate::exec::post";
/// The request-body constraint table's row type.
pub(crate) const CONSTRAINT: &str = "crate::validate::Constraint";
/// The rule of a constraint.
pub(crate) const RULE: &str = "crate::validate::Rule";
/// The path templates checked before sending.
pub(crate) const PATH_TEMPLATE: &str = "crate::validate::PathTemplate";
/// A path parameter of a [`PATH_TEMPLATE`].
pub(crate) const PATH_PARAMETER: &str = "crate::validate::PathParameter";
/// The client crate's trait of values an optional field's setter takes.
pub(crate) const INTO_OPTIONAL: &str = "crate::setter::IntoOptional";
/// The crate's CLI module the table of subcommands is written against.
pub(crate) const CLI: &str = "crate::cli";
/// The CLI's entry for waiting on the links of a version.
pub(crate) const CLI_WAIT: &str = "crate::cli::Wait";
/// The hand-written wait for a connection, which the generated docs link to.
pub(crate) const WAIT_MODULE: &str = "crate::wait";
/// The wait that `Client::wait_for_connection` returns.
pub(crate) const WAIT: &str = "crate::wait::WaitForConnection";
/// The read of one connected account that the wait polls.
pub(crate) const POLL_ACCOUNT: &str = "crate::wait::PollAccount";
/// The seal of [`POLL_ACCOUNT`].
pub(crate) const SEALED: &str = "crate::wait::sealed::Sealed";
/// The CLI's call of the wait.
pub(crate) const CLI_CALL: &str = "crate::wait::cli_call";
/// The pages of a listing: the module the pager's documentation links to.
pub(crate) const PAGES_MODULE: &str = "crate::pages";
/// The request of one page, which the glue implements for a builder whose operation pages.
pub(crate) const PAGED: &str = "crate::pages::Paged";
/// One page as the glue hands it over.
pub(crate) const PAGE: &str = "crate::pages::Page";
/// The stream of a listing's items.
pub(crate) const ITEMS: &str = "crate::pages::Items";
/// What a string enum's unknown variant keeps: a value the spec does not list.
pub(crate) const UNKNOWN_VALUE: &str = "crate::UnknownValue";
/// The supertrait that seals the generated mocks' `MockServerExt` traits.
pub(crate) const MOCK_SEAL: &str = "crate::mock::sealed::Sealed";

/// String formats of the spec that become distinct Rust types instead of `String`, so that one
/// kind of id cannot be passed where another belongs. The types live in the client crate's
/// hand-written `ids` module.
pub const ID_FORMATS: &[(&str, &str)] = &[
    ("toolRouterSessionId", "crate::ids::ToolRouterSessionId"),
    ("connectedAccountId", "crate::ids::ConnectedAccountId"),
    ("authConfigId", "crate::ids::AuthConfigId"),
];

/// The progenitor settings shared by every API version.
pub(crate) fn settings() -> GenerationSettings {
    let transport = rust_path(TRANSPORT);
    let mut settings = GenerationSettings::new();
    settings
        // Builder style: adding an optional field to the spec adds a builder method instead of
        // a positional argument, so callers do not break.
        .with_interface(InterfaceStyle::Builder)
        .with_tag(TagStyle::Merged)
        .with_derive("PartialEq")
        // Auth, retries, the body cap and tracing live in the client crate's hand-written
        // `exec` module: every generated `Client` carries the crate's `Transport` and must
        // implement `ClientHooks`, which the glue does by calling `exec` (progenitor has
        // neither auth nor retries: its issues #420 and #252).
        .with_inner_type(quote::quote!(#transport))
        .with_hooks(HooksMode::Expected);
    for (format, rust_type) in ID_FORMATS {
        settings.with_conversion(
            SchemaObject {
                instance_type: Some(InstanceType::String.into()),
                format: Some((*format).to_owned()),
                ..SchemaObject::default()
            },
            *rust_type,
            [TypeImpl::FromStr, TypeImpl::Display].into_iter(),
        );
    }
    settings
}

/// A crate path of the contract above as a `syn::Path`. The constants are fixed Rust paths,
/// so parsing does not fail for them (the test below parses each); a typo would name
/// `invalid_path`, which the client crate does not define, so the generated code would not
/// compile rather than the generator panic.
pub(crate) fn rust_path(text: &str) -> syn::Path {
    syn::parse_str(text).unwrap_or_else(|_| syn::Path::from(quote::format_ident!("invalid_path")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_crate_path_parses() {
        for path in [
            CLIENT,
            ERROR,
            EXECUTE_EXT,
            API_ERROR,
            ENVELOPE_TRAIT,
            OPERATION,
            FINISH,
            SELECT,
            TRANSPORT,
            PREPARE,
            EXECUTE,
            POST,
            CONSTRAINT,
            RULE,
            PATH_TEMPLATE,
            PATH_PARAMETER,
            INTO_OPTIONAL,
            CLI,
            CLI_WAIT,
            WAIT_MODULE,
            WAIT,
            POLL_ACCOUNT,
            SEALED,
            CLI_CALL,
            PAGES_MODULE,
            PAGED,
            PAGE,
            ITEMS,
            UNKNOWN_VALUE,
            MOCK_SEAL,
        ] {
            assert!(syn::parse_str::<syn::Path>(path).is_ok(), "{path}");
            assert!(path.starts_with("crate::"), "{path}");
        }
    }
}
