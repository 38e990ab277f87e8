//! The exit statuses of the command-line tool, what each error kind means among them, and
//! the one way a failure is reported: a line on standard error and its status.

use std::process::ExitCode;

use composio_link::{Error, ErrorKind};

/// Exit status: the call succeeded.
pub(crate) const EXIT_OK: u8 = 0;
/// Exit status: the API answered with an error (4xx/5xx, or a body it should not have sent).
pub(crate) const EXIT_API: u8 = 1;
/// Exit status: the command line, the configuration or the input is wrong; nothing was sent.
pub(crate) const EXIT_USAGE: u8 = 2;
/// Exit status: the API could not be reached (connection, timeout), or `--wait` timed out.
pub(crate) const EXIT_TRANSPORT: u8 = 3;

/// A failure of the CLI itself, before any request: the usage exit status.
pub(crate) struct Usage(pub(crate) String);

/// The exit status of a failed call.
pub(crate) fn exit_status(error: &Error) -> u8 {
    match error.kind() {
        ErrorKind::InvalidRequest | ErrorKind::Configuration => EXIT_USAGE,
        ErrorKind::Timeout | ErrorKind::Connection => EXIT_TRANSPORT,
        _ => EXIT_API,
    }
}

/// Reports `message` on standard error and returns `status`.
pub(crate) fn fail(status: u8, message: &str) -> ExitCode {
    eprintln!("composio-link: error: {message}");
    ExitCode::from(status)
}
