//! age recipients as tresor stores them: the parsed recipient with the text kept in the slot
//! and the label shown for it. A leaf module, so that the vault core can take recipients
//! without depending on the command layer (which parses them from arguments and files, and
//! gives plugin recipients their terminal callbacks: `unlock::parse_recipient`).

use std::str::FromStr;

use crate::error::{Error, Result};

/// The forms a recipient argument takes, for help texts and hints: one text everywhere.
pub const FORMS: &str = "age1… (X25519, or an age plugin's such as age1yubikey1…), ssh-ed25519 …, ssh-rsa …, or a file holding such lines";

/// A recipient given to `init --recipient` (or `access`, `env protect`), with the text to
/// store and a label to show.
pub struct ParsedRecipient {
    pub recipient: Box<dyn age::Recipient + Send>,
    pub text: String,
    pub label: String,
}

/// An X25519 (`age1…`) or SSH (`ssh-ed25519 …`, `ssh-rsa …`) recipient from its text, without
/// plugin support (plugins need a terminal for their callbacks; see `unlock::parse_recipient`).
pub fn parse_native(text: &str) -> Result<Box<dyn age::Recipient + Send>> {
    let text = text.trim();
    if let Ok(r) = age::x25519::Recipient::from_str(text) {
        return Ok(Box::new(r));
    }
    if let Ok(r) = age::ssh::Recipient::from_str(text) {
        return Ok(Box::new(r));
    }
    Err(Error::general(format!(
        "not an X25519 or SSH recipient: {text:?}"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn native_recipients_parse_and_others_do_not() {
        let id = age::x25519::Identity::generate();
        assert!(parse_native(&id.to_public().to_string()).is_ok());
        assert!(parse_native("age1notarecipient").is_err());
        assert!(parse_native("").is_err());
    }
}
