//! `cargo xtask regen` on an unchanged tree writes nothing: every generated file keeps its
//! bytes and its modification time, and no temporary file is left beside it, so cargo rebuilds
//! nothing after a no-op regen. Runs on a temporary copy of the workspace layout.

#[path = "../benches/support/tree.rs"]
mod tree;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use xtask::codegen::{self, Mode};

/// A modification time far in the past: any write by regen moves a file's time to now, so a
/// write is seen even on a file system with coarse timestamps and even if the bytes are equal.
fn long_ago() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000)
}

/// Every file in the folders of the generated outputs: name → (bytes, modification time).
fn snapshot(tree: &tree::Tree) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    let mut files = BTreeMap::new();
    for output in &tree.outputs {
        let folder = tree
            .path(&output.path)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| panic!("{} has no folder", output.path));
        let entries = fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
        for entry in entries {
            let path = entry
                .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
                .path();
            let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let modified = fs::metadata(&path)
                .and_then(|m| m.modified())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            files.insert(path.display().to_string(), (bytes, modified));
        }
    }
    files
}

/// A tree whose generated files all carry [`long_ago`] as their modification time.
fn aged_tree() -> tree::Tree {
    let tree = tree::Tree::up_to_date();
    for output in &tree.outputs {
        let path = tree.path(&output.path);
        fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|file| file.set_modified(long_ago()))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    tree
}

#[test]
fn regen_of_an_unchanged_tree_writes_nothing() {
    let tree = aged_tree();
    let before = snapshot(&tree);
    assert_eq!(
        before.values().filter(|(_, t)| *t == long_ago()).count(),
        tree.outputs.len()
    );

    let report =
        codegen::regen(tree.root(), Mode::Write).unwrap_or_else(|e| panic!("regen failed: {e}"));

    assert!(report.stale.is_empty(), "a no-op regen wrote:\n{report}");
    assert_eq!(report.unchanged.len(), tree.outputs.len());
    assert_eq!(
        snapshot(&tree),
        before,
        "a no-op regen changed a generated file"
    );
}

/// The check above can fail: after one changed description, regen rewrites exactly the files
/// generated from that spec (new bytes, new time) and leaves every other file as it was.
#[test]
fn regen_after_one_changed_description_writes_only_that_specs_files() {
    let tree = aged_tree();
    let stale: Vec<String> = tree
        .change_one_description()
        .into_iter()
        .map(|o| o.path)
        .collect();
    let before = snapshot(&tree);

    let report =
        codegen::regen(tree.root(), Mode::Write).unwrap_or_else(|e| panic!("regen failed: {e}"));

    let written: Vec<&str> = report.stale.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(written, stale);
    let after = snapshot(&tree);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "regen left a temporary file behind or removed a file"
    );
    let stale_keys: Vec<String> = stale
        .iter()
        .map(|path| tree.path(path).display().to_string())
        .collect();
    for (path, (bytes, modified)) in &after {
        let (old_bytes, old_modified) = &before[path];
        if stale_keys.contains(path) {
            assert_ne!(bytes, old_bytes, "{path}: not rewritten");
            assert_ne!(
                modified, old_modified,
                "{path}: modification time unchanged"
            );
        } else {
            assert_eq!(
                (bytes, modified),
                (old_bytes, old_modified),
                "{path}: touched"
            );
        }
    }
    let module = tree.path(&stale[0]).display().to_string();
    assert!(
        String::from_utf8_lossy(&after[&module].0).contains("Changed by the regen benchmark."),
        "{module}: the changed description is not in the regenerated module"
    );
    assert_eq!(
        codegen::regen(tree.root(), Mode::Check)
            .map(|r| r.stale.len())
            .map_err(|e| e.to_string()),
        Ok(0)
    );
}
