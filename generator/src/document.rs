//! The document layer: one spec, from the bytes of its OpenAPI document to a [`Spec`], and the
//! places of its nodes. Above [`crate::openapi`] and the panic guard; below everything that
//! generates or compares code.
//!
//! From the bottom up: [`node_path`] (the path of a node), [`positions`] (its line and column in
//! the YAML text), [`tree`] (what kind of OpenAPI object stands at each node of the untyped
//! tree) and [`schema_types`] (the schema types progenitor can express), [`explain`] (why a
//! document does not load), [`yaml_error`] (where a YAML syntax error is), [`spec`] (the
//! loaded [`Spec`]) and [`mod@load`]; [`version`] names the API version of a spec file and
//! [`version_paths`] checks that its paths name the same one.

pub(crate) mod explain;
pub(crate) mod load;
pub(crate) mod node_path;
pub(crate) mod positions;
pub(crate) mod schema_types;
pub(crate) mod spec;
pub(crate) mod tree;
pub(crate) mod version;
pub(crate) mod version_paths;
pub(crate) mod yaml_error;

pub use load::{MAX_SPEC_BYTES, load};
pub(crate) use node_path::NodePath;
pub use spec::{SharedPositions, Spec};
pub use version::ApiVersion;
pub use version_paths::check_version_segments;
