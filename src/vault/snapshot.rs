//! Environment snapshots (vault formats 2 and 3): the latest value of every secret of an environment
//! (and the previous one while it is in a rotation grace period), sealed in 256 buckets, so
//! that `run` and `export` read a few hundred sealed blobs instead of verifying and decrypting
//! two rows per secret. At 10,000 secrets the per-row path spent about 60 ms in SQLite lookups,
//! two HMACs and one AEAD per secret; the snapshot costs one AEAD per bucket.
//!
//! Integrity: a bucket holds the entries of the secrets whose random id starts with its byte;
//! its row keeps the entries' count and the digest of their (id, secret-row MAC) pairs, the
//! same as the environment's `buckets` row (see `digest` and `sets`), in the clear, and both
//! are in the AEAD's associated data with the vault, environment, epoch and bucket. A reader
//! hashes the snapshot rows' counts and digests as the bucket digests are hashed and checks
//! the result against the environment row's summary, which the root-keyed environment MAC
//! protects; so a deleted, added, moved or replayed bucket is an integrity failure (exit 4),
//! as for rows, without reading the `buckets` rows. A writer
//! re-seals a bucket only after checking that every entry it keeps is its secret's current
//! row, so a replayed snapshot row cannot be carried into a new one. The bucket key
//! is derived from the root key and the environment key together (`RootKeys::snapshot_key`): a
//! grant holder, who has only the environment key, can neither read nor forge one, and reads
//! through the rows instead.
//!
//! Upkeep: every write marks the secrets it touched (or the whole environment, for a re-key);
//! `Vault::commit` re-seals only the buckets of those secrets, from the rows just written, so a
//! write costs one bucket (about N/256 entries), not the environment.

use std::collections::{BTreeMap, BTreeSet};

use zeroize::Zeroizing;

pub(super) use super::digest::bucket_of;
use super::keys::EnvKeys;
use super::store::{BucketRow, Id, Mac, SecretRow, SnapshotRow, SnapshotView, VersionRow};
use super::{
    ActiveValue, EnvValues, Origin, STATE_REVOKED, SecretInfo, Vault, VersionInfo, VersionMeta,
    VersionState, integrity,
};
use crate::crypto::{self, Key};
use crate::error::Result;

/// First byte of every bucket's plaintext: the entry encoding. Encoding 1 holds what `run`
/// needs, in fixed-width fields; encoding 2 adds, per entry, what `list` shows (`Listing`), so
/// that `list` too reads a few hundred sealed blobs instead of two rows, two MACs and an AEAD
/// per secret, and writes numbers and lengths as LEB128 varints (signed ones zigzagged), so
/// that an entry with its listing is smaller than an encoding-1 entry without: every byte is
/// read, decrypted and authenticated by each `run`. Buckets written by older builds stay in
/// encoding 1 until their next write, and `list` reads the rows while any bucket lacks a
/// listing.
const ENCODING: u8 = 2;
const ENCODING_VALUES_ONLY: u8 = 1;

/// What a snapshot needs of one version. Its `Debug` never shows the value.
#[derive(Clone, PartialEq, Eq)]
pub(super) struct EntryVersion {
    pub version: i64,
    pub state: VersionState,
    pub expires_at: Option<i64>,
    pub grace_until: Option<i64>,
    pub value: Zeroizing<Vec<u8>>,
}

impl EntryVersion {
    /// A version row's clear columns with its decrypted value.
    fn of(v: &VersionRow, value: Zeroizing<Vec<u8>>) -> EntryVersion {
        EntryVersion {
            version: v.version,
            state: v.state,
            expires_at: v.expires_at,
            grace_until: v.grace_until,
            value,
        }
    }

    fn into_active(self, name: String) -> ActiveValue {
        ActiveValue {
            name,
            value: self.value,
            version: self.version,
            state: self.state,
            expires_at: self.expires_at,
        }
    }
}

impl std::fmt::Debug for EntryVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EntryVersion")
            .field("version", &self.version)
            .field("state", &self.state)
            .field("expires_at", &self.expires_at)
            .field("grace_until", &self.grace_until)
            .field("value", &format_args!("<{} bytes>", self.value.len()))
            .finish()
    }
}

/// What `list` shows of a secret beyond its name and latest version's clear columns: the
/// secret's creation and version count, and its latest version's creation, origin, rotation
/// date and (decrypted) metadata, as JSON bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Listing {
    pub created: i64,
    pub versions: i64,
    pub latest_created: i64,
    pub origin: i64,
    pub rotate_at: Option<i64>,
    pub meta: Zeroizing<Vec<u8>>,
}

