//! The key hierarchy of doc/design.md: the keys derived from the root key, the per-environment
//! keys it wraps, and the MACs and AADs that bind every stored row to its place in the vault;
//! one file per kind of slot (passphrase, age recipient, grant, protection). All framing of
//! authenticated data lives here so that it cannot drift between writer and reader.

mod age_slots;
mod grant;
mod passphrase;
mod protect;

pub use age_slots::*;
pub use grant::*;
pub use passphrase::*;
pub use protect::*;

use zeroize::Zeroizing;

pub use super::store::SlotKind;
use super::store::{EnvRow, HeaderRow, Id, Mac, SecretRow, SlotRow, VersionRow};
use crate::crypto::{self, Frame, Key};
use crate::error::{Error, Result};

/// `slots.kind`: what a slot wraps and how.
pub const SLOT_PASSPHRASE: SlotKind = SlotKind::Passphrase;
pub const SLOT_RECIPIENT: SlotKind = SlotKind::Recipient;
/// A read-only grant: wraps one environment's key (not the root key) to an age recipient.
pub const SLOT_GRANT: SlotKind = SlotKind::Grant;

const ROOT_PAYLOAD_TAG: &[u8] = b"tresor root key v1";

/// The root key and the keys derived from it, one per purpose.
pub struct RootKeys {
    pub vault_id: Id,
    root: Key,
    header_mac: Key,
    row_mac: Key,
    env_wrap: Key,
}

impl RootKeys {
    pub fn new(root: Key, vault_id: Id) -> Self {
        let d = |info: &str| root.derive(&vault_id, info.as_bytes());
        RootKeys {
            vault_id,
            header_mac: d("tresor header mac v1"),
            row_mac: d("tresor row mac v1"),
            env_wrap: d("tresor environment key wrap v1"),
            root,
        }
    }

    pub fn root(&self) -> &Key {
        &self.root
    }

    /// (MAC key, body key) of the owner's audit chain.
    pub fn audit_keys(&self) -> (Key, Key) {
        (
            self.root.derive(&self.vault_id, b"tresor audit mac v1"),
            self.root.derive(&self.vault_id, b"tresor audit body v1"),
        )
    }

    /// The Ed25519 key that signs bundles, derived from the root key.
    pub fn signing_key(&self) -> ed25519_dalek::SigningKey {
        let seed = self
            .root
            .derive(&self.vault_id, b"tresor bundle signing v1");
        ed25519_dalek::SigningKey::from_bytes(seed.expose())
    }

    /// The key of an environment's snapshot buckets: derived from the root key AND the
    /// environment's key, so that neither a grant holder (who has only the environment key)
    /// nor a root key without a protected environment's second factor can read or forge one.
    pub fn snapshot_key(&self, ek: &EnvKeys) -> Key {
        let env_part = ek.derive("tresor snapshot v1");
        self.root
            .derive(env_part.expose(), b"tresor snapshot key v1")
    }

    pub fn header_mac(&self, h: &HeaderRow) -> Mac {
        let mut f = Frame::new("tresor/header/v1");
        f.i64(h.format)
            .bytes(&h.vault_id)
            .i64(h.generation)
            .i64(h.created)
            .bytes(&h.summary)
            .i64(h.audit_seq)
            .bytes(&h.audit_head);
        self.header_mac.mac(f.finish())
    }

    pub fn slot_mac(&self, s: &SlotRow) -> Mac {
        let mut f = Frame::new("tresor/slot/v1");
        f.bytes(&self.vault_id)
            .bytes(&s.id)
            .i64(s.kind as i64)
            .bytes(s.env_id.as_ref().map(|e| &e[..]).unwrap_or(b""))
            .bytes(s.label.as_bytes())
            .bytes(s.recipient.as_bytes())
            .bytes(s.kdf.as_deref().unwrap_or(b""))
            .bytes(&s.wrapped)
            .i64(s.created)
            .opt_i64(s.expires_at);
        self.row_mac.mac(f.finish())
    }

    pub fn env_mac(&self, e: &EnvRow) -> Mac {
        let mut f = Frame::new("tresor/env/v1");
        f.bytes(&self.vault_id)
            .bytes(&e.id)
            .bytes(e.name.as_bytes())
            .i64(e.epoch)
            .bytes(&e.wrapped_key)
            .i64(e.created)
            .i64(e.count)
            .bytes(&e.summary);
        self.row_mac.mac(f.finish())
    }

