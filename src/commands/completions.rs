//! `tresor completions SHELL`: print a completion script.

use crate::cli::CompletionsArgs;
use crate::error::{Error, Kind, Result};

pub fn cmd_completions(args: &CompletionsArgs) -> Result<()> {
    use std::io::Write;
    let script = crate::docs::completion(args.shell);
    let mut out = std::io::stdout().lock();
    out.write_all(&script)
        .and_then(|_| out.flush())
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                Error::new(Kind::BrokenPipe, "")
            } else {
                Error::io("standard output", e)
            }
        })
}
