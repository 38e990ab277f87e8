//! The pages a user reads, `README.md` and `docs/*.md`, kept true: the README fits on two
//! screens and links every page; every link leads to a file (and heading) that exists; every
//! code block is of a kind a test checks: `rust` blocks are doc tests (`tests/src/lib.rs`
//! includes each page), each `composio-link` command of a `sh` block is run through the
//! binary's parser with `--help` (`cargo xtask` commands: `xtask/tests/docs_commands.rs`),
//! `text` blocks are the real output, `yaml` and `toml` blocks parse.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use composio_link_tests::docs::{Block, blocks, pages, read, shell_commands};
use xtask::scratch::{Workspace, schema_mut};
use xtask::summary::regen_summary;

/// The README's limit: two screens.
const README_MAX_LINES: usize = 120;

fn root() -> PathBuf {
    composio_link_tests::workspace_root()
}

fn all_blocks() -> Vec<Block> {
    let root = root();
    pages(&root)
        .iter()
        .flat_map(|page| blocks(page, &read(&root, page)))
        .collect()
}

fn blocks_of(info: &str) -> Vec<Block> {
    all_blocks()
        .into_iter()
        .filter(|block| block.info == info)
        .collect()
}

#[test]
fn the_readme_fits_on_two_screens_and_links_every_page() {
    let root = root();
    let readme = read(&root, "README.md");
    let lines = readme.lines().count();
    assert!(lines <= README_MAX_LINES, "README.md has {lines} lines");
    let docs: Vec<String> = pages(&root).into_iter().skip(1).collect();
    assert!(!docs.is_empty(), "no page in docs/");
    let others = ["ARCHITECTURE.md", "CHANGELOG.md", "bench/REPORT.md"].map(String::from);
    for page in docs.into_iter().chain(others) {
        assert!(
            readme.contains(&format!("]({page})")),
            "README.md does not link {page}"
        );
    }
    let first = blocks("README.md", &readme);
    let commands = first
        .first()
        .map(|block| block.text.clone())
        .unwrap_or_default();
    assert!(
        commands.starts_with("cargo xtask regen ")
            && commands.contains("\ncargo test --workspace "),
        "README.md does not start with the two commands: {commands:?}"
    );
}

/// Every page's code blocks are compiled as doc tests: `tests/src/lib.rs` includes each.
#[test]
fn every_page_is_a_doc_test() {
    let root = root();
    let lib = read(&root, "tests/src/lib.rs");
    for page in pages(&root) {
        assert!(
            lib.contains(&format!("#[doc = include_str!(\"../../{page}\")]")),
            "tests/src/lib.rs does not include {page} as a doc test"
        );
    }
}

/// Every block is of a kind a test checks; a `rust` block is never ignored.
#[test]
fn every_block_is_checked() {
    let known = ["rust", "rust,no_run", "sh", "text", "yaml", "toml"];
    for block in all_blocks() {
        assert!(
            known.contains(&block.info.as_str()),
            "{}: a block of kind {:?}, which no test checks (one of {known:?})",
            block.at(),
            block.info
        );
    }
}

/// GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn anchors(text: &str) -> BTreeSet<String> {
    let mut in_block = false;
    let mut found = BTreeSet::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
        } else if !in_block && line.starts_with('#') {
            found.insert(anchor(line.trim_start_matches('#')));
        }
    }
    found
}

/// Every relative link of a page leads to a file, and its `#anchor` to a heading of it.
#[test]
fn every_link_leads_somewhere() {
    let root = root();
    for page in pages(&root) {
        let text = read(&root, &page);
        let folder = Path::new(&page).parent().unwrap_or(Path::new(""));
        for (_, rest) in text.match_indices("](").map(|(i, _)| text.split_at(i + 2)) {
            let Some(target) = rest.split(')').next() else {
                continue;
            };
            if target.starts_with("http") || target.is_empty() {
                continue;
            }
            let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
            let path = if file.is_empty() {
                root.join(&page)
            } else {
                root.join(folder).join(file)
            };
            assert!(path.exists(), "{page}: the link {target} leads nowhere");
            if !fragment.is_empty() {
                let linked = std::fs::read_to_string(&path).unwrap_or_default();
                assert!(
                    anchors(&linked).contains(fragment),
                    "{page}: the link {target} names no heading of {}",
                    path.display()
                );
            }
        }
    }
}

/// The programs a shell block may run; a misspelt one fails.
const PROGRAMS: [&str; 4] = ["composio-link", "cargo", "export", "jq"];

