//! The Argon2id passphrase slot: the root key and the passphrase factor sealed under a key stretched from the passphrase, its salt and cost bound into the AAD.

use zeroize::Zeroizing;

use super::super::store::{Id, SlotRow};
use super::*;
use crate::crypto::{self, Frame, KdfParams, Key};
use crate::error::Result;

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
    f.into_vec()
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
