//! The one place a local `$ref` is read and resolved: `#/components/<section>/<name>` to the
//! component it names, following a chain of aliases up to [`MAX_DEPTH`] and stopping where one
//! comes back; and, for the checks that walk the untyped document, the JSON Pointer segments of
//! a reference and the name it gives in one section.

use openapiv3::{
    Components, Header, OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema,
};

/// How deep any walk of a schema goes, counting `$ref`s followed and nested schemas entered.
/// The preflight checks refuse a chain of `$ref`s that comes back to itself, but drift and
/// upstream read documents that never went through them: the limit, and the cycle stop of
/// [`resolve_named`], keep every walk total.
pub const MAX_DEPTH: usize = 32;

/// A kind of component that a `$ref` can name: the section of `components` it lives in.
pub trait Component: Sized {
    /// The section's key under `components` (`schemas`, `parameters`, ...).
    const SECTION: &'static str;

    /// The component of this kind named `name`.
    fn get<'a>(components: &'a Components, name: &str) -> Option<&'a ReferenceOr<Self>>;
}

impl Component for Schema {
    const SECTION: &'static str = "schemas";

    fn get<'a>(components: &'a Components, name: &str) -> Option<&'a ReferenceOr<Self>> {
        components.schemas.get(name)
    }
}

impl Component for Parameter {
    const SECTION: &'static str = "parameters";

    fn get<'a>(components: &'a Components, name: &str) -> Option<&'a ReferenceOr<Self>> {
        components.parameters.get(name)
    }
}

impl Component for RequestBody {
    const SECTION: &'static str = "requestBodies";

    fn get<'a>(components: &'a Components, name: &str) -> Option<&'a ReferenceOr<Self>> {
        components.request_bodies.get(name)
    }
}

impl Component for Response {
    const SECTION: &'static str = "responses";

    fn get<'a>(components: &'a Components, name: &str) -> Option<&'a ReferenceOr<Self>> {
        components.responses.get(name)
    }
}

impl Component for Header {
    const SECTION: &'static str = "headers";

    fn get<'a>(components: &'a Components, name: &str) -> Option<&'a ReferenceOr<Self>> {
        components.headers.get(name)
    }
}

/// How every reference to a component of this document starts.
const COMPONENTS: &str = "#/components/";

/// The name of the component of kind `T` that `reference` points to, if it is a local
/// reference into `T`'s section: `#/components/schemas/Link` → `Link`.
pub fn component_name<T: Component>(reference: &str) -> Option<&str> {
    reference
        .strip_prefix(COMPONENTS)?
        .strip_prefix(T::SECTION)?
        .strip_prefix('/')
        .filter(|name| !name.is_empty() && !name.contains('/'))
}

/// The segments of `reference` when it points inside this document, unescaped as JSON Pointer
/// says (`~1` is `/`, `~0` is `~`): `#/components/schemas/A~1B` → `components`, `schemas`,
/// `A/B`. `None` for a reference into another file.
pub fn local_segments(reference: &str) -> Option<Vec<String>> {
    let pointer = reference.strip_prefix('#')?;
    Some(pointer.split('/').skip(1).map(unescape).collect())
}

/// The name, unescaped, that `reference` gives in the section `section` of `components`:
/// `#/components/schemas/A~1B` → `A/B` for `schemas`. `None` for a reference elsewhere.
pub fn section_entry(reference: &str, section: &str) -> Option<String> {
    reference
        .strip_prefix(COMPONENTS)?
        .strip_prefix(section)?
        .strip_prefix('/')
        .map(unescape)
}

/// One JSON Pointer segment with its escapes undone.
fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// The name of the component schema that `reference` points to: `#/components/schemas/Link` →
/// `Link`.
pub fn schema_name(reference: &str) -> Option<&str> {
    component_name::<Schema>(reference)
}

/// The component that `reference` names, one step: its name and what `components` holds there
/// (which may itself be a `$ref`).
pub fn lookup<'a, T: Component>(
    openapi: &'a OpenAPI,
    reference: &'a str,
) -> Option<(&'a str, &'a ReferenceOr<T>)> {
    let name = component_name::<T>(reference)?;
    Some((name, T::get(openapi.components.as_ref()?, name)?))
}

