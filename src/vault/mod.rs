//! An unlocked vault: the operations commands perform on environments and secrets, with the
//! integrity bookkeeping that makes a deleted, swapped or replayed row an error (exit 4)
//! rather than a wrong answer.
//!
//! Integrity, bottom up: every version row carries a MAC (environment key) over all its
//! columns; a secret row holds the count and XOR of its versions' MACs and a MAC of its own;
//! an environment row holds the count and XOR of its secrets' MACs and is MACed with the root
//! key; the header holds the XOR of all environment and slot MACs, a generation counter and a
//! MAC over all of it. Each level is checked when a command reads through it, so a read costs
//! the rows it touches plus one scan of its environment's MAC index.

pub mod keys;
pub mod store;

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::crypto::{self, KdfParams, Key};
use crate::error::{Error, Result};
use crate::unlock::KeySource;
use keys::{EnvKeys, RootKeys};
use store::{EnvRow, HeaderRow, Id, Mac, SecretRow, SlotRow, Store, VersionRow};

/// `versions.origin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Set = 1,
    Generate = 2,
    Rotate = 3,
    Import = 4,
}

impl Origin {
    pub fn from_i64(v: i64) -> Result<Origin> {
        Ok(match v {
            1 => Origin::Set,
            2 => Origin::Generate,
            3 => Origin::Rotate,
            4 => Origin::Import,
            _ => return Err(Error::integrity("a version has an unknown origin")),
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Set => "set",
            Origin::Generate => "generate",
            Origin::Rotate => "rotate",
            Origin::Import => "import",
        }
    }
}

/// `versions.state`: what was decided about a version (as opposed to what time makes of it).
pub const STATE_ACTIVE: i64 = 0;
pub const STATE_REVOKED: i64 = 1;

/// The encrypted part of a version's metadata.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct VersionMeta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotate_every: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoke_reason: Option<String>,
    /// Lifetime given with `--expires-in`, re-applied when the secret is rotated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in: Option<i64>,
    /// How `generate` made the value, so `rotate` can repeat it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipe: Option<crate::generator::Recipe>,
}

/// What a new version is made of, apart from its value.
#[derive(Debug, Clone)]
pub struct NewVersion {
    pub origin: Origin,
    pub expires_at: Option<i64>,
    pub rotate_at: Option<i64>,
    pub grace_until: Option<i64>,
    pub meta: VersionMeta,
}

/// One version with its decrypted metadata (never its value).
#[derive(Debug, Clone)]
pub struct VersionInfo {
    pub version: i64,
    pub created: i64,
    pub origin: Origin,
    pub state: i64,
    pub expires_at: Option<i64>,
    pub rotate_at: Option<i64>,
    pub grace_until: Option<i64>,
    pub meta: VersionMeta,
}

/// A secret as `list` shows it: name, latest version, dates.
#[derive(Debug, Clone)]
pub struct SecretInfo {
    pub env: String,
    pub name: String,
    pub created: i64,
    pub versions: i64,
    pub latest: VersionInfo,
}

/// A value read from the vault, with the version it came from.
pub struct Revealed {
    pub value: Zeroizing<Vec<u8>>,
    pub info: VersionInfo,
}

/// How the vault was unlocked, for messages and (later) the audit log.
#[derive(Debug, Clone)]
pub struct Via(pub String);

pub struct Vault {
    store: Store,
    header: HeaderRow,
    keys: RootKeys,
    slots: Vec<SlotRow>,
    envs: Vec<EnvRow>,
    env_keys: HashMap<Id, EnvKeys>,
    verified_envs: Vec<Id>,
    now: i64,
    dirty: bool,
    pub via: Via,
}

/// Everything `init` decides.
pub struct InitSpec<'a> {
    pub passphrase: Option<&'a [u8]>,
    pub kdf: KdfParams,
    pub recipients: &'a [crate::unlock::ParsedRecipient],
    pub envs: &'a [String],
}

fn integrity(msg: impl Into<String>) -> Error {
    Error::integrity(msg.into()).with_hint("the vault file was altered; restore it from a backup")
}

fn not_found_env(name: &str, envs: &[EnvRow]) -> Error {
    let names: Vec<&str> = envs.iter().map(|e| e.name.as_str()).collect();
    Error::general(format!("no environment named {name:?}")).with_hint(format!(
        "environments: {}; add one with `tresor env add {name}`",
        names.join(", ")
    ))
}

