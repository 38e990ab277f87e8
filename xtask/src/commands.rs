//! What each subcommand of `cargo xtask` does and prints, and the one place where its result
//! becomes the exit status the process ends with.

use std::fs;
use std::io;
use std::path::Path;
use std::process::ExitCode;

use crate::codegen::{self, Companion, Mode};
use crate::error::{Error, Outcome, Result};
use crate::layout::CHANGELOG_PATH;
use crate::report::Format;
use crate::summary::RegenSummary;
use crate::{changelog, drift, release, selftest, summary, surface, upstream};

/// `cargo xtask regen [--check]`: regenerates (or checks) every generated file under `root`,
/// then prints the semver summary of what it wrote (or found stale); when it wrote, it adds the
/// summary's changes to `CHANGELOG.md` under `Unreleased` (each once).
///
/// # Errors
///
/// [`Error::Regen`], whose message says that no file was changed.
pub fn regen(mode: Mode, root: &Path) -> Result<Outcome> {
    let failed = |e| Error::Regen(Box::new(e));
    // Made before anything is written: it compares the surface about to be written with the
    // committed one. It is printed only when regen wrote (or, with --check, found stale)
    // files; when it cannot be made (a committed module that does not parse, say), regen still
    // runs and the reason is a warning.
    let outputs = codegen::generate_all(root).map_err(failed)?;
    let summary = summary::summary_of(root, &outputs);
    // The changelog with this regen's entries, made before anything is written and written
    // with the generated files, all or nothing, when one of them changes.
    let changelog = match (&summary, mode) {
        (Ok(summary), Mode::Write) => changelog_update(root, summary).map_err(failed)?,
        _ => None,
    };
    let added = changelog.as_ref().map(|(_, added)| *added);
    let companion = changelog.map(|(companion, _)| companion);
    let report = codegen::apply_with(root, outputs, mode, companion).map_err(failed)?;
    let outcome = if report.stale.is_empty() {
        eprintln!(
            "regen: {} generated file(s) up to date",
            report.unchanged.len()
        );
        Outcome::Clean
    } else if mode == Mode::Check {
        eprint!("{report}");
        eprintln!(
            "error: generated code is out of date relative to spec/; run `cargo xtask regen` \
             and commit the result"
        );
        Outcome::Found
    } else {
        for stale in &report.stale {
            if stale.removed {
                eprintln!("regen: removed {} (its spec is gone)", stale.path);
            } else {
                eprintln!("regen: wrote {} (from {})", stale.path, stale.spec);
            }
        }
        Outcome::Clean
    };
    if mode == Mode::Write || outcome == Outcome::Found {
        match summary {
            Ok(summary) => eprint!("{summary}"),
            Err(e) if mode == Mode::Write => {
                eprintln!("warning: no semver summary, so {CHANGELOG_PATH} was not updated: {e}");
            }
            Err(e) => eprintln!("warning: no semver summary: {e}"),
        }
    }
    if let (Some(added), false) = (added, report.stale.is_empty()) {
        eprintln!(
            "regen: added {added} entr{} to {CHANGELOG_PATH} under Unreleased",
            if added == 1 { "y" } else { "ies" }
        );
    }
    Ok(outcome)
}

/// The changelog under `root` with the entries of `summary` added under `Unreleased`, and how
/// many were added; `None` when it lists them all already.
fn changelog_update(root: &Path, summary: &RegenSummary) -> Result<Option<(Companion, usize)>> {
    let entries = changelog::entries(summary);
    if entries.is_empty() {
        return Ok(None);
    }
    let path = root.join(CHANGELOG_PATH);
    let current = match fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(Error::io(CHANGELOG_PATH, "cannot read the changelog")(
                source,
            ));
        }
    };
    Ok(
        changelog::with_entries(current.as_deref(), &entries).map(|(contents, added)| {
            let companion = Companion {
                path: CHANGELOG_PATH.to_owned(),
                original: current.map(String::into_bytes),
                contents,
            };
            (companion, added)
        }),
    )
}

