//! The hermetic test environment: a temp home, a temp vault, a cleared process environment and
//! canary values that must never show up where they do not belong.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use secrecy::ExposeSecret;

pub const BIN: &str = env!("CARGO_BIN_EXE_tresor");

/// A fresh, random, obviously fake value: `canary_<32 hex>`.
pub fn canary() -> String {
    let mut b = [0u8; 16];
    getrandom::getrandom(&mut b).unwrap();
    format!("canary_{}", hex::encode(b))
}

/// A new age X25519 identity: (secret key text, recipient).
pub fn age_identity() -> (String, String) {
    let id = age::x25519::Identity::generate();
    (
        id.to_string().expose_secret().to_string(),
        id.to_public().to_string(),
    )
}

/// Where the suites' vaults live: each test binary's `main.rs` says which (`crate::BACKEND`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Whether this test binary runs its suites against PostgreSQL.
pub fn on_postgres() -> bool {
    crate::BACKEND == Backend::Postgres
}

/// The admin URL of the throwaway PostgreSQL server (`tests/pg_server.sh start`). Without it the
/// PostgreSQL suites are skipped with a message, except in CI, where that is a failure.
pub fn postgres_admin_url() -> String {
    match std::env::var("TRESOR_TEST_POSTGRES") {
        Ok(u) if !u.is_empty() => u,
        _ if std::env::var_os("CI").is_some() => {
            panic!(
                "TRESOR_TEST_POSTGRES is unset in CI: .ci/run starts a server with tests/pg_server.sh"
            )
        }
        _ => {
            // Past the test harness's capture (the process ends here, so a captured line would
            // never be shown).
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                b"skipping the PostgreSQL suites: TRESOR_TEST_POSTGRES is unset (eval \"$(tests/pg_server.sh start)\" sets it)\n",
            );
            std::process::exit(0);
        }
    }
}

/// A fresh database on the test server, dropped with the test.
pub struct PgDatabase {
    admin: String,
    name: String,
    /// The vault URL of the database.
    pub url: String,
}

impl PgDatabase {
    pub fn new() -> PgDatabase {
        let admin = postgres_admin_url();
        let mut b = [0u8; 8];
        getrandom::getrandom(&mut b).unwrap();
        let name = format!("tresor_test_{}", hex::encode(b));
        let mut client = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        let (base, query) = admin.split_once('?').unwrap_or((&admin, ""));
        let server = &base[..base.rfind('/').unwrap()];
        let url = if query.is_empty() {
            format!("{server}/{name}")
        } else {
            format!("{server}/{name}?{query}")
        };
        PgDatabase { admin, name, url }
    }

    pub fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, postgres::NoTls).unwrap()
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// The vault's tables, in an order that copies parents before children.
pub const TABLES: [&str; 9] = [
    "header",
    "slots",
    "envs",
    "secrets",
    "versions",
    "audit",
    "snapshots",
    "buckets",
    "statements",
];

/// SQLite's test SQL in PostgreSQL's dialect: `x'…'` blobs, `?n` parameters, and
/// `PRAGMA foreign_keys = OFF` as replica mode (no foreign key checks).
fn pg_dialect(statements: &str) -> String {
    let blobs = regex::Regex::new(r"x'([0-9a-fA-F]*)'").unwrap();
    let params = regex::Regex::new(r"\?([0-9]+)").unwrap();
    let s = blobs.replace_all(statements, r"'\x$1'::bytea");
    let s = params.replace_all(&s, r"$$$1");
    s.replace(
        "PRAGMA foreign_keys = OFF;",
        "SET session_replication_role = replica;",
    )
}

pub struct TestVault {
    pub dir: tempfile::TempDir,
    pub home: PathBuf,
    /// The vault file, or on PostgreSQL the vault's URL.
    pub vault: PathBuf,
    pub identity_file: PathBuf,
    pub recipient: String,
    pub passphrase_file: Option<PathBuf>,
    extra_env: Vec<(String, String)>,
    /// The vault's database, on PostgreSQL.
    pub pg: Option<PgDatabase>,
}

impl TestVault {
    /// A vault unlocked by an age identity (fast: no KDF), not yet initialised.
    pub fn uninit() -> TestVault {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        let (secret, recipient) = age_identity();
        let identity_file = dir.path().join("identity.txt");
        std::fs::write(&identity_file, format!("{secret}\n")).unwrap();
        let pg = on_postgres().then(PgDatabase::new);
        let mut extra_env = vec![];
        let vault = match &pg {
            Some(db) => {
                extra_env.push(("TRESOR_VAULT".to_string(), db.url.clone()));
                PathBuf::from(&db.url)
            }
            None => home.join(".local/share/tresor/vault.db"),
        };
        TestVault {
            vault,
            home,
            identity_file,
            recipient,
            passphrase_file: None,
            extra_env,
            pg,
            dir,
        }
    }

