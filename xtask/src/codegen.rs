//! `cargo xtask regen`: every spec in `spec/` → the generated client module and httpmock mocks of
//! the client crate.
//!
//! Regeneration is all-or-nothing. Every spec is loaded, generated and formatted in memory
//! first; only when all succeed are the changed files written, by [`mod@write`]. Files whose
//! content is unchanged are not touched, so cargo rebuilds nothing after a no-op regen.

pub mod write;

use std::fmt;
use std::fs;
use std::io;
use std::path::Path;

use composio_link_generator as generator;

use crate::error::{Error, Result};
use crate::layout::{
    ApiVersion, GENERATED_DIR, GENERATED_MARK, INDEX_PATH, SPEC_DIR, VersionPaths,
};
use crate::specs::{self, SpecFile};
use write::{Change, write_all};

/// Every file regen writes for the specs under `root`, relative to the root: per version its
/// module and mocks, then the index.
///
/// # Errors
///
/// As [`specs::versions`].
pub fn generated_paths(root: &Path) -> Result<Vec<String>> {
    let mut paths: Vec<String> = specs::versions(root)?
        .iter()
        .flat_map(VersionPaths::output_paths)
        .collect();
    paths.push(INDEX_PATH.to_owned());
    Ok(paths)
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
    /// The API version it belongs to; `None` for the index, which belongs to all.
    pub version: Option<ApiVersion>,
    /// The spec (or, for the index, the spec folder) it is generated from.
    pub spec: String,
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
    /// No spec generates the file any more: regen removes it.
    pub removed: bool,
}

/// What a `regen` run found and did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Files that were (in [`Mode::Write`]) or would be (in [`Mode::Check`]) rewritten.
    pub stale: Vec<Stale>,
    /// Files that were already up to date.
    pub unchanged: Vec<String>,
}

/// Loads and generates every API version under `root`, in memory: per version its client
/// module and mocks, then the index of them all.
///
/// # Errors
///
/// A bad spec folder (see [`specs::versions`]), a spec that cannot be read, or the first
/// version, in order, whose spec fails to load or generate.
pub fn generate_all(root: &Path) -> Result<Vec<Output>> {
    let versions = specs::versions(root)?;
    let files = versions
        .iter()
        .map(|version| specs::read(root, version))
        .collect::<Result<Vec<_>>>()?;
    generate_files(&versions, &files)
}

