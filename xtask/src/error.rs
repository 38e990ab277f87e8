//! The one error type of the xtask, and the exit status each command ends with: 0 ok, 1 stale
//! (or new upstream differences or stale baseline entries found, a selftest case failed, a
//! release refused), 2 bad input (a spec, the spec folder, a spec's name, a vendor document, the
//! upstream baseline, a manifest or the command line), 3 file system.

use std::io;

use composio_link_generator as generator;

/// Exit status when everything is up to date or was written.
pub const EXIT_OK: u8 = 0;
/// Exit status of `regen --check` when a generated file is stale or missing (and of `upstream`
/// when it found a new difference or a stale baseline entry, of `selftest` when a case failed,
/// of `release` when it refused: the workspace is not ready for a release).
pub const EXIT_STALE: u8 = 1;
/// Exit status when the input is bad: a spec that does not load or generate, a missing or
/// empty spec folder, a spec whose name is not an API version (and clap's status for a wrong
/// command line).
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit status when the file system failed (a generated file could not be read or written).
pub const EXIT_IO: u8 = 3;

/// The result of every fallible function of the xtask.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How a command that ran to its end ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing to report: the files are up to date or were written, no difference was found.
    Clean,
    /// The command found what it looks for: stale generated files, differences from the
    /// vendor document, a selftest case that failed.
    Found,
}

impl Outcome {
    /// The exit status: [`EXIT_OK`] or [`EXIT_STALE`].
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Clean => EXIT_OK,
            Outcome::Found => EXIT_STALE,
        }
    }
}

/// Why a command of the xtask could not run. A `regen` that returns it changed no file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A spec failed to load or generate.
    #[error(transparent)]
    Spec(#[from] generator::Error),
    /// A vendor document, or one of our specs read as plain YAML, is not what `upstream` needs.
    #[error(transparent)]
    Document(#[from] generator::upstream::UpstreamError),
    /// The baseline of `upstream` (`upstream-accepted.toml`) is not what it must be.
    #[error(transparent)]
    Baseline(#[from] BaselineError),
    /// The spec folder is missing or unreadable.
    #[error(
        "{path}/: cannot read the spec folder ({source}); expected a folder `{path}/` in the \
         workspace root with one spec per API version (`{path}/v3.yaml`, `{path}/v3.1.yaml`)"
    )]
    SpecDir {
        /// The folder.
        path: String,
        /// The I/O error.
        source: io::Error,
    },
    /// A spec whose file name is not an API version.
    #[error(
        "{path}: not an API version; a spec is named after the Composio API version it \
         describes: `spec/v<N>.yaml` or `spec/v<N>.<M>.yaml` (e.g. `spec/v3.1.yaml`)"
    )]
    NotAVersion {
        /// The spec file.
        path: String,
    },
    /// A spec named `*.yml`: specs are read as `*.yaml` only, so it would be silently ignored.
    #[error("{path}: spec files end in `.yaml`; rename it to {expected}")]
    YmlExtension {
        /// The file.
        path: String,
        /// The name it should have.
        expected: String,
    },
    /// The spec folder has no spec.
    #[error(
        "{path}/: no spec; expected one OpenAPI document per API version, named after it \
         (`{path}/v3.yaml`, `{path}/v3.1.yaml`)"
    )]
    NoSpecs {
        /// The folder.
        path: String,
    },
    /// A version named on the command line has no spec.
    #[error("unknown API version `{name}`; the API versions are {known}")]
    UnknownVersion {
        /// The name given.
        name: String,
        /// The versions that exist, for the message.
        known: String,
    },
    /// A version left out of `drift` has no neighbour to compare with (there is one version,
    /// or the one named is the oldest or the newest).
    #[error(
        "no version to compare with: name both versions (`cargo xtask drift FROM TO`), and \
         keep at least two specs in spec/"
    )]
    NoNeighbour,
    /// `cargo xtask` was run outside a Cargo workspace.
    #[error(
        "{dir}: not inside a Cargo workspace; run `cargo xtask` in the composio-link workspace \
         (a folder whose `Cargo.toml` declares `[workspace]`, or one below it)"
    )]
    NoWorkspace {
        /// The current directory.
        dir: String,
    },
    /// `selftest` was given a filter that no case matches.
    #[error("no selftest case matches")]
    NoCase,
    /// The vendor document is larger than `upstream` reads.
    #[error("{source_name}: larger than {limit} bytes; not read")]
    TooLarge {
        /// The file or URL.
        source_name: String,
        /// The largest size read.
        limit: u64,
    },
    /// The vendor document's URL was refused or could not be fetched.
    #[error("{url}: {message}")]
    Fetch {
        /// The URL.
        url: String,
        /// What went wrong.
        message: String,
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
    /// A report could not be written as JSON (serde_json does not fail for these types).
    #[error("{action}: {source}")]
    Json {
        /// What was being done.
        action: &'static str,
        /// The serde_json error.
        source: serde_json::Error,
    },
    /// `release` outside a git work tree: it could not tell whether the tree is clean.
    #[error(
        "{root}: not a git work tree ({message}); `cargo xtask release` runs in a clone, to \
         check that nothing is uncommitted"
    )]
    NotGit {
        /// The workspace root.
        root: String,
        /// What git said.
        message: String,
    },
    /// `release` in a work tree with uncommitted changes.
    #[error(
        "the work tree has uncommitted changes ({files}); commit or stash them, so that the \
         release commit holds the release alone"
    )]
    DirtyTree {
        /// The files `git status --porcelain` lists.
        files: String,
    },
    /// `release` with generated code that is stale relative to `spec/`.
    #[error(
        "the generated code is out of date relative to spec/ ({files}); run `cargo xtask \
         regen`, commit the result (and its changelog entries), then release"
    )]
    StaleForRelease {
        /// The stale files.
        files: String,
    },
    /// `release` with nothing under `Unreleased`.
    #[error(
        "CHANGELOG.md: `## [Unreleased]` lists no change; nothing to release (regen adds the \
         changes of a spec edit there)"
    )]
    NothingToRelease,
    /// A manifest or the lock file without the version `release` sets.
    #[error("{path}: no {what} to set the version of")]
    NoVersion {
        /// The file.
        path: &'static str,
        /// What was looked for.
        what: &'static str,
    },
    /// A command whose every failure is bad input (`upstream`: an unreadable file or URL is
    /// what it was given, not a failure of the workspace).
    #[error(transparent)]
    BadInput(Box<Error>),
    /// `regen` failed, and so changed no file; the message says so on a line of its own.
    #[error("{0}\nregen: no generated file was changed")]
    Regen(Box<Error>),
}

