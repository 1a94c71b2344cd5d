//! `vault copy`: a vault's rows, byte for byte, into a new vault of either kind (file or
//! PostgreSQL), after every row and the audit chain verified. The copy keeps the vault id, the
//! keys and the generation, so it opens with the same passphrase and identities and is the
//! same vault to this machine's pins.

use super::Vault;
use super::backend::{NullOf, Param, params};
use super::location::Location;
use super::store::Store;
use crate::error::{Error, Result};

/// Every table and its columns with their types, parents before children: the format 3
/// schema, the same on both backends.
const TABLES: &[(&str, &[(&str, NullOf)])] = {
    use NullOf::{Blob as B, Int as I, Text as T};
    &[
        (
            "header",
            &[
                ("id", I),
                ("format", I),
                ("vault_id", B),
                ("generation", I),
                ("created", I),
                ("summary", B),
                ("audit_seq", I),
                ("audit_head", B),
                ("mac", B),
            ],
        ),
        (
            "slots",
            &[
                ("id", B),
                ("kind", I),
                ("env_id", B),
                ("label", T),
                ("recipient", T),
                ("kdf", B),
                ("wrapped", B),
                ("created", I),
                ("expires_at", I),
                ("mac", B),
            ],
        ),
        (
            "envs",
            &[
                ("id", B),
                ("name", T),
                ("epoch", I),
                ("wrapped_key", B),
                ("created", I),
                ("count", I),
                ("summary", B),
                ("mac", B),
            ],
        ),
        (
            "secrets",
            &[
                ("id", B),
                ("env_id", B),
                ("name_tag", B),
                ("name_ct", B),
                ("created", I),
                ("latest", I),
                ("count", I),
                ("summary", B),
                ("latest_mac", B),
                ("due_at", I),
                ("mac", B),
            ],
        ),
        (
            "versions",
            &[
                ("secret_id", B),
                ("version", I),
                ("created", I),
                ("origin", I),
                ("state", I),
                ("expires_at", I),
                ("rotate_at", I),
                ("grace_until", I),
                ("value", B),
                ("meta", B),
                ("mac", B),
            ],
        ),
        (
            "audit",
            &[
                ("id", I),
                ("chain", I),
                ("env_id", B),
                ("seq", I),
                ("time", I),
                ("body", B),
                ("mac", B),
            ],
        ),
        (
            "snapshots",
            &[
                ("env_id", B),
                ("bucket", I),
                ("count", I),
                ("summary", B),
                ("sealed", B),
            ],
        ),
        (
            "buckets",
            &[("env_id", B), ("bucket", I), ("count", I), ("digest", B)],
        ),
        (
            "statements",
            &[
                ("env_id", B),
                ("generation", I),
                ("grants", B),
                ("key_hash", B),
                ("signer", B),
                ("signature", B),
            ],
        ),
    ]
};

/// Rows per INSERT: few statements (round trips) and far below both backends' parameter limits.
const BATCH: usize = 100;

/// One column's value, owned.
enum Value {
    Null(NullOf),
    Int(i64),
    Blob(Vec<u8>),
    Text(String),
}

impl Value {
    fn param(&self) -> Param<'_> {
        match self {
            Value::Null(t) => Param::Null(*t),
            Value::Int(i) => Param::Int(*i),
            Value::Blob(b) => Param::Blob(b),
            Value::Text(t) => Param::Text(t),
        }
    }
}

/// What a copy did.
pub struct CopyReport {
    /// Rows copied, every table.
    pub rows: u64,
    /// Versions verified before the copy.
    pub versions: usize,
    /// Audit events verified before the copy.
    pub events: i64,
    /// Protected environments whose rows could not be checked without their second factor
    /// (copied as they are, like every row).
    pub skipped: Vec<String>,
}

impl Store {
    /// Every row of every table into `to` (a new, empty vault in its write transaction), in
    /// the same columns and bytes. Returns the number of rows.
    fn copy_rows_to(&self, to: &Store) -> Result<u64> {
        let mut total = 0;
        for (table, columns) in TABLES {
            let names: Vec<&str> = columns.iter().map(|c| c.0).collect();
            let select = format!("SELECT {} FROM {table}", names.join(", "));
            let rows = self.db().query_map(&select, params![], |r| {
                columns
                    .iter()
                    .enumerate()
                    .map(|(i, (_, ty))| {
                        Ok(match ty {
                            NullOf::Int => r.get::<Option<i64>>(i)?.map(Value::Int),
                            NullOf::Blob => r.get::<Option<Vec<u8>>>(i)?.map(Value::Blob),
                            NullOf::Text => r.get::<Option<String>>(i)?.map(Value::Text),
                        }
                        .unwrap_or(Value::Null(*ty)))
                    })
                    .collect::<Result<Vec<Value>>>()
            })?;
            for chunk in rows.chunks(BATCH) {
                let mut n = 0;
                let tuples: Vec<String> = chunk
                    .iter()
                    .map(|_| {
                        let t: Vec<String> = (0..columns.len())
                            .map(|_| {
                                n += 1;
                                format!("?{n}")
                            })
                            .collect();
                        format!("({})", t.join(", "))
                    })
                    .collect();
                let insert = format!(
                    "INSERT INTO {table} ({}) VALUES {}",
                    names.join(", "),
                    tuples.join(", ")
                );
                let values: Vec<Param<'_>> = chunk.iter().flatten().map(Value::param).collect();
                to.db().execute(&insert, &values)?;
            }
            total += rows.len() as u64;
        }
        Ok(total)
    }
}

impl Vault {
    /// Verifies every row and the audit chain (as `audit verify`), then copies the vault into
    /// a new one at `to` and commits it. Full access only; refuses a target that exists.
    pub fn copy_to(&mut self, to: &Location) -> Result<CopyReport> {
        self.root()?;
        if self.store.format() != super::store::FORMAT {
            return Err(Error::general(
                "this vault is of an older format: open it once with tresor to upgrade it",
            ));
        }
        let mut target = Store::create(to)?;
        let result = self.copy_into(&mut target, to);
        if result.is_err() {
            drop(target);
            if let Some(file) = to.file() {
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
                }
            }
        }
        result
    }

    fn copy_into(&mut self, target: &mut Store, to: &Location) -> Result<CopyReport> {
        // The event first, so that the copy carries it and both are at the same generation:
        // the copy is not taken for an older one of the original on first open.
        self.event(
            crate::audit::Event::new(crate::audit::Action::VaultCopy)
                .detail(format!("to {}", to.key().display())),
        );
        self.commit()?;
        self.store.begin(false)?;
        let (versions, skipped) = self.verify_all()?;
        let report = self.audit_verify()?;
        let rows = self.store.copy_rows_to(target)?;
        target.check_schema()?;
        target.commit()?;
        Ok(CopyReport {
            rows,
            versions,
            events: report.events,
            skipped,
        })
    }
}
