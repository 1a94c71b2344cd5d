//! The vault's rows as storage sees them: schema, migrations and plain row reads and writes,
//! in SQL written once for both backends (an SQLite file or a PostgreSQL database, see
//! `backend`). No cryptography happens here; every blob this module handles is already sealed
//! or is a MAC, id or date (doc/design.md "Storage rules").

use super::backend::{self, Db, Row, params};
use super::location::Location;
use crate::error::{Error, Result};

/// `PRAGMA application_id`: "tsr1".
pub const APPLICATION_ID: i32 = 0x7473_7231;
/// `PRAGMA user_version`: the on-disk format this build writes. Formats 1 and 2 are read only
/// to be upgraded (`vault::upgrade`).
pub const FORMAT: i32 = 3;

pub type Id = [u8; 16];
pub type Mac = [u8; 32];
/// A secret, its latest version, and the version before it when that one is in a grace period.
pub type LatestRow = (SecretRow, VersionRow, Option<VersionRow>);

const SCHEMA: &str = r#"
CREATE TABLE header (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    format      INTEGER NOT NULL,
    vault_id    BLOB NOT NULL,
    generation  INTEGER NOT NULL,
    created     INTEGER NOT NULL,
    summary     BLOB NOT NULL,
    audit_seq   INTEGER NOT NULL,
    audit_head  BLOB NOT NULL,
    mac         BLOB NOT NULL
);
CREATE TABLE slots (
    id          BLOB PRIMARY KEY,
    kind        INTEGER NOT NULL,
    env_id      BLOB,
    label       TEXT NOT NULL,
    recipient   TEXT NOT NULL,
    kdf         BLOB,
    wrapped     BLOB NOT NULL,
    created     INTEGER NOT NULL,
    expires_at  INTEGER,
    mac         BLOB NOT NULL
);
CREATE TABLE envs (
    id          BLOB PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    epoch       INTEGER NOT NULL,
    wrapped_key BLOB NOT NULL,
    created     INTEGER NOT NULL,
    count       INTEGER NOT NULL,
    summary     BLOB NOT NULL,
    mac         BLOB NOT NULL
);
CREATE TABLE secrets (
    id          BLOB PRIMARY KEY,
    env_id      BLOB NOT NULL REFERENCES envs(id),
    name_tag    BLOB NOT NULL,
    name_ct     BLOB NOT NULL,
    created     INTEGER NOT NULL,
    latest      INTEGER NOT NULL,
    count       INTEGER NOT NULL,
    summary     BLOB NOT NULL,
    latest_mac  BLOB NOT NULL,
    due_at      INTEGER,
    mac         BLOB NOT NULL,
    UNIQUE (env_id, name_tag)
);
CREATE INDEX secrets_due ON secrets (env_id, due_at) WHERE due_at IS NOT NULL;
CREATE TABLE versions (
    secret_id   BLOB NOT NULL REFERENCES secrets(id),
    version     INTEGER NOT NULL,
    created     INTEGER NOT NULL,
    origin      INTEGER NOT NULL,
    state       INTEGER NOT NULL,
    expires_at  INTEGER,
    rotate_at   INTEGER,
    grace_until INTEGER,
    value       BLOB NOT NULL,
    meta        BLOB NOT NULL,
    mac         BLOB NOT NULL,
    PRIMARY KEY (secret_id, version)
) WITHOUT ROWID;
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    chain       INTEGER NOT NULL,
    env_id      BLOB,
    seq         INTEGER NOT NULL,
    time        INTEGER NOT NULL,
    body        BLOB NOT NULL,
    mac         BLOB NOT NULL
);
CREATE INDEX audit_by_chain ON audit (chain, env_id, seq);
"#;

/// Formats 1 and 2: the index that the XOR summaries of secret MACs were read through.
const LEGACY_INDEX: &str = "CREATE INDEX secrets_by_env ON secrets (env_id, mac);";

/// Format 2: every environment's latest values, sealed in buckets (see `vault::snapshot`).
const SNAPSHOT_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS snapshots (
    env_id      BLOB NOT NULL,
    bucket      INTEGER NOT NULL,
    count       INTEGER NOT NULL,
    summary     BLOB NOT NULL,
    sealed      BLOB NOT NULL,
    PRIMARY KEY (env_id, bucket)
) WITHOUT ROWID;
";

/// Format 3: the (id, MAC) index that bucket digests are computed from, the digest of every
/// non-empty bucket of secret ids, and the owner-signed statement of every environment that
/// grant holders check (see `vault::digest` and `vault::statement`).
const FORMAT3_SCHEMA: &str = "
CREATE INDEX secrets_by_bucket ON secrets (env_id, id, mac);
CREATE TABLE buckets (
    env_id      BLOB NOT NULL,
    bucket      INTEGER NOT NULL,
    count       INTEGER NOT NULL,
    digest      BLOB NOT NULL,
    PRIMARY KEY (env_id, bucket)
) WITHOUT ROWID;
CREATE TABLE statements (
    env_id      BLOB PRIMARY KEY,
    generation  INTEGER NOT NULL,
    grants      BLOB NOT NULL,
    key_hash    BLOB NOT NULL,
    signer      BLOB NOT NULL,
    signature   BLOB NOT NULL
) WITHOUT ROWID;
";

/// The rows of `sqlite_master` that have no SQL text (the indexes behind PRIMARY KEY and
/// UNIQUE constraints of rowid tables): slots, envs ×2, secrets ×2.
const AUTOINDEXES: i64 = 5;

/// The schema statements of `format`, as SQLite keeps them in `sqlite_master.sql`.
fn expected_schema(format: i32) -> Vec<String> {
    let mut parts = vec![SCHEMA];
    match format {
        1 => parts.push(LEGACY_INDEX),
        2 => parts.extend([LEGACY_INDEX, SNAPSHOT_SCHEMA]),
        _ => parts.extend([SNAPSHOT_SCHEMA, FORMAT3_SCHEMA]),
    }
    let mut out: Vec<String> = parts
        .iter()
        .flat_map(|p| p.split(';'))
        .map(|s| s.trim().replace("IF NOT EXISTS ", ""))
        .filter(|s| !s.is_empty())
        .collect();
    out.sort();
    out
}

/// A (bucket, count, digest) row of an environment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BucketRow {
    pub bucket: i64,
    pub count: i64,
    pub digest: Mac,
}

