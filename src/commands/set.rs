//! `tresor set NAME`: store a value read from stdin, a file or a hidden prompt.

use crate::cli::SetArgs;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::names::check_secret_name;
use crate::vault::{NewVersion, Origin};

pub fn cmd_set(ctx: &Context, args: SetArgs) -> Result<()> {
    if !args.value.is_empty() {
        // Never echo what was given: it may be the secret itself.
        return Err(Error::usage("values are never taken from the command line").with_hint(
            "pipe the value on standard input, use --from-file FILE, or run on a terminal to be asked; \
             the value you typed may be in your shell history",
        ));
    }
    check_secret_name(&args.name)?;
    let env = ctx.env_name()?;
    let schedule = super::schedule(ctx, &args.schedule)?;
    let value = crate::input::read_value(args.from_file.as_deref(), args.keep_newline)?;
    let mut vault = ctx.write_vault()?;
    let version = vault.put(
        &env,
        &args.name,
        &value,
        NewVersion {
            origin: Origin::Set,
            expires_at: schedule.expires_at,
            rotate_at: schedule.rotate_at,
            grace_until: None,
            meta: schedule.meta,
        },
    )?;
    vault.commit()?;
    ctx.ui.status(&format!(
        "Stored {} in {env} (version {version})",
        args.name
    ));
    Ok(())
}
