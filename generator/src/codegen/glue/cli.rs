//! The command-line tool's table of one version: a subcommand per operation, a flag per
//! parameter and per top-level scalar property of the JSON body, and a function that sends the
//! request from what was given on the command line.
//!
//! progenitor has a clap emitter (`Generator::cli`, used by oxide.rs), but it names subcommands
//! after operationIds, reads a body only from a file (`--json-body PATH`), needs `schemars` and
//! `anyhow` in the library, and reports progenitor's `Error<E>` through its own `CliConfig`
//! trait, so the CLI could keep neither its inline `--body`, nor its readable subcommand names,
//! nor the crate's `Error` with its exit statuses. This table is data instead: the client
//! crate's hand-written shell builds the clap commands from it at run time.

use std::collections::BTreeMap;

use heck::ToKebabCase;
use openapiv3::{OpenAPI, Schema, SchemaKind, Type};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::op::{Op, sanitize};
use crate::codegen::settings::{CLI, CLIENT, EXECUTE_EXT, SELECT, rust_path};
use crate::document::Spec;
use crate::openapi::{self, object_properties};
use crate::syntax::first_argument;

/// What a flag's value is parsed as.
#[derive(Clone, Copy)]
enum Kind {
    String,
    Integer,
    Number,
    Boolean,
}

/// One flag of a subcommand.
struct Arg {
    flag: String,
    /// The parameter's or the property's name in the spec.
    name: String,
    /// For a parameter: the builder's setter and the Rust type it takes.
    setter: Option<(syn::Ident, syn::Type, bool)>,
    help: String,
    required: bool,
    kind: Kind,
    values: Vec<String>,
    /// An array parameter: a repeatable flag, one item per use.
    multiple: bool,
}

