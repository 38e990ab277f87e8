//! The path from a document's root to one of its nodes, as every error and drift change names
//! it (`paths./api/v3.1/connected_accounts/link.post.responses.201`): a plain value, built by
//! the checks and by serde_path_to_error's paths, and placed on a line by [`super::positions`].

use std::fmt;

/// One step of a [`NodePath`]: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    /// A key of a mapping.
    Key(String),
    /// A 0-based index of a sequence.
    Index(usize),
}

/// The path from the document root to a node, shown dotted with sequence indexes in brackets
/// (`paths./x.post.parameters[0].name`), as serde_path_to_error shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NodePath(Vec<Segment>);

impl NodePath {
    /// The path of the document root.
    pub(crate) fn root() -> Self {
        Self::default()
    }

    /// The path of the operation of `method` (lowercase) under the template `path`:
    /// `paths.<path>.<method>`.
    pub(crate) fn operation(path: &str, method: &str) -> Self {
        Self::root().key("paths").key(path).key(method)
    }

    /// The path of the value of `key` in the mapping at `self`.
    pub(crate) fn key(&self, key: &str) -> Self {
        let mut path = self.clone();
        path.0.push(Segment::Key(key.to_owned()));
        path
    }

    /// The path of item `index` of the sequence at `self`.
    pub(crate) fn index(&self, index: usize) -> Self {
        let mut path = self.clone();
        path.0.push(Segment::Index(index));
        path
    }

    /// `self` followed by every segment of `tail`.
    pub(crate) fn join(&self, tail: &NodePath) -> Self {
        let mut path = self.clone();
        path.0.extend(tail.0.iter().cloned());
        path
    }

    /// The path's segments, from the root down.
    pub(crate) fn segments(&self) -> &[Segment] {
        &self.0
    }

    /// The path of a serde_path_to_error error, dropping the segments that name no node
    /// (enum variants and unknown steps).
    pub(crate) fn from_serde(path: &serde_path_to_error::Path) -> Self {
        use serde_path_to_error::Segment as S;
        Self(
            path.iter()
                .filter_map(|segment| match segment {
                    S::Seq { index } => Some(Segment::Index(*index)),
                    S::Map { key } => Some(Segment::Key(key.clone())),
                    S::Enum { .. } | S::Unknown => None,
                })
                .collect(),
        )
    }
}

impl fmt::Display for NodePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(document root)");
        }
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_display_dotted_with_indexes() {
        let path = NodePath::root()
            .key("paths")
            .key("/a/{id}")
            .key("post")
            .key("parameters")
            .index(0)
            .key("in");
        assert_eq!(path.to_string(), "paths./a/{id}.post.parameters[0].in");
        assert_eq!(NodePath::root().to_string(), "(document root)");
    }

    #[test]
    fn an_operation_is_under_paths_and_its_template() {
        assert_eq!(
            NodePath::operation("/a/{id}", "post").to_string(),
            "paths./a/{id}.post"
        );
    }
}