impl Vault {
    /// Creates a vault at `path` with its slots and environments, committed before return.
    pub fn create(path: &Path, spec: &InitSpec<'_>, now: i64) -> Result<Vault> {
        let store = Store::create(path)?;
        let vault_id: Id = crypto::random_bytes()?;
        let keys = RootKeys::new(Key::random()?, vault_id);
        let header = HeaderRow {
            format: store::FORMAT as i64,
            vault_id,
            generation: 0,
            created: now,
            summary: [0; 32],
            audit_seq: 0,
            audit_head: [0; 32],
            mac: [0; 32],
        };
        let mut vault = Vault {
            store,
            header,
            keys,
            slots: vec![],
            envs: vec![],
            env_keys: HashMap::new(),
            verified_envs: vec![],
            now,
            dirty: true,
            via: Via("init".into()),
        };
        if let Some(pass) = spec.passphrase {
            let slot_id: Id = crypto::random_bytes()?;
            let (kdf, wrapped) =
                keys::wrap_with_passphrase(&vault_id, &slot_id, pass, spec.kdf, vault.keys.root())?;
            vault.put_slot(SlotRow {
                id: slot_id,
                kind: keys::SLOT_PASSPHRASE,
                env_id: None,
                label: "passphrase".into(),
                recipient: String::new(),
                kdf: Some(kdf),
                wrapped,
                created: now,
                expires_at: None,
                mac: [0; 32],
            })?;
        }
        for r in spec.recipients {
            let slot_id: Id = crypto::random_bytes()?;
            let wrapped = keys::wrap_to_recipient(
                &vault_id,
                &slot_id,
                r.recipient.as_ref(),
                vault.keys.root(),
            )?;
            vault.put_slot(SlotRow {
                id: slot_id,
                kind: keys::SLOT_RECIPIENT,
                env_id: None,
                label: r.label.clone(),
                recipient: r.text.clone(),
                kdf: None,
                wrapped,
                created: now,
                expires_at: None,
                mac: [0; 32],
            })?;
        }
        for e in spec.envs {
            vault.add_env(e)?;
        }
        vault.commit()?;
        // Leave the new vault readable as by any other command.
        vault.store.begin(false)?;
        Ok(vault)
    }

    /// Opens and unlocks the vault at `path` with `source`, checking the header and every slot
    /// and environment row. With `write`, the command's transaction holds the write lock.
    pub fn open(path: &Path, source: &KeySource, write: bool, now: i64) -> Result<Vault> {
        let mut store = Store::open(path)?;
        // Unlock outside the write lock: the KDF is the slow part, and slots change rarely.
        store.begin(false)?;
        let header = store.header()?;
        let slots = store.slots()?;
        let (root, via) = crate::unlock::unlock_root(&header.vault_id, &slots, source)?;
        if write {
            store.commit()?;
            store.begin(true)?;
            if store.slots()? != slots {
                return Err(Error::general("the vault's keys changed while unlocking")
                    .with_hint("run the command again"));
            }
        }
        let header = store.header()?;
        let keys = RootKeys::new(root, header.vault_id);
        if !crypto::ct_eq(&keys.header_mac(&header), &header.mac) {
            return Err(integrity("the vault header does not verify"));
        }
        if header.format != store::FORMAT as i64 {
            return Err(integrity(
                "the vault header names another format than the file",
            ));
        }
        let envs = store.envs()?;
        let mut summary = [0u8; 32];
        for s in &slots {
            if !crypto::ct_eq(&keys.slot_mac(s), &s.mac) {
                return Err(integrity("a key slot does not verify"));
            }
            keys::xor_into(&mut summary, &s.mac);
        }
        for e in &envs {
            if !crypto::ct_eq(&keys.env_mac(e), &e.mac) {
                return Err(integrity(format!(
                    "environment {:?} does not verify",
                    e.name
                )));
            }
            keys::xor_into(&mut summary, &e.mac);
        }
        if !crypto::ct_eq(&summary, &header.summary) {
            return Err(integrity(
                "the set of slots and environments is not the one last written",
            ));
        }
        Ok(Vault {
            store,
            header,
            keys,
            slots,
            envs,
            env_keys: HashMap::new(),
            verified_envs: vec![],
            now,
            dirty: false,
            via,
        })
    }

