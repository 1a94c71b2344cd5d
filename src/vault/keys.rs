//! The key hierarchy of doc/design.md: slots that wrap the random root key (an Argon2id passphrase
//! slot, age recipient slots), the keys derived from the root key, the per-environment keys it
//! wraps, and the MACs and AADs that bind every stored row to its place in the vault.
//! All framing of authenticated data lives here so that it cannot drift between writer and
//! reader.

use std::io::Read;

use zeroize::Zeroizing;

use super::store::{EnvRow, HeaderRow, Id, Mac, SecretRow, SlotRow, VersionRow};
use crate::crypto::{self, Frame, KdfParams, Key};
use crate::error::{Error, Result};

/// `slots.kind`: what a slot wraps and how.
pub const SLOT_PASSPHRASE: i64 = 1;
pub const SLOT_RECIPIENT: i64 = 2;
/// A read-only grant: wraps one environment's key (not the root key) to an age recipient.
pub const SLOT_GRANT: i64 = 3;

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
            .i64(s.kind)
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
        f.finish().to_vec()
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
        f.finish().to_vec()
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
        f.finish().to_vec()
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
            .i64(v.state)
            .opt_i64(v.expires_at)
            .opt_i64(v.rotate_at)
            .opt_i64(v.grace_until);
        f.finish().to_vec()
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

// ----- passphrase slots -----

/// `slots.kdf` of a passphrase slot: salt (16) ‖ memory MiB ‖ iterations ‖ parallelism (u32 BE).
pub fn encode_kdf(salt: &[u8; 16], p: KdfParams) -> Vec<u8> {
    let mut v = salt.to_vec();
    v.extend_from_slice(&p.memory_mib.to_be_bytes());
    v.extend_from_slice(&p.iterations.to_be_bytes());
    v.extend_from_slice(&p.parallelism.to_be_bytes());
    v
}

pub fn decode_kdf(b: &[u8]) -> Result<([u8; 16], KdfParams)> {
    if b.len() != 28 {
        return Err(integrity("a passphrase slot's parameters are damaged"));
    }
    let u = |i: usize| u32::from_be_bytes(b[i..i + 4].try_into().expect("4 bytes"));
    let salt: [u8; 16] = b[..16].try_into().expect("16 bytes");
    Ok((
        salt,
        KdfParams {
            memory_mib: u(16),
            iterations: u(20),
            parallelism: u(24),
        },
    ))
}

/// The AAD of a passphrase slot binds the vault, the slot and the KDF parameters, so lowering
/// the parameters in the file makes the slot fail to open.
fn passphrase_aad(vault_id: &Id, slot_id: &Id, kdf: &[u8]) -> Vec<u8> {
    let mut f = Frame::new("tresor/slot/passphrase/v1");
    f.bytes(vault_id).bytes(slot_id).bytes(kdf);
    f.finish().to_vec()
}

pub fn wrap_with_passphrase(
    vault_id: &Id,
    slot_id: &Id,
    passphrase: &[u8],
    params: KdfParams,
    root: &Key,
    pfactor: &Key,
) -> Result<(Vec<u8>, Vec<u8>)> {
    let salt: [u8; 16] = crypto::random_bytes()?;
    let kdf = encode_kdf(&salt, params);
    let kek = crypto::argon2id(passphrase, &salt, params)?;
    // The slot holds the root key and the passphrase factor: a random key that only a
    // passphrase unlock yields, which protected environments need besides an identity.
    let mut plain = Zeroizing::new(Vec::with_capacity(64));
    plain.extend_from_slice(root.expose());
    plain.extend_from_slice(pfactor.expose());
    let wrapped = crypto::seal(&kek, &passphrase_aad(vault_id, slot_id, &kdf), &plain)?;
    Ok((kdf, wrapped))
}

/// `Ok(None)` when the passphrase is wrong (or the slot was altered: the two cannot be told
/// apart, by design).
pub fn unwrap_with_passphrase(
    vault_id: &Id,
    slot: &SlotRow,
    passphrase: &[u8],
) -> Result<Option<(Key, Key)>> {
    let kdf = slot
        .kdf
        .as_deref()
        .ok_or_else(|| integrity("a passphrase slot has no parameters"))?;
    let (salt, params) = decode_kdf(kdf)?;
    params.check().map_err(|e| {
        integrity(format!(
            "a passphrase slot has parameters out of range: {}",
            e.message
        ))
    })?;
    let kek = crypto::argon2id(passphrase, &salt, params)?;
    let Some(plain) = crypto::open(
        &kek,
        &passphrase_aad(vault_id, &slot.id, kdf),
        &slot.wrapped,
    ) else {
        return Ok(None);
    };
    match (
        Key::from_slice(plain.get(..32).unwrap_or_default()),
        Key::from_slice(plain.get(32..).unwrap_or_default()),
    ) {
        (Some(root), Some(pfactor)) => Ok(Some((root, pfactor))),
        _ => Err(integrity("a passphrase slot is damaged")),
    }
}

