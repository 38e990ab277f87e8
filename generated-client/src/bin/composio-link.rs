//! `composio-link`: the operations of the Composio API from the command line.
//!
//! The shell around the subcommands the generator emits from the specs
//! (`composio_link::cli::versions`): one subcommand per API version and per operation, a flag
//! per parameter and per top-level scalar body property (or `--body` with the whole JSON body).
//! This file holds only what is the same for every operation: the key from
//! `COMPOSIO_API_KEY`/`COMPOSIO_USER_API_KEY` or read from stdin/a file (never from a flag
//! value, which would land in shell history and process lists), the base URL, timeouts, the
//! output format (JSON on stdout by default) and the exit statuses, and `--wait` on the link
//! subcommands of a version that can read a connected account (the generated
//! `composio_link::cli::Wait`).

#![forbid(unsafe_code)]

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use std::collections::BTreeMap;

use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, ValueEnum};
use composio_link::cli::{self, Failure, Input, Kind, Target};
use composio_link::prelude::*;

/// Exit status: the call succeeded.
const EXIT_OK: u8 = 0;
/// Exit status: the API answered with an error (4xx/5xx, or a body it should not have sent).
const EXIT_API: u8 = 1;
/// Exit status: the command line, the configuration or the input is wrong; nothing was sent.
const EXIT_USAGE: u8 = 2;
/// Exit status: the API could not be reached (connection, timeout), or `--wait` timed out.
const EXIT_TRANSPORT: u8 = 3;

#[derive(Parser)]
#[command(
    name = "composio-link",
    version,
    about = "Call the Composio API's auth-link operations from the command line",
    after_help = "The API key comes from COMPOSIO_API_KEY (project key, sent as x-api-key) or \
                  COMPOSIO_USER_API_KEY (user key, sent as x-user-api-key), or from \
                  --api-key-stdin / --api-key-file. COMPOSIO_BASE_URL overrides the base URL.\n\n\
                  Exit status: 0 success, 1 the API answered with an error, 2 usage or \
                  configuration error (nothing sent), 3 the API could not be reached.\n\n\
                  With --wait on a link subcommand: 0 the connected account is ACTIVE, 1 it \
                  ended FAILED, EXPIRED or INACTIVE (or the API answered with an error), 3 the \
                  wait timed out (or the API could not be reached)."
)]
struct Cli {
    #[command(flatten)]
    global: Global,
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

/// A failure of the CLI itself, before any request: the usage exit status.
struct Usage(String);

/// The flags of the shell; an operation's flag of the same name is prefixed with `body-` or
/// `param-`, so that both stay reachable.
const SHELL_FLAGS: &[&str] = &[
    "api-key-stdin",
    "api-key-file",
    "user-key",
    "base-url",
    "format",
    "timeout",
    "max-retries",
    "body",
    "wait",
    "poll-interval",
    "help",
    "version",
];

/// The whole command line: the shell's flags, then a subcommand per API version holding a
/// subcommand per operation, built from the generated tables.
fn command() -> clap::Command {
    let mut command = Cli::command()
        .subcommand_required(true)
        .arg_required_else_help(true);
    for version in cli::versions() {
        let mut sub = clap::Command::new(version.name)
            .about(version.about)
            .subcommand_required(true)
            .arg_required_else_help(true);
        for operation in version.commands {
            sub = sub.subcommand(operation_command(operation, waits(version, operation)));
        }
        command = command.subcommand(sub);
    }
    command
}

/// The wait of `version` when `operation` is one of its link operations.
fn waits(version: &cli::Version, operation: &cli::Command) -> Option<&'static cli::Wait> {
    version
        .wait
        .filter(|wait| wait.operations.contains(&operation.operation_id))
}

fn operation_command(
    operation: &'static cli::Command,
    wait: Option<&'static cli::Wait>,
) -> clap::Command {
    let mut command = clap::Command::new(operation.name)
        .about(operation.about)
        .long_about(operation.long_about);
    for arg in operation.args {
        let mut flag = clap::Arg::new(arg_id(arg))
            .long(flag_name(arg))
            .value_name(arg.name.to_uppercase())
            .help(arg.help)
            .help_heading("Request");
        if !arg.values.is_empty() {
            flag = flag.value_parser(clap::builder::PossibleValuesParser::new(arg.values));
        } else if arg.kind == Kind::Boolean {
            flag = flag.value_parser(["true", "false"]);
        }
        if arg.required {
            flag = match arg.target {
                Target::Body if operation.body => flag.required_unless_present("body"),
                _ => flag.required(true),
            };
        }
        command = command.arg(flag);
    }
    if operation.body {
        command = command.arg(
            clap::Arg::new("body")
                .long("body")
                .value_name("JSON")
                .help("The whole request body as JSON; flags given as well override its fields")
                .help_heading("Request"),
        );
    }
    if wait.is_some() {
        command = command
            .arg(
                clap::Arg::new("wait")
                    .long("wait")
                    .value_name("SECONDS")
                    .num_args(0..=1)
                    .require_equals(true)
                    .default_missing_value("60")
                    .value_parser(seconds)
                    .help(
                        "After printing the link, wait until its connected account is ACTIVE \
                         (at most SECONDS, default 60) and print the account",
                    )
                    .help_heading("Waiting"),
            )
            .arg(
                clap::Arg::new("poll-interval")
                    .long("poll-interval")
                    .value_name("SECONDS")
                    .requires("wait")
                    .value_parser(seconds)
                    .help("Seconds from one poll of the account to the next (default 1)")
                    .help_heading("Waiting"),
            );
    }
    command
}