/// One secret in a snapshot bucket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Entry {
    pub id: Id,
    /// The secret row's MAC when the entry was made: ties the entry to the environment summary.
    pub mac: Mac,
    pub name: String,
    pub latest: EntryVersion,
    /// The version before the latest, when it has a grace period (the reader checks the time).
    pub previous: Option<EntryVersion>,
    /// `None` in buckets of encoding 1.
    pub listing: Option<Listing>,
    /// The latest version's rotation date when the entry has a listing, kept even when the
    /// listing is not (reminders need it, `run` no listing); `None` in buckets of encoding 1.
    pub rotate_at: Option<Option<i64>>,
}

impl Entry {
    /// When the secret falls due, as its row's `due_at` says (the earlier of expiry and
    /// rotation; `None` when revoked or neither is set), if this entry tells.
    pub(super) fn due_at(&self) -> Option<Option<i64>> {
        let dates = crate::lifecycle::Dates {
            revoked: self.latest.state == STATE_REVOKED,
            expires_at: self.latest.expires_at,
            rotate_at: self.rotate_at?,
        };
        Some(dates.due_at())
    }
}

fn put_uvarint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put_ivarint(out: &mut Vec<u8>, n: i64) {
    put_uvarint(out, ((n << 1) ^ (n >> 63)) as u64);
}

fn put_opt(out: &mut Vec<u8>, t: Option<i64>) {
    match t {
        Some(t) => {
            out.push(1);
            put_ivarint(out, t);
        }
        None => out.push(0),
    }
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_uvarint(out, b.len() as u64);
    out.extend_from_slice(b);
}

fn put_version(out: &mut Vec<u8>, v: &EntryVersion) {
    put_ivarint(out, v.version);
    out.push(v.state as u8);
    put_opt(out, v.expires_at);
    put_opt(out, v.grace_until);
    put_bytes(out, &v.value);
}

fn put_listing(out: &mut Vec<u8>, l: &Listing) {
    for n in [l.created, l.versions, l.latest_created, l.origin] {
        put_ivarint(out, n);
    }
    put_opt(out, l.rotate_at);
    put_bytes(out, &l.meta);
}

/// The plaintext of a bucket (zeroed when dropped).
pub(super) fn encode(entries: &BTreeMap<Id, Entry>) -> Zeroizing<Vec<u8>> {
    let size: usize = entries
        .values()
        .map(|e| {
            80 + e.name.len()
                + e.latest.value.len()
                + e.previous.as_ref().map_or(0, |p| 30 + p.value.len())
                + e.listing.as_ref().map_or(0, |l| 40 + l.meta.len())
        })
        .sum();
    let mut out = Zeroizing::new(Vec::with_capacity(size + 5));
    out.push(ENCODING);
    out.extend_from_slice(&(entries.len() as u32).to_be_bytes());
    for e in entries.values() {
        out.extend_from_slice(&e.id);
        out.extend_from_slice(&e.mac);
        put_bytes(&mut out, e.name.as_bytes());
        put_version(&mut out, &e.latest);
        match &e.previous {
            Some(p) => {
                out.push(1);
                put_version(&mut out, p);
            }
            None => out.push(0),
        }
        match &e.listing {
            Some(l) => {
                out.push(1);
                put_listing(&mut out, l);
            }
            None => out.push(0),
        }
    }
    out
}

/// What a read of a bucket keeps of each entry. The rest is stepped over, not copied (so
/// there is nothing to wipe or free either): `run` steps over a listing per secret, `list`
/// over a value per version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Keep {
    /// Values, no listings: `run` and `export`.
    Values,
    /// Listings; the values are left empty. For `list` only: such entries are never sealed
    /// again.
    Listings,
    /// Both: a bucket that is patched and sealed again.
    All,
}

impl Keep {
    fn values(self) -> bool {
        self != Keep::Listings
    }

    fn listings(self) -> bool {
        self != Keep::Values
    }
}

