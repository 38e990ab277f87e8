//! Running the `composio-link` binary in the command-line tests: against a test server, with
//! the test key in the environment, and reading what it printed.

use std::process::Output;

use serde_json::Value;

use crate::command_against;

/// The command-line tool's binary, as cargo builds it.
pub const BIN: &str = "composio-link";

/// Runs the binary with `args` against the test server at `base_url`, and waits for it.
///
/// # Panics
///
/// When the binary cannot be started.
pub fn run(base_url: &str, args: &[&str]) -> Output {
    command_against(BIN, base_url)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"))
}

/// What the binary printed on standard output.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The JSON documents the binary printed on standard output, in order.
///
/// # Panics
///
/// When standard output is not a sequence of JSON documents.
pub fn documents(output: &Output) -> Vec<Value> {
    serde_json::Deserializer::from_slice(&output.stdout)
        .into_iter::<Value>()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("stdout is not JSON documents: {e}: {output:?}"))
}

/// What the binary printed on standard error.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