/// `cargo` commands other than `cargo xtask`: each names a package, example, path and feature
/// that exist.
#[test]
fn every_cargo_command_names_what_exists() {
    let root = root();
    let manifest = read(&root, "generated-client/Cargo.toml");
    for (at, words) in shell_commands(&root) {
        let program = words[0].as_str();
        assert!(
            PROGRAMS.contains(&program),
            "{at}: unknown program {program}"
        );
        if program != "cargo" || words.get(1).is_some_and(|w| w == "xtask") {
            continue;
        }
        let value = |flag: &str| {
            words
                .iter()
                .position(|w| w == flag)
                .and_then(|i| words.get(i + 1))
        };
        if let Some(package) = value("-p") {
            assert!(
                ["composio-link", "composio-link-tests", "xtask"].contains(&package.as_str()),
                "{at}: no package {package}"
            );
        }
        if let Some(example) = value("--example") {
            let file = root.join(format!("generated-client/examples/{example}.rs"));
            assert!(file.is_file(), "{at}: no example {example}");
        }
        if let Some(path) = value("--path") {
            assert!(
                root.join(path).join("Cargo.toml").is_file(),
                "{at}: no crate at {path}"
            );
        }
        if let Some(feature) = value("--features") {
            assert!(
                manifest.contains(&format!("\n{feature} = ")),
                "{at}: generated-client has no feature {feature}"
            );
        }
    }
}

/// Each `composio-link` command of a shell block, with `--help` added, is accepted by the
/// binary's parser: clap checks the subcommands, flags and values before it prints the help.
#[cfg(feature = "cli")]
#[test]
fn every_cli_command_parses() {
    let mut ran = 0;
    for (at, words) in shell_commands(&root()) {
        if words[0] != "composio-link" {
            continue;
        }
        let mut args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
        args.push("--help");
        let output = composio_link_tests::cli::run("http://127.0.0.1:9", &args);
        assert!(
            output.status.success(),
            "{at}: `composio-link {}` is refused: {}",
            args.join(" "),
            composio_link_tests::cli::stderr(&output)
        );
        ran += 1;
    }
    assert!(ran >= 8, "only {ran} composio-link commands in the docs");
}

/// Lines with their digits masked: positions and counts move with every spec edit, the words
/// do not.
fn masked(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect::<String>()
        .split('0')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("0")
}

/// A `text` block of drift lines is lines of the pinned v3 → v3.1 report (digits masked).
fn check_drift_lines(block: &Block) {
    let snapshot = read(
        &root(),
        "tests/tests/snapshots/drift__drift_report_v3_to_v3_1.snap",
    );
    let pinned: BTreeSet<String> = snapshot.lines().map(masked).collect();
    for line in block.text.lines() {
        assert!(
            pinned.contains(&masked(line)),
            "{}: not a line of the pinned drift report: {line}",
            block.at()
        );
    }
}

/// The regen summary shown is what regen prints for the edit it describes: a required
/// `nickname` added to `ConnectedAccountLinkRequest` in v3.1 (digits masked).
fn check_regen_summary(block: &Block) {
    let scratch = Workspace::layout_of(&root()).unwrap_or_else(|e| panic!("{e}"));
    scratch
        .edit_spec("v3.1", |document| {
            let schema = schema_mut(document, "ConnectedAccountLinkRequest")
                .ok_or("no ConnectedAccountLinkRequest")?;
            let field: serde_yaml_ng::Value =
                serde_yaml_ng::from_str("{type: string, description: A nickname}")
                    .map_err(|e| e.to_string())?;
            if let Some(serde_yaml_ng::Value::Mapping(properties)) = schema.get_mut("properties") {
                properties.insert("nickname".into(), field);
            }
            if let Some(serde_yaml_ng::Value::Sequence(required)) = schema.get_mut("required") {
                required.push("nickname".into());
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let summary = regen_summary(scratch.root())
        .unwrap_or_else(|e| panic!("{e}"))
        .to_string();
    assert_eq!(
        masked(block.text.trim_end()),
        masked(summary.trim_end()),
        "{}: the regen summary shown is not what regen prints:\n{summary}",
        block.at()
    );
}

/// Each `text` block is output a test can reproduce: drift lines or a regen summary.
#[test]
fn every_text_block_is_real_output() {
    let text_blocks = blocks_of("text");
    assert!(!text_blocks.is_empty());
    for block in text_blocks {
        if block.text.starts_with("semver: ") {
            check_regen_summary(&block);
        } else {
            check_drift_lines(&block);
        }
    }
}

#[test]
fn every_yaml_block_parses() {
    for block in blocks_of("yaml") {
        serde_yaml_ng::from_str::<serde_yaml_ng::Value>(&block.text)
            .unwrap_or_else(|e| panic!("{}: {e}", block.at()));
    }
}

/// A `toml` block parses, and each `[[accepted]]` entry it shows is one of the baseline's.
#[test]
fn every_toml_block_is_a_baseline_entry() {
    let baseline: toml::Table = read(&root(), "upstream-accepted.toml")
        .parse()
        .unwrap_or_else(|e| panic!("upstream-accepted.toml: {e}"));
    let accepted = baseline.get("accepted").and_then(toml::Value::as_array);
    for block in blocks_of("toml") {
        let shown: toml::Table = block
            .text
            .parse()
            .unwrap_or_else(|e| panic!("{}: {e}", block.at()));
        for entry in shown
            .get("accepted")
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
        {
            assert!(
                accepted.is_some_and(|all| all.contains(entry)),
                "{}: not an entry of upstream-accepted.toml: {entry:?}",
                block.at()
            );
        }
    }
}