/// `item`, or the component its `$ref` finally names, with that component's name (`None` for
/// an inline item). `None` when a `$ref` does not resolve, or a chain of them is longer than
/// [`MAX_DEPTH`] or comes back to itself.
pub fn resolve_named<'a, T: Component>(
    openapi: &'a OpenAPI,
    item: &'a ReferenceOr<T>,
) -> Option<(&'a T, Option<&'a str>)> {
    let mut reference = match item {
        ReferenceOr::Item(item) => return Some((item, None)),
        ReferenceOr::Reference { reference } => reference.as_str(),
    };
    let mut seen: Vec<&str> = Vec::new();
    while seen.len() < MAX_DEPTH && !seen.contains(&reference) {
        seen.push(reference);
        match lookup::<T>(openapi, reference)? {
            (name, ReferenceOr::Item(item)) => return Some((item, Some(name))),
            (_, ReferenceOr::Reference { reference: next }) => reference = next,
        }
    }
    None
}

/// `item`, or the component its `$ref` finally names (see [`resolve_named`]).
pub fn resolve<'a, T: Component>(openapi: &'a OpenAPI, item: &'a ReferenceOr<T>) -> Option<&'a T> {
    resolve_named(openapi, item).map(|(item, _)| item)
}

/// As [`resolve`], for the boxed schemas of properties and array items.
pub fn resolve_boxed<'a>(
    openapi: &'a OpenAPI,
    schema: &'a ReferenceOr<Box<Schema>>,
) -> Option<&'a Schema> {
    match schema {
        ReferenceOr::Item(schema) => Some(schema),
        ReferenceOr::Reference { reference } => {
            resolve_named(openapi, lookup::<Schema>(openapi, reference)?.1)
                .map(|(schema, _)| schema)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::openapi::tests::document;

    const ALIASES: &str = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Link: {type: string}
    Alias: {$ref: '#/components/schemas/Link'}
    Loop: {$ref: '#/components/schemas/Back'}
    Back: {$ref: '#/components/schemas/Loop'}
";

    #[test]
    fn names_only_references_into_the_section() {
        assert_eq!(schema_name("#/components/schemas/Link"), Some("Link"));
        assert_eq!(schema_name("#/components/parameters/Link"), None);
        assert_eq!(schema_name("#/components/schemasX/Link"), None);
        assert_eq!(schema_name("#/components/schemas/"), None);
        assert_eq!(schema_name("other.yaml#/components/schemas/Link"), None);
        assert_eq!(
            component_name::<RequestBody>("#/components/requestBodies/B"),
            Some("B")
        );
    }

    #[test]
    fn reads_the_segments_of_a_local_reference() {
        assert_eq!(
            local_segments("#/components/schemas/A~1B~0C"),
            Some(vec![
                "components".to_owned(),
                "schemas".to_owned(),
                "A/B~C".to_owned()
            ])
        );
        assert_eq!(local_segments("other.yaml#/components/schemas/A"), None);
        assert_eq!(
            section_entry("#/components/schemas/A~1B", "schemas"),
            Some("A/B".to_owned())
        );
        assert_eq!(section_entry("#/components/responses/A", "schemas"), None);
    }

    #[test]
    fn follows_aliases_and_names_the_last() {
        let openapi = document(ALIASES);
        let alias = ReferenceOr::<Schema>::ref_("#/components/schemas/Alias");
        let (schema, name) =
            resolve_named(&openapi, &alias).unwrap_or_else(|| panic!("unresolved"));
        assert_eq!(name, Some("Link"));
        assert!(matches!(
            schema.schema_kind,
            openapiv3::SchemaKind::Type(openapiv3::Type::String(_))
        ));
    }

    #[test]
    fn stops_at_a_cycle_and_a_missing_target() {
        let openapi = document(ALIASES);
        assert!(
            resolve(
                &openapi,
                &ReferenceOr::<Schema>::ref_("#/components/schemas/Loop")
            )
            .is_none()
        );
        assert!(
            resolve(
                &openapi,
                &ReferenceOr::<Schema>::ref_("#/components/schemas/None")
            )
            .is_none()
        );
    }
}
