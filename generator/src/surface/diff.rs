//! Comparing two listings line by line: what the second adds (`+`), removes (`-`) and changes
//! (`~`) against the first, matching lines by kind and name under the same parent.

use std::fmt;

use super::model::{Entry, Kind, Surface};

/// What happened to one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DiffOp {
    /// The line is only in the second listing.
    Added,
    /// The line is only in the first listing.
    Removed,
    /// The line is in both, with a different value.
    Changed,
}

/// One changed line, with the heads of the lines it is nested under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    /// Added, removed or changed.
    pub op: DiffOp,
    /// The heads of the enclosing lines, outermost first (`["struct ToolRouterLinkRequest"]`).
    pub parents: Vec<String>,
    /// The line in the first listing (for removed and changed lines).
    pub old: Option<Entry>,
    /// The line in the second listing (for added and changed lines).
    pub new: Option<Entry>,
    /// True when the line is inside an added or removed line, so it changes only because its
    /// parent does (a field of a new struct).
    pub implied: bool,
}

impl DiffLine {
    /// The line this change is about (the new one, or the removed one).
    pub fn entry(&self) -> Option<&Entry> {
        self.new.as_ref().or(self.old.as_ref())
    }

    /// The enclosing heads and this line's head, joined with ` › `.
    pub fn path(&self) -> String {
        let head = self.entry().map(Entry::head).unwrap_or_default();
        self.parents
            .iter()
            .map(String::as_str)
            .chain(std::iter::once(head.as_str()))
            .collect::<Vec<_>>()
            .join(" › ")
    }
}

impl fmt::Display for DiffLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix: String = self.parents.iter().map(|p| format!("{p} › ")).collect();
        match (&self.op, &self.old, &self.new) {
            (DiffOp::Changed, Some(old), Some(new)) => write!(
                f,
                "~ {prefix}{}: {} → {}",
                new.head(),
                old.value(),
                new.value()
            ),
            (DiffOp::Added, _, Some(new)) => write!(f, "+ {prefix}{}", new.line()),
            (DiffOp::Removed, Some(old), _) => write!(f, "- {prefix}{}", old.line()),
            _ => Ok(()),
        }
    }
}

/// Every line that differs between two listings, in listing order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SurfaceDiff {
    /// The differing lines.
    pub lines: Vec<DiffLine>,
}

impl SurfaceDiff {
    /// Compares `from` with `to`.
    pub fn between(from: &Surface, to: &Surface) -> Self {
        let mut lines = Vec::new();
        diff_lists(&[], from.entries(), to.entries(), true, &mut lines);
        Self { lines }
    }

    /// True when the two listings are equal.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

impl fmt::Display for SurfaceDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.lines.iter().try_for_each(|line| writeln!(f, "{line}"))
    }
}

/// The differing lines of two lists of siblings under `parents`, in listing order.
fn diff_lists(
    parents: &[String],
    old: &[Entry],
    new: &[Entry],
    top: bool,
    out: &mut Vec<DiffLine>,
) {
    let mut keys: Vec<(u8, String, Kind, String)> = old
        .iter()
        .chain(new)
        .map(|e| {
            let (section, sorted_name, kind, name) = e.order(top);
            (section, sorted_name.to_owned(), kind, name.to_owned())
        })
        .collect();
    keys.sort();
    keys.dedup();
    for (_, _, kind, name) in keys {
        let find = |list: &'_ [Entry]| -> Option<Entry> {
            list.iter()
                .find(|e| e.kind == kind && e.name == name)
                .cloned()
        };
        match (find(old), find(new)) {
            (Some(o), Some(n)) => {
                if o.value() != n.value() {
                    out.push(DiffLine {
                        op: DiffOp::Changed,
                        parents: parents.to_vec(),
                        old: Some(o.clone()),
                        new: Some(n.clone()),
                        implied: false,
                    });
                }
                let mut inner = parents.to_vec();
                inner.push(n.head());
                diff_lists(&inner, &o.children, &n.children, false, out);
            }
            (Some(o), None) => subtree(DiffOp::Removed, parents, &o, false, out),
            (None, Some(n)) => subtree(DiffOp::Added, parents, &n, false, out),
            (None, None) => {}
        }
    }
}

/// An added or removed line and, marked implied, every line under it.
fn subtree(op: DiffOp, parents: &[String], entry: &Entry, implied: bool, out: &mut Vec<DiffLine>) {
    let (old, new) = match op {
        DiffOp::Removed => (Some(entry.clone()), None),
        _ => (None, Some(entry.clone())),
    };
    out.push(DiffLine {
        op,
        parents: parents.to_vec(),
        old,
        new,
        implied,
    });
    let mut inner = parents.to_vec();
    inner.push(entry.head());
    for child in &entry.children {
        subtree(op, &inner, child, true, out);
    }
}
