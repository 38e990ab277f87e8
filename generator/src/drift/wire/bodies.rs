//! Comparing the request body and the responses of an operation: a body added, removed or
//! made required, a response status added or removed, and the properties of each JSON body
//! (see [`super::properties`]).

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, Operation, ReferenceOr, RequestBody, Schema};

use super::compare::{Compare, Direction, Doc};
use super::flatten::{Props, flatten};
use super::matching::{Op, operations};
use super::resolve::resolve;
use crate::document::NodePath;
use crate::drift::change::{STATUS, Site};
use crate::drift::rules::WireRule;
use crate::openapi;

impl Compare<'_> {
    /// The request body of an operation both documents have.
    pub(super) fn request_body(&mut self, site: Site<'_>, old: &Op<'_>, new: &Op<'_>) {
        let (o, n) = (
            request_body(self.old, old.operation.request_body.as_ref(), old.node()),
            request_body(self.new, new.operation.request_body.as_ref(), new.node()),
        );
        match (o, n) {
            (Some((old_body, _)), None) => self.push(
                Doc::Old,
                &old_body.at,
                site,
                WireRule::RequestBodyRemoved,
                &[],
            ),
            (None, Some((body, _))) => {
                let rule = if body.required {
                    WireRule::RequestBodyAddedRequired
                } else {
                    WireRule::RequestBodyAddedOptional
                };
                self.push(Doc::New, &body.at, site, rule, &[]);
            }
            (Some((old_body, old_props)), Some((new_body, new_props))) => {
                if !old_body.required && new_body.required {
                    self.push(
                        Doc::New,
                        &new_body.def,
                        site,
                        WireRule::RequestBodyBecameRequired,
                        &[],
                    );
                } else if old_body.required && !new_body.required {
                    self.push(
                        Doc::New,
                        &new_body.def,
                        site,
                        WireRule::RequestBodyBecameOptional,
                        &[],
                    );
                }
                self.description(
                    &new_body.def,
                    site,
                    "the request body".to_owned(),
                    old_body.description.as_deref(),
                    new_body.description.as_deref(),
                );
                self.properties(site, Direction::Request, &old_props, &new_props);
            }
            (None, None) => {}
        }
    }

    /// The responses of an operation both documents have, matched by status.
    pub(super) fn responses(&mut self, site: Site<'_>, old: &Op<'_>, new: &Op<'_>) {
        let (o, n) = (
            responses(self.old, old.operation, &old.node()),
            responses(self.new, new.operation, &new.node()),
        );
        let statuses: BTreeSet<&String> = o.keys().chain(n.keys()).collect();
        for status in statuses {
            let success = status.starts_with('2');
            let site = site.with_status(status);
            match (o.get(status), n.get(status)) {
                (Some(old_response), None) => {
                    let rule = if success {
                        WireRule::ResponseSuccessStatusRemoved
                    } else {
                        WireRule::ResponseNonSuccessStatusRemoved
                    };
                    self.push(Doc::Old, &old_response.at, site, rule, &[STATUS.to_owned()]);
                }
                (None, Some(new_response)) => {
                    let rule = if success {
                        WireRule::ResponseSuccessStatusAdded
                    } else {
                        WireRule::ResponseNonSuccessStatusAdded
                    };
                    self.push(Doc::New, &new_response.at, site, rule, &[STATUS.to_owned()]);
                }
                (Some(old_response), Some(new_response)) => {
                    self.description(
                        &new_response.def,
                        site,
                        format!("the response with the status {STATUS}"),
                        Some(old_response.description.as_str()),
                        Some(new_response.description.as_str()),
                    );
                    self.properties(
                        site,
                        Direction::Response,
                        &old_response.props,
                        &new_response.props,
                    );
                }
                (None, None) => {}
            }
        }
    }
}

/// The schema node of the request body property at `key` (`/`-separated, `items` for an
/// array's items, empty for the body) of the operation `operation_id`.
pub(in crate::drift) fn request_property(
    openapi: &OpenAPI,
    operation_id: &str,
    key: &str,
) -> Option<NodePath> {
    let op = operations(openapi)
        .into_values()
        .find(|op| op.operation.operation_id.as_deref() == Some(operation_id))?;
    let (_, props) = request_body(openapi, op.operation.request_body.as_ref(), op.node())?;
    props.get(key).map(|prop| prop.def.clone())
}

/// What a document says about a request body.
struct BodyInfo {
    required: bool,
    description: Option<String>,
    /// The operation's `requestBody`.
    at: NodePath,
    /// Where it is defined: `at`, or the component its `$ref` names.
    def: NodePath,
}

/// The request body of the operation at `operation` and its flattened JSON schema.
fn request_body(
    openapi: &OpenAPI,
    body: Option<&ReferenceOr<RequestBody>>,
    operation: NodePath,
) -> Option<(BodyInfo, Props)> {
    let at = operation.key("requestBody");
    let (body, def) = resolve(openapi, body?, &at)?;
    let props = match json_schema(&body.content) {
        Some((media, schema)) => {
            let node = def.key("content").key(media).key("schema");
            flatten(openapi, schema, &node)
        }
        None => Props::new(),
    };
    Some((
        BodyInfo {
            required: body.required,
            description: body.description.clone(),
            at,
            def,
        },
        props,
    ))
}

/// One response of an operation.
struct ResponseInfo {
    description: String,
    /// Its entry under `responses`.
    at: NodePath,
    /// Where it is defined: `at`, or the component its `$ref` names.
    def: NodePath,
    /// Its flattened JSON body.
    props: Props,
}

/// Every response of the operation at `node` by status (`201`, `4XX`, `default`), with its
/// description and its flattened JSON body.
fn responses(
    openapi: &OpenAPI,
    operation: &Operation,
    node: &NodePath,
) -> BTreeMap<String, ResponseInfo> {
    let mut out = BTreeMap::new();
    for (_, status, response) in openapi::responses(operation) {
        let at = node.key("responses").key(&status);
        let Some((response, def)) = resolve(openapi, response, &at) else {
            continue;
        };
        let props = match json_schema(&response.content) {
            Some((media, schema)) => {
                let node = def.key("content").key(media).key("schema");
                flatten(openapi, schema, &node)
            }
            None => Props::new(),
        };
        out.insert(
            status,
            ResponseInfo {
                description: response.description.clone(),
                at,
                def,
                props,
            },
        );
    }
    out
}

/// The first JSON media type of `content` (`application/json` or a `+json` type) with a
/// schema: its name and the schema.
fn json_schema(content: &openapiv3::Content) -> Option<(&str, &ReferenceOr<Schema>)> {
    let (media, entry) = openapi::any_json_media(content)?;
    Some((media, entry.schema.as_ref()?))
}
