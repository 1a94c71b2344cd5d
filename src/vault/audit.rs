//! The tamper-evident audit log (doc/design.md "Audit events are chained").
//!
//! Three kinds of rows share the `audit` table:
//! - chain 0, the owner's chain: bodies sealed and MACs chained under keys derived from the
//!   root key, `mac_i = HMAC(audit key, event_i ‖ mac_{i-1})`; the last sequence number and
//!   MAC are in the header, whose own MAC covers them, so a truncated tail is seen;
//! - chain 1, events of reads through a read-only grant: written without the owner's keys,
//!   sealed and chained per environment under that environment's key;
//! - chain 2, failed unlocks: written with no key at all, in clear (no value, no name).
//!
//! The owner's next command folds chains 1 and 2 into chain 0, each event marked with its
//! origin (`grant`, `grant-unverified`, `unauthenticated`), and deletes them; from then on they
//! are as tamper-evident as the rest.

use super::keys::EnvKeys;
use super::store::{AuditRow, Id};
use super::{Access, Vault, integrity};
use crate::audit::Event;
use crate::crypto::{self, Frame, Key};
use crate::error::{Error, Result};

pub const CHAIN_OWNER: i64 = 0;
pub const CHAIN_GRANT: i64 = 1;
pub const CHAIN_UNAUTHENTICATED: i64 = 2;

/// An event as `audit` shows it.
pub struct AuditEntry {
    pub seq: i64,
    pub time: i64,
    pub event: Event,
    /// Not yet folded into the owner's chain.
    pub pending: bool,
}

/// The action of the event `rekey` adds when it re-seals a log that did not verify: the new
/// chain verifies, and this event keeps the break on record (see `audit_for_reseal`).
pub const ACTION_BROKEN: &str = "audit-broken"; // Action::AuditBroken.as_str()

/// What `audit verify` found.
pub struct AuditReport {
    pub events: i64,
    pub pending_grant: usize,
    pub pending_unauthenticated: usize,
    /// Breaks found when the log was re-sealed (by `rekey`): (seq, time, detail).
    pub recorded_breaks: Vec<(i64, i64, String)>,
}

fn body_aad(vault_id: &Id, chain: i64, env_id: Option<&Id>, seq: i64, time: i64) -> Vec<u8> {
    let mut f = Frame::new("tresor/audit-body/v1");
    f.bytes(vault_id)
        .i64(chain)
        .bytes(env_id.map(|e| &e[..]).unwrap_or(b""))
        .i64(seq)
        .i64(time);
    f.into_vec()
}

fn chain_mac(key: &Key, vault_id: &Id, row: &AuditRow, prev: &[u8]) -> [u8; 32] {
    let mut f = Frame::new("tresor/audit/v1");
    f.bytes(vault_id)
        .i64(row.chain)
        .bytes(row.env_id.as_ref().map(|e| &e[..]).unwrap_or(b""))
        .i64(row.seq)
        .i64(row.time)
        .bytes(&row.body)
        .bytes(prev);
    key.mac(f.finish())
}

/// The keys of a grant holder's chain for one environment.
fn grant_keys(ek: &EnvKeys) -> (Key, Key) {
    (
        ek.derive("tresor grant audit mac v1"),
        ek.derive("tresor grant audit body v1"),
    )
}

impl Vault {
    /// Queues an event; it is written by `commit`, before the command's result leaves the
    /// process.
    pub fn event(&mut self, mut e: Event) {
        e.via = self.via.0.clone();
        self.pending_events.push(e);
    }

