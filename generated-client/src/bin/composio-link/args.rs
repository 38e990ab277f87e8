//! The shell's own flags, the same for every subcommand: the key sources, the base URL, the
//! output format, the timeout and the retries.

use std::path::PathBuf;

use clap::{Args, Parser, ValueEnum};

#[derive(Parser)]
#[command(
    name = "composio-link",
    version,
    about = "Call the Composio API's auth-link operations from the command line",
    after_help = "The API key comes from COMPOSIO_API_KEY (project key, sent as x-api-key) or \
                  COMPOSIO_USER_API_KEY (user key, sent as x-user-api-key), or from \
                  --api-key-stdin / --api-key-file. COMPOSIO_BASE_URL overrides the base URL.\n\n\
                  Exit status: 0 success, 1 the API answered with an error, 2 usage or \
                  configuration error (nothing sent), 3 the API could not be reached.\n\n\
                  With --wait on a link subcommand: 0 the connected account is ACTIVE, 1 it \
                  ended FAILED, EXPIRED or REVOKED (or the API answered with an error), 3 the \
                  wait timed out (or the API could not be reached)."
)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: Global,
}

#[derive(Args)]
pub(crate) struct Global {
    /// Read the API key from the first line of standard input.
    #[arg(long, global = true, conflicts_with = "api_key_file")]
    pub(crate) api_key_stdin: bool,
    /// Read the API key from the first line of this file.
    #[arg(long, global = true, value_name = "PATH")]
    pub(crate) api_key_file: Option<PathBuf>,
    /// Send the key read by --api-key-stdin or --api-key-file as a user API key
    /// (x-user-api-key) instead of a project key.
    #[arg(long, global = true)]
    pub(crate) user_key: bool,
    /// The API's base URL (default: COMPOSIO_BASE_URL, else https://backend.composio.dev).
    #[arg(long, global = true, value_name = "URL")]
    pub(crate) base_url: Option<String>,
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = Format::Json)]
    pub(crate) format: Format,
    /// Whole-request timeout per attempt, in seconds.
    #[arg(long, global = true, value_name = "SECONDS")]
    pub(crate) timeout: Option<f64>,
    /// Retries of retryable failures (connection errors, timeouts, 408, 409, 429, 5xx).
    #[arg(long, global = true, value_name = "N")]
    pub(crate) max_retries: Option<u32>,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Format {
    /// The response body as JSON.
    Json,
    /// One `field: value` line per field.
    Text,
}