    fn env_key_aad(&self, env_id: &Id, epoch: i64) -> Vec<u8> {
        let mut f = Frame::new("tresor/env-key/v1");
        f.bytes(&self.vault_id).bytes(env_id).i64(epoch);
        f.into_vec()
    }

    /// Seals an environment key under the root key, bound to the environment and epoch.
    pub fn wrap_env_key(&self, env_id: &Id, epoch: i64, key: &Key) -> Result<Vec<u8>> {
        self.wrap_env_key_with(&self.env_wrap, env_id, epoch, key)
    }

    /// Seals an environment key under an explicit key (a protected environment's).
    pub fn wrap_env_key_with(
        &self,
        wrap: &Key,
        env_id: &Id,
        epoch: i64,
        key: &Key,
    ) -> Result<Vec<u8>> {
        crypto::seal(wrap, &self.env_key_aad(env_id, epoch), key.expose())
    }

    /// Opens an environment key sealed under an explicit key (a protected environment's).
    pub fn unwrap_env_key_with(&self, wrap: &Key, env: &EnvRow) -> Result<Key> {
        let plain = crypto::open(
            wrap,
            &self.env_key_aad(&env.id, env.epoch),
            &env.wrapped_key,
        )
        .ok_or_else(|| {
            integrity(format!(
                "the key of environment {:?} does not open",
                env.name
            ))
        })?;
        Key::from_slice(&plain).ok_or_else(|| integrity("an environment key has the wrong length"))
    }

    /// Opens an environment key sealed under the root key.
    pub fn unwrap_env_key(&self, env: &EnvRow) -> Result<Key> {
        self.unwrap_env_key_with(&self.env_wrap, env)
    }
}

/// The keys of one environment at one epoch, derived from its random environment key.
pub struct EnvKeys {
    vault_id: Id,
    env_id: Id,
    epoch: i64,
    /// The environment key itself, kept to derive further per-purpose keys.
    base: Key,
    value: Key,
    name_index: Key,
    row_mac: Key,
}

impl EnvKeys {
    pub fn new(env_key: &Key, vault_id: Id, env_id: Id, epoch: i64) -> Self {
        let mut salt = vault_id.to_vec();
        salt.extend_from_slice(&env_id);
        let d = |info: &str| env_key.derive(&salt, info.as_bytes());
        EnvKeys {
            base: env_key.clone(),
            vault_id,
            env_id,
            epoch,
            value: d("tresor value v1"),
            name_index: d("tresor name index v1"),
            row_mac: d("tresor env row mac v1"),
        }
    }

    /// The environment key itself (its hash goes into the owner's signed statement).
    pub fn key(&self) -> &Key {
        &self.base
    }

    /// A further key for `purpose`, bound to this environment and epoch.
    pub fn derive(&self, purpose: &str) -> Key {
        let mut salt = self.vault_id.to_vec();
        salt.extend_from_slice(&self.env_id);
        salt.extend_from_slice(&self.epoch.to_be_bytes());
        self.base.derive(&salt, purpose.as_bytes())
    }

    /// The associated data of snapshot bucket `bucket`: its place (vault, environment,
    /// epoch, bucket) and the clear count and summary stored beside it.
    pub fn snapshot_aad(&self, bucket: i64, count: i64, summary: &Mac) -> Vec<u8> {
        let mut f = Frame::new("tresor/snapshot/v1");
        f.bytes(&self.vault_id)
            .bytes(&self.env_id)
            .i64(self.epoch)
            .i64(bucket)
            .i64(count)
            .bytes(summary);
        f.into_vec()
    }

    /// The lookup tag of a secret name in this environment.
    pub fn name_tag(&self, name: &str) -> Mac {
        let mut f = Frame::new("tresor/name-tag/v1");
        f.bytes(name.as_bytes());
        self.name_index.mac(f.finish())
    }

    fn name_aad(&self, secret_id: &Id) -> Vec<u8> {
        let mut f = Frame::new("tresor/name/v1");
        f.bytes(&self.vault_id)
            .bytes(&self.env_id)
            .i64(self.epoch)
            .bytes(secret_id);
        f.into_vec()
    }

