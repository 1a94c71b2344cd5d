//! `tresor init`: create a vault with a passphrase slot, recipient slots, or both.

use crate::cli::InitArgs;
use crate::context::Context;
use crate::crypto::KdfParams;
use crate::error::{Error, Result};
use crate::names::check_env_name;
use crate::unlock;
use crate::vault::{InitSpec, Vault};

pub fn cmd_init(ctx: &Context, args: InitArgs) -> Result<()> {
    let kdf = KdfParams {
        memory_mib: args.kdf_memory,
        iterations: args.kdf_iterations,
        parallelism: args.kdf_parallelism,
    };
    kdf.check()?;
    let mut envs: Vec<String> = Vec::new();
    for e in args.envs.iter().map(|e| e.trim()).filter(|e| !e.is_empty()) {
        check_env_name(e)?;
        if !envs.iter().any(|x| x == e) {
            envs.push(e.to_string());
        }
    }
    if envs.is_empty() {
        return Err(Error::general("--envs names no environment"));
    }
    let mut recipients = Vec::new();
    for r in &args.recipients {
        recipients.extend(unlock::parse_recipients(r)?);
    }
    if crate::vault::store::Store::exists(ctx.vault_location()?)? {
        return Err(Error::general(format!(
            "a vault already exists at {}",
            ctx.vault_path()?.display()
        ))
        .with_hint("tresor never overwrites a vault; pass --vault PATH to create another"));
    }
    let passphrase = if args.no_passphrase {
        None
    } else if let Some(p) = unlock::passphrase_source(&ctx.source_flags())? {
        Some(p)
    } else if unlock::can_prompt() {
        Some(crate::passphrase::prompt_new("New vault passphrase")?)
    } else {
        return Err(Error::unlock("no passphrase for the new vault").with_hint(
            "give one with --passphrase-file FILE, --passphrase-fd N or TRESOR_PASSPHRASE, or pass --no-passphrase with --recipient",
        ));
    };
    if let Some(w) = passphrase
        .as_ref()
        .and_then(|p| crate::passphrase::weakness(p))
    {
        ctx.ui.warn(&w);
    }
    let spec = InitSpec {
        passphrase: passphrase.as_ref().map(|p| p.as_bytes()),
        kdf,
        recipients: &recipients,
        envs: &envs,
    };
    let vault = Vault::create(ctx.vault_location()?, &spec, ctx.now)?;
    crate::kdf_guard::record_passphrase_slot(vault.vault_id(), vault.slots());
    let vault_key = crate::bundle::encode_vault_key(&vault.vault_public_key()?);
    if let Some(t) = ctx.tracker() {
        // The first record of this vault's generation, for rollback detection, and its key,
        // pinned for this path (doc/design.md "Trust anchors").
        let _ = t.record(vault.vault_id(), vault.generation());
        let _ = t.pin(Some(ctx.vault_path()?), vault.vault_id(), &[&vault_key]);
    }
    let mut how = Vec::new();
    if passphrase.is_some() {
        how.push("a passphrase".to_string());
    }
    for r in &recipients {
        how.push(format!("recipient {}", r.label));
    }
    ctx.ui.status(&format!(
        "Created vault {} with environments {}; it opens with {}.\nVault key (pinned on this machine; give it to grant holders and CI as TRESOR_VAULT_KEY): {vault_key}",
        ctx.vault_path()?.display(),
        envs.join(", "),
        how.join(", ")
    ));
    Ok(())
}
