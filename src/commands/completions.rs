//! `tresor completions SHELL`: print a completion script.

use crate::cli::CompletionsArgs;
use crate::error::{Error, Result};

pub fn cmd_completions(args: &CompletionsArgs) -> Result<()> {
    use std::io::Write;
    let script = crate::docs::completion(args.shell);
    let mut out = std::io::stdout().lock();
    out.write_all(&script)
        .and_then(|_| out.flush())
        .or_else(|e| {
            // The reader went away (`| head`): a normal end.
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                Ok(())
            } else {
                Err(Error::io("standard output", e))
            }
        })
}
