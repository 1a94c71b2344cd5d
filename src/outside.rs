//! The command layer's side of `vault::Outside`: what the vault core asks of the world, answered
//! from the flags and variables that name key sources, the terminal, age plugins, the local
//! passphrase-slot policy (`kdf_guard`) and this machine's records of the vault (`rollback`:
//! generation and pinned vault key).

use std::path::PathBuf;

use zeroize::Zeroizing;

use crate::error::Result;
use crate::rollback::Tracker;
use crate::unlock::{self, KeySource, SourceFlags};
use crate::vault::Outside;
use crate::vault::store::{Id, SlotRow};

pub struct CliOutside {
    pub flags: SourceFlags,
    /// Where this machine's records are, and the vault's path (pins are kept per path).
    pub records: Option<(Tracker, PathBuf)>,
}

impl Outside for CliOutside {
    fn passphrase(&self, prompt: &str) -> Result<Option<Zeroizing<String>>> {
        match unlock::passphrase_source(&self.flags)? {
            Some(p) => Ok(Some(p)),
            None if unlock::can_prompt() => unlock::prompt_hidden(prompt).map(Some),
            None => Ok(None),
        }
    }

    fn identities(&self) -> Result<Vec<Box<dyn age::Identity>>> {
        Ok(match unlock::resolve_identity(&self.flags)? {
            Some(KeySource::Identities { identities, .. }) => identities,
            _ => Vec::new(),
        })
    }

    fn recipient(&self, text: &str) -> Result<Box<dyn age::Recipient + Send>> {
        Ok(unlock::parse_recipient(text)?.recipient)
    }

    fn passphrase_slot<'s>(
        &self,
        vault_id: &Id,
        slots: &'s [SlotRow],
    ) -> Result<Option<&'s SlotRow>> {
        crate::kdf_guard::slot_to_try(vault_id, slots)
    }

    fn passphrase_slot_opened(&self, vault_id: &Id, slot: &SlotRow) {
        crate::kdf_guard::record(vault_id, slot);
    }

    fn before_key_change(&self, vault_id: &Id, old: &str, new: &str) -> Result<()> {
        match &self.records {
            Some((t, path)) => t.pin(Some(path), vault_id, &[old, new]),
            None => Ok(()),
        }
    }

    fn committed(&self, vault_id: &Id, generation: i64, new_key: Option<&str>) {
        // Best effort: a lost record only means the next open cannot check.
        if let Some((t, path)) = &self.records {
            let _ = t.record(vault_id, generation);
            if let Some(k) = new_key {
                let _ = t.pin(Some(path), vault_id, &[k]);
            }
        }
    }
}
