//! `composio-link`: the four auth-link operations of the Composio API from the command line.
//!
//! A thin layer over the `composio-link` crate: one subcommand per operation and API version,
//! flags for the documented request fields (or `--body` with the whole JSON body), the key
//! from `COMPOSIO_API_KEY`/`COMPOSIO_USER_API_KEY` or read from stdin/a file (never from a flag
//! value, which would land in shell history and process lists), JSON on stdout by default.

#![forbid(unsafe_code)]

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use composio_link::prelude::*;
use composio_link::{v3, v3_1};
use serde::Serialize;

/// Exit status: the call succeeded.
const EXIT_OK: u8 = 0;
/// Exit status: the API answered with an error (4xx/5xx, or a body it should not have sent).
const EXIT_API: u8 = 1;
/// Exit status: the command line, the configuration or the input is wrong; nothing was sent.
const EXIT_USAGE: u8 = 2;
/// Exit status: the API could not be reached (connection, timeout).
const EXIT_TRANSPORT: u8 = 3;

#[derive(Parser)]
#[command(
    name = "composio-link",
    version,
    about = "Create Composio auth links (API v3 and v3.1) from the command line",
    after_help = "The API key comes from COMPOSIO_API_KEY (project key, sent as x-api-key) or \
                  COMPOSIO_USER_API_KEY (user key, sent as x-user-api-key), or from \
                  --api-key-stdin / --api-key-file. COMPOSIO_BASE_URL overrides the base URL.\n\n\
                  Exit status: 0 success, 1 the API answered with an error, 2 usage or \
                  configuration error (nothing sent), 3 the API could not be reached."
)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    version: ApiVersion,
}

#[derive(Args)]
struct Global {
    /// Read the API key from the first line of standard input.
    #[arg(long, global = true, conflicts_with = "api_key_file")]
    api_key_stdin: bool,
    /// Read the API key from the first line of this file.
    #[arg(long, global = true, value_name = "PATH")]
    api_key_file: Option<PathBuf>,
    /// Send the key read by --api-key-stdin or --api-key-file as a user API key
    /// (x-user-api-key) instead of a project key.
    #[arg(long, global = true)]
    user_key: bool,
    /// The API's base URL (default: COMPOSIO_BASE_URL, else https://backend.composio.dev).
    #[arg(long, global = true, value_name = "URL")]
    base_url: Option<String>,
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Whole-request timeout per attempt, in seconds.
    #[arg(long, global = true, value_name = "SECONDS")]
    timeout: Option<f64>,
    /// Retries of retryable failures (connection errors, timeouts, 408, 409, 429, 5xx).
    #[arg(long, global = true, value_name = "N")]
    max_retries: Option<u32>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// The response body as JSON.
    Json,
    /// One `field: value` line per field.
    Text,
}

#[derive(Subcommand)]
enum ApiVersion {
    /// Operations of API version v3.
    #[command(name = "v3")]
    V3 {
        #[command(subcommand)]
        operation: V3Operation,
    },
    /// Operations of API version v3.1.
    #[command(name = "v3.1")]
    V31 {
        #[command(subcommand)]
        operation: V31Operation,
    },
}

#[derive(Subcommand)]
enum V3Operation {
    /// POST /api/v3/tool_router/session/{session_id}/link
    ToolRouterLink(ToolRouterArgs),
    /// POST /api/v3/connected_accounts/link
    ConnectedAccountsLink(ConnectedAccountArgs),
}

#[derive(Subcommand)]
enum V31Operation {
    /// POST /api/v3.1/tool_router/session/{session_id}/link
    ToolRouterLink(ToolRouterArgs),
    /// POST /api/v3.1/connected_accounts/link
    ConnectedAccountsLink(ConnectedAccountArgs),
}

#[derive(Args)]
struct ToolRouterArgs {
    /// The tool router session (toolRouterSessionId).
    #[arg(long)]
    session_id: String,
    /// The slug of the toolkit to connect.
    #[arg(long, required_unless_present = "body")]
    toolkit: Option<String>,
    /// Where users are sent after completing auth.
    #[arg(long)]
    callback_url: Option<String>,
    /// A human-readable alias for the connected account (v3.1).
    #[arg(long)]
    alias: Option<String>,
    /// The whole request body as JSON; flags given as well override its fields.
    #[arg(long, value_name = "JSON")]
    body: Option<String>,
}

