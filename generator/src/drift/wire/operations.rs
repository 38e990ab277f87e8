//! Comparing the operations of two documents: which were added or removed, and for each one
//! both have, its summary and description, then its parameters, request body, responses and
//! security (each compared in its own file); and the description of the API itself.

use std::collections::BTreeSet;

use super::compare::{Compare, Doc};
use super::matching::{Op, label, operations};
use crate::document::NodePath;
use crate::drift::change::Site;
use crate::drift::rules::WireRule;

impl Compare<'_> {
    /// Every operation added, removed, or changed.
    pub(super) fn operations(&mut self) {
        let old_operations = operations(self.old);
        let new_operations = operations(self.new);
        let keys: BTreeSet<&(String, String)> =
            old_operations.keys().chain(new_operations.keys()).collect();
        for key in keys {
            let operation = label(key);
            let location = format!("API {operation}");
            let site = Site {
                location: &location,
                operation: Some(&operation),
                status: None,
            };
            match (old_operations.get(key), new_operations.get(key)) {
                (Some(old), None) => {
                    self.push(Doc::Old, &old.node(), site, WireRule::ApiRemoved, &[])
                }
                (None, Some(new)) => {
                    self.push(Doc::New, &new.node(), site, WireRule::EndpointAdded, &[]);
                }
                (Some(old), Some(new)) => self.operation(site, old, new),
                (None, None) => {}
            }
        }
    }

    /// The description of the API.
    pub(super) fn info(&mut self) {
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

    /// An operation both documents have.
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
        self.operation_security(site, old, new);
    }
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
