//! Lines and columns for errors whose source gives none.
//!
//! serde_yaml_ng places syntax errors, but openapiv3's untagged enums, progenitor, typify and
//! the generator's own checks only know a path of keys and indexes
//! (`paths./api/v3.1/connected_accounts/link.post.responses.201`). This module re-reads the
//! text with saphyr-parser, whose events carry a span for every node, and maps such a path
//! back to the line and column of the node, or of the deepest part of the path that exists.
//! It also finds the quoted string that an unclosed quote turned into, so that a syntax error
//! points at the quote instead of at the far-away line where the YAML parser gave up.

use saphyr_parser::{Event, Parser, Span};

use super::node_path::{NodePath, Segment};
use crate::panic_guard::catch_panic;

/// A 1-based line and column, counted in characters.
pub(crate) type LineColumn = (usize, usize);

/// A node of the position tree: only what locating a path needs.
#[derive(Debug, Clone)]
enum Node {
    Scalar {
        at: LineColumn,
        text: String,
    },
    Mapping {
        at: LineColumn,
        entries: Vec<(Node, Node)>,
    },
    Sequence {
        at: LineColumn,
        items: Vec<Node>,
    },
    Alias {
        at: LineColumn,
    },
}

impl Node {
    fn at(&self) -> LineColumn {
        match self {
            Node::Scalar { at, .. }
            | Node::Mapping { at, .. }
            | Node::Sequence { at, .. }
            | Node::Alias { at } => *at,
        }
    }

    fn key_text(&self) -> Option<&str> {
        match self {
            Node::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }
}

/// The positions of every node of a document's first YAML document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Positions {
    root: Option<Node>,
}

impl Positions {
    /// Reads the positions of `text`. Text that saphyr-parser cannot read, or that makes it
    /// panic, gives an empty tree, whose lookups find nothing.
    pub(crate) fn parse(text: &str) -> Self {
        catch_panic(|| build(text)).unwrap_or_default()
    }

    /// The line and column of the node at `path`: a scalar's own position; for a mapping or a
    /// sequence, the position of the key it is the value of (`post:`), which reads better than
    /// its first child. When part of the path does not exist, the deepest node that does.
    pub(crate) fn locate(&self, path: &NodePath) -> Option<LineColumn> {
        let mut node = self.root.as_ref()?;
        // The position to report for `node` when it turns out to be a collection.
        let mut key_at = node.at();
        for segment in path.segments() {
            let next = match (node, segment) {
                (Node::Mapping { entries, .. }, Segment::Key(key)) => entries
                    .iter()
                    .find(|(k, _)| k.key_text() == Some(key.as_str()))
                    .map(|(k, v)| (k.at(), v)),
                (Node::Sequence { items, .. }, Segment::Index(index)) => {
                    items.get(*index).map(|item| (item.at(), item))
                }
                _ => None,
            };
            match next {
                Some((at, child)) => {
                    key_at = at;
                    node = child;
                }
                None => return Some(key_at),
            }
        }
        Some(match node {
            Node::Scalar { at, .. } | Node::Alias { at } => *at,
            Node::Mapping { .. } | Node::Sequence { .. } => key_at,
        })
    }

    /// [`Positions::locate`] for `text`, falling back to the first line with content (where
    /// the root node starts) when saphyr-parser could not read as far as any node of the path:
    /// every error past the YAML syntax names a line.
    pub(crate) fn locate_in(text: &str, path: &NodePath) -> LineColumn {
        Self::parse(text).locate_or_first(text, path)
    }

    /// [`Positions::locate`], falling back as [`Positions::locate_in`] does; `text` is the text
    /// these positions were read from.
    pub(crate) fn locate_or_first(&self, text: &str, path: &NodePath) -> LineColumn {
        self.locate(path).unwrap_or_else(|| first_content(text))
    }

    /// The first mapping, in document order, in which `key` appears twice: its path, and the
    /// positions of the first and the second occurrence.
    pub(crate) fn duplicate_key(&self, key: &str) -> Option<(NodePath, LineColumn, LineColumn)> {
        let mut stack = vec![(self.root.as_ref()?, NodePath::root())];
        while let Some((node, path)) = stack.pop() {
            match node {
                Node::Mapping { entries, .. } => {
                    let mut found = entries.iter().filter(|(k, _)| k.key_text() == Some(key));
                    if let (Some((first, _)), Some((second, _))) = (found.next(), found.next()) {
                        return Some((path, first.at(), second.at()));
                    }
                    // Pushed in reverse so that the first child is visited first.
                    for (k, v) in entries.iter().rev() {
                        let child = match k.key_text() {
                            Some(text) => path.key(text),
                            None => path.clone(),
                        };
                        stack.push((v, child));
                    }
                }
                Node::Sequence { items, .. } => {
                    for (i, item) in items.iter().enumerate().rev() {
                        stack.push((item, path.index(i)));
                    }
                }
                Node::Scalar { .. } | Node::Alias { .. } => {}
            }
        }
        None
    }
}

/// The line and column of the first character that is neither blank nor in a comment.
fn first_content(text: &str) -> LineColumn {
    text.lines()
        .enumerate()
        .find_map(|(i, line)| {
            let content = line.trim_start();
            (!content.is_empty() && !content.starts_with('#'))
                .then(|| (i + 1, line.chars().count() - content.chars().count() + 1))
        })
        .unwrap_or((1, 1))
}

fn line_column(span: &Span) -> LineColumn {
    (span.start.line(), span.start.col() + 1)
}

