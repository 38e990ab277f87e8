//! `cargo xtask regen`: every spec in `spec/` → the generated client module and httpmock mocks of
//! the client crate.
//!
//! Regeneration is all-or-nothing. Every spec is loaded, generated and formatted in memory
//! first; only when all succeed are the changed files written, each to a temporary file beside
//! its target and then renamed over it. A failed write removes every temporary file; a failed
//! rename puts back the files already renamed, from the bytes read before. Files whose content
//! is unchanged are not touched, so cargo rebuilds nothing after a no-op regen.

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

    /// The generated client module, relative to the workspace root, with `/` separators.
    pub fn output_path(&self) -> String {
        format!("{GENERATED_DIR}/{}.rs", self.module)
    }

    /// The generated httpmock mocks (the client crate's `mock` feature), relative to the
    /// workspace root.
    pub fn mock_path(&self) -> String {
        format!("{GENERATED_DIR}/{}_mock.rs", self.module)
    }

    /// Every file generated for this version.
    pub fn output_paths(&self) -> [String; 2] {
        [self.output_path(), self.mock_path()]
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
    #[error(
        "{path}/: cannot read the spec folder ({source}); expected a folder `{path}/` in the \
         workspace root with one spec per API version: {}",
        expected_specs()
    )]
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
    /// A spec named `*.yml`: the slots read `*.yaml` only, so it would be silently ignored.
    #[error("{path}: spec files end in `.yaml`; rename it to {expected}")]
    YmlExtension {
        /// The file.
        path: String,
        /// The name it should have.
        expected: String,
    },
    /// An API version with an output slot has no spec.
    #[error(
        "{path}: missing; expected the spec of API version `{version}`, which has an output slot \
         in `API_VERSIONS` (remove the slot to drop the version)"
    )]
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

/// `spec/v3.yaml, spec/v3.1.yaml`: the spec of every output slot.
fn expected_specs() -> String {
    API_VERSIONS
        .iter()
        .map(ApiVersion::spec_path)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Exit status of `cargo xtask regen` when everything is up to date or was written.
pub const EXIT_OK: u8 = 0;
/// Exit status of `cargo xtask regen --check` when a generated file is stale or missing.
pub const EXIT_STALE: u8 = 1;
/// Exit status when the input is bad: a spec that does not load or generate, a missing spec
/// folder, a spec without an output slot or a slot without a spec (and clap's status for a
/// wrong command line).
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit status when the file system failed (a generated file could not be read or written).
pub const EXIT_IO: u8 = 3;

impl CodegenError {
    /// True when the error is about the input (a spec), false when the file system failed.
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, CodegenError::Io { .. })
    }

    /// The exit status `cargo xtask regen` ends with for this error: [`EXIT_BAD_INPUT`] or
    /// [`EXIT_IO`].
    pub fn exit_code(&self) -> u8 {
        if self.is_bad_input() {
            EXIT_BAD_INPUT
        } else {
            EXIT_IO
        }
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
            let client = generator::generate(&spec)?;
            let mocks = generator::generate_mocks(&spec, &format!("crate::{}", version.module))?;
            Ok([
                Output {
                    version: *version,
                    path: version.output_path(),
                    contents: client.source,
                },
                Output {
                    version: *version,
                    path: version.mock_path(),
                    contents: mocks.source,
                },
            ])
        })
        .collect::<Result<Vec<_>, _>>()
        .map(|outputs| outputs.into_iter().flatten().collect())
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
        if name.ends_with(".yml") {
            return Err(CodegenError::YmlExtension {
                path: format!("{SPEC_DIR}/{name}"),
                expected: format!("{SPEC_DIR}/{version}.yaml"),
            });
        }
        if !API_VERSIONS.iter().any(|v| v.name == version) {
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
    apply(root, generate_all(root)?, mode)
}