/// Reads what `encode` wrote; `None` for anything malformed.
struct Reader<'a> {
    buf: &'a [u8],
    /// `ENCODING` or `ENCODING_VALUES_ONLY` (fixed-width fields, no listings).
    encoding: u8,
    keep: Keep,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.buf.len() < n {
            return None;
        }
        let (head, rest) = self.buf.split_at(n);
        self.buf = rest;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn uvarint(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let bits = u64::from(b & 0x7f);
            if shift == 63 && bits > 1 {
                return None; // more than 64 bits
            }
            n |= bits << shift;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    /// A signed number: 8 bytes big-endian in encoding 1, a zigzag varint after.
    fn i64(&mut self) -> Option<i64> {
        if self.encoding == ENCODING_VALUES_ONLY {
            return Some(i64::from_be_bytes(self.array()?));
        }
        let z = self.uvarint()?;
        Some((z >> 1) as i64 ^ -((z & 1) as i64))
    }

    fn opt_i64(&mut self) -> Option<Option<i64>> {
        match self.byte()? {
            0 => Some(None),
            1 => Some(Some(self.i64()?)),
            _ => None,
        }
    }

    /// A length-prefixed byte string (the prefix's width in encoding 1 is `v1_width`).
    fn bytes(&mut self, v1_width: usize) -> Option<&'a [u8]> {
        let len = if self.encoding == ENCODING_VALUES_ONLY {
            match v1_width {
                2 => usize::from(u16::from_be_bytes(self.array()?)),
                _ => u32::from_be_bytes(self.array()?) as usize,
            }
        } else {
            usize::try_from(self.uvarint()?).ok()?
        };
        self.take(len)
    }

    fn version(&mut self) -> Option<EntryVersion> {
        let version = self.i64()?;
        let state = if self.encoding == ENCODING_VALUES_ONLY {
            self.i64()?
        } else {
            i64::from(self.byte()?)
        };
        let state = match state {
            0 => VersionState::Active,
            1 => VersionState::Revoked,
            _ => return None,
        };
        let expires_at = self.opt_i64()?;
        let grace_until = self.opt_i64()?;
        let value = self.bytes(4)?;
        let value = Zeroizing::new(if self.keep.values() {
            value.to_vec()
        } else {
            Vec::new()
        });
        Some(EntryVersion {
            version,
            state,
            expires_at,
            grace_until,
            value,
        })
    }

    /// A listing's rotation date, and the listing, or `None` after stepping over it when this
    /// read keeps no listings.
    fn listing(&mut self) -> Option<(Option<i64>, Option<Listing>)> {
        let created = self.i64()?;
        let versions = self.i64()?;
        let latest_created = self.i64()?;
        let origin = self.i64()?;
        let rotate_at = self.opt_i64()?;
        let meta = self.bytes(4)?;
        if !self.keep.listings() {
            return Some((rotate_at, None));
        }
        Some((
            rotate_at,
            Some(Listing {
                created,
                versions,
                latest_created,
                origin,
                rotate_at,
                meta: Zeroizing::new(meta.to_vec()),
            }),
        ))
    }

    fn entry(&mut self) -> Option<Entry> {
        let id = self.array()?;
        let mac = self.array()?;
        let name = std::str::from_utf8(self.bytes(2)?).ok()?.to_string();
        let latest = self.version()?;
        let previous = match self.byte()? {
            0 => None,
            1 => Some(self.version()?),
            _ => return None,
        };
        let (rotate_at, listing) = if self.encoding == ENCODING_VALUES_ONLY {
            (None, None)
        } else {
            match self.byte()? {
                0 => (None, None),
                1 => {
                    let (rotate_at, listing) = self.listing()?;
                    (Some(rotate_at), listing)
                }
                _ => return None,
            }
        };
        Some(Entry {
            id,
            mac,
            name,
            latest,
            previous,
            listing,
            rotate_at,
        })
    }
}

/// The entries of a bucket's plaintext, handed to `each` as they are read, with what `keep`
/// says of each; their number. Not collected first: an entry is a few hundred bytes, and at
/// 100,000 secrets each move of every entry was a tenth of `list`. Malformed plaintext is an
/// error, possibly after some entries were handed out: callers keep nothing of an `Err`.
fn decode_each(
    plain: &[u8],
    keep: Keep,
    mut each: impl FnMut(Entry) -> Result<()>,
) -> Result<usize> {
    let (&encoding, rest) = plain.split_first().ok_or_else(broken)?;
    if encoding != ENCODING && encoding != ENCODING_VALUES_ONLY {
        return Err(broken());
    }
    let mut r = Reader {
        buf: rest,
        encoding,
        keep,
    };
    let n = u32::from_be_bytes(r.array().ok_or_else(broken)?) as usize;
    for _ in 0..n {
        each(r.entry().ok_or_else(broken)?)?;
    }
    if !r.buf.is_empty() {
        return Err(broken());
    }
    Ok(n)
}

/// [`decode_each`], collected; `None` for anything malformed.
#[cfg(test)]
fn decode(plain: &[u8], keep: Keep) -> Option<Vec<Entry>> {
    let mut out = Vec::new();
    decode_each(plain, keep, |e| {
        out.push(e);
        Ok(())
    })
    .ok()?;
    Some(out)
}

fn snapshot_not_the_set(env: &str) -> crate::error::Error {
    integrity(format!(
        "the snapshot of environment {env:?} is not the set last written (a bucket was deleted, added or replayed)"
    ))
}

fn broken() -> crate::error::Error {
    integrity("an environment snapshot does not verify: its row was altered, moved or replayed")
}

