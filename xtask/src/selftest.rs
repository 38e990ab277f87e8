//! `cargo xtask selftest`: proof that every spec edit `regen` accepts yields a crate that
//! compiles, or that `regen` refuses it and says why.
//!
//! Each case of [`CASES`] edits the specs of a scratch copy of the workspace the way a
//! maintainer would (rename a schema, remove or add an operation, add a field, add or remove an
//! API version), runs `regen` on the copy, and then `cargo check -p composio-link
//! --all-features` there (and, for the edits that rename or remove something docs could link
//! to, `cargo doc` with `-Dwarnings`). Cases that add something also compile a probe (an example calling the
//! new operation's `execute()` and its typed mock) and run the copy's CLI to find the new
//! subcommand or flag. Nothing outside the scratch copy is touched; the copies share the real
//! workspace's `target/` so that dependencies compile once.
//!
//! Each case that regen accepts also states the version bump regen must announce for it (an
//! added operation, field or enum value is `minor`, a removal `major`), checked against the
//! summary regen prints before it writes; cargo-semver-checks referees every bump below
//! `major` (`selftest/referee.rs`).
//!
//! It is slow (a `cargo check` per case), so it runs from `cargo xtask selftest` and `.ci/run`,
//! not from `cargo test`. The cases are in [`cases`].

pub mod cases;
mod referee;

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

pub use cases::{CASES, Case};

use crate::codegen::{self, Mode};
use crate::scratch::Workspace;
use crate::summary::summary_of;

/// What one case found.
pub struct Outcome {
    /// The case.
    pub name: &'static str,
    /// `Ok(summary)` or `Err(what went wrong)`.
    pub result: Result<String, String>,
}

/// Runs every case whose name contains `filter` (all when `None`) on scratch copies of the
/// workspace at `root`, printing a line per case as it ends.
pub fn run(root: &Path, filter: Option<&str>) -> Vec<Outcome> {
    let target = root.join("target");
    CASES
        .iter()
        .filter(|case| filter.is_none_or(|f| case.name.contains(f)))
        .map(|case| {
            let started = Instant::now();
            let result = run_case(root, &target, case);
            let seconds = started.elapsed().as_secs();
            match &result {
                Ok(summary) => println!("ok   {} ({seconds} s): {summary}", case.name),
                Err(e) => println!("FAIL {} ({seconds} s): {}\n{e}", case.name, case.what),
            }
            Outcome {
                name: case.name,
                result,
            }
        })
        .collect()
}

fn run_case(root: &Path, target: &Path, case: &Case) -> Result<String, String> {
    let scratch =
        Workspace::copy_of(root, &format!("selftest-{}", case.name)).map_err(|e| e.to_string())?;
    (case.edit)(&scratch).map_err(|e| format!("the edit failed: {e}"))?;
    let copy = scratch.root();
    // Generated once, for the summary regen prints before writing and for the files it writes.
    let generated = codegen::generate_all(copy);
    if let Some(expected) = case.bump {
        let no_summary = |e: &dyn std::fmt::Display| format!("no regen summary: {e}");
        let outputs = generated.as_ref().map_err(|e| no_summary(e))?;
        let summary = summary_of(copy, outputs).map_err(|e| no_summary(&e))?;
        if summary.bump() != expected {
            return Err(format!(
                "regen announces a {} bump, the edit needs {expected}:\n{summary}",
                summary.bump()
            ));
        }
    }
    let regen = generated.and_then(|outputs| codegen::apply(copy, outputs, Mode::Write));
    match (case.refused_with, regen) {
        (Some(expected), Err(e)) if e.to_string().contains(expected) => {
            return Ok(format!("regen refused it: {e}"));
        }
        (Some(expected), Err(e)) => {
            return Err(format!("regen refused it, but not with `{expected}`: {e}"));
        }
        (Some(_), Ok(_)) => return Err("regen accepted an edit it must refuse".to_owned()),
        (None, Err(e)) => return Err(format!("regen refused it: {e}")),
        (None, Ok(_)) => {}
    }
    let mut check = vec![
        "check",
        "-p",
        "composio-link",
        "--all-features",
        "--lib",
        "--bins",
    ];
    if let Some(probe) = case.probe {
        let path = copy.join("generated-client/examples/selftest_probe.rs");
        fs::write(&path, probe).map_err(|e| format!("{}: {e}", path.display()))?;
        check.extend(["--example", "selftest_probe"]);
    }
    cargo(copy, target, &check)?;
    let mut summary = match case.bump {
        Some(bump) => format!("regen announced a {bump} bump, regen and cargo check passed"),
        None => "regen and cargo check passed".to_owned(),
    };
    if let Some(bump) = case.bump
        && let Some(note) = referee::check(root, copy, target, bump)?
    {
        summary.push_str(&format!(", {note}"));
    }
    if case.docs {
        cargo_with(
            copy,
            target,
            &["doc", "-p", "composio-link", "--all-features", "--no-deps"],
            &[("RUSTDOCFLAGS", "-Dwarnings")],
        )?;
        summary.push_str(", its docs build without a warning");
    }
    if case.probe.is_some() {
        summary.push_str(", the probe compiled");
    }
    if let Some((args, expected)) = case.cli {
        let mut run = vec![
            "run",
            "-q",
            "-p",
            "composio-link",
            "--features",
            "cli",
            "--bin",
            "composio-link",
            "--",
        ];
        run.extend(args);
        let help = cargo(copy, target, &run)?;
        if let Some(missing) = expected.iter().find(|e| !help.contains(**e)) {
            return Err(format!(
                "`composio-link {}` does not show `{missing}`:\n{help}",
                args.join(" ")
            ));
        }
        summary.push_str(&format!(", `composio-link {}` shows it", args.join(" ")));
    }
    Ok(summary)
}

/// Runs cargo in the scratch copy with the shared target folder; its stdout, or its stderr as
/// the error.
fn cargo(copy: &Path, target: &Path, args: &[&str]) -> Result<String, String> {
    cargo_with(copy, target, args, &[])
}

/// As [`cargo`], with extra environment variables.
fn cargo_with(
    copy: &Path,
    target: &Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> Result<String, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(args)
        .arg("--locked")
        .current_dir(copy)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_TERM_COLOR", "never")
        .envs(env.iter().copied())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(format!(
            "`cargo {}` failed:\n{}",
            args.join(" "),
            tail(&String::from_utf8_lossy(&output.stderr), 60)
        ))
    }
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}
