//! `cargo xtask regen`: every spec in `spec/` → one generated module of the client crate.
//!
//! Regeneration is all-or-nothing. Every spec is loaded, generated and formatted in memory
//! first; only when all succeed are the changed files written, each to a temporary file beside
//! its target and then renamed over it. Files whose content is unchanged are not touched, so
//! cargo rebuilds nothing after a no-op regen.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use composio_link_generator as generator;

/// One API version of the Composio API and the module of the client crate generated for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiVersion {
    /// Composio's name for the version; the spec is `spec/<name>.yaml`.
    pub name: &'static str,
    /// The Rust module the client crate includes (`generated-client/src/generated/<module>.rs`).
    pub module: &'static str,
}

/// Every API version that has an output slot. A spec without a slot here (and a matching
/// `#[path]` module in `generated-client/src/lib.rs`) is refused rather than silently skipped.
pub const API_VERSIONS: &[ApiVersion] = &[
    ApiVersion {
        name: "v3",
        module: "v3",
    },
    ApiVersion {
        name: "v3.1",
        module: "v3_1",
    },
];

/// The folder of the specs, relative to the workspace root.
pub const SPEC_DIR: &str = "spec";
/// The folder of the generated modules, relative to the workspace root.
pub const GENERATED_DIR: &str = "generated-client/src/generated";

impl ApiVersion {
    /// The spec file, relative to the workspace root, with `/` separators.
    pub fn spec_path(&self) -> String {
        format!("{SPEC_DIR}/{}.yaml", self.name)
    }

    /// The generated file, relative to the workspace root, with `/` separators.
    pub fn output_path(&self) -> String {
        format!("{GENERATED_DIR}/{}.rs", self.module)
    }
}

/// Whether `regen` writes the generated files or only checks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write the files whose content changed.
    Write,
    /// Write nothing; report every file that is stale or missing.
    Check,
}

/// One generated file, in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// The API version it belongs to.
    pub version: ApiVersion,
    /// Path relative to the workspace root.
    pub path: String,
    /// The complete file content.
    pub contents: String,
}

/// A generated file whose committed content differs from what the spec generates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    /// Path relative to the workspace root.
    pub path: String,
    /// The spec it is generated from.
    pub spec: String,
    /// A short unified diff from the committed file to the regenerated one, or a note that the
    /// file is missing.
    pub diff: String,
}

/// What a `regen` run found and did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Files that were (in [`Mode::Write`]) or would be (in [`Mode::Check`]) rewritten.
    pub stale: Vec<Stale>,
    /// Files that were already up to date.
    pub unchanged: Vec<String>,
}

/// Why `regen` could not run. Nothing was written when this is returned.
#[derive(Debug, thiserror::Error)]
pub enum CodegenError {
    /// A spec failed to load or generate.
    #[error(transparent)]
    Spec(#[from] generator::Error),
    /// The spec folder is missing or unreadable.
    #[error("{path}: cannot read the spec folder: {source}")]
    SpecDir {
        /// The folder.
        path: String,
        /// The I/O error.
        source: io::Error,
    },
    /// A spec names an API version that has no output slot.
    #[error(
        "{path}: no output slot for API version `{version}`; add it to `API_VERSIONS` in \
         xtask/src/codegen.rs and a `#[path]` module to generated-client/src/lib.rs"
    )]
    NoSlot {
        /// The spec file.
        path: String,
        /// The version its name implies.
        version: String,
    },
    /// An API version with an output slot has no spec.
    #[error("{path}: missing; it is the spec of API version `{version}`")]
    MissingSpec {
        /// The expected spec file.
        path: String,
        /// The version.
        version: String,
    },
    /// A file could not be read or written.
    #[error("{path}: {action}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What was being done.
        action: &'static str,
        /// The I/O error.
        source: io::Error,
    },
}

impl CodegenError {
    /// True when the error is about the input (a spec), false when the file system failed.
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, CodegenError::Io { .. })
    }
}

/// The root of the workspace (the folder of the top-level `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Loads and generates every API version under `root`, in memory.
///
/// # Errors
///
/// The first spec that fails to load or generate, a spec without an output slot, or a slot
/// without a spec.
pub fn generate_all(root: &Path) -> Result<Vec<Output>, CodegenError> {
    check_spec_dir(root)?;
    API_VERSIONS
        .iter()
        .map(|version| {
            let spec_path = version.spec_path();
            let bytes = fs::read(root.join(&spec_path)).map_err(|source| {
                if source.kind() == io::ErrorKind::NotFound {
                    CodegenError::MissingSpec {
                        path: spec_path.clone(),
                        version: version.name.to_owned(),
                    }
                } else {
                    CodegenError::Io {
                        path: spec_path.clone(),
                        action: "cannot read the spec",
                        source,
                    }
                }
            })?;
            let spec = generator::load(&spec_path, &bytes)?;
            let generated = generator::generate(&spec)?;
            Ok(Output {
                version: *version,
                path: version.output_path(),
                contents: generated.source,
            })
        })
        .collect()
}

