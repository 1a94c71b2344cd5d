//! Keeping an environment's set of secrets honest (vault format 3): the digests of its buckets
//! of secret ids (`buckets` table), checked against the environment row's count and summary,
//! checked bucket by bucket as commands read, and recomputed at commit for the buckets a
//! write touched; and the owner's signed statements of changed environments.
//!
//! A bucket is always checked as it was before this transaction changed it: a write that
//! recomputed a digest from rows an attacker had added would launder them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::digest::{self, bucket_of};
use super::store::{BucketRow, Id, Mac};
use super::{Vault, integrity, statement};
use crate::crypto;
use crate::error::Result;

/// What this command knows of one environment's buckets.
#[derive(Default)]
pub(super) struct EnvSet {
    /// The digest rows, as checked against the environment row (or as this transaction left
    /// them once refreshed).
    rows: BTreeMap<i64, BucketRow>,
    /// Members of the buckets whose digest was checked against the rows: id → stored MAC.
    members: HashMap<i64, HashMap<Id, Mac>>,
    /// Buckets this transaction changed.
    dirty: BTreeSet<i64>,
    /// Every bucket changed (new environment key: every digest is bound to the epoch).
    all_dirty: bool,
}

impl EnvSet {
    /// The set of a new (or newly upgraded) environment: nothing to check.
    pub(super) fn empty() -> EnvSet {
        EnvSet::default()
    }

    fn is_dirty(&self) -> bool {
        self.all_dirty || !self.dirty.is_empty()
    }
}

fn not_the_set(env: &str) -> crate::error::Error {
    integrity(format!(
        "the secrets of environment {env:?} are not the set last written (a row was deleted, added or replayed)"
    ))
}

/// An environment's (id, MAC) members, fed in id order, checked against its bucket digests:
/// each bucket hashed as its members pass, a repeated or out-of-order id a failure, and every
/// bucket the environment records seen.
struct SetCheck<'a> {
    vault_id: Id,
    env_id: Id,
    epoch: i64,
    rows: &'a BTreeMap<i64, BucketRow>,
    current: Option<(i64, digest::BucketDigest)>,
    last: Option<Id>,
    seen: usize,
    ok: bool,
}

impl<'a> SetCheck<'a> {
    fn new(vault: &'a Vault, i: usize) -> SetCheck<'a> {
        let env = &vault.envs[i];
        SetCheck {
            vault_id: vault.header.vault_id,
            env_id: env.id,
            epoch: env.epoch,
            rows: &vault.sets[&env.id].rows,
            current: None,
            last: None,
            seen: 0,
            ok: true,
        }
    }

    fn add(&mut self, id: &Id, mac: &Mac) {
        self.ok &= self.last.is_none_or(|l| l < *id);
        self.last = Some(*id);
        let b = bucket_of(id);
        if self.current.as_ref().is_none_or(|(cb, _)| *cb != b) {
            self.close();
            let d = digest::BucketDigest::new(&self.vault_id, &self.env_id, self.epoch, b);
            self.current = Some((b, d));
        }
        if let Some((_, d)) = self.current.as_mut() {
            d.add(id, mac);
        }
    }

    fn close(&mut self) {
        if let Some((b, d)) = self.current.take() {
            let (count, digest) = d.finish();
            self.seen += 1;
            self.ok &= self
                .rows
                .get(&b)
                .is_some_and(|r| r.count == count && crypto::ct_eq(&r.digest, &digest));
        }
    }

    /// Whether the members were exactly the set the digests cover.
    fn finish(mut self) -> bool {
        self.close();
        self.ok && self.seen == self.rows.len()
    }
}

impl Vault {
    /// Reads environment `i`'s bucket digests and checks them against its row (count and
    /// summary, covered by the root-keyed MAC or, for a grant holder, the signed statement).
    /// Once per command.
    pub(super) fn load_buckets(&mut self, i: usize) -> Result<()> {
        let env = &self.envs[i];
        if self.sets.contains_key(&env.id) {
            return Ok(());
        }
        let rows = self.store.buckets(&env.id)?;
        let well_formed = rows.windows(2).all(|w| w[0].bucket < w[1].bucket)
            && rows
                .iter()
                .all(|b| (0..=255).contains(&b.bucket) && b.count > 0);
        let summary = digest::environment(&self.header.vault_id, &env.id, env.epoch, &rows);
        if !well_formed
            || digest::count(&rows) != env.count
            || !crypto::ct_eq(&summary, &env.summary)
        {
            return Err(not_the_set(&env.name));
        }
        let set = EnvSet {
            rows: rows.into_iter().map(|b| (b.bucket, b)).collect(),
            ..EnvSet::default()
        };
        self.sets.insert(env.id, set);
        Ok(())
    }

    /// The digest a bucket's members must have in environment `i`.
    fn bucket_digest(&self, i: usize, bucket: i64, members: &[(Id, Mac)]) -> Mac {
        let env = &self.envs[i];
        digest::bucket(&self.header.vault_id, &env.id, env.epoch, bucket, members)
    }

