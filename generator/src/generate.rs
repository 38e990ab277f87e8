//! Running progenitor on a loaded [`Spec`] with the settings every API version shares.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use openapiv3::{OpenAPI, PathItem, ReferenceOr};
use proc_macro2::TokenStream;
use progenitor::{GenerationSettings, Generator, HooksMode, InterfaceStyle, TagStyle, TypeImpl};
use schemars::schema::{InstanceType, SchemaObject};

use crate::checks::{self, operation_name, operation_path};
use crate::openapi::{self, operations};
use quote::ToTokens;

use crate::{ApiVersion, Error, Location, Result, Spec, constraints, format, glue};

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
        // `exec` module: every generated `Client` carries the crate's `Transport` and must
        // implement `ClientHooks`, which the glue does by calling `exec` (progenitor has
        // neither auth nor retries: its issues #420 and #252).
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
    generate_file(spec).map(|file| file.into_token_stream())
}

/// Generates the client module for `spec` as a syntax tree: progenitor's output, the
/// constraint table and the glue of [`crate::glue`].
pub(crate) fn generate_file(spec: &Spec) -> Result<syn::File> {
    check_operations(spec)?;
    // `Ok(message)`: progenitor returned an error; `Err(message)`: it panicked.
    let failure = match run_progenitor(spec.openapi()) {
        Ok(Ok(client)) => return with_glue(spec, client),
        Ok(Err(e)) => Ok(e.to_string()),
        Err(panic) => Err(panic),
    };
    // The checks missed a shape progenitor refuses: name the operation that triggers it, and
    // its line, when generating it alone reproduces the failure.
    let (location, operation) = match isolate_failing_operation(spec.openapi()) {
        Some((path, method, name)) => (
            spec.locate(&operation_path(path, method)),
            Some(format!("{name} (`{} {path}`)", method.to_uppercase())),
        ),
        None => (Location::file(spec.file()), None),
    };
    Err(match failure {
        Ok(message) => Error::Generate {
            location,
            operation,
            message,
        },
        Err(message) => Error::GeneratorPanic {
            location,
            operation,
            message,
        },
    })
}

/// progenitor's output for `spec` with the constraint table, keyed by the operation names
/// progenitor hands the hooks, and the glue appended.
fn with_glue(spec: &Spec, client: TokenStream) -> Result<syn::File> {
    let mut file: syn::File = syn::parse2(client).map_err(|e| Error::Format {
        location: Location::file(spec.file()),
        message: e.to_string(),
    })?;
    let ops = glue::join(spec, &file)?;
    let names = glue::hook_names(&ops);
    let mut constraints = constraints::collect(spec.openapi());
    for constraint in &mut constraints {
        if let Some(name) = names.get(&constraint.operation_id) {
            constraint.operation_id.clone_from(name);
        }
    }
    constraints.sort();
    let tail = constraints::tokens(&constraints);
    let glue = glue::tokens(spec, &file, &ops)?;
    let appended: syn::File =
        syn::parse2(quote::quote!(#tail #glue)).map_err(|e| Error::Format {
            location: Location::file(spec.file()),
            message: e.to_string(),
        })?;
    file.items.extend(appended.items);
    crate::setters::widen(&mut file);
    crate::docs::prefer_execute(&mut file);
    Ok(file)
}

/// Generates the complete, formatted module for `spec`, starting with its do-not-edit header.
///
/// # Errors
///
/// As [`generate_tokens`], plus [`Error::Format`] if the tokens are not a Rust file.
pub fn generate(spec: &Spec) -> Result<Generated> {
    let file = generate_file(spec)?;
    format::format_file(spec, file).map(|source| Generated { source })
}

/// Generates the index of the generated modules (`generated-client/src/generated/mod.rs`) for
/// `versions`, oldest first, each with its loaded spec: the version modules and their mocks,
/// `Client`'s accessor per version, and the CLI's list of versions.
///
/// # Errors
///
/// [`Error::Format`] if the tokens are not a Rust file (a bug of the generator).
pub fn generate_index(versions: &[(&ApiVersion, &Spec)]) -> Result<Generated> {
    format::format_index(versions, glue::index::tokens(versions)).map(|source| Generated { source })
}

fn run_progenitor(
    openapi: &OpenAPI,
) -> std::result::Result<std::result::Result<TokenStream, progenitor::Error>, String> {
    let openapi = crate::openapi::without_optional_defaults(openapi);
    catch_panic(|| Generator::new(&settings()).generate_tokens(&openapi))
}

/// Checks every rule whose breach makes progenitor panic or generate something wrong (see
/// [`checks`]), so that the user reads which node breaks it, where, and what was expected.
pub(crate) fn check_operations(spec: &Spec) -> Result<()> {
    checks::check(spec)
}

/// After a failure, generates each operation on its own to find the first one that fails
/// alone: its path, method and name. `None` when the failure does not depend on any single
/// operation (for example, when it comes from a component schema).
fn isolate_failing_operation(openapi: &OpenAPI) -> Option<(&str, &str, String)> {
    operations(openapi).find_map(|(path, method, operation)| {
        let single = only_operation(openapi, path, method)?;
        (!matches!(run_progenitor(&single), Ok(Ok(_))))
            .then(|| (path, method, operation_name(path, method, operation)))
    })
}

/// A copy of `openapi` whose paths hold only `method` of `path`.
fn only_operation(openapi: &OpenAPI, path: &str, method: &str) -> Option<OpenAPI> {
    let item = openapi.paths.paths.get(path)?.as_item()?;
    let mut kept = PathItem {
        parameters: item.parameters.clone(),
        ..PathItem::default()
    };
    let slot = openapi::operation_slot(&mut kept, method)?;
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