    pub fn seal_name(&self, secret_id: &Id, name: &str) -> Result<Vec<u8>> {
        crypto::seal(&self.value, &self.name_aad(secret_id), name.as_bytes())
    }

    pub fn open_name(&self, s: &SecretRow) -> Result<String> {
        let plain = crypto::open(&self.value, &self.name_aad(&s.id), &s.name_ct)
            .ok_or_else(|| integrity("a secret's name does not decrypt"))?;
        String::from_utf8(plain.to_vec()).map_err(|_| integrity("a secret's name is not UTF-8"))
    }

    pub fn secret_mac(&self, s: &SecretRow) -> Mac {
        let mut f = Frame::new("tresor/secret/v1");
        f.bytes(&self.vault_id)
            .bytes(&s.id)
            .bytes(&s.env_id)
            .bytes(&s.name_tag)
            .bytes(&s.name_ct)
            .i64(s.created)
            .i64(s.latest)
            .i64(s.count)
            .bytes(&s.summary)
            .bytes(&s.latest_mac)
            .opt_i64(s.due_at);
        self.row_mac.mac(f.finish())
    }

    /// Everything about a version that is stored in clear, as one frame: the AAD of its value
    /// and metadata, so that editing any of it makes both fail to open.
    fn version_aad(&self, tag: &str, v: &VersionRow) -> Vec<u8> {
        let mut f = Frame::new(tag);
        f.bytes(&self.vault_id)
            .bytes(&self.env_id)
            .i64(self.epoch)
            .bytes(&v.secret_id)
            .i64(v.version)
            .i64(v.created)
            .i64(v.origin)
            .i64(v.state as i64)
            .opt_i64(v.expires_at)
            .opt_i64(v.rotate_at)
            .opt_i64(v.grace_until);
        f.into_vec()
    }

    /// Seals value and metadata into `v` (whose clear columns must be final) and sets its MAC.
    /// The value's plaintext is `name ‖ NUL ‖ value` (neither holds a NUL), so that reading
    /// an environment's values needs one decryption per secret, not two.
    pub fn seal_version(
        &self,
        v: &mut VersionRow,
        name: &str,
        value: &[u8],
        meta: &[u8],
    ) -> Result<()> {
        let mut plain = Zeroizing::new(Vec::with_capacity(name.len() + 1 + value.len()));
        plain.extend_from_slice(name.as_bytes());
        plain.push(0);
        plain.extend_from_slice(value);
        v.value = crypto::seal(&self.value, &self.version_aad("tresor/value/v1", v), &plain)?;
        v.meta = crypto::seal(&self.value, &self.version_aad("tresor/meta/v1", v), meta)?;
        v.mac = self.version_mac(v);
        Ok(())
    }

    /// The secret's name and value from a version row.
    pub fn open_value(&self, v: &VersionRow) -> Result<(String, Zeroizing<Vec<u8>>)> {
        let plain = crypto::open(
            &self.value,
            &self.version_aad("tresor/value/v1", v),
            &v.value,
        )
        .ok_or_else(|| {
            integrity("a stored value does not decrypt: its row was altered or moved")
        })?;
        let nul = plain
            .iter()
            .position(|b| *b == 0)
            .ok_or_else(|| integrity("a stored value is malformed"))?;
        let name = std::str::from_utf8(&plain[..nul])
            .map_err(|_| integrity("a stored value is malformed"))?
            .to_string();
        Ok((name, Zeroizing::new(plain[nul + 1..].to_vec())))
    }

    pub fn open_meta(&self, v: &VersionRow) -> Result<Zeroizing<Vec<u8>>> {
        crypto::open(&self.value, &self.version_aad("tresor/meta/v1", v), &v.meta).ok_or_else(
            || integrity("a version's metadata does not decrypt: its row was altered or moved"),
        )
    }

    pub fn version_mac(&self, v: &VersionRow) -> Mac {
        let mut f = Frame::new("tresor/version/v1");
        f.bytes(&self.version_aad("tresor/version-columns/v1", v))
            .bytes(&v.value)
            .bytes(&v.meta);
        self.row_mac.mac(f.finish())
    }
}

fn integrity(msg: impl Into<String>) -> Error {
    Error::integrity(msg.into()).with_hint("the vault file was altered; restore it from a backup")
}
