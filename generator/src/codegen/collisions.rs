//! Resolving Rust field-name collisions that typify leaves in generated structs.
//!
//! typify names a struct field after its JSON property in snake case, so two properties that
//! differ only in case style (`connection_data` has both `callbackUrl` and `callback_url`)
//! become two fields named `callback_url`, and the generated code does not compile. typify
//! has no way to name a field by hand, so this pass renames the colliding field after
//! generation: the property whose JSON name already is the snake-case name keeps it; each
//! other one becomes its JSON name in lower case (`callbackUrl` → `callbackurl`) and keeps its
//! `#[serde(rename = "callbackUrl")]`, so the wire format is unchanged.
//!
//! typify emits the fields of a type in one order everywhere it lists them (the struct, its
//! builder struct, the builder's setters, and the struct literals of its `From`, `TryFrom` and
//! `Default` impls), so the k-th occurrence of a colliding name in any of those lists is the
//! k-th field of the struct. The pass renames by that position, then checks that no struct is
//! left with a duplicate field.

use std::collections::BTreeMap;

use syn::visit_mut::{self, VisitMut};
use syn::{ExprField, ExprStruct, Fields, Ident, ImplItem, Item, ItemImpl, ItemStruct, Member};

use crate::syntax::{module_items_mut, serde_rename, type_name};

/// New names for the colliding fields of one struct: for each colliding Rust name, the name of
/// its k-th occurrence.
type Renames = BTreeMap<String, Vec<Ident>>;

/// Renames colliding fields in the `types` module of `file`, or names a struct that still has
/// a duplicate field.
pub(crate) fn resolve(file: &mut syn::File) -> Result<(), String> {
    let Some(types) = module_items_mut(&mut file.items, "types") else {
        return Ok(());
    };
    let mut plan: BTreeMap<String, Renames> = BTreeMap::new();
    for item in types.iter() {
        if let Item::Struct(s) = item
            && let Some(renames) = plan_struct(s)
        {
            plan.insert(s.ident.to_string(), renames);
        }
    }
    if plan.is_empty() {
        return Ok(());
    }
    apply(types, &plan);
    if let Some(builder) = module_items_mut(types, "builder") {
        apply(builder, &plan);
    }
    if let Some(name) = first_duplicate(types) {
        return Err(name);
    }
    Ok(())
}

fn plan_struct(s: &ItemStruct) -> Option<Renames> {
    let Fields::Named(fields) = &s.fields else {
        return None;
    };
    let mut by_name: BTreeMap<String, Vec<Option<String>>> = BTreeMap::new();
    for field in &fields.named {
        let ident = field.ident.as_ref()?;
        by_name
            .entry(ident.to_string())
            .or_default()
            .push(serde_rename(&field.attrs));
    }
    let mut renames = Renames::new();
    for (name, json_names) in by_name.into_iter().filter(|(_, v)| v.len() > 1) {
        let idents = json_names
            .iter()
            .map(|json| match json {
                // No rename attribute: the JSON name is the Rust name; it keeps it.
                None => Ident::new(&name, proc_macro2::Span::call_site()),
                Some(json) => Ident::new(&lower_ident(json), proc_macro2::Span::call_site()),
            })
            .collect();
        renames.insert(name, idents);
    }
    (!renames.is_empty()).then_some(renames)
}

/// `callbackUrl` → `callbackurl`; characters that cannot be in an identifier become `_`, a
/// name that would start with a digit gets a leading `_`, and a keyword (or `_` alone) a
/// trailing one, so the result is always a valid field name (`Ident::new` panics on others).
fn lower_ident(json: &str) -> String {
    let mut rust: String = json
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if rust.is_empty() || rust.starts_with(|c: char| c.is_ascii_digit()) {
        rust.insert(0, '_');
    }
    if syn::parse_str::<Ident>(&rust).is_err() {
        rust.push('_');
    }
    rust
}

