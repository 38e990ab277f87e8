//! The hand-written layer of the client crate names no generated type, operation or API
//! version: what is indexed by version or operation is generated, so a spec edit (a renamed
//! schema, a removed operation, a dropped version) can never break hand-written code.
//!
//! The names come from the committed generated modules themselves: the API versions' module
//! names, every type of `types` and `builder`, every operation method of `Client`, every
//! operationId and every generated item at a module's top level. The hand-written sources are
//! every `.rs` file of `generated-client/src` outside `generated/`, the CLI included; doc
//! comments and `#[cfg(test)]` items are left out (docs and tests may name generated items).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use syn::visit::Visit;

fn client_src() -> PathBuf {
    composio_link_tests::workspace_root().join("generated-client/src")
}

fn parse(path: &Path) -> syn::File {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The names the generated modules define that belong to one version or one operation.
fn generated_names() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for version in composio_link::API_VERSIONS {
        let module = version.replace('.', "_");
        names.insert(module.clone());
        names.insert((*version).to_owned());
        let file = parse(&client_src().join(format!("generated/{module}.rs")));
        for item in &file.items {
            match item {
                syn::Item::Mod(m) if m.ident == "types" || m.ident == "builder" => {
                    for inner in m.content.iter().flat_map(|(_, items)| items) {
                        match inner {
                            syn::Item::Struct(s) => {
                                names.insert(s.ident.to_string());
                            }
                            syn::Item::Enum(e) => {
                                names.insert(e.ident.to_string());
                            }
                            _ => {}
                        }
                    }
                }
                syn::Item::Impl(imp) if imp.trait_.is_none() => {
                    for inner in &imp.items {
                        if let syn::ImplItem::Fn(f) = inner
                            && matches!(f.sig.output, syn::ReturnType::Type(..))
                            && f.sig.inputs.len() == 1
                        {
                            names.insert(f.sig.ident.to_string());
                        }
                    }
                }
                syn::Item::Static(s) => {
                    names.insert(s.ident.to_string());
                    // The CLI's table holds the spec's words for flags and enum values (a
                    // `limit`, an `ACTIVE`), which the hand-written layer may use in its own
                    // sense; its operationIds are also the operation statics'.
                    if s.ident != "CLI_COMMANDS" {
                        let mut ids = Strings::default();
                        ids.visit_expr(&s.expr);
                        names.extend(ids.0);
                    }
                }
                syn::Item::Const(c) => {
                    names.insert(c.ident.to_string());
                }
                _ => {}
            }
        }
    }
    // progenitor's fixed scaffolding, the same whatever the spec says.
    for fixed in [
        "_",
        "new",
        "new_with_client",
        "baseurl",
        "client",
        "inner",
        "api_version",
        // The pager's stream of every operation that pages, the same names whatever the spec.
        "items",
        "into_stream",
    ] {
        names.remove(fixed);
    }
    names
}

/// String literals of an expression (the operationIds and requests of the operation statics).
#[derive(Default)]
struct Strings(Vec<String>);

impl<'ast> Visit<'ast> for Strings {
    fn visit_lit_str(&mut self, lit: &'ast syn::LitStr) {
        // operationIds: one word of letters and digits.
        let value = lit.value();
        if value.len() > 3 && value.chars().all(|c| c.is_ascii_alphanumeric()) {
            self.0.push(value);
        }
    }
}

/// The identifiers and string literals of a hand-written file, without its docs and tests.
#[derive(Default)]
struct Words(BTreeSet<String>);

impl<'ast> Visit<'ast> for Words {
    fn visit_ident(&mut self, ident: &'ast syn::Ident) {
        self.0.insert(ident.to_string());
    }

    fn visit_lit_str(&mut self, lit: &'ast syn::LitStr) {
        self.0.insert(lit.value());
    }

    /// syn does not parse a macro's input: its identifiers are read from the tokens (a
    /// `hooks!(v3_1)` would name a version as surely as `crate::v3_1` does).
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        fn walk(tokens: proc_macro2::TokenStream, words: &mut BTreeSet<String>) {
            for token in tokens {
                match token {
                    proc_macro2::TokenTree::Ident(ident) => {
                        words.insert(ident.to_string());
                    }
                    proc_macro2::TokenTree::Group(group) => walk(group.stream(), words),
                    proc_macro2::TokenTree::Literal(lit) => {
                        if let Ok(syn::Lit::Str(s)) = syn::parse_str::<syn::Lit>(&lit.to_string()) {
                            words.insert(s.value());
                        }
                    }
                    proc_macro2::TokenTree::Punct(_) => {}
                }
            }
        }
        syn::visit::visit_macro(self, mac);
        walk(mac.tokens.clone(), &mut self.0);
    }

    fn visit_attribute(&mut self, attribute: &'ast syn::Attribute) {
        if !attribute.path().is_ident("doc") {
            syn::visit::visit_attribute(self, attribute);
        }
    }

    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = match item {
            syn::Item::Mod(m) => &m.attrs,
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Impl(i) => &i.attrs,
            _ => return syn::visit::visit_item(self, item),
        };
        let is_test = attrs.iter().any(|a| {
            a.path().is_ident("cfg")
                && a.parse_args::<syn::Ident>()
                    .is_ok_and(|i| i == "test" || i == "doctest")
        });
        if !is_test {
            syn::visit::visit_item(self, item);
        }
    }
}

fn hand_written_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![client_src()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display())) {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "generated") {
                    folders.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_hand_written_layer_names_no_generated_item() {
    let generated = generated_names();
    assert!(
        generated.contains("ErrorEnvelope") && generated.contains("v3_1"),
        "the generated names were not read: {generated:?}"
    );
    let mut found = Vec::new();
    for file in hand_written_files() {
        let mut words = Words::default();
        words.visit_file(&parse(&file));
        for word in words.0.intersection(&generated) {
            found.push(format!("{}: `{word}`", file.display()));
        }
    }
    assert!(
        found.is_empty(),
        "hand-written code names generated items (generate what needs them instead):\n{}",
        found.join("\n")
    );
}

/// The check can fail: the previous hand-written layer named every version and operation.
#[test]
fn the_check_finds_a_generated_name() {
    let mut words = Words::default();
    words.visit_file(
        &syn::parse_file(
            "/// `v3_1` in a doc is fine.\nfn f(c: &Client) { c.v3_1().post_connected_accounts_link(); }\n\
             hooks!(ErrorEnvelope);",
        )
        .unwrap_or_else(|e| panic!("{e}")),
    );
    let generated = generated_names();
    let named: Vec<&String> = words.0.intersection(&generated).collect();
    assert_eq!(
        named,
        ["ErrorEnvelope", "post_connected_accounts_link", "v3_1"]
    );
}
