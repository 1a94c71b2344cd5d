//! `tresor get NAME`: print a value.

use crate::cli::GetArgs;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::names::check_secret_name;
use crate::vault::STATE_REVOKED;

/// With `--clip`, how long the clipboard keeps the value: `--clear-after`, config
/// `clear_after`, 45 s. Checked before anything is read, so a bad duration records no read.
fn clear_after(ctx: &Context, args: &GetArgs) -> Result<Option<i64>> {
    if !args.clip {
        return Ok(None);
    }
    match args
        .clear_after
        .as_deref()
        .or(ctx.config.clear_after.as_deref())
    {
        Some(d) => crate::clock::parse_duration(d).map(Some),
        None => Ok(Some(crate::clip::DEFAULT_CLEAR_AFTER)),
    }
}

/// The value on stdout, or with `--clip` on the clipboard (nothing of it printed).
fn hand_out(ctx: &Context, args: &GetArgs, clip: Option<i64>, value: &[u8]) -> Result<()> {
    let Some(secs) = clip else {
        return ctx.ui.reveal(value, !args.no_newline);
    };
    crate::clip::copy(value, secs)?;
    ctx.ui.status(&format!(
        "Copied {} to the clipboard; it is cleared in {} if it still holds it",
        args.name,
        crate::clock::human_duration(secs)
    ));
    Ok(())
}

pub fn cmd_get(ctx: &Context, args: GetArgs) -> Result<()> {
    check_secret_name(&args.name)?;
    let clip = clear_after(ctx, &args)?;
    if clip.is_none() {
        // With --clip nothing goes to stdout.
        super::refuse_regular_file(args.allow_file)?;
    }
    if let Some(b) = super::bundle::open_bundle(ctx, &args.source)? {
        if args.version.is_some() {
            return Err(Error::general(
                "a bundle holds the current version only; --version needs the vault",
            ));
        }
        let s = b
            .secrets
            .iter()
            .find(|s| s.name == args.name)
            .ok_or_else(|| {
                Error::general(format!(
                    "no secret {} in the bundle of {}",
                    args.name, b.env
                ))
                .with_hint(format!(
                    "`tresor list --bundle FILE` shows what it holds; to add {}, run `tresor bundle export` again on the owner's machine (where the vault is) and replace the bundle here",
                    args.name
                ))
            })?;
        if let Some(t) = s.expires_at.filter(|t| *t <= ctx.now) {
            ctx.ui.warn(&format!(
                "{} expired on {}",
                args.name,
                crate::clock::rfc3339(t)
            ));
        }
        return hand_out(ctx, &args, clip, s.value.as_bytes());
    }
    let env = ctx.env_name()?;
    let mut vault = ctx.read_vault()?;
    let revealed = vault.get(&env, &args.name, args.version)?;
    let info = &revealed.info;
    let refused = info.state == STATE_REVOKED && !args.allow_revoked;
    // The event is committed before the value leaves the process (or the refusal is told).
    let mut event = crate::audit::Event::new(crate::audit::Action::Get)
        .env(&env)
        .name(&args.name)
        .version(info.version);
    let mut detail = Vec::new();
    if refused {
        detail.push("refused: revoked");
    } else if info.state == STATE_REVOKED {
        detail.push("revoked, read with --allow-revoked");
    }
    if args.clip {
        detail.push("clipboard");
    }
    if !detail.is_empty() {
        event = event.detail(detail.join(", "));
    }
    vault.event(event);
    vault.commit()?;
    super::remind(ctx, &vault, &env);
    if refused {
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
    hand_out(ctx, &args, clip, &revealed.value)
}
