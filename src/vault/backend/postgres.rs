//! The team backend: a vault in a PostgreSQL database, holding exactly what the SQLite file
//! holds (ciphertext, MACs, random ids, non-secret dates) in the same tables. The server is as
//! untrusted as the file: everything it returns is checked by the layers above, and the
//! catalog is checked here for anything that could change what a read returns (a trigger,
//! rule, view, policy, or a dropped constraint). Writers are serialised with a
//! transaction-scoped advisory lock (doc/design.md "PostgreSQL storage").

use std::cell::RefCell;
use std::time::{Duration, Instant};

use ::postgres::types::{FromSql, IsNull, ToSql, Type, to_sql_checked};
use ::postgres::{Client, error::SqlState};

use super::{NullOf, Param, Row};
use crate::error::{Error, Result};
use crate::vault::location::PgTarget;

/// How long a writer waits in all for the vault's write lock (and retries a serialization
/// failure or deadlock) before it gives up with a clear error.
pub const BUSY_WAIT: Duration = Duration::from_secs(10);
/// No statement runs longer than this (a stuck server or a lock never released).
const STATEMENT_TIMEOUT: &str = "60s";

/// The marker on the `header` table that says the database holds a tresor vault, and of
/// which format (SQLite keeps both in its file header: `application_id`, `user_version`).
const MARKER_PREFIX: &str = "tresor vault tsr1 format ";

/// Format 3, as PostgreSQL spells it: the same tables, columns and constraints as the SQLite
/// schema (`store::SCHEMA` …), `BIGINT` for `INTEGER`, `BYTEA` for `BLOB`, bytewise ("C")
/// order for text, and foreign keys checked at commit (rows are written child first).
const SCHEMA: &str = r#"
CREATE TABLE header (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    format      BIGINT NOT NULL,
    vault_id    BYTEA NOT NULL,
    generation  BIGINT NOT NULL,
    created     BIGINT NOT NULL,
    summary     BYTEA NOT NULL,
    audit_seq   BIGINT NOT NULL,
    audit_head  BYTEA NOT NULL,
    mac         BYTEA NOT NULL
);
CREATE TABLE slots (
    id          BYTEA PRIMARY KEY,
    kind        BIGINT NOT NULL,
    env_id      BYTEA,
    label       TEXT COLLATE "C" NOT NULL,
    recipient   TEXT COLLATE "C" NOT NULL,
    kdf         BYTEA,
    wrapped     BYTEA NOT NULL,
    created     BIGINT NOT NULL,
    expires_at  BIGINT,
    mac         BYTEA NOT NULL
);
CREATE TABLE envs (
    id          BYTEA PRIMARY KEY,
    name        TEXT COLLATE "C" NOT NULL UNIQUE,
    epoch       BIGINT NOT NULL,
    wrapped_key BYTEA NOT NULL,
    created     BIGINT NOT NULL,
    count       BIGINT NOT NULL,
    summary     BYTEA NOT NULL,
    mac         BYTEA NOT NULL
);
CREATE TABLE secrets (
    id          BYTEA PRIMARY KEY,
    env_id      BYTEA NOT NULL REFERENCES envs(id) DEFERRABLE INITIALLY DEFERRED,
    name_tag    BYTEA NOT NULL,
    name_ct     BYTEA NOT NULL,
    created     BIGINT NOT NULL,
    latest      BIGINT NOT NULL,
    count       BIGINT NOT NULL,
    summary     BYTEA NOT NULL,
    latest_mac  BYTEA NOT NULL,
    due_at      BIGINT,
    mac         BYTEA NOT NULL,
    UNIQUE (env_id, name_tag)
);
CREATE INDEX secrets_due ON secrets (env_id, due_at) WHERE due_at IS NOT NULL;
CREATE TABLE versions (
    secret_id   BYTEA NOT NULL REFERENCES secrets(id) DEFERRABLE INITIALLY DEFERRED,
    version     BIGINT NOT NULL,
    created     BIGINT NOT NULL,
    origin      BIGINT NOT NULL,
    state       BIGINT NOT NULL,
    expires_at  BIGINT,
    rotate_at   BIGINT,
    grace_until BIGINT,
    value       BYTEA NOT NULL,
    meta        BYTEA NOT NULL,
    mac         BYTEA NOT NULL,
    PRIMARY KEY (secret_id, version)
);
CREATE TABLE audit (
    id          BIGINT PRIMARY KEY,
    chain       BIGINT NOT NULL,
    env_id      BYTEA,
    seq         BIGINT NOT NULL,
    time        BIGINT NOT NULL,
    body        BYTEA NOT NULL,
    mac         BYTEA NOT NULL
);
CREATE INDEX audit_by_chain ON audit (chain, env_id, seq);
CREATE TABLE snapshots (
    env_id      BYTEA NOT NULL,
    bucket      BIGINT NOT NULL,
    count       BIGINT NOT NULL,
    summary     BYTEA NOT NULL,
    sealed      BYTEA NOT NULL,
    PRIMARY KEY (env_id, bucket)
);
CREATE INDEX secrets_by_bucket ON secrets (env_id, id, mac);
CREATE TABLE buckets (
    env_id      BYTEA NOT NULL,
    bucket      BIGINT NOT NULL,
    count       BIGINT NOT NULL,
    digest      BYTEA NOT NULL,
    PRIMARY KEY (env_id, bucket)
);
CREATE TABLE statements (
    env_id      BYTEA PRIMARY KEY,
    generation  BIGINT NOT NULL,
    grants      BYTEA NOT NULL,
    key_hash    BYTEA NOT NULL,
    signer      BYTEA NOT NULL,
    signature   BYTEA NOT NULL
);
"#;

