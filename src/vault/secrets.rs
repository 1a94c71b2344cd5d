//! Secrets and their versions: finding, reading, writing, revoking and listing them, with the
//! checks that make every answer either right or an integrity error.
//!
//! Reading the latest version costs the secret row's MAC, the version row's MAC (which must
//! equal the `latest_mac` the secret row records) and one decryption. Older versions are read
//! only after the secret's full set of versions has been checked against its summary.

use std::collections::HashMap;

use zeroize::Zeroizing;

use super::digest;
use super::keys::EnvKeys;
use super::store::{Id, LatestRow, Mac, SecretRow, VersionRow};
use super::{
    NewVersion, Origin, Revealed, STATE_ACTIVE, STATE_REVOKED, SecretInfo, Vault, VersionInfo,
    VersionMeta, VersionState, integrity,
};
use crate::crypto::{self};
use crate::error::{Error, Result};

/// One version's value for `scan`: (name, version, history state, value).
pub type StoredValue = (String, i64, &'static str, Zeroizing<Vec<u8>>);

/// A value as `run` and `export` receive it.
pub struct ActiveValue {
    pub name: String,
    pub value: Zeroizing<Vec<u8>>,
    pub version: i64,
    pub state: VersionState,
    pub expires_at: Option<i64>,
}

impl ActiveValue {
    fn of(name: String, value: Zeroizing<Vec<u8>>, v: &VersionRow) -> ActiveValue {
        ActiveValue {
            name,
            value,
            version: v.version,
            state: v.state,
            expires_at: v.expires_at,
        }
    }
}

/// All of an environment's values at once: the latest version of every secret, and the
/// previous version of those still in a rotation grace period.
pub struct EnvValues {
    pub latest: Vec<ActiveValue>,
    pub previous: Vec<ActiveValue>,
}

impl Vault {
    /// A secret row's own MAC, and that it belongs to environment `i`.
    fn verify_secret_row(&mut self, i: usize, s: &SecretRow) -> Result<()> {
        let env_id = self.envs[i].id;
        let ek = self.env_keys(i)?;
        if s.env_id != env_id || !crypto::ct_eq(&ek.secret_mac(s), &s.mac) {
            return Err(integrity("a secret row does not verify"));
        }
        Ok(())
    }

    /// That a secret's version rows are exactly the set it records (count and digest of
    /// their MACs).
    fn verify_versions(&mut self, s: &SecretRow) -> Result<()> {
        let macs = self.store.version_macs(&s.id)?;
        self.check_version_set(s, macs)
    }

    /// That `macs` ((version, MAC), any order) are the versions secret `s` records.
    fn check_version_set(&self, s: &SecretRow, mut macs: Vec<(i64, Mac)>) -> Result<()> {
        macs.sort_unstable_by_key(|m| m.0);
        let unique = macs.windows(2).all(|w| w[0].0 != w[1].0);
        if !unique
            || macs.len() as i64 != s.count
            || !crypto::ct_eq(
                &digest::versions(&self.header.vault_id, &s.id, &macs),
                &s.summary,
            )
        {
            return Err(integrity(
                "a secret's versions are not the set last written (a version was deleted, added or replayed)",
            ));
        }
        Ok(())
    }

    /// A version row's MAC; the latest one must also be the version the secret row records.
    fn verify_version_row(ek: &EnvKeys, s: &SecretRow, v: &VersionRow) -> Result<()> {
        let mac = ek.version_mac(v);
        let latest_ok = v.version != s.latest || crypto::ct_eq(&mac, &s.latest_mac);
        if v.secret_id != s.id || !crypto::ct_eq(&mac, &v.mac) || !latest_ok {
            return Err(integrity("a version row does not verify"));
        }
        Ok(())
    }

    /// Verifies a version row and decrypts its metadata.
    pub(super) fn check_version(
        &mut self,
        i: usize,
        s: &SecretRow,
        v: &VersionRow,
    ) -> Result<VersionInfo> {
        let ek = self.env_keys(i)?;
        Self::verify_version_row(ek, s, v)?;
        let meta_bytes = ek.open_meta(v)?;
        let meta: VersionMeta = serde_json::from_slice(&meta_bytes)
            .map_err(|_| integrity("a version's metadata is malformed"))?;
        Ok(VersionInfo {
            version: v.version,
            created: v.created,
            origin: Origin::from_i64(v.origin)?,
            state: v.state,
            expires_at: v.expires_at,
            rotate_at: v.rotate_at,
            grace_until: v.grace_until,
            meta,
        })
    }

    /// Finds a secret by name, its row verified, and checked to be the row its bucket's digest
    /// covers (the environment's bucket digests checked against its row first). `Ok(None)`
    /// when there is none by that name. Only the secret's own bucket is read: the chain
    /// header → environment row → bucket digests → bucket members → secret row proves this row
    /// is the one last written, whatever the environment's size (doc/design.md, "What each
    /// command checks"); `list`, `run`, `export` and `audit verify` check the whole set.
    fn find(&mut self, i: usize, name: &str) -> Result<Option<SecretRow>> {
        self.load_buckets(i)?;
        let tag = self.env_keys(i)?.name_tag(name);
        let Some(s) = self.store.secret_by_tag(&self.envs[i].id, &tag)? else {
            return Ok(None);
        };
        self.verify_secret_row(i, &s)?;
        self.verify_member(i, &s.id, &s.mac)?;
        if self.env_keys(i)?.open_name(&s)? != name {
            return Err(integrity("a secret's name does not match its lookup tag"));
        }
        Ok(Some(s))
    }

    fn find_existing(&mut self, env: &str, name: &str) -> Result<(usize, SecretRow)> {
        let i = self.env_index(env)?;
        match self.find(i, name)? {
            Some(s) => Ok((i, s)),
            None => {
                // A lookup tag or index entry altered in the file would make a secret look
                // absent; before saying "not found", check the environment's rows in full.
                self.verify_env_rows(i, name)?;
                Err(
                    Error::general(format!("no secret {name} in environment {env}"))
                        .with_hint(format!("see what is there with `tresor list -e {env}`")),
                )
            }
        }
    }

    /// The slow check behind "not found": reads the environment's rows from the table (not an
    /// index), recomputes every MAC and confirms that none carries `name`'s tag.
    fn verify_env_rows(&mut self, i: usize, name: &str) -> Result<()> {
        let rows = self.store.secrets_in_unindexed(&self.envs[i].id)?;
        let ek = self.env_keys(i)?;
        let tag = ek.name_tag(name);
        if rows
            .iter()
            .any(|s| !crypto::ct_eq(&ek.secret_mac(s), &s.mac))
        {
            return Err(integrity("a secret row does not verify"));
        }
        let named = rows.iter().any(|s| crypto::ct_eq(&s.name_tag, &tag));
        self.verify_members(i, rows.into_iter().map(|s| (s.id, s.mac)).collect())?;
        if named {
            return Err(integrity("the vault's name index is damaged"));
        }
        Ok(())
    }

    /// How many versions `name` has in `env`, or `None` when there is no such secret: the
    /// lookup `set` makes (the secret's own bucket, not the whole environment), for commands
    /// that only ask whether a name is taken.
    pub fn version_count(&mut self, env: &str, name: &str) -> Result<Option<i64>> {
        let i = self.env_index(env)?;
        Ok(self.find(i, name)?.map(|s| s.count))
    }

    /// Reads a value: the latest version, or `version`.
    pub fn get(&mut self, env: &str, name: &str, version: Option<i64>) -> Result<Revealed> {
        let (i, s) = self.find_existing(env, name)?;
        let want = version.unwrap_or(s.latest);
        // One secret's versions are few: check them all, so a deleted or replayed old
        // version is reported even when the latest is asked for.
        self.verify_versions(&s)?;
        let Some(v) = self.store.version(&s.id, want)? else {
            if want != s.latest {
                return Err(Error::general(format!(
                    "{name} has no version {want} (versions 1 to {})",
                    s.latest
                )));
            }
            return Err(integrity("a secret's latest version is missing"));
        };
        let info = self.check_version(i, &s, &v)?;
        let (stored_name, value) = self.env_keys(i)?.open_value(&v)?;
        if stored_name != name {
            return Err(integrity("a stored value belongs to another name"));
        }
        Ok(Revealed { value, info })
    }

    /// Every version of a secret, oldest first, without values.
    pub fn history(&mut self, env: &str, name: &str) -> Result<Vec<VersionInfo>> {
        let (i, s) = self.find_existing(env, name)?;
        self.verify_versions(&s)?;
        let rows = self.store.versions(&s.id)?;
        rows.iter().map(|v| self.check_version(i, &s, v)).collect()
    }

    /// Stores a new version of `name` (creating the secret when it is new); returns its number.
    pub fn put(&mut self, env: &str, name: &str, value: &[u8], spec: NewVersion) -> Result<i64> {
        let i = self.env_index(env)?;
        let existing = self.find(i, name)?;
        let env_id = self.envs[i].id;
        let mut secret = match existing {
            Some(s) => {
                self.verify_versions(&s)?;
                self.touch_bucket(i, &s.id)?;
                s
            }
            None => {
                let id: Id = crypto::random_bytes()?;
                self.touch_bucket(i, &id)?;
                let ek = self.env_keys(i)?;
                SecretRow {
                    id,
                    env_id,
                    name_tag: ek.name_tag(name),
                    name_ct: ek.seal_name(&id, name)?,
                    created: self.now,
                    latest: 0,
                    count: 0,
                    summary: [0; 32],
                    latest_mac: [0; 32],
                    due_at: None,
                    mac: [0; 32],
                }
            }
        };
        let version = secret.latest + 1;
        let mut row = VersionRow {
            secret_id: secret.id,
            version,
            created: self.now,
            origin: spec.origin as i64,
            state: STATE_ACTIVE,
            expires_at: spec.expires_at,
            rotate_at: spec.rotate_at,
            grace_until: None,
            value: vec![],
            meta: vec![],
            mac: [0; 32],
        };
        let meta =
            serde_json::to_vec(&spec.meta).map_err(|e| Error::general(format!("metadata: {e}")))?;
        self.env_keys(i)?
            .seal_version(&mut row, name, value, &meta)?;
        // A grace period applies to the version being replaced, unless it is revoked.
        if let Some(grace) = spec.grace_until {
            if let Some(prev) = self
                .store
                .version(&secret.id, secret.latest)?
                .filter(|p| p.state != STATE_REVOKED)
            {
                let info = self.check_version(i, &secret, &prev)?;
                let (_, prev_value) = self.env_keys(i)?.open_value(&prev)?;
                let mut updated = prev.clone();
                updated.grace_until = Some(grace);
                self.reseal(i, updated, name, &prev_value, &info.meta)?;
            }
        }
        self.store.put_version(&row)?;
        secret.latest = version;
        self.save_secret(i, &mut secret)?;
        Ok(version)
    }

    /// Writes version row `new` (a version already stored, with other clear columns or
    /// metadata), re-sealing the value so its AAD matches. The caller re-digests the secret.
    fn reseal(
        &mut self,
        i: usize,
        mut new: VersionRow,
        name: &str,
        value: &[u8],
        meta: &VersionMeta,
    ) -> Result<()> {
        let meta =
            serde_json::to_vec(meta).map_err(|e| Error::general(format!("metadata: {e}")))?;
        self.env_keys(i)?
            .seal_version(&mut new, name, value, &meta)?;
        self.store.put_version(&new)?;
        Ok(())
    }

    /// Re-digests a secret's versions and re-MACs its row after they changed (its bucket was
    /// touched before the change; the environment's digests follow at commit).
    fn save_secret(&mut self, i: usize, secret: &mut SecretRow) -> Result<()> {
        let latest = self
            .store
            .version(&secret.id, secret.latest)?
            .ok_or_else(|| integrity("a secret's latest version is missing"))?;
        secret.latest_mac = latest.mac;
        secret.due_at = crate::lifecycle::Dates {
            revoked: latest.state == STATE_REVOKED,
            expires_at: latest.expires_at,
            rotate_at: latest.rotate_at,
        }
        .due_at();
        let macs = self.store.version_macs(&secret.id)?;
        secret.count = macs.len() as i64;
        secret.summary = digest::versions(&self.header.vault_id, &secret.id, &macs);
        secret.mac = self.env_keys(i)?.secret_mac(secret);
        self.store.put_secret(secret)?;
        self.dirty = true;
        Ok(())
    }

    /// Deletes a secret and all its versions; returns how many versions went.
    pub fn remove(&mut self, env: &str, name: &str) -> Result<i64> {
        let (i, s) = self.find_existing(env, name)?;
        self.touch_bucket(i, &s.id)?;
        self.store.delete_secret(&s.id)?;
        self.dirty = true;
        Ok(s.count)
    }

    /// Marks every version of a secret revoked, with the time and reason (sealed into each
    /// version, so editing the state in the file is an integrity failure). Returns how many
    /// versions were revoked.
    pub fn revoke(&mut self, env: &str, name: &str, reason: &str) -> Result<i64> {
        let (i, mut secret) = self.find_existing(env, name)?;
        self.verify_versions(&secret)?;
        self.touch_bucket(i, &secret.id)?;
        let rows = self.store.versions(&secret.id)?;
        let mut n = 0;
        for row in rows {
            let info = self.check_version(i, &secret, &row)?;
            if row.state == STATE_REVOKED {
                continue;
            }
            let (_, value) = self.env_keys(i)?.open_value(&row)?;
            let mut meta = info.meta.clone();
            meta.revoked_at = Some(self.now);
            meta.revoke_reason = Some(reason.to_string());
            let mut updated = row.clone();
            updated.state = STATE_REVOKED;
            self.reseal(i, updated, name, &value, &meta)?;
            n += 1;
        }
        if n == 0 {
            return Err(Error::general(format!(
                "{name} in {env} is already revoked"
            )));
        }
        self.save_secret(i, &mut secret)?;
        Ok(n)
    }

    /// How many secrets of `env` are expired or overdue now, and how many need attention
    /// within `within` seconds (the first count included). Read from clear columns: a reminder,
    /// not a verdict (`due` reads the authenticated rows).
    /// When this command read the environment's whole snapshot, the counts come from it.
    pub fn due_counts(&self, env: &str, within: i64) -> Result<(i64, i64)> {
        let i = self.env_index(env)?;
        let until = self.now.saturating_add(within);
        if let Some(due) = self.due_dates.get(&self.envs[i].id) {
            let by = |t: i64| due.iter().filter(|&&at| at <= t).count() as i64;
            return Ok((by(self.now), by(until)));
        }
        self.store.due_counts(&self.envs[i].id, self.now, until)
    }

    /// Every secret of environment `i` with its latest version, both rows verified, handed
    /// to `each` as they are read; then the set is checked against the environment's count
    /// and summary. So `each` must keep what it gets to itself until this returns `Ok`. With
    /// `grace_at`, each row also carries the previous version if it is in a grace period
    /// then (not yet verified).
    pub(super) fn each_latest_row(
        &mut self,
        i: usize,
        grace_at: Option<i64>,
        mut each: impl FnMut(&EnvKeys, LatestRow) -> Result<()>,
    ) -> Result<()> {
        let env_id = self.envs[i].id;
        self.refresh_env_set(i)?;
        self.load_buckets(i)?;
        self.env_keys(i)?;
        let ek = self.env_keys.get(&env_id).expect("loaded just above");
        let mut members = Vec::with_capacity(self.envs[i].count.max(0) as usize);
        self.store.each_latest_row(&env_id, grace_at, |(s, v, p)| {
            if s.env_id != env_id || !crypto::ct_eq(&ek.secret_mac(&s), &s.mac) {
                return Err(integrity("a secret row does not verify"));
            }
            Self::verify_version_row(ek, &s, &v)?;
            members.push((s.id, s.mac));
            each(ek, (s, v, p))
        })?;
        self.verify_members(i, members)?;
        self.verified_envs.push(env_id);
        Ok(())
    }

    /// `each_latest_row`, collected.
    fn latest_rows(&mut self, i: usize) -> Result<Vec<LatestRow>> {
        let mut rows = Vec::with_capacity(self.envs[i].count.max(0) as usize);
        self.each_latest_row(i, None, |_, row| {
            rows.push(row);
            Ok(())
        })?;
        Ok(rows)
    }

    /// Every secret of an environment with its latest version, sorted by name. The owner
    /// reads it from the environment's snapshot, as `run` does, and checks the secret rows'
    /// set through the (id, MAC) index; a grant holder (or a vault whose snapshot predates
    /// listings) reads the rows, and then also checks every secret's full set of versions
    /// (one scan of the environment's version MACs).
    pub fn list(&mut self, env: &str) -> Result<Vec<SecretInfo>> {
        let i = self.env_index(env)?;
        if let Some(mut out) = self.snapshot_list(i)? {
            self.verify_env_index(i)?;
            out.sort_unstable_by(|a, b| a.name.cmp(&b.name));
            return Ok(out);
        }
        let rows = self.latest_rows(i)?;
        let mut version_macs: HashMap<Id, Vec<(i64, Mac)>> = HashMap::with_capacity(rows.len());
        for (sid, version, mac) in self.store.version_macs_in(&self.envs[i].id)? {
            version_macs.entry(sid).or_default().push((version, mac));
        }
        let mut out = Vec::with_capacity(rows.len());
        for (s, v, _) in rows {
            let macs = version_macs.remove(&s.id).unwrap_or_default();
            self.check_version_set(&s, macs)?;
            let name = self.env_keys(i)?.open_name(&s)?;
            let latest = self.check_version(i, &s, &v)?;
            out.push(SecretInfo {
                name,
                created: s.created,
                versions: s.count,
                latest: Box::new(latest),
            });
        }
        out.sort_unstable_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Every version of every secret of an environment, revoked ones included, decrypted:
    /// what `scan` looks for. (name, version, history state, value).
    pub fn all_versions(&mut self, env: &str) -> Result<Vec<StoredValue>> {
        let i = self.env_index(env)?;
        let rows = self.latest_rows(i)?;
        let mut out = Vec::new();
        for (s, _, _) in rows {
            self.verify_versions(&s)?;
            for v in self.store.versions(&s.id)? {
                let ek = self.env_keys(i)?;
                Self::verify_version_row(ek, &s, &v)?;
                let (name, value) = ek.open_value(&v)?;
                let state = crate::lifecycle::version_state(
                    v.state == STATE_REVOKED,
                    v.version,
                    s.latest,
                    v.grace_until,
                    self.now,
                );
                out.push((name, v.version, state, value));
            }
        }
        Ok(out)
    }

    /// Every value of an environment, decrypted: what `run` and `export` hand out. Revoked
    /// and expired ones are included with their state; the caller decides. The latest values
    /// come in no particular order (the caller sorts what it shows); the previous ones by name.
    pub fn values(&mut self, env: &str) -> Result<EnvValues> {
        let i = self.env_index(env)?;
        let mut values = match self.snapshot_values(i)? {
            Some(values) => values,
            None => self.row_values(i)?,
        };
        values.previous.sort_unstable_by(|a, b| a.name.cmp(&b.name));
        Ok(values)
    }

    /// `values` from the rows: for a format-1 vault, a grant holder, or a write transaction
    /// that has not refreshed the snapshot yet.
    fn row_values(&mut self, i: usize) -> Result<EnvValues> {
        let mut latest = Vec::with_capacity(self.envs[i].count.max(0) as usize);
        let mut in_grace = Vec::new();
        let now = self.now;
        self.each_latest_row(i, Some(now), |ek, (s, v, p)| {
            let (name, value) = ek.open_value(&v)?;
            latest.push(ActiveValue::of(name, value, &v));
            if let Some(p) = p {
                in_grace.push((s, p));
            }
            Ok(())
        })?;
        let mut previous = Vec::new();
        for (s, p) in in_grace {
            self.verify_versions(&s)?;
            let ek = self.env_keys(i)?;
            Self::verify_version_row(ek, &s, &p)?;
            if p.state == STATE_REVOKED {
                continue;
            }
            let (name, value) = ek.open_value(&p)?;
            previous.push(ActiveValue::of(name, value, &p));
        }
        Ok(EnvValues { latest, previous })
    }
}