    pub fn vault_id(&self) -> &Id {
        &self.header.vault_id
    }

    pub fn generation(&self) -> i64 {
        self.header.generation
    }

    pub fn slots(&self) -> &[SlotRow] {
        &self.slots
    }

    /// Ends the command's transaction: a write bumps the generation and re-MACs the header.
    pub fn commit(&mut self) -> Result<()> {
        if self.dirty {
            self.header.generation += 1;
            self.header.mac = self.keys.header_mac(&self.header);
            self.store.put_header(&self.header)?;
            self.dirty = false;
        }
        self.store.commit()
    }

    // ----- environments -----

    pub fn env_names(&self) -> Vec<String> {
        self.envs.iter().map(|e| e.name.clone()).collect()
    }

    /// (name, number of secrets) of every environment.
    pub fn env_counts(&self) -> Vec<(String, i64)> {
        self.envs
            .iter()
            .map(|e| (e.name.clone(), e.count))
            .collect()
    }

    fn env_index(&self, name: &str) -> Result<usize> {
        self.envs
            .iter()
            .position(|e| e.name == name)
            .ok_or_else(|| not_found_env(name, &self.envs))
    }

    fn put_slot(&mut self, mut slot: SlotRow) -> Result<()> {
        let old = self.slots.iter().position(|s| s.id == slot.id);
        slot.mac = self.keys.slot_mac(&slot);
        self.store.put_slot(&slot)?;
        if let Some(i) = old {
            keys::xor_into(&mut self.header.summary, &self.slots[i].mac);
            self.slots[i] = slot.clone();
        } else {
            self.slots.push(slot.clone());
        }
        keys::xor_into(&mut self.header.summary, &slot.mac);
        self.dirty = true;
        Ok(())
    }

    /// Re-MACs environment `i` after a change and folds it into the header summary.
    fn save_env(&mut self, i: usize, old_mac: Option<Mac>) -> Result<()> {
        let mac = self.keys.env_mac(&self.envs[i]);
        self.envs[i].mac = mac;
        self.store.put_env(&self.envs[i])?;
        if let Some(old) = old_mac {
            keys::xor_into(&mut self.header.summary, &old);
        }
        keys::xor_into(&mut self.header.summary, &mac);
        self.dirty = true;
        Ok(())
    }

    pub fn add_env(&mut self, name: &str) -> Result<()> {
        if self.envs.iter().any(|e| e.name == name) {
            return Err(Error::general(format!(
                "environment {name:?} already exists"
            )));
        }
        let id: Id = crypto::random_bytes()?;
        let env_key = Key::random()?;
        let wrapped_key = self.keys.wrap_env_key(&id, 1, &env_key)?;
        self.envs.push(EnvRow {
            id,
            name: name.to_string(),
            epoch: 1,
            wrapped_key,
            created: self.now,
            count: 0,
            summary: [0; 32],
            mac: [0; 32],
        });
        let i = self.envs.len() - 1;
        self.save_env(i, None)
    }

    /// Removes an environment and, with `force`, every secret in it. Returns how many
    /// secrets went with it.
    pub fn remove_env(&mut self, name: &str, force: bool) -> Result<i64> {
        let i = self.env_index(name)?;
        self.verify_env(i)?;
        let count = self.envs[i].count;
        if count > 0 && !force {
            return Err(Error::general(format!(
                "environment {name:?} holds {count} secret{}",
                if count == 1 { "" } else { "s" }
            ))
            .with_hint(format!(
                "pass --force to delete it with everything in it: `tresor env rm {name} --force`"
            )));
        }
        let env = self.envs.remove(i);
        self.store.delete_env(&env.id)?;
        keys::xor_into(&mut self.header.summary, &env.mac);
        self.env_keys.remove(&env.id);
        self.dirty = true;
        Ok(count)
    }

    fn env_keys(&mut self, i: usize) -> Result<&EnvKeys> {
        let id = self.envs[i].id;
        if !self.env_keys.contains_key(&id) {
            let env = &self.envs[i];
            let key = self.keys.unwrap_env_key(env)?;
            let ek = EnvKeys::new(&key, self.header.vault_id, env.id, env.epoch);
            self.env_keys.insert(id, ek);
        }
        Ok(&self.env_keys[&id])
    }

