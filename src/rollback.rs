//! What this machine remembers of the vaults it has opened, outside the vault file, under
//! `$XDG_STATE_HOME/tresor/`, each record MACed with a key of this user's that never leaves
//! that folder:
//! - rollback detection (doc/design.md): the last generation seen of each vault (and, for a grant
//!   holder, of its environment; for bundles, the newest bundle of each vault and
//!   environment). Opening an older one is an integrity failure (exit 4) unless
//!   `--allow-rollback`, which the audit log records;
//! - trust anchors: the vault key pinned for each vault path and each vault id, as ssh keeps
//!   known hosts. A vault at a pinned path (or with a pinned id) whose key differs is refused.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use sha2::Digest;

use crate::crypto::{self, Key};
use crate::error::{Error, Result};

/// Digits of a generation in a record slot (zero-padded, so every slot has the same length).
const GENERATION_DIGITS: usize = 20;
/// One slot of a generation record: the generation, a space, its MAC in hex, a newline.
const RECORD_SLOT_LEN: usize = GENERATION_DIGITS + 1 + 64 + 1;

/// Where the generations are kept. Clones share the state key, so the checks before an open
/// and the record after its commit read it once.
#[derive(Clone)]
pub struct Tracker {
    dir: PathBuf,
    /// The state key, read (or made) once per command.
    key: std::rc::Rc<std::cell::OnceCell<Key>>,
}

/// What the record says about a vault being opened.
pub enum Seen {
    /// No record: the first time on this machine (or the record was lost).
    Unknown,
    /// The vault is at or past the last generation seen.
    Current,
    /// The vault is older than the last generation seen.
    Older { expected: i64 },
}

impl Tracker {
    pub fn new(dir: PathBuf) -> Tracker {
        Tracker {
            dir,
            key: Default::default(),
        }
    }

    fn key(&self) -> Result<Key> {
        if let Some(k) = self.key.get() {
            return Ok(k.clone());
        }
        let k = self.load_key()?;
        Ok(self.key.get_or_init(|| k).clone())
    }

