//! Upgrading a vault of format 1 or 2 to format 3, on its first full-access open.
//!
//! Formats 1 and 2 summarised every set of rows by the XOR of its MACs, which an attacker with
//! an old copy of the file can satisfy with rows of their choosing (see `digest`). So before
//! anything is sealed again, every row is verified under the old rules *and* checked for
//! repeats (the old schema's UNIQUE constraints may have been dropped, and two copies of a MAC
//! cancel in an XOR): every slot, environment, secret and version MAC, every count and XOR
//! summary, every secret's latest version. Then each secret's versions get a digest, each
//! environment its bucket digests, summary and signed statement, the header its digest, the
//! file the format-3 tables, and the snapshots are rebuilt. All in the command's one write
//! transaction: a failure leaves the file as it was.
//!
//! What this cannot undo: a vault that was already rolled back with a solved XOR before the
//! upgrade verifies as it is. The rollback record kept outside the file (`rollback`) and the
//! audit chain are what would show that.

use std::collections::HashSet;

use super::digest;
use super::store::{EnvRow, Id, Mac, SlotRow};
use super::{Vault, integrity, sets::EnvSet};
use crate::crypto;
use crate::error::Result;

fn xor_all<'a>(macs: impl IntoIterator<Item = &'a Mac>) -> Mac {
    let mut acc = [0u8; 32];
    for m in macs {
        for (a, b) in acc.iter_mut().zip(m) {
            *a ^= b;
        }
    }
    acc
}

/// The format-1 and format-2 header summary: XOR of every slot and environment MAC.
pub(super) fn legacy_header_summary(slots: &[SlotRow], envs: &[EnvRow]) -> Mac {
    xor_all(
        slots
            .iter()
            .map(|s| &s.mac)
            .chain(envs.iter().map(|e| &e.mac)),
    )
}

impl Vault {
    /// Verifies every row under the old rules and rewrites the summaries, tables and
    /// snapshots as format 3 (the caller holds the write lock and commits).
    pub(super) fn upgrade(&mut self) -> Result<()> {
        for i in 0..self.envs.len() {
            self.verify_legacy_env(i)?;
        }
        self.store.upgrade_schema()?;
        self.header.format = i64::from(super::store::FORMAT);
        for i in 0..self.envs.len() {
            let env_id = self.envs[i].id;
            self.sets.insert(env_id, EnvSet::empty());
            self.touch_all_buckets(i);
            // Re-seal the environment row at once: its summary is recomputed at commit.
            self.save_env(i)?;
        }
        self.header_sets_dirty = true;
        self.dirty = true;
        Ok(())
    }

    /// One environment under the format-1/2 rules, with repeats refused; each secret row is
    /// then re-MACed with the digest of its versions.
    fn verify_legacy_env(&mut self, i: usize) -> Result<()> {
        let env = self.envs[i].clone();
        let rows = self.store.secrets_in_unindexed(&env.id)?;
        let ids: HashSet<Id> = rows.iter().map(|s| s.id).collect();
        let tags: HashSet<Mac> = rows.iter().map(|s| s.name_tag).collect();
        let macs: Vec<Mac> = rows.iter().map(|s| s.mac).collect();
        if ids.len() != rows.len()
            || tags.len() != rows.len()
            || rows.len() as i64 != env.count
            || !crypto::ct_eq(&xor_all(&macs), &env.summary)
            || self.store.secret_macs(&env.id)?.len() != rows.len()
        {
            return Err(integrity(format!(
                "the secrets of environment {:?} are not the set last written (a row was deleted, added, repeated or replayed)",
                env.name
            )));
        }
        for mut s in rows {
            let ek = self.env_keys(i)?;
            if s.env_id != env.id || !crypto::ct_eq(&ek.secret_mac(&s), &s.mac) {
                return Err(integrity("a secret row does not verify"));
            }
            let name = ek.open_name(&s)?;
            let versions = self.store.versions(&s.id)?;
            let numbers: HashSet<i64> = versions.iter().map(|v| v.version).collect();
            let vmacs: Vec<Mac> = versions.iter().map(|v| v.mac).collect();
            if numbers.len() != versions.len()
                || versions.len() as i64 != s.count
                || !crypto::ct_eq(&xor_all(&vmacs), &s.summary)
            {
                return Err(integrity(
                    "a secret's versions are not the set last written (a version was deleted, added, repeated or replayed)",
                ));
            }
            let mut latest_seen = false;
            for v in &versions {
                self.check_version(i, &s, v)?;
                let (stored_name, _) = self.env_keys(i)?.open_value(v)?;
                if stored_name != name {
                    return Err(integrity("a stored value belongs to another name"));
                }
                latest_seen |= v.version == s.latest;
            }
            if !latest_seen {
                return Err(integrity("a secret's latest version is missing"));
            }
            let mut pairs: Vec<(i64, Mac)> = versions.iter().map(|v| (v.version, v.mac)).collect();
            pairs.sort_unstable_by_key(|p| p.0);
            s.summary = digest::versions(&self.header.vault_id, &s.id, &pairs);
            s.mac = self.env_keys(i)?.secret_mac(&s);
            self.store.put_secret(&s)?;
        }
        Ok(())
    }
}
