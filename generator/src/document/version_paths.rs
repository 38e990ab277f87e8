//! A spec's paths name the API version its file name gives: `spec/v3.2.yaml` copied from
//! `spec/v3.1.yaml` with its paths left at `/api/v3.1/` would generate a `v3_2` module that
//! silently calls v3.1.

use super::node_path::NodePath;
use super::spec::Spec;
use super::version::ApiVersion;
use crate::error::Result;
use crate::openapi::is_version_segment;

/// Checks that every path of `spec` with a version segment (`/api/v3.1/...`) names `version`.
///
/// # Errors
///
/// [`crate::Error::Unsupported`] at the first path that names another version.
pub fn check_version_segments(spec: &Spec, version: &ApiVersion) -> Result<()> {
    for path in spec.openapi().paths.paths.keys() {
        let named = path.split('/').find(|segment| {
            ApiVersion::from_name(segment).is_some() || is_version_segment(segment)
        });
        if let Some(named) = named
            && named != version.name
        {
            let node = NodePath::root().key("paths").key(path);
            return Err(spec.unsupported(
                &node,
                format!(
                    "the path names API version `{named}`, but the file is the spec of `{}`; \
                     expected paths under `/{}/` (or rename the file after the version its \
                     paths name)",
                    version.name, version.name
                ),
            ));
        }
    }
    Ok(())
}
