//! Someone with write access to the vault file but no key: flipped bytes, swapped, deleted and
//! replayed rows. Every outcome is the right answer or exit 3/4 — never a wrong value, never a
//! panic.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::support::*;

fn sql(vault: &Path, statements: &str) {
    let conn = rusqlite::Connection::open(vault).unwrap();
    conn.execute_batch(statements).unwrap();
}

/// `get` checks only the chain from the header down to the secret it reads (its bucket of the
/// environment), so tampering with another secret's rows may leave it working: then it must
/// print the value really stored, never anything else. Each test asserts separately which
/// commands must fail: the `get` of the tampered secret always, `list` when the set of secret
/// rows changed, `audit verify` whenever any row did.
fn assert_genuine_or_integrity_failure(tv: &TestVault, name: &str, value: &str, what: &str) {
    let out = tv.run(&["get", name], "");
    match code(&out) {
        0 => assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim_end(),
            value,
            "{what}: get {name}"
        ),
        4 => assert!(
            stderr(&out).starts_with("error: "),
            "{what}: {}",
            stderr(&out)
        ),
        other => panic!("{what}: get {name} gave {other}: {}", stderr(&out)),
    }
}

/// `list` (for the owner) shows the environment's sealed snapshot and checks the set of secret
/// rows against the environment's digests, but does not read the rows' other columns or old
/// versions: tampering there must leave it showing exactly the secrets stored, or fail.
fn assert_list_genuine_or_integrity_failure(tv: &TestVault, names: &[&str], what: &str) {
    let out = tv.run(&["list"], "");
    match code(&out) {
        0 => {
            let listed: Vec<String> = String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter_map(|l| l.split_whitespace().next().map(str::to_string))
                .filter(|n| n != "NAME")
                .collect();
            assert_eq!(listed, names, "{what}: list");
        }
        4 => assert!(
            stderr(&out).starts_with("error: "),
            "{what}: {}",
            stderr(&out)
        ),
        other => panic!("{what}: list gave {other}: {}", stderr(&out)),
    }
}

/// The byte positions to flip: every byte that holds anything, and every 16th byte of the
/// runs of zeros (over 64 bytes) that are unallocated space inside SQLite pages, which SQLite
/// never reads as data. That keeps the test's thousands of runs of the binary within CI time.
fn positions(file: &[u8]) -> Vec<usize> {
    let mut out = Vec::with_capacity(file.len());
    let mut i = 0;
    while i < file.len() {
        if file[i] == 0 {
            let end = file[i..]
                .iter()
                .position(|b| *b != 0)
                .map_or(file.len(), |n| i + n);
            if end - i > 64 {
                out.extend((i..end).step_by(16));
            } else {
                out.extend(i..end);
            }
            i = end;
        } else {
            out.push(i);
            i += 1;
        }
    }
    out
}

