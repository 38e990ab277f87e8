//! What the `composio-link` command-line tool is built from (feature `cli`): the generated
//! table of every API version's subcommands, and the input those subcommands send.
//!
//! The generator emits, for every operation of every version, a [`Command`] with a flag per
//! parameter and per top-level scalar body property, and a function that sends the request from
//! an [`Input`]. The binary builds its clap commands from [`versions`] at run time, so a spec
//! edit changes the CLI with no hand-written change. This module is the binary's support, not a
//! stable API.

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::str::FromStr;
use std::task::{Context, Poll};
use std::time::Duration;

use progenitor_client::ResponseValue;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::pages::{Items, Stream};

/// The API versions of the command-line tool, oldest first.
pub fn versions() -> &'static [Version] {
    crate::generated::CLI_VERSIONS
}

/// One API version: a subcommand holding one subcommand per operation.
#[derive(Debug)]
pub struct Version {
    /// The subcommand (`v3.1`).
    pub name: &'static str,
    /// Its help line.
    pub about: &'static str,
    /// Its operations.
    pub commands: &'static [Command],
    /// Its wait for a connection, when its spec can read a connected account.
    pub wait: Option<&'static Wait>,
}

/// The wait for a connection of one API version: `--wait` on its link subcommands.
pub struct Wait {
    /// The operationIds of the subcommands whose response names a connected account.
    pub operations: &'static [&'static str],
    /// The response field that holds the connected account's id (`connected_account_id`).
    pub id_field: &'static str,
    /// Waits for the account: its id, the timeout and the poll interval.
    pub call: for<'a> fn(&'a crate::Client, String, Duration, Duration) -> Call<'a>,
}

impl fmt::Debug for Wait {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Wait")
            .field("operations", &self.operations)
            .field("id_field", &self.id_field)
            .finish_non_exhaustive()
    }
}

/// One operation as a subcommand.
pub struct Command {
    /// The subcommand (`connected-accounts-link`).
    pub name: &'static str,
    /// The one-line help: the operation's summary and request.
    pub about: &'static str,
    /// The whole help: the summary, the request and the description.
    pub long_about: &'static str,
    /// The spec's operationId.
    pub operation_id: &'static str,
    /// The flags.
    pub args: &'static [Arg],
    /// Whether the operation takes a JSON body (and so `--body`).
    pub body: bool,
    /// Sends the request.
    pub call: for<'a> fn(&'a crate::Client, Input) -> Call<'a>,
    /// For an operation that pages (see [`crate::pages`]): every item across its pages, for
    /// `--all`.
    pub all: Option<AllPages>,
    /// Whether the operation deletes (a `DELETE`), so the tool asks before sending it.
    pub confirm: bool,
}

impl fmt::Debug for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Command")
            .field("name", &self.name)
            .field("operation_id", &self.operation_id)
            .field("args", &self.args)
            .field("body", &self.body)
            .field("all", &self.all.is_some())
            .field("confirm", &self.confirm)
            .finish_non_exhaustive()
    }
}

/// One flag of a subcommand.
#[derive(Debug)]
pub struct Arg {
    /// The long flag, without `--` (`auth-config-id`).
    pub flag: &'static str,
    /// The parameter's or body property's name in the spec (`auth_config_id`).
    pub name: &'static str,
    /// Where the value goes.
    pub target: Target,
    /// The spec's description.
    pub help: &'static str,
    /// Whether the spec requires it.
    pub required: bool,
    /// What the value is parsed as.
    pub kind: Kind,
    /// The spec's enum values, when it has some.
    pub values: &'static [&'static str],
    /// An array parameter: the flag is repeated, one item per use.
    pub multiple: bool,
}

/// Where a flag's value goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A path, query or header parameter.
    Param,
    /// A top-level property of the JSON body.
    Body,
}

/// What a flag's value is parsed as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A string.
    String,
    /// An integer.
    Integer,
    /// A number.
    Number,
    /// `true` or `false`.
    Boolean,
}

impl Kind {
    /// `text` as the JSON value of a body property of this kind.
    ///
    /// # Errors
    ///
    /// A message naming the expected kind when `text` is not one.
    pub fn parse(self, text: &str) -> Result<Value, String> {
        match self {
            Kind::String => Ok(Value::String(text.to_owned())),
            Kind::Integer => text
                .parse::<i64>()
                .map(Value::from)
                .map_err(|_| format!("`{text}` is not an integer")),
            Kind::Number => text
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .ok_or_else(|| format!("`{text}` is not a number")),
            Kind::Boolean => text
                .parse::<bool>()
                .map(Value::Bool)
                .map_err(|_| format!("`{text}` is not `true` or `false`")),
        }
    }
}

/// What a subcommand sends: its parameters as given (every value of a repeated flag), and
/// its JSON body.
#[derive(Debug, Default)]
pub struct Input {
    params: BTreeMap<&'static str, Vec<String>>,
    body: serde_json::Map<String, Value>,
}

