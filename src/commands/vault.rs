//! `tresor vault copy --to PATH_OR_URL`: the vault, verified, copied byte for byte into a new
//! file or PostgreSQL database (and back), then the copy verified and its key pinned here.

use crate::cli::{VaultArgs, VaultCommand};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::vault::Vault;

pub fn cmd_vault(ctx: &Context, args: VaultArgs) -> Result<()> {
    match args.command {
        VaultCommand::Copy(a) => copy(ctx, &a.to),
    }
}

fn copy(ctx: &Context, to: &str) -> Result<()> {
    let target = crate::context::location_of(to)?;
    let from = ctx.vault_path()?.to_path_buf();
    if target.key() == from {
        return Err(Error::usage(format!(
            "{} is the vault being copied",
            from.display()
        )));
    }
    let source = ctx.key_source()?;
    let mut vault = ctx.read_vault_with(&source)?;
    let report = vault.copy_to(&target)?;
    vault.commit()?;
    // The copy, opened as a command would open it, with the same keys: every row and the chain.
    let mut copy = Vault::open(&target, &source.credentials(), false, ctx.now)?;
    copy.verify_all()?;
    let events = copy.audit_verify()?.events;
    if copy.vault_id() != vault.vault_id() || events < report.events {
        return Err(Error::integrity(format!(
            "the copy at {} does not read back as the vault copied",
            target.key().display()
        ))
        .with_hint("remove the copy and try again; the original was not changed"));
    }
    let key = crate::bundle::encode_vault_key(&vault.vault_public_key()?);
    if let Some(t) = ctx.tracker() {
        let _ = t.pin(Some(target.key()), vault.vault_id(), &[&key]);
    }
    ctx.ui.status(&format!(
        "Copied the vault from {} to {}: {} rows; every row ({} versions) and the audit log ({} events) verified before and after. Its vault key {key} is pinned for the copy on this machine.",
        from.display(),
        target.key().display(),
        report.rows,
        report.versions,
        events,
    ));
    if !report.skipped.is_empty() {
        ctx.ui.note(&format!(
            "copied as they are, not checked without their second factor: {}",
            report.skipped.join(", ")
        ));
    }
    Ok(())
}