    /// Runs SQL on the vault's storage as someone with write access to it and no key would
    /// (SQLite's dialect; translated for PostgreSQL, see `pg_dialect`).
    pub fn sql(&self, statements: &str) {
        match &self.pg {
            Some(db) => db.client().batch_execute(&pg_dialect(statements)).unwrap(),
            None => rusqlite::Connection::open(&self.vault)
                .unwrap()
                .execute_batch(statements)
                .unwrap(),
        }
    }

    /// The blob the query's first row and column hold.
    pub fn sql_blob(&self, query: &str) -> Vec<u8> {
        match &self.pg {
            Some(db) => db
                .client()
                .query_one(&pg_dialect(query), &[])
                .unwrap()
                .get(0),
            None => rusqlite::Connection::open(&self.vault)
                .unwrap()
                .query_row(query, [], |r| r.get(0))
                .unwrap(),
        }
    }

    /// Runs one statement with `blob` as `?1`.
    pub fn sql_with_blob(&self, statement: &str, blob: &[u8]) {
        match &self.pg {
            Some(db) => {
                db.client()
                    .execute(&pg_dialect(statement), &[&blob])
                    .unwrap();
            }
            None => {
                rusqlite::Connection::open(&self.vault)
                    .unwrap()
                    .execute(statement, [blob])
                    .unwrap();
            }
        }
    }

    /// The vault's tables as they are now, under the name `alias` for later `sql` (an old
    /// copy to replay rows from). Returns what `sql` statements using it start with.
    pub fn tables_as(&self, alias: &str) -> String {
        self.tables_of_as(self, alias)
    }

    /// `other`'s tables under the name `alias` in this vault's storage (see `tables_as`).
    pub fn tables_of_as(&self, other: &TestVault, alias: &str) -> String {
        match (&self.pg, &other.pg) {
            (Some(db), Some(from)) => {
                let mut to = db.client();
                let mut src = from.client();
                to.batch_execute(&format!("CREATE SCHEMA {alias}")).unwrap();
                for t in TABLES {
                    to.batch_execute(&format!("CREATE TABLE {alias}.{t} (LIKE public.{t})"))
                        .unwrap();
                    let mut data = Vec::new();
                    std::io::Read::read_to_end(
                        &mut src
                            .copy_out(&format!("COPY {t} TO STDOUT (FORMAT binary)"))
                            .unwrap(),
                        &mut data,
                    )
                    .unwrap();
                    let mut w = to
                        .copy_in(&format!("COPY {alias}.{t} FROM STDIN (FORMAT binary)"))
                        .unwrap();
                    std::io::Write::write_all(&mut w, &data).unwrap();
                    w.finish().unwrap();
                }
                String::new()
            }
            _ => {
                let file = self.dir.path().join(format!("{alias}.db"));
                rusqlite::Connection::open(&other.vault)
                    .unwrap()
                    .execute_batch(&format!("VACUUM INTO '{}'", file.display()))
                    .unwrap();
                format!("ATTACH '{}' AS {alias};\n", file.display())
            }
        }
    }

    /// Puts back every table from `alias` (see `tables_as`): the whole vault as it was.
    pub fn restore_tables(&self, alias: &str) {
        let prefix = if self.pg.is_some() {
            String::from("SET session_replication_role = replica;")
        } else {
            format!(
                "ATTACH '{}' AS {alias}; PRAGMA foreign_keys = OFF;",
                self.dir.path().join(format!("{alias}.db")).display()
            )
        };
        let mut statements = prefix;
        for t in TABLES {
            statements.push_str(&format!(
                "DELETE FROM {t}; INSERT INTO {t} SELECT * FROM {alias}.{t};"
            ));
        }
        match &self.pg {
            Some(db) => db.client().batch_execute(&statements).unwrap(),
            None => rusqlite::Connection::open(&self.vault)
                .unwrap()
                .execute_batch(&statements)
                .unwrap(),
        }
    }

    /// An initialised vault that opens with an age identity only.
    pub fn new() -> TestVault {
        let tv = TestVault::uninit();
        tv.ok(
            &[
                "init",
                "--no-passphrase",
                "--recipient",
                &tv.recipient.clone(),
            ],
            "",
        );
        tv
    }

