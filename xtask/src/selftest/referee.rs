//! cargo-semver-checks as the referee of the bump `regen` announces: for an edit announced as
//! less than `major`, the regenerated crate is checked against the committed one with
//! `cargo semver-checks --release-type <bump>`, which fails when a lint requires more. The
//! announced bump may be larger than what cargo-semver-checks requires (project rules such as
//! `struct_required_field_added` are stricter), never smaller.
//!
//! cargo-semver-checks is not part of the toolchain: `.ci/run` installs it into the checkout.
//! Where it is not installed the referee is skipped and says so, except under `CI=true`, where
//! a skipped referee would be a check that cannot fail.

use std::path::Path;
use std::process::Command;

use composio_link_generator::drift::Bump;

use crate::layout::CLIENT_MANIFEST;
use crate::release::CRATE;

/// What the referee found for one edit: `Ok(Some(note))` for the case's summary, `Ok(None)`
/// when there is nothing to referee (`major` is the largest bump), `Err` when
/// cargo-semver-checks requires a larger bump than the announced one or cannot run under CI.
pub(super) fn check(
    root: &Path,
    copy: &Path,
    target: &Path,
    announced: Bump,
) -> Result<Option<String>, String> {
    let release_type = match announced {
        Bump::Major => return Ok(None),
        Bump::Minor => "minor",
        Bump::Patch | Bump::None => "patch",
    };
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let installed = Command::new(&cargo)
        .args(["semver-checks", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !installed {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            return Err(
                "cargo-semver-checks is not installed, so the announced bump cannot be checked \
                 (.ci/run installs it into .ci/.tools/cargo)"
                    .to_owned(),
            );
        }
        return Ok(Some(
            "cargo-semver-checks is not installed: the bump was not refereed".to_owned(),
        ));
    }
    let manifest = copy.join(CLIENT_MANIFEST);
    let baseline = root.join("generated-client");
    let output = Command::new(&cargo)
        .arg("semver-checks")
        .arg("--manifest-path")
        .arg(&manifest)
        .args(["-p", CRATE, "--release-type", release_type])
        .arg("--baseline-root")
        .arg(&baseline)
        .current_dir(copy)
        // cargo-semver-checks reads rustdoc's JSON output, which stable rustc gives only so.
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .map_err(|e| format!("cannot run cargo semver-checks: {e}"))?;
    if output.status.success() {
        Ok(Some(format!(
            "cargo-semver-checks agrees that a {release_type} release is enough"
        )))
    } else {
        let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
        text.push_str(&String::from_utf8_lossy(&output.stderr));
        Err(format!(
            "regen announces {announced}, but cargo-semver-checks requires more:\n{}",
            super::tail(&text, 40)
        ))
    }
}
