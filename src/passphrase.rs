//! A new passphrase (`init`, `passwd`): asked on the terminal until two entries agree, never
//! empty, and its strength estimated with zxcvbn (the estimator behind many password
//! managers' meters), with a warning below `MIN_SCORE`.

use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// zxcvbn's score from 0 to 4; 3 is "safely unguessable: moderate protection from an offline
/// slow-hash attack", which the vault's Argon2id is.
pub const MIN_SCORE: u8 = 3;

/// How many times the prompt asks again after an empty entry or two entries that differ.
const TRIES: usize = 3;

/// Asks for a new passphrase twice on the terminal; an empty entry or a mismatch asks again.
pub fn prompt_new(what: &str) -> Result<Zeroizing<String>> {
    for attempt in 1..=TRIES {
        let a = crate::unlock::prompt_hidden(&format!("{what}: "))?;
        if a.is_empty() {
            crate::ui::to_stderr("The passphrase cannot be empty; type one.\n");
            continue;
        }
        let b = crate::unlock::prompt_hidden(&format!("{what} (again): "))?;
        if crate::crypto::ct_eq(a.as_bytes(), b.as_bytes()) {
            return Ok(a);
        }
        if attempt < TRIES {
            crate::ui::to_stderr("The two entries differ; try again.\n");
        }
    }
    Err(Error::general(format!(
        "no passphrase after {TRIES} tries (an empty entry, or two entries that differ)"
    )))
}

/// A warning when zxcvbn scores the passphrase below `MIN_SCORE`, with its own advice.
pub fn weakness(passphrase: &str) -> Option<String> {
    if passphrase.is_empty() {
        return Some("the passphrase is empty".into());
    }
    let estimate = zxcvbn::zxcvbn(passphrase, &["tresor", "vault", "secret", "passphrase"]);
    let score = estimate.score() as u8;
    if score >= MIN_SCORE {
        return None;
    }
    let mut msg = format!(
        "the passphrase is weak: zxcvbn scores it {score} of 4 (about 10^{:.0} guesses; {MIN_SCORE} or more is advised)",
        estimate.guesses_log10()
    );
    if let Some(f) = estimate.feedback() {
        if let Some(w) = f.warning() {
            msg.push_str(&format!(". {w}"));
        }
        for s in f.suggestions() {
            msg.push_str(&format!(". {s}"));
        }
    }
    Some(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_and_strong() {
        assert!(weakness("password1").is_some());
        assert!(weakness("tresor2026").is_some());
        assert!(weakness("correct horse battery staple organ").is_none());
    }
}
