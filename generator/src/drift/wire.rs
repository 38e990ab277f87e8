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

use super::rules::code;
use super::{Change, WireRule};
use crate::Spec;

/// How deep a schema is flattened; deeper (or recursive) schemas are cut off there.
const MAX_DEPTH: usize = 32;

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
}

type Props = BTreeMap<String, Prop>;

/// Request or response, with the status for a response.
#[derive(Clone, Copy)]
enum Direction<'a> {
    Request,
    Response(&'a str),
}

/// Every wire-level difference from `from` to `to`, unsorted.
pub(super) fn compare(from: &Spec, to: &Spec) -> Vec<Change> {
    let mut compare = Compare {
        from: from.file(),
        to: to.file(),
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
        let location = format!("API {} {}", key.1, key.0);
        match (old_operations.get(key), new_operations.get(key)) {
            (Some(_), None) => compare.push(compare.from, &location, WireRule::ApiRemoved, &[]),
            (None, Some(_)) => compare.push(compare.to, &location, WireRule::EndpointAdded, &[]),
            (Some(old), Some(new)) => compare.operation(&location, old, new),
            (None, None) => {}
        }
    }
    compare.out
}

struct Compare<'a> {
    from: &'a str,
    to: &'a str,
    old: &'a OpenAPI,
    new: &'a OpenAPI,
    out: Vec<Change>,
}

/// One operation and the parameters its path item declares for all its operations.
struct Op<'a> {
    operation: &'a Operation,
    path_parameters: &'a [ReferenceOr<Parameter>],
}

/// Every operation, keyed by its path with the version segment removed and its method.
fn operations(openapi: &OpenAPI) -> BTreeMap<(String, String), Op<'_>> {
    let mut out = BTreeMap::new();
    for (path, item) in &openapi.paths.paths {
        let Some(item) = item.as_item() else { continue };
        for (method, operation) in item.iter() {
            out.insert(
                (without_version(path), method.to_uppercase()),
                Op {
                    operation,
                    path_parameters: &item.parameters,
                },
            );
        }
    }
    out
}

/// The path after its version segment: `/api/v3.1/connected_accounts/link` →
/// `/connected_accounts/link`. A path without a version segment is kept whole.
fn without_version(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').collect();
    let is_version = |s: &&str| {
        s.strip_prefix('v').is_some_and(|rest| {
            rest.starts_with(|c: char| c.is_ascii_digit())
                && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
        })
    };
    match segments.iter().position(is_version) {
        Some(index) => format!("/{}", segments[index + 1..].join("/")),
        None => path.to_owned(),
    }
}

