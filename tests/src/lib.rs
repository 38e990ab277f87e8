//! Shared helpers of the integration and snapshot tests: the test client, reading the documented
//! examples out of the committed specs (so tests decode what the docs show rather than a copy of
//! it), the calls the client tests share (`link`), running the binary (`cli`), a scripted raw
//! server (`raw`), the fields of an error (`fields`), the bodies a newer server could send
//! (`newer`) and the code blocks of the pages a user reads (`docs`).

#![forbid(unsafe_code)]

pub mod cli;
pub mod docs;
pub mod fields;
pub mod journey;
pub mod link;
pub mod newer;
pub mod raw;

use std::path::PathBuf;

use serde_json::Value;

/// The README's code blocks, compiled and run as doc tests (`cargo test --doc`).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDocs;

/// The code blocks of `docs/client.md`, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../docs/client.md")]
pub struct ClientDocs;

/// The code blocks of `docs/cli.md` (shell only; `tests/tests/docs_pages.rs` runs them).
#[cfg(doctest)]
#[doc = include_str!("../../docs/cli.md")]
pub struct CliDocs;

/// The code blocks of `docs/maintaining.md`.
#[cfg(doctest)]
#[doc = include_str!("../../docs/maintaining.md")]
pub struct MaintainingDocs;

/// The code blocks of `docs/drift.md`.
#[cfg(doctest)]
#[doc = include_str!("../../docs/drift.md")]
pub struct DriftDocs;

/// The key every test client sends; never a real one.
pub const TEST_KEY: &str = "test-project-key-0123456789";

/// A client for a test server at `base_url` (loopback, so plain http is allowed), with the
/// retry backoff shortened so retry tests stay fast.
///
/// # Panics
///
/// When the configuration is refused: every test needs a client.
pub fn client(base_url: &str) -> composio_link::Client {
    builder(base_url)
        .build()
        .unwrap_or_else(|e| panic!("test client: {e}"))
}

/// The builder behind [`client`], for tests that change one more setting.
pub fn builder(base_url: &str) -> composio_link::ClientBuilder {
    composio_link::Client::builder()
        .api_key(TEST_KEY)
        .base_url(base_url)
        .retry_backoff(
            std::time::Duration::from_millis(10),
            std::time::Duration::from_millis(40),
        )
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    xtask::layout::workspace_root()
}

/// The API versions `spec/` holds (`v3`, `v3.1`), as the xtask reads the folder, so that a
/// version added there is checked too.
///
/// # Panics
///
/// When the folder cannot be read.
pub fn spec_versions() -> Vec<String> {
    xtask::specs::versions(&workspace_root())
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|version| version.name)
        .collect()
}