// ----- protected environments -----

const PROTECT_PAYLOAD_TAG: &[u8] = b"tresor protect v1";

/// `slots.kind` of the second factor of a protected environment: a random secret wrapped to
/// an age recipient (a hardware key, typically).
pub const SLOT_PROTECT: i64 = 4;

/// Wraps a protected environment's second-factor secret to `recipient`.
pub fn wrap_protect_secret(
    vault_id: &Id,
    slot_id: &Id,
    env_id: &Id,
    recipient: &dyn age::Recipient,
    secret: &Key,
) -> Result<Vec<u8>> {
    let mut body = Zeroizing::new(Vec::with_capacity(48));
    body.extend_from_slice(env_id);
    body.extend_from_slice(secret.expose());
    seal_slot_payload(PROTECT_PAYLOAD_TAG, vault_id, slot_id, &body, recipient)
}

pub fn unwrap_protect_secret(
    vault_id: &Id,
    slot: &SlotRow,
    identities: &[Box<dyn age::Identity>],
) -> Result<Option<Key>> {
    let Some(b) = open_slot_payload(PROTECT_PAYLOAD_TAG, vault_id, slot, identities, 48)? else {
        return Ok(None);
    };
    if slot.env_id.is_none_or(|e| !crypto::ct_eq(&b[..16], &e)) {
        return Err(integrity(
            "a protection slot belongs to another environment",
        ));
    }
    Ok(Key::from_slice(&b[16..]))
}

/// The key that seals a protected environment's key: derived from both factors, so that
/// neither the passphrase factor nor the recipient's secret alone can open it.
pub fn protected_wrap_key(pfactor: &Key, secret: &Key, vault_id: &Id, env_id: &Id) -> Key {
    let mut ikm = Zeroizing::new(Vec::with_capacity(64));
    ikm.extend_from_slice(pfactor.expose());
    ikm.extend_from_slice(secret.expose());
    let combined = Key::from_slice(&crypto::hkdf_concat(&ikm)).expect("32 bytes");
    let mut salt = vault_id.to_vec();
    salt.extend_from_slice(env_id);
    combined.derive(&salt, b"tresor protected environment key v1")
}

// ----- age recipient slots -----

/// Encrypts the root key to an age recipient. The payload names the vault and slot so that a
/// slot copied from another vault, or moved to another row, is refused.
pub fn wrap_to_recipient(
    vault_id: &Id,
    slot_id: &Id,
    recipient: &dyn age::Recipient,
    root: &Key,
) -> Result<Vec<u8>> {
    seal_slot_payload(
        ROOT_PAYLOAD_TAG,
        vault_id,
        slot_id,
        root.expose(),
        recipient,
    )
}

/// Encrypts `tag ‖ vault id ‖ slot id ‖ body` to `recipient`. Naming the vault and slot in the
/// payload makes a slot copied from another vault, or moved to another row, fail to open.
fn seal_slot_payload(
    tag: &[u8],
    vault_id: &Id,
    slot_id: &Id,
    body: &[u8],
    recipient: &dyn age::Recipient,
) -> Result<Vec<u8>> {
    let mut p = Zeroizing::new(Vec::with_capacity(tag.len() + 32 + body.len()));
    p.extend_from_slice(tag);
    p.extend_from_slice(vault_id);
    p.extend_from_slice(slot_id);
    p.extend_from_slice(body);
    age_encrypt(recipient, &p)
}

/// The body of `slot`'s payload (`body_len` bytes) if one of `identities` opens it; an
/// integrity failure if it names another vault or slot.
fn open_slot_payload(
    tag: &[u8],
    vault_id: &Id,
    slot: &SlotRow,
    identities: &[Box<dyn age::Identity>],
    body_len: usize,
) -> Result<Option<Zeroizing<Vec<u8>>>> {
    let Some(p) = age_decrypt(identities, &slot.wrapped)? else {
        return Ok(None);
    };
    let h = tag.len();
    if p.len() != h + 32 + body_len
        || &p[..h] != tag
        || !crypto::ct_eq(&p[h..h + 16], vault_id)
        || !crypto::ct_eq(&p[h + 16..h + 32], &slot.id)
    {
        return Err(integrity("a key slot belongs to another vault or slot"));
    }
    Ok(Some(Zeroizing::new(p[h + 32..].to_vec())))
}