/// Refuses a spec folder that is missing or holds a spec for a version without a slot.
fn check_spec_dir(root: &Path) -> Result<(), CodegenError> {
    let dir = root.join(SPEC_DIR);
    let entries = fs::read_dir(&dir).map_err(|source| CodegenError::SpecDir {
        path: SPEC_DIR.to_owned(),
        source,
    })?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| CodegenError::SpecDir {
            path: SPEC_DIR.to_owned(),
            source,
        })?;
        names.push(entry.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    for name in names {
        let Some(version) = name
            .strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"))
        else {
            continue;
        };
        if !API_VERSIONS.iter().any(|v| v.name == version) || name.ends_with(".yml") {
            return Err(CodegenError::NoSlot {
                path: format!("{SPEC_DIR}/{name}"),
                version: version.to_owned(),
            });
        }
    }
    Ok(())
}

/// Regenerates every API version under `root`, writing (or, in [`Mode::Check`], only comparing)
/// the generated files.
///
/// # Errors
///
/// Any [`CodegenError`]; in that case no generated file was changed.
pub fn regen(root: &Path, mode: Mode) -> Result<Report, CodegenError> {
    let outputs = generate_all(root)?;
    let mut report = Report::default();
    let mut changed = Vec::new();
    for output in outputs {
        let target = root.join(&output.path);
        let current = match fs::read(&target) {
            Ok(bytes) => Some(String::from_utf8_lossy(&bytes).replace("\r\n", "\n")),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(source) => {
                return Err(CodegenError::Io {
                    path: output.path,
                    action: "cannot read the generated file",
                    source,
                });
            }
        };
        if current.as_deref() == Some(output.contents.as_str()) {
            report.unchanged.push(output.path);
            continue;
        }
        report.stale.push(Stale {
            path: output.path.clone(),
            spec: output.version.spec_path(),
            diff: match &current {
                Some(old) => short_diff(&output.path, old, &output.contents),
                None => "the file is missing\n".to_owned(),
            },
        });
        changed.push((target, output));
    }
    if mode == Mode::Write {
        write_all(&changed)?;
    }
    Ok(report)
}

/// At most this many diff lines are shown per stale file; the rest is counted.
const DIFF_LINES: usize = 40;

fn short_diff(path: &str, old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(2)
        .header(
            &format!("a/{path} (committed)"),
            &format!("b/{path} (from the spec)"),
        )
        .to_string();
    let total = text.lines().count();
    let mut out: String = text
        .lines()
        .take(DIFF_LINES)
        .flat_map(|line| [line, "\n"])
        .collect();
    if total > DIFF_LINES {
        out.push_str(&format!("... {} more diff lines\n", total - DIFF_LINES));
    }
    out
}

/// Writes every changed file to a temporary file beside its target, then renames them all.
/// If any write fails, the temporary files are removed and no target is touched.
fn write_all(changed: &[(PathBuf, Output)]) -> Result<(), CodegenError> {
    let mut temps: Vec<(PathBuf, &PathBuf, &str)> = Vec::new();
    let result = changed.iter().try_for_each(|(target, output)| {
        let temp = temp_path(target);
        let written = target
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&temp, &output.contents));
        // Record the temporary file before checking the result: a failed write can still leave
        // a partial file behind.
        temps.push((temp, target, &output.path));
        written.map_err(|source| CodegenError::Io {
            path: output.path.clone(),
            action: "cannot write the generated file (nothing was changed)",
            source,
        })
    });
    if let Err(e) = result {
        for (temp, _, _) in &temps {
            let _ = fs::remove_file(temp);
        }
        return Err(e);
    }
    for (temp, target, path) in &temps {
        fs::rename(temp, target).map_err(|source| CodegenError::Io {
            path: (*path).to_owned(),
            action: "cannot move the generated file into place",
            source,
        })?;
    }
    Ok(())
}

fn temp_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.regen-{}.tmp", std::process::id()))
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for stale in &self.stale {
            writeln!(f, "{} is stale relative to {}:", stale.path, stale.spec)?;
            f.write_str(&stale.diff)?;
        }
        Ok(())
    }
}
