//! From a spec edit to a release, on a scratch copy of the workspace made a git repository:
//! `release` refuses with nothing under `Unreleased`, with a dirty work tree and with stale
//! generated code; `regen` adds the edit's changes to `CHANGELOG.md` once, however often it
//! runs; `release --dry-run` shows the release and writes nothing; `release` moves the entries
//! under the next version, dated, and sets that version in both manifests and the lock file.

use std::path::Path;
use std::process::Command;

use serde_yaml_ng::Value;
use xtask::codegen::Mode;
use xtask::commands;
use xtask::error::EXIT_STALE;
use xtask::layout::{CHANGELOG_PATH, CLIENT_MANIFEST, LOCK_FILE, ROOT_MANIFEST};
use xtask::release::Version;
use xtask::scratch::Workspace;
use xtask::{Error, Outcome};

const DATE: &str = "2026-12-06";
const REMOVED_PATH: &str = "/api/v3.1/tool_router/session/{session_id}/link";
const REMOVED_METHOD: &str = "post_tool_router_session_by_session_id_link";

/// The specs, the generated files, both manifests, the lock file and the changelog of the real
/// workspace (its `Unreleased` entries left out: the test releases only its own edit),
/// committed in a new git repository.
fn repository() -> Workspace {
    let real = composio_link_tests::workspace_root();
    let copy = Workspace::layout_of(&real).unwrap_or_else(|e| panic!("{e}"));
    for path in [CHANGELOG_PATH, CLIENT_MANIFEST, ROOT_MANIFEST, LOCK_FILE] {
        let mut bytes = std::fs::read(real.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        if path == CHANGELOG_PATH {
            bytes = without_unreleased(&String::from_utf8_lossy(&bytes)).into_bytes();
        }
        copy.put(path, &bytes).unwrap_or_else(|e| panic!("{e}"));
    }
    git(copy.root(), &["init", "-q"]);
    commit(copy.root());
    copy
}

/// `changelog` with nothing under `## [Unreleased]`: the released versions after it kept.
fn without_unreleased(changelog: &str) -> String {
    let heading = "## [Unreleased]\n";
    let Some((head, rest)) = changelog.split_once(heading) else {
        return changelog.to_owned();
    };
    match rest.find("\n## [") {
        Some(next) => format!("{head}{heading}{}", &rest[next..]),
        None => format!("{head}{heading}"),
    }
}

fn git(root: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(root)
        .output()
        .unwrap_or_else(|e| panic!("git: {e}"));
    assert!(output.status.success(), "git {args:?}: {output:?}");
}

fn commit(root: &Path) {
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "step"]);
}

