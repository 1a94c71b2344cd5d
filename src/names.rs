//! The naming rules of doc/cli.md §3: secret names become environment variable names; environment
//! names stay short and shell-safe.

use crate::error::{Error, Result};

/// `^[A-Za-z_][A-Za-z0-9_]{0,127}$`
pub fn check_secret_name(name: &str) -> Result<()> {
    let b = name.as_bytes();
    let ok = !b.is_empty()
        && b.len() <= 128
        && (b[0].is_ascii_alphabetic() || b[0] == b'_')
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_');
    if ok {
        Ok(())
    } else {
        Err(Error::general(format!("invalid secret name {:?}", shorten(name))).with_hint(
            "a secret name is 1 to 128 letters, digits and `_`, not starting with a digit (it becomes an environment variable)",
        ))
    }
}

/// `^[a-z0-9][a-z0-9_-]{0,31}$`
pub fn check_env_name(name: &str) -> Result<()> {
    let b = name.as_bytes();
    let ok = !b.is_empty()
        && b.len() <= 32
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_' || *c == b'-');
    if ok {
        Ok(())
    } else {
        Err(Error::general(format!("invalid environment name {:?}", shorten(name))).with_hint(
            "an environment name is 1 to 32 lower-case letters, digits, `_` and `-`, starting with a letter or digit",
        ))
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 40 {
        s.chars().take(40).collect::<String>() + "…"
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        for ok in ["A", "_", "API_KEY", "a1", &"x".repeat(128)] {
            assert!(check_secret_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", "1A", "A-B", "A B", "Ä", "A=B", &"x".repeat(129)] {
            assert!(check_secret_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn env_names() {
        for ok in ["dev", "0", "prod-eu_1", &"a".repeat(32)] {
            assert!(check_env_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", "Dev", "-x", "_x", "a.b", "a b", &"a".repeat(33)] {
            assert!(check_env_name(bad).is_err(), "{bad}");
        }
    }
}
