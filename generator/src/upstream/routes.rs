//! Which vendor route each of our operations is compared with: the same method and path when
//! the vendor document has it, otherwise the same method and the same path after the version
//! segment, in the vendor's nearest version (the newest one not newer than ours, else the
//! oldest one after it). `/api/v3.1/connected_accounts/link` is compared with the vendor's
//! `/api/v3/connected_accounts/link` when the vendor has no `/api/v3.1/` route, as oasdiff's
//! `--strip-prefix-base`/`--strip-prefix-revision` map one version prefix onto another.

use serde::Serialize;
use serde_json::Value;

use super::operations;
use crate::document::ApiVersion;
use crate::openapi::{version_segment, without_version};

/// One of our operations and the vendor route it is compared with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Route {
    /// `GET`, `POST`.
    pub method: String,
    /// Our path (`/api/v3.1/connected_accounts/{nanoid}`).
    pub ours: String,
    /// The vendor's path it is compared with (`/api/v3/connected_accounts/{nanoid}`).
    pub vendor: String,
}

impl Route {
    /// The operation as our spec names it: `GET /api/v3.1/connected_accounts/{nanoid}`.
    pub fn operation(&self) -> String {
        format!("{} {}", self.method, self.ours)
    }

    /// The vendor's route, when its path is not ours.
    pub fn mapped(&self) -> Option<&str> {
        (self.vendor != self.ours).then_some(self.vendor.as_str())
    }

    /// The vendor's version segment (`v3`), when its path is not ours.
    pub fn mapped_version(&self) -> Option<&str> {
        self.mapped().and_then(version_segment)
    }

    /// How a report line names the operation: ours, then the vendor route it was compared
    /// with when that is another path.
    pub fn label(&self) -> String {
        match self.mapped() {
            Some(vendor) => format!(
                "{} (compared with {} {vendor})",
                self.operation(),
                self.method
            ),
            None => self.operation(),
        }
    }
}

/// The vendor route of each operation of `ours` that the vendor document has, in our order.
pub fn routes(vendor: &Value, ours: &Value) -> Vec<Route> {
    let vendor_has = |path: &str, method: &str| {
        vendor
            .get("paths")
            .and_then(|paths| paths.get(path)?.get(method))
            .is_some()
    };
    operations(ours)
        .filter_map(|(path, method)| {
            let found = if vendor_has(path, method) {
                Some(path.clone())
            } else {
                let stripped = without_version(path);
                nearest(
                    path,
                    operations(vendor)
                        .filter(|(p, m)| *m == method && without_version(p) == stripped)
                        .map(|(p, _)| p),
                )
            };
            found.map(|vendor| Route {
                method: method.to_uppercase(),
                ours: path.clone(),
                vendor,
            })
        })
        .collect()
}

/// Among `candidates` (paths that differ from `ours` only by their version segment), the one
/// whose version is nearest: the newest not newer than ours, else the oldest.
/// A path whose version segment is not an API version (`/api/vnext/x`) is never a candidate.
fn nearest<'a>(ours: &str, candidates: impl Iterator<Item = &'a String>) -> Option<String> {
    let own = version_of(ours)?;
    let (older, newer): (Vec<_>, Vec<_>) = candidates
        .filter_map(|path| Some((version_of(path)?, path)))
        .partition(|(theirs, _)| *theirs <= own);
    older
        .into_iter()
        .max_by(|a, b| a.0.cmp(&b.0))
        .or_else(|| newer.into_iter().min_by(|a, b| a.0.cmp(&b.0)))
        .map(|(_, path)| path.clone())
}

/// The API version a path's version segment names (`/api/v3.1/x` → `v3.1`), in the order of
/// versions the spec folder uses.
fn version_of(path: &str) -> Option<ApiVersion> {
    version_segment(path).and_then(ApiVersion::from_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_the_vendor_lacks_is_compared_with_its_nearest_version() {
        let vendor = serde_json::json!({"paths": {
            "/api/v2/x": {"get": {}},
            "/api/v3/x": {"get": {}, "post": {}},
            "/api/v4/x": {"get": {}},
            "/api/v3/y": {"get": {}},
        }});
        let ours = serde_json::json!({"paths": {
            "/api/v3.1/x": {"get": {}, "post": {}, "delete": {}},
            "/api/v3/y": {"get": {}},
            "/api/v1/z": {"get": {}},
        }});
        let found: Vec<(String, String)> = routes(&vendor, &ours)
            .iter()
            .map(|r| (r.operation(), r.label()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "GET /api/v3.1/x".to_owned(),
                    "GET /api/v3.1/x (compared with GET /api/v3/x)".to_owned()
                ),
                (
                    "POST /api/v3.1/x".to_owned(),
                    "POST /api/v3.1/x (compared with POST /api/v3/x)".to_owned()
                ),
                ("GET /api/v3/y".to_owned(), "GET /api/v3/y".to_owned()),
            ]
        );
        let older_only =
            serde_json::json!({"paths": {"/api/v4/x": {"get": {}}, "/api/v5/x": {"get": {}}}});
        let mapped = routes(
            &older_only,
            &serde_json::json!({"paths": {"/api/v3/x": {"get": {}}}}),
        );
        assert_eq!(mapped.first().map(|r| r.vendor.as_str()), Some("/api/v4/x"));
    }
}