/// Everything in the vault's schema that could change what a query returns, one line each:
/// relations (with row security), columns (type, NOT NULL, default, collation), constraints,
/// indexes, and any trigger, rule, policy or inheritance (none are expected).
const CATALOG: &str = r#"
SELECT 'rel ' || c.relname || ' ' || c.relkind::text || ' ' || c.relrowsecurity || ' ' || c.relforcerowsecurity || ' ' || c.relispartition
  FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace
UNION ALL
SELECT 'col ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull
       || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-') || ' ' || coalesce(co.collname, '-') || ' ' || a.attgenerated::text
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 0 AND co.collname <> 'default'
  WHERE c.relnamespace = current_schema()::regnamespace AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind <> 'i'
UNION ALL
SELECT 'con ' || c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid) || ' ' || k.condeferrable || ' ' || k.condeferred
  FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE c.relnamespace = current_schema()::regnamespace
UNION ALL
SELECT 'idx ' || replace(pg_get_indexdef(i.indexrelid), quote_ident(current_schema()) || '.', '') || ' ' || i.indisvalid
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relnamespace = current_schema()::regnamespace
UNION ALL
SELECT 'trigger ' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
  WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal
UNION ALL
SELECT 'rule ' || r.rulename FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class
  WHERE c.relnamespace = current_schema()::regnamespace
UNION ALL
SELECT 'policy ' || p.polname FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
  WHERE c.relnamespace = current_schema()::regnamespace
UNION ALL
SELECT 'inherits ' || c.relname FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid OR c.oid = h.inhparent
  WHERE c.relnamespace = current_schema()::regnamespace
"#;

/// What `CATALOG` returns for a vault tresor created (sorted), minus its header marker.
const EXPECTED_CATALOG: &str = include_str!("postgres_catalog.txt");

/// A value of any type, read only to learn whether a column is NULL.
pub struct AnyValue;