    /// Checks that the environment's secret rows are exactly the set last written: same count,
    /// same XOR of MACs. Done once per command per environment.
    fn verify_env(&mut self, i: usize) -> Result<()> {
        let env = &self.envs[i];
        if self.verified_envs.contains(&env.id) {
            return Ok(());
        }
        let macs = self.store.secret_macs(&env.id)?;
        if macs.len() as i64 != env.count || !crypto::ct_eq(&keys::xor_all(&macs), &env.summary) {
            return Err(integrity(format!(
                "the secrets of environment {:?} are not the set last written (a row was deleted, added or replayed)",
                env.name
            )));
        }
        self.verified_envs.push(env.id);
        Ok(())
    }

    /// Checks a secret row's own MAC and that its versions are the set it records.
    fn verify_secret(
        &mut self,
        i: usize,
        s: &SecretRow,
        version_macs: Option<&[Mac]>,
    ) -> Result<()> {
        let ek = self.env_keys(i)?;
        if !crypto::ct_eq(&ek.secret_mac(s), &s.mac) || s.env_id != self.envs[i].id {
            return Err(integrity("a secret row does not verify"));
        }
        let owned;
        let macs = match version_macs {
            Some(m) => m,
            None => {
                owned = self.store.version_macs(&s.id)?;
                &owned
            }
        };
        if macs.len() as i64 != s.count || !crypto::ct_eq(&keys::xor_all(macs), &s.summary) {
            return Err(integrity(
                "a secret's versions are not the set last written (a version was deleted, added or replayed)",
            ));
        }
        Ok(())
    }

    fn check_version(&mut self, i: usize, s: &SecretRow, v: &VersionRow) -> Result<VersionInfo> {
        let ek = self.env_keys(i)?;
        if v.secret_id != s.id || !crypto::ct_eq(&ek.version_mac(v), &v.mac) {
            return Err(integrity("a version row does not verify"));
        }
        let meta_bytes = ek.open_meta(v)?;
        let meta: VersionMeta = serde_json::from_slice(&meta_bytes)
            .map_err(|_| integrity("a version's metadata is malformed"))?;
        Ok(VersionInfo {
            version: v.version,
            created: v.created,
            origin: Origin::from_i64(v.origin)?,
            state: v.state,
            expires_at: v.expires_at,
            rotate_at: v.rotate_at,
            grace_until: v.grace_until,
            meta,
        })
    }

    /// Finds a secret by name, verified. `Ok(None)` when there is none by that name.
    fn find(&mut self, i: usize, name: &str) -> Result<Option<SecretRow>> {
        self.verify_env(i)?;
        let tag = self.env_keys(i)?.name_tag(name);
        let Some(s) = self.store.secret_by_tag(&self.envs[i].id, &tag)? else {
            return Ok(None);
        };
        self.verify_secret(i, &s, None)?;
        if self.env_keys(i)?.open_name(&s)? != name {
            return Err(integrity("a secret's name does not match its lookup tag"));
        }
        Ok(Some(s))
    }

    fn find_existing(&mut self, env: &str, name: &str) -> Result<(usize, SecretRow)> {
        let i = self.env_index(env)?;
        match self.find(i, name)? {
            Some(s) => Ok((i, s)),
            None => {
                // A lookup tag or index entry altered in the file would make a secret look
                // absent; before saying "not found", check the environment's rows in full.
                self.verify_env_rows(i, name)?;
                Err(
                    Error::general(format!("no secret {name} in environment {env}"))
                        .with_hint(format!("see what is there with `tresor list -e {env}`")),
                )
            }
        }
    }

    /// The slow check behind "not found": reads the environment's rows from the table (not an
    /// index), recomputes every MAC and confirms that none carries `name`'s tag.
    fn verify_env_rows(&mut self, i: usize, name: &str) -> Result<()> {
        let rows = self.store.secrets_in_unindexed(&self.envs[i].id)?;
        let (count, summary) = (self.envs[i].count, self.envs[i].summary);
        let ek = self.env_keys(i)?;
        let tag = ek.name_tag(name);
        let stored: Vec<Mac> = rows.iter().map(|s| s.mac).collect();
        if rows.len() as i64 != count
            || !crypto::ct_eq(&keys::xor_all(&stored), &summary)
            || rows
                .iter()
                .any(|s| !crypto::ct_eq(&ek.secret_mac(s), &s.mac))
        {
            return Err(integrity("a secret row does not verify"));
        }
        if rows.iter().any(|s| crypto::ct_eq(&s.name_tag, &tag)) {
            return Err(integrity("the vault's name index is damaged"));
        }
        Ok(())
    }

