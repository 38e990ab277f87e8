//! What the tool prints: a response body on standard output, as JSON or as `field: value`
//! lines, the items of a listing one per line (JSON Lines), or a failure with the exit status
//! it means.

use std::future::poll_fn;
use std::io::Write;
use std::pin::Pin;
use std::process::ExitCode;

use composio_link::cli::{Failure, Lines};
use composio_link::pages::Stream;

use crate::args::Format;
use crate::exit::{EXIT_OK, EXIT_USAGE, Usage, exit_status, fail};

/// Prints the body of a call, or its failure with the exit status it means.
pub(crate) fn respond(
    format: Format,
    result: Result<serde_json::Value, Failure>,
) -> Result<serde_json::Value, ExitCode> {
    match result {
        Ok(body) => match print(format, &body) {
            Ok(()) => Ok(body),
            Err(Usage(message)) => Err(fail(EXIT_USAGE, &message)),
        },
        Err(failure) => Err(report(failure)),
    }
}

/// Prints every item of a listing as it arrives: in JSON, one compact document per line (JSON
/// Lines, for `jq`); in text, each item's `field: value` lines then a blank line. A failed page
/// ends it with the exit status its error means, after the items before it.
pub(crate) async fn respond_lines(format: Format, lines: Result<Lines<'_>, Failure>) -> ExitCode {
    let mut lines = match lines {
        Ok(lines) => lines,
        Err(failure) => return report(failure),
    };
    while let Some(item) = poll_fn(|cx| Pin::new(&mut lines).poll_next(cx)).await {
        let item = match item {
            Ok(item) => item,
            Err(failure) => return report(failure),
        };
        let text = match format {
            Format::Json => item.to_string(),
            Format::Text => {
                let mut fields = text_lines(&item);
                fields.push(String::new());
                fields.join("\n")
            }
        };
        let mut out = std::io::stdout().lock();
        match writeln!(out, "{text}").and_then(|()| out.flush()) {
            Ok(()) => {}
            // The reader took what it wanted (`| head`): the listing ends there, no more pages
            // are requested, and that is not a failure.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => break,
            Err(e) => return fail(EXIT_USAGE, &format!("cannot write to stdout: {e}")),
        }
    }
    ExitCode::from(EXIT_OK)
}

/// The failure reported, with the exit status it means.
fn report(failure: Failure) -> ExitCode {
    match failure {
        Failure::Usage(message) => fail(EXIT_USAGE, &message),
        Failure::Api(e) => fail(exit_status(&e), &e.to_string()),
    }
}

/// Prints a response body in the chosen format.
fn print(format: Format, json: &serde_json::Value) -> Result<(), Usage> {
    let text = match format {
        Format::Json => serde_json::to_string_pretty(json)
            .map_err(|e| Usage(format!("cannot print the response: {e}")))?,
        Format::Text => text_lines(json).join("\n"),
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}").map_err(|e| Usage(format!("cannot write to stdout: {e}")))
}

/// `value` as text: its `path: value` lines.
fn text_lines(value: &serde_json::Value) -> Vec<String> {
    let mut lines = Vec::new();
    flatten("", value, &mut lines);
    lines
}

/// One `path: value` line per scalar of `value`, objects flattened into dotted paths.
fn flatten(prefix: &str, value: &serde_json::Value, lines: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                let name = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&name, child, lines);
            }
        }
        serde_json::Value::String(s) => lines.push(format!("{prefix}: {s}")),
        other => lines.push(format!("{prefix}: {other}")),
    }
}
