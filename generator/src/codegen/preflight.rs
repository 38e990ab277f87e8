//! The checks that stand between a loaded spec and progenitor: every rule whose breach makes
//! progenitor panic or generate something wrong, so that the user reads which node breaks it,
//! where, and what was expected.
//!
//! First the untyped tree, node by node in document order: each `$ref` ([`references`]) and
//! each schema (a type progenitor can express: [`crate::document::schema_types`]). Then each
//! operation in document order: its `operationId` ([`operation_ids`]), its path parameters
//! ([`path_parameters`]), its request and response bodies ([`bodies`]) and one body type per
//! family of responses ([`body_types`]). The first problem found is the error.

mod bodies;
mod body_types;
mod operation_ids;
mod path_parameters;
mod references;
#[cfg(test)]
mod tests;

use serde_yaml_ng::Value;

use crate::document::schema_types::schema_problem;
use crate::document::tree::{Kind, children, reference};
use crate::document::{NodePath, Spec};
use crate::error::Result;
use crate::openapi::{operation_name, operations};

/// Every check that stands between a loaded spec and progenitor; the first problem found, in
/// document order within each check.
///
/// # Errors
///
/// [`crate::Error::Unsupported`] at the node that breaks a rule.
pub(crate) fn check(spec: &Spec) -> Result<()> {
    walk(spec, spec.document(), Kind::Document, &NodePath::root())?;
    let mut ids = operation_ids::OperationIds::default();
    for (path, method, operation) in operations(spec.openapi()) {
        let at = NodePath::operation(path, method);
        let name = operation_name(path, method, operation);
        ids.check(spec, path, method, operation, &at, &name)?;
        path_parameters::check(spec, path, method, operation, &name)?;
        bodies::check_request_body(spec, &at, operation, &name)?;
        bodies::check_responses(spec, &at, operation, &name)?;
        body_types::check(spec, &at, operation, &name)?;
    }
    Ok(())
}

/// Checks every `$ref` and every schema of the document.
fn walk(spec: &Spec, value: &Value, kind: Kind, path: &NodePath) -> Result<()> {
    if let Some(target) = reference(kind, value) {
        return references::check_ref(spec, kind, target, &path.key("$ref"));
    }
    if kind == Kind::Schema
        && let Some((at, message)) = schema_problem(value, path)
    {
        return Err(spec.unsupported(&at, message));
    }
    for (child_path, child, child_kind) in children(kind, value, path).0 {
        walk(spec, child, child_kind, &child_path)?;
    }
    Ok(())
}
