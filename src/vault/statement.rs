//! Owner-signed environment statements (vault format 3): what a read-only grant holder checks
//! before it believes anything in the file.
//!
//! A grant holder has one environment's key and nothing of the root key, so it cannot check
//! the root-keyed environment row or header. And its grant slot is plain age to a public
//! recipient: a keyless attacker can re-encrypt it with an environment key of their own and
//! forge every row of that environment. So on every write to an environment the owner signs,
//! with the vault's Ed25519 key (derived from the root key; the "vault key" users pin), a
//! statement of it: vault id, environment id and name, key epoch, count and set digest of its
//! secrets, the vault generation of the write, every grant's expiry, and a hash of the
//! environment key. The grant holder checks the signature against its pinned vault key, that
//! the key it was given is the one the owner signed, its own grant's signed expiry, and keeps
//! the generation for rollback detection.

use ed25519_dalek::Signer;
use sha2::{Digest, Sha256};

use super::keys::SLOT_GRANT;
use super::store::{EnvRow, Id, Mac, SlotRow, StatementRow};
use crate::crypto::{Frame, Key};

/// The hash of an environment key that a statement carries (the key itself is random and
/// 256 bits long, so its hash reveals nothing).
pub fn key_hash(vault_id: &Id, env_id: &Id, epoch: i64, key: &Key) -> Mac {
    let mut f = Frame::new("tresor/env-key-hash/v3");
    f.bytes(vault_id)
        .bytes(env_id)
        .i64(epoch)
        .bytes(key.expose());
    Sha256::digest(f.finish()).into()
}

/// The grants of environment `env_id` as a statement lists them: (slot id ‖ expiry, or
/// `i64::MIN` for none) in slot-id order.
pub fn encode_grants(slots: &[SlotRow], env_id: &Id) -> Vec<u8> {
    let mut grants: Vec<(Id, i64)> = slots
        .iter()
        .filter(|s| s.kind == SLOT_GRANT && s.env_id.as_ref() == Some(env_id))
        .map(|s| (s.id, s.expires_at.unwrap_or(i64::MIN)))
        .collect();
    grants.sort_unstable();
    let mut out = Vec::with_capacity(grants.len() * 24);
    for (id, exp) in grants {
        out.extend_from_slice(&id);
        out.extend_from_slice(&exp.to_be_bytes());
    }
    out
}

/// What the statement says of grant `slot_id`: `None` when it does not list it, else its
/// expiry.
pub fn grant_expiry(grants: &[u8], slot_id: &Id) -> Option<Option<i64>> {
    grants.chunks_exact(24).find_map(|c| {
        (&c[..16] == slot_id).then(|| {
            let exp = i64::from_be_bytes(c[16..].try_into().expect("8 bytes"));
            (exp != i64::MIN).then_some(exp)
        })
    })
}

/// The signed message: the environment row's clear fields and the statement's own.
fn message(vault_id: &Id, env: &EnvRow, st: &StatementRow) -> Vec<u8> {
    let mut f = Frame::new("tresor/env-statement/v3");
    f.bytes(vault_id)
        .bytes(&env.id)
        .bytes(env.name.as_bytes())
        .i64(env.epoch)
        .i64(env.count)
        .bytes(&env.summary)
        .i64(st.generation)
        .bytes(&st.grants)
        .bytes(&st.key_hash)
        .bytes(&st.signer);
    f.into_vec()
}

/// Signs the statement of `env` as it is now.
pub fn sign(
    signing: &ed25519_dalek::SigningKey,
    vault_id: &Id,
    env: &EnvRow,
    generation: i64,
    grants: Vec<u8>,
    key_hash: Mac,
) -> StatementRow {
    let mut st = StatementRow {
        env_id: env.id,
        generation,
        grants,
        key_hash,
        signer: signing.verifying_key().to_bytes(),
        signature: vec![],
    };
    st.signature = signing
        .sign(&message(vault_id, env, &st))
        .to_bytes()
        .to_vec();
    st
}

/// Whether `st` is a statement of `env` as it is in the file, signed by its signer.
pub fn verify(vault_id: &Id, env: &EnvRow, st: &StatementRow) -> bool {
    let Ok(signer) = ed25519_dalek::VerifyingKey::from_bytes(&st.signer) else {
        return false;
    };
    let Ok(sig) = <[u8; 64]>::try_from(st.signature.as_slice()) else {
        return false;
    };
    st.env_id == env.id
        && signer
            .verify_strict(
                &message(vault_id, env, st),
                &ed25519_dalek::Signature::from_bytes(&sig),
            )
            .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> EnvRow {
        EnvRow {
            id: [1; 16],
            name: "prod".into(),
            epoch: 2,
            wrapped_key: vec![],
            created: 0,
            count: 3,
            summary: [9; 32],
            mac: [0; 32],
        }
    }

    #[test]
    fn a_statement_verifies_until_anything_it_covers_changes() {
        let signing = ed25519_dalek::SigningKey::from_bytes(&[5; 32]);
        let vault = [7u8; 16];
        let st = sign(&signing, &vault, &env(), 11, vec![], [3; 32]);
        assert!(verify(&vault, &env(), &st));
        assert!(!verify(&[8; 16], &env(), &st));
        let mut e = env();
        e.count = 4;
        assert!(!verify(&vault, &e, &st));
        let mut e = env();
        e.summary[0] ^= 1;
        assert!(!verify(&vault, &e, &st));
        let mut e = env();
        e.epoch = 3;
        assert!(!verify(&vault, &e, &st));
        let mut older = st.clone();
        older.generation = 10;
        assert!(!verify(&vault, &env(), &older));
        let mut other_key = st.clone();
        other_key.key_hash[0] ^= 1;
        assert!(!verify(&vault, &env(), &other_key));
        // Re-signed by another key: verifies, but names that other signer.
        let forged = sign(
            &ed25519_dalek::SigningKey::from_bytes(&[6; 32]),
            &vault,
            &env(),
            11,
            vec![],
            [3; 32],
        );
        assert!(verify(&vault, &env(), &forged));
        assert_ne!(forged.signer, st.signer);
    }

    #[test]
    fn grants_are_listed_with_their_expiry() {
        let slot = |id: u8, exp: Option<i64>| SlotRow {
            id: [id; 16],
            kind: SLOT_GRANT,
            env_id: Some([1; 16]),
            label: String::new(),
            recipient: String::new(),
            kdf: None,
            wrapped: vec![],
            created: 0,
            expires_at: exp,
            mac: [0; 32],
        };
        let g = encode_grants(&[slot(4, Some(99)), slot(2, None)], &[1; 16]);
        assert_eq!(grant_expiry(&g, &[4; 16]), Some(Some(99)));
        assert_eq!(grant_expiry(&g, &[2; 16]), Some(None));
        assert_eq!(grant_expiry(&g, &[3; 16]), None);
        assert!(encode_grants(&[slot(4, None)], &[2; 16]).is_empty());
    }
}
