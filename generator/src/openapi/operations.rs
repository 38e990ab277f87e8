//! The HTTP methods a path item can hold, the operations of a document, and how messages name
//! an operation.

use openapiv3::{OpenAPI, Operation, PathItem};

/// The HTTP methods a path item can hold an operation for, lowercase as OpenAPI spells its
/// keys and in the order OpenAPI lists them.
pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Every operation of `openapi`: its path, its method and the operation, in document order.
/// A path item that is itself a `$ref` holds none.
pub fn operations<'a>(
    openapi: &'a OpenAPI,
) -> impl Iterator<Item = (&'a str, &'a str, &'a Operation)> + 'a {
    operations_with_items(openapi).map(|(path, _, method, op)| (path, method, op))
}

/// As [`operations`], with the path item each operation stands in (whose `parameters` it
/// inherits).
pub fn operations_with_items<'a>(
    openapi: &'a OpenAPI,
) -> impl Iterator<Item = (&'a str, &'a PathItem, &'a str, &'a Operation)> + 'a {
    openapi.paths.paths.iter().flat_map(|(path, item)| {
        item.as_item().into_iter().flat_map(move |item| {
            item.iter()
                .map(move |(method, op)| (path.as_str(), item, method, op))
        })
    })
}

/// How messages name an operation: its id, or its method and path when it has none.
pub(crate) fn operation_name(path: &str, method: &str, operation: &Operation) -> String {
    match &operation.operation_id {
        Some(id) => format!("`{id}`"),
        None => format!("`{} {path}`", method.to_uppercase()),
    }
}

/// The slot of `item` that holds the operation of `method` (one of [`METHODS`]).
pub fn operation_slot<'a>(
    item: &'a mut PathItem,
    method: &str,
) -> Option<&'a mut Option<Operation>> {
    Some(match method {
        "get" => &mut item.get,
        "put" => &mut item.put,
        "post" => &mut item.post,
        "delete" => &mut item.delete,
        "options" => &mut item.options,
        "head" => &mut item.head,
        "patch" => &mut item.patch,
        "trace" => &mut item.trace,
        _ => return None,
    })
}