    // ----- secrets -----

    /// Reads a value: the latest version, or `version`.
    pub fn get(&mut self, env: &str, name: &str, version: Option<i64>) -> Result<Revealed> {
        let (i, s) = self.find_existing(env, name)?;
        let want = version.unwrap_or(s.latest);
        let Some(v) = self.store.version(&s.id, want)? else {
            if version.is_some() {
                return Err(Error::general(format!(
                    "{name} has no version {want} (versions 1 to {})",
                    s.latest
                )));
            }
            return Err(integrity("a secret's latest version is missing"));
        };
        let info = self.check_version(i, &s, &v)?;
        let value = self.env_keys(i)?.open_value(&v)?;
        Ok(Revealed { value, info })
    }

    /// Every version of a secret, oldest first, without values.
    pub fn history(&mut self, env: &str, name: &str) -> Result<Vec<VersionInfo>> {
        let (i, s) = self.find_existing(env, name)?;
        let rows = self.store.versions(&s.id)?;
        rows.iter().map(|v| self.check_version(i, &s, v)).collect()
    }

    /// Stores a new version of `name` (creating the secret when it is new); returns its number.
    pub fn put(&mut self, env: &str, name: &str, value: &[u8], spec: NewVersion) -> Result<i64> {
        let i = self.env_index(env)?;
        let existing = self.find(i, name)?;
        let env_id = self.envs[i].id;
        let (mut secret, old_mac) = match existing {
            Some(s) => {
                let mac = s.mac;
                (s, Some(mac))
            }
            None => {
                let id: Id = crypto::random_bytes()?;
                let ek = self.env_keys(i)?;
                let s = SecretRow {
                    id,
                    env_id,
                    name_tag: ek.name_tag(name),
                    name_ct: ek.seal_name(&id, name)?,
                    created: self.now,
                    latest: 0,
                    count: 0,
                    summary: [0; 32],
                    due_at: None,
                    mac: [0; 32],
                };
                (s, None)
            }
        };
        let version = secret.latest + 1;
        let mut row = VersionRow {
            secret_id: secret.id,
            version,
            created: self.now,
            origin: spec.origin as i64,
            state: STATE_ACTIVE,
            expires_at: spec.expires_at,
            rotate_at: spec.rotate_at,
            grace_until: None,
            value: vec![],
            meta: vec![],
            mac: [0; 32],
        };
        let meta =
            serde_json::to_vec(&spec.meta).map_err(|e| Error::general(format!("metadata: {e}")))?;
        self.env_keys(i)?.seal_version(&mut row, value, &meta)?;
        self.store.put_version(&row)?;
        keys::xor_into(&mut secret.summary, &row.mac);
        secret.count += 1;
        secret.latest = version;
        // A grace period applies to the version being replaced.
        if let Some(grace) = spec.grace_until {
            if let Some(prev) = self
                .store
                .version(&secret.id, version - 1)?
                .filter(|p| p.state != STATE_REVOKED)
            {
                let info = self.check_version(i, &secret, &prev)?;
                let value = self.env_keys(i)?.open_value(&prev)?;
                let mut updated = prev.clone();
                updated.grace_until = Some(grace);
                self.reseal(i, &mut secret, &prev, updated, &value, &info.meta)?;
            }
        }
        self.save_secret(i, &mut secret, old_mac)?;
        Ok(version)
    }

    /// Replaces version row `old` by `new` (same secret and number, other clear columns or
    /// metadata), re-sealing the value so its AAD matches.
    fn reseal(
        &mut self,
        i: usize,
        secret: &mut SecretRow,
        old: &VersionRow,
        mut new: VersionRow,
        value: &[u8],
        meta: &VersionMeta,
    ) -> Result<()> {
        let meta =
            serde_json::to_vec(meta).map_err(|e| Error::general(format!("metadata: {e}")))?;
        self.env_keys(i)?.seal_version(&mut new, value, &meta)?;
        self.store.put_version(&new)?;
        keys::xor_into(&mut secret.summary, &old.mac);
        keys::xor_into(&mut secret.summary, &new.mac);
        Ok(())
    }

