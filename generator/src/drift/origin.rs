//! Where in a spec the items of its generated module come from, so that a Rust-level change
//! names a line of the spec as a wire-level one does.
//!
//! progenitor and typify name what they generate after the spec: a method of `Client` and its
//! builder after the operation's `operationId`, a type after its component schema (or, for an
//! inline schema, after the schema that holds it and the property's name:
//! `ToolRouterLinkRequestToolkit` is `ToolRouterLinkRequest`'s `toolkit`), a field after its
//! JSON property, a variant after its enum value, a `REQUEST_CONSTRAINTS` row after the request
//! body property it checks. The names are compared without case and punctuation, as the
//! generators' case conversions keep only letters and digits of them.
//!
//! What no node stands for (the `REQUEST_CONSTRAINTS` table itself, a change of the module's
//! documentation alone, a type whose schema cannot be found) is placed on the spec's first line.

use openapiv3::{OpenAPI, Operation, PathItem, ReferenceOr, Schema, SchemaKind, Type};

use super::change::Position;
use super::wire::{self, component_node};
use crate::document::NodePath;
use crate::document::Spec;
use crate::openapi::refs::component_name;
use crate::surface::{Entry, Kind};

/// The specs a Rust-level comparison places its changes in.
#[derive(Clone, Copy)]
pub(super) struct Origins<'a> {
    /// The spec the old module was generated from, when it is known (`cargo xtask regen`
    /// compares with a committed module whose spec is gone).
    pub(super) old: Option<&'a Spec>,
    /// The spec the new module is generated from.
    pub(super) new: &'a Spec,
}

impl Origins<'_> {
    /// The position of the spec node that `entry` (under `parent`) comes from: in the old
    /// spec for a removed item, in the new one otherwise (and for a removed item when the old
    /// spec is not known, where the node, if it is gone, falls back to its nearest ancestor
    /// that is left); the first line of that spec when no node stands for the item.
    pub(super) fn position(
        &self,
        removed: bool,
        entry: &Entry,
        parent: Option<&Entry>,
    ) -> Position {
        let spec = match (removed, self.old) {
            (true, Some(old)) => old,
            _ => self.new,
        };
        match node(spec, entry, parent) {
            Some(node) => Position::of(spec, &node),
            None => Position::first_line(spec),
        }
    }

    /// The first line of the new spec.
    pub(super) fn first_line(&self) -> Position {
        Position::first_line(self.new)
    }
}

/// A name as the generators' case conversions see it: its letters and digits, lower-cased.
fn normalized(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn node(spec: &Spec, entry: &Entry, parent: Option<&Entry>) -> Option<NodePath> {
    let openapi = spec.openapi();
    let Some(parent) = parent else {
        return match entry.kind {
            Kind::ApiVersion => Some(NodePath::root().key("info").key("version")),
            Kind::Operation => operation(openapi, &entry.name).map(|op| op.node),
            kind if kind.is_type() => type_schema(openapi, &entry.name).map(|(node, _)| node),
            _ => None,
        };
    };
    match parent.kind {
        Kind::Operation => {
            let op = operation(openapi, &parent.name)?;
            Some(match entry.kind {
                Kind::Http => NodePath::root().key("paths").key(op.path),
                Kind::Param => op.parameter(&entry.name).unwrap_or(op.node),
                Kind::Body => op.node.key("requestBody"),
                Kind::Success | Kind::Error | Kind::Status => op.node.key("responses"),
                _ => op.node,
            })
        }
        Kind::Constraints => constraint(openapi, &entry.name),
        _ => {
            let (node, schema) = type_schema(openapi, &parent.name)?;
            Some(match entry.kind {
                Kind::Field => match json_name(&entry.detail) {
                    Some(json) => node.key("properties").key(&json),
                    None => node,
                },
                Kind::Variant => {
                    let values = node.key("enum");
                    match json_name(&entry.detail).and_then(|json| enum_index(schema, &json)) {
                        Some(index) => values.index(index),
                        None => values,
                    }
                }
                Kind::Check => match check_keyword(&entry.name) {
                    Some(keyword) => node.key(keyword),
                    None => node,
                },
                _ => node,
            })
        }
    }
}

/// An operation found by the name progenitor gives its method or builder.
struct Found<'a> {
    path: &'a str,
    item: &'a PathItem,
    operation: &'a Operation,
    node: NodePath,
}

impl Found<'_> {
    /// The entry of the parameter a builder setter named `name` sets: the operation's own, or
    /// its path item's.
    fn parameter(&self, name: &str) -> Option<NodePath> {
        let wanted = normalized(name);
        let named = |list: &[ReferenceOr<openapiv3::Parameter>]| {
            list.iter().position(|p| match p {
                ReferenceOr::Item(p) => normalized(&p.parameter_data_ref().name) == wanted,
                ReferenceOr::Reference { reference } => {
                    component_name::<openapiv3::Parameter>(reference)
                        .is_some_and(|component| normalized(component) == wanted)
                }
            })
        };
        if let Some(index) = named(&self.operation.parameters) {
            return Some(self.node.key("parameters").index(index));
        }
        named(&self.item.parameters).map(|index| {
            NodePath::root()
                .key("paths")
                .key(self.path)
                .key("parameters")
                .index(index)
        })
    }
}

