//! Changing the vault's own keys: `passwd` re-wraps the root key in a new passphrase slot (one
//! row, whatever the vault's size); `rekey` draws a new root key and new environment keys and
//! re-encrypts everything, audit log included, in the command's one transaction.

use super::keys::{self, RootKeys};
use super::store::{Id, SlotRow};
use super::{Access, Vault};
use crate::crypto::{self, KdfParams, Key};
use crate::error::{Error, Result};

/// What `rekey` did besides re-keying, for the user to hear about.
#[derive(Default)]
pub struct RekeyNotes {
    /// Labels of slots whose environment no longer exists, dropped.
    pub orphan_slots: Vec<String>,
    /// Expired grants, revoked rather than given the new keys.
    pub expired_grants: Vec<super::ExpiredGrant>,
    /// What was wrong with the audit log before it was re-sealed (kept in the new chain).
    pub audit_break: Option<String>,
}

impl Vault {
    /// Whether the vault has a passphrase slot.
    pub fn has_passphrase(&self) -> bool {
        self.slots.iter().any(|s| s.kind == keys::SLOT_PASSPHRASE)
    }

    /// Replaces the passphrase slot (or adds one) with a slot for `new`, keeping the current
    /// KDF parameters. The old passphrase stops working when the command commits.
    pub fn change_passphrase(&mut self, new: &[u8], default_kdf: KdfParams) -> Result<()> {
        let old: Vec<SlotRow> = self
            .slots
            .iter()
            .filter(|s| s.kind == keys::SLOT_PASSPHRASE)
            .cloned()
            .collect();
        let params = match old.first().and_then(|s| s.kdf.as_deref()) {
            Some(kdf) => keys::decode_kdf(kdf)?.1,
            None => default_kdf,
        };
        // The passphrase factor must survive: protected environments are sealed with it.
        let pfactor = match &self.factors.pfactor {
            Some(p) => p.clone(),
            None if self.has_protected() => {
                return Err(Error::unlock(
                    "this vault has protected environments: changing the passphrase needs the current one",
                )
                .with_hint("unlock with the passphrase (--passphrase-file, TRESOR_PASSPHRASE or the prompt)"));
            }
            None => Key::random()?,
        };
        for s in &old {
            self.delete_slot(s)?;
        }
        let slot_id: Id = crypto::random_bytes()?;
        let vault_id = self.header.vault_id;
        let (kdf, wrapped) = keys::wrap_with_passphrase(
            &vault_id,
            &slot_id,
            new,
            params,
            self.root()?.root(),
            &pfactor,
        )?;
        self.factors.pfactor = Some(pfactor.clone());
        self.put_slot(SlotRow::passphrase(slot_id, kdf, wrapped, self.now))
    }

    /// A new root key and new environment keys; every version, name, slot, grant and audit
    /// event re-encrypted or re-MACed. `passphrase` re-wraps the passphrase slot (required
    /// when there is one). `progress` is called with (done, total) environments.
    pub fn rekey(
        &mut self,
        passphrase: Option<&[u8]>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<RekeyNotes> {
        if self.has_passphrase() && passphrase.is_none() {
            return Err(Error::unlock("rekey needs the vault's passphrase to re-wrap its passphrase slot")
                .with_hint("pass --passphrase-file FILE or TRESOR_PASSPHRASE, or run on a terminal to be asked"));
        }
        let mut notes = RekeyNotes {
            // Slots of removed environments cannot follow the new keys: without this they
            // would keep MACs under the old root key and every later unlock would fail.
            orphan_slots: self.drop_orphan_slots()?,
            ..RekeyNotes::default()
        };
        // Expired grants are dropped, not re-wrapped to the new keys.
        for i in 0..self.envs.len() {
            notes.expired_grants.extend(self.drop_expired_grants(i)?);
        }
        // Everything that will be re-encrypted is read under the old keys first.
        self.adopt_pending()?;
        let (events, audit_break) = self.audit_for_reseal()?;
        for i in 0..self.envs.len() {
            self.verify_env(i)?;
            self.env_keys(i)?;
        }
        let old_passphrase_slot = self
            .slots
            .iter()
            .find(|s| s.kind == keys::SLOT_PASSPHRASE)
            .cloned();
        let mut pfactor = None;
        if let (Some(slot), Some(p)) = (&old_passphrase_slot, passphrase) {
            match keys::unwrap_with_passphrase(&self.header.vault_id, slot, p)? {
                Some((_, f)) => pfactor = Some(f),
                None => return Err(Error::unlock("wrong passphrase")),
            }
        }
        // A new passphrase factor as well (every environment's key was read above under the
        // old one): whoever has the old passphrase and an old copy of the file has the old
        // factor, which must not open a protected environment of the re-keyed vault.
        let pfactor = match pfactor {
            Some(_) => {
                let new = Key::random()?;
                self.factors.pfactor = Some(new.clone());
                Some(new)
            }
            None => None,
        };

        let vault_id = self.header.vault_id;
        self.previous_vault_key = Some(crate::crypto::encode_vault_key(&self.vault_public_key()?));
        self.access = Access::Full(RootKeys::new(Key::random()?, vault_id));
        let total = self.envs.len();
        for i in 0..total {
            self.rekey_env(i)?;
            progress(i + 1, total);
        }
        // Full-access slots: the passphrase and every recipient.
        let slots: Vec<SlotRow> = self.slots.clone();
        for mut s in slots {
            match s.kind {
                keys::SLOT_PASSPHRASE => {
                    let (_, params) = keys::decode_kdf(s.kdf.as_deref().unwrap_or_default())?;
                    let p = passphrase.expect("checked above");
                    let f = pfactor.clone().expect("drawn above");
                    let (kdf, wrapped) = keys::wrap_with_passphrase(
                        &vault_id,
                        &s.id,
                        p,
                        params,
                        self.root()?.root(),
                        &f,
                    )?;
                    s.kdf = Some(kdf);
                    s.wrapped = wrapped;
                    self.put_slot(s)?;
                }
                keys::SLOT_RECIPIENT => {
                    let r = self.outside.recipient(&s.recipient)?;
                    s.wrapped =
                        keys::wrap_to_recipient(&vault_id, &s.id, r.as_ref(), self.root()?.root())?;
                    self.put_slot(s)?;
                }
                // Protection slots keep their content; their MACs follow the new root key.
                keys::SLOT_PROTECT => self.put_slot(s)?,
                _ => {}
            }
        }
        // Every slot and environment row now carries a MAC under the new key: the header's
        // digest of them is recomputed at commit.
        self.header_sets_dirty = true;
        // The audit chain, re-sealed under the new audit keys, times and order kept.
        self.store.delete_owner_audit()?;
        self.header.audit_seq = 0;
        self.header.audit_head = [0; 32];
        let saved_now = self.now;
        for e in events.into_iter().filter(|e| !e.pending) {
            self.now = e.time;
            let res = self.append_owner(&e.event);
            self.now = saved_now;
            res?;
        }
        if let Some(why) = &audit_break {
            let mut e = crate::audit::Event::new(crate::audit::Action::AuditBroken).detail(format!(
                "the log did not verify when rekey re-sealed it: {why}; the events before this one are as they were found"
            ));
            e.via = self.via.0.clone();
            self.append_owner(&e)?;
        }
        notes.audit_break = audit_break;
        self.dirty = true;
        Ok(notes)
    }
}
