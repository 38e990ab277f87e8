//! Comparing the flattened properties of two JSON bodies: a property added or removed (once,
//! not once per property under it), made required or optional, or changed in type, format,
//! enum values, limits (see [`super::limits`]), default or description.

use std::collections::BTreeSet;

use super::compare::{Compare, Direction, Doc, or_none, with_status};
use super::flatten::{Prop, Props};
use super::limits::limit_changes;
use crate::drift::change::{STATUS, Site};
use crate::drift::rules::{WireRule, code};

impl Compare<'_> {
    /// Every property of a request or response body, matched by its path.
    pub(super) fn properties(
        &mut self,
        site: Site<'_>,
        direction: Direction,
        old: &Props,
        new: &Props,
    ) {
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

    /// A property only the new body has (its parent being in both with the same type).
    fn property_added(&mut self, site: Site<'_>, direction: Direction, key: &str, new: &Prop) {
        let (rule, args) = match direction {
            Direction::Request if new.required => {
                (WireRule::NewRequiredRequestProperty, vec![code(key)])
            }
            Direction::Request => (WireRule::NewOptionalRequestProperty, vec![code(key)]),
            Direction::Response if new.required => (
                WireRule::ResponseRequiredPropertyAdded,
                with_status(vec![code(key)]),
            ),
            Direction::Response => (
                WireRule::ResponseOptionalPropertyAdded,
                with_status(vec![code(key)]),
            ),
        };
        self.push(Doc::New, &new.at, site, rule, &args);
    }

    /// A property only the old body has (its parent being in both with the same type).
    fn property_removed(&mut self, site: Site<'_>, direction: Direction, key: &str, old: &Prop) {
        let (rule, args) = match direction {
            Direction::Request => (WireRule::RequestPropertyRemoved, vec![code(key)]),
            Direction::Response if old.required => (
                WireRule::ResponseRequiredPropertyRemoved,
                with_status(vec![code(key)]),
            ),
            Direction::Response => (
                WireRule::ResponseOptionalPropertyRemoved,
                with_status(vec![code(key)]),
            ),
        };
        self.push(Doc::Old, &old.at, site, rule, &args);
    }

    /// A property both bodies have: its required-ness (placed on its entry in the object that
    /// holds it), then its type, format, enum values, limits and default (placed on its
    /// schema), then its description.
    fn property_changed(
        &mut self,
        site: Site<'_>,
        direction: Direction,
        key: &str,
        o: &Prop,
        n: &Prop,
    ) {
        let name = code(if key.is_empty() { "(body)" } else { key });
        if !key.is_empty() && o.required != n.required {
            let (rule, args) = required_change(direction, &name, n.required);
            self.push(Doc::New, &n.at, site, rule, &args);
        }
        let mut changes = type_changes(direction, &name, o, n);
        changes.extend(enum_changes(direction, &name, o, n));
        changes.extend(limit_changes(direction, &name, o, n));
        changes.extend(default_change(direction, &name, o, n));
        for (rule, args) in changes {
            self.push(Doc::New, &n.def, site, rule, &args);
        }
        let what = match direction {
            Direction::Request => format!("the request property {name}"),
            Direction::Response => {
                format!("the response property {name} for the status {STATUS}")
            }
        };
        self.description(
            &n.def,
            site,
            what,
            o.description.as_deref(),
            n.description.as_deref(),
        );
    }
}

/// A property that became required (`required`) or optional.
fn required_change(direction: Direction, name: &str, required: bool) -> (WireRule, Vec<String>) {
    let name = name.to_owned();
    match (direction, required) {
        (Direction::Request, true) => (WireRule::RequestPropertyBecameRequired, vec![name]),
        (Direction::Request, false) => (WireRule::RequestPropertyBecameOptional, vec![name]),
        (Direction::Response, true) => (
            WireRule::ResponsePropertyBecameRequired,
            with_status(vec![name]),
        ),
        (Direction::Response, false) => (
            WireRule::ResponsePropertyBecameOptional,
            with_status(vec![name]),
        ),
    }
}

/// A changed type or format.
fn type_changes(
    direction: Direction,
    name: &str,
    o: &Prop,
    n: &Prop,
) -> Vec<(WireRule, Vec<String>)> {
    let mut out = Vec::new();
    for (what, before, after) in [("type", &o.ty, &n.ty), ("format", &o.format, &n.format)] {
        if before != after {
            let args = vec![
                name.to_owned(),
                code(what),
                code(or_none(before)),
                code(or_none(after)),
            ];
            out.push(match direction {
                Direction::Request => (WireRule::RequestPropertyTypeChanged, args),
                Direction::Response => (WireRule::ResponsePropertyTypeChanged, with_status(args)),
            });
        }
    }
    out
}

/// A default value added, removed or changed.
fn default_change(
    direction: Direction,
    name: &str,
    o: &Prop,
    n: &Prop,
) -> Option<(WireRule, Vec<String>)> {
    if o.default == n.default {
        return None;
    }
    let show = |v: &Option<String>| code(v.as_deref().unwrap_or("none"));
    let name = name.to_owned();
    Some(match (direction, &o.default, &n.default) {
        (Direction::Request, None, Some(_)) => (
            WireRule::RequestPropertyDefaultValueAdded,
            vec![name, show(&n.default)],
        ),
        (Direction::Request, Some(_), None) => (
            WireRule::RequestPropertyDefaultValueRemoved,
            vec![name, show(&o.default)],
        ),
        (Direction::Request, _, _) => (
            WireRule::RequestPropertyDefaultValueChanged,
            vec![name, show(&o.default), show(&n.default)],
        ),
        (Direction::Response, None, Some(_)) => (
            WireRule::ResponsePropertyDefaultValueAdded,
            with_status(vec![name, show(&n.default)]),
        ),
        (Direction::Response, Some(_), None) => (
            WireRule::ResponsePropertyDefaultValueRemoved,
            with_status(vec![name, show(&o.default)]),
        ),
        (Direction::Response, _, _) => (
            WireRule::ResponsePropertyDefaultValueChanged,
            with_status(vec![name, show(&o.default), show(&n.default)]),
        ),
    })
}

/// Enum values added and removed, and enum restrictions added or dropped.
fn enum_changes(
    direction: Direction,
    name: &str,
    o: &Prop,
    n: &Prop,
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
