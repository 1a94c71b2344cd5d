//! Bounds the Argon2id work one unlock can be made to do. A passphrase slot's cost parameters
//! come from the vault file, and the file is only authenticated (header MAC) after the unlock,
//! so whoever can write the file chooses how much memory and time the KDF takes before
//! anything is checked. doc/design.md's range (m ≤ 4 GiB, t ≤ 20) bounds one run; this module bounds
//! the rest:
//!
//! - tresor writes exactly one passphrase slot, so a vault with several is refused (exit 4)
//!   before any KDF runs, instead of running it once per forged slot;
//! - the slot id and parameters of the last passphrase slot that opened each vault are kept
//!   under `$XDG_STATE_HOME/tresor/kdf/`; tresor never changes the parameters of an existing
//!   slot (`passwd` writes a new slot, `rekey` keeps them), so the same slot with other
//!   parameters is refused (exit 4) before any KDF runs;
//! - parameters far above the defaults that this machine has not seen open are warned about on
//!   stderr before the (long) run, since they may come from an altered file.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::PathBuf;

use crate::crypto::KdfParams;
use crate::error::{Error, Result};
use crate::vault::keys;
use crate::vault::store::{Id, SlotRow};

/// Cost in MiB × passes above which parameters are "far above the defaults" (8 × 64 MiB × 3).
pub const WARN_ABOVE_COST: u64 = 8 * 64 * 3;

fn cost(p: &KdfParams) -> u64 {
    u64::from(p.memory_mib) * u64::from(p.iterations)
}

fn record_file(vault_id: &Id) -> Option<PathBuf> {
    let dir = crate::context::state_dir().ok()?;
    Some(dir.join("kdf").join(hex::encode(vault_id)))
}

/// The slot id and parameters recorded for this vault, if any.
fn recorded(vault_id: &Id) -> Option<(String, KdfParams)> {
    let text = fs::read_to_string(record_file(vault_id)?).ok()?;
    let mut f = text.split_whitespace();
    let slot = f.next()?.to_string();
    let mut n = || f.next()?.parse::<u32>().ok();
    let params = KdfParams {
        memory_mib: n()?,
        iterations: n()?,
        parallelism: n()?,
    };
    Some((slot, params))
}

fn describe(p: &KdfParams) -> String {
    format!(
        "m = {} MiB, t = {}, p = {}",
        p.memory_mib, p.iterations, p.parallelism
    )
}

/// The passphrase slot to try, checked before any KDF runs: `None` when the vault has none.
/// More than one, or a slot whose parameters changed since it last opened here, is exit 4;
/// parameters far above the defaults that were never seen here get a warning.
pub fn slot_to_try<'a>(vault_id: &Id, slots: &'a [SlotRow]) -> Result<Option<&'a SlotRow>> {
    let pass: Vec<&SlotRow> = slots
        .iter()
        .filter(|s| s.kind == keys::SLOT_PASSPHRASE)
        .collect();
    let slot = match pass.as_slice() {
        [] => return Ok(None),
        [one] => *one,
        many => {
            return Err(Error::integrity(format!(
                "the vault file has {} passphrase slots, and tresor writes one: too many passphrase slots, none was tried",
                many.len()
            ))
            .with_hint("the others were added to the file, perhaps to make every unlock run the key derivation many times; restore the vault from a backup"));
        }
    };
    let (_, params) = keys::decode_kdf(slot.kdf.as_deref().unwrap_or_default())?;
    if params.check().is_err() {
        // Out of doc/design.md's range: the unwrap refuses it before allocating anything.
        return Ok(Some(slot));
    }
    let seen = recorded(vault_id);
    let id = hex::encode(slot.id);
    match &seen {
        Some((seen_id, seen_params)) if *seen_id == id && seen_params != &params => {
            return Err(Error::integrity(format!(
                "the passphrase slot's cost parameters changed since it last opened on this machine ({} then, {} now); tresor never changes them in place",
                describe(seen_params),
                describe(&params)
            ))
            .with_hint("the vault file was altered; restore it from a backup"));
        }
        Some((seen_id, _)) if *seen_id == id => {}
        _ if cost(&params) > WARN_ABOVE_COST => {
            let d = KdfParams::DEFAULT;
            crate::ui::to_stderr(&format!(
                "warning: the passphrase slot asks for Argon2id with {}, far above the defaults (m = {} MiB, t = {}): this unlock will take long; if you did not choose these (`init --kdf-memory/--kdf-iterations`), the vault file may have been altered\n",
                describe(&params),
                d.memory_mib,
                d.iterations
            ));
        }
        _ => {}
    }
    Ok(Some(slot))
}

/// Records `slot` as the passphrase slot that last opened this vault here (best effort: a
/// missing record only means the next unlock cannot compare).
pub fn record(vault_id: &Id, slot: &SlotRow) {
    let Some(path) = record_file(vault_id) else {
        return;
    };
    let Ok((_, params)) = keys::decode_kdf(slot.kdf.as_deref().unwrap_or_default()) else {
        return;
    };
    let id = hex::encode(slot.id);
    if recorded(vault_id).is_some_and(|(s, p)| s == id && p == params) {
        return;
    }
    let Some(dir) = path.parent() else {
        return;
    };
    if fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .is_err()
    {
        return;
    }
    let tmp = dir.join(format!(".{}.{}", hex::encode(vault_id), std::process::id()));
    let text = format!(
        "{id} {} {} {}\n",
        params.memory_mib, params.iterations, params.parallelism
    );
    let written = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&tmp)
        .and_then(|mut f| f.write_all(text.as_bytes()));
    if written.is_err() || fs::rename(&tmp, &path).is_err() {
        let _ = fs::remove_file(&tmp);
    }
}

/// Records the passphrase slot of `slots`, if there is one (after `init` and `passwd`, which
/// write a new one).
pub fn record_passphrase_slot(vault_id: &Id, slots: &[SlotRow]) {
    if let Some(s) = slots.iter().find(|s| s.kind == keys::SLOT_PASSPHRASE) {
        record(vault_id, s);
    }
}
