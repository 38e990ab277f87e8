//! Every operation must have an `operationId`, and no two the same one: progenitor names the
//! generated method after it and generates one method per id.

use std::collections::HashMap;

use openapiv3::Operation;

use crate::document::{NodePath, Spec};
use crate::error::Result;

/// The operationIds seen so far, each with the path and method of the operation that has it.
#[derive(Default)]
pub(super) struct OperationIds<'a>(HashMap<&'a str, (&'a str, &'a str)>);

impl<'a> OperationIds<'a> {
    /// Checks the id of the operation of `method` under `path` (at `at`, named `name` in
    /// messages) against the ids seen before it, and records it.
    pub(super) fn check(
        &mut self,
        spec: &Spec,
        path: &'a str,
        method: &'a str,
        operation: &'a Operation,
        at: &NodePath,
        name: &str,
    ) -> Result<()> {
        let Some(id) = &operation.operation_id else {
            return Err(spec.unsupported(
                at,
                format!(
                    "operation {name} has no `operationId`; expected `operationId: \
                     <camelCaseName>`: progenitor names the generated method after it"
                ),
            ));
        };
        let Some((first_path, first_method)) = self.0.insert(id, (path, method)) else {
            return Ok(());
        };
        let first = spec.locate(&NodePath::operation(first_path, first_method));
        let line = first
            .line_column
            .map_or_else(String::new, |(l, _)| format!(" (line {l})"));
        Err(spec.unsupported(
            &at.key("operationId"),
            format!(
                "operationId `{id}` is also the id of `{} {first_path}`{line}; expected a unique \
                 operationId: progenitor generates one method per id",
                first_method.to_uppercase()
            ),
        ))
    }
}
