//! Dynamic completion of secret and environment names (`COMPLETE=bash tresor`, clap_complete's
//! environment-driven completion). Names come only from a running session agent: completion
//! never prompts and never reads a passphrase or identity; with no agent it completes commands
//! and flags only.
//!
//! Secret names are those of the environment the command would use: `-e`/`--env` on the line
//! being completed, else `TRESOR_ENV`, else the config's `default_env`, else `dev` (and
//! `--vault`/`--config` on the line count too). The shell passes the line as arguments after
//! `--` (`tresor -- tresor get -e prod AP`), with the index of the word being completed in
//! `_CLAP_COMPLETE_INDEX` (bash) or as the last word.

use std::ffi::OsStr;

use clap_complete::CompletionCandidate;

use crate::unlock::KeySource;
use crate::vault::Vault;

/// The words of the line being completed and the index of the one under the cursor.
fn line_words() -> (Vec<String>, usize) {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let words: Vec<String> = match args.iter().position(|a| a == "--") {
        Some(i) => args[i + 1..].to_vec(),
        None => Vec::new(),
    };
    let current = std::env::var("_CLAP_COMPLETE_INDEX")
        .ok()
        .and_then(|i| i.parse::<usize>().ok())
        .unwrap_or(words.len().saturating_sub(1));
    (words, current)
}

/// The whole word under the cursor (`--only A,B,C` gives `A,B,C`; `--only=A,B` gives `A,B`).
fn line_word() -> String {
    let (words, current) = line_words();
    let w = words.get(current).cloned().unwrap_or_default();
    match w.split_once('=') {
        Some((flag, v)) if flag.starts_with("--") => v.to_string(),
        _ => w,
    }
}

/// The global flags written on the command line being completed (not the word under the
/// cursor): `-e`, `--env`, `--vault`, `--config`, in their `--flag VALUE`, `--flag=VALUE`
/// and `-eVALUE` forms.
fn line_flags() -> crate::cli::GlobalArgs {
    let (words, current) = line_words();
    parse_line(&words, current)
}

/// See `line_flags`: `words` is the whole line (the program first), `current` the index of the
/// word being completed, which is left out.
pub fn parse_line(words: &[String], current: usize) -> crate::cli::GlobalArgs {
    let mut g = crate::cli::GlobalArgs::default();
    let mut i = 1;
    while i < words.len() {
        if i == current {
            i += 1;
            continue;
        }
        let w = words[i].as_str();
        if w == "--" {
            break;
        }
        let next = || (i + 1 < words.len() && i + 1 != current).then(|| words[i + 1].clone());
        let take = |flag: &str| -> Option<(String, bool)> {
            if w == flag {
                next().map(|v| (v, true))
            } else if let Some(v) = w.strip_prefix(&format!("{flag}=")) {
                Some((v.to_string(), false))
            } else if flag == "-e" && w.starts_with("-e") && w.len() > 2 && !w.starts_with("--") {
                Some((w[2..].to_string(), false))
            } else {
                None
            }
        };
        if let Some((v, skip)) = take("-e").or_else(|| take("--env")) {
            g.env = Some(v);
            i += usize::from(skip);
        } else if let Some((v, skip)) = take("--vault") {
            g.vault = Some(v.into());
            i += usize::from(skip);
        } else if let Some((v, skip)) = take("--config") {
            g.config = Some(v.into());
            i += usize::from(skip);
        }
        i += 1;
    }
    g
}

/// The context of the line being completed, quiet.
fn line_context() -> Option<crate::context::Context> {
    let mut g = line_flags();
    g.quiet = true;
    crate::context::Context::new(g).ok()
}

/// The vault opened with the agent's key, if an agent runs for it.
fn vault_from_agent() -> Option<Vault> {
    let ctx = line_context()?;
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

/// The secret names of the environment the command would use.
fn names_of_env() -> Vec<String> {
    let Some(env) = line_context().and_then(|c| c.env_name().ok()) else {
        return Vec::new();
    };
    let Some(mut vault) = vault_from_agent() else {
        return Vec::new();
    };
    vault
        .list(&env)
        .map(|l| l.into_iter().map(|s| s.name).collect())
        .unwrap_or_default()
}

/// Secret names of the environment the command would use.
pub fn secret_names(current: &OsStr) -> Vec<CompletionCandidate> {
    matching(names_of_env(), current)
}

/// A comma list of secret names (`--only A,B,`): clap hands over the part after the last
/// comma and puts the part before it back; a name already in the list is not offered again.
pub fn secret_name_list(current: &OsStr) -> Vec<CompletionCandidate> {
    let word = line_word();
    let listed: Vec<&str> = match word.rfind(',') {
        Some(i) => word[..i].split(',').filter(|n| !n.is_empty()).collect(),
        None => Vec::new(),
    };
    matching(
        names_of_env()
            .into_iter()
            .filter(|n| !listed.contains(&n.as_str())),
        current,
    )
}

/// Labels of the vault's read-only grants (`access revoke`).
pub fn grant_labels(current: &OsStr) -> Vec<CompletionCandidate> {
    match vault_from_agent() {
        Some(vault) => matching(vault.grants().into_iter().map(|g| g.label), current),
        None => Vec::new(),
    }
}

/// Environment names.
pub fn env_names(current: &OsStr) -> Vec<CompletionCandidate> {
    match vault_from_agent() {
        Some(vault) => matching(vault.env_names(), current),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(words: &[&str], current: usize) -> crate::cli::GlobalArgs {
        let w: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        parse_line(&w, current)
    }

    #[test]
    fn the_line_names_the_environment() {
        assert_eq!(
            line(&["tresor", "get", "-e", "prod", "A"], 4)
                .env
                .as_deref(),
            Some("prod")
        );
        assert_eq!(
            line(&["tresor", "-eprod", "get", ""], 3).env.as_deref(),
            Some("prod")
        );
        assert_eq!(
            line(&["tresor", "get", "--env=qa", ""], 3).env.as_deref(),
            Some("qa")
        );
        assert_eq!(
            line(&["tresor", "get", "--env", "qa", ""], 4)
                .env
                .as_deref(),
            Some("qa")
        );
        // The word being completed is not a value: `-e pr<TAB>` does not set the environment.
        assert_eq!(line(&["tresor", "get", "-e", "pr"], 3).env, None);
        assert_eq!(line(&["tresor", "get", ""], 2).env, None);
        assert_eq!(
            line(&["tresor", "--vault", "/v.db", "get", ""], 4).vault,
            Some("/v.db".into())
        );
        // After `--` (run's command) nothing is a flag of tresor's.
        assert_eq!(
            line(&["tresor", "run", "--", "x", "-e", "prod"], 6).env,
            None
        );
    }
}