/// Applies `plan` to the structs and impls of one module.
fn apply(items: &mut [Item], plan: &BTreeMap<String, Renames>) {
    for item in items {
        match item {
            Item::Struct(s) => {
                if let (Some(renames), Fields::Named(fields)) =
                    (plan.get(&s.ident.to_string()), &mut s.fields)
                {
                    let mut seen = BTreeMap::new();
                    for field in &mut fields.named {
                        if let Some(ident) = &mut field.ident
                            && let Some(new) = nth(renames, &mut seen, ident)
                        {
                            *ident = new;
                        }
                    }
                }
            }
            Item::Impl(imp) => {
                if let Some(renames) = type_name(&imp.self_ty).and_then(|s| plan.get(&s)) {
                    rename_in_impl(imp, renames);
                }
            }
            _ => {}
        }
    }
}

/// The name of the next occurrence of `ident` under `renames`, counting occurrences in `seen`.
fn nth(renames: &Renames, seen: &mut BTreeMap<String, usize>, ident: &Ident) -> Option<Ident> {
    let key = ident.to_string();
    let names = renames.get(&key)?;
    let index = seen.entry(key).or_insert(0);
    let new = names.get(*index).cloned();
    *index += 1;
    new
}

fn rename_in_impl(imp: &mut ItemImpl, renames: &Renames) {
    let mut methods_seen = BTreeMap::new();
    for item in &mut imp.items {
        let ImplItem::Fn(method) = item else { continue };
        // A setter named after a colliding field: rename it and every `.field` access in it.
        if let Some(new) = nth(renames, &mut methods_seen, &method.sig.ident) {
            let old = method.sig.ident.to_string();
            method.sig.ident = new.clone();
            FieldAccess {
                old: &old,
                new: &new,
            }
            .visit_block_mut(&mut method.block);
        }
        // Struct literals listing the fields: rename by position.
        StructLiterals { renames }.visit_block_mut(&mut method.block);
    }
}

/// Renames `x.old` to `x.new`.
struct FieldAccess<'a> {
    old: &'a str,
    new: &'a Ident,
}

impl VisitMut for FieldAccess<'_> {
    fn visit_expr_field_mut(&mut self, node: &mut ExprField) {
        if let Member::Named(ident) = &mut node.member
            && ident == self.old
        {
            *ident = self.new.clone();
        }
        visit_mut::visit_expr_field_mut(self, node);
    }
}

/// Renames the k-th `old: value.old` of each struct literal to `new: value.new`.
struct StructLiterals<'a> {
    renames: &'a Renames,
}

impl VisitMut for StructLiterals<'_> {
    fn visit_expr_struct_mut(&mut self, node: &mut ExprStruct) {
        let mut seen = BTreeMap::new();
        for field in &mut node.fields {
            let Member::Named(ident) = &mut field.member else {
                continue;
            };
            let old = ident.to_string();
            if let Some(new) = nth(self.renames, &mut seen, ident) {
                *ident = new.clone();
                FieldAccess {
                    old: &old,
                    new: &new,
                }
                .visit_expr_mut(&mut field.expr);
            }
        }
        visit_mut::visit_expr_struct_mut(self, node);
    }
}

/// The first struct of `items` that still has two fields of one name.
fn first_duplicate(items: &[Item]) -> Option<String> {
    items.iter().find_map(|item| {
        let Item::Struct(s) = item else { return None };
        let Fields::Named(fields) = &s.fields else {
            return None;
        };
        let mut names: Vec<String> = fields
            .named
            .iter()
            .filter_map(|f| f.ident.as_ref().map(ToString::to_string))
            .collect();
        names.sort();
        names
            .windows(2)
            .find(|w| w[0] == w[1])
            .map(|w| format!("{}.{}", s.ident, w[0]))
    })
}

#[cfg(test)]
mod tests {
    use super::lower_ident;

    #[test]
    fn every_json_name_becomes_a_field_name() {
        for (json, rust) in [
            ("callbackUrl", "callbackurl"),
            ("1a", "_1a"),
            ("1", "_1"),
            ("type", "type_"),
            ("Self", "self_"),
            ("", "__"),
            ("_", "__"),
            ("a-b", "a_b"),
        ] {
            assert_eq!(lower_ident(json), rust, "{json:?}");
            assert!(
                syn::parse_str::<syn::Ident>(&lower_ident(json)).is_ok(),
                "{json:?}"
            );
        }
    }
}