    /// Checks bucket `bucket` of environment `i` (its members, read through the index, against
    /// its digest), once per command and before this transaction changes it.
    pub(super) fn verify_bucket(&mut self, i: usize, bucket: i64) -> Result<()> {
        self.load_buckets(i)?;
        let env_id = self.envs[i].id;
        if self.sets[&env_id].members.contains_key(&bucket) {
            return Ok(());
        }
        let members = self.store.bucket_members(&env_id, bucket)?;
        let ok = match self.sets[&env_id].rows.get(&bucket) {
            None => members.is_empty(),
            Some(row) => {
                row.count == members.len() as i64
                    && crypto::ct_eq(&self.bucket_digest(i, bucket, &members), &row.digest)
            }
        };
        if !ok {
            return Err(not_the_set(&self.envs[i].name));
        }
        let set = self.sets.get_mut(&env_id).expect("loaded above");
        set.members.insert(bucket, members.into_iter().collect());
        Ok(())
    }

    /// Checks that the secret row `id` with MAC `mac` is the one its bucket's digest covers.
    pub(super) fn verify_member(&mut self, i: usize, id: &Id, mac: &Mac) -> Result<()> {
        let bucket = bucket_of(id);
        self.verify_bucket(i, bucket)?;
        let set = &self.sets[&self.envs[i].id];
        if set.dirty.contains(&bucket) || set.all_dirty {
            return Ok(()); // written by this transaction
        }
        match set.members[&bucket].get(id) {
            Some(m) if crypto::ct_eq(m, mac) => Ok(()),
            _ => Err(not_the_set(&self.envs[i].name)),
        }
    }

    /// Notes that this transaction is about to change (or add, or delete) secret `id` of
    /// environment `i`: its bucket is checked as it is now, and re-digested at commit.
    pub(super) fn touch_bucket(&mut self, i: usize, id: &Id) -> Result<()> {
        let bucket = bucket_of(id);
        self.verify_bucket(i, bucket)?;
        let env_id = self.envs[i].id;
        let set = self.sets.get_mut(&env_id).expect("loaded by verify_bucket");
        set.dirty.insert(bucket);
        self.snapshot_touch(i, id);
        Ok(())
    }

    /// Notes that every bucket of environment `i` changes (it gets a new key). The caller
    /// has checked the whole environment first (`verify_env`).
    pub(super) fn touch_all_buckets(&mut self, i: usize) {
        let env_id = self.envs[i].id;
        self.sets.entry(env_id).or_default().all_dirty = true;
        self.snapshot_rebuild(i);
    }

    /// Checks that environment `i`'s secret rows, read from the table itself, are exactly
    /// the set its digests cover: no row deleted, added, replayed or repeated. Once per command.
    pub(super) fn verify_env(&mut self, i: usize) -> Result<()> {
        let env_id = self.envs[i].id;
        if self.verified_envs.contains(&env_id) {
            return Ok(());
        }
        self.refresh_env_set(i)?;
        self.load_buckets(i)?;
        let members = self.store.secret_members(&env_id)?;
        self.verify_members(i, members)?;
        self.verified_envs.push(env_id);
        Ok(())
    }

    /// `verify_env` through the (id, MAC) index instead of the table: what `list` pays (one
    /// pass over a covering index) to see a secret row deleted, added or replayed anywhere in
    /// its environment, although it reads what it shows from the snapshot.
    pub(super) fn verify_env_index(&mut self, i: usize) -> Result<()> {
        let env_id = self.envs[i].id;
        if self.verified_envs.contains(&env_id) {
            return Ok(());
        }
        self.refresh_env_set(i)?;
        self.load_buckets(i)?;
        // Streamed in id order: each bucket hashed as its members pass, no copy kept.
        let mut check = SetCheck::new(self, i);
        self.store.each_secret_member(&env_id, |id, mac| {
            check.add(id, mac);
            Ok(())
        })?;
        if !check.finish() {
            return Err(not_the_set(&self.envs[i].name));
        }
        self.verified_envs.push(env_id);
        Ok(())
    }

    /// Checks every row of every environment whose keys this unlock has: each set against
    /// its digests, each secret and version row's MAC, each value and name. Returns (number of
    /// secrets checked, environments skipped for want of their second factor).
    pub fn verify_all(&mut self) -> Result<(usize, Vec<String>)> {
        let mut checked = 0;
        let mut skipped = Vec::new();
        for i in 0..self.envs.len() {
            let name = self.envs[i].name.clone();
            match self.env_keys(i) {
                Ok(_) => {}
                Err(e) if e.kind == crate::error::Kind::Unlock => {
                    skipped.push(name);
                    continue;
                }
                Err(e) => return Err(e),
            }
            self.verify_env(i)?;
            checked += self.all_versions(&name)?.len();
        }
        Ok((checked, skipped))
    }