/// The spec of API version `version` (`"v3"` or `"v3.1"`) as JSON.
///
/// # Panics
///
/// When the committed spec is missing or is not YAML: the tests cannot run without it.
pub fn spec_json(version: &str) -> Value {
    let path = workspace_root().join(format!("spec/{version}.yaml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The spec of API version `version` as a YAML value, for a test to edit and generate with
/// [`edited_module`].
///
/// # Panics
///
/// As [`spec_json`] does.
pub fn spec_yaml(version: &str) -> serde_yaml_ng::Value {
    serde_yaml_ng::to_value(spec_json(version)).unwrap_or_else(|e| panic!("{e}"))
}

/// The module the generator makes of `spec`, an edited copy of `spec/{version}.yaml`.
///
/// # Panics
///
/// When the generator refuses it.
pub fn edited_module(version: &str, spec: &impl serde::Serialize) -> String {
    generate_edited(version, spec).unwrap_or_else(|e| panic!("{e}"))
}

/// The module the generator makes of `spec`, an edited copy of `spec/{version}.yaml` (loaded
/// under that file's name), or the generator's refusal.
///
/// # Panics
///
/// When `spec` cannot be written as YAML.
pub fn generate_edited(
    version: &str,
    spec: &impl serde::Serialize,
) -> Result<String, composio_link_generator::Error> {
    let text = serde_yaml_ng::to_string(spec).unwrap_or_else(|e| panic!("{e}"));
    let loaded = composio_link_generator::load(&format!("spec/{version}.yaml"), text.as_bytes())?;
    composio_link_generator::generate(&loaded).map(|generated| generated.source)
}

/// The documented example of `what` (`"request"` or a status code such as `"201"`) of the
/// POST operation at `path` in API version `version`.
///
/// # Panics
///
/// When the spec documents no such example.
pub fn documented_example(version: &str, path: &str, what: &str) -> Value {
    let spec = spec_json(version);
    let op = &spec["paths"][path]["post"];
    let media = if what == "request" {
        &op["requestBody"]["content"]["application/json"]
    } else {
        &op["responses"][what]["content"]["application/json"]
    };
    let example = media["example"].clone();
    assert!(
        !example.is_null(),
        "spec/{version}.yaml documents no example for {what} of POST {path}"
    );
    example
}

/// A complete error envelope, as the service sends on every non-2xx response.
pub fn error_envelope(status: u16, slug: &str) -> Value {
    serde_json::json!({
        "error": {
            "message": format!("{slug} happened"),
            "code": status,
            "slug": slug,
            "status": status,
            "request_id": format!("req_{status}_{slug}"),
            "suggested_fix": "Check the request and try again",
            "errors": [format!("{slug}: detail")],
        }
    })
}

/// `value` as the generated types send it: object members that are `null` are left out (an
/// optional field set to `None` is not serialized) and every number is a float (the spec's
/// `number` is `f64`), so a documented example compares equal to its round trip.
pub fn as_sent(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), as_sent(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(as_sent).collect()),
        Value::Number(n) => n
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or_else(|| value.clone(), Value::Number),
        other => other.clone(),
    }
}

/// The path of a binary or example that cargo built next to the running test
/// (`target/<profile>/<name>` or `target/<profile>/examples/<name>`).
///
/// # Panics
///
/// When the test binary's own path is unknown.
pub fn built_artifact(relative: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("no test executable path: {e}"));
    // target/<profile>/deps/<test binary>
    let profile_dir = exe
        .parent()
        .and_then(std::path::Path::parent)
        .unwrap_or_else(|| panic!("unexpected test binary location {}", exe.display()));
    let path = profile_dir.join(format!("{relative}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.is_file(),
        "{} is not built: run the tests with `cargo test --workspace --all-features`, which \
         builds the examples, the xtask binary and (through generated-client/tests/cli_bin.rs) \
         the composio-link binary",
        path.display()
    );
    path
}

/// A command for a built binary with the Composio variables of the environment cleared and
/// `COMPOSIO_API_KEY`/`COMPOSIO_BASE_URL` pointing at a test server.
pub fn command_against(relative: &str, base_url: &str) -> std::process::Command {
    let mut command = std::process::Command::new(built_artifact(relative));
    command
        .env_remove("COMPOSIO_USER_API_KEY")
        .env("COMPOSIO_API_KEY", TEST_KEY)
        .env("COMPOSIO_BASE_URL", base_url)
        .stdin(std::process::Stdio::null());
    command
}

/// Runs `relative` (the binary or an example, as [`command_against`] builds it) with `args`
/// against `base_url` on a blocking thread, off the runtime that serves the test server, and
/// waits for it.
///
/// # Panics
///
/// When it cannot be started.
pub async fn run_off_runtime(
    relative: &str,
    base_url: &str,
    args: &[&str],
) -> std::process::Output {
    let mut command = command_against(relative, base_url);
    command.args(args);
    tokio::task::spawn_blocking(move || command.output())
        .await
        .unwrap_or_else(|e| panic!("running {relative}: {e}"))
        .unwrap_or_else(|e| panic!("cannot run {relative}: {e}"))
}

/// The rows of the generated method `method` in the `REQUEST_CONSTRAINTS` table of `module`,
/// the text of a generated module.
///
/// # Panics
///
/// When `module` has no such table.
pub fn constraint_rows(module: &str, method: &str) -> usize {
    let table = module
        .split_once("pub const REQUEST_CONSTRAINTS")
        .and_then(|(_, rest)| rest.split_once("\n];"))
        .map(|(table, _)| table)
        .unwrap_or_else(|| panic!("no REQUEST_CONSTRAINTS table"));
    table
        .matches(&format!("operation_id: \"{method}\","))
        .count()
}

/// The text of `text` from a 1-based `line` and `column` (counted in characters) to the end of
/// that line, or `None` past its end: what a drift position points at.
pub fn text_at(text: &str, line: usize, column: usize) -> Option<String> {
    let line = text.lines().nth(line.checked_sub(1)?)?;
    let start = column.checked_sub(1)?;
    (start <= line.chars().count()).then(|| line.chars().skip(start).collect())
}

/// The position a drift line names (`error at spec/v3.yaml:497:9, in ...`): its file, line and
/// column, or `None` when the line names none.
pub fn line_position(line: &str) -> Option<(String, usize, usize)> {
    let (_, rest) = line.split_once(" at ")?;
    let at = rest.split([' ', ',']).next()?;
    let (rest, column) = at.rsplit_once(':')?;
    let (file, line) = rest.rsplit_once(':')?;
    Some((file.to_owned(), line.parse().ok()?, column.parse().ok()?))
}

/// The strings of a YAML list (`expect: {rust: [...]}` in the drift cases), in order; anything
/// that is not a list is no strings, and an item that is not a string the empty string, so a
/// malformed case fails on its comparison rather than here.
pub fn yaml_strings(value: &serde_yaml_ng::Value) -> Vec<String> {
    value
        .as_sequence()
        .map(|items| {
            items
                .iter()
                .map(|v| v.as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}
