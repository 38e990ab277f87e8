//! The real `xtask` binary's exit statuses (0 ok, 1 stale, 2 bad input, 3 file system), run
//! with `regen --root` on temporary copies of the workspace layout, never on the real tree.
//! The exact messages of the whole bad-spec corpus are pinned in tests/tests/bad_specs.rs; this
//! file runs a representative subset through the binary and checks that `--help` documents the
//! statuses.

// The helpers panic on a failed expectation, as the tests do (clippy.toml allows that inside
// `#[test]` functions only).
#![allow(clippy::expect_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use xtask::codegen::{
    self, EXIT_BAD_INPUT, EXIT_IO, EXIT_OK, EXIT_STALE, GENERATED_DIR, SPEC_DIR, VersionPaths,
};

/// A temporary copy of `spec/` and the generated files; `stale` appends a line to each
/// generated file.
fn workspace(stale: bool) -> tempfile::TempDir {
    let real = codegen::workspace_root();
    let dir = tempfile::tempdir().expect("temporary folder");
    for version in codegen::versions(&real).expect("versions") {
        put(
            dir.path(),
            &version.spec_path(),
            &fs::read(real.join(version.spec_path())).expect("spec"),
        );
    }
    for output in codegen::generated_paths(&real).expect("versions") {
        let mut generated = fs::read(real.join(&output)).expect("generated");
        if stale {
            generated.extend_from_slice(b"// stale\n");
        }
        put(dir.path(), &output, &generated);
    }
    dir
}

fn put(root: &Path, relative: &str, bytes: &[u8]) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().expect("a parent")).expect("create folder");
    fs::write(path, bytes).expect("write");
}

/// Every file under `root` with its bytes.
fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("read folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let bytes = fs::read(&path).expect("read");
                found.insert(path, bytes);
            }
        }
    }
    found
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
fn refused(root: &Path, expected: u8) -> String {
    let before = files(root);
    let output = regen(root, false);
    let stderr = stderr(&output);
    assert_eq!(status(&output), i32::from(expected), "{stderr}");
    assert!(
        files(root) == before,
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
    let before = files(dir.path());
    for check in [true, false] {
        let output = regen(dir.path(), check);
        assert_eq!(status(&output), i32::from(EXIT_OK), "{}", stderr(&output));
    }
    assert!(files(dir.path()) == before, "a no-op regen changed files");
}

#[test]
fn stale_check_exits_1_and_writes_nothing() {
    let dir = workspace(true);
    let before = files(dir.path());
    let output = regen(dir.path(), true);
    assert_eq!(
        status(&output),
        i32::from(EXIT_STALE),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("is stale relative to spec/v3.yaml"));
    assert!(files(dir.path()) == before, "--check changed files");
}

#[test]
fn stale_write_exits_0_and_rewrites_every_file() {
    let dir = workspace(true);
    let output = regen(dir.path(), false);
    assert_eq!(status(&output), i32::from(EXIT_OK), "{}", stderr(&output));
    let clean = workspace(false);
    let strip = |files: BTreeMap<PathBuf, Vec<u8>>, root: &Path| -> BTreeMap<PathBuf, Vec<u8>> {
        files
            .into_iter()
            .map(|(path, bytes)| (path.strip_prefix(root).expect("inside").to_owned(), bytes))
            .collect()
    };
    assert!(
        strip(files(dir.path()), dir.path()) == strip(files(clean.path()), clean.path()),
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
        put(dir.path(), &format!("{SPEC_DIR}/v3.1.yaml"), &bad);
        let stderr = refused(dir.path(), EXIT_BAD_INPUT);
        assert!(names_line_and_column(&stderr), "{name}: {stderr}");
    }
}

#[test]
fn invalid_utf8_exits_2() {
    let dir = workspace(true);
    put(
        dir.path(),
        &format!("{SPEC_DIR}/v3.1.yaml"),
        b"openapi: 3.0.3\ninfo: \xff\n",
    );
    let stderr = refused(dir.path(), EXIT_BAD_INPUT);
    assert!(
        stderr.starts_with("error: spec/v3.1.yaml:2:7: "),
        "{stderr}"
    );
}

#[test]
fn a_missing_spec_folder_exits_2() {
    let dir = workspace(true);
    fs::remove_dir_all(dir.path().join(SPEC_DIR)).expect("remove spec/");
    let stderr = refused(dir.path(), EXIT_BAD_INPUT);
    assert!(stderr.starts_with("error: spec/: "), "{stderr}");
}

#[test]
fn a_spec_not_named_after_a_version_exits_2() {
    let dir = workspace(true);
    let spec = fs::read(dir.path().join(format!("{SPEC_DIR}/v3.1.yaml"))).expect("spec");
    put(dir.path(), &format!("{SPEC_DIR}/latest.yaml"), &spec);
    let stderr = refused(dir.path(), EXIT_BAD_INPUT);
    assert!(
        stderr.starts_with("error: spec/latest.yaml: not an API version"),
        "{stderr}"
    );
}

#[test]
fn a_file_system_failure_exits_3() {
    let dir = workspace(true);
    fs::remove_dir_all(dir.path().join(GENERATED_DIR)).expect("remove generated/");
    put(dir.path(), GENERATED_DIR, b"not a folder\n");
    let stderr = refused(dir.path(), EXIT_IO);
    assert!(stderr.starts_with("error: generated-client/"), "{stderr}");
}

#[test]
fn a_wrong_command_line_exits_2() {
    let output = xtask(&["regen", "--no-such-flag"]);
    assert_eq!(status(&output), i32::from(EXIT_BAD_INPUT));
}
