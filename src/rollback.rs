//! Rollback detection (DESIGN): the last generation seen of each vault is kept outside the
//! vault file, under `$XDG_STATE_HOME/tresor/`, MACed with a key of this user's that never
//! leaves that folder. Opening an older generation of the same vault is an integrity failure
//! (exit 4) unless `--allow-rollback`, which the audit log records.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::PathBuf;

use crate::crypto::{self, Key};
use crate::error::{Error, Result};

/// Where the generations are kept.
pub struct Tracker {
    dir: PathBuf,
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
        Tracker { dir }
    }

    fn key(&self) -> Result<Key> {
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
        let path = self.file(vault_id);
        let dir = path.parent().expect("has a parent");
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| Error::io(dir.display(), e))?;
        let tmp = dir.join(format!(".{}.{}", hex::encode(vault_id), std::process::id()));
        fs::write(
            &tmp,
            format!("{generation} {}\n", Self::mac(&key, vault_id, generation)),
        )
        .map_err(|e| Error::io(tmp.display(), e))?;
        fs::rename(&tmp, &path).map_err(|e| Error::io(path.display(), e))
    }
}