/// As [`generate_all`], from the spec of each of `versions` already read (`files`, in the same
/// order). Each version is loaded, generated and formatted on a thread of its own, as they
/// depend on nothing of each other's: on a machine with a core per version, the whole takes
/// about as long as the largest version.
///
/// # Errors
///
/// The first version, in order, whose spec fails to load or generate.
pub fn generate_files(versions: &[ApiVersion], files: &[SpecFile]) -> Result<Vec<Output>> {
    let generated: Vec<Result<(generator::Spec, [Output; 2])>> = std::thread::scope(|scope| {
        let threads: Vec<_> = versions
            .iter()
            .zip(files)
            .map(|(version, file)| scope.spawn(move || generate_version(version, file)))
            .collect();
        threads
            .into_iter()
            .map(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut loaded = Vec::with_capacity(generated.len());
    let mut outputs = Vec::with_capacity(2 * generated.len() + 1);
    for result in generated {
        let (spec, files) = result?;
        loaded.push(spec);
        outputs.extend(files);
    }
    let pairs: Vec<(&ApiVersion, &generator::Spec)> = versions.iter().zip(&loaded).collect();
    outputs.push(Output {
        version: None,
        spec: format!("{SPEC_DIR}/"),
        path: INDEX_PATH.to_owned(),
        contents: generator::generate_index(&pairs)?.source,
    });
    Ok(outputs)
}

/// Loads the spec of `version` from `file` and generates its client module and its mocks.
fn generate_version(
    version: &ApiVersion,
    file: &SpecFile,
) -> Result<(generator::Spec, [Output; 2])> {
    let spec = file.load()?;
    generator::check_version_segments(&spec, version)?;
    let client = generator::generate(&spec)?;
    let mocks = generator::generate_mocks(&spec, &format!("crate::{}", version.module))?;
    let output = |path, contents| Output {
        version: Some(version.clone()),
        spec: version.spec_path(),
        path,
        contents,
    };
    let files = [
        output(version.output_path(), client.source),
        output(version.mock_path(), mocks.source),
    ];
    Ok((spec, files))
}

/// The generated files under `root` that no spec generates any more (those of a version whose
/// spec was deleted), relative to the root.
///
/// # Errors
///
/// [`Error::Io`] when the folder or a file in it cannot be read.
pub fn orphans(root: &Path, outputs: &[Output]) -> Result<Vec<String>> {
    let dir = root.join(GENERATED_DIR);
    let io = |path: String, source| Error::Io {
        path,
        action: "cannot read the generated folder",
        source,
    };
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(io(GENERATED_DIR.to_owned(), source)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| io(GENERATED_DIR.to_owned(), source))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = format!("{GENERATED_DIR}/{name}");
        if !name.ends_with(".rs") || outputs.iter().any(|o| o.path == path) {
            continue;
        }
        let bytes = fs::read(entry.path()).map_err(|source| io(path.clone(), source))?;
        if bytes.starts_with(GENERATED_MARK.as_bytes()) {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// Regenerates every API version under `root`, writing (or, in [`Mode::Check`], only comparing)
/// the generated files.
///
/// # Errors
///
/// Any [`Error`]; in that case no generated file was changed.
pub fn regen(root: &Path, mode: Mode) -> Result<Report> {
    apply(root, generate_all(root)?, mode)
}

/// Compares `outputs` (from [`generate_all`]) with the files under `root` and, in
/// [`Mode::Write`], writes the changed ones and removes the generated files no spec generates
/// any more ([`orphans`]), all or nothing.
///
/// # Errors
///
/// A generated file that cannot be read or written; then no generated file was changed.
pub fn apply(root: &Path, outputs: Vec<Output>, mode: Mode) -> Result<Report> {
    apply_with(root, outputs, mode, None)
}

/// A file that regen writes beside the generated ones when one of them changes (the
/// changelog), in the same all-or-nothing batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Companion {
    /// Path relative to the workspace root.
    pub path: String,
    /// Its bytes before (`None`: it does not exist), put back if the batch fails.
    pub original: Option<Vec<u8>>,
    /// Its new content.
    pub contents: String,
}

/// As [`apply`], and in [`Mode::Write`], when a generated file changes, `companion` is written
/// with them: all of them or none.
///
/// # Errors
///
/// As [`apply`]; then neither a generated file nor the companion was changed.
pub fn apply_with(
    root: &Path,
    outputs: Vec<Output>,
    mode: Mode,
    companion: Option<Companion>,
) -> Result<Report> {
    let orphans = orphans(root, &outputs)?;
    let mut report = Report::default();
    let mut changed = Vec::new();
    for output in outputs {
        let target = root.join(&output.path);
        let original = match fs::read(&target) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(source) => {
                return Err(Error::Io {
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
            spec: output.spec.clone(),
            diff: match &current {
                Some(old) => short_diff(&output.path, old, &output.contents),
                None => "the file is missing\n".to_owned(),
            },
            removed: false,
        });
        changed.push(Change {
            target,
            original,
            path: output.path,
            contents: Some(output.contents),
        });
    }
    for path in orphans {
        let target = root.join(&path);
        let original = fs::read(&target).map_err(|source| Error::Io {
            path: path.clone(),
            action: "cannot read the generated file",
            source,
        })?;
        report.stale.push(Stale {
            path: path.clone(),
            spec: format!("{SPEC_DIR}/"),
            diff: "no spec generates this file any more: it is removed\n".to_owned(),
            removed: true,
        });
        changed.push(Change {
            target,
            original: Some(original),
            path,
            contents: None,
        });
    }
    if mode == Mode::Write {
        if let Some(companion) = companion.filter(|_| !changed.is_empty()) {
            changed.push(Change {
                target: root.join(&companion.path),
                original: companion.original,
                path: companion.path,
                contents: Some(companion.contents),
            });
        }
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

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for stale in &self.stale {
            writeln!(f, "{} is stale relative to {}:", stale.path, stale.spec)?;
            f.write_str(&stale.diff)?;
        }
        Ok(())
    }
}