/// Seals `entries`, which must be exactly the members of `digest` (checked by the caller).
fn seal_bucket(
    key: &Key,
    ek: &EnvKeys,
    env_id: Id,
    digest: &BucketRow,
    entries: &BTreeMap<Id, Entry>,
) -> Result<SnapshotRow> {
    let sealed = crypto::seal(
        key,
        &ek.snapshot_aad(digest.bucket, digest.count, &digest.digest),
        &encode(entries),
    )?;
    Ok(SnapshotRow {
        env_id,
        bucket: digest.bucket,
        count: digest.count,
        summary: digest.digest,
        sealed,
    })
}

/// The entries of one bucket, decrypted into `plain` (a buffer the caller reuses and wipes),
/// handed to `each` in the order of their ids; the bucket is refused if they are not in order,
/// not all of this bucket, or not as many as its row says (then `each` may have had some:
/// callers keep nothing of an `Err`).
fn open_bucket(
    key: &Key,
    ek: &EnvKeys,
    row: &SnapshotView<'_>,
    keep: Keep,
    plain: &mut Zeroizing<Vec<u8>>,
    mut each: impl FnMut(Entry) -> Result<()>,
) -> Result<()> {
    let aad = ek.snapshot_aad(row.bucket, row.count, &row.summary);
    if !crypto::open_into(key, &aad, row.sealed, plain) {
        return Err(broken());
    }
    let mut last: Option<Id> = None;
    let n = decode_each(plain, keep, |e| {
        if last.is_some_and(|l| l >= e.id) || bucket_of(&e.id) != row.bucket {
            return Err(broken());
        }
        last = Some(e.id);
        each(e)
    })?;
    if n as i64 != row.count {
        return Err(broken());
    }
    Ok(())
}

/// That a bucket's entries are exactly the members its digest covers (id and secret-row MAC).
fn same_members(entries: &BTreeMap<Id, Entry>, members: &[(Id, Mac)]) -> bool {
    entries.len() == members.len()
        && entries
            .values()
            .zip(members)
            .all(|(e, (id, mac))| e.id == *id && crypto::ct_eq(&e.mac, mac))
}

impl Vault {
    /// Notes that a secret of environment `i` changed (or went): its bucket is re-sealed at
    /// commit.
    pub(super) fn snapshot_touch(&mut self, i: usize, secret: &Id) {
        self.due_dates.remove(&self.envs[i].id);
        if let Some(ids) = self
            .snapshot_dirty
            .entry(self.envs[i].id)
            .or_insert_with(|| Some(BTreeSet::new()))
        {
            ids.insert(*secret);
        }
    }

    /// Notes that environment `i` must be snapshotted anew at commit (new keys).
    pub(super) fn snapshot_rebuild(&mut self, i: usize) {
        self.due_dates.remove(&self.envs[i].id);
        self.snapshot_dirty.insert(self.envs[i].id, None);
    }

    /// The key of environment `i`'s snapshot, or `None` without the root key.
    fn snapshot_key(&mut self, i: usize) -> Result<Option<Key>> {
        if !self.full_access() {
            return Ok(None);
        }
        self.env_keys(i)?;
        let ek = &self.env_keys[&self.envs[i].id];
        Ok(Some(self.root()?.snapshot_key(ek)))
    }

    /// Brings the snapshots up to date with this transaction's writes (called by `commit`
    /// after the bucket digests are refreshed and before the header is sealed).
    pub(super) fn refresh_snapshots(&mut self) -> Result<()> {
        if !self.full_access() || !self.store.in_write_transaction() {
            return Ok(());
        }
        let dirty = std::mem::take(&mut self.snapshot_dirty);
        for (env_id, ids) in dirty {
            let Some(i) = self.envs.iter().position(|e| e.id == env_id) else {
                continue; // the environment went in this transaction, its buckets with it
            };
            match ids {
                None => self.rebuild_snapshot(i)?,
                Some(ids) => self.patch_snapshot(i, &ids)?,
            }
        }
        Ok(())
    }

    /// One entry from a secret's rows as this transaction leaves them.
    fn entry_for(
        &mut self,
        i: usize,
        s: &SecretRow,
        latest: &VersionRow,
        previous: Option<&VersionRow>,
    ) -> Result<Entry> {
        let ek = self.env_keys(i)?;
        let (name, value) = ek.open_value(latest)?;
        let previous = match previous {
            Some(p) => Some(EntryVersion::of(p, ek.open_value(p)?.1)),
            None => None,
        };
        let listing = Listing {
            created: s.created,
            versions: s.count,
            latest_created: latest.created,
            origin: latest.origin,
            rotate_at: latest.rotate_at,
            meta: ek.open_meta(latest)?,
        };
        Ok(Entry {
            id: s.id,
            mac: s.mac,
            name,
            latest: EntryVersion::of(latest, value),
            previous,
            rotate_at: Some(listing.rotate_at),
            listing: Some(listing),
        })
    }

