//! The state of one wire-level comparison: the two documents, the changes found so far, and
//! how a change is placed in one of them. Every comparison of [`super`] adds to it.

use openapiv3::OpenAPI;

use crate::document::NodePath;
use crate::document::Spec;
use crate::drift::change::{Change, STATUS, Site};
use crate::drift::rules::WireRule;

/// Request or response (the status of a response is in the change's [`Site`]).
#[derive(Clone, Copy)]
pub(super) enum Direction {
    /// The request body: what the client sends.
    Request,
    /// A response body: what the client reads.
    Response,
}

/// Which of the two documents a change is placed in.
#[derive(Clone, Copy)]
pub(super) enum Doc {
    /// The document compared from: for what was removed.
    Old,
    /// The document compared to: for what was added or changed.
    New,
}

/// The two documents being compared and the changes found so far.
pub(super) struct Compare<'a> {
    /// The document compared from.
    pub(super) from: &'a Spec,
    /// The document compared to.
    pub(super) to: &'a Spec,
    /// `from`'s OpenAPI model.
    pub(super) old: &'a OpenAPI,
    /// `to`'s OpenAPI model.
    pub(super) new: &'a OpenAPI,
    /// The changes found so far.
    pub(super) out: Vec<Change>,
}

impl Compare<'_> {
    /// Adds the change of `rule` about `node` of the document `doc`.
    pub(super) fn push(
        &mut self,
        doc: Doc,
        node: &NodePath,
        site: Site<'_>,
        rule: WireRule,
        args: &[String],
    ) {
        let spec = match doc {
            Doc::Old => self.from,
            Doc::New => self.to,
        };
        self.out.push(Change::wire(rule, spec, node, site, args));
    }

    /// A `description-changed` line when the descriptions differ; `owner` is the node in the
    /// new document whose description it is.
    pub(super) fn description(
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
    pub(super) fn text_changed(
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
}

/// `none` for an empty text, as a message shows a missing type or format.
pub(super) fn or_none(text: &str) -> &str {
    if text.is_empty() { "none" } else { text }
}

/// The arguments of a response rule: `args`, then the placeholder of the response status.
pub(super) fn with_status(mut args: Vec<String>) -> Vec<String> {
    args.push(STATUS.to_owned());
    args
}