/// A number of seconds, as a `Duration`.
fn seconds(text: &str) -> Result<Duration, String> {
    text.parse::<f64>()
        .ok()
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
        .ok_or_else(|| format!("`{text}` is not a number of seconds"))
}

/// The clap id of an operation's flag, apart from the shell's ids whatever the flag is called.
fn arg_id(arg: &cli::Arg) -> String {
    match arg.target {
        Target::Param => format!("param:{}", arg.name),
        Target::Body => format!("body:{}", arg.name),
    }
}

fn flag_name(arg: &cli::Arg) -> String {
    if SHELL_FLAGS.contains(&arg.flag) {
        match arg.target {
            Target::Body => format!("body-{}", arg.flag),
            Target::Param => format!("param-{}", arg.flag),
        }
    } else {
        arg.flag.to_owned()
    }
}

fn main() -> ExitCode {
    let matches = command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
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
    runtime.block_on(run(&cli.global, &matches))
}

/// The operation the command line names, with its version and its own matches.
fn chosen(
    matches: &ArgMatches,
) -> Option<(&'static cli::Version, &'static cli::Command, &ArgMatches)> {
    let (version, matches) = matches.subcommand()?;
    let (operation, matches) = matches.subcommand()?;
    let version = cli::versions().iter().find(|v| v.name == version)?;
    let operation = version.commands.iter().find(|c| c.name == operation)?;
    Some((version, operation, matches))
}

async fn run(global: &Global, matches: &ArgMatches) -> ExitCode {
    let Some((version, operation, matches)) = chosen(matches) else {
        return fail(EXIT_USAGE, "no operation given; see --help");
    };
    // `--wait` exists only on the link subcommands of a version with a wait.
    let wait = waits(version, operation).and_then(|wait| {
        let timeout = matches.try_get_one::<Duration>("wait").ok().flatten()?;
        let interval = matches
            .try_get_one::<Duration>("poll-interval")
            .ok()
            .flatten()
            .copied()
            .unwrap_or(composio_link::wait::DEFAULT_POLL_INTERVAL);
        Some((wait, *timeout, interval))
    });
    let input = match input(operation, matches) {
        Ok(input) => input,
        Err(Usage(message)) => return fail(EXIT_USAGE, &message),
    };
    let client = match client(global) {
        Ok(client) => client,
        Err(Usage(message)) => return fail(EXIT_USAGE, &message),
    };
    let body = match respond(global.format, (operation.call)(&client, input).await) {
        Ok(body) => body,
        Err(status) => return status,
    };
    let Some((wait, timeout, interval)) = wait else {
        return ExitCode::from(EXIT_OK);
    };
    let Some(id) = body.get(wait.id_field).and_then(serde_json::Value::as_str) else {
        return fail(
            EXIT_API,
            &format!("the response has no `{}` to wait for", wait.id_field),
        );
    };
    match respond(
        global.format,
        (wait.call)(&client, id.to_owned(), timeout, interval).await,
    ) {
        Ok(_) => ExitCode::from(EXIT_OK),
        Err(status) => status,
    }
}

/// Prints the body of a call, or its failure with the exit status it means.
fn respond(
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

/// What the operation sends: its parameters, and `--body` with the body flags set on top.
fn input(operation: &cli::Command, matches: &ArgMatches) -> Result<Input, Usage> {
    let mut body = match matches.try_get_one::<String>("body").ok().flatten() {
        Some(text) => match serde_json::from_str::<serde_json::Value>(text) {
            Ok(serde_json::Value::Object(map)) => map,
            Ok(_) => return Err(Usage("--body must be a JSON object".to_owned())),
            Err(e) => return Err(Usage(format!("--body is not JSON: {e}"))),
        },
        None => serde_json::Map::new(),
    };
    let mut params = BTreeMap::new();
    for arg in operation.args {
        let Some(value) = matches.get_one::<String>(&arg_id(arg)) else {
            continue;
        };
        match arg.target {
            Target::Param => {
                params.insert(arg.name, value.clone());
            }
            Target::Body => {
                let json = arg
                    .kind
                    .parse(value)
                    .map_err(|e| Usage(format!("--{}: {e}", flag_name(arg))))?;
                body.insert(arg.name.to_owned(), json);
            }
        }
    }
    Ok(Input::new(params, body))
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
