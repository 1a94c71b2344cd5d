//! `config.toml` (doc/cli.md §1): the defaults a user sets once. Unknown keys are an error that
//! names the key, so a typo never silently does nothing.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

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
            Error::general(format!("config file {}: {}", path.display(), e.message()))
                .with_hint(
                    "known keys: vault, default_env, rotate_every, remind_within, reminders, agent_max_lifetime, clear_after",
                )
        })?;
        if let Some(d) = &cfg.rotate_every {
            crate::clock::parse_duration(d).map_err(|e| {
                Error::general(format!(
                    "config file {}: rotate_every: {}",
                    path.display(),
                    e.message
                ))
            })?;
        }
        if let Some(d) = &cfg.agent_max_lifetime {
            crate::clock::parse_duration(d).map_err(|e| {
                Error::general(format!(
                    "config file {}: agent_max_lifetime: {}",
                    path.display(),
                    e.message
                ))
            })?;
        }
        if let Some(d) = &cfg.clear_after {
            crate::clock::parse_duration(d).map_err(|e| {
                Error::general(format!(
                    "config file {}: clear_after: {}",
                    path.display(),
                    e.message
                ))
            })?;
        }
        if let Some(d) = &cfg.remind_within {
            crate::clock::parse_duration(d).map_err(|e| {
                Error::general(format!(
                    "config file {}: remind_within: {}",
                    path.display(),
                    e.message
                ))
            })?;
        }
        Ok(cfg)
    }
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

    #[test]
    fn missing_default_file_is_empty() {
        let c = Config::load(Path::new("/nonexistent/tresor/config.toml"), false).unwrap();
        assert!(c.vault.is_none());
        assert!(Config::load(Path::new("/nonexistent/tresor/config.toml"), true).is_err());
    }
}