/// Compares `outputs` (from [`generate_all`]) with the files under `root` and, in
/// [`Mode::Write`], writes the changed ones, all or nothing.
///
/// # Errors
///
/// A generated file that cannot be read or written; then no generated file was changed.
pub fn apply(root: &Path, outputs: Vec<Output>, mode: Mode) -> Result<Report, CodegenError> {
    let mut report = Report::default();
    let mut changed = Vec::new();
    for output in outputs {
        let target = root.join(&output.path);
        let original = match fs::read(&target) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(source) => {
                return Err(CodegenError::Io {
                    path: output.path,
                    action: "cannot read the generated file",
                    source,
                });
            }
        };
        let current = original
            .as_deref()
            .map(|bytes| String::from_utf8_lossy(bytes).replace("\r\n", "\n"));
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
        changed.push(Change {
            target,
            original,
            output,
        });
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

/// A generated file to write, with the bytes it had before (`None`: it did not exist).
struct Change {
    target: PathBuf,
    original: Option<Vec<u8>>,
    output: Output,
}

/// Writes every changed file to a temporary file beside its target, then renames them all.
/// If any write fails, the temporary files are removed and no target is touched; if a rename
/// fails, the targets already renamed get their original bytes back.
fn write_all(changes: &[Change]) -> Result<(), CodegenError> {
    let mut temps: Vec<PathBuf> = Vec::new();
    let written = changes.iter().try_for_each(|change| {
        let temp = temp_path(&change.target);
        let written = change
            .target
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| {
                // Recorded before writing: a failed write can still leave a partial file.
                temps.push(temp.clone());
                fs::write(&temp, &change.output.contents)
            });
        written.map_err(|source| CodegenError::Io {
            path: change.output.path.clone(),
            action: "cannot write the generated file (nothing was changed)",
            source,
        })
    });
    if let Err(e) = written {
        remove_all(&temps);
        return Err(e);
    }
    for (done, (change, temp)) in changes.iter().zip(&temps).enumerate() {
        if let Err(source) = fs::rename(temp, &change.target) {
            remove_all(&temps[done..]);
            let restored = restore(&changes[..done]);
            return Err(CodegenError::Io {
                path: change.output.path.clone(),
                action: if restored.is_ok() {
                    "cannot move the generated file into place (the files already moved were \
                     restored: nothing was changed)"
                } else {
                    "cannot move the generated file into place, and restoring the files already \
                     moved failed too: run `git checkout generated-client/src/generated`"
                },
                source,
            });
        }
    }
    Ok(())
}

fn remove_all(temps: &[PathBuf]) {
    for temp in temps {
        // A temporary file that was never created is fine; one that cannot be removed is left
        // for the user, whose next regen overwrites it.
        let _ = fs::remove_file(temp);
    }
}

/// Puts the original bytes of `changes` back (removing the files that did not exist).
fn restore(changes: &[Change]) -> io::Result<()> {
    let mut result = Ok(());
    for change in changes {
        let restored = match &change.original {
            Some(bytes) => {
                let temp = temp_path(&change.target);
                fs::write(&temp, bytes)
                    .and_then(|()| fs::rename(&temp, &change.target))
                    .inspect_err(|_| {
                        let _ = fs::remove_file(&temp);
                    })
            }
            None => fs::remove_file(&change.target),
        };
        result = result.and(restored);
    }
    result
}

/// The temporary file beside `target` that regen writes `target`'s new content to before
/// renaming it over `target`: `.<name>.regen-<process id>.tmp`, so that two regens at once
/// never share one.
pub fn temp_path(target: &Path) -> PathBuf {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn change(target: PathBuf, original: Option<&[u8]>, contents: &str) -> Change {
        Change {
            target,
            original: original.map(<[u8]>::to_vec),
            output: Output {
                version: API_VERSIONS[0],
                path: "generated".to_owned(),
                contents: contents.to_owned(),
            },
        }
    }

    /// A rename that fails after another succeeded (here: the last target is a non-empty
    /// folder, which no rename can replace, as root either) puts the first file back.
    #[test]
    fn a_failed_rename_restores_the_files_already_renamed() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let first = dir.path().join("first.rs");
        let created = dir.path().join("created.rs");
        let blocked = dir.path().join("blocked.rs");
        fs::write(&first, "old first").expect("write");
        fs::create_dir(&blocked).expect("folder");
        fs::write(blocked.join("inside"), "x").expect("write");
        let changes = [
            change(first.clone(), Some(b"old first"), "new first"),
            change(created.clone(), None, "new file"),
            change(blocked.clone(), None, "new blocked"),
        ];
        let error = write_all(&changes).expect_err("the rename over a folder fails");
        assert!(error.to_string().contains("were restored"), "{error}");
        assert_eq!(fs::read(&first).expect("first"), b"old first");
        assert!(
            !created.exists(),
            "a file that did not exist was left behind"
        );
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .expect("read")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["blocked.rs", "first.rs"]);
    }
}
