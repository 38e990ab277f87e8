//! A throwaway copy of the part of the workspace that `xtask::codegen::regen` reads and writes
//! (an `xtask::scratch::Workspace`): `spec/`, and every output generated from it anew. Shared
//! by the regen benchmark (`tests/benches/regen.rs`) and the no-op regen test
//! (`tests/tests/regen_noop.rs`), so neither ever writes to the real checkout.

use std::fs;
use std::path::{Path, PathBuf};

use xtask::codegen::{self, Output};
use xtask::layout::{VersionPaths, workspace_root};
use xtask::scratch::Workspace;
use xtask::specs;

/// A temporary workspace layout whose generated files are up to date with its specs.
pub struct Tree {
    workspace: Workspace,
    /// Every generated file regen manages (path relative to [`Tree::root`], content).
    pub outputs: Vec<Output>,
}

impl Tree {
    /// Copies `spec/` of the real workspace and writes what regen generates from it, so the
    /// tree is up to date whatever state the real generated files are in.
    ///
    /// # Panics
    ///
    /// When the copy or the generation fails: nothing can be measured or tested without it.
    pub fn up_to_date() -> Self {
        let workspace = Workspace::specs_of(&workspace_root()).unwrap_or_else(|e| panic!("{e}"));
        let outputs = codegen::generate_all(workspace.root())
            .unwrap_or_else(|e| panic!("generation failed: {e}"));
        let tree = Tree { workspace, outputs };
        for output in &tree.outputs {
            tree.write(&output.path, &output.contents);
        }
        tree
    }

    /// The root of the tree (what regen takes as the workspace root).
    pub fn root(&self) -> &Path {
        self.workspace.root()
    }

    /// `relative` under the root.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.workspace.path(relative)
    }

    /// Writes `contents` to `relative`, creating its folder.
    ///
    /// # Panics
    ///
    /// When the file cannot be written.
    pub fn write(&self, relative: &str, contents: &str) {
        self.workspace
            .put(relative, contents.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
    }

    /// Appends a sentence to one description of the v3.1 spec, one whose text appears in the
    /// generated v3.1 module (so the change reaches the generated docs, not only the header's
    /// hash), and returns the outputs generated from that spec as they were before: the files
    /// that become stale.
    ///
    /// # Panics
    ///
    /// When the spec has no such one-line description.
    pub fn change_one_description(&self) -> Vec<Output> {
        let version = specs::find_version(self.root(), "v3.1")
            .unwrap_or_else(|e| panic!("no API version v3.1: {e}"));
        let spec_path = self.path(&version.spec_path());
        let output = version.output_path();
        let generated =
            fs::read_to_string(self.path(&output)).unwrap_or_else(|e| panic!("{output}: {e}"));
        let spec = fs::read_to_string(&spec_path)
            .unwrap_or_else(|e| panic!("{}: {e}", spec_path.display()));
        let mut changed = false;
        let lines: Vec<String> = spec
            .lines()
            .map(|line| {
                let text = line.trim_start().strip_prefix("description: ");
                match text {
                    Some(text)
                        if !changed
                            && !text.starts_with(['>', '|', '\'', '"'])
                            && generated.contains(text) =>
                    {
                        changed = true;
                        format!("{line} Changed by the regen benchmark.")
                    }
                    _ => line.to_owned(),
                }
            })
            .collect();
        assert!(
            changed,
            "{}: no one-line description found",
            spec_path.display()
        );
        fs::write(&spec_path, lines.join("\n") + "\n")
            .unwrap_or_else(|e| panic!("{}: {e}", spec_path.display()));
        self.outputs
            .iter()
            .filter(|o| o.version.as_ref() == Some(&version))
            .cloned()
            .collect()
    }
}
