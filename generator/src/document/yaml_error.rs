//! A YAML syntax error as the user reads it: libyaml's message split into the problem and its
//! context, and placed where the mistake is (the quote that was never closed, the second
//! occurrence of a duplicate key, a tab) rather than where the parser gave up.

use super::positions::{LineColumn, Positions, unclosed_quote};
use crate::error::{Error, Location};

/// Turns a serde_yaml_ng syntax error into an [`Error::Yaml`], pointing at the quote that was
/// never closed, or the duplicate key, rather than where the parser gave up, when that is where
/// the mistake is.
pub(super) fn yaml_error(file: &str, text: &str, e: &serde_yaml_ng::Error) -> Error {
    let full = e.to_string();
    let stopped = e.location().map(|at| (at.line(), at.column()));
    let (problem, context) = split_libyaml(&full);
    let error = |at: Option<LineColumn>, message: String| Error::Yaml {
        location: Location::new(file, at),
        message,
    };

    if let Some(key) = duplicate_key(problem)
        && let Some((path, first, second)) = Positions::parse(text).duplicate_key(&key)
    {
        return error(
            Some(second),
            format!(
                "duplicate key `{key}` in the mapping at `{path}` (first at line {}, column {}); \
                 expected each key once: YAML keeps only one of the two values",
                first.0, first.1
            ),
        );
    }

    if let Some((what, Some(start))) = context
        && what.contains("quoted scalar")
    {
        let quote = char_at(text, start).unwrap_or('"');
        let end = stopped.map_or_else(String::new, |(l, c)| format!(" at line {l}, column {c}"));
        return error(
            Some(start),
            format!(
                "unclosed quote: the string that starts here with `{quote}` is never closed \
                 ({problem}{end}); expected a closing `{quote}`"
            ),
        );
    }

    if let Some(stopped) = stopped
        && let Some(unclosed) = unclosed_quote(text, stopped)
    {
        let quote = unclosed.quote;
        return error(
            Some(unclosed.start),
            format!(
                "unclosed quote: the string that starts here with `{quote}` is not closed on its \
                 line, and the lines after it are not indented under it; the YAML parser read on \
                 to the next `{quote}` and stopped at line {}, column {} ({problem}); expected a \
                 closing `{quote}` on line {}",
                stopped.0, stopped.1, unclosed.start.0,
            ),
        );
    }

    if let Some(at) = stopped
        && char_at(text, at) == Some('\t')
    {
        let what = if problem.contains("tab") {
            ""
        } else {
            " (a tab)"
        };
        return error(
            Some(at),
            format!("{problem}{what}; expected spaces: YAML indents with spaces only"),
        );
    }

    let message = match context {
        Some((what, Some((line, column)))) => {
            format!("{problem} ({what} that starts at line {line}, column {column})")
        }
        Some((what, None)) => format!("{problem} ({what})"),
        None => problem.to_owned(),
    };
    error(stopped, message)
}

/// Splits libyaml's "PROBLEM at line L column C, CONTEXT at line L2 column C2" into the problem
/// and the context with its position; other messages are all problem.
fn split_libyaml(message: &str) -> (&str, Option<(&str, Option<LineColumn>)>) {
    let Some((problem, rest)) = message.split_once(" at line ") else {
        return (message, None);
    };
    let context = rest
        .split_once(", ")
        .map(|(_, context)| match context.split_once(" at line ") {
            Some((what, at)) => (what, parse_line_column(at)),
            None => (context, None),
        });
    (problem, context)
}

/// "12 column 5" → (12, 5).
fn parse_line_column(text: &str) -> Option<LineColumn> {
    let (line, column) = text.split_once(" column ")?;
    let column: String = column.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// The key of serde_yaml_ng's "PATH: duplicate entry with key "KEY"" message.
fn duplicate_key(problem: &str) -> Option<String> {
    let (_, key) = problem.split_once("duplicate entry with key ")?;
    Some(match key.strip_prefix('"') {
        Some(quoted) => quoted.strip_suffix('"').unwrap_or(quoted).to_owned(),
        None => key.to_owned(),
    })
}

/// The character at a 1-based line and column.
fn char_at(text: &str, (line, column): LineColumn) -> Option<char> {
    text.lines()
        .nth(line.checked_sub(1)?)?
        .chars()
        .nth(column.checked_sub(1)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_libyaml_messages() {
        assert_eq!(
            split_libyaml(
                "did not find expected key at line 61 column 13, while parsing a block mapping \
                 at line 16 column 3"
            ),
            (
                "did not find expected key",
                Some(("while parsing a block mapping", Some((16, 3))))
            )
        );
        assert_eq!(
            split_libyaml("recursion limit exceeded"),
            ("recursion limit exceeded", None)
        );
    }
}
