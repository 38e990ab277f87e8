//! Where things are in the workspace: the spec folder, the generated folder and its index, and
//! the files of each API version, relative to the workspace root with `/` separators.

use std::path::{Path, PathBuf};

pub use composio_link_generator::ApiVersion;

/// The folder of the specs, relative to the workspace root.
pub const SPEC_DIR: &str = "spec";
/// The folder of the generated modules, relative to the workspace root.
pub const GENERATED_DIR: &str = "generated-client/src/generated";
/// The index of the generated modules (the version modules, their mocks, `Client`'s accessors),
/// relative to the workspace root.
pub const INDEX_PATH: &str = "generated-client/src/generated/mod.rs";
/// The changelog of the `composio-link` crate, relative to the workspace root.
pub const CHANGELOG_PATH: &str = "CHANGELOG.md";
/// The manifest of the `composio-link` crate (its `version`), relative to the workspace root.
pub const CLIENT_MANIFEST: &str = "generated-client/Cargo.toml";
/// The workspace's manifest (the `composio-link = { path, version }` dependency line).
pub const ROOT_MANIFEST: &str = "Cargo.toml";
/// The lock file (the `composio-link` package's version).
pub const LOCK_FILE: &str = "Cargo.lock";
/// How every generated file begins; regen removes a file in [`GENERATED_DIR`] that begins so
/// and that no spec generates any more.
pub use composio_link_generator::GENERATED_MARK;

/// The root of the workspace this xtask was compiled from (the folder of the top-level
/// `Cargo.toml` above `xtask/`): what the tests copy. The commands never use it: they work on
/// the workspace they are run in ([`find_workspace`]).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The workspace a command run in `dir` is about: the nearest folder, from `dir` upwards,
/// whose `Cargo.toml` declares `[workspace]` (as cargo finds it). `None` when there is none.
pub fn find_workspace(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|folder| {
            std::fs::read_to_string(folder.join("Cargo.toml"))
                .is_ok_and(|text| text.lines().any(|line| line.trim() == "[workspace]"))
        })
        .map(Path::to_path_buf)
}

/// Where the files of one API version are, relative to the workspace root, with `/`
/// separators.
pub trait VersionPaths {
    /// The spec file (`spec/v3.1.yaml`).
    fn spec_path(&self) -> String;
    /// The generated client module (`generated-client/src/generated/v3_1.rs`).
    fn output_path(&self) -> String;
    /// The generated httpmock mocks (the client crate's `mock` feature).
    fn mock_path(&self) -> String;
    /// Every file generated for this version alone.
    fn output_paths(&self) -> [String; 2] {
        [self.output_path(), self.mock_path()]
    }
}

impl VersionPaths for ApiVersion {
    fn spec_path(&self) -> String {
        format!("{SPEC_DIR}/{}.yaml", self.name)
    }

    fn output_path(&self) -> String {
        format!("{GENERATED_DIR}/{}.rs", self.module)
    }

    fn mock_path(&self) -> String {
        format!("{GENERATED_DIR}/{}_mock.rs", self.module)
    }
}

/// The API version whose generated client module is `path` (as [`VersionPaths::output_path`]
/// names it), if any: mocks and the index belong to no one version.
pub fn version_of_module(path: &str) -> Option<ApiVersion> {
    let module = path
        .strip_prefix(GENERATED_DIR)
        .and_then(|p| p.strip_prefix('/'))
        .and_then(|p| p.strip_suffix(".rs"))?;
    if module.ends_with("_mock") {
        return None;
    }
    ApiVersion::from_name(&module.replace('_', "."))
}
