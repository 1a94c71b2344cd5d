//! `tresor generate-docs DIR` (hidden): write `completions/` and `man/` under DIR.

use crate::cli::GenerateDocsArgs;
use crate::error::Result;

pub fn cmd_generate_docs(args: &GenerateDocsArgs) -> Result<()> {
    crate::docs::write_all(&args.dir)
}