    /// An initialised vault with a passphrase slot at the KDF floor (m = 19 MiB, t = 2) and
    /// a recipient slot.
    pub fn with_passphrase(pass: &str) -> TestVault {
        let mut tv = TestVault::uninit();
        let pf = tv.dir.path().join("passphrase.txt");
        std::fs::write(&pf, format!("{pass}\n")).unwrap();
        let out = tv
            .raw()
            .args([
                "init",
                "--kdf-memory",
                "19",
                "--kdf-iterations",
                "2",
                "--kdf-parallelism",
                "1",
            ])
            .args(["--recipient", &tv.recipient])
            .arg("--passphrase-file")
            .arg(&pf)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "init: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        tv.passphrase_file = Some(pf);
        tv
    }

    pub fn set_env(&mut self, k: &str, v: &str) {
        self.extra_env.push((k.into(), v.into()));
    }

    /// The binary with a cleared environment: only PATH, HOME, XDG dirs and test settings.
    pub fn std_raw(&self) -> std::process::Command {
        let mut c = std::process::Command::new(BIN);
        c.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("XDG_DATA_HOME", self.home.join(".local/share"))
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("XDG_STATE_HOME", self.home.join(".local/state"))
            .env("XDG_RUNTIME_DIR", self.dir.path().join("run"))
            .env("LANG", "C.UTF-8")
            .current_dir(self.dir.path());
        for (k, v) in &self.extra_env {
            c.env(k, v);
        }
        c
    }

    /// `std_raw` unlocking with the test identity, for tests that need stdio control.
    pub fn std_cmd(&self) -> std::process::Command {
        let mut c = self.std_raw();
        c.env("TRESOR_IDENTITY_FILE", &self.identity_file);
        c
    }

    /// `std_raw` as an assert_cmd command.
    pub fn raw(&self) -> Command {
        Command::from_std(self.std_raw())
    }

    /// The binary, unlocking with the test identity.
    pub fn cmd(&self) -> Command {
        let mut c = self.raw();
        c.env("TRESOR_IDENTITY_FILE", &self.identity_file);
        c
    }

    pub fn run(&self, args: &[&str], stdin: &str) -> Output {
        self.cmd()
            .args(args)
            .write_stdin(stdin.as_bytes().to_vec())
            .output()
            .unwrap()
    }

    /// Runs and insists on success; returns stdout.
    pub fn ok(&self, args: &[&str], stdin: &str) -> String {
        let out = self.run(args, stdin);
        assert!(
            out.status.success(),
            "tresor {args:?} failed ({:?}): {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn set(&self, name: &str, value: &str) {
        self.ok(&["set", name], value);
    }

    pub fn get(&self, name: &str) -> String {
        self.ok(&["get", "-n", name], "")
    }

    /// Every byte of every file in the vault's folder (database, WAL, shared memory); on
    /// PostgreSQL every row of every table, as text and with blobs in hex and raw.
    pub fn vault_folder_bytes(&self) -> Vec<(PathBuf, Vec<u8>)> {
        if let Some(db) = &self.pg {
            let mut c = db.client();
            return TABLES
                .iter()
                .map(|t| {
                    let mut bytes = Vec::new();
                    for row in c.query(&format!("SELECT r::text FROM {t} r"), &[]).unwrap() {
                        let text: String = row.get(0);
                        bytes.extend_from_slice(text.as_bytes());
                        // `\\x…` hex of every blob, decoded back to bytes as well.
                        for hexrun in text.split("\\\\x").skip(1) {
                            let h: String = hexrun
                                .chars()
                                .take_while(|c| c.is_ascii_hexdigit())
                                .collect();
                            bytes.extend(hex::decode(&h[..h.len() / 2 * 2]).unwrap_or_default());
                        }
                    }
                    (PathBuf::from(format!("{}#{t}", db.url)), bytes)
                })
                .collect();
        }
        let dir = self.vault.parent().unwrap();
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                let b = std::fs::read(&p).unwrap();
                (p, b)
            })
            .collect()
    }

    pub fn assert_not_in_vault_folder(&self, needle: &str) {
        for (p, bytes) in self.vault_folder_bytes() {
            assert!(
                !contains(&bytes, needle.as_bytes()),
                "{needle:?} found in {}",
                p.display()
            );
        }
    }
}

pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// `tresor ARGS` exits 4 (integrity) with an error line.
pub fn assert_integrity_failure(tv: &TestVault, args: &[&str], what: &str) {
    let out = tv.run(args, "");
    assert_eq!(
        code(&out),
        4,
        "{what}: tresor {args:?} gave {:?}: {}",
        out.status.code(),
        stderr(&out)
    );
    assert!(
        stderr(&out).starts_with("error: "),
        "{what}: {}",
        stderr(&out)
    );
}

pub fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}