    fn rebuild_snapshot(&mut self, i: usize) -> Result<()> {
        let env_id = self.envs[i].id;
        let Some(key) = self.snapshot_key(i)? else {
            return Ok(());
        };
        let mut rows = Vec::new();
        // Every grace period counts here; readers compare it with their own clock.
        self.each_latest_row(i, Some(i64::MIN), |_, row| {
            rows.push(row);
            Ok(())
        })?;
        let mut buckets: BTreeMap<i64, BTreeMap<Id, Entry>> = BTreeMap::new();
        for (s, v, p) in rows {
            let entry = self.entry_for(i, &s, &v, p.as_ref())?;
            buckets
                .entry(bucket_of(&s.id))
                .or_default()
                .insert(s.id, entry);
        }
        self.store.delete_snapshots(&env_id)?;
        let ek = &self.env_keys[&env_id];
        for (bucket, entries) in &buckets {
            let digest = self.bucket_row(i, *bucket).ok_or_else(broken)?;
            if digest.count != entries.len() as i64 {
                return Err(broken());
            }
            self.store
                .put_snapshot(&seal_bucket(&key, ek, env_id, digest, entries)?)?;
        }
        Ok(())
    }

    fn patch_snapshot(&mut self, i: usize, ids: &BTreeSet<Id>) -> Result<()> {
        let env_id = self.envs[i].id;
        let Some(key) = self.snapshot_key(i)? else {
            return Ok(());
        };
        let mut by_bucket: BTreeMap<i64, Vec<Id>> = BTreeMap::new();
        for id in ids {
            by_bucket.entry(bucket_of(id)).or_default().push(*id);
        }
        for (bucket, ids) in by_bucket {
            let mut entries: BTreeMap<Id, Entry> = match self.store.snapshot(&env_id, bucket)? {
                Some(row) => {
                    let ek = &self.env_keys[&env_id];
                    let mut plain = Zeroizing::new(Vec::new());
                    let mut opened = BTreeMap::new();
                    let mut without_listing = false;
                    open_bucket(&key, ek, &row.view(), Keep::All, &mut plain, |e| {
                        without_listing |= e.listing.is_none();
                        opened.insert(e.id, e);
                        Ok(())
                    })?;
                    // A bucket sealed before listings existed (encoding 1): the environment is
                    // sealed anew from its verified rows, once, so that every bucket has
                    // listings and `list` reads the snapshot from now on. Patching would keep
                    // the other entries of the bucket without theirs.
                    if without_listing {
                        return self.rebuild_snapshot(i);
                    }
                    opened
                }
                None => BTreeMap::new(),
            };
            for id in ids {
                entries.remove(&id);
                let Some(s) = self.store.secret(&id)? else {
                    continue; // removed
                };
                let latest = self
                    .store
                    .version(&s.id, s.latest)?
                    .ok_or_else(|| integrity("a secret's latest version is missing"))?;
                let previous = match self.store.version(&s.id, s.latest - 1)? {
                    Some(p) if p.grace_until.is_some() => Some(p),
                    _ => None,
                };
                let entry = self.entry_for(i, &s, &latest, previous.as_ref())?;
                entries.insert(id, entry);
            }
            if entries.is_empty() {
                self.store.delete_snapshot(&env_id, bucket)?;
                continue;
            }
            // Every entry kept from the old snapshot must be its secret's current row: the
            // bucket's members, just re-read and re-digested by `refresh_sets`.
            let members = self.bucket_members_now(i, bucket)?;
            let digest = self.bucket_row(i, bucket).ok_or_else(broken)?;
            if !same_members(&entries, &members) || digest.count != members.len() as i64 {
                return Err(broken());
            }
            let ek = &self.env_keys[&env_id];
            self.store
                .put_snapshot(&seal_bucket(&key, ek, env_id, digest, &entries)?)?;
        }
        Ok(())
    }

    /// Every value of environment `i` from its snapshot, or `None` when this vault or this
    /// unlock has none (format 1, or a grant holder): the caller reads the rows then.
    pub(super) fn snapshot_values(&mut self, i: usize) -> Result<Option<EnvValues>> {
        let now = self.now;
        let mut latest = Vec::with_capacity(self.envs[i].count.max(0) as usize);
        let mut previous = Vec::new();
        let mut due = Some(Vec::new());
        let found = self.each_snapshot_entry(i, Keep::Values, |e| {
            match e.due_at() {
                Some(Some(at)) => due.iter_mut().for_each(|d| d.push(at)),
                Some(None) => {}
                None => due = None,
            }
            if let Some(p) = e.previous {
                if p.state != STATE_REVOKED && p.grace_until.is_some_and(|g| g > now) {
                    previous.push(p.into_active(e.name.clone()));
                }
            }
            latest.push(e.latest.into_active(e.name));
            Ok(())
        })?;
        if let (true, Some(due)) = (found, due) {
            self.due_dates.insert(self.envs[i].id, due);
        }
        Ok(found.then_some(EnvValues { latest, previous }))
    }

