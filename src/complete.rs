//! Dynamic completion of secret and environment names (`COMPLETE=bash tresor`, clap_complete's
//! environment-driven completion). Names come only from a running session agent: completion
//! never prompts and never reads a passphrase or identity; with no agent it completes commands
//! and flags only.

use std::ffi::OsStr;

use clap_complete::CompletionCandidate;

use crate::unlock::KeySource;
use crate::vault::Vault;

/// The vault opened with the agent's key, if an agent runs for it.
fn vault_from_agent() -> Option<Vault> {
    // Quiet: no note (an unallowed project file, say) in the middle of the command line.
    let ctx = crate::context::Context::new(crate::cli::GlobalArgs {
        quiet: true,
        ..Default::default()
    })
    .ok()?;
    let path = ctx.vault_path().ok()?.to_path_buf();
    // Quiet: a note on stderr would land in the middle of the user's command line.
    let a = crate::agent::fetch_key_quiet(&path)?;
    // Read only, never committed: completion leaves no trace but the agent's idle timer.
    let source = KeySource::Agent {
        key: a.key,
        vault_id: a.vault_id,
        via: a.via,
        protected: a.protected,
    };
    Vault::open(&path, &source.credentials(), false, ctx.now).ok()
}

fn matching(names: impl IntoIterator<Item = String>, current: &OsStr) -> Vec<CompletionCandidate> {
    let prefix = current.to_string_lossy();
    let mut names: Vec<String> = names
        .into_iter()
        .filter(|n| n.starts_with(prefix.as_ref()))
        .collect();
    names.sort();
    names.dedup();
    names.into_iter().map(CompletionCandidate::new).collect()
}

/// Secret names of every environment.
pub fn secret_names(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(mut vault) = vault_from_agent() else {
        return Vec::new();
    };
    let mut names = Vec::new();
    for env in vault.env_names() {
        if let Ok(list) = vault.list(&env) {
            names.extend(list.into_iter().map(|s| s.name));
        }
    }
    matching(names, current)
}

/// Environment names.
pub fn env_names(current: &OsStr) -> Vec<CompletionCandidate> {
    match vault_from_agent() {
        Some(vault) => matching(vault.env_names(), current),
        None => Vec::new(),
    }
}