impl Error {
    /// True when the error is about the input (a spec, a name, a document), false when the
    /// file system failed.
    pub fn is_bad_input(&self) -> bool {
        match self {
            Error::Io { .. } | Error::Json { .. } => false,
            Error::Regen(inner) => inner.is_bad_input(),
            _ => true,
        }
    }

    /// True when `release` refused: the workspace is not ready for a release.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            Error::NotGit { .. }
                | Error::DirtyTree { .. }
                | Error::StaleForRelease { .. }
                | Error::NothingToRelease
        )
    }

    /// The exit status `cargo xtask` ends with for this error: [`EXIT_STALE`] for a refused
    /// release, else [`EXIT_BAD_INPUT`] or [`EXIT_IO`].
    pub fn exit_code(&self) -> u8 {
        if self.is_refusal() {
            EXIT_STALE
        } else if self.is_bad_input() {
            EXIT_BAD_INPUT
        } else {
            EXIT_IO
        }
    }

    /// An I/O error about `path` while doing `action`.
    pub(crate) fn io(
        path: impl Into<String>,
        action: &'static str,
    ) -> impl FnOnce(io::Error) -> Self {
        let path = path.into();
        move |source| Error::Io {
            path,
            action,
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_has_its_exit_status() {
        let io = || {
            Error::io("generated-client/src/generated/v3.rs", "cannot read")(io::Error::other("x"))
        };
        assert_eq!(io().exit_code(), EXIT_IO);
        assert_eq!(Error::NoNeighbour.exit_code(), EXIT_BAD_INPUT);
        assert_eq!(Error::BadInput(Box::new(io())).exit_code(), EXIT_BAD_INPUT);
        assert_eq!(Error::Regen(Box::new(io())).exit_code(), EXIT_IO);
        assert_eq!(
            Error::Regen(Box::new(Error::NoCase)).to_string(),
            "no selftest case matches\nregen: no generated file was changed"
        );
        assert_eq!(Error::NothingToRelease.exit_code(), EXIT_STALE);
        assert_eq!(
            Error::NoVersion {
                path: "Cargo.lock",
                what: "x"
            }
            .exit_code(),
            EXIT_BAD_INPUT
        );
        assert_eq!(Outcome::Clean.exit_code(), EXIT_OK);
        assert_eq!(Outcome::Found.exit_code(), EXIT_STALE);
    }
}

/// Why the baseline of `upstream` (`upstream-accepted.toml`) cannot be used: always at a line,
/// naming the field when there is one.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct BaselineError {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong, naming the field.
    pub message: String,
}
