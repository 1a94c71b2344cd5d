//! `tresor revoke NAME --reason TEXT`: a revoked key is never handed out again.

use crate::cli::RevokeArgs;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::names::check_secret_name;

pub fn cmd_revoke(ctx: &Context, args: RevokeArgs) -> Result<()> {
    check_secret_name(&args.name)?;
    if args.reason.trim().is_empty() {
        return Err(Error::general(
            "--reason must say why the secret is revoked",
        ));
    }
    let env = ctx.env_name()?;
    let mut vault = ctx.write_vault()?;
    let n = vault.revoke(&env, &args.name, args.reason.trim())?;
    vault.event(
        crate::audit::Event::new(crate::audit::Action::Revoke)
            .env(&env)
            .name(&args.name)
            .detail(args.reason.trim()),
    );
    super::commit_write(ctx, &mut vault)?;
    super::remind(ctx, &vault, &env);
    ctx.ui.status(&format!(
        "Revoked {} in {env} ({n} version{}); revoke it at its provider too, then `tresor rotate {}` or `tresor set {}` stores a fresh one",
        args.name,
        if n == 1 { "" } else { "s" },
        args.name,
        args.name
    ));
    Ok(())
}
