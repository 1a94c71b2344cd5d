//! `tresor cp` and `tresor mv`: copy a secret to another environment or name, or move it
//! (`mv OLD NEW` renames it within its environment). The current version travels with its
//! expiry, rotation date and schedule, lifetime, generator recipe, note and origin; a `rotate`
//! at the destination works as it did at the source. Older versions stay behind (`cp`) or go
//! with the source (`mv`): the new secret starts its history at version 1. One transaction.

use crate::cli::CopyArgs;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::names::{check_env_name, check_secret_name};
use crate::vault::{NewVersion, STATE_REVOKED, VersionMeta};

pub fn cmd_copy(ctx: &Context, args: CopyArgs, remove_source: bool) -> Result<()> {
    let verb = if remove_source {
        crate::audit::Action::Mv
    } else {
        crate::audit::Action::Cp
    };
    check_secret_name(&args.name)?;
    let from_env = ctx.env_name()?;
    let to_env = args.to.clone().unwrap_or_else(|| from_env.clone());
    check_env_name(&to_env)?;
    let to_name = args.new_name.clone().unwrap_or_else(|| args.name.clone());
    check_secret_name(&to_name)?;
    if to_env == from_env && to_name == args.name {
        return Err(Error::usage(format!(
            "{verb}: the source and the destination are both {} in {from_env}",
            args.name
        ))
        .with_hint("give a NEW name, or --to ENV"));
    }
    let mut vault = ctx.write_vault()?;
    let src = vault.get(&from_env, &args.name, None)?;
    if src.info.state == STATE_REVOKED {
        return Err(Error::policy(format!(
            "{} in {from_env} is revoked: it is not copied or moved",
            args.name
        )));
    }
    let exists = match vault.get(&to_env, &to_name, None) {
        Ok(_) => true,
        Err(e) if e.kind == crate::error::Kind::General && vault.env_names().contains(&to_env) => {
            false
        }
        Err(e) => return Err(e),
    };
    if exists && !args.overwrite {
        return Err(
            Error::general(format!("{to_name} already exists in {to_env}"))
                .with_hint("pass --overwrite to add the value as its new version"),
        );
    }
    let info = &src.info;
    let meta = VersionMeta {
        note: info.meta.note.clone(),
        rotate_every: info.meta.rotate_every,
        expires_in: info.meta.expires_in,
        recipe: info.meta.recipe.clone(),
        ..VersionMeta::default()
    };
    let version = vault.put(
        &to_env,
        &to_name,
        &src.value,
        NewVersion {
            origin: info.origin,
            expires_at: info.expires_at,
            rotate_at: info.rotate_at,
            grace_until: None,
            meta,
        },
    )?;
    if remove_source {
        vault.remove(&from_env, &args.name)?;
    }
    vault.event(
        crate::audit::Event::new(verb)
            .env(&to_env)
            .name(&to_name)
            .version(version)
            .detail(format!("from {from_env}/{}", args.name)),
    );
    super::commit_write(ctx, &mut vault)?;
    super::remind(ctx, &vault, &to_env);
    ctx.ui.status(&format!(
        "{} {} in {from_env} to {to_name} in {to_env} (version {version})",
        if remove_source { "Moved" } else { "Copied" },
        args.name
    ));
    Ok(())
}