impl<'a> FromSql<'a> for AnyValue {
    fn from_sql(
        _: &Type,
        _: &'a [u8],
    ) -> std::result::Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        Ok(AnyValue)
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

impl ToSql for Param<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match *self {
            Param::Null(_) => Ok(IsNull::Yes),
            Param::Int(i) => i.to_sql(ty, out),
            Param::Blob(b) => b.to_sql(ty, out),
            Param::Text(t) => t.to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

impl Param<'_> {
    /// The type a parameter is sent as.
    fn pg_type(&self) -> Type {
        match self {
            Param::Int(_) | Param::Null(NullOf::Int) => Type::INT8,
            Param::Blob(_) | Param::Null(NullOf::Blob) => Type::BYTEA,
            Param::Text(_) | Param::Null(NullOf::Text) => Type::TEXT,
        }
    }
}

/// `store`'s SQL in PostgreSQL's dialect: `$n` parameters, and without SQLite's index hints
/// (`NOT INDEXED`, `INDEXED BY name`, a unary `+` that keeps a column off an index).
pub fn dialect(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(i) = rest.find(['?', '+', 'N', 'I']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if let Some(after) = rest.strip_prefix('?') {
            out.push('$');
            rest = after;
        } else if let Some(after) = rest.strip_prefix("+s.") {
            out.push_str("s.");
            rest = after;
        } else if let Some(after) = rest.strip_prefix("NOT INDEXED") {
            rest = after;
        } else if let Some(after) = rest.strip_prefix("INDEXED BY ") {
            let end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            rest = &after[end..];
        } else {
            let c = rest.chars().next().expect("matched a char");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out.push_str(rest);
    out
}

/// A PostgreSQL error as the user sees it: the server's refusal or absence is an ordinary
/// error (exit 1); a row of the wrong shape or a broken constraint is an integrity failure.
pub fn pg_error(err: ::postgres::Error) -> Error {
    let Some(code) = err.code() else {
        // The client's own errors (connection, TLS, I/O) say what happened in their sources.
        let mut text = err.to_string();
        let mut source = std::error::Error::source(&err);
        while let Some(s) = source {
            text.push_str(&format!(": {s}"));
            source = s.source();
        }
        if err.is_closed() {
            return Error::general(format!("the PostgreSQL connection was lost: {text}"))
                .with_hint("run the command again; a command that failed changed nothing");
        }
        return Error::general(format!("PostgreSQL: {text}"));
    };
    let db = err.as_db_error().map(|d| d.message().to_string());
    let msg = db.unwrap_or_else(|| err.to_string());
    let class = &code.code()[..2];
    if code == &SqlState::T_R_SERIALIZATION_FAILURE
        || code == &SqlState::T_R_DEADLOCK_DETECTED
        || code == &SqlState::LOCK_NOT_AVAILABLE
        || code == &SqlState::QUERY_CANCELED
    {
        return busy();
    }
    if class == "23" || class == "22" {
        return Error::integrity(format!(
            "the team vault's rows are damaged or were tampered with ({msg})"
        ))
        .with_hint("restore the vault's database from a backup");
    }
    if class == "28" || code == &SqlState::INVALID_CATALOG_NAME {
        return Error::general(format!("PostgreSQL refused the connection: {msg}")).with_hint(
            "check the user, database and password (the URL, PGPASSWORD or ~/.pgpass); a password is never shown",
        );
    }
    if code.code() == "42501" {
        return Error::general(format!("PostgreSQL: {msg}")).with_hint(
            "this database role may not do that; a role for grant holders reads and appends audit events only",
        );
    }
    Error::general(format!("PostgreSQL: {msg} (SQLSTATE {})", code.code()))
}

/// The vault stayed locked by other writers for the whole `BUSY_WAIT`.
fn busy() -> Error {
    Error::general(format!(
        "the team vault stayed busy for {} s (other writers held it, or a statement timed out)",
        BUSY_WAIT.as_secs()
    ))
    .with_hint("run the command again; a command that failed changed nothing")
}

/// A column the server sent of another type than the vault's schema has: a damaged row.
pub fn column_error(err: ::postgres::Error) -> Error {
    Error::integrity(format!(
        "the team vault returned a column of an unexpected type ({err})"
    ))
    .with_hint("the vault's schema or rows were altered; restore it from a backup")
}

pub struct Pg {
    client: RefCell<Client>,
    /// Commits no longer wait for the server's WAL flush (set with the next BEGIN).
    relaxed: std::cell::Cell<bool>,
}

impl Pg {
    /// Connects as the target says (TLS, timeouts), in the vault's schema.
    pub fn connect(target: &PgTarget) -> Result<Pg> {
        let mut config = target.config.clone();
        config.application_name("tresor");
        let client = match &target.tls {
            Some(tls) => config.connect(tokio_postgres_rustls::MakeRustlsConnect::new(
                (**tls).clone(),
            )),
            None => config.connect(::postgres::NoTls),
        }
        .map_err(|e| {
            let base = pg_error(e);
            Error::general(format!(
                "cannot open the vault at {}: {}",
                target.shown, base.message
            ))
            .with_hint(base.hints.first().cloned().unwrap_or_else(|| {
                "check the URL, that the server runs, and PGHOST/PGPORT/PGUSER/PGDATABASE".into()
            }))
        })?;
        let pg = Pg {
            client: RefCell::new(client),
            relaxed: std::cell::Cell::new(false),
        };
        pg.batch(&format!(
            "SET statement_timeout = '{STATEMENT_TIMEOUT}'; SET lock_timeout = '{}s'",
            BUSY_WAIT.as_secs()
        ))?;
        Ok(pg)
    }

    /// Creates the vault's tables in an empty schema, inside the write transaction.
    pub fn create(target: &PgTarget, format: i32) -> Result<Pg> {
        let pg = Pg::connect(target)?;
        pg.begin(true)?;
        if pg.marker()?.is_some() {
            return Err(
                Error::general(format!("a vault already exists at {}", target.shown)).with_hint(
                    "tresor never overwrites a vault; give another database or schema to create another",
                ),
            );
        }
        let taken = pg.query_count(
            "SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace",
        )?;
        if taken > 0 {
            return Err(Error::general(format!(
                "the schema at {} is not empty ({taken} tables, indexes or other relations)",
                target.shown
            ))
            .with_hint("give tresor a database or schema of its own"));
        }
        pg.batch(SCHEMA)?;
        pg.batch(&format!(
            "COMMENT ON TABLE header IS '{MARKER_PREFIX}{format}'"
        ))?;
        Ok(pg)
    }

    /// Opens an existing vault: its format, from the marker.
    pub fn open(target: &PgTarget) -> Result<(Pg, i32)> {
        let pg = Pg::connect(target)?;
        let marker = pg.marker()?.ok_or_else(|| {
            Error::general(format!("no vault at {}", target.shown)).with_hint(
                "create one with `tresor init`, or point --vault / TRESOR_VAULT at yours",
            )
        })?;
        let format = marker
            .strip_prefix(MARKER_PREFIX)
            .and_then(|f| f.parse::<i32>().ok())
            .ok_or_else(|| {
                Error::integrity(format!(
                    "{} is not a tresor vault, or its marker is damaged",
                    target.shown
                ))
            })?;
        Ok((pg, format))
    }

    /// For a commit that only records a read: the audit event survives a crash of this
    /// process, not of the server (doc/design.md "Audit log"), and the read waits for no flush.
    pub fn relax(&self) {
        self.relaxed.set(true);
    }

    /// Whether the target's schema holds a vault.
    pub fn holds_vault(target: &PgTarget) -> Result<bool> {
        Ok(Pg::connect(target)?.marker()?.is_some())
    }

    /// The comment on `header`, if the table exists.
    fn marker(&self) -> Result<Option<String>> {
        let mut out = None;
        self.query_each(
            "SELECT to_regclass('header') IS NOT NULL, coalesce(obj_description(to_regclass('header'), 'pg_class'), '')",
            &[],
            &mut |r| {
                if let Row::Postgres(r) = r {
                    let exists: bool = r.try_get(0).map_err(column_error)?;
                    if exists {
                        out = Some(r.try_get::<_, String>(1).map_err(column_error)?);
                    }
                }
                Ok(())
            },
        )?;
        Ok(out)
    }

    fn query_count(&self, sql: &str) -> Result<i64> {
        count_round_trip();
        let rows = self
            .client
            .borrow_mut()
            .query_typed(sql, &[])
            .map_err(pg_error)?;
        rows.first()
            .map(|r| r.try_get::<_, i64>(0).map_err(column_error))
            .unwrap_or(Ok(0))
    }

    /// The schema, one line per object (see `CATALOG`), sorted.
    pub fn catalog(&self) -> Result<Vec<String>> {
        count_round_trip();
        let rows = self
            .client
            .borrow_mut()
            .query_typed(CATALOG, &[])
            .map_err(pg_error)?;
        let mut out = rows
            .iter()
            .map(|r| r.try_get::<_, String>(0).map_err(column_error))
            .collect::<Result<Vec<_>>>()?;
        out.sort();
        Ok(out)
    }

    /// Refuses a schema that is not exactly the one tresor creates (doc/design.md
    /// "Integrity": no trigger, rule, view, policy, extra index or dropped constraint).
    pub fn check_schema(&self) -> Result<()> {
        let found = self.catalog()?;
        let expected: Vec<&str> = EXPECTED_CATALOG.lines().filter(|l| !l.is_empty()).collect();
        if found
            .iter()
            .map(String::as_str)
            .ne(expected.iter().copied())
        {
            return Err(Error::integrity(
                "the team vault's schema is not the one tresor creates (a constraint, table, index, trigger, rule, policy or view was changed)",
            )
            .with_hint("the vault's database was altered; restore it from a backup"));
        }
        Ok(())
    }

    pub fn batch(&self, sql: &str) -> Result<()> {
        count_round_trip();
        self.client
            .borrow_mut()
            .batch_execute(sql)
            .map_err(pg_error)
    }

    pub fn execute(&self, sql: &str, params: &[Param<'_>]) -> Result<u64> {
        let typed: Vec<(&(dyn ToSql + Sync), Type)> = params
            .iter()
            .map(|p| (p as &(dyn ToSql + Sync), p.pg_type()))
            .collect();
        count_round_trip();
        self.client
            .borrow_mut()
            .execute_typed(&dialect(sql), &typed)
            .map_err(pg_error)
    }

    /// Rows are fetched whole before `each` sees them, so that `each` may run other
    /// statements on this connection.
    pub fn query_each(
        &self,
        sql: &str,
        params: &[Param<'_>],
        each: &mut dyn FnMut(&Row<'_>) -> Result<()>,
    ) -> Result<()> {
        let typed: Vec<(&(dyn ToSql + Sync), Type)> = params
            .iter()
            .map(|p| (p as &(dyn ToSql + Sync), p.pg_type()))
            .collect();
        count_round_trip();
        let rows = self
            .client
            .borrow_mut()
            .query_typed(&dialect(sql), &typed)
            .map_err(pg_error)?;
        for r in &rows {
            each(&Row::Postgres(r))?;
        }
        Ok(())
    }

    /// Readers see one snapshot (`REPEATABLE READ READ ONLY`). Writers take the vault's
    /// advisory lock before they read anything (`READ COMMITTED`, so every statement after it
    /// sees the last writer's commit): writers are serial, and an audit event is only ever
    /// appended to the head the last writer left. A deadlock or serialization failure is
    /// retried with backoff and jitter within `BUSY_WAIT`; waiting for the lock is bounded by
    /// `lock_timeout` (the same wait).
    pub fn begin(&self, write: bool) -> Result<()> {
        // The session setting rides on the BEGIN: no round trip of its own.
        let relax = if self.relaxed.take() {
            "SET synchronous_commit = off; "
        } else {
            ""
        };
        if !write {
            return self.batch(&format!(
                "{relax}BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
            ));
        }
        let start = Instant::now();
        let mut delay = Duration::from_millis(20);
        loop {
            count_round_trip();
            let r = self.client.borrow_mut().batch_execute(&format!(
                "{relax}BEGIN ISOLATION LEVEL READ COMMITTED;
                 SELECT pg_advisory_xact_lock(hashtextextended('tresor ' || current_schema(), 0))"
            ));
            match r {
                Ok(()) => return Ok(()),
                Err(e)
                    if e.code() == Some(&SqlState::T_R_SERIALIZATION_FAILURE)
                        || e.code() == Some(&SqlState::T_R_DEADLOCK_DETECTED) =>
                {
                    let _ = self.batch("ROLLBACK");
                    if start.elapsed() + delay > BUSY_WAIT {
                        return Err(busy());
                    }
                    std::thread::sleep(delay + jitter(delay));
                    delay = (delay * 2).min(Duration::from_secs(1));
                }
                Err(e) => {
                    let _ = self.batch("ROLLBACK");
                    return Err(pg_error(e));
                }
            }
        }
    }
}

/// Up to half of `d`, from the OS's randomness: writers that collided do not retry in step.
fn jitter(d: Duration) -> Duration {
    let r: [u8; 2] = crate::crypto::random_bytes().unwrap_or([0; 2]);
    d.mul_f64(f64::from(u16::from_le_bytes(r)) / f64::from(u16::MAX) / 2.0)
}

/// With `TRESOR_DEBUG_ROUND_TRIPS=1`, the number of requests sent to the server is printed to
/// stderr when the process ends (for `bench/run_pg.sh`); each is one round trip.
static ROUND_TRIPS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn count_round_trip() {
    ROUND_TRIPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

/// The requests sent so far (see `ROUND_TRIPS`).
pub fn round_trips() -> u64 {
    ROUND_TRIPS.load(std::sync::atomic::Ordering::Relaxed)
}

impl Drop for Pg {
    fn drop(&mut self) {
        if std::env::var_os("TRESOR_DEBUG_ROUND_TRIPS").is_some() {
            eprintln!("tresor: {} PostgreSQL round trips", round_trips());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::dialect;

    #[test]
    fn sql_is_translated_to_postgres() {
        assert_eq!(
            dialect("SELECT id FROM secrets NOT INDEXED WHERE env_id = ?1 AND id >= ?12"),
            "SELECT id FROM secrets  WHERE env_id = $1 AND id >= $12"
        );
        assert_eq!(
            dialect("SELECT id FROM secrets INDEXED BY secrets_by_bucket WHERE +s.env_id = ?1"),
            "SELECT id FROM secrets  WHERE s.env_id = $1"
        );
        assert_eq!(
            dialect("INSERT INTO ÿ VALUES (?1)"),
            "INSERT INTO ÿ VALUES ($1)"
        );
    }
}