impl Input {
    /// The parameters (by their spec name, each with the values given) and the body object.
    pub fn new(
        params: BTreeMap<&'static str, Vec<String>>,
        body: serde_json::Map<String, Value>,
    ) -> Self {
        Self { params, body }
    }

    /// The array parameter `name`, each value parsed, if it was given (a required one is
    /// required by its flag).
    pub(crate) fn optional_params<T: FromStr>(
        &self,
        name: &str,
    ) -> Result<Option<Vec<T>>, Failure> {
        self.params
            .get(name)
            .map(|texts| texts.iter().map(|text| parse(name, text)).collect())
            .transpose()
    }

    /// The required parameter `name`, parsed.
    pub(crate) fn param<T: FromStr>(&self, name: &str) -> Result<T, Failure> {
        self.optional_param(name)?
            .ok_or_else(|| Failure::Usage(format!("the parameter `{name}` is required")))
    }

    /// The optional parameter `name`, parsed, if it was given.
    pub(crate) fn optional_param<T: FromStr>(&self, name: &str) -> Result<Option<T>, Failure> {
        self.params
            .get(name)
            .and_then(|texts| texts.last())
            .map(|text| parse(name, text))
            .transpose()
    }

    /// The body as the operation's request type. A field the type does not have is refused,
    /// not silently dropped.
    pub(crate) fn body<T: DeserializeOwned + Serialize>(
        &self,
        operation_id: &str,
        constraints: &[crate::validate::Constraint],
    ) -> Result<T, Failure> {
        let json = Value::Object(self.body.clone());
        // The request types decode any string into an enum's `Unknown` variant, for responses;
        // a value typed on the command line is held to the values the spec lists.
        crate::validate::check_listed(operation_id, constraints, &json).map_err(Failure::Usage)?;
        let body: T = serde_path_to_error::deserialize(&json).map_err(|e| {
            let path = e.path().to_string();
            Failure::Usage(format!(
                "invalid request body at `{path}`: {}",
                e.into_inner()
            ))
        })?;
        let kept = serde_json::to_value(&body)
            .map_err(|e| Failure::Usage(format!("cannot serialize the request body: {e}")))?;
        // A `null` given for an optional field is left out when sent: that is not dropping it.
        if let Some(dropped) = self
            .body
            .iter()
            .find(|(key, value)| !value.is_null() && kept.get(key.as_str()).is_none())
            .map(|(key, _)| key)
        {
            return Err(Failure::Usage(format!(
                "`{dropped}` is not a field of this API version's request body"
            )));
        }
        Ok(body)
    }
}

/// `text` as the value of the parameter `name`.
fn parse<T: FromStr>(name: &str, text: &str) -> Result<T, Failure> {
    text.parse::<T>()
        .map_err(|_| Failure::Usage(format!("`{text}` is not a valid `{name}`")))
}

/// The future of a subcommand: the response body as JSON.
pub type Call<'a> = Pin<Box<dyn Future<Output = Result<Value, Failure>> + Send + 'a>>;

/// Why a subcommand failed.
#[derive(Debug)]
pub enum Failure {
    /// The input is wrong; nothing was sent.
    Usage(String),
    /// The call failed.
    Api(crate::Error),
}

/// The response body of a call as JSON, or its failure.
pub(crate) fn respond<T: Serialize>(
    result: Result<ResponseValue<T>, crate::Error>,
) -> Result<Value, Failure> {
    to_json(result.map_err(Failure::Api)?.into_inner())
}

/// A response body, or an item of one, as the JSON the command line prints.
fn to_json<T: Serialize>(value: T) -> Result<Value, Failure> {
    serde_json::to_value(value)
        .map_err(|e| Failure::Usage(format!("cannot print the response: {e}")))
}

/// Every item of a listing across its pages, from a subcommand's input: see [`Command::all`].
pub type AllPages = for<'a> fn(&'a crate::Client, Input) -> Result<Lines<'a>, Failure>;

/// The items of a listing across its pages, each as JSON, for `--all`.
pub type Lines<'a> = Pin<Box<dyn Stream<Item = Result<Value, Failure>> + Send + 'a>>;

/// The items of `items` as JSON.
pub(crate) fn lines<'a, T: Serialize + Send + 'a>(items: Items<'a, T>) -> Lines<'a> {
    Box::pin(JsonItems(items))
}

/// A listing's items, each turned into JSON.
struct JsonItems<'a, T>(Items<'a, T>);

impl<'a, T: Serialize + Send + 'a> Stream for JsonItems<'a, T> {
    type Item = Result<Value, Failure>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let item = std::task::ready!(Pin::new(&mut self.get_mut().0).poll_next(cx));
        Poll::Ready(item.map(|item| to_json(item.map_err(Failure::Api)?)))
    }
}
