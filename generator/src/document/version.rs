//! API versions and the spec files that define them: `spec/v<N>.yaml` or `spec/v<N>.<M>.yaml`
//! is Composio API version `v<N>[.<M>]`, generated into the module `v<N>[_<M>]`.

use std::cmp::Ordering;
use std::fmt;

/// One Composio API version, named by its spec file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ApiVersion {
    /// Composio's name for the version (`v3.1`); the spec is `spec/<name>.yaml`.
    pub name: String,
    /// The Rust module generated for it (`v3_1`).
    pub module: String,
    numbers: Vec<u64>,
}

impl ApiVersion {
    /// The version a spec file name stands for: `v3.yaml` → `v3`, `v3.1.yaml` → `v3.1`.
    /// `None` for any other name (no `v`, a part that is not a number, more than two parts, a
    /// leading zero, another extension).
    pub fn from_file_name(file_name: &str) -> Option<Self> {
        Self::from_name(file_name.strip_suffix(".yaml")?)
    }

    /// The version called `name` (`v3`, `v3.1`).
    pub fn from_name(name: &str) -> Option<Self> {
        let parts: Vec<&str> = name.strip_prefix('v')?.split('.').collect();
        if parts.is_empty() || parts.len() > 2 {
            return None;
        }
        let numbers = parts
            .iter()
            .map(|p| {
                let canonical = !p.is_empty()
                    && p.chars().all(|c| c.is_ascii_digit())
                    && (p.len() == 1 || !p.starts_with('0'));
                canonical.then(|| p.parse::<u64>().ok()).flatten()
            })
            .collect::<Option<Vec<u64>>>()?;
        Some(Self {
            name: name.to_owned(),
            module: name.replace('.', "_"),
            numbers,
        })
    }
}

impl Ord for ApiVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        self.numbers.cmp(&other.numbers)
    }
}

impl PartialOrd for ApiVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::ApiVersion;

    #[test]
    fn spec_file_names_are_versions() {
        let v = ApiVersion::from_file_name("v3.1.yaml").expect("a version");
        assert_eq!((v.name.as_str(), v.module.as_str()), ("v3.1", "v3_1"));
        let v = ApiVersion::from_file_name("v12.yaml").expect("a version");
        assert_eq!((v.name.as_str(), v.module.as_str()), ("v12", "v12"));
        for bad in [
            "v3.yml",
            "3.1.yaml",
            "v.yaml",
            "v3..yaml",
            "v3.1.2.yaml",
            "v03.yaml",
            "vx.yaml",
            "latest.yaml",
            "v3-beta.yaml",
            "v3.1.yaml.bak",
        ] {
            assert_eq!(ApiVersion::from_file_name(bad), None, "{bad}");
        }
    }

    #[test]
    fn versions_sort_by_number() {
        let mut versions: Vec<ApiVersion> = ["v3.10", "v3.2", "v4", "v3"]
            .iter()
            .filter_map(|n| ApiVersion::from_name(n))
            .collect();
        versions.sort();
        let names: Vec<&str> = versions.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["v3", "v3.2", "v3.10", "v4"]);
    }
}