#[test]
fn every_flipped_byte_gives_the_right_answer_or_exit_3_or_4() {
    if on_postgres() {
        return; // the file's bytes; rows edited on the server are the other tests here
    }
    let tv = TestVault::new();
    tv.set("ALPHA", "alpha-value");
    tv.set("BETA", "beta-value");
    tv.set("ALPHA", "alpha-value-2");
    let pristine = std::fs::read(&tv.vault).unwrap();
    assert!(
        !tv.vault.with_extension("db-wal").exists(),
        "the WAL is checkpointed on close"
    );
    let targets = positions(&pristine);
    let len = targets.len();
    let next = AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for t in 0..4 {
            let (tv, pristine, next, failures, targets) =
                (&tv, &pristine, &next, &failures, &targets);
            s.spawn(move || {
                let dir = tv.dir.path().join(format!("flip{t}"));
                std::fs::create_dir_all(&dir).unwrap();
                let path = dir.join("vault.db");
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    if k >= len {
                        break;
                    }
                    let i = targets[k];
                    let mut bytes = pristine.clone();
                    bytes[i] ^= 0x5a;
                    for ext in ["db-wal", "db-shm"] {
                        let _ = std::fs::remove_file(path.with_extension(ext));
                    }
                    std::fs::write(&path, &bytes).unwrap();
                    // `list` reads every row; run it on a tenth of the positions to bound time.
                    // Every run starts from the same generation: allow that "rollback".
                    let mut runs: Vec<(Vec<&str>, Option<&str>)> = vec![(
                        vec!["get", "-n", "ALPHA", "--allow-rollback", "-q"],
                        Some("alpha-value-2"),
                    )];
                    if i % 10 == 0 {
                        runs.push((vec!["list", "--allow-rollback", "-q"], None));
                    }
                    // `export` reads the environment's snapshot buckets (format 2).
                    if i % 10 == 5 {
                        runs.push((
                            vec!["export", "--format", "json", "--allow-rollback", "-q"],
                            Some("{\"ALPHA\":\"alpha-value-2\",\"BETA\":\"beta-value\"}\n"),
                        ));
                    }
                    for (args, want) in runs {
                        let out = tv
                            .cmd()
                            .env("TRESOR_VAULT", &path)
                            .args(&args)
                            .output()
                            .unwrap();
                        let c = code(&out);
                        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
                        let ok = match c {
                            0 => want.is_none_or(|w| stdout == w),
                            3 | 4 => stderr(&out).starts_with("error: "),
                            // The format number (user_version, bytes 60..64) raised by the flip.
                            1 => (60..64).contains(&i) && stderr(&out).contains("newer tresor"),
                            _ => false,
                        };
                        if !ok {
                            failures.lock().unwrap().push(format!(
                                "byte {i}: {args:?} exit {c}, stdout {stdout:?}, stderr {}",
                                stderr(&out)
                            ));
                        }
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} bad outcomes of {len} flips:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
}

#[test]
fn swapped_ciphertexts_are_an_integrity_failure() {
    let tv = TestVault::new();
    tv.set("ALPHA", "alpha-value");
    tv.set("BETA", "beta-value");
    tv.sql("CREATE TEMP TABLE t AS SELECT secret_id, value FROM versions;
         UPDATE versions SET value = (SELECT value FROM t WHERE t.secret_id != versions.secret_id);",
    );
    assert_integrity_failure(&tv, &["get", "ALPHA"], "swapped values");
    assert_integrity_failure(&tv, &["get", "BETA"], "swapped values");
}

#[test]
fn swapped_names_are_an_integrity_failure() {
    let tv = TestVault::new();
    tv.set("ALPHA", "alpha-value");
    tv.set("BETA", "beta-value");
    tv.sql(
        "CREATE TEMP TABLE t AS SELECT id, name_tag FROM secrets;
         UPDATE secrets SET name_tag = x'00' || name_tag;
         UPDATE secrets SET name_tag = (SELECT name_tag FROM t WHERE t.id != secrets.id);",
    );
    assert_integrity_failure(&tv, &["get", "ALPHA"], "swapped name tags");
    assert_integrity_failure(&tv, &["get", "BETA"], "swapped name tags");
    assert_list_genuine_or_integrity_failure(&tv, &["ALPHA", "BETA"], "swapped name tags");
    assert_integrity_failure(&tv, &["audit", "verify"], "swapped name tags");
}

#[test]
fn a_deleted_secret_row_is_an_integrity_failure() {
    let tv = TestVault::new();
    tv.set("ALPHA", "alpha-value");
    let alpha = tv.sql_blob("SELECT id FROM secrets");
    tv.set("BETA", "beta-value");
    // ALPHA's rows deleted, as sqlite3 would: versions first (they reference the secret).
    tv.sql_with_blob("DELETE FROM versions WHERE secret_id = ?1", &alpha);
    tv.sql_with_blob("DELETE FROM secrets WHERE id = ?1", &alpha);
    // "Not found" is checked against the bucket digests, which still count ALPHA.
    assert_integrity_failure(&tv, &["get", "ALPHA"], "deleted secret");
    assert_genuine_or_integrity_failure(&tv, "BETA", "beta-value", "deleted secret");
    assert_integrity_failure(&tv, &["list"], "deleted secret");
}

#[test]
fn a_deleted_version_is_an_integrity_failure() {
    let tv = TestVault::new();
    tv.set("ALPHA", "one");
    tv.set("ALPHA", "two");
    tv.sql("DELETE FROM versions WHERE version = 1;");
    assert_integrity_failure(&tv, &["get", "ALPHA"], "deleted old version");
    assert_integrity_failure(&tv, &["history", "ALPHA"], "deleted old version");
    assert_list_genuine_or_integrity_failure(&tv, &["ALPHA"], "deleted old version");
    assert_integrity_failure(&tv, &["audit", "verify"], "deleted old version");
}

/// ALPHA set to "old-value" and BETA to "beta", the tables then copied as `old` (the returned
/// statement attaches them), then ALPHA set to "new-value".
fn alpha_changed_after_a_copy() -> (TestVault, String) {
    let tv = TestVault::new();
    tv.set("ALPHA", "old-value");
    tv.set("BETA", "beta");
    let attach = tv.tables_as("old");
    tv.set("ALPHA", "new-value");
    (tv, attach)
}

#[test]
fn a_replayed_older_row_is_an_integrity_failure() {
    let (tv, attach) = alpha_changed_after_a_copy();
    // Put back the old secret row and drop the new version: the secret then looks exactly as
    // it did before the second `set`, and every row in it has a valid MAC of its own.
    tv.sql(&format!(
        "{attach}PRAGMA foreign_keys = OFF;
         DELETE FROM versions WHERE version = 2;
         DELETE FROM secrets;
         INSERT INTO secrets SELECT * FROM old.secrets;"
    ));
    assert_integrity_failure(&tv, &["get", "ALPHA"], "replayed secret row");
    assert_genuine_or_integrity_failure(&tv, "BETA", "beta", "replayed secret row");
    assert_integrity_failure(&tv, &["list"], "replayed secret row");
}

/// Everything without a root-keyed MAC put back as it was before a `set`: the secret row, the
/// versions, the bucket digests (unkeyed hashes) and the snapshot buckets (sealed by the owner,
/// but an old sealed row is still a sealed row). They all agree with each other; only the
/// environment row (its count and summary under the root key) and the header stand in the way.
#[test]
fn every_row_that_an_old_copy_holds_replayed_together_is_an_integrity_failure() {
    let (tv, attach) = alpha_changed_after_a_copy();
    tv.sql(&format!(
        "{attach}PRAGMA foreign_keys = OFF;
         DELETE FROM versions; INSERT INTO versions SELECT * FROM old.versions;
         DELETE FROM secrets; INSERT INTO secrets SELECT * FROM old.secrets;
         DELETE FROM buckets; INSERT INTO buckets SELECT * FROM old.buckets;
         DELETE FROM snapshots; INSERT INTO snapshots SELECT * FROM old.snapshots;"
    ));
    assert_integrity_failure(&tv, &["get", "ALPHA"], "replayed rows");
    assert_integrity_failure(&tv, &["list"], "replayed rows");
    let out = tv.run(&["run", "--", "env"], "");
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("old-value"));
    assert_integrity_failure(&tv, &["audit", "verify"], "replayed rows");
}

#[test]
fn a_replayed_environment_row_is_an_integrity_failure() {
    let tv = TestVault::new();
    tv.set("ALPHA", "a");
    let attach = tv.tables_as("old");
    tv.set("BETA", "b");
    tv.sql(&format!(
        "{attach}PRAGMA foreign_keys = OFF;
         DELETE FROM envs;
         INSERT INTO envs SELECT * FROM old.envs;"
    ));
    assert_integrity_failure(&tv, &["get", "ALPHA"], "replayed environment row");
}

#[test]
fn deleted_environments_and_slots_are_integrity_failures() {
    let tv = TestVault::new();
    tv.set("ALPHA", "a");
    tv.sql("PRAGMA foreign_keys = OFF; DELETE FROM envs WHERE name = 'prod';");
    assert_integrity_failure(&tv, &["get", "ALPHA"], "deleted environment");

    let tv = TestVault::with_passphrase("pass phrase");
    tv.set("ALPHA", "a");
    tv.sql("DELETE FROM slots WHERE kind = 1;");
    assert_integrity_failure(&tv, &["get", "ALPHA"], "deleted passphrase slot");
}

#[test]
fn lowered_kdf_parameters_do_not_open_the_vault() {
    let tv = TestVault::with_passphrase("pass phrase");
    tv.set("ALPHA", "a");
    // iterations 2 -> 3 in the slot's parameters: the slot's AAD no longer matches.
    tv.sql("UPDATE slots SET kdf = substr(kdf, 1, 20) || x'00000003' || substr(kdf, 25) WHERE kind = 1;",
    );
    let out = tv
        .raw()
        .args(["get", "ALPHA", "--passphrase-file"])
        .arg(tv.passphrase_file.as_ref().unwrap())
        .output()
        .unwrap();
    assert!(matches!(code(&out), 3 | 4), "{}", stderr(&out));
    // Below the floor: refused before any allocation, as an integrity failure.
    tv.sql("UPDATE slots SET kdf = substr(kdf, 1, 16) || x'00000001' || substr(kdf, 21) WHERE kind = 1;",
    );
    let out = tv
        .raw()
        .args(["get", "ALPHA", "--passphrase-file"])
        .arg(tv.passphrase_file.as_ref().unwrap())
        .output()
        .unwrap();
    assert_eq!(code(&out), 4, "{}", stderr(&out));
}

#[test]
fn replayed_deleted_or_moved_snapshot_buckets_are_integrity_failures() {
    // `run` and `export` read an environment's values from sealed snapshot buckets; each kind
    // of tampering with them must be exit 4, never an old or missing value.
    let tv = TestVault::new();
    for i in 0..40 {
        tv.set(&format!("KEY_{i}"), &format!("value-{i}"));
    }
    tv.ok(&["set", "-e", "prod", "PROD_KEY"], "prod-value");
    let attach = tv.tables_as("old");
    tv.set("KEY_7", "value-7-rotated");
    let pristine = (!on_postgres()).then(|| std::fs::read(&tv.vault).unwrap());
    if on_postgres() {
        tv.tables_as("pristine");
    }
    let reads: [&[&str]; 2] = [
        &["export", "--format", "json"],
        &["run", "--", "sh", "-c", "exit 0"],
    ];
    let cases = [
        (
            "an older bucket put back",
            format!(
                "{attach}DELETE FROM snapshots WHERE (env_id, bucket) IN (SELECT env_id, bucket FROM old.snapshots);
                 INSERT INTO snapshots SELECT * FROM old.snapshots;"
            ),
        ),
        (
            "a bucket deleted",
            "DELETE FROM snapshots WHERE env_id = (SELECT id FROM envs WHERE name = 'dev')
             AND bucket = (SELECT min(bucket) FROM snapshots WHERE env_id = (SELECT id FROM envs WHERE name = 'dev'));".to_string(),
        ),
        (
            "a bucket moved to another number",
            "UPDATE snapshots SET bucket = 256 WHERE env_id = (SELECT id FROM envs WHERE name = 'dev')
             AND bucket = (SELECT max(bucket) FROM snapshots WHERE env_id = (SELECT id FROM envs WHERE name = 'dev'));".to_string(),
        ),
        (
            "buckets of two environments swapped",
            // A dev bucket whose number prod does not use (ids are random: they may share one).
            "UPDATE snapshots SET env_id = (SELECT id FROM envs WHERE name = 'prod')
             WHERE env_id = (SELECT id FROM envs WHERE name = 'dev')
             AND bucket = (SELECT min(bucket) FROM snapshots WHERE env_id = (SELECT id FROM envs WHERE name = 'dev')
                           AND bucket NOT IN (SELECT bucket FROM snapshots WHERE env_id = (SELECT id FROM envs WHERE name = 'prod')));".to_string(),
        ),
    ];
    // Each case starts from the same file in a folder of its own; the rollback check would
    // otherwise (rightly) refuse the older generation before the snapshot is even read.
    // On PostgreSQL each case puts the whole vault back as it was instead.
    for (n, (what, statements)) in cases.iter().enumerate() {
        let dir = tv.dir.path().join(format!("case{n}"));
        std::fs::create_dir_all(&dir).unwrap();
        let path = match &pristine {
            Some(pristine) => {
                let path = dir.join("vault.db");
                std::fs::write(&path, pristine).unwrap();
                sql(&path, statements);
                path
            }
            None => {
                tv.restore_tables("pristine");
                tv.sql(statements);
                tv.vault.clone()
            }
        };
        for args in reads {
            let out = tv
                .cmd()
                .env("TRESOR_VAULT", &path)
                .arg("--allow-rollback")
                .args(args)
                .output()
                .unwrap();
            assert_eq!(code(&out), 4, "{what}: tresor {args:?}: {}", stderr(&out));
            assert!(
                stderr(&out).contains("snapshot"),
                "{what}: {}",
                stderr(&out)
            );
            assert!(!String::from_utf8_lossy(&out.stdout).contains("value-"));
        }
    }
    if on_postgres() {
        tv.restore_tables("pristine");
    }
    let json = tv.ok(&["export", "--format", "json"], "");
    assert!(json.contains(r#""KEY_7":"value-7-rotated""#), "{json}");
}

#[test]
fn a_bucket_digest_row_altered_alone_stops_the_commands_that_read_it() {
    // `run` and `export` check the snapshot's buckets against the environment row itself
    // (doc/design.md), without reading the `buckets` rows: altering one of those changes
    // nothing they hand out, and the commands that read the rows still refuse it.
    let tv = TestVault::new();
    for i in 0..20 {
        tv.set(&format!("KEY_{i}"), &format!("value-{i}"));
    }
    tv.sql("UPDATE buckets SET count = count + 1 WHERE bucket = (SELECT min(bucket) FROM buckets)");
    let json = tv.ok(&["export", "--format", "json"], "");
    for i in 0..20 {
        assert!(
            json.contains(&format!(r#""KEY_{i}":"value-{i}""#)),
            "{json}"
        );
    }
    tv.ok(&["run", "--", "sh", "-c", r#"test "$KEY_4" = value-4"#], "");
    assert_integrity_failure(&tv, &["get", "KEY_0"], "a bucket row altered, get");
    assert_integrity_failure(
        &tv,
        &["audit", "verify"],
        "a bucket row altered, audit verify",
    );
}
