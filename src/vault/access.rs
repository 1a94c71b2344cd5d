//! Who else can open the vault: read-only grants of one environment to an age recipient, and
//! re-keying an environment so that a revoked grant's key opens nothing any more.

use super::digest;
use super::keys::{self, EnvKeys};
use super::store::{Id, Mac, SlotRow, VersionRow};
use super::{Vault, VersionMeta, integrity};
use crate::crypto::{self, Key};
use crate::error::{Error, Result};
use crate::recipient::ParsedRecipient;

/// A secret decrypted for re-keying: its row, its name, and every version with its value and
/// metadata.
type PlainSecret = (
    super::store::SecretRow,
    String,
    Vec<(VersionRow, Vec<u8>, VersionMeta)>,
);

/// A grant removed because it had expired.
pub struct ExpiredGrant {
    pub label: String,
    pub env: String,
    pub expired_at: i64,
}

/// A grant as `access list` shows it.
pub struct GrantInfo {
    pub label: String,
    pub env: String,
    pub recipient: String,
    pub created: i64,
    pub expires_at: Option<i64>,
}

impl Vault {
    /// Every read-only grant.
    pub fn grants(&self) -> Vec<GrantInfo> {
        self.slots
            .iter()
            .filter(|s| s.kind == keys::SLOT_GRANT)
            .map(|s| GrantInfo {
                label: s.label.clone(),
                env: s
                    .env_id
                    .and_then(|id| self.envs.iter().find(|e| e.id == id))
                    .map(|e| e.name.clone())
                    .unwrap_or_default(),
                recipient: s.recipient.clone(),
                created: s.created,
                expires_at: s.expires_at,
            })
            .collect()
    }

    /// Every full-access recipient (label, recipient, created).
    pub fn recipients(&self) -> Vec<(String, String, i64)> {
        self.slots
            .iter()
            .filter(|s| s.kind == keys::SLOT_RECIPIENT)
            .map(|s| (s.label.clone(), s.recipient.clone(), s.created))
            .collect()
    }

    /// Adds a read-only grant of `env` to `recipient`, under a unique `label`.
    pub fn grant(
        &mut self,
        env: &str,
        recipient: &ParsedRecipient,
        label: &str,
        expires_at: Option<i64>,
    ) -> Result<()> {
        if self.slots.iter().any(|s| s.label == label) {
            return Err(
                Error::general(format!("a key slot named {label:?} exists already")).with_hint(
                    "choose another --name, or `tresor access revoke` the old one first",
                ),
            );
        }
        let i = self.env_index(env)?;
        if self.is_protected(env) {
            return Err(Error::general(format!("{env} is protected: it cannot be granted"))
                .with_hint("a grant would open it with one factor; `tresor env unprotect` it first if you mean to"));
        }
        let env_row = self.envs[i].clone();
        let env_key = self.unwrap_env_key_for(i)?;
        let slot_id: Id = crypto::random_bytes()?;
        let wrapped = keys::wrap_grant(
            &self.header.vault_id,
            &slot_id,
            recipient.recipient.as_ref(),
            &env_row.id,
            env_row.epoch,
            expires_at,
            &env_key,
        )?;
        self.put_slot(SlotRow::grant(
            slot_id,
            env_row.id,
            (label, &recipient.text),
            wrapped,
            self.now,
            expires_at,
        ))
    }

    /// Adds a full-access slot for `recipient`.
    pub fn add_recipient(&mut self, recipient: &ParsedRecipient) -> Result<()> {
        if self
            .slots
            .iter()
            .any(|s| s.kind == keys::SLOT_RECIPIENT && s.recipient == recipient.text)
        {
            return Err(Error::general(format!(
                "{} has full access already",
                recipient.label
            )));
        }
        let slot_id: Id = crypto::random_bytes()?;
        let vault_id = self.header.vault_id;
        let wrapped = keys::wrap_to_recipient(
            &vault_id,
            &slot_id,
            recipient.recipient.as_ref(),
            self.root()?.root(),
        )?;
        self.put_slot(SlotRow::recipient(
            slot_id,
            &recipient.label,
            &recipient.text,
            wrapped,
            self.now,
        ))
    }

    /// Removes a full-access recipient slot (by label or recipient); the caller re-keys.
    /// Refuses to remove the last way in.
    pub fn remove_recipient(&mut self, which: &str) -> Result<String> {
        let slot = self
            .slots
            .iter()
            .find(|s| {
                s.kind == keys::SLOT_RECIPIENT && (s.label == which || s.recipient == which.trim())
            })
            .cloned()
            .ok_or_else(|| {
                Error::general(format!("no full-access recipient {which:?}"))
                    .with_hint("see them with `tresor access list`")
            })?;
        let others = self
            .slots
            .iter()
            .filter(|s| s.id != slot.id && s.kind != keys::SLOT_GRANT)
            .count();
        if others == 0 {
            return Err(Error::general("that is the only way to open the vault")
                .with_hint("add a passphrase (`tresor passwd`) or another recipient first"));
        }
        self.delete_slot(&slot)?;
        Ok(slot.label)
    }

