//! The schema flattener: a body schema as its properties, keyed by their `/`-separated path
//! from the body (`experimental/acl_config_for_shared/allowed_user_ids/items`, as oasdiff names
//! them), with `$ref`s resolved and `allOf` parts merged, so two documents that spell a schema
//! differently but mean the same compare equal.

use std::collections::BTreeMap;
use std::fmt;

use openapiv3::{OpenAPI, ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty};

use super::resolve::component_node;
use crate::document::NodePath;
use crate::openapi::{self, MAX_DEPTH};

/// What a document says about one property (or the body itself, at the empty path).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Prop {
    /// Required in the object that holds it (the body root and array items count as required).
    pub(super) required: bool,
    /// The type (`string`, `object`, `oneOf(2)`, `$ref ...` for one that does not resolve).
    pub(super) ty: String,
    /// The format, empty when there is none.
    pub(super) format: String,
    /// The enum values, as text.
    pub(super) enumeration: Vec<String>,
    /// `minLength`.
    pub(super) min_length: Option<usize>,
    /// `maxLength`.
    pub(super) max_length: Option<usize>,
    /// `minItems`.
    pub(super) min_items: Option<usize>,
    /// `maxItems`.
    pub(super) max_items: Option<usize>,
    /// The default value, as JSON text.
    pub(super) default: Option<String>,
    /// The description.
    pub(super) description: Option<String>,
    /// The node that declares the property: its entry under `properties`, its `items`, or the
    /// media type's `schema` for the body.
    pub(super) at: NodePath,
    /// The schema node that describes it: `at`, or where its `$ref` leads.
    pub(super) def: NodePath,
}

/// The flattened properties of one body, by their `/`-separated path (the body itself at `""`).
pub(super) type Props = BTreeMap<String, Prop>;

/// `path/segment`, or `segment` at the body.
fn join(path: &str, segment: &str) -> String {
    if path.is_empty() {
        segment.to_owned()
    } else {
        format!("{path}/{segment}")
    }
}

/// The flattened properties of the body schema at `node`: the body itself at the empty key
/// and, for objects and arrays, every property and item under it.
pub(super) fn flatten(openapi: &OpenAPI, schema: &ReferenceOr<Schema>, node: &NodePath) -> Props {
    let mut flatten = Flatten {
        openapi,
        stack: Vec::new(),
        out: Props::new(),
    };
    let slot = Slot {
        key: "",
        required: true,
        at: node,
    };
    flatten.schema(schema, &slot, node, 0);
    flatten.out
}

/// The state of one [`flatten`].
struct Flatten<'a> {
    openapi: &'a OpenAPI,
    /// The `$ref`s being expanded, so a recursive schema stops where it refers to itself.
    stack: Vec<String>,
    out: Props,
}

/// Where a schema stands in the body: its `/`-separated key, whether it is required there,
/// and the node that declares it.
struct Slot<'s> {
    key: &'s str,
    pub(super) required: bool,
    pub(super) at: &'s NodePath,
}

