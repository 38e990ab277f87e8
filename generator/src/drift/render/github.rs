//! One GitHub Actions workflow command per change, so that GitHub shows each on the line it is
//! about; never grouped, so tools can count the changes.

use crate::drift::change::Change;
use crate::drift::rules::Level;

/// One GitHub Actions workflow command per change, so that each is shown on the line it is
/// about: `::error` for wire errors and Rust majors, `::warning` for warnings and minors,
/// `::notice` for the rest. The title is the rule ID and level, the message the change's line.
pub fn github(changes: &[Change]) -> String {
    changes
        .iter()
        .map(|change| {
            let command = match change.level {
                Level::Error | Level::Major => "error",
                Level::Warning | Level::Minor => "warning",
                Level::Info | Level::Patch => "notice",
            };
            workflow_command(
                command,
                &change.position.file,
                change.position.line,
                Some(change.position.column),
                &format!("{} ({})", change.id, change.level),
                &change.to_string(),
            )
        })
        .collect()
}

/// One GitHub Actions workflow command (`error`, `warning`, `notice`) on `file` at `line` (and
/// `column`), its properties and message escaped as the Actions toolkit escapes them, ending
/// with a newline.
pub fn workflow_command(
    command: &str,
    file: &str,
    line: usize,
    column: Option<usize>,
    title: &str,
    message: &str,
) -> String {
    let column = column.map(|c| format!(",col={c}")).unwrap_or_default();
    format!(
        "::{command} file={},line={line}{column},title={}::{}\n",
        property(file),
        property(title),
        data(message),
    )
}

/// A workflow command's message, escaped as the Actions toolkit escapes it.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value, escaped as the Actions toolkit escapes it.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::{data, property};

    #[test]
    fn workflow_commands_are_escaped_as_the_toolkit_escapes_them() {
        assert_eq!(data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
