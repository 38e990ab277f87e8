//! `cargo xtask`: the maintainer commands of the composio-link workspace.

#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use xtask::codegen::{self, Mode};

/// Exit status when everything is up to date or was written.
const EXIT_OK: u8 = codegen::EXIT_OK;
/// Exit status of `--check` when a generated file is stale or missing.
const EXIT_STALE: u8 = codegen::EXIT_STALE;
/// Exit status when a spec (or the spec folder) is bad input.
const EXIT_BAD_INPUT: u8 = codegen::EXIT_BAD_INPUT;
/// Exit status when the file system failed.
const EXIT_IO: u8 = codegen::EXIT_IO;

/// The exit statuses, as `--help` and `regen --help` show them (README.md's "Updating the spec"
/// says the same).
const EXIT_STATUS_HELP: &str = "Exit status:\n  \
    0  success: the generated files are up to date, or were written\n  \
    1  `regen --check` found stale or missing generated files\n  \
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
        /// The workspace to regenerate [default: the one this xtask was built from].
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
        #[arg(long, default_value = "text", value_parser = xtask::drift::Format::NAMES)]
        format: String,
    },
    /// Compare spec/ with Composio's own OpenAPI document (a file, or an https URL) for the
    /// operations spec/ covers, classified as if we adopted the vendor's version.
    #[command(
        after_help = "Exit status: 0 no difference, 1 differences found, 2 bad input \
                            (unreadable file or URL, not an OpenAPI document, a spec of ours \
                            that does not load)."
    )]
    Upstream {
        /// The vendor document: a path, or an https:// URL (http:// only from loopback).
        source: String,
        /// `text`: a header line and one line per difference (grouped by status and
        /// operation); `json`: every difference, for tools; `markdown`: a pull-request comment;
        /// `github`: one GitHub Actions workflow command per difference.
        #[arg(long, default_value = "text", value_parser = xtask::drift::Format::NAMES)]
        format: String,
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
    let cli = Cli::parse();
    match cli.command {
        Command::Regen { check, root } => regen(
            if check { Mode::Check } else { Mode::Write },
            root.unwrap_or_else(codegen::workspace_root),
        ),
        Command::Surface { version } => surface(version.as_deref()),
        Command::Drift { from, to, format } => match (from, to) {
            // `cargo xtask drift v3.2`: what v3.2 changed, from the version before it.
            (Some(only), None) => drift(None, Some(&only), &format),
            (from, to) => drift(from.as_deref(), to.as_deref(), &format),
        },
        Command::Upstream { source, format } => upstream(&source, &format),
        Command::Selftest { case } => selftest(case.as_deref()),
    }
}

fn selftest(filter: Option<&str>) -> ExitCode {
    let outcomes = xtask::selftest::run(&codegen::workspace_root(), filter);
    let failed = outcomes.iter().filter(|o| o.result.is_err()).count();
    println!("{} passed, {failed} failed", outcomes.len() - failed);
    if outcomes.is_empty() {
        eprintln!("error: no selftest case matches");
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    ExitCode::from(if failed == 0 { EXIT_OK } else { EXIT_STALE })
}

fn regen(mode: Mode, root: PathBuf) -> ExitCode {
    // Made before anything is written: it compares the surface about to be written with the
    // committed one. It is printed only when regen wrote (or, with --check, found stale)
    // files; when it cannot be made (a committed module that does not parse, say), regen still
    // runs and the reason is a warning.
    let outputs = match codegen::generate_all(&root) {
        Ok(outputs) => outputs,
        Err(e) => return regen_failed(&e),
    };
    let summary = xtask::drift::summary_of(&root, &outputs);
    let code = regen_files(mode, &root, outputs);
    let report = match mode {
        Mode::Write => code == ExitCode::from(EXIT_OK),
        Mode::Check => code == ExitCode::from(EXIT_STALE),
    };
    if report {
        match summary {
            Ok(summary) => eprint!("{summary}"),
            Err(e) => eprintln!("warning: no semver summary: {e}"),
        }
    }
    code
}

fn regen_files(mode: Mode, root: &std::path::Path, outputs: Vec<codegen::Output>) -> ExitCode {
    match codegen::apply(root, outputs, mode) {
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
                if stale.removed {
                    eprintln!("regen: removed {} (its spec is gone)", stale.path);
                } else {
                    eprintln!("regen: wrote {} (from {})", stale.path, stale.spec);
                }
            }
            ExitCode::from(EXIT_OK)
        }
        Err(e) => regen_failed(&e),
    }
}

fn regen_failed(e: &codegen::CodegenError) -> ExitCode {
    eprintln!("error: {e}");
    eprintln!("regen: no generated file was changed");
    ExitCode::from(e.exit_code())
}

fn surface(version: Option<&str>) -> ExitCode {
    finish(
        xtask::surface::listing(&codegen::workspace_root(), version),
        xtask::surface::SurfaceError::is_bad_input,
    )
}

fn drift(from: Option<&str>, to: Option<&str>, format: &str) -> ExitCode {
    // clap accepts only the names of `Format::NAMES`.
    let format = xtask::drift::Format::from_name(format).unwrap_or_default();
    finish(
        xtask::drift::render(&codegen::workspace_root(), from, to, format),
        xtask::drift::DriftError::is_bad_input,
    )
}

/// Prints a command's output and exits 0, or prints its error and exits 2 (bad input) or 3.
fn finish<E: std::fmt::Display>(
    result: Result<String, E>,
    is_bad_input: fn(&E) -> bool,
) -> ExitCode {
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::from(EXIT_OK)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(if is_bad_input(&e) {
                EXIT_BAD_INPUT
            } else {
                EXIT_IO
            })
        }
    }
}

fn upstream(source: &str, format: &str) -> ExitCode {
    use xtask::upstream;
    let report = upstream::read_source(source)
        .and_then(|bytes| upstream::compare(&codegen::workspace_root(), source, &bytes));
    match report {
        Ok(report) => {
            // clap accepts only the names of `Format::NAMES`.
            let text = report.render(xtask::drift::Format::from_name(format).unwrap_or_default());
            match text {
                Ok(text) => print!("{text}"),
                Err(e) => {
                    eprintln!("error: cannot write the report: {e}");
                    return ExitCode::from(EXIT_BAD_INPUT);
                }
            }
            ExitCode::from(if report.changes().next().is_some() {
                EXIT_STALE
            } else {
                EXIT_OK
            })
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}
