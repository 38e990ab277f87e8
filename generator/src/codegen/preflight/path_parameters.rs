//! Every `{name}` of a path template must be a path parameter of the operation (its own or its
//! path item's), and every path parameter must be in the template: progenitor panics on the
//! first and silently drops the second.

use openapiv3::{Operation, Parameter, ReferenceOr};

use crate::document::{NodePath, Spec};
use crate::error::Result;
use crate::openapi;

/// Every `{name}` of the path template must be a path parameter, and every path parameter must
/// be in the template: progenitor panics on the first and silently drops the second.
pub(super) fn check(
    spec: &Spec,
    path: &str,
    method: &str,
    operation: &Operation,
    name: &str,
) -> Result<()> {
    let openapi = spec.openapi();
    let template: Vec<&str> = path
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(var, _)| var))
        .collect();
    let item_params = openapi
        .paths
        .paths
        .get(path)
        .and_then(ReferenceOr::as_item)
        .map(|item| item.parameters.as_slice())
        .unwrap_or_default();
    let item_at = NodePath::root().key("paths").key(path).key("parameters");
    let op_at = NodePath::operation(path, method).key("parameters");
    let declared = item_params
        .iter()
        .enumerate()
        .map(|(i, p)| (item_at.index(i), p))
        .chain(
            operation
                .parameters
                .iter()
                .enumerate()
                .map(|(i, p)| (op_at.index(i), p)),
        )
        .filter_map(|(at, p)| {
            let p = openapi::resolve(openapi, p)?;
            match p {
                Parameter::Path { parameter_data, .. } => Some((at, parameter_data.name.as_str())),
                _ => None,
            }
        });
    let mut names = Vec::new();
    for (at, param) in declared {
        if !template.contains(&param) {
            return Err(spec.unsupported(
                &at,
                format!(
                    "path parameter `{param}` of operation {name} is not in the path template \
                     `{path}`; expected `{{{param}}}` in the path, or this parameter's `name` to \
                     match a `{{...}}` of it"
                ),
            ));
        }
        names.push(param);
    }
    if let Some(var) = template.iter().find(|var| !names.contains(var)) {
        let at = if operation.parameters.is_empty() {
            NodePath::operation(path, method)
        } else {
            op_at
        };
        return Err(spec.unsupported(
            &at,
            format!(
                "the path template has `{{{var}}}`, but no parameter of operation {name} \
                 declares it; expected a parameter with `name: {var}` and `in: path`"
            ),
        ));
    }
    Ok(())
}