    /// What `list` shows of every secret of environment `i`, from its snapshot (unsorted), or
    /// `None` when there is no snapshot or a bucket of it has no listings (written by an
    /// older build): the caller reads the rows then.
    pub(super) fn snapshot_list(&mut self, i: usize) -> Result<Option<Vec<SecretInfo>>> {
        let mut out = Vec::with_capacity(self.envs[i].count.max(0) as usize);
        let mut complete = true;
        let found = self.each_snapshot_entry(i, Keep::Listings, |e| {
            let Some(l) = e.listing.filter(|_| complete) else {
                complete = false;
                return Ok(());
            };
            let meta: VersionMeta = serde_json::from_slice(&l.meta)
                .map_err(|_| integrity("a version's metadata is malformed"))?;
            let latest = VersionInfo {
                version: e.latest.version,
                created: l.latest_created,
                origin: Origin::from_i64(l.origin)?,
                state: e.latest.state,
                expires_at: e.latest.expires_at,
                rotate_at: l.rotate_at,
                grace_until: e.latest.grace_until,
                meta,
            };
            out.push(SecretInfo {
                name: e.name,
                created: l.created,
                versions: l.versions,
                latest: Box::new(latest),
            });
            Ok(())
        })?;
        Ok((found && complete).then_some(out))
    }

