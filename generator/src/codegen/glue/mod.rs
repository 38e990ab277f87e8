//! The glue between progenitor's output and the client crate's hand-written layer, generated
//! for every operation of every version so that the hand-written layer names none of them.
//!
//! [`read`] reads progenitor's output back and [`op`] joins it with the spec's operations; each
//! other file emits one artifact, appended after progenitor's code in each version module:
//! `REQUEST_PATHS` ([`paths`]), a static description of each operation ([`statics`]),
//! `ExecuteExt` for each builder ([`execute`]), the `ClientHooks` impl routing every request
//! through the layer's `exec` module ([`hooks`]), the conversion of the version's own error
//! envelope into `ApiError` ([`envelope`]), what the optional-field setters accept
//! ([`optional`]), the CLI's table of subcommands ([`cli`]) and, for a version that can read a
//! connected account, the wait for a connection ([`wait`]), and for every operation that
//! pages, its pager ([`pages`]). [`index`] emits the file that
//! declares the version modules and gives `Client` an accessor per version.
//!
//! Every crate path the glue names comes from [`crate::codegen::settings`].

pub(crate) mod cli;
pub(crate) mod envelope;
pub(crate) mod execute;
pub(crate) mod hooks;
pub(crate) mod index;
pub(crate) mod op;
pub(crate) mod optional;
pub(crate) mod pages;
pub(crate) mod paths;
pub(crate) mod read;
pub(crate) mod statics;
pub(crate) mod wait;

use proc_macro2::TokenStream;
use quote::quote;

use crate::document::Spec;
use crate::error::Result;
use op::Op;

/// The glue of one version module, appended after progenitor's output.
///
/// # Errors
///
/// As [`envelope::tokens`], when an error envelope cannot become an `ApiError`.
pub(crate) fn tokens(spec: &Spec, file: &syn::File, ops: &[Op<'_>]) -> Result<TokenStream> {
    let statics = statics::tokens(ops);
    let executes = execute::tokens(ops);
    let hooks = hooks::tokens();
    let paths = paths::tokens(spec, ops);
    let envelopes = envelope::tokens(spec, file, ops)?;
    let cli = cli::tokens(spec, ops);
    let optional = optional::tokens(file);
    let wait = wait::tokens(spec, ops)?;
    let pages = pages::tokens(spec, file, ops)?;
    Ok(quote! {
        #paths
        #statics
        #executes
        #hooks
        #envelopes
        #optional
        #cli
        #wait
        #pages
    })
}
