//! `tresor unlock` and `tresor lock`: start and stop the session agent.

use crate::agent::{self, Found, Lifetimes};
use crate::cli::UnlockArgs;
use crate::clock;
use crate::context::Context;
use crate::error::{Error, Result};

/// The agent's maximum lifetime: `--max-lifetime`, config `agent_max_lifetime`, 8 hours.
fn max_lifetime(ctx: &Context, args: &UnlockArgs) -> Result<i64> {
    match args
        .max_lifetime
        .as_deref()
        .or(ctx.config.agent_max_lifetime.as_deref())
    {
        Some(d) => clock::parse_duration(d),
        None => Ok(agent::DEFAULT_MAX_LIFETIME),
    }
}

pub fn cmd_unlock(ctx: &Context, args: UnlockArgs) -> Result<()> {
    let timeout = clock::parse_duration(&args.timeout)?;
    let max = max_lifetime(ctx, &args)?;
    let path = ctx.vault_path()?.to_path_buf();
    // `unlock -e ENV` or `--envs a,b`: a scoped agent, holding those environments' keys only.
    // The names are checked before anything is asked.
    let mut scope = args.envs.clone();
    if let Some(e) = ctx.env_flag() {
        if !scope.contains(&e) {
            scope.push(e);
        }
    }
    for name in &scope {
        crate::names::check_env_name(name)?;
    }
    match agent::status(&path) {
        Found::Agent(st) => {
            let holds = if st.scoped {
                format!("the keys of {} environment(s) only", st.protected)
            } else {
                "the root key".to_string()
            };
            ctx.ui.status(&format!(
                "An agent (pid {}) already holds {holds} until {}.",
                st.pid,
                clock::rfc3339(st.expires_at)
            ));
            if st.scoped == scope.is_empty() {
                ctx.ui.note("it is not the kind asked for: `tresor lock`, then `tresor unlock` again, replaces it");
            }
            return Ok(());
        }
        // Another tresor build's agent: this one cannot use it, so it is replaced.
        Found::OtherVersion(_) => {
            agent::lock(&path);
            ctx.ui.note(
                "stopped the session agent of another tresor build (another protocol version)",
            );
        }
        Found::Nothing => {}
    }
    // Not from an agent (none runs): the first real key source.
    let source = crate::unlock::resolve(&ctx.source_flags())?;
    let mut vault = ctx.read_vault_with(&source)?;
    if !vault.full_access() {
        return Err(Error::unlock("a read-only grant cannot start an agent")
            .with_hint("unlock with the passphrase or a full-access identity"));
    }
    let root = if scope.is_empty() {
        Some(vault.root_key()?)
    } else {
        None
    };
    let protected = if !scope.is_empty() {
        vault.env_keys_of(&scope)?
    } else if args.include_protected {
        vault.protected_env_keys()?
    } else {
        Vec::new()
    };
    let vault_id = *vault.vault_id();
    let via = vault.via().to_string();
    let held = if scope.is_empty() {
        "the root key".to_string()
    } else {
        format!("the keys of {} only", scope.join(", "))
    };
    vault.event(
        crate::audit::Event::new(crate::audit::Action::Unlock).detail(format!(
            "agent holding {held}, idle timeout {}, lifetime {}",
            clock::human_duration(timeout),
            clock::human_duration(max)
        )),
    );
    vault.commit()?;
    drop(vault);
    let life = Lifetimes { idle: timeout, max };
    let spawned = agent::spawn(&path, root.as_ref(), &vault_id, &via, life, &protected)?;
    if let Some(w) = spawned.memory_warning() {
        ctx.ui.warn(&w);
    }
    ctx.ui.status(&format!(
        "Unlocked: an agent (pid {}) holds {held} until it has been idle for {}, for {} at most. \
         `tresor lock` ends it.",
        spawned.pid,
        clock::human_duration(timeout),
        clock::human_duration(max)
    ));
    Ok(())
}

pub fn cmd_lock(ctx: &Context) -> Result<()> {
    let path = ctx.vault_path()?.to_path_buf();
    if agent::lock(&path) {
        ctx.ui
            .status("Locked: the agent forgot the key and exited.");
    } else {
        ctx.ui.status("No agent was running for this vault.");
    }
    Ok(())
}

/// After a command changed the vault's root key: replaces the agent (if one runs) with one
/// holding the new key, and says so. `protected` is asked only when the old agent held
/// protected environments' keys.
pub fn refresh_agent(
    ctx: &Context,
    root: &crate::crypto::Key,
    vault_id: &[u8; 16],
    protected: impl FnOnce() -> Option<agent::ProtectedKeys>,
) -> Result<()> {
    let path = ctx.vault_path()?.to_path_buf();
    match agent::refresh(&path, root, vault_id, protected) {
        agent::Refreshed::NoAgent => {}
        agent::Refreshed::Restarted {
            spawned,
            dropped_protected,
        } => {
            if let Some(w) = spawned.memory_warning() {
                ctx.ui.warn(&w);
            }
            ctx.ui.status(&format!(
                "The session agent held the old key: replaced it with one (pid {}) holding the new key, same idle timeout and end of life.",
                spawned.pid
            ));
            if dropped_protected {
                ctx.ui.note("the new agent holds no protected environment's key; `tresor lock` and `tresor unlock --include-protected` give it them again");
            }
        }
        agent::Refreshed::Stopped(why) => ctx.ui.warn(&format!(
            "the session agent held the old key and was stopped ({why}); `tresor unlock` starts a new one"
        )),
    }
    Ok(())
}