    /// Hands every entry of environment `i`'s snapshot to `each`, bucket by bucket; once all
    /// are read, the buckets' clear counts and digests (each bound to its sealed entries by
    /// the AEAD) must be exactly the set the environment row covers, as the `buckets` rows
    /// must: so a reader of the snapshot need not read those rows too (256 rows, a tenth of a
    /// `run` at 1,000 secrets). `false` when this vault or this unlock has none, or this
    /// transaction changed it. Each entry has what `keep` says. On an error the caller drops
    /// what it was given.
    fn each_snapshot_entry(
        &mut self,
        i: usize,
        keep: Keep,
        mut each: impl FnMut(Entry) -> Result<()>,
    ) -> Result<bool> {
        if !self.snapshot_dirty.is_empty() {
            return Ok(false);
        }
        let Some(key) = self.snapshot_key(i)? else {
            return Ok(false);
        };
        let env = &self.envs[i];
        // The set of buckets (none missing, added or repeated: bucket order is strict) is
        // checked once all are read, against the environment row's count and summary; the
        // caller keeps nothing of an `Err`.
        let ek = &self.env_keys[&env.id];
        let mut buckets: Vec<BucketRow> = Vec::with_capacity(256);
        let mut count = Some(0i64);
        let mut plain = Zeroizing::new(Vec::new());
        self.store.each_snapshot(&env.id, |row| {
            let last = buckets.last().map_or(-1, |b| b.bucket);
            if row.bucket <= last || row.bucket > 255 || row.count <= 0 {
                return Err(snapshot_not_the_set(&env.name));
            }
            count = count.and_then(|c| c.checked_add(row.count));
            buckets.push(BucketRow {
                bucket: row.bucket,
                count: row.count,
                digest: row.summary,
            });
            open_bucket(&key, ek, &row, keep, &mut plain, &mut each)
        })?;
        let summary =
            super::digest::environment(&self.header.vault_id, &env.id, env.epoch, &buckets);
        if count != Some(env.count) || !crypto::ct_eq(&summary, &env.summary) {
            return Err(snapshot_not_the_set(&env.name));
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(n: i64, value: &[u8]) -> EntryVersion {
        EntryVersion {
            version: n,
            state: VersionState::Active,
            expires_at: Some(1_700_000_000 + n),
            grace_until: None,
            value: Zeroizing::new(value.to_vec()),
        }
    }

    fn entry(first: u8, name: &str, previous: bool) -> Entry {
        let mut id = [7u8; 16];
        id[0] = first;
        Entry {
            id,
            mac: [first; 32],
            name: name.into(),
            latest: version(3, "värde\n\"'$\\".as_bytes()),
            previous: previous.then(|| EntryVersion {
                grace_until: Some(42),
                state: STATE_REVOKED,
                ..version(2, b"old")
            }),
            // Entries of buckets written before listings existed have none.
            listing: (first % 2 == 0).then(|| Listing {
                created: 1_600_000_000,
                versions: 3,
                latest_created: 1_650_000_000 + i64::from(first),
                origin: 2,
                rotate_at: previous.then_some(1_800_000_000),
                meta: Zeroizing::new(br#"{"note":"n"}"#.to_vec()),
            }),
            rotate_at: (first % 2 == 0).then_some(previous.then_some(1_800_000_000)),
        }
    }

    /// Entries by id, made by `entry` from (first byte, name, with a previous version).
    fn entries(specs: &[(u8, &str, bool)]) -> BTreeMap<Id, Entry> {
        specs
            .iter()
            .map(|&(first, name, previous)| {
                let e = entry(first, name, previous);
                (e.id, e)
            })
            .collect()
    }

    /// `encode` as builds before listings wrote it (encoding 1, fixed-width fields).
    fn encode_values_only(entries: &BTreeMap<Id, Entry>) -> Vec<u8> {
        fn put_version_v1(out: &mut Vec<u8>, v: &EntryVersion) {
            out.extend_from_slice(&v.version.to_be_bytes());
            out.extend_from_slice(&(v.state as i64).to_be_bytes());
            for t in [v.expires_at, v.grace_until] {
                match t {
                    Some(t) => {
                        out.push(1);
                        out.extend_from_slice(&t.to_be_bytes());
                    }
                    None => out.push(0),
                }
            }
            out.extend_from_slice(&(v.value.len() as u32).to_be_bytes());
            out.extend_from_slice(&v.value);
        }
        let mut out = vec![ENCODING_VALUES_ONLY];
        out.extend_from_slice(&(entries.len() as u32).to_be_bytes());
        for e in entries.values() {
            out.extend_from_slice(&e.id);
            out.extend_from_slice(&e.mac);
            out.extend_from_slice(&(e.name.len() as u16).to_be_bytes());
            out.extend_from_slice(e.name.as_bytes());
            put_version_v1(&mut out, &e.latest);
            match &e.previous {
                Some(p) => {
                    out.push(1);
                    put_version_v1(&mut out, p);
                }
                None => out.push(0),
            }
        }
        out
    }

    #[test]
    fn varints_round_trip_at_their_limits() {
        for n in [0, 1, -1, 63, -64, 64, 1_700_000_000, i64::MAX, i64::MIN] {
            let mut out = Vec::new();
            put_ivarint(&mut out, n);
            let mut r = Reader {
                buf: &out,
                encoding: ENCODING,
                keep: Keep::All,
            };
            assert_eq!(r.i64(), Some(n), "{n}");
            assert!(r.buf.is_empty());
        }
        // Eleven bytes, or a tenth byte above 1, is not a 64-bit number.
        for bad in [vec![0xff; 11], [vec![0xff; 9], vec![0x02]].concat()] {
            let mut r = Reader {
                buf: &bad,
                encoding: ENCODING,
                keep: Keep::All,
            };
            assert_eq!(r.uvarint(), None);
        }
    }

    #[test]
    fn an_entry_with_its_listing_is_smaller_than_an_encoding_1_entry_without() {
        let mut m = BTreeMap::new();
        // A secret without a note: its metadata is `{}`.
        let mut e = entry(0, "API_TOKEN", false);
        e.listing.as_mut().expect("even first bytes have one").meta =
            Zeroizing::new(b"{}".to_vec());
        m.insert(e.id, e);
        assert!(encode(&m).len() < encode_values_only(&m).len());
    }

    #[test]
    fn buckets_of_encoding_1_read_without_listings() {
        let m = entries(&[(0, "A", false), (1, "B", true), (2, "C", false)]);
        let back = decode(&encode_values_only(&m), Keep::All).unwrap();
        let expected: Vec<Entry> = m
            .into_values()
            .map(|e| Entry {
                listing: None,
                rotate_at: None,
                ..e
            })
            .collect();
        assert_eq!(back, expected);
    }

    #[test]
    fn entries_round_trip() {
        let m = entries(&[(0, "A", false), (1, "B_2", true), (2, "_c", false)]);
        let plain = encode(&m);
        let back = decode(&plain, Keep::All).unwrap();
        assert_eq!(back, m.into_values().collect::<Vec<_>>());
        assert_eq!(
            decode(&encode(&BTreeMap::new()), Keep::All).unwrap(),
            vec![]
        );
    }

    #[test]
    fn a_read_keeps_what_it_asks_for_and_nothing_else() {
        // Even first bytes: each with a listing.
        let plain = encode(&entries(&[
            (0, "A", false),
            (2, "B_2", true),
            (4, "_c", true),
        ]));
        let all = decode(&plain, Keep::All).unwrap();
        let no_listings: Vec<Entry> = all
            .iter()
            .cloned()
            .map(|e| Entry { listing: None, ..e })
            .collect();
        assert_eq!(decode(&plain, Keep::Values).unwrap(), no_listings);
        let empty = |v: &EntryVersion| EntryVersion {
            value: Zeroizing::new(Vec::new()),
            ..v.clone()
        };
        let no_values: Vec<Entry> = all
            .iter()
            .map(|e| Entry {
                latest: empty(&e.latest),
                previous: e.previous.as_ref().map(empty),
                ..e.clone()
            })
            .collect();
        let listed = decode(&plain, Keep::Listings).unwrap();
        assert_eq!(listed, no_values);
        assert!(
            listed
                .iter()
                .all(|e| e.listing.is_some() && e.rotate_at.is_some())
        );
    }

    #[test]
    fn a_bucket_is_refused_unless_its_entries_are_its_own_in_order_and_counted() {
        let key = Key::from_slice(&[3; 32]).unwrap();
        let ek = EnvKeys::new(&Key::from_slice(&[4; 32]).unwrap(), [1; 16], [2; 16], 1);
        // Entry `second` in bucket `first`, under the map key `at` (which sets the order).
        let at = |first: u8, second: u8, at: u8| {
            let mut e = entry(first, "N", false);
            e.id[1] = second;
            ([5, at, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], e)
        };
        // Sealed as `encode` writes it, bound to bucket 5 and `count`; what `open_bucket` hands on.
        let open = |m: &[([u8; 16], Entry)], count: i64, row_bucket: i64| {
            let m: BTreeMap<Id, Entry> = m.iter().cloned().collect();
            let summary = [9; 32];
            let sealed =
                crypto::seal(&key, &ek.snapshot_aad(5, count, &summary), &encode(&m)).unwrap();
            let row = SnapshotView {
                bucket: row_bucket,
                count,
                summary,
                sealed: &sealed,
            };
            let mut got = Vec::new();
            let mut plain = Zeroizing::new(Vec::new());
            open_bucket(&key, &ek, &row, Keep::All, &mut plain, |e| {
                got.push(e.id[1]);
                Ok(())
            })
            .map(|()| got)
        };
        assert_eq!(open(&[at(5, 1, 1), at(5, 2, 2)], 2, 5).unwrap(), vec![1, 2]);
        // The row's clear count and bucket are bound by the AEAD, and must match the entries.
        assert!(open(&[at(5, 1, 1), at(5, 2, 2)], 3, 5).is_err());
        assert!(open(&[at(5, 1, 1), at(5, 2, 2)], 2, 6).is_err());
        // Out of order, repeated, or of another bucket.
        assert!(open(&[at(5, 2, 1), at(5, 1, 2)], 2, 5).is_err());
        assert!(open(&[at(5, 1, 1), at(5, 1, 2)], 2, 5).is_err());
        assert!(open(&[at(5, 1, 1), at(6, 2, 2)], 2, 5).is_err());
    }

    #[test]
    fn malformed_plaintext_is_refused_not_panicked_on() {
        let plain = encode(&entries(&[(1, "NAME", true)]));
        // Every truncation, every extension and a changed encoding byte are refused.
        for n in 0..plain.len() {
            assert!(decode(&plain[..n], Keep::All).is_none(), "truncated to {n}");
        }
        let mut longer = plain.to_vec();
        longer.push(0);
        assert!(decode(&longer, Keep::All).is_none());
        let mut other = plain.to_vec();
        other[0] = 3;
        assert!(decode(&other, Keep::All).is_none());
        // A count far larger than the data does not allocate for it.
        let mut huge = vec![ENCODING];
        huge.extend_from_slice(&u32::MAX.to_be_bytes());
        assert!(decode(&huge, Keep::All).is_none());
    }

    proptest::proptest! {
        /// Arbitrary bytes, and valid encodings with bytes changed, decode or are refused:
        /// never a panic or a huge allocation.
        #[test]
        fn decode_never_panics(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600),
            flips in proptest::collection::vec((0usize..400, 1u8..=255), 0..4),
        ) {
            let _ = decode(&bytes, Keep::All);
            let mut valid = encode(&entries(&[(0, "A", false), (1, "B_LONGER_NAME", true)])).to_vec();
            for (at, x) in flips {
                let n = valid.len();
                valid[at % n] ^= x;
            }
            for keep in [Keep::Values, Keep::Listings, Keep::All] {
                let _ = decode(&valid, keep);
            }
        }
    }

    #[test]
    fn debug_never_shows_a_value() {
        let e = entry(1, "NAME", true);
        let shown = format!("{e:?}");
        // The values are "värde…" (118, 195, …) and "old" (111, 108, 100).
        assert!(
            !shown.contains("118, 195") && !shown.contains("111, 108, 100"),
            "{shown}"
        );
        assert!(
            shown.contains("NAME") && shown.contains("bytes>"),
            "{shown}"
        );
    }

    #[test]
    fn a_bucket_is_the_first_byte_of_the_id() {
        let mut id = [0u8; 16];
        id[0] = 0xff;
        assert_eq!(bucket_of(&id), 255);
    }
}