/// `cargo xtask release [--dry-run]`: releases `composio-link` from the changes under
/// `Unreleased`, dated `date` (`YYYY-MM-DD`): prints what it does, and with `dry_run` writes
/// nothing.
///
/// # Errors
///
/// The refusals and failures of [`release::plan`]; a file that cannot be written.
pub fn release(root: &Path, dry_run: bool, date: &str) -> Result<Outcome> {
    let plan = release::plan(root, date)?;
    print!("{plan}");
    if dry_run {
        println!("release: --dry-run: nothing was written");
    } else {
        release::apply(root, &plan)?;
        println!(
            "release: wrote {}; commit them and tag v{}",
            plan.files
                .iter()
                .map(|(path, _)| *path)
                .collect::<Vec<_>>()
                .join(", "),
            plan.to
        );
    }
    Ok(Outcome::Clean)
}

/// `cargo xtask surface [VERSION]`: prints the listing of one version, or of each.
///
/// # Errors
///
/// As [`surface::listing`].
pub fn surface(root: &Path, version: Option<&str>) -> Result<Outcome> {
    print!("{}", surface::listing(root, version)?);
    Ok(Outcome::Clean)
}

/// `cargo xtask drift [FROM] [TO]`: prints the report between two versions in `format`.
///
/// # Errors
///
/// As [`drift::render`].
pub fn drift(root: &Path, from: Option<&str>, to: Option<&str>, format: Format) -> Result<Outcome> {
    print!("{}", drift::render(root, from, to, format)?);
    Ok(Outcome::Clean)
}

/// `cargo xtask upstream <FILE|URL>`: prints the comparison of `spec/` with the vendor
/// document in `format`, less what the baseline (`baseline`, or `upstream-accepted.toml`)
/// accepts, listing the accepted differences too when `show_accepted`; [`Outcome::Found`] when
/// a difference is new or a baseline entry is stale.
///
/// # Errors
///
/// [`Error::BadInput`]: whatever fails, the document, the baseline or one of our specs is at
/// fault.
pub fn upstream(
    root: &Path,
    source: &str,
    format: Format,
    baseline: Option<&Path>,
    document: Option<&str>,
    show_accepted: bool,
) -> Result<Outcome> {
    let compared = || {
        let baseline = upstream::read_baseline(root, baseline)?;
        let bytes = upstream::read_source(source)?;
        let document = document.map_or_else(|| upstream::document_name(source), str::to_owned);
        let mut report = upstream::compare_as(root, source, &document, &bytes, &baseline)?;
        report.show_accepted = show_accepted;
        let text = crate::report::render(&report, format).map_err(|source| Error::Json {
            action: "cannot write the report",
            source,
        })?;
        print!("{text}");
        Ok(if report.found() {
            Outcome::Found
        } else {
            Outcome::Clean
        })
    };
    compared().map_err(|e| Error::BadInput(Box::new(e)))
}

/// `cargo xtask selftest [CASE]`: runs the cases whose name contains `filter` and prints how
/// many passed; [`Outcome::Found`] when one failed.
///
/// # Errors
///
/// [`Error::NoCase`] when no case matches.
pub fn selftest(root: &Path, filter: Option<&str>) -> Result<Outcome> {
    let outcomes = selftest::run(root, filter);
    let failed = outcomes.iter().filter(|o| o.result.is_err()).count();
    println!("{} passed, {failed} failed", outcomes.len() - failed);
    if outcomes.is_empty() {
        return Err(Error::NoCase);
    }
    Ok(if failed == 0 {
        Outcome::Clean
    } else {
        Outcome::Found
    })
}

/// The exit status of a command: its outcome's, or, after printing the error, the error's.
pub fn finish(result: Result<Outcome>) -> ExitCode {
    match result {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
