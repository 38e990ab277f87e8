//! The `composio-link` binary's own help and version (feature `cli`). Its behaviour against a
//! server is tested in the tests crate (`tests/tests/cli.rs`); this test also makes
//! `cargo test --all-features` build the binary those tests run.

#![allow(clippy::panic, reason = "a test fails by panicking, helpers included")]

use std::process::Command;

fn run(args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_composio-link"))
        .args(args)
        .env_remove("COMPOSIO_API_KEY")
        .env_remove("COMPOSIO_USER_API_KEY")
        .output()
        .unwrap_or_else(|e| panic!("cannot run composio-link: {e}"));
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn help_lists_both_api_versions_and_the_exit_statuses() {
    let (code, help) = run(&["--help"]);
    assert_eq!(code, Some(0));
    for expected in [
        "v3 ",
        "v3.1 ",
        "COMPOSIO_API_KEY",
        "Exit status: 0 success, 1 the API answered with an error, 2 usage or configuration error",
    ] {
        assert!(
            help.contains(expected),
            "{expected:?} missing from:\n{help}"
        );
    }
    let (code, v31) = run(&["v3.1", "--help"]);
    assert_eq!(code, Some(0));
    assert!(
        v31.contains("tool-router-link") && v31.contains("connected-accounts-link"),
        "{v31}"
    );
}

#[test]
fn version_is_the_crate_version() {
    let (code, version) = run(&["--version"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        version.trim(),
        concat!("composio-link ", env!("CARGO_PKG_VERSION"))
    );
}