    /// Writes the queued events: for a full unlock into the owner's chain (taking the write
    /// lock if the command only read), for a grant into its environment's chain.
    pub(super) fn write_events(&mut self) -> Result<()> {
        if self.pending_events.is_empty() {
            return Ok(());
        }
        let read_only = !self.store.in_write_transaction();
        if read_only {
            // The command only read: its event is committed on its own, without an fsync of
            // the database (doc/design.md: survives a crash of the process, not a power cut).
            self.store.commit()?;
            self.store.relaxed_sync()?;
            self.store.keep_wal_on_close();
            self.store.begin(true)?;
        }
        match &self.access {
            Access::Full(_) => {
                if read_only {
                    // Another process may have written since our snapshot.
                    let header = self.store.header()?;
                    if !crypto::ct_eq(&self.root()?.header_mac(&header), &header.mac) {
                        return Err(integrity("the vault header does not verify"));
                    }
                    self.header = header;
                }
                self.adopt_pending()?;
                let events = std::mem::take(&mut self.pending_events);
                for e in events {
                    self.append_owner(&e)?;
                }
            }
            Access::Grant(_) | Access::Scoped(_) => {
                // Without the root key: each event goes into its environment's chain, under
                // that environment's key (a grant holds one; a scoped agent several).
                let held: Vec<Id> = match &self.access {
                    Access::Grant(g) => vec![g.env_id],
                    Access::Scoped(keys) => keys.iter().map(|k| k.0).collect(),
                    Access::Full(_) => unreachable!("matched above"),
                };
                let events = std::mem::take(&mut self.pending_events);
                for mut e in events {
                    let named = e.env.as_deref().and_then(|name| {
                        self.envs
                            .iter()
                            .find(|env| env.name == name && held.contains(&env.id))
                            .map(|env| env.id)
                    });
                    let Some(env_id) = named.or(held.first().copied()) else {
                        continue; // a scoped agent whose every key is stale: nothing was read
                    };
                    let i = self
                        .envs
                        .iter()
                        .position(|e| e.id == env_id)
                        .ok_or_else(|| {
                            integrity("a grant names an environment that does not exist")
                        })?;
                    let (mac_key, body_key) = grant_keys(self.env_keys(i)?);
                    e.origin = crate::audit::EventOrigin::Grant;
                    let (seq, prev) = match self.store.last_audit(CHAIN_GRANT, Some(&env_id))? {
                        Some((s, m)) => (s + 1, m),
                        None => (1, vec![]),
                    };
                    self.append(
                        CHAIN_GRANT,
                        Some(env_id),
                        seq,
                        &e,
                        &mac_key,
                        &body_key,
                        &prev,
                    )?;
                }
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn append(
        &mut self,
        chain: i64,
        env_id: Option<Id>,
        seq: i64,
        e: &Event,
        mac_key: &Key,
        body_key: &Key,
        prev: &[u8],
    ) -> Result<[u8; 32]> {
        let body = zeroize::Zeroizing::new(
            serde_json::to_vec(e).map_err(|e| Error::general(format!("audit: {e}")))?,
        );
        let vault_id = self.header.vault_id;
        let mut row = AuditRow {
            id: 0,
            chain,
            env_id,
            seq,
            time: self.now,
            body: vec![],
            mac: vec![],
        };
        row.body = crypto::seal(
            body_key,
            &body_aad(&vault_id, chain, env_id.as_ref(), seq, self.now),
            &body,
        )?;
        let mac = chain_mac(mac_key, &vault_id, &row, prev);
        row.mac = mac.to_vec();
        self.store.append_audit(&row)?;
        Ok(mac)
    }

    pub(super) fn append_owner(&mut self, e: &Event) -> Result<()> {
        let (mac_key, body_key) = self.root()?.audit_keys();
        let seq = self.header.audit_seq + 1;
        let prev = self.header.audit_head;
        let prev = if seq == 1 { vec![] } else { prev.to_vec() };
        let mac = self.append(CHAIN_OWNER, None, seq, e, &mac_key, &body_key, &prev)?;
        self.header.audit_seq = seq;
        self.header.audit_head = mac;
        self.dirty = true;
        Ok(())
    }

    /// Folds grant and unauthenticated events into the owner's chain, marked by origin.
    pub(super) fn adopt_pending(&mut self) -> Result<()> {
        let rows: Vec<AuditRow> = self.store.pending_audit_rows()?;
        debug_assert!(rows.iter().all(|r| r.chain != CHAIN_OWNER));
        if rows.is_empty() {
            return Ok(());
        }
        let mut prev: std::collections::HashMap<Option<Id>, Vec<u8>> = Default::default();
        for r in rows {
            let event = match r.chain {
                CHAIN_GRANT => {
                    let ok_and_event = self.open_grant_row(
                        &r,
                        prev.get(&r.env_id).map(|v| v.as_slice()).unwrap_or(b""),
                    );
                    prev.insert(r.env_id, r.mac.clone());
                    match ok_and_event {
                        Some(mut e) => {
                            e.origin = crate::audit::EventOrigin::Grant;
                            e
                        }
                        None => {
                            let mut e = Event::named("unknown");
                            e.actor = "unknown".into();
                            e.via = "grant".into();
                            e.origin = crate::audit::EventOrigin::GrantUnverified;
                            e.detail = Some(
                                "an event written by a grant holder failed verification".into(),
                            );
                            e
                        }
                    }
                }
                _ => {
                    let mut e: Event =
                        serde_json::from_slice(&r.body).unwrap_or_else(|_| Event::named("unknown"));
                    e.origin = crate::audit::EventOrigin::Unauthenticated;
                    e
                }
            };
            let saved_now = self.now;
            self.now = r.time;
            let res = self.append_owner(&event);
            self.now = saved_now;
            res?;
            self.store.delete_audit(r.id)?;
        }
        Ok(())
    }

    /// A grant chain row's event, if its MAC (chained to `prev`) and body verify under the
    /// current key of its environment.
    fn open_grant_row(&mut self, r: &AuditRow, prev: &[u8]) -> Option<Event> {
        let env_id = r.env_id?;
        let i = self.envs.iter().position(|e| e.id == env_id)?;
        let (mac_key, body_key) = grant_keys(self.env_keys(i).ok()?);
        let vault_id = self.header.vault_id;
        if !crypto::ct_eq(&chain_mac(&mac_key, &vault_id, r, prev), &r.mac) {
            return None;
        }
        let body = crypto::open(
            &body_key,
            &body_aad(&vault_id, r.chain, Some(&env_id), r.seq, r.time),
            &r.body,
        )?;
        serde_json::from_slice(&body).ok()
    }

    /// Walks the owner's chain and the header's record of its end. The first bad event is
    /// named in the error (exit 4).
    pub fn audit_verify(&mut self) -> Result<AuditReport> {
        let (mac_key, body_key) = self.root()?.audit_keys();
        let vault_id = self.header.vault_id;
        let rows = self.store.audit_rows()?;
        let mut prev: Vec<u8> = vec![];
        let mut n = 0;
        let (mut grant, mut unauth) = (0, 0);
        let mut breaks = Vec::new();
        for r in &rows {
            match r.chain {
                CHAIN_OWNER => {}
                CHAIN_GRANT => {
                    grant += 1;
                    continue;
                }
                _ => {
                    unauth += 1;
                    continue;
                }
            }
            n += 1;
            let bad = |why: &str| {
                Error::integrity(format!("audit event {n} (stored as #{}): {why}", r.seq))
                    .with_hint("the audit log was edited; restore the vault from a backup to see the original")
            };
            if r.seq != n {
                return Err(bad(&format!(
                    "expected sequence number {n}: an event was removed, inserted or moved"
                )));
            }
            if !crypto::ct_eq(&chain_mac(&mac_key, &vault_id, r, &prev), &r.mac) {
                return Err(bad(
                    "its MAC does not verify: it was edited, moved or comes from another vault",
                ));
            }
            let Some(body) = crypto::open(
                &body_key,
                &body_aad(&vault_id, r.chain, None, r.seq, r.time),
                &r.body,
            ) else {
                return Err(bad("its content does not decrypt"));
            };
            if let Ok(e) = serde_json::from_slice::<Event>(&body) {
                if e.action == ACTION_BROKEN {
                    breaks.push((r.seq, r.time, e.detail.unwrap_or_default()));
                }
            }
            prev = r.mac.clone();
        }
        if n != self.header.audit_seq || (n > 0 && !crypto::ct_eq(&prev, &self.header.audit_head)) {
            return Err(Error::integrity(format!(
                "the audit log ends at event {n}, but the vault header records {}: events were removed from the end",
                self.header.audit_seq
            )));
        }
        Ok(AuditReport {
            events: n,
            pending_grant: grant,
            pending_unauthenticated: unauth,
            recorded_breaks: breaks,
        })
    }

    /// The owner's chain as `rekey` re-seals it: every event, oldest first (one that no longer
    /// decrypts is kept as a placeholder), and the first break `audit_verify` finds, if any.
    /// Re-sealing a broken log without saying so would make it verify cleanly afterwards, so
    /// the caller adds the break to the new chain as an `audit-broken` event.
    pub(super) fn audit_for_reseal(&mut self) -> Result<(Vec<AuditEntry>, Option<String>)> {
        let broken = match self.audit_verify() {
            Ok(_) => None,
            Err(e) if e.kind == crate::error::Kind::Integrity => Some(e.message),
            Err(e) => return Err(e),
        };
        let (_, body_key) = self.root()?.audit_keys();
        let vault_id = self.header.vault_id;
        let mut out = Vec::new();
        for r in self.store.audit_rows()? {
            if r.chain != CHAIN_OWNER {
                continue;
            }
            let event = crypto::open(
                &body_key,
                &body_aad(&vault_id, r.chain, None, r.seq, r.time),
                &r.body,
            )
            .and_then(|b| serde_json::from_slice::<Event>(&b).ok())
            .unwrap_or_else(|| {
                let mut e = Event::named("unreadable");
                e.actor = "unknown".into();
                e.detail = Some(format!(
                    "an event stored as #{} that did not decrypt when the log was re-sealed",
                    r.seq
                ));
                e
            });
            out.push(AuditEntry {
                seq: r.seq,
                time: r.time,
                event,
                pending: false,
            });
        }
        Ok((out, broken))
    }

    /// Every event, oldest first (owner chain, then events not yet folded in).
    pub fn audit_entries(&mut self) -> Result<Vec<AuditEntry>> {
        let (_, body_key) = self.root()?.audit_keys();
        let vault_id = self.header.vault_id;
        let rows = self.store.audit_rows()?;
        let mut out = Vec::with_capacity(rows.len());
        let mut pending = Vec::new();
        for r in rows {
            match r.chain {
                CHAIN_OWNER => {
                    let body = crypto::open(
                        &body_key,
                        &body_aad(&vault_id, r.chain, None, r.seq, r.time),
                        &r.body,
                    )
                    .ok_or_else(|| integrity(format!("audit event {} does not decrypt", r.seq)))?;
                    let event: Event = serde_json::from_slice(&body)
                        .map_err(|_| integrity("an audit event is malformed"))?;
                    out.push(AuditEntry {
                        seq: r.seq,
                        time: r.time,
                        event,
                        pending: false,
                    });
                }
                CHAIN_GRANT => {
                    let mut event = self
                        .open_grant_row(&r, b"")
                        .unwrap_or_else(|| Event::named("unknown"));
                    event.origin = crate::audit::EventOrigin::Grant;
                    pending.push(AuditEntry {
                        seq: 0,
                        time: r.time,
                        event,
                        pending: true,
                    });
                }
                _ => {
                    let mut event: Event =
                        serde_json::from_slice(&r.body).unwrap_or_else(|_| Event::named("unknown"));
                    event.origin = crate::audit::EventOrigin::Unauthenticated;
                    pending.push(AuditEntry {
                        seq: 0,
                        time: r.time,
                        event,
                        pending: true,
                    });
                }
            }
        }
        out.extend(pending);
        Ok(out)
    }
}

/// Records a failed unlock in clear (there is no key to do better), if the file is writable.
pub(super) fn record_failed_unlock(
    store: &mut super::store::Store,
    now: i64,
    via: &str,
    why: &str,
) {
    let mut e = Event::new(crate::audit::Action::UnlockFailed);
    e.via = via.to_string();
    e.detail = Some(why.to_string());
    e.origin = crate::audit::EventOrigin::Unauthenticated;
    let Ok(body) = serde_json::to_vec(&e) else {
        return;
    };
    let row = AuditRow {
        id: 0,
        chain: CHAIN_UNAUTHENTICATED,
        env_id: None,
        seq: 0,
        time: now,
        body,
        mac: vec![],
    };
    let _ = store.commit();
    if store.begin(true).is_ok() && store.append_audit(&row).is_ok() {
        let _ = store.commit();
    }
}

#[cfg(test)]
mod tests {
    //! The owner's chain below the command layer: events verify in order, and a removed,
    //! reordered or truncated event is an integrity failure.

    use super::super::unlock::Credentials;
    use super::super::{InitSpec, Vault};
    use crate::audit::{Action, Event};
    use crate::crypto::KdfParams;

    fn vault_with_events(
        dir: &std::path::Path,
        n: usize,
    ) -> (std::path::PathBuf, age::x25519::Identity) {
        let path = dir.join("vault.db");
        let identity = age::x25519::Identity::generate();
        let text = identity.to_public().to_string();
        let recipient = crate::recipient::ParsedRecipient {
            recipient: crate::recipient::parse_native(&text).unwrap(),
            label: "test".into(),
            text,
        };
        let envs = vec!["dev".to_string()];
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
        for i in 0..n {
            let mut v = Vault::open(&path, &creds, true, 2_000 + i as i64).unwrap();
            v.event(Event::new(Action::Status).detail(format!("event {i}")));
            v.commit().unwrap();
        }
        (path, identity)
    }

    fn verify(
        path: &std::path::Path,
        identity: &age::x25519::Identity,
    ) -> crate::error::Result<i64> {
        let ids: Vec<Box<dyn age::Identity>> = vec![Box::new(identity.clone())];
        let creds = Credentials::Identities {
            from: "test",
            identities: &ids,
            passphrase: None,
        };
        let mut v = Vault::open(path, &creds, false, 9_000)?;
        Ok(v.audit_verify()?.events)
    }

    #[test]
    fn the_chain_verifies_and_a_removed_event_breaks_it() {
        let dir = tempfile::tempdir().unwrap();
        let (path, id) = vault_with_events(dir.path(), 3);
        assert_eq!(verify(&path, &id).unwrap(), 4, "init and three events");
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute("DELETE FROM audit WHERE chain = 0 AND seq = 2", [])
            .unwrap();
        drop(conn);
        let e = verify(&path, &id).unwrap_err();
        assert_eq!(e.kind, crate::error::Kind::Integrity);
    }

    #[test]
    fn a_truncated_tail_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let (path, id) = vault_with_events(dir.path(), 2);
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute(
            "DELETE FROM audit WHERE chain = 0 AND seq = (SELECT max(seq) FROM audit WHERE chain = 0)",
            [],
        )
        .unwrap();
        drop(conn);
        let e = verify(&path, &id).unwrap_err();
        assert_eq!(e.kind, crate::error::Kind::Integrity);
    }
}
