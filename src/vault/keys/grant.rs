//! Read-only grants: one environment's key, its epoch and expiry, sealed to a grant holder's recipient.

use zeroize::Zeroizing;

use super::super::store::{Id, SlotRow};
use super::*;
use crate::crypto::Key;
use crate::error::Result;

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
