//! `config.toml` (doc/cli.md §1): the defaults a user sets once. Unknown keys are an error that
//! names the key, so a typo never silently does nothing.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// How far ahead expiry and rotation count as due when `remind_within` is not set: 14 days.
pub const DEFAULT_REMIND_WITHIN: i64 = 14 * 86_400;

/// An environment variable that is set to something (an empty one counts as unset, as
/// shells make it easy to set one by accident). The one place tresor reads its variables.
pub fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Vault file.
    pub vault: Option<PathBuf>,
    /// Environment used when neither -e nor TRESOR_ENV is given.
    pub default_env: Option<String>,
    /// Rotation schedule given to new secrets that set none (a duration).
    pub rotate_every: Option<String>,
    /// How far ahead expiry and rotation count as due (a duration; default 14d).
    pub remind_within: Option<String>,
    /// Print a reminder line on stderr when an environment has due secrets (default true).
    pub reminders: Option<bool>,
    /// How long a session agent lives at most, used or not (a duration; default 8h).
    pub agent_max_lifetime: Option<String>,
    /// How long `get --clip` leaves a value on the clipboard (a duration; default 45s).
    pub clear_after: Option<String>,
}

impl Config {
    /// Reads the config file. A missing file is an empty config unless it was named explicitly.
    pub fn load(path: &Path, explicit: bool) -> Result<Config> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => {
                return Ok(Config::default());
            }
            Err(e) => return Err(Error::io(format!("config file {}", path.display()), e)),
        };
        let cfg: Config = toml::from_str(&text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|r| line_column(&text, r.start))
                .unwrap_or((0, 0));
            let key = e
                .span()
                .and_then(|r| key_on_line(&text, r.start))
                .or_else(|| unknown_field(e.message()));
            let mut msg = format!("config file {}", path.display());
            if line > 0 {
                msg.push_str(&format!(", line {line}, column {column}"));
            }
            if let Some(k) = &key {
                msg.push_str(&format!(", key {k}"));
            }
            msg.push_str(&format!(": {}", e.message().trim_end()));
            let hint = match key.as_deref() {
                Some(k) if KNOWN.contains(&k) && !e.message().contains("duplicate") => {
                    format!("{k} takes {}", expects(k))
                }
                Some(k) if KNOWN.contains(&k) => {
                    format!("{k} is set twice; keep one")
                }
                _ => format!("known keys: {}", KNOWN.join(", ")),
            };
            Error::general(msg).with_hint(hint)
        })?;
        for (key, value) in [
            ("rotate_every", &cfg.rotate_every),
            ("agent_max_lifetime", &cfg.agent_max_lifetime),
            ("clear_after", &cfg.clear_after),
            ("remind_within", &cfg.remind_within),
        ] {
            if let Some(d) = value {
                crate::clock::parse_duration(d).map_err(|e| {
                    let at = locate_key(&text, key)
                        .map(|(l, c)| format!(", line {l}, column {c}"))
                        .unwrap_or_default();
                    Error {
                        message: format!(
                            "config file {}{at}, key {key}: {}",
                            path.display(),
                            e.message
                        ),
                        ..e
                    }
                })?;
            }
        }
        Ok(cfg)
    }
}

/// The keys `config.toml` knows.
pub const KNOWN: &[&str] = &[
    "vault",
    "default_env",
    "rotate_every",
    "remind_within",
    "reminders",
    "agent_max_lifetime",
    "clear_after",
];

/// What a key's value looks like, for hints.
fn expects(key: &str) -> &'static str {
    match key {
        "vault" => "a quoted path, such as \"~/secrets/team.db\"",
        "default_env" => "a quoted environment name, such as \"dev\"",
        "reminders" => "true or false, without quotes",
        _ => "a quoted duration, such as \"90d\" (30s 15m 12h 90d 2w 1y)",
    }
}

/// 1-based line and column (in characters) of byte offset `at`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[start..at].chars().count() + 1)
}

/// The key assigned on the line that holds byte offset `at` (`key = …`), if it is one.
fn key_on_line(text: &str, at: usize) -> Option<String> {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next()?;
    let (k, _) = line.split_once('=')?;
    let k = k.trim().trim_matches('"');
    (!k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
    .then(|| k.to_string())
}

/// The field named by serde's "unknown field `x`" message.
fn unknown_field(message: &str) -> Option<String> {
    let rest = message.split_once("unknown field `")?.1;
    Some(rest.split_once('`')?.0.to_string())
}

/// Line and column of the first `key =` line.
fn locate_key(text: &str, key: &str) -> Option<(usize, usize)> {
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        if trimmed
            .strip_prefix(key)
            .is_some_and(|r| r.trim_start().starts_with('='))
        {
            let indent = line.len() - trimmed.len();
            return Some((i + 1, line[..indent].chars().count() + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.toml");
        std::fs::write(&p, "vault = \"/x\"\ncolour = \"red\"\n").unwrap();
        let e = Config::load(&p, true).unwrap_err();
        assert!(e.message.contains("colour"), "{}", e.message);
    }

    fn load_err(text: &str) -> Error {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.toml");
        std::fs::write(&p, text).unwrap();
        Config::load(&p, true).unwrap_err()
    }

    #[test]
    fn errors_name_line_column_and_key() {
        let e = load_err("vault = \"/x\"\nreminders = yes\n");
        assert!(
            e.message.contains("line 2, column 13, key reminders"),
            "{}",
            e.message
        );
        assert_eq!(e.hints, ["reminders takes true or false, without quotes"]);
        let e = load_err("vault = \"/x\"\nreminders = \"yes\"\n");
        assert!(
            e.message.contains("line 2, column 13, key reminders"),
            "{}",
            e.message
        );
        let e = load_err("default_env = \"a\"\n\ndefault_env = \"b\"\n");
        assert!(
            e.message.contains("line 3, column 1, key default_env"),
            "{}",
            e.message
        );
        assert_eq!(e.hints, ["default_env is set twice; keep one"]);
        let e = load_err("vault = \"/x\"\n  colour = \"red\"\n");
        assert!(
            e.message.contains("line 2, column 3, key colour"),
            "{}",
            e.message
        );
        assert!(e.hints[0].starts_with("known keys: vault"), "{:?}", e.hints);
        let e = load_err("vault = \"/x\"\nrotate_every = \"soon\"\n");
        assert!(
            e.message.contains("line 2, column 1, key rotate_every"),
            "{}",
            e.message
        );
    }

    #[test]
    fn missing_default_file_is_empty() {
        let c = Config::load(Path::new("/nonexistent/tresor/config.toml"), false).unwrap();
        assert!(c.vault.is_none());
        assert!(Config::load(Path::new("/nonexistent/tresor/config.toml"), true).is_err());
    }
}
