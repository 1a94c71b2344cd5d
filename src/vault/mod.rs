//! An unlocked vault: the operations commands perform on environments and secrets, with the
//! integrity bookkeeping that makes a deleted, swapped or replayed row an error (exit 4)
//! rather than a wrong answer.
//!
//! Integrity, bottom up: every version row carries a MAC (environment key) over all its
//! columns; a secret row holds the count and XOR of its versions' MACs and a MAC of its own;
//! an environment row holds the count and XOR of its secrets' MACs and is MACed with the root
//! key; the header holds the XOR of all environment and slot MACs, a generation counter and a
//! MAC over all of it. Each level is checked when a command reads through it, so a read costs
//! the rows it touches plus one scan of its environment's MAC index. `run` and `export` read an
//! environment's values from its sealed snapshot buckets instead (`snapshot`), whose counts
//! and summaries must add up to the environment row's.

mod access;
pub mod audit;
pub mod keys;
mod protect;
mod rekey;
mod secrets;
mod snapshot;
pub mod store;

pub use access::{ExpiredGrant, GrantInfo};
pub use rekey::RekeyNotes;
pub use secrets::{ActiveValue, EnvValues};

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::crypto::{self, KdfParams, Key};
use crate::error::{Error, Result};
use crate::unlock::{KeySource, Unlocked};
use keys::{EnvKeys, RootKeys};
use store::{EnvRow, HeaderRow, Id, Mac, SlotRow, Store};

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
    access: Access,
    slots: Vec<SlotRow>,
    envs: Vec<EnvRow>,
    env_keys: HashMap<Id, EnvKeys>,
    verified_envs: Vec<Id>,
    now: i64,
    dirty: bool,
    pending_events: Vec<crate::audit::Event>,
    /// Environments whose snapshot this transaction changed: the secrets touched, or `None`
    /// to snapshot the whole environment anew (see `snapshot`).
    snapshot_dirty: HashMap<Id, Option<BTreeSet<Id>>>,
    /// What protected environments need besides the root key.
    pub(crate) factors: Factors,
    /// Where the generation is recorded after each commit (rollback detection).
    tracker: Option<crate::rollback::Tracker>,
    pub via: Via,
}

/// The second factors of protected environments, as far as this command has them.
#[derive(Default)]
pub struct Factors {
    /// From a passphrase unlock (or a passphrase given besides an identity).
    pub pfactor: Option<Key>,
    /// The flags and variables that name key sources, read only when a protected
    /// environment needs its second factor (an identity, or a passphrase besides the unlock).
    pub sources: Option<crate::unlock::SourceFlags>,
    /// Protected environments' secrets already unwrapped, by environment id.
    pub secrets: HashMap<Id, Key>,
    /// Protected environments' keys handed over by the agent (`unlock --include-protected`).
    pub env_keys: HashMap<Id, (i64, Key)>,
}

/// What the unlock opened: everything, or one environment read-only.
enum Access {
    Full(RootKeys),
    Grant(keys::GrantKey),
}

/// Everything `init` decides.
pub struct InitSpec<'a> {
    pub passphrase: Option<&'a [u8]>,
    pub kdf: KdfParams,
    pub recipients: &'a [crate::unlock::ParsedRecipient],
    pub envs: &'a [String],
}

