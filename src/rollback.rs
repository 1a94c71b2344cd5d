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

/// Where the generations are kept.
pub struct Tracker {
    dir: PathBuf,
    /// The state key, read (or made) once per command.
    key: std::cell::OnceCell<Key>,
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
            key: std::cell::OnceCell::new(),
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

    /// Compares `generation` with the record of this vault. A record that does not verify is
    /// treated as missing.
    pub fn check(&self, vault_id: &[u8], generation: i64) -> Seen {
        let Ok(text) = fs::read_to_string(self.file(vault_id)) else {
            return Seen::Unknown;
        };
        let Ok(key) = self.key() else {
            return Seen::Unknown;
        };
        let mut parts = text.split_whitespace();
        let (Some(g), Some(mac)) = (
            parts.next().and_then(|g| g.parse::<i64>().ok()),
            parts.next(),
        ) else {
            return Seen::Unknown;
        };
        if !crypto::ct_eq(Self::mac(&key, vault_id, g).as_bytes(), mac.as_bytes()) {
            return Seen::Unknown;
        }
        if generation < g {
            Seen::Older { expected: g }
        } else {
            Seen::Current
        }
    }

    /// Records `generation` as the last seen (atomically: write, then rename).
    pub fn record(&self, vault_id: &[u8], generation: i64) -> Result<()> {
        let key = self.key()?;
        let text = format!("{generation} {}\n", Self::mac(&key, vault_id, generation));
        write_atomically(&self.file(vault_id), &text)
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