    fn load_key(&self) -> Result<Key> {
        let path = self.dir.join("state.key");
        if let Ok(bytes) = fs::read(&path) {
            if let Some(k) = Key::from_slice(&bytes) {
                return Ok(k);
            }
        }
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&self.dir)
            .map_err(|e| Error::io(self.dir.display(), e))?;
        let key = Key::random()?;
        let tmp = self.dir.join(format!("state.key.{}", std::process::id()));
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)
            .map_err(|e| Error::io(tmp.display(), e))?;
        f.write_all(key.expose())
            .map_err(|e| Error::io(tmp.display(), e))?;
        // If another process won the race, use its key.
        if fs::hard_link(&tmp, &path).is_err() {
            let _ = fs::remove_file(&tmp);
            return Key::from_slice(&fs::read(&path).map_err(|e| Error::io(path.display(), e))?)
                .ok_or_else(|| Error::general(format!("{} is damaged", path.display())));
        }
        let _ = fs::remove_file(&tmp);
        Ok(key)
    }

    fn file(&self, vault_id: &[u8]) -> PathBuf {
        self.dir
            .join("vaults")
            .join(format!("{}.generation", hex::encode(vault_id)))
    }

    fn mac(key: &Key, vault_id: &[u8], generation: i64) -> String {
        let mut f = crypto::Frame::new("tresor/rollback/v1");
        f.bytes(vault_id).i64(generation);
        hex::encode(key.mac(f.finish()))
    }

    /// The generation a record slot holds, if it verifies.
    fn slot_generation(key: &Key, vault_id: &[u8], slot: &str) -> Option<i64> {
        let mut parts = slot.split_whitespace();
        let g = parts.next()?.parse::<i64>().ok()?;
        let mac = parts.next()?;
        crypto::ct_eq(Self::mac(key, vault_id, g).as_bytes(), mac.as_bytes()).then_some(g)
    }

    /// The generations in this vault's record, per slot (`None`: empty or not verifying), and
    /// whether the record has the slots' layout. A record of one line (written by builds
    /// before the slots) reads as slot 0.
    fn generations(&self, vault_id: &[u8]) -> ([Option<i64>; 2], bool) {
        let Ok(text) = fs::read_to_string(self.file(vault_id)) else {
            return ([None, None], false);
        };
        let Ok(key) = self.key() else {
            return ([None, None], false);
        };
        let slot = |i: usize| {
            text.get(i * RECORD_SLOT_LEN..(i + 1) * RECORD_SLOT_LEN)
                .and_then(|s| Self::slot_generation(&key, vault_id, s))
        };
        if text.len() == 2 * RECORD_SLOT_LEN {
            ([slot(0), slot(1)], true)
        } else {
            let legacy = text
                .lines()
                .next()
                .and_then(|s| Self::slot_generation(&key, vault_id, s));
            ([legacy, None], false)
        }
    }

    /// Compares `generation` with the record of this vault. A record that does not verify is
    /// treated as missing.
    pub fn check(&self, vault_id: &[u8], generation: i64) -> Seen {
        match self.generations(vault_id).0.into_iter().flatten().max() {
            None => Seen::Unknown,
            Some(g) if generation < g => Seen::Older { expected: g },
            Some(_) => Seen::Current,
        }
    }

    /// Records `generation` as the last seen. Every command that writes records one, so this
    /// is on the path of every `run`: the record has two fixed-size slots written in place,
    /// the older one overwritten, so that a write torn by a crash leaves the other slot (the
    /// generation before) to read, and no temporary file, rename or truncation is needed. On
    /// ext4, replacing a file by rename (or truncating it) makes the kernel write the new
    /// data out at once (`auto_da_alloc`), which the write-then-rename of one record cost on
    /// every command (bench/README.md, "Start-up"). Recording an older generation than the
    /// record's (`--allow-rollback`) writes both slots.
    pub fn record(&self, vault_id: &[u8], generation: i64) -> Result<()> {
        use std::os::unix::fs::FileExt;
        let key = self.key()?;
        let slot = format!(
            "{generation:0GENERATION_DIGITS$} {}\n",
            Self::mac(&key, vault_id, generation)
        );
        debug_assert_eq!(slot.len(), RECORD_SLOT_LEN);
        let path = self.file(vault_id);
        let ([a, b], slotted) = self.generations(vault_id);
        if slotted && a.max(b) == Some(generation) {
            return Ok(()); // already the newest recorded (a grant holder's every open)
        }
        let writes: &[u64] = match (a, b) {
            _ if !slotted => &[0, 1],
            (Some(a), Some(b)) if generation >= a.max(b) => &[if a <= b { 0 } else { 1 }],
            (Some(a), None) if generation >= a => &[1],
            (None, Some(b)) if generation >= b => &[0],
            _ => &[0, 1],
        };
        let dir = path.parent().expect("has a parent");
        // A record that was read has its folder.
        if a.or(b).is_none() && !dir.is_dir() {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(|e| Error::io(dir.display(), e))?;
        }
        let f = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&path)
            .map_err(|e| Error::io(path.display(), e))?;
        for &i in writes {
            f.write_all_at(slot.as_bytes(), i * RECORD_SLOT_LEN as u64)
                .map_err(|e| Error::io(path.display(), e))?;
        }
        Ok(())
    }

    // ----- pinned vault keys -----

    fn pin_file(&self, what: &str) -> PathBuf {
        self.dir.join("pins").join(what)
    }

    fn pin_mac(key: &Key, what: &str, vault_id: &[u8], vault_key: &str) -> String {
        let mut f = crypto::Frame::new("tresor/pin/v1");
        f.bytes(what.as_bytes())
            .bytes(vault_id)
            .bytes(vault_key.as_bytes());
        hex::encode(key.mac(f.finish()))
    }

    /// A record, if it is there and verifies.
    fn read_pin(&self, what: &str) -> Option<Pin> {
        let text = fs::read_to_string(self.pin_file(what)).ok()?;
        let key = self.key().ok()?;
        let mut parts = text.split_whitespace();
        let (id, keys, mac) = (parts.next()?, parts.next()?, parts.next()?);
        let vault_id = hex::decode(id).ok()?;
        let expected = Self::pin_mac(&key, what, &vault_id, keys);
        crypto::ct_eq(expected.as_bytes(), mac.as_bytes()).then(|| Pin {
            vault_id,
            keys: keys.split(',').map(str::to_string).collect(),
        })
    }

    fn path_record(vault_path: &Path) -> String {
        let canonical = fs::canonicalize(vault_path).unwrap_or_else(|_| vault_path.to_path_buf());
        let digest = sha2::Sha256::digest(canonical.as_os_str().as_encoded_bytes());
        format!("path-{}", hex::encode(&digest[..16]))
    }

    /// What is pinned for the vault at `vault_path`.
    pub fn pinned_for_path(&self, vault_path: &Path) -> Option<Pin> {
        self.read_pin(&Self::path_record(vault_path))
    }

    /// What is pinned for the vault with this id (wherever it was seen).
    pub fn pinned_for_id(&self, vault_id: &[u8]) -> Option<Pin> {
        self.read_pin(&format!("id-{}", hex::encode(vault_id)))
            .filter(|p| p.vault_id == vault_id)
    }

    /// Pins `vault_keys` (one, or the old and the new one while a `rekey` commits) for the
    /// vault with this id, and for `vault_path` when given.
    pub fn pin(
        &self,
        vault_path: Option<&Path>,
        vault_id: &[u8],
        vault_keys: &[&str],
    ) -> Result<()> {
        let key = self.key()?;
        let keys = vault_keys.join(",");
        let mut records = vec![format!("id-{}", hex::encode(vault_id))];
        if let Some(p) = vault_path {
            records.push(Self::path_record(p));
        }
        for what in records {
            let text = format!(
                "{} {keys} {}\n",
                hex::encode(vault_id),
                Self::pin_mac(&key, &what, vault_id, &keys)
            );
            write_atomically(&self.pin_file(&what), &text)?;
        }
        Ok(())
    }
}

