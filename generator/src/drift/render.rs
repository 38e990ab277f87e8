//! How a reviewer reads a list of changes: as text lines that group what differs only by
//! response status or operation ([`Group`], [`text`]), as a Markdown summary for a
//! pull-request comment ([`markdown`]), or as one GitHub Actions workflow command per change,
//! which GitHub shows on the changed line ([`github`]); and the four forms of a drift
//! [`Report`](super::Report) built from them (`forms.rs`).
//!
//! Grouping is for people: the JSON form and the workflow commands keep one entry per change.
//! Nothing here decides what changed or how much it matters.

mod forms;
mod github;
mod group;
mod markdown;

pub use github::{github, workflow_command};
pub use group::{Group, groups, text};
pub use markdown::{Summary, counts, markdown};
