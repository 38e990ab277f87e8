//! The client the command line configures: the environment, then the key read by the key
//! flags, the base URL, the timeout and the retries of the shell's flags.

use std::time::Duration;

use composio_link::{Client, ClientBuilder};

use crate::args::Global;
use crate::exit::Usage;
use crate::key;

/// A client from the environment and the shell's flags, checked by `build()`.
pub(crate) fn client(global: &Global) -> Result<Client, Usage> {
    let mut builder = ClientBuilder::from_env();
    let key = key::read(global)?;
    builder = match key {
        Some(key) if global.user_key => builder.user_api_key(key),
        Some(key) => builder.api_key(key),
        None => builder,
    };
    if let Some(url) = &global.base_url {
        builder = builder.base_url(url);
    }
    if let Some(seconds) = global.timeout {
        let timeout = Duration::try_from_secs_f64(seconds)
            .map_err(|_| Usage(format!("--timeout {seconds} is not a number of seconds")))?;
        builder = builder.timeout(timeout);
    }
    if let Some(retries) = global.max_retries {
        builder = builder.max_retries(retries);
    }
    builder.build().map_err(|e| Usage(e.to_string()))
}