/// The owner's signed statement of an environment (see `vault::statement`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementRow {
    pub env_id: Id,
    pub generation: i64,
    /// (grant slot id, expiry or i64::MIN) of every grant of the environment, encoded.
    pub grants: Vec<u8>,
    pub key_hash: Mac,
    pub signer: [u8; 32],
    pub signature: Vec<u8>,
}

#[derive(Clone, Debug)]
pub struct HeaderRow {
    pub format: i64,
    pub vault_id: Id,
    pub generation: i64,
    pub created: i64,
    pub summary: Mac,
    pub audit_seq: i64,
    pub audit_head: Mac,
    pub mac: Mac,
}

/// What a slot wraps and how (`slots.kind` in the file).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SlotKind {
    /// The root key and the passphrase factor, under an Argon2id-stretched passphrase.
    Passphrase = 1,
    /// The root key, to a full-access age recipient.
    Recipient = 2,
    /// One environment's key, to a read-only grant holder's recipient.
    Grant = 3,
    /// A protected environment's second-factor secret, to its recipient.
    Protect = 4,
}

impl SlotKind {
    fn from_i64(v: i64) -> Option<SlotKind> {
        Some(match v {
            1 => SlotKind::Passphrase,
            2 => SlotKind::Recipient,
            3 => SlotKind::Grant,
            4 => SlotKind::Protect,
            _ => return None,
        })
    }
}

/// What was decided about a version (`versions.state`), as opposed to what time makes of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VersionState {
    Active = 0,
    Revoked = 1,
}

impl VersionState {
    fn from_i64(v: i64) -> Option<VersionState> {
        match v {
            0 => Some(VersionState::Active),
            1 => Some(VersionState::Revoked),
            _ => None,
        }
    }
}

/// A column that holds one of an enum's values: anything else is a damaged row.
fn known<T>(v: Option<T>, what: &str) -> Result<T> {
    v.ok_or_else(|| {
        Error::integrity(format!(
            "the vault's storage holds a damaged row (unknown {what})"
        ))
        .with_hint("restore the vault from a backup")
    })
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotRow {
    pub id: Id,
    pub kind: SlotKind,
    pub env_id: Option<Id>,
    pub label: String,
    pub recipient: String,
    pub kdf: Option<Vec<u8>>,
    pub wrapped: Vec<u8>,
    pub created: i64,
    pub expires_at: Option<i64>,
    pub mac: Mac,
}

impl SlotRow {
    /// A slot to be MACed when it is stored (`Vault::put_slot`): of `kind`, wrapping
    /// `wrapped`, labelled and addressed to a recipient (empty for the passphrase slot), for
    /// one environment or the whole vault.
    fn new(id: Id, kind: SlotKind, wrapped: Vec<u8>, created: i64) -> SlotRow {
        SlotRow {
            id,
            kind,
            env_id: None,
            label: String::new(),
            recipient: String::new(),
            kdf: None,
            wrapped,
            created,
            expires_at: None,
            mac: [0; 32],
        }
    }

    /// The passphrase slot: its KDF parameters and the sealed root key and passphrase factor.
    pub fn passphrase(id: Id, kdf: Vec<u8>, wrapped: Vec<u8>, created: i64) -> SlotRow {
        SlotRow {
            label: "passphrase".into(),
            kdf: Some(kdf),
            ..SlotRow::new(id, SlotKind::Passphrase, wrapped, created)
        }
    }

    /// A full-access recipient's slot.
    pub fn recipient(
        id: Id,
        label: &str,
        recipient: &str,
        wrapped: Vec<u8>,
        created: i64,
    ) -> SlotRow {
        SlotRow {
            label: label.into(),
            recipient: recipient.into(),
            ..SlotRow::new(id, SlotKind::Recipient, wrapped, created)
        }
    }

    /// A read-only grant of environment `env_id`.
    pub fn grant(
        id: Id,
        env_id: Id,
        (label, recipient): (&str, &str),
        wrapped: Vec<u8>,
        created: i64,
        expires_at: Option<i64>,
    ) -> SlotRow {
        SlotRow {
            env_id: Some(env_id),
            label: label.into(),
            recipient: recipient.into(),
            expires_at,
            ..SlotRow::new(id, SlotKind::Grant, wrapped, created)
        }
    }

    /// The second factor of protected environment `env_id`.
    pub fn protection(
        id: Id,
        env_id: Id,
        (label, recipient): (&str, &str),
        wrapped: Vec<u8>,
        created: i64,
    ) -> SlotRow {
        SlotRow {
            env_id: Some(env_id),
            label: label.into(),
            recipient: recipient.into(),
            ..SlotRow::new(id, SlotKind::Protect, wrapped, created)
        }
    }
}

#[derive(Clone, Debug)]
pub struct EnvRow {
    pub id: Id,
    pub name: String,
    pub epoch: i64,
    pub wrapped_key: Vec<u8>,
    pub created: i64,
    pub count: i64,
    pub summary: Mac,
    pub mac: Mac,
}

#[derive(Clone, Debug)]
pub struct SecretRow {
    pub id: Id,
    pub env_id: Id,
    pub name_tag: Mac,
    pub name_ct: Vec<u8>,
    pub created: i64,
    pub latest: i64,
    pub count: i64,
    pub summary: Mac,
    /// The MAC of the latest version's row: reading the latest value needs no scan of the
    /// older versions to know it is not a replayed copy.
    pub latest_mac: Mac,
    /// When the latest version next needs attention (expiry or rotation), for reminders.
    pub due_at: Option<i64>,
    pub mac: Mac,
}

/// One audit event as stored: which chain it belongs to, its place in it, and its sealed body.
#[derive(Clone, Debug)]
pub struct AuditRow {
    pub id: i64,
    pub chain: i64,
    pub env_id: Option<Id>,
    pub seq: i64,
    pub time: i64,
    pub body: Vec<u8>,
    pub mac: Vec<u8>,
}

#[derive(Clone, Debug)]
pub struct VersionRow {
    pub secret_id: Id,
    pub version: i64,
    pub created: i64,
    pub origin: i64,
    pub state: VersionState,
    pub expires_at: Option<i64>,
    pub rotate_at: Option<i64>,
    pub grace_until: Option<i64>,
    pub value: Vec<u8>,
    pub meta: Vec<u8>,
    pub mac: Mac,
}

/// One bucket of an environment's snapshot: the sealed entries of the secrets whose id starts
/// with the bucket's byte, with their count and the XOR of their secret-row MACs in the clear
/// (both also in the AEAD's associated data).
#[derive(Clone, Debug)]
pub struct SnapshotRow {
    pub env_id: Id,
    pub bucket: i64,
    pub count: i64,
    pub summary: Mac,
    pub sealed: Vec<u8>,
}

impl SnapshotRow {
    pub fn view(&self) -> SnapshotView<'_> {
        SnapshotView {
            bucket: self.bucket,
            count: self.count,
            summary: self.summary,
            sealed: &self.sealed,
        }
    }
}

