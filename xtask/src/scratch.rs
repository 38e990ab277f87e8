//! Scratch copies of the workspace in temporary folders, removed on drop: what `selftest` and
//! every test of the xtask run `regen` (or cargo) on, so that nothing writes into the real
//! tree.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_yaml_ng::Value;

use crate::error::{Error, Result};
use crate::layout::{GENERATED_DIR, SPEC_DIR};

/// Appended to every generated file by [`Workspace::make_stale`].
pub const STALE_MARK: &str = "// stale: a regen that writes would remove this line\n";

/// Folders a whole copy leaves out: build output, VCS data, installed tools.
const SKIPPED: &[&str] = &["target", ".git", "node_modules", ".tools"];

/// A temporary folder holding (part of) a workspace; removed when dropped.
#[derive(Debug)]
pub struct Workspace {
    dir: tempfile::TempDir,
}

/// What a path of a [`Workspace`] is, for comparing a tree before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A file, with its bytes.
    File(Vec<u8>),
    /// A folder.
    Folder,
    /// A symbolic link, with its target.
    Link(PathBuf),
}

impl Workspace {
    /// An empty temporary folder.
    ///
    /// # Errors
    ///
    /// When the folder cannot be made.
    pub fn empty() -> Result<Self> {
        Self::named("scratch")
    }