    /// Removes a grant and re-keys its environment. Returns the environment and the names of
    /// the secrets the grant could read.
    pub fn revoke_grant(&mut self, label: &str) -> Result<(String, Vec<String>)> {
        let slot = self
            .slots
            .iter()
            .find(|s| s.kind == keys::SLOT_GRANT && s.label == label)
            .cloned()
            .ok_or_else(|| {
                Error::general(format!("no grant named {label:?}"))
                    .with_hint("see the grants with `tresor access list`")
            })?;
        let env_id = slot
            .env_id
            .ok_or_else(|| integrity("a grant names no environment"))?;
        let i = self
            .envs
            .iter()
            .position(|e| e.id == env_id)
            .ok_or_else(|| integrity("a grant names an environment that does not exist"))?;
        self.delete_slot(&slot)?;
        let names = self.rekey_env(i)?;
        Ok((self.envs[i].name.clone(), names))
    }

    /// Removes environment `name` (see `remove_env`) together with the grant and protection
    /// slots that name it, which would otherwise be left behind (and a later `rekey`, which
    /// cannot re-wrap a key for an environment that is gone, would leave them unverifiable).
    /// Returns the number of secrets removed and the labels of the slots.
    pub fn remove_env_and_slots(&mut self, name: &str, force: bool) -> Result<(i64, Vec<String>)> {
        let env_id = self.envs[self.env_index(name)?].id;
        let count = self.remove_env(name, force)?;
        let slots: Vec<SlotRow> = self
            .slots
            .iter()
            .filter(|s| s.env_id == Some(env_id))
            .cloned()
            .collect();
        for s in &slots {
            self.delete_slot(s)?;
        }
        Ok((count, slots.into_iter().map(|s| s.label).collect()))
    }

    /// Drops the slots that name an environment that no longer exists (left behind by `env rm`
    /// in earlier versions). Returns their labels.
    pub(super) fn drop_orphan_slots(&mut self) -> Result<Vec<String>> {
        let orphans: Vec<SlotRow> = self
            .slots
            .iter()
            .filter(|s| {
                s.env_id
                    .is_some_and(|id| !self.envs.iter().any(|e| e.id == id))
            })
            .cloned()
            .collect();
        for s in &orphans {
            self.delete_slot(s)?;
        }
        Ok(orphans.into_iter().map(|s| s.label).collect())
    }

    /// Revokes the expired grants of the environments this command wrote, re-keying each of
    /// them (an expired grant is refused by tresor, but its holder still has the environment
    /// key until a re-key). Called by the owner's writes before they commit; `due` lists
    /// such grants ahead.
    pub fn revoke_expired_grants(&mut self) -> Result<Vec<ExpiredGrant>> {
        if !self.full_access() {
            return Ok(vec![]);
        }
        let mut written: Vec<Id> = self.snapshot_dirty.keys().copied().collect();
        written.sort();
        let mut out = Vec::new();
        for env_id in written {
            let Some(i) = self.envs.iter().position(|e| e.id == env_id) else {
                continue;
            };
            let expired = self.drop_expired_grants(i)?;
            if !expired.is_empty() {
                self.rekey_env(i)?;
                out.extend(expired);
            }
        }
        Ok(out)
    }

    /// Deletes the expired grants of environment `i` (each with an audit event); the caller
    /// re-keys the environment.
    pub(super) fn drop_expired_grants(&mut self, i: usize) -> Result<Vec<ExpiredGrant>> {
        let env_id = self.envs[i].id;
        let now = self.now;
        let expired: Vec<SlotRow> = self
            .slots
            .iter()
            .filter(|s| {
                s.kind == keys::SLOT_GRANT
                    && s.env_id == Some(env_id)
                    && s.expires_at.is_some_and(|t| t <= now)
            })
            .cloned()
            .collect();
        let env = self.envs[i].name.clone();
        let mut out = Vec::with_capacity(expired.len());
        for s in expired {
            self.delete_slot(&s)?;
            let expired_at = s.expires_at.unwrap_or(now);
            self.event(
                crate::audit::Event::new(crate::audit::Action::AccessRevoke)
                    .env(&env)
                    .detail(format!(
                        "{} (expired {})",
                        s.label,
                        crate::clock::rfc3339(expired_at)
                    )),
            );
            out.push(ExpiredGrant {
                label: s.label,
                env: env.clone(),
                expired_at,
            });
        }
        Ok(out)
    }

