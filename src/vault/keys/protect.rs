//! Protected environments' second factor: a random secret wrapped to an age recipient, and the wrap key derived from it and the passphrase factor.

use zeroize::Zeroizing;

use super::super::store::{Id, SlotRow};
use super::*;
use crate::crypto::{self, Key};
use crate::error::Result;

const PROTECT_PAYLOAD_TAG: &[u8] = b"tresor protect v1";

/// `slots.kind` of the second factor of a protected environment: a random secret wrapped to
/// an age recipient (a hardware key, typically).
pub const SLOT_PROTECT: SlotKind = SlotKind::Protect;

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