    fn save_secret(
        &mut self,
        i: usize,
        secret: &mut SecretRow,
        old_mac: Option<Mac>,
    ) -> Result<()> {
        let latest = self
            .store
            .version(&secret.id, secret.latest)?
            .ok_or_else(|| integrity("a secret's latest version is missing"))?;
        secret.due_at = if latest.state == STATE_REVOKED {
            None
        } else {
            match (latest.expires_at, latest.rotate_at) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            }
        };
        secret.mac = self.env_keys(i)?.secret_mac(secret);
        self.store.put_secret(secret)?;
        let old_env_mac = self.envs[i].mac;
        let env = &mut self.envs[i];
        match old_mac {
            Some(old) => keys::xor_into(&mut env.summary, &old),
            None => env.count += 1,
        }
        keys::xor_into(&mut env.summary, &secret.mac);
        self.save_env(i, Some(old_env_mac))
    }

    /// Deletes a secret and all its versions; returns how many versions went.
    pub fn remove(&mut self, env: &str, name: &str) -> Result<i64> {
        let (i, s) = self.find_existing(env, name)?;
        self.store.delete_secret(&s.id)?;
        let old_env_mac = self.envs[i].mac;
        let e = &mut self.envs[i];
        keys::xor_into(&mut e.summary, &s.mac);
        e.count -= 1;
        self.save_env(i, Some(old_env_mac))?;
        Ok(s.count)
    }

    /// Marks every version of a secret revoked, with the time and reason (sealed into each
    /// version, so editing the state in the file is an integrity failure). Returns how many
    /// versions were revoked.
    pub fn revoke(&mut self, env: &str, name: &str, reason: &str) -> Result<i64> {
        let (i, mut secret) = self.find_existing(env, name)?;
        let old_mac = secret.mac;
        let rows = self.store.versions(&secret.id)?;
        let mut n = 0;
        for row in rows {
            let info = self.check_version(i, &secret, &row)?;
            if row.state == STATE_REVOKED {
                continue;
            }
            let value = self.env_keys(i)?.open_value(&row)?;
            let mut meta = info.meta.clone();
            meta.revoked_at = Some(self.now);
            meta.revoke_reason = Some(reason.to_string());
            let mut updated = row.clone();
            updated.state = STATE_REVOKED;
            self.reseal(i, &mut secret, &row, updated, &value, &meta)?;
            n += 1;
        }
        if n == 0 {
            return Err(Error::general(format!(
                "{name} in {env} is already revoked"
            )));
        }
        self.save_secret(i, &mut secret, Some(old_mac))?;
        Ok(n)
    }

    /// How many secrets of `env` are expired or overdue now, and how many need attention
    /// within `within` seconds (the first count included). Read from clear columns: a reminder,
    /// not a verdict (`due` reads the authenticated rows).
    pub fn due_counts(&self, env: &str, within: i64) -> Result<(i64, i64)> {
        let i = self.env_index(env)?;
        self.store
            .due_counts(&self.envs[i].id, self.now, self.now.saturating_add(within))
    }

    /// Every secret of an environment with its latest version, sorted by name.
    pub fn list(&mut self, env: &str) -> Result<Vec<SecretInfo>> {
        let i = self.env_index(env)?;
        self.verify_env(i)?;
        let env_id = self.envs[i].id;
        let secrets = self.store.secrets_in(&env_id)?;
        let mut version_macs: HashMap<Id, Vec<Mac>> = HashMap::with_capacity(secrets.len());
        for (sid, mac) in self.store.version_macs_in(&env_id)? {
            version_macs.entry(sid).or_default().push(mac);
        }
        let mut out = Vec::with_capacity(secrets.len());
        for s in secrets {
            let macs = version_macs.remove(&s.id).unwrap_or_default();
            self.verify_secret(i, &s, Some(&macs))?;
            let name = self.env_keys(i)?.open_name(&s)?;
            let v = self
                .store
                .version(&s.id, s.latest)?
                .ok_or_else(|| integrity("a secret's latest version is missing"))?;
            let latest = self.check_version(i, &s, &v)?;
            out.push(SecretInfo {
                env: env.to_string(),
                name,
                created: s.created,
                versions: s.count,
                latest,
            });
        }
        if !version_macs.is_empty() {
            return Err(integrity("versions exist for secrets that do not"));
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }
}