impl Compare<'_> {
    fn push(&mut self, source: &str, location: &str, rule: WireRule, args: &[String]) {
        self.out.push(Change::wire(rule, source, location, args));
    }

    fn description(&mut self, location: &str, what: String, old: Option<&str>, new: Option<&str>) {
        if old.map(str::trim) != new.map(str::trim) {
            self.push(self.to, location, WireRule::DescriptionChanged, &[what]);
        }
    }

    fn info(&mut self) {
        let (old, new) = (
            self.old.info.description.clone(),
            self.new.info.description.clone(),
        );
        self.description("info", "the API".to_owned(), old.as_deref(), new.as_deref());
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
        let location = "components/securitySchemes";
        let names: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
        for name in names {
            match (old.get(name), new.get(name)) {
                (Some(_), None) => self.push(
                    self.from,
                    location,
                    WireRule::ApiSecurityComponentRemoved,
                    &[code(name)],
                ),
                (None, Some(_)) => self.push(
                    self.to,
                    location,
                    WireRule::ApiSecurityComponentAdded,
                    &[code(name)],
                ),
                (Some(o), Some(n)) => {
                    let (old_kind, new_kind) = (scheme_kind(o), scheme_kind(n));
                    if old_kind != new_kind {
                        self.push(
                            self.to,
                            location,
                            WireRule::ApiSecurityComponentTypeChanged,
                            &[code(name), code(old_kind), code(new_kind)],
                        );
                    } else if let (Some(old_key), Some(new_key)) = (api_key(o), api_key(n))
                        && old_key != new_key
                    {
                        self.push(
                            self.to,
                            location,
                            WireRule::ApiSecurityComponentApiKeyChanged,
                            &[code(name), code(new_key), code(old_key)],
                        );
                    }
                    self.description(
                        location,
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
        for name in old.difference(&new) {
            self.push(
                self.from,
                "security",
                WireRule::ApiGlobalSecurityRemoved,
                &[code(name)],
            );
        }
        for name in new.difference(&old) {
            self.push(
                self.to,
                "security",
                WireRule::ApiGlobalSecurityAdded,
                &[code(name)],
            );
        }
    }

    fn operation(&mut self, location: &str, old: &Op<'_>, new: &Op<'_>) {
        let (o, n) = (old.operation, new.operation);
        self.description(
            location,
            "the operation's summary".to_owned(),
            o.summary.as_deref(),
            n.summary.as_deref(),
        );
        self.description(
            location,
            "the operation".to_owned(),
            o.description.as_deref(),
            n.description.as_deref(),
        );
        self.parameters(location, old, new);
        self.request_body(location, o, n);
        self.responses(location, o, n);
        if o.security.is_some() || n.security.is_some() {
            let (old_names, new_names) = (
                security_names(o.security.as_deref()),
                security_names(n.security.as_deref()),
            );
            for name in old_names.difference(&new_names) {
                self.push(
                    self.from,
                    location,
                    WireRule::ApiSecurityRemoved,
                    &[code(name)],
                );
            }
            for name in new_names.difference(&old_names) {
                self.push(self.to, location, WireRule::ApiSecurityAdded, &[code(name)]);
            }
        }
    }

    fn parameters(&mut self, location: &str, old: &Op<'_>, new: &Op<'_>) {
        let (old_params, new_params) = (parameters(self.old, old), parameters(self.new, new));
        let keys: BTreeSet<&(String, String)> =
            old_params.keys().chain(new_params.keys()).collect();
        for key in keys {
            let (place, name) = (code(&key.0), code(&key.1));
            match (old_params.get(key), new_params.get(key)) {
                (Some(_), None) => self.push(
                    self.from,
                    location,
                    WireRule::RequestParameterRemoved,
                    &[place, name],
                ),
                (None, Some(_)) if key.0 == "path" => {
                    self.push(
                        self.to,
                        location,
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
                    self.push(self.to, location, rule, &[place, name]);
                }
                (Some(o), Some(n)) => {
                    if !o.required && n.required {
                        self.push(
                            self.to,
                            location,
                            WireRule::RequestParameterBecameRequired,
                            &[place.clone(), name.clone()],
                        );
                    } else if o.required && !n.required {
                        self.push(
                            self.to,
                            location,
                            WireRule::RequestParameterBecameOptional,
                            &[place.clone(), name.clone()],
                        );
                    }
                    for (what, before, after) in
                        [("type", &o.ty, &n.ty), ("format", &o.format, &n.format)]
                    {
                        if before != after {
                            self.push(
                                self.to,
                                location,
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
                        location,
                        format!("the {place} request parameter {name}"),
                        o.description.as_deref(),
                        n.description.as_deref(),
                    );
                }
                (None, None) => {}
            }
        }
    }

    fn request_body(&mut self, location: &str, old: &Operation, new: &Operation) {
        let (o, n) = (
            request_body(self.old, old.request_body.as_ref()),
            request_body(self.new, new.request_body.as_ref()),
        );
        match (o, n) {
            (Some(_), None) => self.push(self.from, location, WireRule::RequestBodyRemoved, &[]),
            (None, Some((body, _))) => {
                let rule = if body.required {
                    WireRule::RequestBodyAddedRequired
                } else {
                    WireRule::RequestBodyAddedOptional
                };
                self.push(self.to, location, rule, &[]);
            }
            (Some((old_body, old_props)), Some((new_body, new_props))) => {
                if !old_body.required && new_body.required {
                    self.push(self.to, location, WireRule::RequestBodyBecameRequired, &[]);
                } else if old_body.required && !new_body.required {
                    self.push(self.to, location, WireRule::RequestBodyBecameOptional, &[]);
                }
                self.description(
                    location,
                    "the request body".to_owned(),
                    old_body.description.as_deref(),
                    new_body.description.as_deref(),
                );
                self.properties(location, Direction::Request, &old_props, &new_props);
            }
            (None, None) => {}
        }
    }

    fn responses(&mut self, location: &str, old: &Operation, new: &Operation) {
        let (o, n) = (responses(self.old, old), responses(self.new, new));
        let statuses: BTreeSet<&String> = o.keys().chain(n.keys()).collect();
        for status in statuses {
            let success = status.starts_with('2');
            match (o.get(status), n.get(status)) {
                (Some(_), None) => {
                    let rule = if success {
                        WireRule::ResponseSuccessStatusRemoved
                    } else {
                        WireRule::ResponseNonSuccessStatusRemoved
                    };
                    self.push(self.from, location, rule, &[code(status)]);
                }
                (None, Some(_)) => {
                    let rule = if success {
                        WireRule::ResponseSuccessStatusAdded
                    } else {
                        WireRule::ResponseNonSuccessStatusAdded
                    };
                    self.push(self.to, location, rule, &[code(status)]);
                }
                (Some((old_description, old_props)), Some((new_description, new_props))) => {
                    self.description(
                        location,
                        format!("the response with the status {}", code(status)),
                        Some(old_description.as_str()),
                        Some(new_description.as_str()),
                    );
                    self.properties(location, Direction::Response(status), old_props, new_props);
                }
                (None, None) => {}
            }
        }
    }

    fn properties(&mut self, location: &str, direction: Direction<'_>, old: &Props, new: &Props) {
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
                    self.property_added(location, direction, key, n);
                }
                (Some(o), None) if !key.is_empty() && parent_kept => {
                    self.property_removed(location, direction, key, o);
                }
                (Some(o), Some(n)) => self.property_changed(location, direction, key, o, n),
                _ => {}
            }
        }
    }

    fn property_added(&mut self, location: &str, direction: Direction<'_>, key: &str, new: &Prop) {
        let (rule, args) = match direction {
            Direction::Request if new.required => {
                (WireRule::NewRequiredRequestProperty, vec![code(key)])
            }
            Direction::Request => (WireRule::NewOptionalRequestProperty, vec![code(key)]),
            Direction::Response(status) if new.required => (
                WireRule::ResponseRequiredPropertyAdded,
                vec![code(key), code(status)],
            ),
            Direction::Response(status) => (
                WireRule::ResponseOptionalPropertyAdded,
                vec![code(key), code(status)],
            ),
        };
        self.push(self.to, location, rule, &args);
    }

    fn property_removed(
        &mut self,
        location: &str,
        direction: Direction<'_>,
        key: &str,
        old: &Prop,
    ) {
        let (rule, args) = match direction {
            Direction::Request => (WireRule::RequestPropertyRemoved, vec![code(key)]),
            Direction::Response(status) if old.required => (
                WireRule::ResponseRequiredPropertyRemoved,
                vec![code(key), code(status)],
            ),
            Direction::Response(status) => (
                WireRule::ResponseOptionalPropertyRemoved,
                vec![code(key), code(status)],
            ),
        };
        self.push(self.from, location, rule, &args);
    }

    fn property_changed(
        &mut self,
        location: &str,
        direction: Direction<'_>,
        key: &str,
        o: &Prop,
        n: &Prop,
    ) {
        let name = code(if key.is_empty() { "(body)" } else { key });
        let mut changes: Vec<(WireRule, Vec<String>)> = Vec::new();
        let status = match direction {
            Direction::Request => None,
            Direction::Response(status) => Some(code(status)),
        };
        let with_status = |mut args: Vec<String>| {
            args.extend(status.clone());
            args
        };
        if !key.is_empty() && o.required != n.required {
            changes.push(match (direction, n.required) {
                (Direction::Request, true) => {
                    (WireRule::RequestPropertyBecameRequired, vec![name.clone()])
                }
                (Direction::Request, false) => {
                    (WireRule::RequestPropertyBecameOptional, vec![name.clone()])
                }
                (Direction::Response(_), true) => (
                    WireRule::ResponsePropertyBecameRequired,
                    with_status(vec![name.clone()]),
                ),
                (Direction::Response(_), false) => (
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
                    Direction::Response(_) => {
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
                (Direction::Response(_), None, Some(_)) => (
                    WireRule::ResponsePropertyDefaultValueAdded,
                    with_status(vec![name.clone(), show(&n.default)]),
                ),
                (Direction::Response(_), Some(_), None) => (
                    WireRule::ResponsePropertyDefaultValueRemoved,
                    with_status(vec![name.clone(), show(&o.default)]),
                ),
                (Direction::Response(_), _, _) => (
                    WireRule::ResponsePropertyDefaultValueChanged,
                    with_status(vec![name.clone(), show(&o.default), show(&n.default)]),
                ),
            });
        }
        let what = match direction {
            Direction::Request => format!("the request property {name}"),
            Direction::Response(status) => {
                format!(
                    "the response property {name} for the status {}",
                    code(status)
                )
            }
        };
        for (rule, args) in changes {
            self.push(self.to, location, rule, &args);
        }
        self.description(
            location,
            what,
            o.description.as_deref(),
            n.description.as_deref(),
        );
    }
}

/// Enum values added and removed, and enum restrictions added or dropped.
fn enum_changes(
    direction: Direction<'_>,
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
    direction: Direction<'_>,
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

struct ParamInfo {
    required: bool,
    ty: String,
    format: String,
    description: Option<String>,
}

/// The parameters of an operation (its own and its path item's), keyed by location and name.
fn parameters(openapi: &OpenAPI, op: &Op<'_>) -> BTreeMap<(String, String), ParamInfo> {
    let mut out = BTreeMap::new();
    for parameter in op.path_parameters.iter().chain(&op.operation.parameters) {
        let Some(parameter) = resolve(openapi, parameter, "#/components/parameters/", |c, n| {
            c.parameters.get(n)
        }) else {
            continue;
        };
        let (place, data) = match parameter {
            Parameter::Query { parameter_data, .. } => ("query", parameter_data),
            Parameter::Header { parameter_data, .. } => ("header", parameter_data),
            Parameter::Path { parameter_data, .. } => ("path", parameter_data),
            Parameter::Cookie { parameter_data, .. } => ("cookie", parameter_data),
        };
        let mut props = Props::new();
        if let ParameterSchemaOrContent::Schema(schema) = &data.format {
            flatten(openapi, schema, "", true, 0, &mut Vec::new(), &mut props);
        }
        let root = props.remove("").unwrap_or_default();
        out.insert(
            (place.to_owned(), data.name.clone()),
            ParamInfo {
                required: data.required,
                ty: root.ty,
                format: root.format,
                description: data.description.clone(),
            },
        );
    }
    out
}

struct BodyInfo {
    required: bool,
    description: Option<String>,
}

fn request_body(
    openapi: &OpenAPI,
    body: Option<&ReferenceOr<RequestBody>>,
) -> Option<(BodyInfo, Props)> {
    let body = resolve(openapi, body?, "#/components/requestBodies/", |c, n| {
        c.request_bodies.get(n)
    })?;
    let mut props = Props::new();
    if let Some(schema) = json_schema(&body.content) {
        flatten(openapi, schema, "", true, 0, &mut Vec::new(), &mut props);
    }
    Some((
        BodyInfo {
            required: body.required,
            description: body.description.clone(),
        },
        props,
    ))
}

/// Every response of an operation by status (`201`, `4XX`, `default`), with its description
/// and its flattened JSON body.
fn responses(openapi: &OpenAPI, operation: &Operation) -> BTreeMap<String, (String, Props)> {
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
        let Some(response) = resolve(openapi, response, "#/components/responses/", |c, n| {
            c.responses.get(n)
        }) else {
            continue;
        };
        let mut props = Props::new();
        if let Some(schema) = json_schema(&response.content) {
            flatten(openapi, schema, "", true, 0, &mut Vec::new(), &mut props);
        }
        out.insert(status, (response.description.clone(), props));
    }
    out
}

fn status_text(status: &StatusCode) -> String {
    match status {
        StatusCode::Code(code) => code.to_string(),
        StatusCode::Range(range) => format!("{range}XX"),
    }
}

fn json_schema(content: &openapiv3::Content) -> Option<&ReferenceOr<Schema>> {
    content
        .iter()
        .find(|(media, _)| media.contains("json"))
        .and_then(|(_, media)| media.schema.as_ref())
}

/// Resolves a local `$ref` to a component of the kind `prefix` names.
fn resolve<'a, T>(
    openapi: &'a OpenAPI,
    item: &'a ReferenceOr<T>,
    prefix: &str,
    lookup: impl Fn(&'a openapiv3::Components, &str) -> Option<&'a ReferenceOr<T>>,
) -> Option<&'a T> {
    match item {
        ReferenceOr::Item(item) => Some(item),
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix(prefix)?;
            match lookup(openapi.components.as_ref()?, name)? {
                ReferenceOr::Item(item) => Some(item),
                ReferenceOr::Reference { .. } => None,
            }
        }
    }
}

fn join(path: &str, segment: &str) -> String {
    if path.is_empty() {
        segment.to_owned()
    } else {
        format!("{path}/{segment}")
    }
}

/// Flattens `schema` at `path` into `out`: the property itself and, for objects and arrays,
/// every property and item under it. `stack` holds the `$ref`s being expanded, so a recursive
/// schema stops where it refers to itself.
fn flatten(
    openapi: &OpenAPI,
    schema: &ReferenceOr<Schema>,
    path: &str,
    required: bool,
    depth: usize,
    stack: &mut Vec<String>,
    out: &mut Props,
) {
    if depth > MAX_DEPTH {
        return;
    }
    match schema {
        ReferenceOr::Item(schema) => {
            flatten_schema(openapi, schema, path, required, depth, stack, out)
        }
        ReferenceOr::Reference { reference } => {
            let target = reference
                .strip_prefix("#/components/schemas/")
                .and_then(|name| openapi.components.as_ref()?.schemas.get(name));
            match target {
                Some(target) if !stack.contains(reference) => {
                    stack.push(reference.clone());
                    flatten(openapi, target, path, required, depth + 1, stack, out);
                    stack.pop();
                }
                _ => {
                    out.insert(
                        path.to_owned(),
                        Prop {
                            required,
                            ty: format!("$ref {reference}"),
                            ..Prop::default()
                        },
                    );
                }
            }
        }
    }
}

fn flatten_boxed(
    openapi: &OpenAPI,
    schema: &ReferenceOr<Box<Schema>>,
    path: &str,
    required: bool,
    depth: usize,
    stack: &mut Vec<String>,
    out: &mut Props,
) {
    match schema {
        ReferenceOr::Item(schema) => {
            flatten_schema(openapi, schema, path, required, depth, stack, out)
        }
        ReferenceOr::Reference { reference } => flatten(
            openapi,
            &ReferenceOr::Reference {
                reference: reference.clone(),
            },
            path,
            required,
            depth,
            stack,
            out,
        ),
    }
}

fn flatten_schema(
    openapi: &OpenAPI,
    schema: &Schema,
    path: &str,
    required: bool,
    depth: usize,
    stack: &mut Vec<String>,
    out: &mut Props,
) {
    let data = &schema.schema_data;
    let mut prop = Prop {
        required,
        default: data.default.as_ref().map(ToString::to_string),
        description: data.description.clone(),
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
            for part in all_of {
                let mut part_props = Props::new();
                flatten(
                    openapi,
                    part,
                    path,
                    required,
                    depth + 1,
                    stack,
                    &mut part_props,
                );
                for (key, value) in part_props {
                    match merged.get_mut(&key) {
                        Some(existing) => merge(existing, value),
                        None => {
                            merged.insert(key, value);
                        }
                    }
                }
            }
            if let Some(root) = merged.get_mut(path) {
                root.required = required;
                if prop.default.is_some() {
                    root.default = prop.default.clone();
                }
                if prop.description.is_some() {
                    root.description = prop.description.clone();
                }
            } else {
                prop.ty = "allOf".to_owned();
                merged.insert(path.to_owned(), prop);
            }
            out.extend(merged);
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
    out.insert(path.to_owned(), prop);
    for (name, child, child_required) in children {
        flatten_boxed(
            openapi,
            child,
            &join(path, name),
            child_required,
            depth + 1,
            stack,
            out,
        );
    }
    if let Some(items) = items {
        flatten_boxed(
            openapi,
            items,
            &join(path, "items"),
            true,
            depth + 1,
            stack,
            out,
        );
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
    use super::without_version;

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
