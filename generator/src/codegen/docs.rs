//! The generated rustdoc shows the one obvious way to send: progenitor's examples call
//! `.send()`, which returns progenitor's error type; this pass makes every operation's example
//! call `.execute()`, which returns the client crate's `Error`, and documents `send()` as the
//! raw path.

use syn::visit_mut::VisitMut;
use syn::{Attribute, Expr, ImplItem, Item, Lit, Meta};

use super::settings::{ERROR, EXECUTE_EXT};

/// progenitor's example tail, and what replaces it.
const SEND_EXAMPLE: &str = "    .send()\n    .await;";
const EXECUTE_EXAMPLE: &str = "    .execute()\n    .await?;";

/// What every operation's documentation adds after its example.
fn execute_note() -> String {
    format!(
        "`execute()` (from [`ExecuteExt`]({EXECUTE_EXT}), in `composio_link::prelude`) returns \
         [`composio_link::Error`]({ERROR}), naming the operation; the builder's `send()` is \
         progenitor's raw path."
    )
}

/// What the builders' `send()` documentation adds.
fn send_note() -> String {
    format!(
        "progenitor's raw path: the request passes the client's hooks (credentials, retries, \
         checks) but the result is progenitor's error type, and an error status comes back as \
         `Error::UnexpectedResponse` with its body unread. \
         [`ExecuteExt::execute`]({EXECUTE_EXT}::execute) sends the same request and returns \
         [`composio_link::Error`]({ERROR}), the API's error envelope decoded."
    )
}

/// Rewrites the operation docs of `file`.
pub(crate) fn prefer_execute(file: &mut syn::File) {
    let execute_note = execute_note();
    for item in &mut file.items {
        match item {
            Item::Impl(imp) if imp.trait_.is_none() && is_client(&imp.self_ty) => {
                for item in &mut imp.items {
                    if let ImplItem::Fn(f) = item {
                        rewrite_docs(&mut f.attrs, |text| {
                            text.contains(SEND_EXAMPLE).then(|| {
                                format!(
                                    "{}\n\n{execute_note}",
                                    text.replace(SEND_EXAMPLE, EXECUTE_EXAMPLE)
                                )
                            })
                        });
                    }
                }
            }
            Item::Mod(m) if m.ident == "builder" => {
                let mut pass = SendDocs(send_note());
                for item in m.content.iter_mut().flat_map(|(_, items)| items) {
                    pass.visit_item_mut(item);
                }
            }
            _ => {}
        }
    }
}

fn is_client(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.path.is_ident("Client"))
}

/// Applies `f` to the first doc string of `attrs`; true when it rewrote it.
fn rewrite_docs(attrs: &mut [Attribute], f: impl Fn(&str) -> Option<String>) -> bool {
    for attr in attrs {
        if !attr.path().is_ident("doc") {
            continue;
        }
        let Meta::NameValue(meta) = &mut attr.meta else {
            continue;
        };
        let Expr::Lit(lit) = &mut meta.value else {
            continue;
        };
        let Lit::Str(text) = &lit.lit else { continue };
        if let Some(new) = f(&text.value()) {
            lit.lit = Lit::Str(syn::LitStr::new(&new, text.span()));
            return true;
        }
        return false;
    }
    false
}

/// Appends its note ([`send_note`]) to every builder's `send()` documentation.
struct SendDocs(String);

impl VisitMut for SendDocs {
    fn visit_impl_item_fn_mut(&mut self, f: &mut syn::ImplItemFn) {
        if f.sig.ident == "send" {
            let note = &self.0;
            rewrite_docs(&mut f.attrs, |text| Some(format!("{text}\n\n{note}")));
        }
    }
}
