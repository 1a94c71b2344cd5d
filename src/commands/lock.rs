//! `tresor unlock` and `tresor lock`: start and stop the session agent.

use crate::cli::UnlockArgs;
use crate::clock;
use crate::context::Context;
use crate::error::{Error, Result};

pub fn cmd_unlock(ctx: &Context, args: UnlockArgs) -> Result<()> {
    let timeout = clock::parse_duration(&args.timeout)?;
    let path = ctx.vault_path()?.to_path_buf();
    if let Some(st) = crate::agent::status(&path) {
        ctx.ui.status(&format!(
            "An agent (pid {}) already holds the key until {}.",
            st.pid,
            clock::rfc3339(st.expires_at)
        ));
        return Ok(());
    }
    // Not from an agent (none runs): the first real key source.
    let source = crate::unlock::resolve(&ctx.source_flags())?;
    let mut vault = ctx.read_vault_with(&source)?;
    if !vault.full_access() {
        return Err(Error::unlock("a read-only grant cannot start an agent")
            .with_hint("unlock with the passphrase or a full-access identity"));
    }
    let root = vault.root_key()?;
    let protected = if args.include_protected {
        vault.protected_env_keys()?
    } else {
        Vec::new()
    };
    let vault_id = *vault.vault_id();
    let via = vault.via().to_string();
    vault.event(crate::audit::Event::new("unlock").detail(format!(
        "agent, idle timeout {}",
        clock::human_duration(timeout)
    )));
    vault.commit()?;
    drop(vault);
    let pid = crate::agent::spawn(&path, &root, &vault_id, &via, timeout, &protected)?;
    ctx.ui.status(&format!(
        "Unlocked: an agent (pid {pid}) holds the key until it has been idle for {}. `tresor lock` ends it.",
        clock::human_duration(timeout)
    ));
    Ok(())
}

pub fn cmd_lock(ctx: &Context) -> Result<()> {
    let path = ctx.vault_path()?.to_path_buf();
    if crate::agent::lock(&path) {
        ctx.ui
            .status("Locked: the agent forgot the key and exited.");
    } else {
        ctx.ui.status("No agent was running for this vault.");
    }
    Ok(())
}
