//! Private folders in memory for the moments a secret must exist as a file: `edit` (the
//! editor's buffer) and `run --file` (a key file for the command). A folder is made 0700 under
//! `$XDG_RUNTIME_DIR` (when set and a folder) or `/dev/shm`, and that base must be RAM-backed
//! (tmpfs or ramfs): a disk-backed one is refused (exit 5) unless the caller allows it, because
//! a file on disk outlives its deletion in free blocks, journals and backups. Files are made
//! 0600 with `O_EXCL`. The folder and everything in it is removed when the value is dropped,
//! also while a panic unwinds; the callers handle signals so that drop runs on Ctrl-C and
//! SIGTERM too (only SIGKILL can leave a file behind).

use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// tmpfs and ramfs, as `statfs` names them.
const TMPFS_MAGIC: u64 = 0x0102_1994;
const RAMFS_MAGIC: u64 = 0x8584_58f6;

pub struct RamDir {
    path: PathBuf,
}

/// Where private folders go: `$XDG_RUNTIME_DIR` when it is set and a folder, else `/dev/shm`.
pub fn base() -> PathBuf {
    match std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from) {
        Some(p) if p.is_absolute() && p.is_dir() => p,
        _ => PathBuf::from("/dev/shm"),
    }
}

/// Whether `path` lives on a RAM-backed file system.
pub fn ram_backed(path: &Path) -> bool {
    rustix::fs::statfs(path).is_ok_and(|s| {
        #[allow(clippy::unnecessary_cast)]
        let t = s.f_type as u64;
        t == TMPFS_MAGIC || t == RAMFS_MAGIC
    })
}

/// The base folder for private folders, checked: it exists, and it is RAM-backed unless
/// `allow_disk` (then a warning says it is not). Call it before anything costly (an unlock)
/// so that a refusal comes first.
pub fn check_base(allow_disk: bool, flag: &str) -> Result<PathBuf> {
    let base = base();
    if !base.is_dir() {
        return Err(Error::general(format!(
            "{} does not exist: there is no private folder in memory to use",
            base.display()
        ))
        .with_hint("set XDG_RUNTIME_DIR to a folder on a tmpfs"));
    }
    if !ram_backed(&base) {
        if !allow_disk {
            return Err(Error::policy(format!(
                    "{} is not in memory (not a tmpfs): refusing to write a secret there",
                    base.display()
                ))
                .with_hint(format!(
                    "set XDG_RUNTIME_DIR to a folder on a tmpfs, or pass {flag} to accept a file on disk"
                )));
        }
        crate::ui::to_stderr(&format!(
            "warning: {} is on disk; the secret is written there for the moment ({flag})\n",
            base.display()
        ));
    }
    Ok(base)
}

impl RamDir {
    /// A new private folder in `base`, as [`check_base`] returned it.
    pub fn create_in(base: &Path) -> Result<RamDir> {
        let mut random = [0u8; 12];
        getrandom::getrandom(&mut random)
            .map_err(|e| Error::general(format!("random name: {e}")))?;
        let path = base.join(format!("tresor-{}", hex::encode(random)));
        std::fs::DirBuilder::new()
            .mode(0o700)
            .create(&path)
            .map_err(|e| Error::io(path.display(), e))?;
        Ok(RamDir { path })
    }

    /// Writes `bytes` to a new file `name` (0600) in the folder and returns its path.
    pub fn write_file(&self, name: &str, bytes: &[u8]) -> Result<PathBuf> {
        let p = self.path.join(name);
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&p)
            .map_err(|e| Error::io(p.display(), e))?;
        f.write_all(bytes)
            .and_then(|_| f.flush())
            .map_err(|e| Error::io(p.display(), e))?;
        Ok(p)
    }
}

impl Drop for RamDir {
    fn drop(&mut self) {
        // Emptied before removal: a process that still holds a file open (an editor's
        // swap file, a command's child) keeps its pages otherwise.
        if let Ok(entries) = std::fs::read_dir(&self.path) {
            for e in entries.flatten() {
                let p = e.path();
                let regular = e.file_type().is_ok_and(|t| t.is_file());
                if !regular {
                    let _ = std::fs::remove_dir_all(&p).or_else(|_| std::fs::remove_file(&p));
                    continue;
                }
                if let Ok(f) = std::fs::OpenOptions::new().write(true).open(&p) {
                    let _ = f.set_len(0);
                }
                let _ = std::fs::remove_file(&p);
            }
        }
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dev_shm_is_ram_and_the_folder_goes_away() {
        if !ram_backed(Path::new("/dev/shm")) {
            return;
        }
        let d = RamDir {
            path: PathBuf::from("/dev/shm").join(format!("tresor-test-{}", std::process::id())),
        };
        std::fs::create_dir(&d.path).unwrap();
        let f = d.write_file("x", b"abc").unwrap();
        assert!(f.exists());
        let p = d.path.clone();
        drop(d);
        assert!(!p.exists());
    }
}
