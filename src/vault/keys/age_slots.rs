//! Slots sealed to age recipients: the framing every age-wrapped payload shares (tag, vault id, slot id, body), age encryption and decryption, and the full-access recipient slot.

use std::io::Read;

use zeroize::Zeroizing;

use super::super::store::{Id, SlotRow};
use super::*;
use crate::crypto::{self, Key};
use crate::error::{Error, Result};

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
pub(super) fn seal_slot_payload(
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
pub(super) fn open_slot_payload(
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
