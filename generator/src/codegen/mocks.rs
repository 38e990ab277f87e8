//! Generating typed `httpmock` mocks of every operation of a spec, as oxide.rs does for its
//! SDK: a `MockServerExt` trait with one method per operation, taking typed `When`/`Then`
//! wrappers, so a downstream test cannot mock a request the API does not accept or answer
//! with a body the client cannot decode.
//!
//! The trait is sealed (a supertrait that only the client crate can name, implemented for
//! `httpmock::MockServer` alone): nobody else implements it, so a method added for an added
//! operation is a minor release, as cargo-semver-checks reads a sealed trait.

use super::generate::Generated;
use super::settings::{MOCK_SEAL, rust_path, settings};
use super::{format, mock_lists, preflight};
use crate::document::Spec;
use crate::error::{Error, Location, Result};
use crate::panic_guard::catch_panic;

/// Generates the mock module for `spec`, whose client module is at `client_path` (a Rust path
/// such as `crate::v3_1`), formatted and with its do-not-edit header.
///
/// # Errors
///
/// As [`crate::generate()`].
pub fn generate_mocks(spec: &Spec, client_path: &str) -> Result<Generated> {
    preflight::check(spec)?;
    let location = || Location::file(spec.file());
    let openapi = crate::openapi::without_optional_defaults(spec.openapi());
    let tokens =
        catch_panic(|| progenitor::Generator::new(&settings()).httpmock(&openapi, client_path))
            .map_err(|message| Error::GeneratorPanic {
                location: location(),
                operation: None,
                message,
            })?
            .map_err(|e| Error::Generate {
                location: location(),
                operation: None,
                message: e.to_string(),
            })?;
    let mut file: syn::File = syn::parse2(tokens).map_err(|e| Error::Format {
        location: location(),
        message: e.to_string(),
    })?;
    mock_lists::explode(&mut file);
    seal(&mut file);
    format::format_file(spec, file).map(|source| Generated { source })
}

/// Gives every trait of the mock module the client crate's sealing supertrait.
fn seal(file: &mut syn::File) {
    let sealed = rust_path(MOCK_SEAL);
    for item in &mut file.items {
        if let syn::Item::Trait(t) = item {
            t.supertraits.push(syn::parse_quote!(#sealed));
        }
    }
}