#[derive(Args)]
struct ConnectedAccountArgs {
    /// The auth config to create a link for (authConfigId).
    #[arg(long, required_unless_present = "body")]
    auth_config_id: Option<String>,
    /// The user to create a link for.
    #[arg(long, required_unless_present = "body")]
    user_id: Option<String>,
    /// Where users are sent after completing auth.
    #[arg(long)]
    callback_url: Option<String>,
    /// A human-readable alias for the connected account (v3.1).
    #[arg(long)]
    alias: Option<String>,
    /// The sharing model, PRIVATE (default) or SHARED (v3.1).
    #[arg(long, value_name = "PRIVATE|SHARED")]
    account_type: Option<String>,
    /// The whole request body as JSON; flags given as well override its fields.
    #[arg(long, value_name = "JSON")]
    body: Option<String>,
}

/// A failure of the CLI itself, before any request: the usage exit status.
struct Usage(String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            return fail(
                EXIT_TRANSPORT,
                &format!("cannot start the async runtime: {e}"),
            );
        }
    };
    runtime.block_on(run(cli))
}

async fn run(cli: Cli) -> ExitCode {
    let client = match client(&cli.global) {
        Ok(client) => client,
        Err(Usage(message)) => return fail(EXIT_USAGE, &message),
    };
    let format = cli.global.format;
    // Sends `$body` (a parsed request body, or the usage error that parsing it gave) with the
    // operation builder `$builder`, and prints the response.
    macro_rules! send {
        ($builder:expr, $body:expr) => {
            match $body {
                Ok(body) => $builder
                    .body(body)
                    .execute()
                    .await
                    .map(|response| print(format, &response.into_inner())),
                Err(usage) => Ok(Err(usage)),
            }
        };
    }
    let outcome = match cli.version {
        ApiVersion::V3 { operation } => match operation {
            V3Operation::ToolRouterLink(args) => send!(
                client
                    .v3()
                    .post_tool_router_session_by_session_id_link()
                    .session_id(ToolRouterSessionId::new(args.session_id.as_str())),
                tool_router_body::<v3::types::ToolRouterLinkRequest>(&args)
            ),
            V3Operation::ConnectedAccountsLink(args) => send!(
                client.v3().post_connected_accounts_link(),
                connected_body::<v3::types::ConnectedAccountLinkRequest>(&args)
            ),
        },
        ApiVersion::V31 { operation } => match operation {
            V31Operation::ToolRouterLink(args) => send!(
                client
                    .v3_1()
                    .post_tool_router_session_by_session_id_link()
                    .session_id(ToolRouterSessionId::new(args.session_id.as_str())),
                tool_router_body::<v3_1::types::ToolRouterLinkRequest>(&args)
            ),
            V31Operation::ConnectedAccountsLink(args) => send!(
                client.v3_1().post_connected_accounts_link(),
                connected_body::<v3_1::types::ConnectedAccountLinkRequest>(&args)
            ),
        },
    };
    match outcome {
        Ok(Ok(())) => ExitCode::from(EXIT_OK),
        Ok(Err(Usage(message))) => fail(EXIT_USAGE, &message),
        Err(e) => fail(exit_status(&e), &e.to_string()),
    }
}

fn exit_status(error: &Error) -> u8 {
    match error.kind() {
        ErrorKind::InvalidRequest | ErrorKind::Configuration => EXIT_USAGE,
        ErrorKind::Timeout | ErrorKind::Connection => EXIT_TRANSPORT,
        _ => EXIT_API,
    }
}

fn fail(status: u8, message: &str) -> ExitCode {
    eprintln!("composio-link: error: {message}");
    ExitCode::from(status)
}