/// A pinned vault: its id and the vault keys accepted for it (two only while a `rekey`
/// commits, so that a crash between the commit and the new pin locks nobody out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pin {
    pub vault_id: Vec<u8>,
    pub keys: Vec<String>,
}

impl Pin {
    pub fn accepts(&self, vault_id: &[u8], key: &str) -> bool {
        self.vault_id == vault_id && self.keys.iter().any(|k| k == key)
    }

    /// Exactly `key` for this vault, nothing else.
    pub fn is_exactly(&self, vault_id: &[u8], key: &str) -> bool {
        self.vault_id == vault_id && self.keys.len() == 1 && self.keys[0] == key
    }

    pub fn shown(&self) -> String {
        self.keys.join(" or ")
    }
}

/// Writes `text` to `path` through a temporary file and a rename, creating the folder (0700).
fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let dir = path.parent().expect("has a parent");
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| Error::io(dir.display(), e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}", std::process::id()));
    fs::write(&tmp, text).map_err(|e| Error::io(tmp.display(), e))?;
    fs::rename(&tmp, path).map_err(|e| Error::io(path.display(), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tracker() -> (tempfile::TempDir, Tracker) {
        let dir = tempfile::tempdir().unwrap();
        let t = Tracker::new(dir.path().join("state"));
        (dir, t)
    }

    const ID: &[u8] = b"0123456789abcdef";

    fn seen(t: &Tracker, g: i64) -> &'static str {
        match t.check(ID, g) {
            Seen::Unknown => "unknown",
            Seen::Current => "current",
            Seen::Older { .. } => "older",
        }
    }

    #[test]
    fn generations_alternate_between_two_slots_in_place() {
        let (_d, t) = tracker();
        assert_eq!(seen(&t, 1), "unknown");
        for g in 1..=5 {
            t.record(ID, g).unwrap();
            assert_eq!((seen(&t, g), seen(&t, g - 1)), ("current", "older"), "{g}");
        }
        let text = fs::read_to_string(t.file(ID)).unwrap();
        assert_eq!(text.len(), 2 * RECORD_SLOT_LEN);
        // The two newest generations, one per slot.
        let mut held: Vec<i64> = text
            .lines()
            .map(|l| l.split(' ').next().unwrap().parse().unwrap())
            .collect();
        held.sort();
        assert_eq!(held, [4, 5]);
    }

    #[test]
    fn a_torn_or_altered_slot_leaves_the_other() {
        let (_d, t) = tracker();
        t.record(ID, 7).unwrap();
        t.record(ID, 8).unwrap();
        let path = t.file(ID);
        let mut bytes = fs::read(&path).unwrap();
        // Damage the slot that holds 8 as a torn write would.
        let newest = if bytes.starts_with(format!("{:020}", 8).as_bytes()) {
            0
        } else {
            RECORD_SLOT_LEN
        };
        bytes[newest + 30] ^= 1;
        fs::write(&path, &bytes).unwrap();
        assert_eq!((seen(&t, 7), seen(&t, 6)), ("current", "older"));
        // The next record overwrites the damaged slot.
        t.record(ID, 9).unwrap();
        assert_eq!((seen(&t, 9), seen(&t, 8)), ("current", "older"));
    }

    #[test]
    fn a_one_line_record_of_older_builds_is_read_and_rewritten() {
        let (_d, t) = tracker();
        let key = t.key().unwrap();
        let path = t.file(ID);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, format!("12 {}\n", Tracker::mac(&key, ID, 12))).unwrap();
        assert_eq!((seen(&t, 12), seen(&t, 11)), ("current", "older"));
        t.record(ID, 13).unwrap();
        assert_eq!((seen(&t, 13), seen(&t, 12)), ("current", "older"));
        assert_eq!(fs::read(&path).unwrap().len(), 2 * RECORD_SLOT_LEN);
    }

    #[test]
    fn recording_the_newest_generation_again_writes_nothing() {
        let (_d, t) = tracker();
        t.record(ID, 4).unwrap();
        t.record(ID, 5).unwrap();
        let before = fs::read(t.file(ID)).unwrap();
        t.record(ID, 5).unwrap();
        assert_eq!(fs::read(t.file(ID)).unwrap(), before);
        assert_eq!((seen(&t, 5), seen(&t, 4)), ("current", "older"));
    }

    #[test]
    fn recording_an_older_generation_replaces_both_slots() {
        let (_d, t) = tracker();
        t.record(ID, 20).unwrap();
        t.record(ID, 21).unwrap();
        t.record(ID, 3).unwrap(); // what --allow-rollback records
        assert_eq!((seen(&t, 3), seen(&t, 2)), ("current", "older"));
    }

    #[test]
    fn a_record_for_another_vault_id_does_not_verify() {
        let (_d, t) = tracker();
        t.record(ID, 5).unwrap();
        let other = b"fedcba9876543210";
        fs::copy(t.file(ID), t.file(other)).unwrap();
        assert!(matches!(t.check(other, 1), Seen::Unknown));
    }
}
