//! What the tool prints: a response body on standard output, as JSON or as `field: value`
//! lines, or a failure with the exit status it means.

use std::io::Write;
use std::process::ExitCode;

use composio_link::cli::Failure;

use crate::args::Format;
use crate::exit::{EXIT_USAGE, Usage, exit_status, fail};

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
        Err(Failure::Usage(message)) => Err(fail(EXIT_USAGE, &message)),
        Err(Failure::Api(e)) => Err(fail(exit_status(&e), &e.to_string())),
    }
}

/// Prints a response body in the chosen format.
fn print(format: Format, json: &serde_json::Value) -> Result<(), Usage> {
    let text = match format {
        Format::Json => serde_json::to_string_pretty(json)
            .map_err(|e| Usage(format!("cannot print the response: {e}")))?,
        Format::Text => {
            let mut lines = Vec::new();
            flatten("", json, &mut lines);
            lines.join("\n")
        }
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}").map_err(|e| Usage(format!("cannot write to stdout: {e}")))
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