fn client(global: &Global) -> Result<Client, Usage> {
    let mut builder = ClientBuilder::from_env();
    let key = match (&global.api_key_file, global.api_key_stdin) {
        (Some(path), _) => Some(
            std::fs::File::open(path)
                .and_then(|f| first_line(std::io::BufReader::new(f)))
                .map_err(|e| Usage(format!("cannot read the key from {}: {e}", path.display())))?,
        ),
        (None, true) => Some(
            first_line(std::io::stdin().lock())
                .map_err(|e| Usage(format!("cannot read the key from stdin: {e}")))?,
        ),
        (None, false) => None,
    };
    if global.user_key && key.is_none() {
        return Err(Usage(
            "--user-key applies to a key read by --api-key-stdin or --api-key-file; for a key \
             in the environment, set COMPOSIO_USER_API_KEY instead"
                .to_owned(),
        ));
    }
    if key.as_deref().is_some_and(|k| k.trim().is_empty()) {
        return Err(Usage(
            "the API key read from stdin or the file is empty".to_owned(),
        ));
    }
    builder = match key {
        Some(key) if global.user_key => builder.user_api_key(key),
        Some(key) => builder.api_key(key),
        None => builder,
    };
    if let Some(url) = &global.base_url {
        builder = builder.base_url(url);
    }
    if let Some(seconds) = global.timeout {
        let timeout = Duration::try_from_secs_f64(seconds)
            .map_err(|_| Usage(format!("--timeout {seconds} is not a number of seconds")))?;
        builder = builder.timeout(timeout);
    }
    if let Some(retries) = global.max_retries {
        builder = builder.max_retries(retries);
    }
    builder.build().map_err(|e| Usage(e.to_string()))
}

fn first_line(mut reader: impl BufRead) -> std::io::Result<String> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    Ok(line.trim().to_owned())
}

/// The request body: `--body` if given, with the flags set on top of it.
fn body_with<T: serde::de::DeserializeOwned + Serialize>(
    body: Option<&str>,
    flags: &[(&str, Option<&String>)],
) -> Result<T, Usage> {
    let mut json = match body {
        Some(text) => serde_json::from_str::<serde_json::Value>(text)
            .map_err(|e| Usage(format!("--body is not JSON: {e}")))?,
        None => serde_json::json!({}),
    };
    let Some(object) = json.as_object_mut() else {
        return Err(Usage("--body must be a JSON object".to_owned()));
    };
    for (name, value) in flags {
        if let Some(value) = value {
            object.insert(
                (*name).to_owned(),
                serde_json::Value::String((*value).clone()),
            );
        }
    }
    let given: Vec<String> = object.keys().cloned().collect();
    let body: T = serde_path_to_error::deserialize(json).map_err(|e| {
        let path = e.path().to_string();
        Usage(format!(
            "invalid request body at `{path}`: {}",
            e.into_inner()
        ))
    })?;
    // The generated types ignore fields they do not have: refuse what this API version's body
    // would silently drop (`--alias` on v3, a misspelt `--body` key) instead of sending less.
    let kept = serde_json::to_value(&body)
        .map_err(|e| Usage(format!("cannot serialize the request body: {e}")))?;
    if let Some(dropped) = given.iter().find(|key| kept.get(key.as_str()).is_none()) {
        return Err(Usage(format!(
            "`{dropped}` is not a field of this API version's request body"
        )));
    }
    Ok(body)
}

fn tool_router_body<T: serde::de::DeserializeOwned + Serialize>(
    args: &ToolRouterArgs,
) -> Result<T, Usage> {
    body_with(
        args.body.as_deref(),
        &[
            ("toolkit", args.toolkit.as_ref()),
            ("callback_url", args.callback_url.as_ref()),
            ("alias", args.alias.as_ref()),
        ],
    )
}

fn connected_body<T: serde::de::DeserializeOwned + Serialize>(
    args: &ConnectedAccountArgs,
) -> Result<T, Usage> {
    body_with(
        args.body.as_deref(),
        &[
            ("auth_config_id", args.auth_config_id.as_ref()),
            ("user_id", args.user_id.as_ref()),
            ("callback_url", args.callback_url.as_ref()),
            ("alias", args.alias.as_ref()),
            ("account_type", args.account_type.as_ref()),
        ],
    )
}

/// Prints a response body in the chosen format.
fn print(format: Format, value: &impl Serialize) -> Result<(), Usage> {
    let json = serde_json::to_value(value)
        .map_err(|e| Usage(format!("cannot print the response: {e}")))?;
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&json)
            .map_err(|e| Usage(format!("cannot print the response: {e}")))?,
        Format::Text => {
            let mut lines = Vec::new();
            flatten("", &json, &mut lines);
            lines.join("\n")
        }
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}").map_err(|e| Usage(format!("cannot write to stdout: {e}")))
}

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
