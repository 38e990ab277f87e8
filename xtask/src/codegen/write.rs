//! The all-or-nothing writer of `regen`: every changed file is written to a temporary file
//! beside its target, then all are renamed over their targets. A failed write removes every
//! temporary file; a failed rename puts back the files already renamed, from the bytes read
//! before.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A generated file to write (`contents`) or remove (`None`), with the bytes it had before
/// (`None`: it did not exist).
pub(crate) struct Change {
    /// The file.
    pub(crate) target: PathBuf,
    /// Its bytes before, to put back if a later rename fails.
    pub(crate) original: Option<Vec<u8>>,
    /// Relative to the workspace root, for messages.
    pub(crate) path: String,
    /// Its new content; `None` removes it.
    pub(crate) contents: Option<String>,
}

/// Writes every changed file to a temporary file beside its target, then renames them all.
/// If any write fails, the temporary files are removed and no target is touched; if a rename
/// fails, the targets already renamed get their original bytes back.
pub(crate) fn write_all(changes: &[Change]) -> Result<()> {
    // One slot per change: the temporary file of a write, `None` for a removal.
    let mut temps: Vec<Option<PathBuf>> = Vec::new();
    let written = changes.iter().try_for_each(|change| {
        let Some(contents) = &change.contents else {
            temps.push(None);
            return Ok(());
        };
        let temp = temp_path(&change.target);
        let written = change
            .target
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| {
                // Recorded before writing: a failed write can still leave a partial file.
                temps.push(Some(temp.clone()));
                fs::write(&temp, contents)
            });
        written.map_err(Error::io(
            &change.path,
            "cannot write the generated file (nothing was changed)",
        ))
    });
    let all_temps = |temps: &[Option<PathBuf>]| temps.iter().flatten().cloned().collect::<Vec<_>>();
    if let Err(e) = written {
        remove_all(&all_temps(&temps));
        return Err(e);
    }
    for (done, (change, temp)) in changes.iter().zip(&temps).enumerate() {
        let moved = match temp {
            Some(temp) => fs::rename(temp, &change.target),
            None => fs::remove_file(&change.target),
        };
        if let Err(source) = moved {
            remove_all(&all_temps(&temps[done..]));
            let restored = restore(&changes[..done]);
            return Err(Error::Io {
                path: change.path.clone(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scratch::Workspace;

    fn change(target: PathBuf, original: Option<&[u8]>, contents: &str) -> Change {
        Change {
            target,
            original: original.map(<[u8]>::to_vec),
            path: "generated".to_owned(),
            contents: Some(contents.to_owned()),
        }
    }

    /// A rename that fails after another succeeded (here: the last target is a non-empty
    /// folder, which no rename can replace, as root either) puts the first file back.
    #[test]
    fn a_failed_rename_restores_the_files_already_renamed() {
        let dir = Workspace::empty().expect("temporary folder");
        dir.put("first.rs", b"old first").expect("write");
        dir.put("blocked.rs/inside", b"x").expect("write");
        let [first, created, blocked] =
            ["first.rs", "created.rs", "blocked.rs"].map(|p| dir.path(p));
        let changes = [
            change(first.clone(), Some(b"old first"), "new first"),
            change(created.clone(), None, "new file"),
            change(blocked, None, "new blocked"),
        ];
        let error = write_all(&changes).expect_err("the rename over a folder fails");
        assert!(error.to_string().contains("were restored"), "{error}");
        assert_eq!(fs::read(&first).expect("first"), b"old first");
        assert!(
            !created.exists(),
            "a file that did not exist was left behind"
        );
        let names: Vec<String> = dir
            .entries()
            .expect("entries")
            .into_keys()
            .map(|p| p.display().to_string())
            .collect();
        assert_eq!(names, ["blocked.rs", "blocked.rs/inside", "first.rs"]);
    }
}
