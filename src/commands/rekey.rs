//! `tresor rekey`: new root and environment keys, everything re-encrypted.

use std::io::IsTerminal;

use crate::context::Context;
use crate::error::Result;
use crate::unlock::{self, KeySource};
use crate::vault::RekeyNotes;

pub fn cmd_rekey(ctx: &Context) -> Result<()> {
    let source = ctx.key_source()?;
    let mut vault = ctx.write_vault_with(&source)?;
    let passphrase = passphrase_for_rewrap(ctx, &source, vault.has_passphrase())?;
    let notes = rekey_with_progress(ctx, &mut vault, passphrase.as_ref().map(|p| p.as_bytes()))?;
    vault.event(crate::audit::Event::new(crate::audit::Action::Rekey));
    let vault_key = vault.vault_key()?;
    vault.commit()?;
    ctx.ui.status(&format!(
        "Re-keyed the vault: new root key and environment keys, every value re-encrypted.\n\
         The vault key that signs bundles changed: pin the new one ({vault_key}) and export bundles again."
    ));
    report(ctx, &notes);
    refresh_agent_after_rekey(ctx, &mut vault)
}

/// A running agent holds the old root key, which no longer opens the vault: it is replaced
/// by one holding the new key (the command knows it), rather than merely stopped, so that the
/// session goes on without asking for the passphrase again.
pub fn refresh_agent_after_rekey(ctx: &Context, vault: &mut crate::vault::Vault) -> Result<()> {
    let root = vault.root_key()?;
    let vault_id = *vault.vault_id();
    super::lock::refresh_agent(ctx, &root, &vault_id, || vault.protected_env_keys().ok())
}

/// Tells what a re-key did besides re-keying (on stderr, after the commit).
pub fn report(ctx: &Context, notes: &RekeyNotes) {
    if let Some(why) = &notes.audit_break {
        ctx.ui.warn(&format!(
            "the audit log did not verify before the re-key ({why}); the new log carries an \
             `audit-broken` event recording it (see `tresor audit --action audit-broken`)"
        ));
    }
    super::note_expired_grants(ctx, &notes.expired_grants);
    if !notes.orphan_slots.is_empty() {
        ctx.ui.note(&format!(
            "dropped {} key slot{} of environments that no longer exist: {}",
            notes.orphan_slots.len(),
            if notes.orphan_slots.len() == 1 {
                ""
            } else {
                "s"
            },
            notes.orphan_slots.join(", ")
        ));
    }
}

/// The passphrase needed to re-wrap the passphrase slot: the one that unlocked, a passphrase
/// source, or a prompt.
pub fn passphrase_for_rewrap(
    ctx: &Context,
    source: &KeySource,
    needed: bool,
) -> Result<Option<zeroize::Zeroizing<String>>> {
    if !needed {
        return Ok(None);
    }
    if let Some(p) = source.passphrase() {
        return Ok(Some(p.clone()));
    }
    if let Some(p) = unlock::passphrase_source(&ctx.source_flags())? {
        return Ok(Some(p));
    }
    if unlock::can_prompt() {
        return Ok(Some(unlock::prompt_hidden(
            "Vault passphrase (to re-wrap its slot): ",
        )?));
    }
    Ok(None)
}

/// Runs `Vault::rekey` with a progress bar on a terminal.
pub fn rekey_with_progress(
    ctx: &Context,
    vault: &mut crate::vault::Vault,
    passphrase: Option<&[u8]>,
) -> Result<RekeyNotes> {
    let bar = (!ctx.ui.quiet && std::io::stderr().is_terminal()).then(|| {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template("re-keying {bar:30} {pos}/{len} environments")
                .expect("a valid template"),
        );
        b
    });
    let mut progress = |done: usize, total: usize| {
        if let Some(b) = &bar {
            b.set_length(total as u64);
            b.set_position(done as u64);
        }
    };
    let res = vault.rekey(passphrase, &mut progress);
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    res
}
