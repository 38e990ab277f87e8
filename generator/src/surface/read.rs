//! Reading the entries of a listing out of the syn tree of a generated module: the walk over
//! its top-level items, handing each kind to its reader ([`super::types`] for the `types`
//! module, [`super::operations`] for `impl Client` and the builders, [`super::constants`] for
//! the `api-version` value and the `REQUEST_CONSTRAINTS` table).
//!
//! Everything is read from the code progenitor and typify wrote, and rendered to text by
//! [`super::render`]. Shapes the readers do not recognise are still listed, by their tokens,
//! so a change to them cannot go unseen.

use syn::Item;

use super::constants::{api_version, constraints};
use super::model::Entry;
use super::operations::operations;
use super::types::read_types;
use crate::syntax::{is_pub, last_ident, module_items, type_name};

/// Every entry of the generated module in `file`, unsorted at the top level.
pub(super) fn read(file: &syn::File) -> Vec<Entry> {
    let mut entries = Vec::new();
    if let Some(types) = module_items(&file.items, "types") {
        entries.extend(read_types(types));
    }
    let builders = module_items(&file.items, "builder").unwrap_or_default();
    for item in &file.items {
        match item {
            Item::Impl(imp) if type_name(&imp.self_ty).as_deref() == Some("Client") => {
                match &imp.trait_ {
                    None => entries.extend(operations(imp, builders)),
                    Some((path, _)) if last_ident(path) == "ClientInfo" => {
                        entries.extend(api_version(imp));
                    }
                    Some(_) => {}
                }
            }
            Item::Const(c) if is_pub(&c.vis) && c.ident == "REQUEST_CONSTRAINTS" => {
                entries.push(constraints(c));
            }
            _ => {}
        }
    }
    entries
}
