//! What the vault core needs from outside itself, supplied by the command layer: a passphrase
//! or identities when a protected environment asks for its second factor, age recipients
//! rebuilt from the text a slot stores (a plugin recipient may need the terminal), the local
//! policy on passphrase-slot costs, and the records this machine keeps of the vault (rollback
//! generation, pinned vault key).
//!
//! The core never reads a flag, a variable or the terminal itself: with [`NoOutside`] it opens
//! a vault in a unit test with no terminal, and a protected environment then simply reports
//! that its second factor is missing.

use zeroize::Zeroizing;

use super::store::{Id, SlotRow};
use crate::error::{Error, Result};

pub trait Outside {
    /// A passphrase given besides the unlock source, or asked on a terminal with `prompt`;
    /// `None` when there is none to be had.
    fn passphrase(&self, prompt: &str) -> Result<Option<Zeroizing<String>>>;

    /// The identities given (flag, variable), for a protected environment's second factor.
    fn identities(&self) -> Result<Vec<Box<dyn age::Identity>>>;

    /// An age recipient from the text a slot stores.
    fn recipient(&self, text: &str) -> Result<Box<dyn age::Recipient + Send>>;

    /// The passphrase slot to try, or a refusal (exit 4) of slots whose cost this machine did
    /// not expect (their parameters come from the file, unauthenticated until the header is
    /// checked). The default: the only passphrase slot, several being refused.
    fn passphrase_slot<'s>(
        &self,
        _vault_id: &Id,
        slots: &'s [SlotRow],
    ) -> Result<Option<&'s SlotRow>> {
        let mut found = slots
            .iter()
            .filter(|s| s.kind == super::keys::SLOT_PASSPHRASE);
        let first = found.next();
        if found.next().is_some() {
            return Err(Error::integrity(
                "the vault has more than one passphrase slot",
            ));
        }
        Ok(first)
    }

    /// A passphrase slot opened (to be remembered for `passphrase_slot`).
    fn passphrase_slot_opened(&self, _vault_id: &Id, _slot: &SlotRow) {}

    /// Before a commit that changes the root key: the old and the new vault key (both are
    /// trusted until the commit is known to have happened). An error aborts the commit.
    fn before_key_change(&self, _vault_id: &Id, _old: &str, _new: &str) -> Result<()> {
        Ok(())
    }

    /// After a commit that wrote: the new generation, and the new vault key if it changed.
    fn committed(&self, _vault_id: &Id, _generation: i64, _new_key: Option<&str>) {}
}

/// No terminal, no flags, no records: for tests and tools that hold their keys themselves.
pub struct NoOutside;

impl Outside for NoOutside {
    fn passphrase(&self, _prompt: &str) -> Result<Option<Zeroizing<String>>> {
        Ok(None)
    }

    fn identities(&self) -> Result<Vec<Box<dyn age::Identity>>> {
        Ok(Vec::new())
    }

    fn recipient(&self, text: &str) -> Result<Box<dyn age::Recipient + Send>> {
        crate::recipient::parse_native(text)
    }
}
