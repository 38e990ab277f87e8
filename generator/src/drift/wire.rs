//! Wire-level comparison of two OpenAPI documents, with oasdiff's rules.
//!
//! Each body schema is flattened into its properties, keyed by their `/`-separated path from
//! the body (`experimental/acl_config_for_shared/allowed_user_ids/items`, as oasdiff names
//! them), with `$ref`s resolved and `allOf` parts merged, so two documents that spell a schema
//! differently but mean the same compare equal. A property that appears or disappears is
//! reported once, not once per property under it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use openapiv3::{
    APIKeyLocation, OpenAPI, Operation, Parameter, ParameterSchemaOrContent, ReferenceOr,
    RequestBody, Schema, SchemaKind, SecurityRequirement, SecurityScheme, StatusCode, Type,
    VariantOrUnknownOrEmpty,
};

use super::change::{Change, STATUS, Site};
use super::rules::WireRule;
use super::rules::code;
use crate::Spec;
use crate::openapi::{self, MAX_DEPTH, refs::Component};
use crate::positions::NodePath;

/// What a document says about one property (or the body itself, at the empty path).
#[derive(Debug, Clone, Default, PartialEq)]
struct Prop {
    /// Required in the object that holds it (the body root and array items count as required).
    required: bool,
    ty: String,
    format: String,
    enumeration: Vec<String>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    min_items: Option<usize>,
    max_items: Option<usize>,
    default: Option<String>,
    description: Option<String>,
    /// The node that declares the property: its entry under `properties`, its `items`, or the
    /// media type's `schema` for the body.
    at: NodePath,
    /// The schema node that describes it: `at`, or where its `$ref` leads.
    def: NodePath,
}

type Props = BTreeMap<String, Prop>;

/// Request or response (the status of a response is in the change's [`Site`]).
#[derive(Clone, Copy)]
enum Direction {
    Request,
    Response,
}

/// Which of the two documents a change is placed in.
#[derive(Clone, Copy)]
enum Doc {
    /// The document compared from: for what was removed.
    Old,
    /// The document compared to: for what was added or changed.
    New,
}

/// Every wire-level difference from `from` to `to`, unsorted.
pub(super) fn compare(from: &Spec, to: &Spec) -> Vec<Change> {
    let mut compare = Compare {
        from,
        to,
        old: from.openapi(),
        new: to.openapi(),
        out: Vec::new(),
    };
    compare.info();
    compare.security_schemes();
    compare.global_security();
    let old_operations = operations(compare.old);
    let new_operations = operations(compare.new);
    let keys: BTreeSet<&(String, String)> =
        old_operations.keys().chain(new_operations.keys()).collect();
    for key in keys {
        let operation = format!("{} {}", key.1, key.0);
        let location = format!("API {operation}");
        let site = Site {
            location: &location,
            operation: Some(&operation),
            status: None,
        };
        match (old_operations.get(key), new_operations.get(key)) {
            (Some(old), None) => {
                compare.push(Doc::Old, &old.node(), site, WireRule::ApiRemoved, &[])
            }
            (None, Some(new)) => {
                compare.push(Doc::New, &new.node(), site, WireRule::EndpointAdded, &[]);
            }
            (Some(old), Some(new)) => compare.operation(site, old, new),
            (None, None) => {}
        }
    }
    compare.out
}

struct Compare<'a> {
    from: &'a Spec,
    to: &'a Spec,
    old: &'a OpenAPI,
    new: &'a OpenAPI,
    out: Vec<Change>,
}

/// One operation and the parameters its path item declares for all its operations.
struct Op<'a> {
    /// The path as the document writes it, with its version segment.
    path: &'a str,
    /// The method as the document writes it (`post`).
    method: &'a str,
    operation: &'a Operation,
    path_parameters: &'a [ReferenceOr<Parameter>],
}

impl Op<'_> {
    /// `paths.<path>`.
    fn path_item(&self) -> NodePath {
        NodePath::root().key("paths").key(self.path)
    }

    /// `paths.<path>.<method>`.
    fn node(&self) -> NodePath {
        self.path_item().key(self.method)
    }
}