    /// Checks a whole environment's (id, MAC) members, in any order, against its digests.
    pub(super) fn verify_members(&mut self, i: usize, mut members: Vec<(Id, Mac)>) -> Result<()> {
        members.sort_unstable_by_key(|m| m.0);
        let mut check = SetCheck::new(self, i);
        for (id, mac) in &members {
            check.add(id, mac);
        }
        if !check.finish() {
            return Err(not_the_set(&self.envs[i].name));
        }
        Ok(())
    }

    /// Re-digests the buckets of environment `i` that this transaction changed, from its rows
    /// as they are now, and re-MACs the environment row with its new count and summary.
    pub(super) fn refresh_env_set(&mut self, i: usize) -> Result<()> {
        let env_id = self.envs[i].id;
        let Some(set) = self.sets.get(&env_id) else {
            return Ok(());
        };
        if !set.is_dirty() {
            return Ok(());
        }
        let mut set = self.sets.remove(&env_id).expect("present");
        if set.all_dirty {
            let mut by_bucket: BTreeMap<i64, Vec<(Id, Mac)>> = BTreeMap::new();
            for m in self.store.secret_members(&env_id)? {
                by_bucket.entry(bucket_of(&m.0)).or_default().push(m);
            }
            self.store.delete_buckets(&env_id)?;
            set.rows.clear();
            set.members.clear();
            for (bucket, list) in by_bucket {
                let row = BucketRow {
                    bucket,
                    count: list.len() as i64,
                    digest: self.bucket_digest(i, bucket, &list),
                };
                self.store.put_bucket(&env_id, &row)?;
                set.rows.insert(bucket, row);
                set.members.insert(bucket, list.into_iter().collect());
            }
        } else {
            for &bucket in &set.dirty {
                let list = self.store.bucket_members(&env_id, bucket)?;
                if list.is_empty() {
                    self.store.delete_bucket(&env_id, bucket)?;
                    set.rows.remove(&bucket);
                } else {
                    let row = BucketRow {
                        bucket,
                        count: list.len() as i64,
                        digest: self.bucket_digest(i, bucket, &list),
                    };
                    self.store.put_bucket(&env_id, &row)?;
                    set.rows.insert(bucket, row);
                }
                set.members.insert(bucket, list.into_iter().collect());
            }
        }
        set.dirty.clear();
        set.all_dirty = false;
        let rows: Vec<BucketRow> = set.rows.values().cloned().collect();
        self.sets.insert(env_id, set);
        let env = &mut self.envs[i];
        env.count = digest::count(&rows);
        env.summary = digest::environment(&self.header.vault_id, &env_id, env.epoch, &rows);
        self.save_env(i)
    }

    /// `refresh_env_set` for every environment this transaction changed (called by `commit`).
    pub(super) fn refresh_sets(&mut self) -> Result<()> {
        if !self.store.in_write_transaction() || !self.full_access() {
            return Ok(());
        }
        for i in 0..self.envs.len() {
            self.refresh_env_set(i)?;
        }
        Ok(())
    }

    /// The (id, MAC) members of bucket `bucket` of environment `i` as this transaction leaves
    /// them, in id order: from what `refresh_sets` just read, else from the store.
    pub(super) fn bucket_members_now(&self, i: usize, bucket: i64) -> Result<Vec<(Id, Mac)>> {
        let env_id = self.envs[i].id;
        if let Some(set) = self.sets.get(&env_id) {
            if !set.is_dirty() {
                if let Some(m) = set.members.get(&bucket) {
                    let mut v: Vec<(Id, Mac)> = m.iter().map(|(id, mac)| (*id, *mac)).collect();
                    v.sort_unstable_by_key(|p| p.0);
                    return Ok(v);
                }
            }
        }
        self.store.bucket_members(&env_id, bucket)
    }

    /// The (count, digest) of bucket `bucket` of environment `i` as this transaction leaves
    /// it (after `refresh_sets`), for the snapshot that must match it.
    pub(super) fn bucket_row(&self, i: usize, bucket: i64) -> Option<&BucketRow> {
        self.sets.get(&self.envs[i].id)?.rows.get(&bucket)
    }

    /// Signs the statements of the environments this transaction changed, at the generation
    /// it commits (called by `commit` after the generation is bumped).
    pub(super) fn sign_statements(&mut self) -> Result<()> {
        let dirty = std::mem::take(&mut self.statements_dirty);
        if dirty.is_empty() || !self.full_access() {
            return Ok(());
        }
        let signing = self.root()?.signing_key();
        for env_id in dirty {
            let Some(i) = self.envs.iter().position(|e| e.id == env_id) else {
                continue; // removed in this transaction
            };
            let key_hash = {
                let env = &self.envs[i];
                let (vault_id, epoch) = (self.header.vault_id, env.epoch);
                let key = self.env_keys(i)?.key().clone();
                statement::key_hash(&vault_id, &env_id, epoch, &key)
            };
            let grants = statement::encode_grants(&self.slots, &env_id);
            let st = statement::sign(
                &signing,
                &self.header.vault_id,
                &self.envs[i],
                self.header.generation,
                grants,
                key_hash,
            );
            self.store.put_statement(&st)?;
        }
        Ok(())
    }
}
