//! Comparing what two documents ask of a caller's credentials: the security schemes of
//! `components`, the global `security` requirements, and each operation's own.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{APIKeyLocation, OpenAPI, SecurityRequirement, SecurityScheme};

use super::compare::{Compare, Doc};
use super::matching::Op;
use crate::document::NodePath;
use crate::drift::change::Site;
use crate::drift::rules::{WireRule, code};

impl Compare<'_> {
    /// The security schemes of `components`: added, removed, of another type or key.
    pub(super) fn security_schemes(&mut self) {
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

    /// The document's own `security` requirements.
    pub(super) fn global_security(&mut self) {
        let (old, new) = (self.old.security.as_deref(), self.new.security.as_deref());
        let owners = (NodePath::root(), NodePath::root());
        let rules = (
            WireRule::ApiGlobalSecurityRemoved,
            WireRule::ApiGlobalSecurityAdded,
        );
        self.requirements(Site::at("security"), owners, (old, new), rules);
    }

    /// The security requirements of an operation both documents have, when either states its
    /// own.
    pub(super) fn operation_security(&mut self, site: Site<'_>, old: &Op<'_>, new: &Op<'_>) {
        let (o, n) = (old.operation, new.operation);
        if o.security.is_some() || n.security.is_some() {
            let requirements = (o.security.as_deref(), n.security.as_deref());
            let rules = (WireRule::ApiSecurityRemoved, WireRule::ApiSecurityAdded);
            self.requirements(site, (old.node(), new.node()), requirements, rules);
        }
    }

    /// The schemes a list of requirements names that the other does not: each one the old list
    /// names alone is removed (placed in the old document under its owner), each one the new
    /// list names alone is added.
    fn requirements(
        &mut self,
        site: Site<'_>,
        (old_owner, new_owner): (NodePath, NodePath),
        (old, new): (
            Option<&[SecurityRequirement]>,
            Option<&[SecurityRequirement]>,
        ),
        (removed, added): (WireRule, WireRule),
    ) {
        let (old_names, new_names) = (security_names(old), security_names(new));
        for name in old_names.difference(&new_names) {
            let at = security_node(old_owner.clone(), old, name);
            self.push(Doc::Old, &at, site, removed, &[code(name)]);
        }
        for name in new_names.difference(&old_names) {
            let at = security_node(new_owner.clone(), new, name);
            self.push(Doc::New, &at, site, added, &[code(name)]);
        }
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
