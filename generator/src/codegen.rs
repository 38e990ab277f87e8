//! The codegen layer: from a loaded [`crate::Spec`] to the formatted Rust modules the client
//! crate includes. Above [`crate::document`]; below the surface listing and drift, which read its
//! output.
//!
//! [`settings`] holds the progenitor settings and every crate path the output names;
//! [`preflight`] checks the spec before progenitor runs; [`generate`] runs progenitor and
//! appends [`constraints`] (the request-body constraint table) and [`glue`] (what the client
//! crate's hand-written layer needs of every operation), then rewrites the optional-field
//! setters ([`setters`]) and the examples ([`docs`]); [`mod@format`] renames colliding fields
//! ([`collisions`]) and renders the file with its header; [`mocks`] generates the httpmock
//! module with the same settings and checks.

pub(crate) mod collisions;
pub(crate) mod constraints;
pub(crate) mod docs;
pub(crate) mod format;
pub(crate) mod generate;
pub(crate) mod glue;
pub(crate) mod mock_lists;
pub(crate) mod mocks;
pub(crate) mod open;
pub(crate) mod preflight;
pub(crate) mod setters;
pub(crate) mod settings;