/// Builds the tree of the first document without recursion, so that deep nesting cannot
/// overflow the stack. Where saphyr-parser fails (it is stricter than libyaml about the
/// indentation of multi-line quoted strings), the tree holds what came before the failure.
fn build(text: &str) -> Positions {
    // Open collections: the collection, and for a mapping the key waiting for its value.
    let mut open: Vec<(Node, Option<Node>)> = Vec::new();
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else { break };
        let at = line_column(&span);
        let complete = match event {
            Event::Scalar(value, ..) => Node::Scalar {
                at,
                text: value.into_owned(),
            },
            Event::Alias(_) => Node::Alias { at },
            Event::MappingStart(..) => {
                let entries = Vec::new();
                open.push((Node::Mapping { at, entries }, None));
                continue;
            }
            Event::SequenceStart(..) => {
                open.push((
                    Node::Sequence {
                        at,
                        items: Vec::new(),
                    },
                    None,
                ));
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => match open.pop() {
                Some((node, _)) => node,
                None => break,
            },
            Event::DocumentEnd | Event::StreamEnd => break,
            Event::Nothing | Event::StreamStart | Event::DocumentStart(_) => continue,
        };
        if let Some(root) = attach(&mut open, complete) {
            return Positions { root: Some(root) };
        }
    }
    // The document ended early: close what is still open.
    while let Some((node, _)) = open.pop() {
        if let Some(root) = attach(&mut open, node) {
            return Positions { root: Some(root) };
        }
    }
    Positions::default()
}

/// Adds a complete node to the innermost open collection; returns it when there is none (it is
/// the root).
fn attach(open: &mut [(Node, Option<Node>)], complete: Node) -> Option<Node> {
    match open.last_mut() {
        None => Some(complete),
        Some((Node::Sequence { items, .. }, _)) => {
            items.push(complete);
            None
        }
        Some((Node::Mapping { entries, .. }, pending)) => {
            match pending.take() {
                None => *pending = Some(complete),
                Some(key) => entries.push((key, complete)),
            }
            None
        }
        // Only collections are ever open.
        Some(_) => None,
    }
}

/// A quoted string that is not closed on its line and runs on over the lines below it: what
/// an unclosed quote usually looks like in a block mapping. libyaml reads such a string on to
/// the next quote of the same kind, often dozens of lines further, and fails only there;
/// saphyr-parser follows YAML 1.2, which wants the continuation lines of a quoted string indented
/// under it, and fails at the string itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnclosedQuote {
    /// Where the opening quote is.
    pub(crate) start: LineColumn,
    /// The quote character.
    pub(crate) quote: char,
}

/// The quoted string whose continuation lines saphyr-parser refuses, when it starts before
/// `before` (where libyaml stopped).
pub(crate) fn unclosed_quote(text: &str, before: LineColumn) -> Option<UnclosedQuote> {
    catch_panic(|| find_unclosed_quote(text, before))
        .ok()
        .flatten()
}

fn find_unclosed_quote(text: &str, before: LineColumn) -> Option<UnclosedQuote> {
    let error = Parser::new_from_str(text).find_map(Result::err)?;
    let start = (error.marker().line(), error.marker().col() + 1);
    if !error.info().contains("quoted scalar") || start >= before {
        return None;
    }
    let quote = text
        .lines()
        .nth(start.0.checked_sub(1)?)?
        .chars()
        .nth(start.1 - 1)
        .filter(|c| *c == '\'' || *c == '"')?;
    Some(UnclosedQuote { start, quote })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "\
# comment
openapi: 3.0.3
paths:
  /a/{id}:
    post:
      parameters:
        - name: id
          in: path
      responses:
        '201':
          description: Created
";

    fn at(path: &NodePath) -> Option<LineColumn> {
        Positions::parse(DOC).locate(path)
    }

    #[test]
    fn locates_scalars_at_their_value_and_collections_at_their_key() {
        let post = NodePath::root().key("paths").key("/a/{id}").key("post");
        assert_eq!(at(&NodePath::root().key("openapi")), Some((2, 10)));
        assert_eq!(at(&post), Some((5, 5)));
        assert_eq!(at(&post.key("parameters").index(0)), Some((7, 11)));
        assert_eq!(
            at(&post.key("parameters").index(0).key("in")),
            Some((8, 15))
        );
        assert_eq!(at(&post.key("responses").key("201")), Some((10, 9)));
    }

    #[test]
    fn a_missing_node_is_located_at_its_deepest_existing_ancestor() {
        let post = NodePath::root().key("paths").key("/a/{id}").key("post");
        assert_eq!(at(&post.key("requestBody").key("content")), Some((5, 5)));
        assert_eq!(at(&post.key("parameters").index(3)), Some((6, 7)));
        assert_eq!(at(&NodePath::root()), Some((2, 1)));
    }

    #[test]
    fn finds_both_occurrences_of_a_duplicate_key() {
        let doc = "a:\n  b: 1\n  c: 2\n  b: 3\n";
        let found = Positions::parse(doc).duplicate_key("b");
        assert_eq!(found, Some((NodePath::root().key("a"), (2, 3), (4, 3))));
    }

    #[test]
    fn finds_the_quote_that_is_not_closed_on_its_line() {
        let doc = "info:\n  title: 'Composio\n  version: 1\npaths:\n  x: 'y'\n";
        let found = unclosed_quote(doc, (5, 10));
        assert_eq!(
            found,
            Some(UnclosedQuote {
                start: (2, 10),
                quote: '\'',
            })
        );
        assert_eq!(unclosed_quote(doc, (2, 10)), None);
    }

    #[test]
    fn a_multi_line_string_indented_under_its_key_is_not_unclosed() {
        let doc = "info:\n  title: 'a long\n    title'\n  version: 1\n";
        assert_eq!(unclosed_quote(doc, (9, 1)), None);
    }
}
