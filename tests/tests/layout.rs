//! The shape of the workspace's hand-written code, checked the way rust-analyzer's tidy tests
//! check theirs: every source file is named in `ARCHITECTURE.md`, in the code map of its crate
//! (the one place a newcomer learns what a file is for), and no library or binary source file is over 400
//! lines (a file that long holds more than one job). Generated files are neither: they are
//! described by what generates them.

use std::fs;
use std::path::{Path, PathBuf};

/// The folders whose `.rs` files are hand-written, relative to the workspace root; `generated/`
/// below any of them is left out.
const SOURCE_DIRS: &[&str] = &[
    "generator/src",
    "xtask/src",
    "xtask/tests",
    "generated-client/src",
    "generated-client/examples",
    "generated-client/tests",
    "tests/src",
    "tests/tests",
    "tests/benches",
];

/// The folders of library and binary code, which the line limit applies to (tests aside).
const LIMITED_DIRS: &[&str] = &["generator/src", "xtask/src", "generated-client/src"];

/// The most lines a library or binary source file may have.
const MAX_LINES: usize = 400;

/// Every `.rs` file below `dir`, outside `generated/`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .path();
            if path.is_dir() {
                if path
                    .file_name()
                    .is_some_and(|n| n != "generated" && n != "snapshots")
                {
                    pending.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Each hand-written source file as (its path from the workspace root, the path from its
/// source folder, e.g. `codegen/glue/op.rs` for `generator/src/codegen/glue/op.rs`).
fn sources(dirs: &[&str]) -> Vec<(String, String)> {
    let root = composio_link_tests::workspace_root();
    let root = root.as_path();
    dirs.iter()
        .flat_map(|dir| {
            let base = root.join(dir);
            rust_files(&base).into_iter().map(move |path| {
                let inner = path.strip_prefix(&base).unwrap_or(&path);
                let whole = path.strip_prefix(root).unwrap_or(&path);
                (
                    whole.to_string_lossy().replace('\\', "/"),
                    inner.to_string_lossy().replace('\\', "/"),
                )
            })
        })
        .collect()
}

/// The part of `architecture` about the crate in folder `krate` (`generator`): from its
/// ``### `generator/` `` heading to the next heading of that level.
fn section<'a>(architecture: &'a str, krate: &str) -> &'a str {
    let heading = format!("### `{krate}/`");
    let Some(start) = architecture.find(&heading) else {
        return "";
    };
    let rest = &architecture[start + heading.len()..];
    let end = rest
        .find("\n### ")
        .or_else(|| rest.find("\n## "))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Whether the code map of the file's crate names the file at `inner`: its file name in
/// backticks (alone or ending a path), and every folder above it (below its source folder) as
/// `` `name/` `` or inside a backticked path.
fn names(section: &str, inner: &str) -> bool {
    let mut parts: Vec<&str> = inner.split('/').collect();
    let Some(file) = parts.pop() else {
        return false;
    };
    let file_named = section.contains(&format!("`{file}`"))
        || section.contains(&format!("/{file}`"))
        || section.contains(&format!("/{file}:"));
    file_named
        && parts
            .iter()
            .all(|folder| section.contains(&format!("{folder}/")))
}

#[test]
fn architecture_names_every_source_file() {
    let path = composio_link_tests::workspace_root().join("ARCHITECTURE.md");
    let architecture =
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let missing: Vec<String> = sources(SOURCE_DIRS)
        .into_iter()
        .filter(|(whole, inner)| {
            let krate = whole.split('/').next().unwrap_or_default();
            !names(section(&architecture, krate), inner)
        })
        .map(|(whole, _)| whole)
        .collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md does not name these source files; add each to its code map:\n  {}",
        missing.join("\n  ")
    );
}

#[test]
fn no_library_or_binary_file_is_over_the_limit() {
    let root = composio_link_tests::workspace_root();
    let long: Vec<String> = sources(LIMITED_DIRS)
        .into_iter()
        .filter_map(|(whole, _)| {
            let text =
                fs::read_to_string(root.join(&whole)).unwrap_or_else(|e| panic!("{whole}: {e}"));
            let lines = text.lines().count();
            (lines > MAX_LINES).then(|| format!("{whole}: {lines} lines"))
        })
        .collect();
    assert!(
        long.is_empty(),
        "these files are over {MAX_LINES} lines; split each by the jobs it does:\n  {}",
        long.join("\n  ")
    );
}
