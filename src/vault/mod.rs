//! An unlocked vault: the operations commands perform on environments and secrets, with the
//! integrity bookkeeping that makes a deleted, swapped or replayed row an error (exit 4)
//! rather than a wrong answer.
//!
//! Integrity, bottom up (vault format 3; the summaries are hashes over sorted members, see
//! `digest`): every version row carries a MAC (environment key) over all its columns; a secret
//! row holds the count and digest of its versions' MACs and a MAC of its own; an environment's
//! secrets are summarised per bucket of ids (`buckets` table) and the environment row holds
//! the count and digest of its buckets, MACed with the root key and, for grant holders, signed
//! by the owner (`statement`); the header holds the digest of all environment and slot MACs,
//! a generation counter and a MAC over all of it. Each level is checked when a command reads
//! through it, so a `get` costs its rows, its environment's bucket digests and one bucket.
//! `run` and `export` read an environment's values from its sealed snapshot buckets
//! (`snapshot`), each bound to its bucket's digest. The file's schema is checked on open.
//! Formats 1 and 2 are verified row by row and upgraded on their first full-access open
//! (`upgrade`).

mod access;
pub mod audit;
pub mod backend;
pub mod copy;
pub mod digest;
pub mod keys;
pub mod location;
mod outside;
mod protect;
mod rekey;
mod secrets;
mod sets;
mod snapshot;
pub mod statement;
pub mod store;
pub mod unlock;
mod upgrade;
mod vectors;

pub use outside::{NoOutside, Outside};

pub use access::{ExpiredGrant, GrantInfo};
pub use rekey::RekeyNotes;
pub use secrets::{ActiveValue, EnvValues};

use location::Location;
use std::collections::{BTreeSet, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::crypto::{self, KdfParams, Key};
use crate::error::{Error, Result};
use keys::{EnvKeys, RootKeys};
use store::{EnvRow, HeaderRow, Id, Mac, SlotRow, Store};
use unlock::{Credentials, Unlocked};

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
pub use store::VersionState;
pub const STATE_ACTIVE: VersionState = VersionState::Active;
pub const STATE_REVOKED: VersionState = VersionState::Revoked;

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
    pub state: VersionState,
    pub expires_at: Option<i64>,
    pub rotate_at: Option<i64>,
    pub grace_until: Option<i64>,
    pub meta: VersionMeta,
}

/// A secret as `list` shows it: name, latest version, dates.
#[derive(Debug, Clone)]
pub struct SecretInfo {
    pub name: String,
    pub created: i64,
    pub versions: i64,
    /// Boxed: `list` sorts and moves a hundred thousand of these.
    pub latest: Box<VersionInfo>,
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
    /// The bucket digests of the environments this command read or wrote (see `sets`).
    sets: HashMap<Id, sets::EnvSet>,
    /// Slots or environments changed: the header's digest is recomputed at commit.
    header_sets_dirty: bool,
    /// Environments whose signed statement is renewed at commit.
    statements_dirty: BTreeSet<Id>,
    /// A reader without the root key: the checked statements of the environments it holds.
    limited_statements: Vec<store::StatementRow>,
    /// The format this vault had before this open upgraded it.
    upgraded_from: Option<i32>,
    /// A vault of format 1 or 2, opened with the write lock, to be upgraded once the caller
    /// has checked it (`upgrade_if_needed`); with the lock mode to return to.
    pending_upgrade: Option<bool>,
    now: i64,
    dirty: bool,
    pending_events: Vec<crate::audit::Event>,
    /// Environments whose snapshot this transaction changed: the secrets touched, or `None`
    /// to snapshot the whole environment anew (see `snapshot`).
    snapshot_dirty: HashMap<Id, Option<BTreeSet<Id>>>,
    /// The due dates of the secrets of environments whose whole snapshot this command read
    /// (for `due_counts`, without another query); dropped when a write touches one.
    due_dates: HashMap<Id, Vec<i64>>,
    /// What protected environments need besides the root key.
    pub(crate) factors: Factors,
    /// What the core needs from the command layer (second factors, recipients, records).
    outside: Box<dyn Outside>,
    /// Whether commits are reported to `outside` (once the caller has checked the vault).
    recording: bool,
    /// The vault key before this transaction changed the root key (`rekey`): both are pinned
    /// while the commit happens, then the new one alone.
    pub(crate) previous_vault_key: Option<String>,
    pub via: Via,
}

