//! Each `$ref` of the untyped tree must be a string naming a component of the right section of
//! this document, and must not lead through aliases back to itself: progenitor reads no other
//! file, resolves nothing else, and would follow a cycle forever.

use serde_yaml_ng::{Mapping, Value};

use crate::document::NodePath;
use crate::document::Spec;
use crate::document::tree::{Kind, key_text, ref_not_a_string};
use crate::error::Result;
use crate::openapi::refs;

/// A `$ref` must be a string naming a component of the right section of this document:
/// progenitor reads no other file and resolves nothing else.
pub(super) fn check_ref(spec: &Spec, kind: Kind, target: &Value, path: &NodePath) -> Result<()> {
    let Value::String(reference) = target else {
        return Err(spec.unsupported(path, ref_not_a_string(kind, target)));
    };
    let section = kind.section();
    let expected = format!("#/components/{}/<name>", section.unwrap_or("schemas"));
    let Some(segments) = refs::local_segments(reference) else {
        return Err(spec.unsupported(
            path,
            format!(
                "`{reference}` refers to another file; expected a reference inside this file \
                 (`{expected}`): the generator reads one self-contained document per API \
                 version, so move the definition into this file's `components`"
            ),
        ));
    };
    let (Some(section), [components, in_section, name]) = (section, segments.as_slice()) else {
        return Err(spec.unsupported(
            path,
            match section {
                Some(_) => format!(
                    "`{reference}` is not a reference to a named {}; expected `{expected}`: \
                     progenitor resolves only references to named components",
                    kind.name()
                ),
                None => format!(
                    "progenitor does not follow a `$ref` for a {}; expected the object written \
                     out here",
                    kind.name()
                ),
            },
        ));
    };
    if components != "components" || in_section != section {
        return Err(spec.unsupported(
            path,
            format!(
                "`{reference}` does not point into `components.{section}`; expected \
                 `{expected}`: a {} can only refer to a named {}",
                kind.name(),
                kind.name()
            ),
        ));
    }
    let names: Vec<String> = section_of(spec, section)
        .map(|m| m.keys().filter_map(key_text).collect())
        .unwrap_or_default();
    if names.iter().any(|n| n == name) {
        return check_alias_cycle(spec, section, name, path);
    }
    let candidates = match names.len() {
        0 => format!("there is no `components.{section}` at all"),
        n => {
            let mut listed: Vec<String> = names.iter().take(8).map(|n| format!("`{n}`")).collect();
            if n > 8 {
                listed.push(format!("and {} more", n - 8));
            }
            format!("expected one of {}", listed.join(", "))
        }
    };
    Err(spec.unsupported(
        path,
        format!(
            "`{reference}` does not resolve: `components.{section}` has no `{name}`; {candidates}"
        ),
    ))
}

/// Refuses a `$ref` that leads, through components that are nothing but another `$ref`, back to
/// itself: it never reaches a definition, and every resolver would follow it forever.
fn check_alias_cycle(spec: &Spec, section: &str, start: &str, path: &NodePath) -> Result<()> {
    let mut chain = vec![start.to_owned()];
    loop {
        let current = chain.last().map(String::as_str).unwrap_or(start);
        let next = section_of(spec, section)
            .and_then(|s| s.get(current))
            .and_then(Value::as_mapping)
            .filter(|m| m.len() == 1)
            .and_then(|m| m.get("$ref"))
            .and_then(Value::as_str)
            .and_then(|r| refs::section_entry(r, section));
        let Some(next) = next else {
            return Ok(());
        };
        let cycle = chain.contains(&next);
        chain.push(next);
        if cycle {
            let shown: Vec<String> = chain.iter().map(|n| format!("`{n}`")).collect();
            return Err(spec.unsupported(
                path,
                format!(
                    "the `$ref` chain {} comes back to itself without reaching a definition; \
                     expected it to end at a schema written out",
                    shown.join(" → ")
                ),
            ));
        }
    }
}

/// The section `section` of the untyped document's `components`, when it is a mapping.
fn section_of<'a>(spec: &'a Spec, section: &str) -> Option<&'a Mapping> {
    spec.document()
        .get("components")
        .and_then(|c| c.get(section))
        .and_then(Value::as_mapping)
}