/// A snapshot row of a known environment as a reader gets it: the sealed blob borrowed.
pub struct SnapshotView<'a> {
    pub bucket: i64,
    pub count: i64,
    pub summary: Mac,
    pub sealed: &'a [u8],
}

/// An open vault database. Every command runs in one transaction: [`Store::begin`] then
/// [`Store::commit`]; dropping without commit rolls back.
pub struct Store {
    db: Db,
    in_tx: bool,
    write_tx: bool,
    /// The vault's format (`PRAGMA user_version`, or the PostgreSQL marker).
    format: i32,
}

fn blob<const N: usize>(v: Vec<u8>) -> Result<[u8; N]> {
    backend::fixed(v)
}

fn opt_blob<const N: usize>(v: Option<Vec<u8>>) -> Result<Option<[u8; N]>> {
    v.map(blob).transpose()
}

impl Store {
    /// Creates a new, empty vault (a file 0600 in a 0700 folder, or the tables in an empty
    /// PostgreSQL schema) with its schema, inside the write transaction. Refuses an existing
    /// one.
    pub fn create(at: impl Into<Location>) -> Result<Store> {
        let at = at.into();
        let path = match &at {
            Location::File(p) => p,
            Location::Postgres(t) => {
                let db = Db::Postgres(Box::new(backend::postgres::Pg::create(t, FORMAT)?));
                return Ok(Store {
                    db,
                    in_tx: true,
                    write_tx: true,
                    format: FORMAT,
                });
            }
        };
        let mut store = Store {
            db: Db::Sqlite(backend::sqlite::Sqlite::create(path)?),
            in_tx: false,
            write_tx: false,
            format: FORMAT,
        };
        store.begin(true)?;
        let sqlite = store.sqlite();
        sqlite.batch(SCHEMA)?;
        sqlite.batch(SNAPSHOT_SCHEMA)?;
        sqlite.batch(FORMAT3_SCHEMA)?;
        sqlite.batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {FORMAT};"
        ))?;
        Ok(store)
    }

    /// Whether a vault (or, for a path, any file) is at `at`, asked before `init` asks for a
    /// passphrase; a server that cannot be reached is an error here already.
    pub fn exists(at: &Location) -> Result<bool> {
        match at {
            Location::File(p) => Ok(p.exists()),
            Location::Postgres(t) => backend::postgres::Pg::holds_vault(t),
        }
    }

    /// Opens an existing vault and checks that it is one, of a format this build reads.
    pub fn open(at: impl Into<Location>) -> Result<Store> {
        Self::open_connection(&at.into(), true)
    }

    /// A second connection to a vault this process already has open. Never reads the file
    /// outside SQLite (see `Sqlite::open`).
    pub fn open_another(at: impl Into<Location>) -> Result<Store> {
        Self::open_connection(&at.into(), false)
    }

    fn open_connection(at: &Location, first: bool) -> Result<Store> {
        let (db, app, format) = match at {
            Location::File(path) => {
                let db = backend::sqlite::Sqlite::open(path, first)?;
                let (app, format) = db.ids()?;
                (Db::Sqlite(db), app, format)
            }
            Location::Postgres(t) => {
                let (db, format) = backend::postgres::Pg::open(t)?;
                (Db::Postgres(Box::new(db)), APPLICATION_ID, format)
            }
        };
        let shown = at.key().display();
        if app != APPLICATION_ID {
            return Err(Error::integrity(format!(
                "{shown} is not a tresor vault, or its header is damaged",
            )));
        }
        if format > FORMAT {
            return Err(Error::general(format!(
                "{shown} was written by a newer tresor (vault format {format}; this build reads up to {FORMAT})",
            ))
            .with_hint("upgrade tresor to open this vault"));
        }
        if format < 1 || (format < FORMAT && !db.is_sqlite()) {
            return Err(Error::integrity(format!(
                "{shown} has an invalid format number ({format})",
            )));
        }
        Ok(Store {
            db,
            in_tx: false,
            write_tx: false,
            format,
        })
    }

    /// The connection, for row-level work outside this file (`vault::copy`).
    pub(super) fn db(&self) -> &Db {
        &self.db
    }

    /// The SQLite connection of a file vault (only called on paths that created or opened one).
    fn sqlite(&self) -> &backend::sqlite::Sqlite {
        self.db.sqlite().expect("a file vault")
    }

    /// Runs SQL as is: for tests that build an older or damaged file.
    #[cfg(test)]
    pub fn execute_for_tests(&mut self, sql: &str) -> Result<()> {
        self.sqlite().batch(sql)?;
        self.format = self.sqlite().ids()?.1;
        Ok(())
    }

    /// The file's format: 1, 2 (environment snapshots) or 3 (hashed summaries, signed
    /// environment statements).
    pub fn format(&self) -> i32 {
        self.format
    }

    /// Refuses a file whose schema is not exactly the one tresor writes for its format: a
    /// dropped PRIMARY KEY or UNIQUE constraint would let duplicate rows in, and a trigger,
    /// view or extra index could change what a read returns (exit 4).
    pub fn check_schema(&self) -> Result<()> {
        if let Db::Postgres(pg) = &self.db {
            return pg.check_schema();
        }
        // Objects without SQL are the automatic indexes of UNIQUE and PRIMARY KEY constraints.
        let all: Vec<Option<String>> =
            self.db
                .query_map("SELECT sql FROM sqlite_master", params![], |r| {
                    r.get::<Option<String>>(0)
                })?;
        let unnamed = all.iter().filter(|s| s.is_none()).count() as i64;
        let mut found: Vec<String> = all.into_iter().flatten().collect();
        found.sort();
        let legacy = self.format < FORMAT;
        // Formats 1 and 2 were written by builds whose schema text varied; they are checked
        // for foreign objects here and row by row (duplicates included) by the upgrade.
        let ok = if legacy {
            found.iter().all(|s| {
                s.starts_with("CREATE TABLE ")
                    || s.starts_with("CREATE INDEX ") && !s.contains(" WHERE ")
                    || s.starts_with("CREATE INDEX secrets_due ")
            })
        } else {
            found == expected_schema(self.format) && unnamed == AUTOINDEXES
        };
        if !ok {
            return Err(Error::integrity(
                "the vault's schema is not the one tresor writes (a constraint, table, index, trigger or view was changed)",
            )
            .with_hint("the vault file was altered; restore it from a backup"));
        }
        Ok(())
    }

    /// Formats 1 and 2 → 3 inside the open write transaction: the new tables and index, and
    /// the new number (the caller verifies every row first and fills the tables before it
    /// commits). Only files have older formats.
    pub fn upgrade_schema(&mut self) -> Result<()> {
        let sqlite = self.sqlite();
        sqlite.batch("DROP INDEX IF EXISTS secrets_by_env; DROP TABLE IF EXISTS snapshots;")?;
        sqlite.batch(SNAPSHOT_SCHEMA)?;
        sqlite.batch(FORMAT3_SCHEMA)?;
        sqlite.batch(&format!("PRAGMA user_version = {FORMAT};"))?;
        self.format = FORMAT;
        self.check_schema()
    }

    /// Starts the command's transaction. Writers take the write lock at once (SQLite's, or the
    /// vault's advisory lock on PostgreSQL) so that two processes never both read, then both
    /// write.
    pub fn begin(&mut self, write: bool) -> Result<()> {
        self.db.begin(write)?;
        self.in_tx = true;
        self.write_tx = write;
        Ok(())
    }

    pub fn commit(&mut self) -> Result<()> {
        if self.in_tx {
            self.db.commit()?;
            self.in_tx = false;
            self.write_tx = false;
        }
        Ok(())
    }

    /// Lowers durability for commits that only record a read (doc/design.md: an audit event of a
    /// read survives a process crash, not a power cut; on PostgreSQL, not a server crash).
    pub fn relaxed_sync(&self) -> Result<()> {
        match &self.db {
            Db::Sqlite(s) => s.batch("PRAGMA synchronous = NORMAL")?,
            Db::Postgres(p) => p.relax(),
        }
        Ok(())
    }

    /// SQLite: keeps a small WAL at close after a read (see `Sqlite::keep_wal_on_close`).
    pub fn keep_wal_on_close(&self) {
        if let Some(s) = self.db.sqlite() {
            s.keep_wal_on_close();
        }
    }

    /// Whether the open transaction holds the write lock.
    pub fn in_write_transaction(&self) -> bool {
        self.in_tx && self.write_tx
    }

    pub fn delete_owner_audit(&self) -> Result<()> {
        self.db
            .execute("DELETE FROM audit WHERE chain = 0", params![])?;
        Ok(())
    }

    pub fn delete_audit(&self, id: i64) -> Result<()> {
        self.db
            .execute("DELETE FROM audit WHERE id = ?1", params![id])?;
        Ok(())
    }

    // ----- audit -----

    /// Appends an audit row after the last one (the caller holds the write lock, so ids
    /// follow commit order on both backends).
    pub fn append_audit(&self, a: &AuditRow) -> Result<i64> {
        if let Some(s) = self.db.sqlite() {
            // An INTEGER PRIMARY KEY left out gets the largest id plus one: the id the
            // statement below computes, from a statement cheaper to compile (no subquery, and
            // no RETURNING, which SQLite builds as a trigger), on every `run`.
            s.execute(
                "INSERT INTO audit (chain, env_id, seq, time, body, mac) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![a.chain, a.env_id, a.seq, a.time, a.body, a.mac],
            )?;
            return Ok(s.last_insert_rowid());
        }
        self.db
            .query_row(
                "INSERT INTO audit (id, chain, env_id, seq, time, body, mac)
                 VALUES ((SELECT coalesce(max(id), 0) + 1 FROM audit), ?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
                params![a.chain, a.env_id, a.seq, a.time, a.body, a.mac],
                |r| r.get(0),
            )?
            .ok_or_else(|| Error::general("the audit event was not stored"))
    }

    /// Every audit row, in the order written.
    pub fn audit_rows(&self) -> Result<Vec<AuditRow>> {
        self.audit_rows_where("")
    }

    /// The rows of every chain but the owner's (`CHAIN_OWNER`, 0), oldest first: what the next
    /// full-access write adopts, the same rows `audit verify` counts as pending (a row someone
    /// wrote with a negative chain included). Read through the `audit_by_chain` index (two
    /// ranges: SQLite uses no index for `<>`), so a command does not pay for the whole log,
    /// which grows with every command.
    pub fn pending_audit_rows(&self) -> Result<Vec<AuditRow>> {
        self.audit_rows_where("INDEXED BY audit_by_chain WHERE chain > 0 OR chain < 0")
    }

    fn audit_rows_where(&self, filter: &str) -> Result<Vec<AuditRow>> {
        self.db.query_map(
            &format!(
                "SELECT id, chain, env_id, seq, time, body, mac FROM audit {filter} ORDER BY id"
            ),
            params![],
            |r| {
                Ok(AuditRow {
                    id: r.get(0)?,
                    chain: r.get(1)?,
                    env_id: opt_blob(r.get(2)?)?,
                    seq: r.get(3)?,
                    time: r.get(4)?,
                    body: r.get(5)?,
                    mac: r.get(6)?,
                })
            },
        )
    }

    /// The last (seq, mac) of a chain of an environment, if it has any event.
    pub fn last_audit(&self, chain: i64, env_id: Option<&Id>) -> Result<Option<(i64, Vec<u8>)>> {
        let f = |r: &Row<'_>| Ok((r.get(0)?, r.get(1)?));
        match env_id {
            Some(env_id) => self.db.query_row(
                "SELECT seq, mac FROM audit WHERE chain = ?1 AND env_id = ?2 ORDER BY seq DESC LIMIT 1",
                params![chain, env_id],
                f,
            ),
            None => self.db.query_row(
                "SELECT seq, mac FROM audit WHERE chain = ?1 AND env_id IS NULL ORDER BY seq DESC LIMIT 1",
                params![chain],
                f,
            ),
        }
    }

    // ----- header -----

    pub fn header(&self) -> Result<HeaderRow> {
        self.db
            .query_row(
                "SELECT format, vault_id, generation, created, summary, audit_seq, audit_head, mac
                 FROM header WHERE id = 1",
                params![],
                |r| {
                    Ok(HeaderRow {
                        format: r.get(0)?,
                        vault_id: blob(r.get(1)?)?,
                        generation: r.get(2)?,
                        created: r.get(3)?,
                        summary: blob(r.get(4)?)?,
                        audit_seq: r.get(5)?,
                        audit_head: blob(r.get(6)?)?,
                        mac: blob(r.get(7)?)?,
                    })
                },
            )?
            .ok_or_else(|| {
                Error::integrity("the vault has no header row: it is damaged or was tampered with")
            })
    }

    /// Every commit rewrites the one header row: an `UPDATE` (a cheaper statement to compile
    /// than the upsert, on every `run`), and an `INSERT` only when the row is not there yet.
    pub fn put_header(&self, h: &HeaderRow) -> Result<()> {
        let updated = self.db.execute(
            "UPDATE header SET format = ?1, vault_id = ?2, generation = ?3, created = ?4, summary = ?5, audit_seq = ?6, audit_head = ?7, mac = ?8 WHERE id = 1",
            params![h.format, h.vault_id, h.generation, h.created, h.summary, h.audit_seq, h.audit_head, h.mac],
        )?;
        if updated == 1 {
            return Ok(());
        }
        self.db.execute(
            "INSERT INTO header (id, format, vault_id, generation, created, summary, audit_seq, audit_head, mac)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (id) DO UPDATE SET format = excluded.format, vault_id = excluded.vault_id, generation = excluded.generation, created = excluded.created, summary = excluded.summary, audit_seq = excluded.audit_seq, audit_head = excluded.audit_head, mac = excluded.mac",
            params![h.format, h.vault_id, h.generation, h.created, h.summary, h.audit_seq, h.audit_head, h.mac],
        )?;
        Ok(())
    }

    // ----- slots -----

    pub fn slots(&self) -> Result<Vec<SlotRow>> {
        self.db.query_map(
            "SELECT id, kind, env_id, label, recipient, kdf, wrapped, created, expires_at, mac FROM slots ORDER BY created, id",
            params![],
            |r| {
                Ok(SlotRow {
                    id: blob(r.get(0)?)?,
                    kind: known(SlotKind::from_i64(r.get(1)?), "slot kind")?,
                    env_id: opt_blob(r.get(2)?)?,
                    label: r.get(3)?,
                    recipient: r.get(4)?,
                    kdf: r.get(5)?,
                    wrapped: r.get(6)?,
                    created: r.get(7)?,
                    expires_at: r.get(8)?,
                    mac: blob(r.get(9)?)?,
                })
            },
        )
    }

    pub fn put_slot(&self, s: &SlotRow) -> Result<()> {
        self.db.execute(
            "INSERT INTO slots (id, kind, env_id, label, recipient, kdf, wrapped, created, expires_at, mac)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, env_id = excluded.env_id, label = excluded.label, recipient = excluded.recipient, kdf = excluded.kdf, wrapped = excluded.wrapped, created = excluded.created, expires_at = excluded.expires_at, mac = excluded.mac",
            params![s.id, s.kind as i64, s.env_id, s.label, s.recipient, s.kdf, s.wrapped, s.created, s.expires_at, s.mac],
        )?;
        Ok(())
    }

    pub fn delete_slot(&self, id: &Id) -> Result<()> {
        self.db
            .execute("DELETE FROM slots WHERE id = ?1", params![id])?;
        Ok(())
    }

    // ----- environments -----

    pub fn envs(&self) -> Result<Vec<EnvRow>> {
        self.db.query_map(
            "SELECT id, name, epoch, wrapped_key, created, count, summary, mac FROM envs ORDER BY created, name",
            params![],
            |r| {
                Ok(EnvRow {
                    id: blob(r.get(0)?)?,
                    name: r.get(1)?,
                    epoch: r.get(2)?,
                    wrapped_key: r.get(3)?,
                    created: r.get(4)?,
                    count: r.get(5)?,
                    summary: blob(r.get(6)?)?,
                    mac: blob(r.get(7)?)?,
                })
            },
        )
    }

    pub fn put_env(&self, e: &EnvRow) -> Result<()> {
        self.db.execute(
            "INSERT INTO envs (id, name, epoch, wrapped_key, created, count, summary, mac)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, epoch = excluded.epoch, wrapped_key = excluded.wrapped_key, created = excluded.created, count = excluded.count, summary = excluded.summary, mac = excluded.mac",
            params![e.id, e.name, e.epoch, e.wrapped_key, e.created, e.count, e.summary, e.mac],
        )?;
        Ok(())
    }

    pub fn delete_env(&self, id: &Id) -> Result<()> {
        self.db.execute(
            "DELETE FROM versions WHERE secret_id IN (SELECT id FROM secrets WHERE env_id = ?1)",
            params![id],
        )?;
        self.db
            .execute("DELETE FROM secrets WHERE env_id = ?1", params![id])?;
        self.db
            .execute("DELETE FROM envs WHERE id = ?1", params![id])?;
        if self.format >= 2 {
            self.delete_snapshots(id)?;
        }
        if self.format >= 3 {
            self.db
                .execute("DELETE FROM buckets WHERE env_id = ?1", params![id])?;
            self.db
                .execute("DELETE FROM statements WHERE env_id = ?1", params![id])?;
        }
        Ok(())
    }

    // ----- bucket digests and statements (format 3) -----

    /// The digest rows of an environment's non-empty buckets, in bucket order.
    pub fn buckets(&self, env_id: &Id) -> Result<Vec<BucketRow>> {
        self.db.query_map(
            "SELECT bucket, count, digest FROM buckets WHERE env_id = ?1 ORDER BY bucket",
            params![env_id],
            |r| {
                Ok(BucketRow {
                    bucket: r.get(0)?,
                    count: r.get(1)?,
                    digest: blob(r.get(2)?)?,
                })
            },
        )
    }

    pub fn put_bucket(&self, env_id: &Id, b: &BucketRow) -> Result<()> {
        self.db.execute(
            "INSERT INTO buckets (env_id, bucket, count, digest) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (env_id, bucket) DO UPDATE SET count = excluded.count, digest = excluded.digest",
            params![env_id, b.bucket, b.count, b.digest],
        )?;
        Ok(())
    }

    pub fn delete_bucket(&self, env_id: &Id, bucket: i64) -> Result<()> {
        self.db.execute(
            "DELETE FROM buckets WHERE env_id = ?1 AND bucket = ?2",
            params![env_id, bucket],
        )?;
        Ok(())
    }

    pub fn delete_buckets(&self, env_id: &Id) -> Result<()> {
        self.db
            .execute("DELETE FROM buckets WHERE env_id = ?1", params![env_id])?;
        Ok(())
    }

    /// (id, stored MAC) of the secrets of an environment whose id starts with byte `bucket`,
    /// in id order: what the bucket's digest is computed from.
    pub fn bucket_members(&self, env_id: &Id, bucket: i64) -> Result<Vec<(Id, Mac)>> {
        let lo = [bucket as u8];
        let f = |r: &Row<'_>| Ok((blob(r.get(0)?)?, blob(r.get(1)?)?));
        // Two statements, so that SQLite bounds the index range on both sides (an `OR` in
        // the upper bound made it scan from the bucket to the end of the environment).
        if bucket < 255 {
            let hi = [bucket as u8 + 1];
            self.db.query_map(
                "SELECT id, mac FROM secrets INDEXED BY secrets_by_bucket
                 WHERE env_id = ?1 AND id >= ?2 AND id < ?3 ORDER BY id",
                params![env_id, &lo[..], &hi[..]],
                f,
            )
        } else {
            self.db.query_map(
                "SELECT id, mac FROM secrets INDEXED BY secrets_by_bucket
                 WHERE env_id = ?1 AND id >= ?2 ORDER BY id",
                params![env_id, &lo[..]],
                f,
            )
        }
    }

    /// (id, stored MAC) of every secret of an environment, in id order, read from the table
    /// itself (not an index): what a full check of the environment's set is computed from.
    pub fn secret_members(&self, env_id: &Id) -> Result<Vec<(Id, Mac)>> {
        self.db.query_map(
            "SELECT id, mac FROM secrets NOT INDEXED WHERE env_id = ?1 ORDER BY id",
            params![env_id],
            |r| Ok((blob(r.get(0)?)?, blob(r.get(1)?)?)),
        )
    }

    /// Every (id, stored MAC) of an environment in id order through the (env, id, MAC)
    /// index, handed to `each` as read: one pass over a covering index, nothing collected.
    pub fn each_secret_member(
        &self,
        env_id: &Id,
        mut each: impl FnMut(&Id, &Mac) -> Result<()>,
    ) -> Result<()> {
        self.db.query_each(
            "SELECT id, mac FROM secrets INDEXED BY secrets_by_bucket WHERE env_id = ?1 ORDER BY id",
            params![env_id],
            &mut |r| {
                let (id, mac): (Id, Mac) = (blob(r.get(0)?)?, blob(r.get(1)?)?);
                each(&id, &mac)
            },
        )
    }

    pub fn statement(&self, env_id: &Id) -> Result<Option<StatementRow>> {
        self.db.query_row(
            "SELECT env_id, generation, grants, key_hash, signer, signature FROM statements WHERE env_id = ?1",
            params![env_id],
            |r| {
                Ok(StatementRow {
                    env_id: blob(r.get(0)?)?,
                    generation: r.get(1)?,
                    grants: r.get(2)?,
                    key_hash: blob(r.get(3)?)?,
                    signer: blob(r.get(4)?)?,
                    signature: r.get(5)?,
                })
            },
        )
    }

    pub fn put_statement(&self, s: &StatementRow) -> Result<()> {
        self.db.execute(
            "INSERT INTO statements (env_id, generation, grants, key_hash, signer, signature)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (env_id) DO UPDATE SET generation = excluded.generation, grants = excluded.grants, key_hash = excluded.key_hash, signer = excluded.signer, signature = excluded.signature",
            params![s.env_id, s.generation, s.grants, s.key_hash, s.signer, s.signature],
        )?;
        Ok(())
    }

    // ----- snapshots (format 2) -----

    /// Every snapshot bucket of an environment, in bucket order, handed to `each` one at a
    /// time (at 100,000 secrets they hold 19 MB together; `list` and `run` need one at once).
    /// SQLite streams them; PostgreSQL's rows arrive whole first (see `Pg::query_each`).
    /// The sealed blob is lent, not copied.
    pub fn each_snapshot(
        &self,
        env_id: &Id,
        mut each: impl FnMut(SnapshotView<'_>) -> Result<()>,
    ) -> Result<()> {
        self.db.query_each(
            "SELECT bucket, count, summary, sealed FROM snapshots WHERE env_id = ?1 ORDER BY bucket",
            params![env_id],
            &mut |r| {
                let (bucket, count) = (r.get(0)?, r.get(1)?);
                let summary = r.with_bytes(2, backend::fixed_from)?;
                r.with_bytes(3, |sealed| {
                    each(SnapshotView {
                        bucket,
                        count,
                        summary,
                        sealed,
                    })
                })
            },
        )
    }

    pub fn snapshot(&self, env_id: &Id, bucket: i64) -> Result<Option<SnapshotRow>> {
        self.db.query_row(
            "SELECT env_id, bucket, count, summary, sealed FROM snapshots WHERE env_id = ?1 AND bucket = ?2",
            params![env_id, bucket],
            Self::snapshot_from_row,
        )
    }

    fn snapshot_from_row(r: &Row<'_>) -> Result<SnapshotRow> {
        Ok(SnapshotRow {
            env_id: blob(r.get(0)?)?,
            bucket: r.get(1)?,
            count: r.get(2)?,
            summary: blob(r.get(3)?)?,
            sealed: r.get(4)?,
        })
    }

    pub fn put_snapshot(&self, row: &SnapshotRow) -> Result<()> {
        self.db.execute(
            "INSERT INTO snapshots (env_id, bucket, count, summary, sealed) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (env_id, bucket) DO UPDATE SET count = excluded.count, summary = excluded.summary, sealed = excluded.sealed",
            params![row.env_id, row.bucket, row.count, row.summary, row.sealed],
        )?;
        Ok(())
    }

    pub fn delete_snapshot(&self, env_id: &Id, bucket: i64) -> Result<()> {
        self.db.execute(
            "DELETE FROM snapshots WHERE env_id = ?1 AND bucket = ?2",
            params![env_id, bucket],
        )?;
        Ok(())
    }

    pub fn delete_snapshots(&self, env_id: &Id) -> Result<()> {
        self.db
            .execute("DELETE FROM snapshots WHERE env_id = ?1", params![env_id])?;
        Ok(())
    }

    /// One secret row by id.
    pub fn secret(&self, id: &Id) -> Result<Option<SecretRow>> {
        self.db.query_row(
            "SELECT id, env_id, name_tag, name_ct, created, latest, count, summary, latest_mac, due_at, mac
             FROM secrets WHERE id = ?1",
            params![id],
            Self::secret_from_row,
        )
    }

    // ----- secrets -----

    /// The stored MACs of every secret row of an environment (formats 1 and 2: the XOR
    /// summary that the upgrade verifies).
    pub fn secret_macs(&self, env_id: &Id) -> Result<Vec<Mac>> {
        self.db.query_map(
            "SELECT mac FROM secrets NOT INDEXED WHERE env_id = ?1",
            params![env_id],
            |r| blob(r.get(0)?),
        )
    }

    fn secret_from_row(r: &Row<'_>) -> Result<SecretRow> {
        Self::secret_at(r, 0)
    }

    /// A secret row from the columns starting at `o` (11 columns, in SECRET_COLUMNS order).
    fn secret_at(r: &Row<'_>, o: usize) -> Result<SecretRow> {
        Ok(SecretRow {
            id: blob(r.get(o)?)?,
            env_id: blob(r.get(o + 1)?)?,
            name_tag: blob(r.get(o + 2)?)?,
            name_ct: r.get(o + 3)?,
            created: r.get(o + 4)?,
            latest: r.get(o + 5)?,
            count: r.get(o + 6)?,
            summary: blob(r.get(o + 7)?)?,
            latest_mac: blob(r.get(o + 8)?)?,
            due_at: r.get(o + 9)?,
            mac: blob(r.get(o + 10)?)?,
        })
    }

    pub fn secret_by_tag(&self, env_id: &Id, tag: &Mac) -> Result<Option<SecretRow>> {
        self.db.query_row(
            "SELECT id, env_id, name_tag, name_ct, created, latest, count, summary, latest_mac, due_at, mac
             FROM secrets WHERE env_id = ?1 AND name_tag = ?2",
            params![env_id, tag],
            Self::secret_from_row,
        )
    }

    pub fn secrets_in(&self, env_id: &Id) -> Result<Vec<SecretRow>> {
        self.db.query_map(
            "SELECT id, env_id, name_tag, name_ct, created, latest, count, summary, latest_mac, due_at, mac
             FROM secrets WHERE env_id = ?1",
            params![env_id],
            Self::secret_from_row,
        )
    }

    /// Every secret row of an environment read from the table itself, not through an
    /// index: the slow path that tells a damaged index from a missing row.
    pub fn secrets_in_unindexed(&self, env_id: &Id) -> Result<Vec<SecretRow>> {
        self.db.query_map(
            "SELECT id, env_id, name_tag, name_ct, created, latest, count, summary, latest_mac, due_at, mac
             FROM secrets NOT INDEXED WHERE env_id = ?1",
            params![env_id],
            Self::secret_from_row,
        )
    }

    /// (needing attention now, within the window) counts of an environment's secrets, from
    /// the clear `due_at` column: cheap enough to run on every unlock for the reminder line.
    pub fn due_counts(&self, env_id: &Id, now: i64, until: i64) -> Result<(i64, i64)> {
        Ok(self
            .db
            .query_row(
                "SELECT coalesce(sum(CASE WHEN due_at <= ?2 THEN 1 ELSE 0 END), 0), count(*) FROM secrets
                 WHERE env_id = ?1 AND due_at IS NOT NULL AND due_at <= ?3",
                params![env_id, now, until],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?
            .unwrap_or((0, 0)))
    }

    pub fn put_secret(&self, s: &SecretRow) -> Result<()> {
        self.db.execute(
            "INSERT INTO secrets (id, env_id, name_tag, name_ct, created, latest, count, summary, latest_mac, due_at, mac)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (id) DO UPDATE SET env_id = excluded.env_id, name_tag = excluded.name_tag, name_ct = excluded.name_ct, created = excluded.created, latest = excluded.latest, count = excluded.count, summary = excluded.summary, latest_mac = excluded.latest_mac, due_at = excluded.due_at, mac = excluded.mac",
            params![s.id, s.env_id, s.name_tag, s.name_ct, s.created, s.latest, s.count, s.summary, s.latest_mac, s.due_at, s.mac],
        )?;
        Ok(())
    }

    pub fn delete_secret(&self, id: &Id) -> Result<()> {
        self.db
            .execute("DELETE FROM versions WHERE secret_id = ?1", params![id])?;
        self.db
            .execute("DELETE FROM secrets WHERE id = ?1", params![id])?;
        Ok(())
    }

    // ----- versions -----

    fn version_from_row(r: &Row<'_>) -> Result<VersionRow> {
        Self::version_at(r, 0)
    }

    /// A version row from the columns starting at `o` (11 columns).
    fn version_at(r: &Row<'_>, o: usize) -> Result<VersionRow> {
        Ok(VersionRow {
            secret_id: blob(r.get(o)?)?,
            version: r.get(o + 1)?,
            created: r.get(o + 2)?,
            origin: r.get(o + 3)?,
            state: known(VersionState::from_i64(r.get(o + 4)?), "version state")?,
            expires_at: r.get(o + 5)?,
            rotate_at: r.get(o + 6)?,
            grace_until: r.get(o + 7)?,
            value: r.get(o + 8)?,
            meta: r.get(o + 9)?,
            mac: blob(r.get(o + 10)?)?,
        })
    }

    /// Every secret of an environment joined with its latest version, in one statement: the
    /// read path of `list`, `run` and `export`, handed to `each` row by row (nothing is
    /// collected here). A secret whose latest version is missing drops out, which the caller's
    /// count check reports. With `grace_at`, each row also carries the previous version when
    /// it is still in a grace period at that time.
    pub fn each_latest_row(
        &self,
        env_id: &Id,
        grace_at: Option<i64>,
        mut each: impl FnMut(LatestRow) -> Result<()>,
    ) -> Result<()> {
        // `+s.env_id`: read `secrets` in file order rather than through `secrets_by_env`,
        // whose MAC order made every row a random lookup (measured at 10,000 secrets: the
        // scan is about 5 ms faster even though it passes other environments' rows). The
        // previous version of a secret sits next to its latest one in the `versions` B-tree,
        // so looking it up here costs almost nothing, where a second join over the
        // environment read every page again.
        let sql = "SELECT s.id, s.env_id, s.name_tag, s.name_ct, s.created, s.latest, s.count, s.summary, s.latest_mac, s.due_at, s.mac,
                    v.secret_id, v.version, v.created, v.origin, v.state, v.expires_at, v.rotate_at, v.grace_until, v.value, v.meta, v.mac,
                    p.secret_id, p.version, p.created, p.origin, p.state, p.expires_at, p.rotate_at, p.grace_until, p.value, p.meta, p.mac
             FROM secrets s JOIN versions v ON v.secret_id = s.id AND v.version = s.latest
             LEFT JOIN versions p ON ?2 IS NOT NULL AND p.secret_id = s.id AND p.version = s.latest - 1 AND p.grace_until > ?2
             WHERE +s.env_id = ?1";
        // The page cache may grow to 32 MiB for this read (SQLite allocates it as pages are
        // read, so a small environment pays nothing): its versions are visited in key order,
        // not file order, and with the default 2 MiB a 10,000-secret environment was read from
        // the kernel about 16 times over (25,000 `pread`s for 1,556 pages). Only here: for the
        // one-pass scans of `get` (the MAC index) a larger cache only costs fresh memory.
        if let Some(s) = self.db.sqlite() {
            s.batch("PRAGMA cache_size = -32768")?;
        }
        self.db
            .query_each(sql, params![env_id, grace_at], &mut |r| {
                let previous = if r.is_null(22)? {
                    None
                } else {
                    Some(Self::version_at(r, 22)?)
                };
                each((Self::secret_at(r, 0)?, Self::version_at(r, 11)?, previous))
            })
    }

    /// Every version of one secret, oldest first.
    pub fn versions(&self, secret_id: &Id) -> Result<Vec<VersionRow>> {
        self.db.query_map(
            "SELECT secret_id, version, created, origin, state, expires_at, rotate_at, grace_until, value, meta, mac
             FROM versions WHERE secret_id = ?1 ORDER BY version",
            params![secret_id],
            Self::version_from_row,
        )
    }

    /// (version, stored MAC) of every version of one secret, in version order.
    pub fn version_macs(&self, secret_id: &Id) -> Result<Vec<(i64, Mac)>> {
        self.db.query_map(
            "SELECT version, mac FROM versions WHERE secret_id = ?1 ORDER BY version",
            params![secret_id],
            |r| Ok((r.get(0)?, blob(r.get(1)?)?)),
        )
    }

    /// (secret id, version, stored MAC) of every version in an environment, for `list`.
    pub fn version_macs_in(&self, env_id: &Id) -> Result<Vec<(Id, i64, Mac)>> {
        self.db.query_map(
            "SELECT v.secret_id, v.version, v.mac FROM versions v JOIN secrets s ON s.id = v.secret_id WHERE s.env_id = ?1",
            params![env_id],
            |r| Ok((blob(r.get(0)?)?, r.get(1)?, blob(r.get(2)?)?)),
        )
    }

    pub fn version(&self, secret_id: &Id, version: i64) -> Result<Option<VersionRow>> {
        self.db.query_row(
            "SELECT secret_id, version, created, origin, state, expires_at, rotate_at, grace_until, value, meta, mac
             FROM versions WHERE secret_id = ?1 AND version = ?2",
            params![secret_id, version],
            Self::version_from_row,
        )
    }

    pub fn put_version(&self, v: &VersionRow) -> Result<()> {
        self.db.execute(
            "INSERT INTO versions (secret_id, version, created, origin, state, expires_at, rotate_at, grace_until, value, meta, mac)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (secret_id, version) DO UPDATE SET created = excluded.created, origin = excluded.origin, state = excluded.state, expires_at = excluded.expires_at, rotate_at = excluded.rotate_at, grace_until = excluded.grace_until, value = excluded.value, meta = excluded.meta, mac = excluded.mac",
            params![v.secret_id, v.version, v.created, v.origin, v.state as i64, v.expires_at, v.rotate_at, v.grace_until, v.value, v.meta, v.mac],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fresh() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(Location::File(dir.path().join("v.db"))).unwrap();
        store.commit().unwrap();
        (dir, store)
    }

    #[test]
    fn a_fresh_vault_has_exactly_the_expected_schema() {
        let (_dir, store) = fresh();
        assert_eq!(store.format(), FORMAT);
        store.check_schema().unwrap();
        let unnamed: i64 = store
            .db
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE sql IS NULL",
                params![],
                |r| r.get(0),
            )
            .unwrap()
            .unwrap();
        assert_eq!(unnamed, AUTOINDEXES);
    }

    #[test]
    fn any_change_to_the_schema_is_refused() {
        for sql in [
            "CREATE TRIGGER t AFTER INSERT ON secrets BEGIN SELECT 1; END;",
            "CREATE VIEW v AS SELECT 1;",
            "CREATE INDEX extra ON versions (created);",
            "DROP INDEX secrets_by_bucket;",
            "CREATE TABLE extra (x);",
        ] {
            let (_dir, mut store) = fresh();
            store.execute_for_tests(sql).unwrap();
            let err = store.check_schema().unwrap_err();
            assert_eq!(err.kind, crate::error::Kind::Integrity, "{sql}");
        }
    }

    #[test]
    fn bucket_members_are_the_ids_starting_with_the_byte_in_order() {
        let (_dir, mut store) = fresh();
        store.begin(true).unwrap();
        let env: Id = [1; 16];
        store
            .db
            .execute(
                "INSERT INTO envs (id, name, epoch, wrapped_key, created, count, summary, mac) VALUES (?1, 'e', 1, x'', 0, 0, x'', x'')",
                params![env],
            )
            .unwrap();
        for (n, first) in [0x00u8, 0x7f, 0x7f, 0x80, 0xff].into_iter().enumerate() {
            let mut id = [0u8; 16];
            id[0] = first;
            id[15] = n as u8;
            let s = SecretRow {
                id,
                env_id: env,
                name_tag: [id[15]; 32],
                name_ct: vec![],
                created: 0,
                latest: 0,
                count: 0,
                summary: [0; 32],
                latest_mac: [0; 32],
                due_at: None,
                mac: [first; 32],
            };
            store.put_secret(&s).unwrap();
        }
        let count = |b: i64| store.bucket_members(&env, b).unwrap().len();
        assert_eq!(
            (count(0), count(0x7f), count(0x80), count(0xff), count(1)),
            (1, 2, 1, 1, 0)
        );
        let m = store.bucket_members(&env, 0x7f).unwrap();
        assert!(m[0].0 < m[1].0);
        let mut all = Vec::new();
        store
            .each_secret_member(&env, |id, _| {
                all.push(*id);
                Ok(())
            })
            .unwrap();
        assert_eq!(all.len(), 5);
        assert!(all.windows(2).all(|w| w[0] < w[1]), "in id order");
    }
}