impl Flatten<'_> {
    /// Flattens `schema`, whose node is `node`, into the slot.
    fn schema(
        &mut self,
        schema: &ReferenceOr<Schema>,
        slot: &Slot<'_>,
        node: &NodePath,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        match schema {
            ReferenceOr::Item(schema) => self.item(schema, slot, node, depth),
            ReferenceOr::Reference { reference } => self.reference(reference, slot, depth),
        }
    }

    fn boxed(
        &mut self,
        schema: &ReferenceOr<Box<Schema>>,
        slot: &Slot<'_>,
        node: &NodePath,
        depth: usize,
    ) {
        match schema {
            ReferenceOr::Item(schema) => self.item(schema, slot, node, depth),
            ReferenceOr::Reference { reference } if depth <= MAX_DEPTH => {
                self.reference(reference, slot, depth);
            }
            ReferenceOr::Reference { .. } => {}
        }
    }

    fn reference(&mut self, reference: &str, slot: &Slot<'_>, depth: usize) {
        match openapi::refs::lookup::<Schema>(self.openapi, reference) {
            Some((name, target)) if !self.stack.iter().any(|r| r == reference) => {
                self.stack.push(reference.to_owned());
                let node = component_node::<Schema>(name);
                self.schema(target, slot, &node, depth + 1);
                self.stack.pop();
            }
            _ => {
                self.out.insert(
                    slot.key.to_owned(),
                    Prop {
                        required: slot.required,
                        ty: format!("$ref {reference}"),
                        at: slot.at.clone(),
                        def: slot.at.clone(),
                        ..Prop::default()
                    },
                );
            }
        }
    }

    /// Flattens the inline schema `schema`, at `node`, into the slot.
    fn item(&mut self, schema: &Schema, slot: &Slot<'_>, node: &NodePath, depth: usize) {
        let data = &schema.schema_data;
        let mut prop = Prop {
            required: slot.required,
            default: data.default.as_ref().map(ToString::to_string),
            description: data.description.clone(),
            at: slot.at.clone(),
            def: node.clone(),
            ..Prop::default()
        };
        if let SchemaKind::AllOf { all_of } = &schema.schema_kind {
            self.all_of(all_of, prop, slot, node, depth);
            return;
        }
        let nested = describe(&schema.schema_kind, &mut prop);
        self.out.insert(slot.key.to_owned(), prop);
        self.nested(nested, slot, node, depth);
    }

    /// The parts of an `allOf`, merged into one property (and the properties under it).
    fn all_of(
        &mut self,
        all_of: &[ReferenceOr<Schema>],
        mut prop: Prop,
        slot: &Slot<'_>,
        node: &NodePath,
        depth: usize,
    ) {
        // Each part describes the same value: merge what they say, then let this schema's
        // own default and description win.
        let mut merged = Props::new();
        for (index, part) in all_of.iter().enumerate() {
            let before = std::mem::take(&mut self.out);
            self.schema(part, slot, &node.key("allOf").index(index), depth + 1);
            let part_props = std::mem::replace(&mut self.out, before);
            for (key, value) in part_props {
                match merged.get_mut(&key) {
                    Some(existing) => merge(existing, value),
                    None => {
                        merged.insert(key, value);
                    }
                }
            }
        }
        if let Some(root) = merged.get_mut(slot.key) {
            root.required = slot.required;
            root.def = node.clone();
            if prop.default.is_some() {
                root.default = prop.default.clone();
            }
            if prop.description.is_some() {
                root.description = prop.description.clone();
            }
        } else {
            prop.ty = "allOf".to_owned();
            merged.insert(slot.key.to_owned(), prop);
        }
        self.out.extend(merged);
    }

    /// The properties and items under the property in `slot`, described by the schema at
    /// `node`.
    fn nested(&mut self, nested: Nested<'_>, slot: &Slot<'_>, node: &NodePath, depth: usize) {
        let Nested { children, items } = nested;
        for (name, child, child_required) in children {
            let key = join(slot.key, name);
            let at = node.key("properties").key(name);
            let child_slot = Slot {
                key: &key,
                required: child_required,
                at: &at,
            };
            self.boxed(child, &child_slot, &at, depth + 1);
        }
        if let Some(items) = items {
            let key = join(slot.key, "items");
            let at = node.key("items");
            let item_slot = Slot {
                key: &key,
                required: true,
                at: &at,
            };
            self.boxed(items, &item_slot, &at, depth + 1);
        }
    }
}

/// The schemas under a property: its object properties (name, schema, required) and its
/// array items.
#[derive(Default)]
struct Nested<'a> {
    children: Vec<(&'a String, &'a ReferenceOr<Box<Schema>>, bool)>,
    items: Option<&'a ReferenceOr<Box<Schema>>>,
}

