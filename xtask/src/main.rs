//! `cargo xtask`: the maintainer commands of the composio-link workspace.

#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use xtask::codegen::Mode;
use xtask::commands;
use xtask::error::Error;
use xtask::layout::find_workspace;
use xtask::report::Format;

/// The exit statuses, as `--help` and `regen --help` show them (docs/maintaining.md's "Regen
/// and its summary" says the same).
const EXIT_STATUS_HELP: &str = "Exit status:\n  \
    0  success: the generated files are up to date, or were written\n  \
    1  `regen --check` found stale or missing generated files (`release`: refused)\n  \
    2  bad input: a spec that does not load or generate (the message starts with\n     \
       spec/<file>:<line>:<column>), a missing or empty spec folder, a spec whose\n     \
       name is not an API version (v<N>.yaml, v<N>.<M>.yaml), or a wrong command line\n  \
    3  a file-system error: a generated file could not be read or written\n\
    A regen that fails changes no generated file.";

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Maintainer commands of the composio-link workspace",
    after_help = EXIT_STATUS_HELP
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate generated-client/src/generated/ from spec/ (all or nothing).
    #[command(after_help = EXIT_STATUS_HELP)]
    Regen {
        /// Write nothing; fail, with a diff, if any generated file is stale or missing.
        #[arg(long)]
        check: bool,
        /// The workspace to regenerate [default: the one the current directory is in].
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
    /// Print the generated Rust surface of one API version (`v3`, `v3.1`), or of each.
    Surface {
        /// The API version; every version when left out.
        version: Option<String>,
    },
    /// Print every difference between two API versions, classified at the wire level
    /// (oasdiff's rules) and the Rust level (cargo-semver-checks' lints).
    Drift {
        /// The API version compared from [default: the one before TO]. Given alone, it is the
        /// version compared to, from the one before it.
        from: Option<String>,
        /// The API version compared to [default: the newest].
        to: Option<String>,
        /// `text`: a header line and one line per change (grouped by status and operation);
        /// `json`: every change, for tools; `markdown`: a pull-request comment; `github`: one
        /// GitHub Actions workflow command per change.
        #[arg(long, default_value = "text", value_parser = Format::NAMES)]
        format: String,
    },
    /// Compare spec/ with Composio's own OpenAPI document (a file, or an https URL) for the
    /// operations spec/ covers (a version the vendor has no route of is compared with the
    /// vendor's nearest version of the same paths), classified as if we adopted the vendor's
    /// version; the differences the baseline (upstream-accepted.toml) accepts are counted, not
    /// listed, and its entries that accept nothing are named (stale).
    #[command(
        after_help = "Exit status: 0 no new difference and no stale baseline entry, 1 a new \
                            difference or a stale baseline entry, 2 bad input (unreadable \
                            file or URL, not an OpenAPI document, a spec of ours that does not \
                            load, a baseline that does not parse: file:line and the field)."
    )]
    Upstream {
        /// The vendor document: a path, or an https:// URL (http:// only from loopback).
        source: String,
        /// `text`: a header line and one line per difference (grouped by status and
        /// operation); `json`: every difference, for tools; `markdown`: a pull-request comment;
        /// `github`: one GitHub Actions workflow command per difference.
        #[arg(long, default_value = "text", value_parser = Format::NAMES)]
        format: String,
        /// The baseline of accepted differences [default: upstream-accepted.toml in the
        /// workspace root, none if absent].
        #[arg(long, value_name = "PATH")]
        baseline: Option<PathBuf>,
        /// The file name the baseline entries' `documents` know the vendor document by
        /// [default: the file name of the path or URL]; for a URL such as
        /// `.../openapi.json`, the name of the copy the entries were written against.
        #[arg(long, value_name = "NAME")]
        document: Option<String>,
        /// List the accepted differences too, under the entry that accepts each.
        #[arg(long)]
        show_accepted: bool,
    },
    /// Release composio-link: the next version from the bumps of the CHANGELOG.md entries under
    /// Unreleased (on 0.y.z a major change bumps y, the rest z), the entries moved under it with
    /// today's date (UTC), the version set in generated-client/Cargo.toml, the workspace's
    /// dependency line and Cargo.lock.
    #[command(
        after_help = "Exit status: 0 released (or shown, with --dry-run), 1 refused: not \
                            a git work tree, uncommitted changes, generated code out of date \
                            relative to spec/, or nothing under Unreleased; 2 a manifest or the \
                            lock file without the version; 3 a file-system error."
    )]
    Release {
        /// Print what the release would do; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Apply each of a corpus of spec edits (a renamed schema, a removed or added operation, an
    /// added field, an added or removed API version, an edit regen must refuse) to a scratch
    /// copy of the workspace, regenerate it, and check that `composio-link` compiles (lib,
    /// CLI, mocks, a probe of what was added). Slow: one cargo check per case.
    #[command(after_help = "Exit status: 0 every case held, 1 a case failed, 2 no case matches.")]
    Selftest {
        /// Only the cases whose name contains this.
        case: Option<String>,
    },
}

fn main() -> ExitCode {
    let command = Cli::parse().command;
    // The workspace the command is run in, found at run time (not the one this binary was
    // compiled in: with a shared target folder, that may be another clone).
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let root = match (&command, find_workspace(&cwd)) {
        (
            Command::Regen {
                root: Some(given), ..
            },
            _,
        ) => given.clone(),
        (_, Some(root)) => root,
        (_, None) => {
            return commands::finish(Err(Error::NoWorkspace {
                dir: cwd.display().to_string(),
            }));
        }
    };
    // clap accepts only the names of `Format::NAMES`.
    let format = |name: &str| Format::from_name(name).unwrap_or_default();
    commands::finish(match command {
        Command::Regen { check, .. } => {
            commands::regen(if check { Mode::Check } else { Mode::Write }, &root)
        }
        Command::Surface { version } => commands::surface(&root, version.as_deref()),
        Command::Drift {
            from,
            to,
            format: name,
        } => match (from, to) {
            // `cargo xtask drift v3.2`: what v3.2 changed, from the version before it.
            (Some(only), None) => commands::drift(&root, None, Some(&only), format(&name)),
            (from, to) => commands::drift(&root, from.as_deref(), to.as_deref(), format(&name)),
        },
        Command::Upstream {
            source,
            format: name,
            baseline,
            document,
            show_accepted,
        } => commands::upstream(
            &root,
            &source,
            format(&name),
            baseline.as_deref(),
            document.as_deref(),
            show_accepted,
        ),
        Command::Release { dry_run } => {
            commands::release(&root, dry_run, &xtask::release::today_utc())
        }
        Command::Selftest { case } => commands::selftest(&root, case.as_deref()),
    })
}
