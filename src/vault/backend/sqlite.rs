//! The embedded backend: one SQLite file on this machine (doc/design.md "Storage rules"). Here
//! live what only SQLite has: the file's creation mode, its header check, the pragmas, the
//! write lock taken with `BEGIN IMMEDIATE`, and the WAL kept after reads.

use std::fs;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

use rusqlite::Connection;

use super::{Param, Row};
use crate::error::{Error, Result};

/// How large a WAL a read leaves behind (about 20 reads' audit events): see `keep_wal_on_close`.
const KEPT_WAL_LIMIT: u64 = 256 * 1024;

pub struct Sqlite {
    pub(in crate::vault) conn: Connection,
}

impl rusqlite::ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match *self {
            Param::Null(_) => ValueRef::Null,
            Param::Int(i) => ValueRef::Integer(i),
            Param::Blob(b) => ValueRef::Blob(b),
            Param::Text(t) => ValueRef::Text(t.as_bytes()),
        }))
    }
}

/// The first bytes of the file, checked before SQLite reads it: a file that is not an SQLite
/// database, or whose header says it may only be read (a damaged write-version byte), is an
/// integrity failure rather than a later, confusing "read-only database". Returns whether the
/// file is already in WAL mode (both version bytes 2), so the open need not set it again.
fn check_sqlite_header(path: &Path) -> Result<bool> {
    use std::io::Read;
    let mut head = [0u8; 20];
    let Ok(mut f) = fs::File::open(path) else {
        return Ok(false); // open() reports a missing or unreadable file itself
    };
    let n = f.read(&mut head).unwrap_or(0);
    if n == 0 {
        return Ok(false);
    }
    if n < 20
        || &head[..16] != b"SQLite format 3\0"
        || !(1..=2).contains(&head[18])
        || !(1..=2).contains(&head[19])
    {
        return Err(Error::integrity(format!(
            "{} is not a tresor vault, or its header is damaged",
            path.display()
        ))
        .with_hint("restore the vault from a backup"));
    }
    Ok(head[18] == 2 && head[19] == 2)
}

impl Sqlite {
    /// Creates a new, empty file at `path` (0600, in a 0700 folder). Refuses when it exists.
    pub fn create(path: &Path) -> Result<Sqlite> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.exists() {
                fs::DirBuilder::new()
                    .recursive(true)
                    .mode(0o700)
                    .create(dir)
                    .map_err(|e| Error::io(dir.display(), e))?;
                fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
                    .map_err(|e| Error::io(dir.display(), e))?;
            }
        }
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
            .map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    Error::general(format!("a vault already exists at {}", path.display()))
                        .with_hint(
                            "tresor never overwrites a vault; pass --vault PATH to create another",
                        )
                } else {
                    Error::io(path.display(), e)
                }
            })?;
        let db = Sqlite {
            conn: Connection::open(path)?,
        };
        db.pragmas(false)?;
        Ok(db)
    }

    /// Opens an existing file. With `first`, its header is checked first: only before this
    /// process has any SQLite connection to the file, because closing a descriptor of it
    /// releases every POSIX lock the process holds on it, SQLite's included.
    pub fn open(path: &Path, first: bool) -> Result<Sqlite> {
        let wal = first && check_sqlite_header(path)?;
        match fs::metadata(path) {
            Ok(m) if m.is_file() => {}
            Ok(_) => return Err(Error::general(format!("{} is not a file", path.display()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(
                    Error::general(format!("no vault at {}", path.display())).with_hint(
                        "create one with `tresor init`, or point --vault / TRESOR_VAULT at yours",
                    ),
                );
            }
            Err(e) => return Err(Error::io(path.display(), e)),
        }
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let db = Sqlite { conn };
        db.pragmas(wal)?;
        Ok(db)
    }

    /// Connection settings; `journal_mode = WAL` only when the file is not known to be in WAL
    /// mode already (setting it reads the file's header under a lock on every open).
    fn pragmas(&self, wal: bool) -> Result<()> {
        self.conn
            .busy_timeout(std::time::Duration::from_millis(5000))?;
        if !wal {
            self.conn.execute_batch("PRAGMA journal_mode = WAL;")?;
        }
        self.conn.execute_batch(
            "PRAGMA synchronous = FULL;
             PRAGMA secure_delete = ON;
             PRAGMA temp_store = MEMORY;
             PRAGMA foreign_keys = ON;",
        )?;
        Ok(())
    }

    /// (application id, format) from the file's header pragmas.
    pub fn ids(&self) -> Result<(i32, i32)> {
        let app: i32 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let format: i32 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok((app, format))
    }

    pub fn batch(&self, sql: &str) -> Result<()> {
        self.conn.execute_batch(sql)?;
        Ok(())
    }

    pub fn execute(&self, sql: &str, params: &[Param<'_>]) -> Result<u64> {
        let mut st = self.conn.prepare_cached(sql)?;
        Ok(st.execute(rusqlite::params_from_iter(params.iter()))? as u64)
    }

    /// The id the last `INSERT` of this connection gave its row.
    pub fn last_insert_rowid(&self) -> i64 {
        self.conn.last_insert_rowid()
    }

    pub fn query_each(
        &self,
        sql: &str,
        params: &[Param<'_>],
        each: &mut dyn FnMut(&Row<'_>) -> Result<()>,
    ) -> Result<()> {
        let mut st = self.conn.prepare_cached(sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(params.iter()))?;
        while let Some(r) = rows.next()? {
            each(&Row::Sqlite(r))?;
        }
        Ok(())
    }

    /// Writers take the write lock at once so that two processes never both read, then both
    /// try to upgrade (which SQLite would refuse).
    pub fn begin(&self, write: bool) -> Result<()> {
        // Rows reference each other (versions → secrets → environments) and are written
        // child first; the foreign keys are checked at commit.
        self.batch(if write {
            "BEGIN IMMEDIATE; PRAGMA defer_foreign_keys = ON;"
        } else {
            "BEGIN"
        })
    }

    /// Keeps the WAL at close instead of checkpointing it, while it is small: for commands
    /// that only appended an audit event, so a read does not pay for a checkpoint's fsync.
    /// Once it holds more than `KEPT_WAL_LIMIT` bytes the close checkpoints and removes it as
    /// usual: the first connection of every process re-reads (and checksums) the whole WAL to
    /// rebuild its index, and that recovery also forgets what was already checkpointed, so a
    /// WAL that only readers touched would never restart and would grow without bound
    /// (measured: 15 MB after 1,000 `run`s, each `run` twice as slow as with no WAL).
    pub fn keep_wal_on_close(&self) {
        let wal_len = self
            .conn
            .path()
            .and_then(|p| fs::metadata(format!("{p}-wal")).ok())
            .map_or(0, |m| m.len());
        if wal_len <= KEPT_WAL_LIMIT {
            let _ = self.conn.set_db_config(
                rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
                true,
            );
        }
    }
}