/// Every operation, keyed by its path with the version segment removed and its method.
fn operations(openapi: &OpenAPI) -> BTreeMap<(String, String), Op<'_>> {
    let mut out = BTreeMap::new();
    for (path, item) in &openapi.paths.paths {
        let Some(item) = item.as_item() else { continue };
        for (method, operation) in item.iter() {
            out.insert(
                (crate::openapi::without_version(path), method.to_uppercase()),
                Op {
                    path,
                    method,
                    operation,
                    path_parameters: &item.parameters,
                },
            );
        }
    }
    out
}

impl Compare<'_> {
    fn push(&mut self, doc: Doc, node: &NodePath, site: Site<'_>, rule: WireRule, args: &[String]) {
        let spec = match doc {
            Doc::Old => self.from,
            Doc::New => self.to,
        };
        self.out.push(Change::wire(rule, spec, node, site, args));
    }

    /// A `description-changed` line when the descriptions differ; `owner` is the node in the
    /// new document whose description it is.
    fn description(
        &mut self,
        owner: &NodePath,
        site: Site<'_>,
        what: String,
        old: Option<&str>,
        new: Option<&str>,
    ) {
        self.text_changed(&owner.key("description"), site, what, old, new);
    }

    /// A `description-changed` line when two texts differ; `node` is the text in the new
    /// document (or, when it was removed, where it would be).
    fn text_changed(
        &mut self,
        node: &NodePath,
        site: Site<'_>,
        what: String,
        old: Option<&str>,
        new: Option<&str>,
    ) {
        if old.map(str::trim) != new.map(str::trim) {
            self.push(Doc::New, node, site, WireRule::DescriptionChanged, &[what]);
        }
    }

    fn info(&mut self) {
        let (old, new) = (
            self.old.info.description.clone(),
            self.new.info.description.clone(),
        );
        self.description(
            &NodePath::root().key("info"),
            Site::at("info"),
            "the API".to_owned(),
            old.as_deref(),
            new.as_deref(),
        );
    }

    fn security_schemes(&mut self) {
        let schemes = |openapi: &OpenAPI| -> BTreeMap<String, SecurityScheme> {
            openapi
                .components
                .iter()
                .flat_map(|c| c.security_schemes.iter())
                .filter_map(|(name, scheme)| Some((name.clone(), scheme.as_item()?.clone())))
                .collect()
        };
        let (old, new) = (schemes(self.old), schemes(self.new));
        let site = Site::at("components/securitySchemes");
        let names: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
        for name in names {
            let node = NodePath::root()
                .key("components")
                .key("securitySchemes")
                .key(name);
            match (old.get(name), new.get(name)) {
                (Some(_), None) => self.push(
                    Doc::Old,
                    &node,
                    site,
                    WireRule::ApiSecurityComponentRemoved,
                    &[code(name)],
                ),
                (None, Some(_)) => self.push(
                    Doc::New,
                    &node,
                    site,
                    WireRule::ApiSecurityComponentAdded,
                    &[code(name)],
                ),
                (Some(o), Some(n)) => {
                    let (old_kind, new_kind) = (scheme_kind(o), scheme_kind(n));
                    if old_kind != new_kind {
                        self.push(
                            Doc::New,
                            &node.key("type"),
                            site,
                            WireRule::ApiSecurityComponentTypeChanged,
                            &[code(name), code(old_kind), code(new_kind)],
                        );
                    } else if let (Some(old_key), Some(new_key)) = (api_key(o), api_key(n))
                        && old_key != new_key
                    {
                        self.push(
                            Doc::New,
                            &node.key("name"),
                            site,
                            WireRule::ApiSecurityComponentApiKeyChanged,
                            &[code(name), code(new_key), code(old_key)],
                        );
                    }
                    self.description(
                        &node,
                        site,
                        format!("the component security scheme {}", code(name)),
                        scheme_description(o),
                        scheme_description(n),
                    );
                }
                (None, None) => {}
            }
        }
    }

    fn global_security(&mut self) {
        let (old, new) = (
            security_names(self.old.security.as_deref()),
            security_names(self.new.security.as_deref()),
        );
        let site = Site::at("security");
        for name in old.difference(&new) {
            let node = security_node(NodePath::root(), self.old.security.as_deref(), name);
            self.push(
                Doc::Old,
                &node,
                site,
                WireRule::ApiGlobalSecurityRemoved,
                &[code(name)],
            );
        }
        for name in new.difference(&old) {
            let node = security_node(NodePath::root(), self.new.security.as_deref(), name);
            self.push(
                Doc::New,
                &node,
                site,
                WireRule::ApiGlobalSecurityAdded,
                &[code(name)],
            );
        }
    }

    fn operation(&mut self, site: Site<'_>, old: &Op<'_>, new: &Op<'_>) {
        let (o, n) = (old.operation, new.operation);
        let node = new.node();
        self.text_changed(
            &node.key("summary"),
            site,
            "the operation's summary".to_owned(),
            o.summary.as_deref(),
            n.summary.as_deref(),
        );
        self.description(
            &node,
            site,
            "the operation".to_owned(),
            o.description.as_deref(),
            n.description.as_deref(),
        );
        self.parameters(site, old, new);
        self.request_body(site, old, new);
        self.responses(site, old, new);
        if o.security.is_some() || n.security.is_some() {
            let (old_names, new_names) = (
                security_names(o.security.as_deref()),
                security_names(n.security.as_deref()),
            );
            for name in old_names.difference(&new_names) {
                let at = security_node(old.node(), o.security.as_deref(), name);
                self.push(
                    Doc::Old,
                    &at,
                    site,
                    WireRule::ApiSecurityRemoved,
                    &[code(name)],
                );
            }
            for name in new_names.difference(&old_names) {
                let at = security_node(node.clone(), n.security.as_deref(), name);
                self.push(
                    Doc::New,
                    &at,
                    site,
                    WireRule::ApiSecurityAdded,
                    &[code(name)],
                );
            }
        }
    }

    fn parameters(&mut self, site: Site<'_>, old: &Op<'_>, new: &Op<'_>) {
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

    fn request_body(&mut self, site: Site<'_>, old: &Op<'_>, new: &Op<'_>) {
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

    fn responses(&mut self, site: Site<'_>, old: &Op<'_>, new: &Op<'_>) {
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

    fn properties(&mut self, site: Site<'_>, direction: Direction, old: &Props, new: &Props) {
        let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
        for key in keys {
            let parent = key.rsplit_once('/').map_or("", |(parent, _)| parent);
            // A property under a parent that appeared, disappeared or changed its type is
            // covered by the parent's own line (an object that became an `anyOf` loses all its
            // properties at once: one change, not one per property).
            let parent_kept = match (old.get(parent), new.get(parent)) {
                (Some(o), Some(n)) => o.ty == n.ty,
                _ => false,
            };
            match (old.get(key), new.get(key)) {
                (None, Some(n)) if !key.is_empty() && parent_kept => {
                    self.property_added(site, direction, key, n);
                }
                (Some(o), None) if !key.is_empty() && parent_kept => {
                    self.property_removed(site, direction, key, o);
                }
                (Some(o), Some(n)) => self.property_changed(site, direction, key, o, n),
                _ => {}
            }
        }
    }

    fn property_added(&mut self, site: Site<'_>, direction: Direction, key: &str, new: &Prop) {
        let (rule, args) = match direction {
            Direction::Request if new.required => {
                (WireRule::NewRequiredRequestProperty, vec![code(key)])
            }
            Direction::Request => (WireRule::NewOptionalRequestProperty, vec![code(key)]),
            Direction::Response if new.required => (
                WireRule::ResponseRequiredPropertyAdded,
                vec![code(key), STATUS.to_owned()],
            ),
            Direction::Response => (
                WireRule::ResponseOptionalPropertyAdded,
                vec![code(key), STATUS.to_owned()],
            ),
        };
        self.push(Doc::New, &new.at, site, rule, &args);
    }

    fn property_removed(&mut self, site: Site<'_>, direction: Direction, key: &str, old: &Prop) {
        let (rule, args) = match direction {
            Direction::Request => (WireRule::RequestPropertyRemoved, vec![code(key)]),
            Direction::Response if old.required => (
                WireRule::ResponseRequiredPropertyRemoved,
                vec![code(key), STATUS.to_owned()],
            ),
            Direction::Response => (
                WireRule::ResponseOptionalPropertyRemoved,
                vec![code(key), STATUS.to_owned()],
            ),
        };
        self.push(Doc::Old, &old.at, site, rule, &args);
    }

    fn property_changed(
        &mut self,
        site: Site<'_>,
        direction: Direction,
        key: &str,
        o: &Prop,
        n: &Prop,
    ) {
        let name = code(if key.is_empty() { "(body)" } else { key });
        let mut changes: Vec<(WireRule, Vec<String>)> = Vec::new();
        let status = match direction {
            Direction::Request => None,
            Direction::Response => Some(STATUS.to_owned()),
        };
        let with_status = |mut args: Vec<String>| {
            args.extend(status.clone());
            args
        };
        // Whether a property is required is said in the object that holds it: the change is
        // placed at the property's entry there.
        let mut required_change = None;
        if !key.is_empty() && o.required != n.required {
            required_change = Some(match (direction, n.required) {
                (Direction::Request, true) => {
                    (WireRule::RequestPropertyBecameRequired, vec![name.clone()])
                }
                (Direction::Request, false) => {
                    (WireRule::RequestPropertyBecameOptional, vec![name.clone()])
                }
                (Direction::Response, true) => (
                    WireRule::ResponsePropertyBecameRequired,
                    with_status(vec![name.clone()]),
                ),
                (Direction::Response, false) => (
                    WireRule::ResponsePropertyBecameOptional,
                    with_status(vec![name.clone()]),
                ),
            });
        }
        for (what, before, after) in [("type", &o.ty, &n.ty), ("format", &o.format, &n.format)] {
            if before != after {
                let args = vec![
                    name.clone(),
                    code(what),
                    code(or_none(before)),
                    code(or_none(after)),
                ];
                changes.push(match direction {
                    Direction::Request => (WireRule::RequestPropertyTypeChanged, args),
                    Direction::Response => {
                        (WireRule::ResponsePropertyTypeChanged, with_status(args))
                    }
                });
            }
        }
        changes.extend(enum_changes(direction, &name, o, n, &with_status));
        changes.extend(limit_changes(direction, &name, o, n, &with_status));
        if o.default != n.default {
            let show = |v: &Option<String>| code(v.as_deref().unwrap_or("none"));
            changes.push(match (direction, &o.default, &n.default) {
                (Direction::Request, None, Some(_)) => (
                    WireRule::RequestPropertyDefaultValueAdded,
                    vec![name.clone(), show(&n.default)],
                ),
                (Direction::Request, Some(_), None) => (
                    WireRule::RequestPropertyDefaultValueRemoved,
                    vec![name.clone(), show(&o.default)],
                ),
                (Direction::Request, _, _) => (
                    WireRule::RequestPropertyDefaultValueChanged,
                    vec![name.clone(), show(&o.default), show(&n.default)],
                ),
                (Direction::Response, None, Some(_)) => (
                    WireRule::ResponsePropertyDefaultValueAdded,
                    with_status(vec![name.clone(), show(&n.default)]),
                ),
                (Direction::Response, Some(_), None) => (
                    WireRule::ResponsePropertyDefaultValueRemoved,
                    with_status(vec![name.clone(), show(&o.default)]),
                ),
                (Direction::Response, _, _) => (
                    WireRule::ResponsePropertyDefaultValueChanged,
                    with_status(vec![name.clone(), show(&o.default), show(&n.default)]),
                ),
            });
        }
        let what = match direction {
            Direction::Request => format!("the request property {name}"),
            Direction::Response => {
                format!("the response property {name} for the status {STATUS}")
            }
        };
        if let Some((rule, args)) = required_change {
            self.push(Doc::New, &n.at, site, rule, &args);
        }
        for (rule, args) in changes {
            self.push(Doc::New, &n.def, site, rule, &args);
        }
        self.description(
            &n.def,
            site,
            what,
            o.description.as_deref(),
            n.description.as_deref(),
        );
    }
}

/// The node of the security requirement that names `name` in `requirements` under `owner`
/// (the document root or an operation), or `owner.security` when none does.
fn security_node(
    owner: NodePath,
    requirements: Option<&[SecurityRequirement]>,
    name: &str,
) -> NodePath {
    let list = owner.key("security");
    match requirements
        .unwrap_or_default()
        .iter()
        .position(|r| r.contains_key(name))
    {
        Some(index) => list.index(index).key(name),
        None => list,
    }
}

/// Enum values added and removed, and enum restrictions added or dropped.
fn enum_changes(
    direction: Direction,
    name: &str,
    o: &Prop,
    n: &Prop,
    with_status: &dyn Fn(Vec<String>) -> Vec<String>,
) -> Vec<(WireRule, Vec<String>)> {
    let request = matches!(direction, Direction::Request);
    let mut out = Vec::new();
    match (o.enumeration.is_empty(), n.enumeration.is_empty()) {
        (true, false) if request => {
            out.push((WireRule::RequestPropertyBecameEnum, vec![name.to_owned()]));
        }
        (true, false) => out.push((
            WireRule::ResponsePropertyBecameEnum,
            with_status(vec![name.to_owned()]),
        )),
        (false, true) if request => out.push((
            WireRule::RequestPropertyEnumRestrictionRemoved,
            vec![name.to_owned()],
        )),
        (false, true) => out.push((
            WireRule::ResponsePropertyEnumRestrictionRemoved,
            with_status(vec![name.to_owned()]),
        )),
        (false, false) => {
            for value in n.enumeration.iter().filter(|v| !o.enumeration.contains(v)) {
                out.push(if request {
                    (
                        WireRule::RequestPropertyEnumValueAdded,
                        vec![code(value), name.to_owned()],
                    )
                } else {
                    (
                        WireRule::ResponsePropertyEnumValueAdded,
                        with_status(vec![code(value), name.to_owned()]),
                    )
                });
            }
            for value in o.enumeration.iter().filter(|v| !n.enumeration.contains(v)) {
                out.push(if request {
                    (
                        WireRule::RequestPropertyEnumValueRemoved,
                        vec![code(value), name.to_owned()],
                    )
                } else {
                    (
                        WireRule::ResponsePropertyEnumValueRemoved,
                        with_status(vec![code(value), name.to_owned()]),
                    )
                });
            }
        }
        (true, true) => {}
    }
    out
}

/// Changes of `minLength`, `maxLength`, `minItems` and `maxItems`. A missing minimum counts as
/// 0 and a missing maximum as unbounded.
fn limit_changes(
    direction: Direction,
    name: &str,
    o: &Prop,
    n: &Prop,
    with_status: &dyn Fn(Vec<String>) -> Vec<String>,
) -> Vec<(WireRule, Vec<String>)> {
    let request = matches!(direction, Direction::Request);
    let bound = |v: Option<usize>| code(v.map_or_else(|| "none".to_owned(), |v| v.to_string()));
    let low = |v: Option<usize>| code(v.unwrap_or(0));
    let name = name.to_owned();
    let mut out = Vec::new();
    // maxLength
    match (o.max_length, n.max_length) {
        (a, b) if a == b => {}
        (None, Some(b)) if request => out.push((
            WireRule::RequestPropertyMaxLengthSet,
            vec![name.clone(), code(b)],
        )),
        (Some(a), Some(b)) if request && b < a => out.push((
            WireRule::RequestPropertyMaxLengthDecreased,
            vec![name.clone(), code(b)],
        )),
        (a, b) if request => out.push((
            WireRule::RequestPropertyMaxLengthIncreased,
            vec![name.clone(), bound(a), bound(b)],
        )),
        (Some(a), None) => out.push((
            WireRule::ResponsePropertyMaxLengthUnset,
            with_status(vec![name.clone(), code(a)]),
        )),
        (Some(a), Some(b)) if b > a => out.push((
            WireRule::ResponsePropertyMaxLengthIncreased,
            with_status(vec![name.clone(), code(a), code(b)]),
        )),
        (a, b) => out.push((
            WireRule::ResponsePropertyMaxLengthDecreased,
            with_status(vec![name.clone(), bound(a), bound(b)]),
        )),
    }
    // minLength
    let (a, b) = (o.min_length.unwrap_or(0), n.min_length.unwrap_or(0));
    if a != b {
        out.push(match (request, b > a) {
            (true, true) => (
                WireRule::RequestPropertyMinLengthIncreased,
                vec![name.clone(), low(o.min_length), low(n.min_length)],
            ),
            (true, false) => (
                WireRule::RequestPropertyMinLengthDecreased,
                vec![name.clone(), low(o.min_length), low(n.min_length)],
            ),
            (false, true) => (
                WireRule::ResponsePropertyMinLengthIncreased,
                with_status(vec![name.clone(), low(o.min_length), low(n.min_length)]),
            ),
            (false, false) => (
                WireRule::ResponsePropertyMinLengthDecreased,
                with_status(vec![name.clone(), low(o.min_length), low(n.min_length)]),
            ),
        });
    }
    // maxItems
    if o.max_items != n.max_items {
        let tighter = match (o.max_items, n.max_items) {
            (None, Some(_)) => true,
            (Some(a), Some(b)) => b < a,
            _ => false,
        };
        out.push(match (request, tighter) {
            (true, true) => (
                WireRule::RequestPropertyMaxItemsDecreased,
                vec![name.clone(), bound(o.max_items), bound(n.max_items)],
            ),
            (true, false) => (
                WireRule::RequestPropertyMaxItemsIncreased,
                vec![name.clone(), bound(o.max_items), bound(n.max_items)],
            ),
            (false, _) => (
                WireRule::ResponsePropertyItemsLimitChanged,
                with_status(vec![
                    name.clone(),
                    code("maxItems"),
                    bound(o.max_items),
                    bound(n.max_items),
                ]),
            ),
        });
    }
    // minItems
    if o.min_items.unwrap_or(0) != n.min_items.unwrap_or(0) {
        let (a, b) = (o.min_items.unwrap_or(0), n.min_items.unwrap_or(0));
        out.push(match (request, o.min_items, b > a) {
            (true, None, _) => (
                WireRule::RequestPropertyMinItemsSet,
                vec![name.clone(), code(b)],
            ),
            (true, Some(_), true) => (
                WireRule::RequestPropertyMinItemsIncreased,
                vec![name.clone(), code(b)],
            ),
            (true, Some(_), false) => (
                WireRule::RequestPropertyMinItemsDecreased,
                vec![name.clone(), code(a), code(b)],
            ),
            (false, _, _) => (
                WireRule::ResponsePropertyItemsLimitChanged,
                with_status(vec![name.clone(), code("minItems"), code(a), code(b)]),
            ),
        });
    }
    out
}

fn or_none(text: &str) -> &str {
    if text.is_empty() { "none" } else { text }
}

// ----- reading the documents -----------------------------------------------------------------

/// The schema node of the request body property at `key` (`/`-separated, `items` for an
/// array's items, empty for the body) of the operation `operation_id`.
pub(super) fn request_property(
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
    let all = operation
        .responses
        .responses
        .iter()
        .map(|(status, response)| (status_text(status), response))
        .chain(
            operation
                .responses
                .default
                .iter()
                .map(|response| ("default".to_owned(), response)),
        );
    for (status, response) in all {
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

fn status_text(status: &StatusCode) -> String {
    match status {
        StatusCode::Code(code) => code.to_string(),
        StatusCode::Range(range) => format!("{range}XX"),
    }
}

/// The first JSON media type of `content` with a schema: its name and the schema.
fn json_schema(content: &openapiv3::Content) -> Option<(&str, &ReferenceOr<Schema>)> {
    let (media, entry) = openapi::json_media(content)?;
    Some((media, entry.schema.as_ref()?))
}

/// Resolves a local `$ref` to a component, returning it with the node that defines it: `at`
/// for an inline item, the component for a reference.
fn resolve<'a, T: Component>(
    openapi: &'a OpenAPI,
    item: &'a ReferenceOr<T>,
    at: &NodePath,
) -> Option<(&'a T, NodePath)> {
    let (item, name) = openapi::refs::resolve_named(openapi, item)?;
    let node = match name {
        Some(name) => NodePath::root().key("components").key(T::SECTION).key(name),
        None => at.clone(),
    };
    Some((item, node))
}

fn join(path: &str, segment: &str) -> String {
    if path.is_empty() {
        segment.to_owned()
    } else {
        format!("{path}/{segment}")
    }
}

/// The flattened properties of the body schema at `node`: the body itself at the empty key
/// and, for objects and arrays, every property and item under it.
fn flatten(openapi: &OpenAPI, schema: &ReferenceOr<Schema>, node: &NodePath) -> Props {
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
    required: bool,
    at: &'s NodePath,
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
                let node = NodePath::root().key("components").key("schemas").key(name);
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
        let mut children: Vec<(&String, &ReferenceOr<Box<Schema>>, bool)> = Vec::new();
        let mut items: Option<&ReferenceOr<Box<Schema>>> = None;
        match &schema.schema_kind {
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
                children = o
                    .properties
                    .iter()
                    .map(|(name, s)| (name, s, o.required.contains(name)))
                    .collect();
            }
            SchemaKind::Type(Type::Array(a)) => {
                prop.ty = "array".to_owned();
                prop.min_items = a.min_items;
                prop.max_items = a.max_items;
                items = a.items.as_ref();
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
                children = any
                    .properties
                    .iter()
                    .map(|(name, s)| (name, s, any.required.contains(name)))
                    .collect();
                items = any.items.as_ref();
            }
            SchemaKind::AllOf { all_of } => {
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
                return;
            }
            SchemaKind::OneOf { one_of } => {
                prop.ty = format!("oneOf({})", one_of.len());
            }
            SchemaKind::AnyOf { any_of } => {
                prop.ty = format!("anyOf({})", any_of.len());
            }
            SchemaKind::Not { .. } => prop.ty = "not".to_owned(),
        }
        self.out.insert(slot.key.to_owned(), prop);
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

fn scheme_kind(scheme: &SecurityScheme) -> &'static str {
    match scheme {
        SecurityScheme::APIKey { .. } => "apiKey",
        SecurityScheme::HTTP { .. } => "http",
        SecurityScheme::OAuth2 { .. } => "oauth2",
        SecurityScheme::OpenIDConnect { .. } => "openIdConnect",
    }
}

/// Where an API-key scheme takes its key from: `header x-api-key`.
fn api_key(scheme: &SecurityScheme) -> Option<String> {
    match scheme {
        SecurityScheme::APIKey { location, name, .. } => {
            let place = match location {
                APIKeyLocation::Query => "query",
                APIKeyLocation::Header => "header",
                APIKeyLocation::Cookie => "cookie",
            };
            Some(format!("{place} {name}"))
        }
        _ => None,
    }
}

fn scheme_description(scheme: &SecurityScheme) -> Option<&str> {
    match scheme {
        SecurityScheme::APIKey { description, .. }
        | SecurityScheme::HTTP { description, .. }
        | SecurityScheme::OAuth2 { description, .. }
        | SecurityScheme::OpenIDConnect { description, .. } => description.as_deref(),
    }
}

fn security_names(requirements: Option<&[SecurityRequirement]>) -> BTreeSet<String> {
    requirements
        .unwrap_or_default()
        .iter()
        .flat_map(|r| r.keys().cloned())
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::openapi::without_version;

    #[test]
    fn paths_are_matched_after_their_version_segment() {
        assert_eq!(
            without_version("/api/v3.1/tool_router/session/{session_id}/link"),
            "/tool_router/session/{session_id}/link"
        );
        assert_eq!(
            without_version("/api/v3/connected_accounts/link"),
            "/connected_accounts/link"
        );
        assert_eq!(without_version("/v1/widgets"), "/widgets");
        assert_eq!(without_version("/api/vendors/list"), "/api/vendors/list");
        assert_eq!(without_version("/api/v/list"), "/api/v/list");
    }
}
