//! The operations of a document as the comparison matches them: by method and by path after
//! the version segment, each with the parameters its path item declares.

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, Operation, Parameter, ReferenceOr};

use crate::document::NodePath;

/// One operation and the parameters its path item declares for all its operations.
pub(super) struct Op<'a> {
    /// The path as the document writes it, with its version segment.
    pub(super) path: &'a str,
    /// The method as the document writes it (`post`).
    pub(super) method: &'a str,
    /// The operation itself.
    pub(super) operation: &'a Operation,
    /// The parameters its path item declares for every operation under it.
    pub(super) path_parameters: &'a [ReferenceOr<Parameter>],
}

impl Op<'_> {
    /// `paths.<path>`.
    pub(super) fn path_item(&self) -> NodePath {
        NodePath::root().key("paths").key(self.path)
    }

    /// `paths.<path>.<method>`.
    pub(super) fn node(&self) -> NodePath {
        NodePath::operation(self.path, self.method)
    }
}

/// The key two documents' operations are matched by, from the path and method as a document
/// writes them: the path with its version segment removed, and the method in capitals.
pub(crate) fn key(path: &str, method: &str) -> (String, String) {
    (crate::openapi::without_version(path), method.to_uppercase())
}

/// How a change names the operation of `key`: `GET /connected_accounts/{nanoid}`, the same for
/// every version of the API.
pub(crate) fn label((path, method): &(String, String)) -> String {
    format!("{method} {path}")
}

/// Every operation, keyed by its path with the version segment removed and its method.
pub(super) fn operations(openapi: &OpenAPI) -> BTreeMap<(String, String), Op<'_>> {
    let mut out = BTreeMap::new();
    for (path, item, method, operation) in crate::openapi::operations_with_items(openapi) {
        out.insert(
            key(path, method),
            Op {
                path,
                method,
                operation,
                path_parameters: &item.parameters,
            },
        );
    }
    out
}
