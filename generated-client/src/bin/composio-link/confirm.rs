//! The confirmation of an operation that deletes: asked on the terminal, or given by `--yes`
//! when standard input is not one (a script must say so; it is never assumed).

use std::io::{BufRead, IsTerminal, Write};

use clap::ArgMatches;
use composio_link::cli;

use crate::exit::Usage;

/// Whether `operation` may be sent: it does not delete, `--yes` was given, or the user
/// answered `y` on the terminal.
///
/// # Errors
///
/// [`Usage`] naming `--yes` when standard input is not a terminal, or when the user did not
/// confirm.
pub(crate) fn confirmed(operation: &cli::Command, matches: &ArgMatches) -> Result<(), Usage> {
    if !operation.confirm || matches.get_flag("yes") {
        return Ok(());
    }
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(Usage(format!(
            "`{}` deletes and standard input is not a terminal to ask on; pass --yes to \
             confirm",
            operation.name
        )));
    }
    let mut stderr = std::io::stderr().lock();
    let asked = write!(stderr, "{}: {}? [y/N] ", operation.name, operation.about)
        .and_then(|()| stderr.flush());
    if let Err(e) = asked {
        return Err(Usage(format!("cannot ask for confirmation: {e}")));
    }
    let mut answer = String::new();
    if let Err(e) = stdin.lock().read_line(&mut answer) {
        return Err(Usage(format!("cannot read the confirmation: {e}")));
    }
    match answer.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" => Ok(()),
        _ => Err(Usage(
            "not confirmed, nothing sent (pass --yes to delete without asking)".to_owned(),
        )),
    }
}
