//! Opening the vault's keys from its slots with what the user gave: full-access slots are tried
//! before grants; a passphrase opens the passphrase slot (the one `Outside` allows). The command
//! layer turns its key sources (flags, variables, agent, prompt) into [`Credentials`]; nothing
//! here reads a flag or the terminal.

use zeroize::Zeroizing;

use super::Via;
use super::keys;
use super::outside::Outside;
use super::store::{Id, SlotRow};
use crate::crypto::Key;
use crate::error::{Error, Result};

/// What the user gave to open the vault.
pub enum Credentials<'a> {
    /// A session agent's keys: the root key (and protected environments' keys), or, for a
    /// scoped agent (`unlock -e`), some environments' keys only.
    Agent {
        key: Option<&'a Key>,
        vault_id: &'a Id,
        via: &'a str,
        protected: &'a [(Id, i64, Key)],
    },
    /// age identities, from `from`. With `passphrase`, an identity that opens no slot is not an
    /// error: it may be a protected environment's second factor, and the passphrase this
    /// returns (read once, or asked) opens the vault.
    Identities {
        from: &'a str,
        identities: &'a [Box<dyn age::Identity>],
        passphrase: Option<&'a dyn LatePassphrase>,
    },
    Passphrase(&'a Zeroizing<String>),
}

impl Credentials<'_> {
    /// How the unlock was attempted, for the audit log of a failure.
    pub fn describe(&self) -> String {
        match self {
            Credentials::Agent { via, .. } => via.to_string(),
            Credentials::Identities { from, .. } => format!("identity from {from}"),
            Credentials::Passphrase(_) => "passphrase".into(),
        }
    }
}

/// A passphrase read only when an identity opened no slot (then once per command).
pub trait LatePassphrase {
    fn late_passphrase(&self) -> Result<Option<&Zeroizing<String>>>;
}

/// What an unlock opened.
pub enum Unlocked {
    /// The root key, and the passphrase factor when the passphrase was used.
    Root(Key, Option<Key>),
    /// One environment's key, read-only.
    Grant(keys::GrantKey),
    /// Some environments' keys from a scoped session agent: read-only.
    Scoped(Vec<(Id, i64, Key)>),
}

/// Opens the keys the credentials reach. Errors are exit 3 (wrong passphrase, identity without
/// a slot, expired grant), or exit 4 when `outside` refuses the passphrase slots before any KDF.
pub fn open_slots(
    vault_id: &Id,
    slots: &[SlotRow],
    creds: &Credentials<'_>,
    now: i64,
    outside: &dyn Outside,
) -> Result<(Unlocked, Via)> {
    match creds {
        Credentials::Agent {
            key,
            vault_id: id,
            via,
            protected,
        } => {
            if *id != vault_id {
                return Err(Error::unlock(
                    "the session agent holds the key of another vault",
                ));
            }
            match key {
                Some(key) => Ok((Unlocked::Root((*key).clone(), None), Via(via.to_string()))),
                None => Ok((Unlocked::Scoped(protected.to_vec()), Via(via.to_string()))),
            }
        }
        Credentials::Identities {
            from,
            identities,
            passphrase,
        } => {
            if let Some(u) = with_identities(vault_id, slots, identities, now)? {
                return Ok(u);
            }
            let Some(passphrase) = passphrase else {
                return Err(no_slot_for(from, false));
            };
            match passphrase.late_passphrase()? {
                Some(p) => with_passphrase(vault_id, slots, p, outside),
                None => Err(no_slot_for(from, true)),
            }
        }
        Credentials::Passphrase(p) => with_passphrase(vault_id, slots, p, outside),
    }
}

/// The error of an identity that opens no slot; `combinable` when a passphrase could have been
/// given besides it (and was not).
fn no_slot_for(from: &str, combinable: bool) -> Error {
    let e = Error::unlock(format!(
        "the identity from {from} holds no key for this vault"
    ));
    if combinable {
        e.with_hint("use the identity whose recipient was given to `tresor init --recipient` or `tresor access grant`, or give the passphrase too (an identity that protects an environment is its second factor, not a key to the vault)")
    } else {
        e.with_hint("use the identity whose recipient was given to `tresor init --recipient` or `tresor access grant`, or the passphrase")
    }
}

/// The root key or a grant from the first slot `identities` open; `None` when they open none.
fn with_identities(
    vault_id: &Id,
    slots: &[SlotRow],
    identities: &[Box<dyn age::Identity>],
    now: i64,
) -> Result<Option<(Unlocked, Via)>> {
    for slot in slots.iter().filter(|s| s.kind == keys::SLOT_RECIPIENT) {
        if let Some(root) = keys::unwrap_from_recipient_slot(vault_id, slot, identities)? {
            return Ok(Some((
                Unlocked::Root(root, None),
                Via(format!("identity {}", slot.label)),
            )));
        }
    }
    for slot in slots.iter().filter(|s| s.kind == keys::SLOT_GRANT) {
        if let Some(grant) = keys::unwrap_grant_slot(vault_id, slot, identities)? {
            if let Some(t) = grant.expires_at.filter(|t| *t <= now) {
                return Err(Error::unlock(format!(
                    "the grant {:?} expired on {}",
                    grant.label,
                    crate::clock::rfc3339(t)
                ))
                .with_hint("ask the vault's owner for a new grant (`tresor access grant`)"));
            }
            let via = Via(format!("grant {}", grant.label));
            return Ok(Some((Unlocked::Grant(grant), via)));
        }
    }
    Ok(None)
}

/// The root key and the passphrase factor from the passphrase slot.
fn with_passphrase(
    vault_id: &Id,
    slots: &[SlotRow],
    p: &Zeroizing<String>,
    outside: &dyn Outside,
) -> Result<(Unlocked, Via)> {
    let Some(slot) = outside.passphrase_slot(vault_id, slots)? else {
        return Err(Error::unlock(
            "this vault has no passphrase; it opens with an age identity only",
        )
        .with_hint("pass --identity FILE or set TRESOR_IDENTITY_FILE"));
    };
    match keys::unwrap_with_passphrase(vault_id, slot, p.as_bytes())? {
        Some((root, pfactor)) => {
            outside.passphrase_slot_opened(vault_id, slot);
            Ok((
                Unlocked::Root(root, Some(pfactor)),
                Via("passphrase".into()),
            ))
        }
        None => Err(Error::unlock("wrong passphrase")),
    }
}
