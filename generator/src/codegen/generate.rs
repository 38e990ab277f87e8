//! Generating one version's module from a loaded [`Spec`]: the preflight checks, progenitor with
//! the shared [`settings`], then the constraint table and the glue appended and the passes over
//! the result (setters, docs); and the index of the version modules. Should progenitor still
//! panic or refuse, the failure becomes an error naming the operation that triggers it, found by
//! generating each operation alone.

use openapiv3::{OpenAPI, PathItem, ReferenceOr};
use proc_macro2::TokenStream;
use progenitor::Generator;
use quote::ToTokens;

use super::settings::settings;
use super::{constraints, docs, format, glue, open, preflight, setters};
use crate::document::{ApiVersion, NodePath, Spec};
use crate::error::{Error, Location, Result};
use crate::openapi::{self, operation_name, operations};
use crate::panic_guard::catch_panic;

/// A generated module: formatted Rust source, header included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The complete file as it is written to `generated-client/src/generated/`.
    pub source: String,
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
/// constraint table and the glue of [`glue`].
pub(crate) fn generate_file(spec: &Spec) -> Result<syn::File> {
    preflight::check(spec)?;
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
            spec.locate(&NodePath::operation(path, method)),
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
    let ops = glue::op::join(spec, &file)?;
    let names = glue::op::hook_names(&ops);
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
    setters::widen(&mut file);
    docs::prefer_execute(&mut file);
    open::open(&mut file);
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
    let openapi = openapi::without_optional_defaults(openapi);
    catch_panic(|| Generator::new(&settings()).generate_tokens(&openapi))
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

#[cfg(test)]
mod tests {
    use super::generate;
    use crate::document::load;

    /// A body property whose schema is an `allOf` of itself: progenitor generates it, and every
    /// pass after it must end too.
    const ALL_OF_ITSELF: &str = "\
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /api/v3/things:
    post:
      operationId: postThing
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
components:
  schemas:
    Thing:
      type: object
      properties:
        name: {$ref: '#/components/schemas/Loop'}
    Loop:
      allOf:
        - $ref: '#/components/schemas/Loop'
";

    #[test]
    fn a_schema_that_is_an_all_of_of_itself_ends() {
        let spec = match load("spec/v3.yaml", ALL_OF_ITSELF.as_bytes()) {
            Ok(spec) => spec,
            Err(e) => panic!("{e}"),
        };
        assert!(generate(&spec).is_ok());
    }
}
