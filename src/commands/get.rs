//! `tresor get NAME`: print a value.

use crate::cli::GetArgs;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::names::check_secret_name;
use crate::vault::STATE_REVOKED;

pub fn cmd_get(ctx: &Context, args: GetArgs) -> Result<()> {
    check_secret_name(&args.name)?;
    let env = ctx.env_name()?;
    let mut vault = ctx.read_vault()?;
    let revealed = vault.get(&env, &args.name, args.version)?;
    vault.commit()?;
    super::remind(ctx, &vault, &env);
    let info = &revealed.info;
    if info.state == STATE_REVOKED && !args.allow_revoked {
        let mut msg = format!(
            "{} in {env} (version {}) is revoked",
            args.name, info.version
        );
        if let Some(at) = info.meta.revoked_at {
            msg.push_str(&format!(" since {}", crate::clock::rfc3339(at)));
        }
        return Err(Error::policy(msg).with_hint(
            "a revoked key is never handed out; pass --allow-revoked to read it anyway",
        ));
    }
    if let Some(t) = info.expires_at.filter(|t| *t <= ctx.now) {
        ctx.ui.warn(&format!(
            "{} in {env} expired on {}",
            args.name,
            crate::clock::rfc3339(t)
        ));
    }
    ctx.ui.reveal(&revealed.value, !args.no_newline)
}