/// The second factors of protected environments, as far as this command has them.
#[derive(Default)]
pub struct Factors {
    /// From a passphrase unlock (or a passphrase given besides an identity).
    pub pfactor: Option<Key>,
    /// Protected environments' secrets already unwrapped, by environment id.
    pub secrets: HashMap<Id, Key>,
    /// Protected environments' keys handed over by the agent (`unlock --include-protected`).
    pub env_keys: HashMap<Id, (i64, Key)>,
}

/// What the unlock opened: everything, or one environment read-only.
enum Access {
    Full(RootKeys),
    Grant(keys::GrantKey),
    /// Some environments' keys from a session agent started with `unlock -e`: read-only,
    /// checked like a grant holder's (owner-signed statements).
    Scoped(Vec<(Id, i64, Key)>),
}

/// Everything `init` decides.
pub struct InitSpec<'a> {
    pub passphrase: Option<&'a [u8]>,
    pub kdf: KdfParams,
    pub recipients: &'a [crate::recipient::ParsedRecipient],
    pub envs: &'a [String],
}

/// The message of an unlock whose root key does not verify the header: tampering, or a
/// session agent holding the key of before a `rekey` (the caller tells them apart).
pub const HEADER_DOES_NOT_VERIFY: &str = "the vault header does not verify";

pub(super) fn integrity(msg: impl Into<String>) -> Error {
    Error::integrity(msg.into()).with_hint("the vault file was altered; restore it from a backup")
}

/// Refuses a repeated slot id, environment id or environment name (a duplicated row).
fn check_unique(slots: &[SlotRow], envs: &[EnvRow]) -> Result<()> {
    let slot_ids: HashSet<&Id> = slots.iter().map(|s| &s.id).collect();
    let env_ids: HashSet<&Id> = envs.iter().map(|e| &e.id).collect();
    let env_names: HashSet<&str> = envs.iter().map(|e| e.name.as_str()).collect();
    if slot_ids.len() != slots.len() || env_ids.len() != envs.len() || env_names.len() != envs.len()
    {
        return Err(integrity(
            "the vault holds a duplicated key slot or environment row",
        ));
    }
    Ok(())
}

/// The header's digest of the current slots and environments.
fn header_digest(vault_id: &Id, slots: &[SlotRow], envs: &[EnvRow]) -> Mac {
    let mut s: Vec<(Id, Mac)> = slots.iter().map(|s| (s.id, s.mac)).collect();
    let mut e: Vec<(Id, Mac)> = envs.iter().map(|e| (e.id, e.mac)).collect();
    s.sort_unstable();
    e.sort_unstable();
    digest::header(vault_id, &s, &e)
}

/// A grant holder's check of its environment before it reads anything: the owner's signed
/// statement, by the pinned key (or, with none pinned, by the key that signed it, which the
/// caller then pins), naming the key the grant gave and a grant that has not expired.
fn statement_for_grant(
    store: &Store,
    header: &HeaderRow,
    envs: &[EnvRow],
    grant: &keys::GrantKey,
    pin: Option<&ed25519_dalek::VerifyingKey>,
    now: i64,
) -> Result<store::StatementRow> {
    let Some(env) = envs.iter().find(|e| e.id == grant.env_id) else {
        return Err(Error::unlock(format!(
            "the grant {:?} is for an environment that no longer exists",
            grant.label
        )));
    };
    if env.epoch > grant.epoch {
        return Err(Error::unlock(format!(
            "the grant {:?} no longer opens {:?}: its key was replaced (the grant was revoked)",
            grant.label, env.name
        )));
    }
    let st = check_statement(store, header, env, grant.epoch, &grant.key, pin)?;
    match statement::grant_expiry(&st.grants, &grant.slot_id) {
        None => Err(Error::unlock(format!(
            "the grant {:?} is not among the grants the owner of {:?} signed (it was revoked)",
            grant.label, env.name
        ))),
        Some(Some(t)) if t <= now => Err(Error::unlock(format!(
            "the grant {:?} expired on {}",
            grant.label,
            crate::clock::rfc3339(t)
        ))
        .with_hint("ask the vault's owner for a new grant (`tresor access grant`)")),
        Some(_) => Ok(st),
    }
}

