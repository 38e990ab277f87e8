//! Each `cargo xtask` command of the shell blocks of `README.md` and `docs/*.md`, run through
//! the real xtask binary with `--help` added: clap checks the subcommand, flags and values
//! before it prints the help, so a misspelt one fails here. The pages are read with
//! `tests/src/docs.rs`, the reader the tests crate's `docs_pages.rs` uses.

use std::process::Command;

use xtask::layout::workspace_root;

// The reader panics on a page it cannot read, as the tests crate's helpers do (that crate
// does not take the workspace lints); this test uses only part of it.
#[allow(dead_code, clippy::panic)]
#[path = "../../tests/src/docs.rs"]
mod docs;

#[test]
fn every_xtask_command_parses() {
    let mut ran = Vec::new();
    for (at, words) in docs::shell_commands(&workspace_root()) {
        if words.first().is_none_or(|w| w != "cargo") || words.get(1).is_none_or(|w| w != "xtask") {
            continue;
        }
        let args = &words[2..];
        let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(args)
            .arg("--help")
            .output()
            .unwrap_or_else(|e| panic!("cannot run the xtask binary: {e}"));
        assert!(
            output.status.success(),
            "{at}: `cargo xtask {} --help` is refused: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
        ran.push(args.first().cloned().unwrap_or_default());
    }
    for subcommand in [
        "regen", "surface", "drift", "upstream", "selftest", "release",
    ] {
        assert!(
            ran.iter().any(|s| s == subcommand),
            "no `cargo xtask {subcommand}` in the docs' shell blocks"
        );
    }
}
