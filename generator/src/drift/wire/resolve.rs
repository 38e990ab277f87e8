//! A `$ref` resolved with the node that defines what it names, so that a change is placed on
//! the component itself. The resolving is [`crate::openapi::refs`]'s; this only names the node.

use openapiv3::{OpenAPI, ReferenceOr};

use crate::document::NodePath;
use crate::openapi::refs::{self, Component};

/// Resolves a local `$ref` to a component, returning it with the node that defines it: `at`
/// for an inline item, the component for a reference.
pub(super) fn resolve<'a, T: Component>(
    openapi: &'a OpenAPI,
    item: &'a ReferenceOr<T>,
    at: &NodePath,
) -> Option<(&'a T, NodePath)> {
    let (item, name) = refs::resolve_named(openapi, item)?;
    let node = match name {
        Some(name) => component_node::<T>(name),
        None => at.clone(),
    };
    Some((item, node))
}

/// The node of the component of kind `T` named `name`: `components.<section>.<name>`.
pub(in crate::drift) fn component_node<T: Component>(name: &str) -> NodePath {
    NodePath::root().key("components").key(T::SECTION).key(name)
}