/// A reader without the root key (a grant holder, a scoped session agent) checks an
/// environment before it reads anything in it: the owner's signed statement, by the pinned key
/// (or, with none pinned, by the key that signed it, which the caller then pins), naming the
/// environment key this reader holds.
fn check_statement(
    store: &Store,
    header: &HeaderRow,
    env: &EnvRow,
    epoch: i64,
    key: &Key,
    pin: Option<&ed25519_dalek::VerifyingKey>,
) -> Result<store::StatementRow> {
    let st = store.statement(&env.id)?.ok_or_else(|| {
        integrity(format!(
            "environment {:?} carries no statement signed by the vault's owner",
            env.name
        ))
    })?;
    let signer = crate::crypto::encode_vault_key(
        &ed25519_dalek::VerifyingKey::from_bytes(&st.signer)
            .map_err(|_| integrity("an environment statement names a malformed signer"))?,
    );
    if let Some(pin) = pin {
        if pin.as_bytes() != &st.signer {
            return Err(Error::integrity(format!(
                "environment {:?} is signed by {signer}, not by the pinned vault key {}",
                env.name,
                crate::crypto::encode_vault_key(pin)
            ))
            .with_hint("this is not the vault you were granted, or it was altered; if its owner changed its keys (`tresor rekey`), pin the new key they give you with --vault-key or TRESOR_VAULT_KEY"));
        }
    }
    if !statement::verify(&header.vault_id, env, &st) {
        return Err(integrity(format!(
            "the signed statement of environment {:?} does not match it (a row was altered, added, removed or replayed)",
            env.name
        )));
    }
    let expected = statement::key_hash(&header.vault_id, &env.id, epoch, key);
    if env.epoch != epoch || !crypto::ct_eq(&expected, &st.key_hash) {
        return Err(integrity(format!(
            "the key held for {:?} is not the one its owner signed: the grant or key was altered",
            env.name
        )));
    }
    Ok(st)
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
    pub fn create(at: impl Into<Location>, spec: &InitSpec<'_>, now: i64) -> Result<Vault> {
        let store = Store::create(at)?;
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
        let mut vault =
            Vault::assemble(store, header, keys, vec![], vec![], now, Via("init".into()));
        vault.dirty = true;
        vault.header_sets_dirty = true;
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
            vault.put_slot(SlotRow::passphrase(slot_id, kdf, wrapped, now))?;
        }
        for r in spec.recipients {
            let slot_id: Id = crypto::random_bytes()?;
            let wrapped = keys::wrap_to_recipient(
                &vault_id,
                &slot_id,
                r.recipient.as_ref(),
                vault.root()?.root(),
            )?;
            vault.put_slot(SlotRow::recipient(slot_id, &r.label, &r.text, wrapped, now))?;
        }
        for e in spec.envs {
            vault.add_env(e)?;
        }
        vault.event(
            crate::audit::Event::new(crate::audit::Action::Init)
                .detail(format!("environments {}", spec.envs.join(","))),
        );
        vault.commit()?;
        // Leave the new vault readable as by any other command.
        vault.store.begin(false)?;
        Ok(vault)
    }

    /// A vault value around rows already read and checked.
    fn assemble(
        store: Store,
        header: HeaderRow,
        access: Access,
        slots: Vec<SlotRow>,
        envs: Vec<EnvRow>,
        now: i64,
        via: Via,
    ) -> Vault {
        Vault {
            store,
            header,
            access,
            slots,
            envs,
            env_keys: HashMap::new(),
            verified_envs: vec![],
            sets: HashMap::new(),
            header_sets_dirty: false,
            statements_dirty: BTreeSet::new(),
            limited_statements: Vec::new(),
            upgraded_from: None,
            pending_upgrade: None,
            now,
            dirty: false,
            pending_events: vec![],
            snapshot_dirty: HashMap::new(),
            due_dates: HashMap::new(),
            factors: Factors::default(),
            outside: Box::new(NoOutside),
            recording: false,
            previous_vault_key: None,
            via,
        }
    }

    /// Opens and unlocks the vault at `path` with `creds`, checking the header and every slot
    /// and environment row, with nothing from outside (no terminal, no records; see
    /// `NoOutside`). With `write`, the command's transaction holds the write lock. A vault of
    /// format 1 or 2 is refused: only the command layer upgrades, once it has checked the vault
    /// against this machine's pin and rollback records (shell completion, say, never writes).
    pub fn open(
        at: impl Into<Location>,
        creds: &Credentials<'_>,
        write: bool,
        now: i64,
    ) -> Result<Vault> {
        let v = Self::open_pinned(at, creds, write, now, None, Box::new(NoOutside))?;
        if v.pending_upgrade.is_some() {
            return Err(Error::general(
                "this vault is of an older format: open it once with the tresor command to upgrade it",
            ));
        }
        Ok(v)
    }

    /// `open`, with the vault key the caller trusts (`--vault-key`, `TRESOR_VAULT_KEY` or the
    /// pin kept for this vault): a grant holder refuses environment statements signed by any
    /// other key. Without one, a grant holder trusts the signer it finds (see `grant_signer`).
    /// A full-access caller compares `vault_public_key` with its pin itself.
    pub fn open_pinned(
        at: impl Into<Location>,
        creds: &Credentials<'_>,
        write: bool,
        now: i64,
        pin: Option<&ed25519_dalek::VerifyingKey>,
        outside: Box<dyn Outside>,
    ) -> Result<Vault> {
        let mut store = Store::open(at)?;
        // Unlock outside the write lock: the KDF is the slow part, and slots change rarely.
        store.begin(false)?;
        store.check_schema()?;
        let legacy = store.format() < store::FORMAT;
        let header = store.header()?;
        let slots = store.slots()?;
        let opened = unlock::open_slots(&header.vault_id, &slots, creds, now, outside.as_ref());
        let (unlocked, via) = match opened {
            Ok(u) => u,
            Err(e) => {
                if e.kind == crate::error::Kind::Unlock {
                    audit::record_failed_unlock(&mut store, now, &creds.describe(), &e.message);
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
                if legacy {
                    return Err(integrity(format!(
                        "this vault is in format {}, whose environments carry no statement signed by their owner, so a grant holder cannot check them",
                        store.format()
                    ))
                    .with_hint("ask the vault's owner to open it once with this version of tresor, which upgrades it"));
                }
                let envs = store.envs()?;
                check_unique(&slots, &envs)?;
                let statement = statement_for_grant(&store, &header, &envs, &grant, pin, now)?;
                let mut vault =
                    Vault::assemble(store, header, Access::Grant(grant), slots, envs, now, via);
                vault.limited_statements = vec![statement];
                return Ok(vault);
            }
            Unlocked::Scoped(held) => {
                if write {
                    return Err(Error::unlock(
                        "the session agent holds only some environments' keys (`tresor unlock -e`); this command changes the vault",
                    )
                    .with_hint("give another key source, or `tresor lock` and `tresor unlock` without -e"));
                }
                if legacy {
                    return Err(integrity(
                        "a scoped session agent cannot check a vault of format 1 or 2",
                    ));
                }
                let envs = store.envs()?;
                check_unique(&slots, &envs)?;
                let mut statements = Vec::with_capacity(held.len());
                let mut current = Vec::with_capacity(held.len());
                for (env_id, epoch, key) in held {
                    // An environment re-keyed or removed since `unlock -e`: its key opens nothing.
                    let Some(env) = envs.iter().find(|e| e.id == env_id && e.epoch == epoch) else {
                        continue;
                    };
                    statements.push(check_statement(&store, &header, env, epoch, &key, pin)?);
                    current.push((env_id, epoch, key));
                }
                let mut vault = Vault::assemble(
                    store,
                    header,
                    Access::Scoped(current),
                    slots,
                    envs,
                    now,
                    via,
                );
                vault.limited_statements = statements;
                return Ok(vault);
            }
        };
        // A writer re-reads what another may have changed since its read transaction; a
        // reader keeps its snapshot's header (one round trip less on PostgreSQL).
        let header = if write || legacy {
            store.commit()?;
            store.begin(true)?;
            if store.slots()? != slots {
                return Err(Error::general("the vault's keys changed while unlocking")
                    .with_hint("run the command again"));
            }
            store.header()?
        } else {
            header
        };
        let keys = RootKeys::new(root, header.vault_id);
        let agent_env_keys = match creds {
            Credentials::Agent { protected, .. } => protected
                .iter()
                .map(|(id, epoch, k)| (*id, (*epoch, k.clone())))
                .collect(),
            _ => HashMap::new(),
        };
        if !crypto::ct_eq(&keys.header_mac(&header), &header.mac) {
            return Err(integrity(HEADER_DOES_NOT_VERIFY));
        }
        if header.format != i64::from(store.format()) {
            return Err(integrity(
                "the vault header names another format than the file",
            ));
        }
        let envs = store.envs()?;
        check_unique(&slots, &envs)?;
        for s in &slots {
            if !crypto::ct_eq(&keys.slot_mac(s), &s.mac) {
                return Err(integrity("a key slot does not verify"));
            }
        }
        for e in &envs {
            if !crypto::ct_eq(&keys.env_mac(e), &e.mac) {
                return Err(integrity(format!(
                    "environment {:?} does not verify",
                    e.name
                )));
            }
        }
        let summary = if legacy {
            upgrade::legacy_header_summary(&slots, &envs)
        } else {
            header_digest(&header.vault_id, &slots, &envs)
        };
        if !crypto::ct_eq(&summary, &header.summary) {
            return Err(integrity(
                "the set of slots and environments is not the one last written",
            ));
        }
        let mut vault = Vault::assemble(store, header, Access::Full(keys), slots, envs, now, via);
        vault.factors = Factors {
            pfactor,
            env_keys: agent_env_keys,
            ..Factors::default()
        };
        vault.outside = outside;
        if legacy {
            vault.pending_upgrade = Some(write);
        }
        Ok(vault)
    }

    /// Upgrades a vault of format 1 or 2 (every row verified first), committed: called once the
    /// caller has checked the vault it opened (pinned key, rollback), so that an old copy is
    /// refused before it is upgraded. Returns the format it had.
    pub fn upgrade_if_needed(&mut self) -> Result<Option<i32>> {
        let Some(write) = self.pending_upgrade.take() else {
            return Ok(None);
        };
        let from = self.store.format();
        self.upgrade()?;
        self.commit()?;
        self.store.begin(write)?;
        self.upgraded_from = Some(from);
        Ok(Some(from))
    }

    /// The format this open upgraded the vault from, if it did.
    pub fn upgraded_from(&self) -> Option<i32> {
        self.upgraded_from
    }

    /// The vault's public key (the one `bundle export` prints and users pin), derived from
    /// the root key; a grant holder has none.
    pub fn vault_public_key(&self) -> Result<ed25519_dalek::VerifyingKey> {
        Ok(self.root()?.signing_key().verifying_key())
    }

    /// For a reader without the root key (grant holder, scoped agent): the key that signed
    /// each of its environments' statements, with the statement's generation and environment
    /// (for rollback detection per environment). Empty for a full-access unlock.
    pub fn limited_statements(&self) -> Vec<(ed25519_dalek::VerifyingKey, i64, Id)> {
        self.limited_statements
            .iter()
            .filter_map(|st| {
                let key = ed25519_dalek::VerifyingKey::from_bytes(&st.signer).ok()?;
                Some((key, st.generation, st.env_id))
            })
            .collect()
    }

    /// Whether this unlock lacks the root key (a grant, or a scoped session agent).
    pub fn is_limited(&self) -> bool {
        !matches!(self.access, Access::Full(_))
    }

    /// The root keys; a grant holder has none (its unlock was read-only).
    pub(super) fn root(&self) -> Result<&RootKeys> {
        match &self.access {
            Access::Full(k) => Ok(k),
            Access::Grant(g) => Err(Error::unlock(format!(
                "the identity holds a read-only grant ({:?})",
                g.label
            ))),
            Access::Scoped(_) => Err(Error::unlock(
                "the session agent holds only some environments' keys (`tresor unlock -e`)",
            )
            .with_hint("give another key source, or `tresor lock` and `tresor unlock` without -e")),
        }
    }

    /// The label of the grant this vault was opened with, if any.
    pub fn grant_label(&self) -> Option<&str> {
        match &self.access {
            Access::Grant(g) => Some(&g.label),
            Access::Full(_) | Access::Scoped(_) => None,
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
        self.refresh_sets()?;
        self.refresh_snapshots()?;
        let changed = self.dirty;
        if self.dirty {
            self.header.generation += 1;
            if std::mem::take(&mut self.header_sets_dirty) {
                self.header.summary = header_digest(&self.header.vault_id, &self.slots, &self.envs);
            }
            self.sign_statements()?;
            self.header.mac = self.root()?.header_mac(&self.header);
            self.store.put_header(&self.header)?;
            self.dirty = false;
        }
        let new_key = match (&self.previous_vault_key, self.recording) {
            (Some(old), true) => {
                // Both keys trusted before the commit: a crash after it locks nobody out.
                let new = crate::crypto::encode_vault_key(&self.vault_public_key()?);
                self.outside
                    .before_key_change(&self.header.vault_id, old, &new)?;
                Some(new)
            }
            _ => None,
        };
        self.store.commit()?;
        if changed && self.recording {
            self.outside.committed(
                &self.header.vault_id,
                self.header.generation,
                new_key.as_deref(),
            );
        }
        self.previous_vault_key = None;
        Ok(())
    }

    /// The generation of the vault file as it is now (a fresh read, outside this command's
    /// snapshot), its header verified with our keys. A grant holder cannot verify the header,
    /// so it gets its snapshot's generation.
    pub fn current_generation(&self, at: impl Into<Location>) -> Result<i64> {
        let Access::Full(keys) = &self.access else {
            return Ok(self.header.generation);
        };
        let header = Store::open_another(at)?.header()?;
        if header.vault_id != self.header.vault_id
            || !crypto::ct_eq(&keys.header_mac(&header), &header.mac)
        {
            return Err(integrity("the vault header does not verify"));
        }
        Ok(header.generation)
    }

    /// Reports every commit to `outside` from now on (the caller checked the vault: its
    /// records of generation and key may follow it).
    pub fn record_commits(&mut self) {
        self.recording = true;
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
        self.slot_changed(&slot);
        match old {
            Some(i) => self.slots[i] = slot,
            None => self.slots.push(slot),
        }
        Ok(())
    }

    /// Notes a slot added, changed or removed: the header's digest, and for a grant its
    /// environment's statement (which lists the grants), are renewed at commit.
    fn slot_changed(&mut self, slot: &SlotRow) {
        if slot.kind == keys::SLOT_GRANT {
            if let Some(env_id) = slot.env_id {
                self.statements_dirty.insert(env_id);
            }
        }
        self.header_sets_dirty = true;
        self.dirty = true;
    }

    /// Re-MACs environment `i` after a change; the header's digest and the environment's
    /// statement are renewed at commit.
    pub(super) fn save_env(&mut self, i: usize) -> Result<()> {
        let mac = self.root()?.env_mac(&self.envs[i]);
        self.envs[i].mac = mac;
        self.store.put_env(&self.envs[i])?;
        self.statements_dirty.insert(self.envs[i].id);
        self.header_sets_dirty = true;
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
            summary: digest::environment(&self.header.vault_id, &id, 1, &[]),
            mac: [0; 32],
        });
        self.sets.insert(id, sets::EnvSet::empty());
        let i = self.envs.len() - 1;
        self.save_env(i)
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
        self.env_keys.remove(&env.id);
        self.sets.remove(&env.id);
        self.statements_dirty.remove(&env.id);
        self.snapshot_dirty.remove(&env.id);
        self.header_sets_dirty = true;
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
                Access::Scoped(held) => match held
                    .iter()
                    .find(|(id, epoch, _)| *id == env.id && *epoch == env.epoch)
                {
                    Some((_, _, key)) => EnvKeys::new(key, self.header.vault_id, env.id, env.epoch),
                    None => {
                        return Err(Error::unlock(format!(
                            "the session agent holds no key of environment {:?} (it was started with `tresor unlock -e` for others, or the environment was re-keyed since)",
                            env.name
                        ))
                        .with_hint("give another key source, or `tresor lock` and `tresor unlock` again"));
                    }
                },
            };
            self.env_keys.insert(id, ek);
        }
        Ok(&self.env_keys[&id])
    }
}

