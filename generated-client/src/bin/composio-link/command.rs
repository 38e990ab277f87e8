//! The whole command line, built at run time: the shell's flags, then a subcommand per API
//! version holding a subcommand per operation from the generated tables, and what a chosen
//! operation sends, read back from its matches.

use std::collections::BTreeMap;
use std::time::Duration;

use clap::{ArgMatches, CommandFactory};
use composio_link::cli::{self, Input, Kind, Target};

use crate::args::Cli;
use crate::exit::Usage;

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
    "all",
    "yes",
    "help",
    "version",
];

/// The whole command line: the shell's flags, then a subcommand per API version holding a
/// subcommand per operation, built from the generated tables.
pub(crate) fn command() -> clap::Command {
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
pub(crate) fn waits(
    version: &cli::Version,
    operation: &cli::Command,
) -> Option<&'static cli::Wait> {
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
        if arg.multiple {
            flag = flag
                .action(clap::ArgAction::Append)
                .help(format!("{} (repeat the flag for each value)", arg.help));
        }
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
    if operation.all.is_some() {
        command = command.arg(
            clap::Arg::new("all")
                .long("all")
                .action(clap::ArgAction::SetTrue)
                .help(
                    "Follow every page and print each item as one line of JSON (JSON Lines) \
                     instead of the first page",
                )
                .help_heading("Pages"),
        );
    }
    if operation.confirm {
        command = command.arg(
            clap::Arg::new("yes")
                .long("yes")
                .action(clap::ArgAction::SetTrue)
                .help("Delete without asking; required when standard input is not a terminal")
                .help_heading("Confirmation"),
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

/// The long flag of an operation's flag, prefixed when the shell has a flag of that name.
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

/// What the operation sends: its parameters, and `--body` with the body flags set on top.
pub(crate) fn input(operation: &cli::Command, matches: &ArgMatches) -> Result<Input, Usage> {
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
        let Some(values) = matches.get_many::<String>(&arg_id(arg)) else {
            continue;
        };
        let values: Vec<String> = values.cloned().collect();
        let Some(value) = values.last() else {
            continue;
        };
        match arg.target {
            Target::Param => {
                params.insert(arg.name, values);
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