    /// An empty temporary folder whose name starts with `composio-link-<name>-`.
    ///
    /// # Errors
    ///
    /// When the folder cannot be made.
    pub fn named(name: &str) -> Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix(&format!("composio-link-{name}-"))
            .tempdir()
            .map_err(Error::io(
                std::env::temp_dir().display().to_string(),
                "cannot make a scratch folder",
            ))?;
        Ok(Self { dir })
    }

    /// The specs of the workspace at `real` alone (every file of `spec/`).
    ///
    /// # Errors
    ///
    /// When a file cannot be read or copied.
    pub fn specs_of(real: &Path) -> Result<Self> {
        let workspace = Self::named("regen")?;
        workspace.copy_files(real, SPEC_DIR, |_| true)?;
        Ok(workspace)
    }

    /// The part of the workspace at `real` that regen reads and writes: every file of `spec/`
    /// and every generated module, as committed.
    ///
    /// # Errors
    ///
    /// When a file cannot be read or copied.
    pub fn layout_of(real: &Path) -> Result<Self> {
        let workspace = Self::specs_of(real)?;
        workspace.copy_files(real, GENERATED_DIR, |name| {
            name.ends_with(".rs") && !name.starts_with('.')
        })?;
        Ok(workspace)
    }

    /// The whole workspace at `real`, without its build output, VCS data and installed tools,
    /// in a folder named after `name`.
    ///
    /// # Errors
    ///
    /// When a folder or file cannot be read or copied.
    pub fn copy_of(real: &Path, name: &str) -> Result<Self> {
        let workspace = Self::named(name)?;
        let mut folders: Vec<PathBuf> = vec![PathBuf::new()];
        while let Some(relative) = folders.pop() {
            let source = real.join(&relative);
            let entries = fs::read_dir(&source)
                .map_err(Error::io(source.display().to_string(), "cannot read"))?;
            let target = workspace.root().join(&relative);
            fs::create_dir_all(&target)
                .map_err(Error::io(target.display().to_string(), "cannot create"))?;
            for entry in entries {
                let entry =
                    entry.map_err(Error::io(source.display().to_string(), "cannot read"))?;
                let name = entry.file_name();
                let path = relative.join(&name);
                let kind = entry
                    .file_type()
                    .map_err(Error::io(path.display().to_string(), "cannot read"))?;
                if kind.is_dir() {
                    if !SKIPPED.iter().any(|s| name == *s) {
                        folders.push(path);
                    }
                } else if kind.is_file() {
                    fs::copy(entry.path(), workspace.root().join(&path))
                        .map_err(Error::io(path.display().to_string(), "cannot copy"))?;
                }
            }
        }
        Ok(workspace)
    }

    /// Copies the files of `folder` under `real` whose names `keep` accepts to the same folder
    /// here.
    fn copy_files(&self, real: &Path, folder: &str, keep: impl Fn(&str) -> bool) -> Result<()> {
        let entries = fs::read_dir(real.join(folder)).map_err(Error::io(folder, "cannot read"))?;
        for entry in entries {
            let entry = entry.map_err(Error::io(folder, "cannot read"))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type().is_ok_and(|t| t.is_file()) && keep(&name) {
                let path = format!("{folder}/{name}");
                let bytes = fs::read(entry.path()).map_err(Error::io(&path, "cannot read"))?;
                self.put(&path, &bytes)?;
            }
        }
        Ok(())
    }

    /// Appends [`STALE_MARK`] to every generated module, so that a regen that writes anything
    /// changes it.
    ///
    /// # Errors
    ///
    /// When a generated file cannot be read or written.
    pub fn make_stale(&self) -> Result<()> {
        for (path, entry) in self.entries()? {
            let path = path.display().to_string();
            if let (Some(name), Entry::File(mut bytes)) =
                (path.strip_prefix(&format!("{GENERATED_DIR}/")), entry)
                && !name.contains('/')
            {
                bytes.extend_from_slice(STALE_MARK.as_bytes());
                self.put(&path, &bytes)?;
            }
        }
        Ok(())
    }

    /// The root of the copy (what regen takes as the workspace root).
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// `relative` under the root.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    /// Writes `bytes` to `relative`, creating its folder.
    ///
    /// # Errors
    ///
    /// When the folder or the file cannot be written.
    pub fn put(&self, relative: &str, bytes: &[u8]) -> Result<()> {
        let path = self.path(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(Error::io(relative, "cannot create the folder"))?;
        }
        fs::write(&path, bytes).map_err(Error::io(relative, "cannot write"))
    }

    /// Every entry under the root, by path relative to it: files with their bytes, folders,
    /// and symbolic links with their targets.
    ///
    /// # Errors
    ///
    /// When a folder, file or link cannot be read.
    pub fn entries(&self) -> Result<BTreeMap<PathBuf, Entry>> {
        let mut entries = BTreeMap::new();
        let mut folders = vec![self.root().to_path_buf()];
        let io = |path: &Path| Error::io(path.display().to_string(), "cannot read");
        while let Some(folder) = folders.pop() {
            for item in fs::read_dir(&folder).map_err(io(&folder))? {
                let path = item.map_err(io(&folder))?.path();
                let relative = path
                    .strip_prefix(self.root())
                    .unwrap_or(&path)
                    .to_path_buf();
                let metadata = fs::symlink_metadata(&path).map_err(io(&path))?;
                let entry = if metadata.is_symlink() {
                    Entry::Link(fs::read_link(&path).map_err(io(&path))?)
                } else if metadata.is_dir() {
                    folders.push(path);
                    Entry::Folder
                } else {
                    Entry::File(fs::read(&path).map_err(io(&path))?)
                };
                entries.insert(relative, entry);
            }
        }
        Ok(entries)
    }

    /// The spec file of API version `version` (`v3.1`).
    pub fn spec_path(&self, version: &str) -> PathBuf {
        self.root().join(SPEC_DIR).join(format!("{version}.yaml"))
    }

    /// The text of the spec of `version`; the error names the file.
    ///
    /// # Errors
    ///
    /// When the spec cannot be read.
    pub fn spec_text(&self, version: &str) -> std::result::Result<String, String> {
        let path = self.spec_path(version);
        fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Writes `text` as the spec of `version`; the error names the file.
    ///
    /// # Errors
    ///
    /// When the spec cannot be written.
    pub fn write_spec(&self, version: &str, text: &str) -> std::result::Result<(), String> {
        let path = self.spec_path(version);
        fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Rewrites the spec of `version` through `edit` on its YAML tree (comments and layout
    /// are not kept: the copy is thrown away).
    ///
    /// # Errors
    ///
    /// When the spec cannot be read, parsed or written, or `edit` fails.
    pub fn edit_spec(
        &self,
        version: &str,
        edit: impl FnOnce(&mut Value) -> std::result::Result<(), String>,
    ) -> std::result::Result<(), String> {
        let mut document: Value =
            serde_yaml_ng::from_str(&self.spec_text(version)?).map_err(|e| e.to_string())?;
        edit(&mut document)?;
        self.write_spec(
            version,
            &serde_yaml_ng::to_string(&document).map_err(|e| e.to_string())?,
        )
    }
}

/// The component schema `name` of a spec's YAML tree, to edit in place.
pub fn schema_mut<'a>(document: &'a mut Value, name: &str) -> Option<&'a mut Value> {
    document
        .get_mut("components")
        .and_then(|c| c.get_mut("schemas"))
        .and_then(|s| s.get_mut(name))
}
