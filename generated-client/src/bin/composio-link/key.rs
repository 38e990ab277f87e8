//! Where the API key comes from: the environment (read by the client builder), or the first
//! line of standard input or of a file, never a flag value, which would land in shell history
//! and process lists.

use std::io::BufRead;

use crate::args::Global;
use crate::exit::Usage;

/// The key read by `--api-key-stdin` or `--api-key-file`, if either is given.
pub(crate) fn read(global: &Global) -> Result<Option<String>, Usage> {
    let key = match (&global.api_key_file, global.api_key_stdin) {
        (Some(path), _) => Some(
            std::fs::File::open(path)
                .and_then(|f| first_line(std::io::BufReader::new(f)))
                .map_err(|e| Usage(format!("cannot read the key from {}: {e}", path.display())))?,
        ),
        (None, true) => Some(
            first_line(std::io::stdin().lock())
                .map_err(|e| Usage(format!("cannot read the key from stdin: {e}")))?,
        ),
        (None, false) => None,
    };
    if global.user_key && key.is_none() {
        return Err(Usage(
            "--user-key applies to a key read by --api-key-stdin or --api-key-file; for a key \
             in the environment, set COMPOSIO_USER_API_KEY instead"
                .to_owned(),
        ));
    }
    if key.as_deref().is_some_and(|k| k.trim().is_empty()) {
        return Err(Usage(
            "the API key read from stdin or the file is empty".to_owned(),
        ));
    }
    Ok(key)
}

/// The first line of `reader`, trimmed.
fn first_line(mut reader: impl BufRead) -> std::io::Result<String> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    Ok(line.trim().to_owned())
}