pub fn age_encrypt(recipient: &dyn age::Recipient, payload: &[u8]) -> Result<Vec<u8>> {
    let enc = age::Encryptor::with_recipients(std::iter::once(recipient))
        .map_err(|e| Error::general(format!("age encryption: {e}")))?;
    let mut out = vec![];
    let mut w = enc
        .wrap_output(&mut out)
        .map_err(|e| Error::general(format!("age encryption: {e}")))?;
    std::io::Write::write_all(&mut w, payload)
        .map_err(|e| Error::general(format!("age encryption: {e}")))?;
    w.finish()
        .map_err(|e| Error::general(format!("age encryption: {e}")))?;
    Ok(out)
}

/// Decrypts an age file with any of `identities`. `Ok(None)` when none of them matches.
pub fn age_decrypt(
    identities: &[Box<dyn age::Identity>],
    data: &[u8],
) -> Result<Option<Zeroizing<Vec<u8>>>> {
    let dec = match age::Decryptor::new_buffered(data) {
        Ok(d) => d,
        Err(_) => return Ok(None),
    };
    match dec.decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity)) {
        Ok(mut r) => {
            let mut out = Zeroizing::new(vec![]);
            r.read_to_end(&mut out)
                .map_err(|_| integrity("an age-wrapped slot is damaged"))?;
            Ok(Some(out))
        }
        Err(age::DecryptError::NoMatchingKeys) => Ok(None),
        Err(age::DecryptError::KeyDecryptionFailed) => Ok(None),
        Err(e) => Err(Error::unlock(format!("the identity could not be used: {e}")).with_hint(
            "a hardware key's plugin may need a terminal to ask for its PIN or a touch: run the command on one",
        )),
    }
}

pub fn unwrap_from_recipient_slot(
    vault_id: &Id,
    slot: &SlotRow,
    identities: &[Box<dyn age::Identity>],
) -> Result<Option<Key>> {
    Ok(
        open_slot_payload(ROOT_PAYLOAD_TAG, vault_id, slot, identities, 32)?
            .and_then(|b| Key::from_slice(&b)),
    )
}

// ----- read-only grants -----

const GRANT_PAYLOAD_TAG: &[u8] = b"tresor grant v1";

/// One environment's key as a grant holder receives it.
pub struct GrantKey {
    pub label: String,
    /// The grant's slot, as the environment's signed statement lists it.
    pub slot_id: Id,
    pub env_id: Id,
    pub epoch: i64,
    pub expires_at: Option<i64>,
    pub key: Key,
}

/// Encrypts one environment's key to a grant's recipient. The payload names the vault, slot,
/// environment, key epoch and expiry.
pub fn wrap_grant(
    vault_id: &Id,
    slot_id: &Id,
    recipient: &dyn age::Recipient,
    env_id: &Id,
    epoch: i64,
    expires_at: Option<i64>,
    env_key: &Key,
) -> Result<Vec<u8>> {
    let mut body = Zeroizing::new(Vec::with_capacity(64));
    body.extend_from_slice(env_id);
    body.extend_from_slice(&epoch.to_be_bytes());
    body.extend_from_slice(&expires_at.unwrap_or(i64::MIN).to_be_bytes());
    body.extend_from_slice(env_key.expose());
    seal_slot_payload(GRANT_PAYLOAD_TAG, vault_id, slot_id, &body, recipient)
}

pub fn unwrap_grant_slot(
    vault_id: &Id,
    slot: &SlotRow,
    identities: &[Box<dyn age::Identity>],
) -> Result<Option<GrantKey>> {
    let Some(b) = open_slot_payload(
        GRANT_PAYLOAD_TAG,
        vault_id,
        slot,
        identities,
        16 + 8 + 8 + 32,
    )?
    else {
        return Ok(None);
    };
    let env_id: Id = b[..16].try_into().expect("16 bytes");
    let epoch = i64::from_be_bytes(b[16..24].try_into().expect("8 bytes"));
    let exp = i64::from_be_bytes(b[24..32].try_into().expect("8 bytes"));
    let key = Key::from_slice(&b[32..]).ok_or_else(|| integrity("a grant slot is damaged"))?;
    Ok(Some(GrantKey {
        label: slot.label.clone(),
        slot_id: slot.id,
        env_id,
        epoch,
        expires_at: (exp != i64::MIN).then_some(exp),
        key,
    }))
}
