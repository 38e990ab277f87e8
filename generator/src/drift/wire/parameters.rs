//! Comparing the parameters of an operation (its own and its path item's), matched by
//! location and name: added, removed, made required or optional, of another type or format.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, Parameter, ParameterSchemaOrContent};

use super::compare::{Compare, Doc, or_none};
use super::flatten::{Props, flatten};
use super::matching::Op;
use super::resolve::resolve;
use crate::document::NodePath;
use crate::drift::change::Site;
use crate::drift::rules::{WireRule, code};

impl Compare<'_> {
    /// The parameters of an operation both documents have.
    pub(super) fn parameters(&mut self, site: Site<'_>, old: &Op<'_>, new: &Op<'_>) {
        let (old_params, new_params) = (parameters(self.old, old), parameters(self.new, new));
        let keys: BTreeSet<&(String, String)> =
            old_params.keys().chain(new_params.keys()).collect();
        for key in keys {
            let (place, name) = (code(&key.0), code(&key.1));
            match (old_params.get(key), new_params.get(key)) {
                (Some(o), None) => self.push(
                    Doc::Old,
                    &o.at,
                    site,
                    WireRule::RequestParameterRemoved,
                    &[place, name],
                ),
                (None, Some(p)) if key.0 == "path" => {
                    self.push(
                        Doc::New,
                        &p.at,
                        site,
                        WireRule::NewRequestPathParameter,
                        &[name],
                    );
                }
                (None, Some(p)) => {
                    let rule = if p.required {
                        WireRule::NewRequiredRequestParameter
                    } else {
                        WireRule::NewOptionalRequestParameter
                    };
                    self.push(Doc::New, &p.at, site, rule, &[place, name]);
                }
                (Some(o), Some(n)) => {
                    if !o.required && n.required {
                        self.push(
                            Doc::New,
                            &n.def,
                            site,
                            WireRule::RequestParameterBecameRequired,
                            &[place.clone(), name.clone()],
                        );
                    } else if o.required && !n.required {
                        self.push(
                            Doc::New,
                            &n.def,
                            site,
                            WireRule::RequestParameterBecameOptional,
                            &[place.clone(), name.clone()],
                        );
                    }
                    for (what, before, after) in
                        [("type", &o.ty, &n.ty), ("format", &o.format, &n.format)]
                    {
                        if before != after {
                            self.push(
                                Doc::New,
                                &n.def,
                                site,
                                WireRule::RequestParameterTypeChanged,
                                &[
                                    place.clone(),
                                    name.clone(),
                                    what.to_owned(),
                                    code(or_none(before)),
                                    code(or_none(after)),
                                ],
                            );
                        }
                    }
                    self.description(
                        &n.def,
                        site,
                        format!("the {place} request parameter {name}"),
                        o.description.as_deref(),
                        n.description.as_deref(),
                    );
                }
                (None, None) => {}
            }
        }
    }
}

/// What a document says about one parameter.
struct ParamInfo {
    required: bool,
    ty: String,
    format: String,
    description: Option<String>,
    /// The parameter's entry in its `parameters` list.
    at: NodePath,
    /// Where it is defined: `at`, or the component its `$ref` names.
    def: NodePath,
}

/// The parameters of an operation (its own and its path item's), keyed by location and name.
fn parameters(openapi: &OpenAPI, op: &Op<'_>) -> BTreeMap<(String, String), ParamInfo> {
    let mut out = BTreeMap::new();
    let path_level = op
        .path_parameters
        .iter()
        .enumerate()
        .map(|(i, p)| (p, op.path_item().key("parameters").index(i)));
    let own = op
        .operation
        .parameters
        .iter()
        .enumerate()
        .map(|(i, p)| (p, op.node().key("parameters").index(i)));
    for (parameter, at) in path_level.chain(own) {
        let Some((parameter, def)) = resolve(openapi, parameter, &at) else {
            continue;
        };
        let (place, data) = match parameter {
            Parameter::Query { parameter_data, .. } => ("query", parameter_data),
            Parameter::Header { parameter_data, .. } => ("header", parameter_data),
            Parameter::Path { parameter_data, .. } => ("path", parameter_data),
            Parameter::Cookie { parameter_data, .. } => ("cookie", parameter_data),
        };
        let mut props = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                flatten(openapi, schema, &def.key("schema"))
            }
            ParameterSchemaOrContent::Content(_) => Props::new(),
        };
        let root = props.remove("").unwrap_or_default();
        out.insert(
            (place.to_owned(), data.name.clone()),
            ParamInfo {
                required: data.required,
                ty: root.ty,
                format: root.format,
                description: data.description.clone(),
                at,
                def,
            },
        );
    }
    out
}