fn read(copy: &Workspace, path: &str) -> String {
    std::fs::read_to_string(copy.path(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The edit: [`REMOVED_PATH`] removed from the v3.1 spec of `copy`, not regenerated.
fn remove_operation(copy: &Workspace) {
    copy.edit_spec("v3.1", |document| {
        let Some(Value::Mapping(paths)) = document.get_mut("paths") else {
            return Err("no paths".to_owned());
        };
        paths
            .remove(REMOVED_PATH)
            .map(|_| ())
            .ok_or_else(|| format!("no {REMOVED_PATH}"))
    })
    .unwrap_or_else(|e| panic!("{e}"));
}

/// `release` on `copy` (dry run or not), expected to refuse with `refusal`; nothing changes.
fn refused(copy: &Workspace, refusal: fn(&Error) -> bool) -> String {
    let before = copy.entries().unwrap_or_else(|e| panic!("{e}"));
    for dry_run in [true, false] {
        match commands::release(copy.root(), dry_run, DATE) {
            Err(error) if refusal(&error) => {
                assert_eq!(error.exit_code(), EXIT_STALE, "{error}");
                assert!(
                    copy.entries().unwrap_or_else(|e| panic!("{e}")) == before,
                    "a refused release changed files: {error}"
                );
                if !dry_run {
                    return error.to_string();
                }
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
    unreachable!()
}

#[test]
fn a_spec_edit_goes_from_regen_to_release() {
    let copy = repository();
    let version = |path: &str| {
        let text = read(&copy, path);
        let line = text
            .lines()
            .find(|l| l.starts_with("version = ") || l.starts_with("composio-link = {"))
            .map(str::to_owned);
        line.unwrap_or_default()
    };
    let from = read(&copy, CLIENT_MANIFEST)
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| Version::parse(v.trim_end_matches('"')))
        .unwrap_or_else(|| panic!("no version in {CLIENT_MANIFEST}"));

    // Nothing under Unreleased.
    let message = refused(&copy, |e| matches!(e, Error::NothingToRelease));
    assert!(message.contains("lists no change"), "{message}");

    // The edit: an operation removed from v3.1, committed without a regen.
    remove_operation(&copy);
    commit(copy.root());
    let message = refused(&copy, |e| matches!(e, Error::StaleForRelease { .. }));
    assert!(
        message.contains("generated-client/src/generated/v3_1.rs"),
        "{message}"
    );

    // regen: the summary's bump, and its entries in the changelog.
    let summary = xtask::summary::regen_summary(copy.root()).unwrap_or_else(|e| panic!("{e}"));
    let bump = summary.bump();
    // The `REQUEST_CONSTRAINTS` rows of the removed operation in the committed v3.1 module.
    let rows = composio_link_tests::constraint_rows(
        &read(&copy, "generated-client/src/generated/v3_1.rs"),
        REMOVED_METHOD,
    );
    assert!(
        rows > 1,
        "the removed operation has no constraint rows to count"
    );
    let regen = || commands::regen(Mode::Write, copy.root()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(regen(), Outcome::Clean);
    let changelog = read(&copy, CHANGELOG_PATH);
    let entry = format!(
        "- v3.1: `Client` removed the method `Client::{REMOVED_METHOD}` (+ {rows} constraint \
         rows) ({bump})"
    );
    let (_, unreleased) = changelog
        .split_once("## [Unreleased]\n\n")
        .unwrap_or_else(|| panic!("no Unreleased in:\n{changelog}"));
    assert!(
        unreleased.starts_with("### Removed\n\n") && unreleased.contains(&format!("{entry}\n")),
        "{changelog}"
    );
    assert!(
        unreleased
            .lines()
            .all(|l| !l.starts_with("- ") || l.starts_with("- v3.1: ")),
        "{changelog}"
    );

    // The same edit regenerated again (the generated files put back): nothing added twice.
    git(
        copy.root(),
        &["checkout", "--", "generated-client/src/generated"],
    );
    assert_eq!(regen(), Outcome::Clean);
    assert_eq!(read(&copy, CHANGELOG_PATH), changelog);

    // Uncommitted: refused.
    let message = refused(&copy, |e| matches!(e, Error::DirtyTree { .. }));
    assert!(message.contains(CHANGELOG_PATH), "{message}");
    commit(copy.root());

    // --dry-run: the plan, nothing written.
    let to = from.next(bump);
    let plan = xtask::release::plan(copy.root(), DATE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((plan.from, plan.to, plan.bump), (from, to, bump));
    assert!(plan.entries.contains(&entry), "{plan}");
    let before = copy.entries().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        commands::release(copy.root(), true, DATE).unwrap_or_else(|e| panic!("{e}")),
        Outcome::Clean
    );
    assert!(copy.entries().unwrap_or_else(|e| panic!("{e}")) == before);

    // The release.
    assert_eq!(
        commands::release(copy.root(), false, DATE).unwrap_or_else(|e| panic!("{e}")),
        Outcome::Clean
    );
    let released = read(&copy, CHANGELOG_PATH);
    assert!(
        released.contains(&format!(
            "## [Unreleased]\n\n## [{to}] - {DATE}\n\n### Removed\n\n{entry}\n"
        )),
        "{released}"
    );
    assert_eq!(version(CLIENT_MANIFEST), format!("version = \"{to}\""));
    assert!(
        version(ROOT_MANIFEST).contains(&format!("version = \"{to}\"")),
        "{}",
        version(ROOT_MANIFEST)
    );
    assert!(
        read(&copy, LOCK_FILE).contains(&format!("name = \"composio-link\"\nversion = \"{to}\"\n")),
        "Cargo.lock"
    );
    // Only the four files changed, and Unreleased is empty again.
    commit(copy.root());
    refused(&copy, |e| matches!(e, Error::NothingToRelease));
}

#[test]
fn outside_a_git_work_tree_release_refuses() {
    let copy = Workspace::layout_of(&composio_link_tests::workspace_root())
        .unwrap_or_else(|e| panic!("{e}"));
    let message = refused(&copy, |e| matches!(e, Error::NotGit { .. }));
    assert!(message.contains("not a git work tree"), "{message}");
}

/// regen writes the changelog with the generated files, all or nothing: when the changelog
/// cannot be written, no generated file changes either.
#[test]
fn a_changelog_regen_cannot_write_leaves_the_generated_files_as_they_were() {
    let copy = repository();
    remove_operation(&copy);
    // A directory where the changelog's new text would be written first.
    let blocker = xtask::codegen::write::temp_path(&copy.path(CHANGELOG_PATH));
    std::fs::create_dir(&blocker).unwrap_or_else(|e| panic!("{}: {e}", blocker.display()));
    let before = copy.entries().unwrap_or_else(|e| panic!("{e}"));

    let error = match commands::regen(Mode::Write, copy.root()) {
        Ok(outcome) => panic!("regen wrote around a blocked changelog: {outcome:?}"),
        Err(error) => error.to_string(),
    };

    assert!(error.contains(CHANGELOG_PATH), "{error}");
    assert!(
        copy.entries().unwrap_or_else(|e| panic!("{e}")) == before,
        "a regen that could not write the changelog changed files: {error}"
    );
}