pub(super) fn integrity(msg: impl Into<String>) -> Error {
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
        let keys = Access::Full(RootKeys::new(Key::random()?, vault_id));
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
            access: keys,
            slots: vec![],
            envs: vec![],
            env_keys: HashMap::new(),
            verified_envs: vec![],
            now,
            dirty: true,
            pending_events: vec![],
            snapshot_dirty: HashMap::new(),
            factors: Factors::default(),
            tracker: None,
            via: Via("init".into()),
        };
        if let Some(pass) = spec.passphrase {
            let slot_id: Id = crypto::random_bytes()?;
            let pfactor = Key::random()?;
            let (kdf, wrapped) = keys::wrap_with_passphrase(
                &vault_id,
                &slot_id,
                pass,
                spec.kdf,
                vault.root()?.root(),
                &pfactor,
            )?;
            vault.factors.pfactor = Some(pfactor);
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
                vault.root()?.root(),
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
        vault.event(
            crate::audit::Event::new("init")
                .detail(format!("environments {}", spec.envs.join(","))),
        );
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
        let (unlocked, via) = match crate::unlock::unlock(&header.vault_id, &slots, source, now) {
            Ok(u) => u,
            Err(e) => {
                if e.kind == crate::error::Kind::Unlock {
                    audit::record_failed_unlock(&mut store, now, &source.describe(), &e.message);
                }
                return Err(e);
            }
        };
        let (root, pfactor) = match unlocked {
            Unlocked::Root(root, pfactor) => (root, pfactor),
            Unlocked::Grant(grant) => {
                if write {
                    return Err(Error::unlock(format!(
                        "the identity holds a read-only grant ({:?}); this command changes the vault",
                        grant.label
                    ))
                    .with_hint("writes need the passphrase or a full-access identity"));
                }
                let envs = store.envs()?;
                return Ok(Vault {
                    store,
                    header,
                    access: Access::Grant(grant),
                    slots,
                    envs,
                    env_keys: HashMap::new(),
                    verified_envs: vec![],
                    now,
                    dirty: false,
                    pending_events: vec![],
                    snapshot_dirty: HashMap::new(),
                    factors: Factors::default(),
                    tracker: None,
                    via,
                });
            }
        };
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
        let agent_env_keys = match source {
            KeySource::Agent { protected, .. } => protected
                .iter()
                .map(|(id, epoch, k)| (*id, (*epoch, k.clone())))
                .collect(),
            _ => HashMap::new(),
        };
        if !crypto::ct_eq(&keys.header_mac(&header), &header.mac) {
            return Err(integrity("the vault header does not verify"));
        }
        if header.format != i64::from(store.format()) {
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
            access: Access::Full(keys),
            slots,
            envs,
            env_keys: HashMap::new(),
            verified_envs: vec![],
            now,
            dirty: false,
            pending_events: vec![],
            snapshot_dirty: HashMap::new(),
            factors: Factors {
                pfactor,
                env_keys: agent_env_keys,
                ..Factors::default()
            },
            tracker: None,
            via,
        })
    }

    /// The root keys; a grant holder has none (its unlock was read-only).
    pub(super) fn root(&self) -> Result<&RootKeys> {
        match &self.access {
            Access::Full(k) => Ok(k),
            Access::Grant(g) => Err(Error::unlock(format!(
                "the identity holds a read-only grant ({:?})",
                g.label
            ))),
        }
    }

    /// The label of the grant this vault was opened with, if any.
    pub fn grant_label(&self) -> Option<&str> {
        match &self.access {
            Access::Grant(g) => Some(&g.label),
            Access::Full(_) => None,
        }
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
        self.write_events()?;
        self.refresh_snapshots()?;
        let changed = self.dirty;
        if self.dirty {
            self.header.generation += 1;
            self.header.mac = self.root()?.header_mac(&self.header);
            self.store.put_header(&self.header)?;
            self.dirty = false;
        }
        self.store.commit()?;
        if let (true, Some(t)) = (changed, &self.tracker) {
            // Best effort: a lost record only means the next open cannot check.
            let _ = t.record(&self.header.vault_id, self.header.generation);
        }
        Ok(())
    }

    /// The generation of the vault file as it is now (a fresh read, outside this command's
    /// snapshot), its header verified with our keys. A grant holder cannot verify the header,
    /// so it gets its snapshot's generation.
    pub fn current_generation(&self, path: &Path) -> Result<i64> {
        let Access::Full(keys) = &self.access else {
            return Ok(self.header.generation);
        };
        let header = Store::open_another(path)?.header()?;
        if header.vault_id != self.header.vault_id
            || !crypto::ct_eq(&keys.header_mac(&header), &header.mac)
        {
            return Err(integrity("the vault header does not verify"));
        }
        Ok(header.generation)
    }

    /// Records the generation after each commit from now on (see `rollback`).
    pub fn set_tracker(&mut self, t: crate::rollback::Tracker) {
        self.tracker = Some(t);
    }

    /// The root key, for the session agent to hold.
    pub fn root_key(&self) -> Result<Key> {
        Ok(self.root()?.root().clone())
    }

    /// How this vault was unlocked.
    pub fn via(&self) -> &str {
        &self.via.0
    }

    /// Whether the unlock gave full access (not a read-only grant).
    pub fn full_access(&self) -> bool {
        matches!(self.access, Access::Full(_))
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

    pub(super) fn env_index(&self, name: &str) -> Result<usize> {
        self.envs
            .iter()
            .position(|e| e.name == name)
            .ok_or_else(|| not_found_env(name, &self.envs))
    }

    fn put_slot(&mut self, mut slot: SlotRow) -> Result<()> {
        let old = self.slots.iter().position(|s| s.id == slot.id);
        slot.mac = self.root()?.slot_mac(&slot);
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
    pub(super) fn save_env(&mut self, i: usize, old_mac: Option<Mac>) -> Result<()> {
        let mac = self.root()?.env_mac(&self.envs[i]);
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
        let wrapped_key = self.root()?.wrap_env_key(&id, 1, &env_key)?;
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

    pub(super) fn env_keys(&mut self, i: usize) -> Result<&EnvKeys> {
        let id = self.envs[i].id;
        if !self.env_keys.contains_key(&id) && matches!(self.access, Access::Full(_)) {
            let key = self.unwrap_env_key_for(i)?;
            let env = &self.envs[i];
            let ek = EnvKeys::new(&key, self.header.vault_id, env.id, env.epoch);
            self.env_keys.insert(id, ek);
        }
        if !self.env_keys.contains_key(&id) {
            let env = &self.envs[i];
            let ek = match &self.access {
                Access::Full(_) => unreachable!("handled above"),
                Access::Grant(g) if g.env_id == env.id && g.epoch == env.epoch => {
                    EnvKeys::new(&g.key, self.header.vault_id, env.id, env.epoch)
                }
                Access::Grant(g) if g.env_id == env.id => {
                    return Err(Error::unlock(format!(
                        "the grant {:?} no longer opens {:?}: its key was replaced (the grant was revoked)",
                        g.label, env.name
                    )));
                }
                Access::Grant(g) => {
                    let granted = self
                        .envs
                        .iter()
                        .find(|e| e.id == g.env_id)
                        .map(|e| e.name.as_str())
                        .unwrap_or("an environment that no longer exists");
                    return Err(Error::unlock(format!(
                        "no access to environment {:?}: the grant {:?} covers {granted} only",
                        env.name, g.label
                    )));
                }
            };
            self.env_keys.insert(id, ek);
        }
        Ok(&self.env_keys[&id])
    }

    /// Checks that the environment's secret rows are exactly the set last written: same count,
    /// same XOR of MACs. Done once per command per environment.
    pub(super) fn verify_env(&mut self, i: usize) -> Result<()> {
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
}