/// The table and the send functions of one version module, behind the `cli` feature.
pub(crate) fn tokens(spec: &Spec, ops: &[Op<'_>]) -> TokenStream {
    let openapi = spec.openapi();
    let names = command_names(ops);
    let cli: syn::Path = rust_path(CLI);
    let select: syn::Path = rust_path(SELECT);
    let execute_ext: syn::Path = rust_path(EXECUTE_EXT);
    let client: syn::Path = rust_path(CLIENT);
    let mut commands = Vec::new();
    let mut functions = Vec::new();
    for (op, name) in ops.iter().zip(&names) {
        let args = args(openapi, op);
        let call = format_ident!("cli_{}", op.built.info_name);
        let summary = op.operation.summary.as_deref().unwrap_or_default().trim();
        let about = if summary.is_empty() {
            op.request()
        } else {
            format!("{summary} ({})", op.request())
        };
        let long_about = match op.operation.description.as_deref().map(str::trim) {
            Some(description) if !description.is_empty() => format!("{about}\n\n{description}"),
            _ => about.clone(),
        };
        let id = op.id;
        let has_body = op.built.body.is_some();
        let rows = args.iter().map(|a| {
            let flag = &a.flag;
            let wire = &a.name;
            let help = &a.help;
            let required = a.required;
            let target = if a.setter.is_some() {
                quote!(#cli::Target::Param)
            } else {
                quote!(#cli::Target::Body)
            };
            let kind = match a.kind {
                Kind::String => quote!(#cli::Kind::String),
                Kind::Integer => quote!(#cli::Kind::Integer),
                Kind::Number => quote!(#cli::Kind::Number),
                Kind::Boolean => quote!(#cli::Kind::Boolean),
            };
            let values = &a.values;
            let multiple = a.multiple;
            quote! {
                #cli::Arg {
                    flag: #flag,
                    name: #wire,
                    target: #target,
                    help: #help,
                    required: #required,
                    kind: #kind,
                    values: &[#(#values),*],
                    multiple: #multiple,
                }
            }
        });
        let paged = op.pages;
        let all = format_ident!("cli_all_{}", op.built.info_name);
        let all_entry = if paged {
            quote!(::std::option::Option::Some(#all))
        } else {
            quote!(::std::option::Option::None)
        };
        let confirm = op.method == "delete";
        commands.push(quote! {
            #cli::Command {
                name: #name,
                about: #about,
                long_about: #long_about,
                operation_id: #id,
                args: &[#(#rows),*],
                body: #has_body,
                call: #call,
                all: #all_entry,
                confirm: #confirm,
            }
        });
        let method = &op.built.method;
        let setters: Vec<TokenStream> = args
            .iter()
            .filter_map(|a| {
                let (setter, ty, optional) = a.setter.as_ref()?;
                let wire = &a.name;
                if a.multiple {
                    // A required array is required by its flag; left unset, the builder
                    // says so when the request is sent.
                    let item = first_argument(ty).unwrap_or(ty);
                    return Some(quote! {
                        let request = match input.optional_params::<#item>(#wire)? {
                            ::std::option::Option::Some(values) => request.#setter(values),
                            ::std::option::Option::None => request,
                        };
                    });
                }
                Some(if *optional {
                    quote! {
                        let request = match input.optional_param::<#ty>(#wire)? {
                            ::std::option::Option::Some(value) => request.#setter(value),
                            ::std::option::Option::None => request,
                        };
                    }
                } else {
                    quote!(let request = request.#setter(input.param::<#ty>(#wire)?);)
                })
            })
            .collect();
        let body = op
            .built
            .body
            .as_ref()
            .map(|body| {
                let hook_name = &op.built.info_name;
                quote!(let request = request.body(input.body::<#body>(#hook_name, REQUEST_CONSTRAINTS)?);)
            });
        let doc = format!("Sends `{id}` from the command line's input.");
        functions.push(quote! {
            #[doc = #doc]
            #[cfg(feature = "cli")]
            fn #call<'a>(client: &'a #client, input: #cli::Input) -> #cli::Call<'a> {
                ::std::boxed::Box::pin(async move {
                    let client = <Client as #select>::select(client);
                    let request = client.#method();
                    #(#setters)*
                    #body
                    #cli::respond(#execute_ext::execute(request).await)
                })
            }
        });
        if paged {
            let doc = format!(
                "Every item of `{id}` across its pages, from the command line's input, as JSON."
            );
            functions.push(quote! {
                #[doc = #doc]
                #[cfg(feature = "cli")]
                fn #all<'a>(
                    client: &'a #client,
                    input: #cli::Input,
                ) -> ::std::result::Result<#cli::Lines<'a>, #cli::Failure> {
                    let client = <Client as #select>::select(client);
                    let request = client.#method();
                    #(#setters)*
                    ::std::result::Result::Ok(#cli::lines(request.items()))
                }
            });
        }
    }
    quote! {
        /// The command-line tool's subcommands of this version, one per operation.
        #[cfg(feature = "cli")]
        pub(crate) static CLI_COMMANDS: &[#cli::Command] = &[#(#commands),*];
        #(#functions)*
    }
}

/// A readable subcommand name per operation: the words of its path after the version
/// segment, without parameters and without the collection name before a parameter
/// (`/tool_router/session/{session_id}/link` → `tool-router-link`), prefixed by the method
/// unless it is `POST`, or by `list` for an operation that pages (`list-connected-accounts`,
/// beside `get-connected-accounts` that reads one). Operations whose names would collide are
/// named after their operationId instead.
fn command_names(ops: &[Op<'_>]) -> Vec<String> {
    let readable: Vec<String> = ops
        .iter()
        .map(|op| {
            let method = if op.pages { "list" } else { op.method };
            readable_name(method, op.path)
        })
        .collect();
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for name in &readable {
        *count.entry(name).or_default() += 1;
    }
    ops.iter()
        .zip(&readable)
        .map(|(op, name)| {
            if name.is_empty() || count.get(name.as_str()).copied().unwrap_or(0) > 1 {
                op.id.to_kebab_case()
            } else {
                name.clone()
            }
        })
        .collect()
}

fn readable_name(method: &str, path: &str) -> String {
    let rest = openapi::without_version(path);
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let is_param = |s: &str| s.starts_with('{');
    let mut words = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        let names_next_param = segments.get(i + 1).is_some_and(|next| is_param(next));
        if is_param(segment) || (i > 0 && names_next_param) {
            continue;
        }
        words.push(segment.to_kebab_case());
    }
    let base = words.join("-");
    match method {
        "post" => base,
        _ if base.is_empty() => String::new(),
        other => format!("{other}-{base}"),
    }
}

/// The flags of `op`: its parameters, then the scalar top-level properties of its body.
fn args(openapi: &OpenAPI, op: &Op<'_>) -> Vec<Arg> {
    let mut out: Vec<Arg> = Vec::new();
    for parameter in &op.parameters {
        let data = parameter.parameter_data_ref();
        let setter = sanitize(&data.name);
        let Some((_, ty, optional)) = op.built.params.iter().find(|(n, _, _)| *n == setter) else {
            continue;
        };
        // A parameter that is not a string, number or boolean, or an array of them (an
        // object), has no flag: the command line cannot give it. An array is a repeatable flag.
        let schema = openapi::parameter_schema(openapi, data);
        let (found, multiple) = match schema.and_then(|s| array_items(openapi, s)) {
            Some(items) => (scalar_kind(openapi, items), true),
            None => (schema.and_then(|s| scalar_kind(openapi, s)), false),
        };
        let Some((kind, values)) = found else {
            continue;
        };
        out.push(Arg {
            flag: data.name.to_kebab_case(),
            name: data.name.clone(),
            setter: Some((format_ident!("{setter}"), ty.clone(), *optional)),
            help: help(
                data.description.as_deref(),
                openapi::parameter_location(parameter),
            ),
            required: data.required,
            kind,
            values,
            multiple,
        });
    }
    if op.built.body.is_some()
        && let Some((schema, _)) = openapi::request_body(openapi, op.operation)
    {
        for (name, property, required) in object_properties(openapi, schema) {
            let Some((kind, values)) = scalar_kind(openapi, property) else {
                continue;
            };
            let kebab = name.to_kebab_case();
            let flag = if out.iter().any(|a| a.flag == kebab) {
                name.clone()
            } else {
                kebab
            };
            if out.iter().any(|a| a.flag == flag) {
                continue;
            }
            out.push(Arg {
                flag,
                name,
                setter: None,
                help: help(property.schema_data.description.as_deref(), "body"),
                required,
                kind,
                values,
                multiple: false,
            });
        }
    }
    out
}

/// The items of an array schema (through an `allOf` of one schema), resolved.
fn array_items<'a>(openapi: &'a OpenAPI, schema: &'a Schema) -> Option<&'a Schema> {
    match &openapi::unwrapped(openapi, schema)?.schema_kind {
        SchemaKind::Type(Type::Array(array)) => {
            openapi::resolve_boxed(openapi, array.items.as_ref()?)
        }
        _ => None,
    }
}

/// The kind of a string, integer, number or boolean schema and its enum values (through an
/// `allOf` of one schema, the spelling that gives a `$ref` a description or a default); `None`
/// for an object, an array or a combination, which only `--body` can give.
fn scalar_kind(openapi: &OpenAPI, schema: &Schema) -> Option<(Kind, Vec<String>)> {
    match &openapi::unwrapped(openapi, schema)?.schema_kind {
        SchemaKind::Type(Type::String(s)) => Some((
            Kind::String,
            s.enumeration.iter().flatten().cloned().collect(),
        )),
        SchemaKind::Type(Type::Integer(_)) => Some((Kind::Integer, Vec::new())),
        SchemaKind::Type(Type::Number(_)) => Some((Kind::Number, Vec::new())),
        SchemaKind::Type(Type::Boolean(_)) => Some((Kind::Boolean, Vec::new())),
        _ => None,
    }
}

/// The spec's description as one line of help, saying where the value goes.
fn help(description: Option<&str>, location: &str) -> String {
    let text = description
        .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    if text.is_empty() {
        format!("({location})")
    } else {
        format!("{text} ({location})")
    }
}
