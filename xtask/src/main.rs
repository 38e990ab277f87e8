//! `cargo xtask`: the maintainer commands of the composio-link workspace.

#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use xtask::codegen::{self, Mode};

/// Exit status when everything is up to date or was written.
const EXIT_OK: u8 = 0;
/// Exit status of `--check` when a generated file is stale or missing.
const EXIT_STALE: u8 = 1;
/// Exit status when a spec (or the spec folder) is bad input.
const EXIT_BAD_INPUT: u8 = 2;
/// Exit status when the file system failed.
const EXIT_IO: u8 = 3;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Maintainer commands of the composio-link workspace",
    after_help = "Exit status: 0 success, 1 `--check` found stale or missing generated files, \
                  2 bad input (a spec that does not load or generate), 3 a file-system error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate generated-client/src/generated/ from spec/ (all or nothing).
    Regen {
        /// Write nothing; fail, with a diff, if any generated file is stale or missing.
        #[arg(long)]
        check: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Regen { check } => regen(if check { Mode::Check } else { Mode::Write }),
    }
}

fn regen(mode: Mode) -> ExitCode {
    let root = codegen::workspace_root();
    match codegen::regen(&root, mode) {
        Ok(report) if report.stale.is_empty() => {
            eprintln!(
                "regen: {} generated file(s) up to date",
                report.unchanged.len()
            );
            ExitCode::from(EXIT_OK)
        }
        Ok(report) if mode == Mode::Check => {
            eprint!("{report}");
            eprintln!(
                "error: generated code is out of date relative to spec/; run `cargo xtask regen` \
                 and commit the result"
            );
            ExitCode::from(EXIT_STALE)
        }
        Ok(report) => {
            for stale in &report.stale {
                eprintln!("regen: wrote {} (from {})", stale.path, stale.spec);
            }
            ExitCode::from(EXIT_OK)
        }
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("regen: no generated file was changed");
            ExitCode::from(if e.is_bad_input() {
                EXIT_BAD_INPUT
            } else {
                EXIT_IO
            })
        }
    }
}