/// The operation whose `operationId` gives `name` (`post_connected_accounts_link`,
/// `builder::PostConnectedAccountsLink<'_>` alike).
fn operation<'a>(openapi: &'a OpenAPI, name: &str) -> Option<Found<'a>> {
    let wanted = normalized(name.rsplit("::").next().unwrap_or(name));
    crate::openapi::operations_with_items(openapi).find_map(|(path, item, method, operation)| {
        let id = operation.operation_id.as_deref()?;
        (normalized(id) == wanted).then(|| Found {
            path,
            item,
            operation,
            node: NodePath::operation(path, method),
        })
    })
}

/// The schema a type of the `types` module is generated from, with its node: the component
/// schema of the same name, or an inline schema named after the schema holding it and its
/// property (`<Parent><Property>`, `<Parent><Property>Item` for an array's items).
fn type_schema<'a>(openapi: &'a OpenAPI, name: &str) -> Option<(NodePath, Option<&'a Schema>)> {
    let wanted = normalized(name);
    let schemas = &openapi.components.as_ref()?.schemas;
    let node = component_node::<Schema>;
    if let Some((name, schema)) = schemas.iter().find(|(n, _)| normalized(n) == wanted) {
        return Some((node(name), schema.as_item()));
    }
    schemas.iter().find_map(|(name, schema)| {
        let rest = wanted.strip_prefix(&normalized(name))?;
        inline(schema.as_item()?, rest, node(name))
    })
}

/// The inline schema under `schema` (at `node`) whose generated name ends in `rest`.
fn inline<'a>(
    schema: &'a Schema,
    rest: &str,
    node: NodePath,
) -> Option<(NodePath, Option<&'a Schema>)> {
    let properties = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => &object.properties,
        SchemaKind::Any(any) => &any.properties,
        _ => return None,
    };
    properties.iter().find_map(|(name, property)| {
        let key = normalized(name);
        // An empty key would not shorten `rest`: nothing can be found under it.
        let tail = rest
            .strip_prefix(key.as_str())
            .filter(|_| !key.is_empty())?;
        let at = node.key("properties").key(name);
        let property = property.as_item().map(AsRef::as_ref);
        if tail.is_empty() {
            return Some((at, property));
        }
        let property = property?;
        if tail == "item"
            && let SchemaKind::Type(Type::Array(array)) = &property.schema_kind
        {
            let items = array.items.as_ref().and_then(|i| i.as_item());
            return Some((at.key("items"), items.map(AsRef::as_ref)));
        }
        inline(property, tail, at)
    })
}

/// The JSON name of a field or variant line's detail: `json "alias", optional` → `alias`.
fn json_name(detail: &str) -> Option<String> {
    let quoted = detail.strip_prefix("json \"")?;
    let mut out = String::new();
    let mut chars = quoted.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    None
}

/// Where `value` is in the `enum` list of `schema`.
fn enum_index(schema: Option<&Schema>, value: &str) -> Option<usize> {
    match &schema?.schema_kind {
        SchemaKind::Type(Type::String(s)) => s
            .enumeration
            .iter()
            .position(|v| v.as_deref() == Some(value)),
        SchemaKind::Any(any) => any
            .enumeration
            .iter()
            .position(|v| v.as_str() == Some(value)),
        _ => None,
    }
}

/// The keyword a newtype check comes from (`max length` → `maxLength`).
fn check_keyword(check: &str) -> Option<&'static str> {
    match check {
        "max length" => Some("maxLength"),
        "min length" => Some("minLength"),
        _ => None,
    }
}

/// The node a `REQUEST_CONSTRAINTS` row comes from: `<operation> <field> <rule words>`, the
/// field dotted with `[]` for array items (`experimental.acl.allowed_user_ids[] max length`),
/// is the keyword of the request body property.
fn constraint(openapi: &OpenAPI, row: &str) -> Option<NodePath> {
    let (name, rest) = row.split_once(' ')?;
    // The row names the operation as progenitor hands it to the hooks (snake case).
    let operation_id = operation(openapi, name)?
        .operation
        .operation_id
        .as_deref()?;
    let mut words = rest.rsplitn(3, ' ');
    let (second, first) = (words.next()?, words.next()?);
    let field = words.next().unwrap_or_default();
    let keyword = match (first, second) {
        ("max", "length") => "maxLength",
        ("min", "length") => "minLength",
        ("max", "items") => "maxItems",
        ("min", "items") => "minItems",
        ("one", "of") => "enum",
        _ => return None,
    };
    let mut key = Vec::new();
    for segment in field.split('.').filter(|s| !s.is_empty()) {
        let name = segment.trim_end_matches("[]");
        key.push(name.to_owned());
        let items = (segment.len() - name.len()) / 2;
        key.extend(std::iter::repeat_n("items".to_owned(), items));
    }
    wire::request_property(openapi, operation_id, &key.join("/")).map(|node| node.key(keyword))
}

#[cfg(test)]
mod tests {
    use super::{json_name, normalized};

    #[test]
    fn json_names_are_read_from_the_detail() {
        assert_eq!(
            json_name("json \"alias\", optional").as_deref(),
            Some("alias")
        );
        assert_eq!(json_name("json \"a\\\"b\"").as_deref(), Some("a\"b"));
        assert_eq!(json_name("optional"), None);
        assert_eq!(json_name("json \"open"), None);
    }

    #[test]
    fn names_are_compared_without_case_or_punctuation() {
        assert_eq!(
            normalized("postToolRouterSessionBySessionIdLink"),
            normalized("post_tool_router_session_by_session_id_link")
        );
    }
}
