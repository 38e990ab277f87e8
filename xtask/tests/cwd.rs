//! The real `xtask` binary works on the workspace it is run in, found at run time from its
//! current directory, not on the one it was compiled in: run in a second workspace (a scratch
//! copy), it reads and writes only there.

// The helpers panic on a failed expectation, as the tests do (clippy.toml allows that inside
// `#[test]` functions only).
#![allow(clippy::expect_used)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use xtask::error::{EXIT_BAD_INPUT, EXIT_OK};
use xtask::layout::{SPEC_DIR, workspace_root};
use xtask::scratch::Workspace;

const MODULE: &str = "generated-client/src/generated/v3_1.rs";

/// A second workspace: the specs, the generated files and the root `Cargo.toml` (whose
/// `[workspace]` marks it) of the real one.
fn second_workspace() -> Workspace {
    let real = workspace_root();
    let copy = Workspace::layout_of(&real).expect("a copy of the workspace");
    let manifest = fs::read(real.join("Cargo.toml")).expect("the root Cargo.toml");
    copy.put("Cargo.toml", &manifest).expect("write Cargo.toml");
    copy
}

/// Runs the binary with `args` in `dir`, with no hint of any workspace in its environment.
fn xtask_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(dir)
        .env_remove("CARGO_MANIFEST_DIR")
        .output()
        .expect("run xtask")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts that `output` exited with `code`, showing its stderr when not.
#[track_caller]
fn assert_status(output: &Output, code: u8) {
    assert_eq!(
        output.status.code(),
        Some(i32::from(code)),
        "{}",
        stderr(output)
    );
}

fn read(path: &Path) -> Vec<u8> {
    fs::read(path).expect("a generated module")
}

#[test]
fn regen_in_a_second_workspace_writes_only_there() {
    let copy = second_workspace();
    let real_module = read(&workspace_root().join(MODULE));
    let spec = copy.spec_text("v3.1").expect("spec");
    let edited = spec.replacen(
        "description: Connected accounts and their auth links",
        "description: Connected accounts and their auth links, edited",
        1,
    );
    assert_ne!(edited, spec, "the spec has no description to edit");
    copy.write_spec("v3.1", &edited).expect("write spec");

    // From a folder below the root, as `cargo xtask` is often run.
    let output = xtask_in(&copy.path("generated-client"), &["regen"]);
    assert_status(&output, EXIT_OK);
    assert!(
        stderr(&output).contains("regen: wrote generated-client/src/generated/v3_1.rs"),
        "{}",
        stderr(&output)
    );
    assert_ne!(
        read(&copy.path(MODULE)),
        real_module,
        "the copy's module was not written"
    );
    assert_eq!(
        read(&workspace_root().join(MODULE)),
        real_module,
        "regen wrote into the tree it was compiled in"
    );
}

#[test]
fn drift_in_a_second_workspace_reads_only_its_specs() {
    let copy = second_workspace();
    let output = xtask_in(copy.root(), &["drift", "v3", "v3.1"]);
    assert_status(&output, EXIT_OK);

    // The copy's spec folder moved away: the real tree still has one, but the copy's is the one
    // that counts.
    fs::rename(copy.path(SPEC_DIR), copy.path("spec-moved")).expect("move spec/");
    assert!(workspace_root().join(SPEC_DIR).is_dir());
    let output = xtask_in(copy.root(), &["drift", "v3", "v3.1"]);
    assert_status(&output, EXIT_BAD_INPUT);
    assert!(
        stderr(&output).starts_with("error: spec/: cannot read the spec folder"),
        "{}",
        stderr(&output)
    );
    assert!(output.stdout.is_empty(), "it printed a report: {output:?}");
}

#[test]
fn outside_any_workspace_it_says_so() {
    let empty = Workspace::empty().expect("a scratch folder");
    let output = xtask_in(empty.root(), &["surface"]);
    assert_status(&output, EXIT_BAD_INPUT);
    assert!(
        stderr(&output).contains("not inside a Cargo workspace"),
        "{}",
        stderr(&output)
    );
}