/// Fills in what a schema of `kind` says of its value (type, format, enum values, limits) and
/// returns the schemas under it. An `allOf` is merged by [`Flatten`] instead.
fn describe<'a>(kind: &'a SchemaKind, prop: &mut Prop) -> Nested<'a> {
    let mut nested = Nested::default();
    match kind {
        SchemaKind::Type(Type::String(s)) => {
            prop.ty = "string".to_owned();
            prop.format = format_name(&s.format);
            prop.enumeration = s
                .enumeration
                .iter()
                .map(|v| v.clone().unwrap_or_else(|| "null".to_owned()))
                .collect();
            prop.min_length = s.min_length;
            prop.max_length = s.max_length;
        }
        SchemaKind::Type(Type::Number(n)) => {
            prop.ty = "number".to_owned();
            prop.format = format_name(&n.format);
            prop.enumeration = n
                .enumeration
                .iter()
                .map(|v| optional_text(v.as_ref()))
                .collect();
        }
        SchemaKind::Type(Type::Integer(i)) => {
            prop.ty = "integer".to_owned();
            prop.format = format_name(&i.format);
            prop.enumeration = i
                .enumeration
                .iter()
                .map(|v| optional_text(v.as_ref()))
                .collect();
        }
        SchemaKind::Type(Type::Boolean(b)) => {
            prop.ty = "boolean".to_owned();
            prop.enumeration = b
                .enumeration
                .iter()
                .map(|v| optional_text(v.as_ref()))
                .collect();
        }
        SchemaKind::Type(Type::Object(o)) => {
            prop.ty = "object".to_owned();
            nested.children = o
                .properties
                .iter()
                .map(|(name, s)| (name, s, o.required.contains(name)))
                .collect();
        }
        SchemaKind::Type(Type::Array(a)) => {
            prop.ty = "array".to_owned();
            prop.min_items = a.min_items;
            prop.max_items = a.max_items;
            nested.items = a.items.as_ref();
        }
        SchemaKind::Any(any) => {
            prop.ty = any.typ.clone().unwrap_or_else(|| {
                if any.properties.is_empty() {
                    "any"
                } else {
                    "object"
                }
                .to_owned()
            });
            prop.format = any.format.clone().unwrap_or_default();
            prop.enumeration = any.enumeration.iter().map(ToString::to_string).collect();
            prop.min_length = any.min_length;
            prop.max_length = any.max_length;
            prop.min_items = any.min_items;
            prop.max_items = any.max_items;
            nested.children = any
                .properties
                .iter()
                .map(|(name, s)| (name, s, any.required.contains(name)))
                .collect();
            nested.items = any.items.as_ref();
        }
        SchemaKind::AllOf { .. } => {}
        SchemaKind::OneOf { one_of } => {
            prop.ty = format!("oneOf({})", one_of.len());
        }
        SchemaKind::AnyOf { any_of } => {
            prop.ty = format!("anyOf({})", any_of.len());
        }
        SchemaKind::Not { .. } => prop.ty = "not".to_owned(),
    }
    nested
}

/// Fills what `into` leaves empty with what `from` says.
fn merge(into: &mut Prop, from: Prop) {
    if into.ty.is_empty() {
        into.ty = from.ty;
    }
    if into.format.is_empty() {
        into.format = from.format;
    }
    if into.enumeration.is_empty() {
        into.enumeration = from.enumeration;
    }
    into.min_length = into.min_length.or(from.min_length);
    into.max_length = into.max_length.or(from.max_length);
    into.min_items = into.min_items.or(from.min_items);
    into.max_items = into.max_items.or(from.max_items);
    into.default = into.default.take().or(from.default);
    into.description = into.description.take().or(from.description);
    into.required = into.required || from.required;
}

fn optional_text<T: fmt::Display>(value: Option<&T>) -> String {
    value.map_or_else(|| "null".to_owned(), ToString::to_string)
}

/// A format as the spec writes it (`date-time`, `int64`, or a custom name).
fn format_name<T: fmt::Debug>(format: &VariantOrUnknownOrEmpty<T>) -> String {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => {
            let mut out = String::new();
            for (i, c) in format!("{item:?}").chars().enumerate() {
                if c.is_uppercase() && i > 0 {
                    out.push('-');
                }
                out.extend(c.to_lowercase());
            }
            out
        }
        VariantOrUnknownOrEmpty::Unknown(name) => name.clone(),
        VariantOrUnknownOrEmpty::Empty => String::new(),
    }
}