    pub(super) fn delete_slot(&mut self, slot: &SlotRow) -> Result<()> {
        self.store.delete_slot(&slot.id)?;
        self.slot_changed(slot);
        self.slots.retain(|s| s.id != slot.id);
        Ok(())
    }

    /// Gives environment `i` a new random key (epoch + 1): every name and version is
    /// re-encrypted, every MAC recomputed, and the remaining grants of the environment are
    /// re-wrapped to their recipients. Returns the names of its secrets.
    pub(super) fn rekey_env(&mut self, i: usize) -> Result<Vec<String>> {
        let env_id = self.envs[i].id;
        // Events a grant holder wrote under the old key are folded in while they still verify.
        self.adopt_pending()?;
        // Read and check everything under the old key first.
        self.verify_env(i)?;
        let secrets = self.store.secrets_in(&env_id)?;
        let mut plain: Vec<PlainSecret> = Vec::with_capacity(secrets.len());
        for s in secrets {
            let old = self.env_keys(i)?;
            if !crypto::ct_eq(&old.secret_mac(&s), &s.mac) {
                return Err(integrity("a secret row does not verify"));
            }
            let name = old.open_name(&s)?;
            let rows = self.store.versions(&s.id)?;
            let macs: Vec<(i64, Mac)> = rows.iter().map(|v| (v.version, v.mac)).collect();
            if rows.len() as i64 != s.count
                || !crypto::ct_eq(
                    &digest::versions(&self.header.vault_id, &s.id, &macs),
                    &s.summary,
                )
            {
                return Err(integrity(
                    "a secret's versions are not the set last written",
                ));
            }
            let mut versions = Vec::with_capacity(rows.len());
            for v in rows {
                let info = self.check_version(i, &s, &v)?;
                let (_, value) = self.env_keys(i)?.open_value(&v)?;
                versions.push((v, value.to_vec(), info.meta));
            }
            plain.push((s, name, versions));
        }

        let new_key = Key::random()?;
        let epoch = self.envs[i].epoch + 1;
        let new = EnvKeys::new(&new_key, self.header.vault_id, env_id, epoch);
        let mut names = Vec::with_capacity(plain.len());
        for (mut s, name, versions) in plain {
            s.name_tag = new.name_tag(&name);
            s.name_ct = new.seal_name(&s.id, &name)?;
            let mut macs = Vec::with_capacity(versions.len());
            for (mut v, mut value, meta) in versions {
                let meta_bytes = serde_json::to_vec(&meta)
                    .map_err(|e| Error::general(format!("metadata: {e}")))?;
                new.seal_version(&mut v, &name, &value, &meta_bytes)?;
                zeroize::Zeroize::zeroize(&mut value);
                self.store.put_version(&v)?;
                macs.push((v.version, v.mac));
                if v.version == s.latest {
                    s.latest_mac = v.mac;
                }
            }
            macs.sort_unstable_by_key(|m| m.0);
            s.summary = digest::versions(&self.header.vault_id, &s.id, &macs);
            s.mac = new.secret_mac(&s);
            self.store.put_secret(&s)?;
            names.push(name);
        }
        let wrapped_key = self.wrap_env_key_for(i, epoch, &new_key)?;
        let env = &mut self.envs[i];
        env.epoch = epoch;
        env.wrapped_key = wrapped_key;
        // Every bucket digest is bound to the epoch: all are recomputed at commit (or before
        // the next read of this environment), with the environment's summary and MAC.
        self.touch_all_buckets(i);
        self.save_env(i)?;
        self.env_keys.insert(env_id, new);

        // Remaining grants of this environment get the new key; expired ones are dropped
        // instead (their holders must not get the new key).
        self.drop_expired_grants(i)?;
        let grants: Vec<SlotRow> = self
            .slots
            .iter()
            .filter(|s| s.kind == keys::SLOT_GRANT && s.env_id == Some(env_id))
            .cloned()
            .collect();
        for mut g in grants {
            let r = self.outside.recipient(&g.recipient)?;
            g.wrapped = keys::wrap_grant(
                &self.header.vault_id,
                &g.id,
                r.as_ref(),
                &env_id,
                epoch,
                g.expires_at,
                &new_key,
            )?;
            self.put_slot(g)?;
        }
        names.sort();
        Ok(names)
    }

    /// The public half of the key that signs this vault's bundles, as users pin it.
    pub fn vault_key(&self) -> Result<String> {
        Ok(crate::crypto::encode_vault_key(
            &self.root()?.signing_key().verifying_key(),
        ))
    }

    pub fn signing_key(&self) -> Result<ed25519_dalek::SigningKey> {
        Ok(self.root()?.signing_key())
    }
}
