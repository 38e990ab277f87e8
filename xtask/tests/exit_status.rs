//! The real `xtask` binary's exit statuses (0 ok, 1 stale, 2 bad input, 3 file system), run
//! with `regen --root` on temporary copies of the workspace layout, never on the real tree.
//! The exact messages of the whole bad-spec corpus are pinned in tests/tests/bad_specs.rs; this
//! file runs a representative subset through the binary and checks that `--help` documents the
//! statuses.

// The helpers panic on a failed expectation, as the tests do (clippy.toml allows that inside
// `#[test]` functions only).
#![allow(clippy::expect_used)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use xtask::error::{EXIT_BAD_INPUT, EXIT_IO, EXIT_OK, EXIT_STALE};
use xtask::layout::{CHANGELOG_PATH, GENERATED_DIR, SPEC_DIR, workspace_root};
use xtask::scratch::{Entry, Workspace};

/// A temporary copy of `spec/` and the generated files; `stale` appends a line to each
/// generated file.
fn workspace(stale: bool) -> Workspace {
    let workspace = Workspace::layout_of(&workspace_root()).expect("a copy of the workspace");
    if stale {
        workspace.make_stale().expect("stale generated files");
    }
    workspace
}

fn put(workspace: &Workspace, relative: &str, bytes: &[u8]) {
    workspace.put(relative, bytes).expect("write");
}

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("run xtask")
}

fn regen(root: &Path, check: bool) -> Output {
    let root = root.to_str().expect("a UTF-8 temporary path");
    let mut args = vec!["regen", "--root", root];
    if check {
        args.push("--check");
    }
    xtask(&args)
}

fn status(output: &Output) -> i32 {
    output.status.code().expect("an exit status, not a signal")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `regen` (write mode) on `root`, expecting `expected` and no file changed; returns
/// stderr.
fn refused(workspace: &Workspace, expected: u8) -> String {
    let before = workspace.entries().expect("entries");
    let output = regen(workspace.root(), false);
    let stderr = stderr(&output);
    assert_eq!(status(&output), i32::from(expected), "{stderr}");
    assert!(
        workspace.entries().expect("entries") == before,
        "a failed regen changed files: {stderr}"
    );
    assert!(
        stderr.contains("regen: no generated file was changed"),
        "{stderr}"
    );
    stderr
}

/// `error: spec/v3.1.yaml:LINE:COLUMN: ...`
fn names_line_and_column(stderr: &str) -> bool {
    let Some(rest) = stderr.strip_prefix("error: spec/v3.1.yaml:") else {
        return false;
    };
    let mut parts = rest.splitn(3, ':');
    let mut number = || {
        parts
            .next()
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    };
    number() && number()
}

#[test]
fn help_documents_the_exit_statuses() {
    for args in [&["--help"][..], &["regen", "--help"][..]] {
        let output = xtask(args);
        assert_eq!(status(&output), 0);
        let help = String::from_utf8_lossy(&output.stdout);
        for line in [
            "Exit status:",
            "0  success",
            "1  `regen --check` found stale or missing generated files",
            "2  bad input",
            "3  a file-system error",
        ] {
            assert!(
                help.contains(line),
                "{args:?} does not say {line:?}:\n{help}"
            );
        }
    }
}

#[test]
fn up_to_date_exits_0() {
    let dir = workspace(false);
    let before = dir.entries().expect("entries");
    for check in [true, false] {
        let output = regen(dir.root(), check);
        assert_eq!(status(&output), i32::from(EXIT_OK), "{}", stderr(&output));
    }
    assert!(
        dir.entries().expect("entries") == before,
        "a no-op regen changed files"
    );
}

#[test]
fn stale_check_exits_1_and_writes_nothing() {
    let dir = workspace(true);
    let before = dir.entries().expect("entries");
    let output = regen(dir.root(), true);
    assert_eq!(
        status(&output),
        i32::from(EXIT_STALE),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("is stale relative to spec/v3.yaml"));
    assert!(
        dir.entries().expect("entries") == before,
        "--check changed files"
    );
}

#[test]
fn stale_write_exits_0_and_rewrites_every_file() {
    let dir = workspace(true);
    let output = regen(dir.root(), false);
    assert_eq!(status(&output), i32::from(EXIT_OK), "{}", stderr(&output));
    let clean = workspace(false);
    let mut entries = dir.entries().expect("entries");
    // The stale mark differs from the committed files in their code alone: the changelog the
    // copy did not have now lists that (a patch), and nothing else was added.
    let changelog = entries.remove(Path::new(CHANGELOG_PATH));
    assert!(
        matches!(&changelog, Some(Entry::File(text)) if String::from_utf8_lossy(text).contains("(patch)")),
        "{changelog:?}"
    );
    assert!(
        entries == clean.entries().expect("entries"),
        "the rewritten files differ from the committed ones, or a temporary file was left"
    );
}

#[test]
fn bad_specs_exit_2_name_a_line_and_change_nothing() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/bad-specs");
    for name in [
        "unclosed-quote.yaml",
        "empty.yaml",
        "openapi-3.1.yaml",
        "missing-response-description.yaml",
        "unresolved-ref.yaml",
        "different-error-schemas.yaml",
        "json-without-schema.yaml",
        "type-file.yaml",
    ] {
        let dir = workspace(true);
        let bad = fs::read(corpus.join(name)).expect("corpus file");
        put(&dir, &format!("{SPEC_DIR}/v3.1.yaml"), &bad);
        let stderr = refused(&dir, EXIT_BAD_INPUT);
        assert!(names_line_and_column(&stderr), "{name}: {stderr}");
    }
}

#[test]
fn invalid_utf8_exits_2() {
    let dir = workspace(true);
    put(
        &dir,
        &format!("{SPEC_DIR}/v3.1.yaml"),
        b"openapi: 3.0.3\ninfo: \xff\n",
    );
    let stderr = refused(&dir, EXIT_BAD_INPUT);
    assert!(
        stderr.starts_with("error: spec/v3.1.yaml:2:7: "),
        "{stderr}"
    );
}

#[test]
fn a_missing_spec_folder_exits_2() {
    let dir = workspace(true);
    fs::remove_dir_all(dir.root().join(SPEC_DIR)).expect("remove spec/");
    let stderr = refused(&dir, EXIT_BAD_INPUT);
    assert!(stderr.starts_with("error: spec/: "), "{stderr}");
}

#[test]
fn a_spec_not_named_after_a_version_exits_2() {
    let dir = workspace(true);
    let spec = fs::read(dir.root().join(format!("{SPEC_DIR}/v3.1.yaml"))).expect("spec");
    put(&dir, &format!("{SPEC_DIR}/latest.yaml"), &spec);
    let stderr = refused(&dir, EXIT_BAD_INPUT);
    assert!(
        stderr.starts_with("error: spec/latest.yaml: not an API version"),
        "{stderr}"
    );
}

#[test]
fn a_file_system_failure_exits_3() {
    let dir = workspace(true);
    fs::remove_dir_all(dir.root().join(GENERATED_DIR)).expect("remove generated/");
    put(&dir, GENERATED_DIR, b"not a folder\n");
    let stderr = refused(&dir, EXIT_IO);
    assert!(stderr.starts_with("error: generated-client/"), "{stderr}");
}

#[test]
fn a_wrong_command_line_exits_2() {
    let output = xtask(&["regen", "--no-such-flag"]);
    assert_eq!(status(&output), i32::from(EXIT_BAD_INPUT));
}