#[cfg(test)]
mod tests {
    //! The core below the command layer: a vault created, written, re-opened and read with
    //! credentials alone, no terminal, no flags, no records (`NoOutside`).

    use super::*;
    use crate::recipient::ParsedRecipient;

    #[test]
    fn a_vault_opens_and_reads_with_no_terminal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.db");
        let identity = age::x25519::Identity::generate();
        let text = identity.to_public().to_string();
        let recipient = ParsedRecipient {
            recipient: crate::recipient::parse_native(&text).unwrap(),
            label: "test".into(),
            text,
        };
        let envs = vec!["dev".to_string(), "prod".to_string()];
        let spec = InitSpec {
            passphrase: None,
            kdf: KdfParams::DEFAULT,
            recipients: std::slice::from_ref(&recipient),
            envs: &envs,
        };
        drop(Vault::create(&path, &spec, 1_000).unwrap());
        let ids: Vec<Box<dyn age::Identity>> = vec![Box::new(identity.clone())];
        let creds = Credentials::Identities {
            from: "test",
            identities: &ids,
            passphrase: None,
        };
        let mut v = Vault::open(&path, &creds, true, 2_000).unwrap();
        let spec = NewVersion {
            origin: Origin::Set,
            expires_at: None,
            rotate_at: None,
            grace_until: None,
            meta: VersionMeta::default(),
        };
        v.put("prod", "API_KEY", b"value-1", spec).unwrap();
        v.commit().unwrap();
        drop(v);
        let mut v = Vault::open(&path, &creds, false, 3_000).unwrap();
        assert_eq!(
            &v.get("prod", "API_KEY", None).unwrap().value[..],
            b"value-1"
        );
        assert_eq!(v.list("prod").unwrap().len(), 1);
        let values = v.values("prod").unwrap();
        assert_eq!(values.latest.len(), 1);
        // A stranger's identity is an unlock error, asked of no one.
        let other: Vec<Box<dyn age::Identity>> = vec![Box::new(age::x25519::Identity::generate())];
        let creds = Credentials::Identities {
            from: "stranger",
            identities: &other,
            passphrase: None,
        };
        let err = Vault::open(&path, &creds, false, 4_000).err().unwrap();
        assert_eq!(err.kind, crate::error::Kind::Unlock);
    }
}
