//! `composio-link`: the operations of the Composio API from the command line.
//!
//! The shell around the subcommands the generator emits from the specs
//! (`composio_link::cli::versions`): one subcommand per API version and per operation, a flag
//! per parameter and per top-level scalar body property (or `--body` with the whole JSON body).
//! The shell holds only what is the same for every operation: the key from
//! `COMPOSIO_API_KEY`/`COMPOSIO_USER_API_KEY` or read from stdin/a file (`key.rs`), the base URL,
//! timeouts and retries (`args.rs`, `client.rs`), the command line built from the generated tables
//! (`command.rs`), the output format, JSON on stdout by default (`output.rs`), the exit statuses
//! (`exit.rs`), `--wait` on the link subcommands of a version that can read a connected
//! account (the generated `composio_link::cli::Wait`), `--all` on the subcommands of operations
//! that page (every item as a line of JSON), and the confirmation of a `DELETE`
//! (`confirm.rs`). `main.rs` runs the chosen operation.

#![forbid(unsafe_code)]

mod args;
mod client;
mod command;
mod confirm;
mod exit;
mod key;
mod output;

use std::process::ExitCode;
use std::time::Duration;

use clap::{ArgMatches, FromArgMatches};
use composio_link::cli;

use args::{Cli, Global};
use command::{command, input, waits};
use exit::{EXIT_API, EXIT_OK, EXIT_TRANSPORT, EXIT_USAGE, Usage, fail};
use output::{respond, respond_lines};

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
    if let Err(Usage(message)) = confirm::confirmed(operation, matches) {
        return fail(EXIT_USAGE, &message);
    }
    let client = match client::client(global) {
        Ok(client) => client,
        Err(Usage(message)) => return fail(EXIT_USAGE, &message),
    };
    // `--all` exists only on the subcommands of operations that page.
    if let Some(all) = operation.all
        && matches.get_flag("all")
    {
        return respond_lines(global.format, all(&client, input)).await;
    }
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
