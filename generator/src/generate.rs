//! Running progenitor on a loaded [`Spec`] with the settings every API version shares.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use openapiv3::{OpenAPI, Operation, PathItem, ReferenceOr, StatusCode};
use proc_macro2::TokenStream;
use progenitor::{GenerationSettings, Generator, HooksMode, InterfaceStyle, TagStyle, TypeImpl};
use schemars::schema::{InstanceType, SchemaObject};

use crate::{Error, Location, Result, Spec, constraints, format};

/// String formats of the spec that become distinct Rust types instead of `String`, so that one
/// kind of id cannot be passed where another belongs. The types live in the client crate's
/// hand-written `ids` module.
const ID_FORMATS: &[(&str, &str)] = &[
    ("toolRouterSessionId", "crate::ids::ToolRouterSessionId"),
    ("connectedAccountId", "crate::ids::ConnectedAccountId"),
    ("authConfigId", "crate::ids::AuthConfigId"),
];

/// A generated module: formatted Rust source, header included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The complete file as it is written to `generated-client/src/generated/`.
    pub source: String,
}

/// The progenitor settings shared by every API version.
pub(crate) fn settings() -> GenerationSettings {
    let mut settings = GenerationSettings::new();
    settings
        // Builder style: adding an optional field to the spec adds a builder method instead of
        // a positional argument, so callers do not break.
        .with_interface(InterfaceStyle::Builder)
        .with_tag(TagStyle::Merged)
        .with_derive("PartialEq")
        // Auth, retries, the body cap and tracing live in the client crate's hand-written
        // `transport` module: every generated `Client` carries its shared state and must
        // implement `ClientHooks` there (progenitor has neither auth nor retries: its issues
        // #420 and #252).
        .with_inner_type(quote::quote!(crate::transport::Transport))
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

/// Generates the client module for `spec` as tokens, without formatting or header.
///
/// # Errors
///
/// [`Error::Generate`] when progenitor refuses the document or an operation breaks a rule it
/// relies on, and [`Error::GeneratorPanic`] when progenitor panics; both name the spec file and,
/// where it can be isolated, the operation.
pub fn generate_tokens(spec: &Spec) -> Result<TokenStream> {
    check_operations(spec)?;
    let constraints = constraints::tokens(&constraints::collect(spec.openapi()));
    match run_progenitor(spec.openapi()) {
        Ok(result) => result
            .map(|client| quote::quote!(#client #constraints))
            .map_err(|e| Error::Generate {
                location: Location::file(spec.file()),
                operation: None,
                message: e.to_string(),
            }),
        Err(message) => Err(Error::GeneratorPanic {
            location: Location::file(spec.file()),
            operation: isolate_panicking_operation(spec.openapi()),
            message,
        }),
    }
}

/// Generates the complete, formatted module for `spec`, starting with its do-not-edit header.
///
/// # Errors
///
/// As [`generate_tokens`], plus [`Error::Format`] if the tokens are not a Rust file.
pub fn generate(spec: &Spec) -> Result<Generated> {
    let tokens = generate_tokens(spec)?;
    format::format(spec, tokens).map(|source| Generated { source })
}

fn run_progenitor(
    openapi: &OpenAPI,
) -> std::result::Result<std::result::Result<TokenStream, progenitor::Error>, String> {
    catch_panic(|| Generator::new(&settings()).generate_tokens(openapi))
}

/// Checks rules that progenitor enforces with an assertion (a panic) rather than an error, so
/// that the user reads which operation breaks them and how to fix it.
pub(crate) fn check_operations(spec: &Spec) -> Result<()> {
    for (path, method, operation) in operations(spec.openapi()) {
        let name = operation_name(path, method, operation);
        for (what, is_kind) in [
            ("success", StatusFamily::Success),
            ("error", StatusFamily::Error),
        ] {
            let mut schemas: Vec<(String, String)> = Vec::new();
            for (status, response) in &operation.responses.responses {
                if status_family(status) != is_kind {
                    continue;
                }
                let key = response_schema_key(spec.openapi(), response);
                schemas.push((status.to_string(), key));
            }
            if is_kind == StatusFamily::Error
                && let Some(default) = &operation.responses.default
            {
                schemas.push((
                    "default".to_owned(),
                    response_schema_key(spec.openapi(), default),
                ));
            }
            let mut distinct: Vec<&str> = schemas.iter().map(|(_, k)| k.as_str()).collect();
            distinct.sort_unstable();
            distinct.dedup();
            if distinct.len() > 1 {
                let listing = schemas
                    .iter()
                    .map(|(status, key)| format!("{status} → {key}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(Error::Generate {
                    location: Location::file(spec.file()),
                    operation: Some(name),
                    message: format!(
                        "its {what} responses have different bodies ({listing}); progenitor \
                         needs one {what} type per operation, so give every {what} response the \
                         same `$ref` (progenitor issue #344)"
                    ),
                });
            }
        }
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum StatusFamily {
    Success,
    Error,
    Other,
}

fn status_family(status: &StatusCode) -> StatusFamily {
    let hundreds = match status {
        StatusCode::Code(code) => code / 100,
        StatusCode::Range(range) => *range,
    };
    match hundreds {
        2 => StatusFamily::Success,
        4 | 5 => StatusFamily::Error,
        _ => StatusFamily::Other,
    }
}

/// A short description of a response's body that is equal for equal generated types: the
/// `$ref` of its schema, "no body", or "an inline schema" (each inline schema is its own type).
fn response_schema_key(openapi: &OpenAPI, response: &ReferenceOr<openapiv3::Response>) -> String {
    let response = match response {
        ReferenceOr::Item(item) => item,
        ReferenceOr::Reference { reference } => {
            let resolved = reference
                .strip_prefix("#/components/responses/")
                .and_then(|name| openapi.components.as_ref()?.responses.get(name));
            match resolved {
                Some(ReferenceOr::Item(item)) => item,
                _ => return format!("`{reference}`"),
            }
        }
    };
    let schema = response
        .content
        .iter()
        .find(|(media, _)| media.contains("json"))
        .and_then(|(_, media)| media.schema.as_ref());
    match schema {
        None if response.content.is_empty() => "no body".to_owned(),
        None => "a non-JSON body".to_owned(),
        Some(ReferenceOr::Reference { reference }) => format!("`{reference}`"),
        Some(ReferenceOr::Item(_)) => format!("an inline schema ({})", response.description),
    }
}

/// Every operation of the document, in document order, with its path and lower-case method.
fn operations<'a>(
    openapi: &'a OpenAPI,
) -> impl Iterator<Item = (&'a str, &'a str, &'a Operation)> + 'a {
    openapi.paths.paths.iter().flat_map(|(path, item)| {
        item.as_item().into_iter().flat_map(move |item| {
            item.iter()
                .map(move |(method, op)| (path.as_str(), method, op))
        })
    })
}

fn operation_name(path: &str, method: &str, operation: &Operation) -> String {
    match &operation.operation_id {
        Some(id) => format!("{id}` (`{} {path}", method.to_uppercase()),
        None => format!("{} {path}", method.to_uppercase()),
    }
}

/// After a panic, generates each operation on its own to find the one that triggers it.
/// Returns `None` when the panic does not depend on any single operation (for example, when it
/// comes from a component schema).
fn isolate_panicking_operation(openapi: &OpenAPI) -> Option<String> {
    operations(openapi).find_map(|(path, method, operation)| {
        let single = only_operation(openapi, path, method)?;
        run_progenitor(&single)
            .is_err()
            .then(|| operation_name(path, method, operation))
    })
}

/// A copy of `openapi` whose paths hold only `method` of `path`.
fn only_operation(openapi: &OpenAPI, path: &str, method: &str) -> Option<OpenAPI> {
    let item = openapi.paths.paths.get(path)?.as_item()?;
    let mut kept = PathItem {
        parameters: item.parameters.clone(),
        ..PathItem::default()
    };
    let slot = match method {
        "get" => &mut kept.get,
        "put" => &mut kept.put,
        "post" => &mut kept.post,
        "delete" => &mut kept.delete,
        "options" => &mut kept.options,
        "head" => &mut kept.head,
        "patch" => &mut kept.patch,
        "trace" => &mut kept.trace,
        _ => return None,
    };
    *slot = item
        .iter()
        .find(|(m, _)| *m == method)
        .map(|(_, op)| op.clone());
    let mut single = openapi.clone();
    single.paths.paths.clear();
    single
        .paths
        .paths
        .insert(path.to_owned(), ReferenceOr::Item(kept));
    Some(single)
}

thread_local! {
    /// Set while this thread runs progenitor, so the panic hook stays quiet for panics that are
    /// caught and turned into errors.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, turning a panic into its message. The first call installs a panic hook that
/// silences panics on threads inside `catch_panic` and delegates every other panic to the hook
/// that was installed before, so a caught panic prints no backtrace and others are unaffected.
pub(crate) fn catch_panic<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    static INSTALL_HOOK: Once = Once::new();
    INSTALL_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CATCHING.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was_catching = CATCHING.with(|c| c.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(was_catching));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned())
    })
}
