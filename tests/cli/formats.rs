//! Vaults written by older builds (formats 1 and 2, committed under `tests/data/` with the
//! passphrase that opens them; `tests/data/make_fixtures.sh` made them): they open, every value
//! and revocation intact, and are upgraded to format 3 on their first full-access open; their
//! tampered copies (a revocation undone with the old rows, a deleted version) are refused
//! before anything is sealed again, and left as they were. A format-3 vault whose snapshot
//! buckets predate listings (encoding 1) lists and runs, and the first write to an
//! environment seals all of its buckets anew, with listings.

use std::path::{Path, PathBuf};

use crate::support::*;

fn data(format: u32) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/data/format{format}"))
}

/// A copy of fixture `file` of `format` in a fresh test home, and a command that opens it
/// with the fixture's passphrase.
fn fixture(format: u32, file: &str) -> (TestVault, PathBuf) {
    let tv = TestVault::uninit();
    let copy = tv.dir.path().join(file);
    std::fs::copy(data(format).join(file), &copy).unwrap();
    (tv, copy)
}

fn run(tv: &TestVault, vault: &Path, format: u32, args: &[&str]) -> std::process::Output {
    tv.raw()
        .env("TRESOR_VAULT", vault)
        .env(
            "TRESOR_PASSPHRASE_FILE",
            data(format).join("passphrase.txt"),
        )
        .args(args)
        .output()
        .unwrap()
}

fn user_version(vault: &Path) -> i64 {
    rusqlite::Connection::open(vault)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn old_formats_open_with_every_value_and_are_upgraded() {
    for format in [1, 2] {
        let (tv, vault) = fixture(format, "vault.db");
        assert_eq!(user_version(&vault), i64::from(format));
        let out = run(&tv, &vault, format, &["get", "-n", "-e", "dev", "A"]);
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "fixture-A-2",
            "format {format}: {}",
            stderr(&out)
        );
        assert!(
            stderr(&out).contains(&format!("upgraded the vault from format {format}")),
            "{}",
            stderr(&out)
        );
        assert_eq!(user_version(&vault), 3, "format {format} upgraded in place");
        let get = |args: &[&str]| {
            let out = run(&tv, &vault, format, args);
            (
                code(&out),
                String::from_utf8_lossy(&out.stdout).into_owned(),
            )
        };
        assert_eq!(
            get(&["get", "-n", "-e", "dev", "A", "--version", "1"]),
            (0, "fixture-A-1".into())
        );
        assert_eq!(
            get(&["get", "-n", "-e", "dev", "B"]),
            (0, "fixture-B-1".into())
        );
        assert_eq!(
            get(&["get", "-n", "-e", "prod", "D"]),
            (0, "fixture-D-1".into())
        );
        // The revocation survived the upgrade.
        assert_eq!(get(&["get", "-e", "prod", "C"]).0, 5);
        let (code_run, out) = get(&["run", "-e", "prod", "--", "env"]);
        assert_eq!(code_run, 0);
        assert!(out.contains("D=fixture-D-1") && !out.contains("fixture-C-1"));
        // Writes, the audit log and a full verification work on the upgraded vault.
        let out = tv
            .raw()
            .env("TRESOR_VAULT", &vault)
            .env(
                "TRESOR_PASSPHRASE_FILE",
                data(format).join("passphrase.txt"),
            )
            .args(["set", "-e", "dev", "E"])
            .write_stdin("fixture-E-1")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(
            get(&["get", "-n", "-e", "dev", "E"]),
            (0, "fixture-E-1".into())
        );
        let out = run(&tv, &vault, format, &["audit", "verify"]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
}

#[test]
fn tampered_old_formats_are_refused_and_left_as_they_were() {
    for format in [1, 2] {
        for file in ["replayed-revocation.db", "deleted-version.db"] {
            let (tv, vault) = fixture(format, file);
            let before = std::fs::read(&vault).unwrap();
            for args in [
                &["get", "-e", "prod", "C", "--allow-revoked"][..],
                &["get", "-e", "dev", "A"],
                &["list", "--all-envs"],
                &["run", "-e", "prod", "--", "env"],
            ] {
                let out = run(&tv, &vault, format, args);
                assert_eq!(
                    code(&out),
                    4,
                    "format {format} {file} {args:?}: {}",
                    stderr(&out)
                );
                assert!(!contains(&out.stdout, b"fixture-C-1"));
            }
            assert_eq!(user_version(&vault), i64::from(format), "not upgraded");
            let conn = rusqlite::Connection::open(&vault).unwrap();
            conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
                .unwrap();
            drop(conn);
            let after = std::fs::read(&vault).unwrap();
            // SQLite may rewrite its own header fields (change counter) when it opens in WAL
            // mode; the pages that hold rows are the same.
            assert_eq!(before.len(), after.len(), "{file}");
            assert_eq!(
                before[100..],
                after[100..],
                "format {format} {file}: rows unchanged"
            );
        }
    }
}

#[test]
fn format_3_snapshots_without_listings_are_read_and_sealed_anew_on_the_first_write() {
    let (tv, vault) = fixture(3, "vault.db");
    let out_of = |args: &[&str]| {
        let out = run(&tv, &vault, 3, args);
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let names = |text: String| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.split_whitespace().next().map(str::to_string))
            .filter(|n| n != "NAME")
            .collect()
    };
    // `list` reads the rows (its buckets have no listings), `run` the encoding-1 buckets.
    assert_eq!(names(out_of(&["list", "-e", "dev"])), ["A", "B"]);
    assert_eq!(
        names(out_of(&["list", "-e", "prod", "--revoked"])),
        ["C", "D"]
    );
    let env = out_of(&["run", "-e", "dev", "--", "env"]);
    assert!(
        env.contains("A=fixture-A-2") && env.contains("B=fixture-B-1"),
        "{env}"
    );
    // The first write to `dev` seals all of its buckets anew, with listings (encoding 2);
    // `prod`'s stay as they were, and both read.
    let sealed = |env: &str| -> Vec<Vec<u8>> {
        let conn = rusqlite::Connection::open(&vault).unwrap();
        let mut st = conn
            .prepare(
                "SELECT s.sealed FROM snapshots s JOIN envs e ON e.id = s.env_id WHERE e.name = ?1 ORDER BY s.bucket",
            )
            .unwrap();
        st.query_map([env], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let (dev_before, prod_before) = (sealed("dev"), sealed("prod"));
    assert_eq!(dev_before.len(), 2, "A and B in two buckets");
    let out = tv
        .raw()
        .env("TRESOR_VAULT", &vault)
        .env("TRESOR_PASSPHRASE_FILE", data(3).join("passphrase.txt"))
        .args(["set", "-e", "dev", "A", "--note", "after"])
        .write_stdin("fixture-A-3")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let dev_after = sealed("dev");
    assert_eq!(dev_after.len(), 2);
    assert!(
        dev_before.iter().zip(&dev_after).all(|(b, a)| b != a),
        "both of dev's buckets were sealed anew"
    );
    assert_eq!(sealed("prod"), prod_before);
    let json = out_of(&["list", "-e", "dev", "--json"]);
    let listed: serde_json::Value = serde_json::from_str(&json).unwrap();
    let a = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "A")
        .expect("A listed");
    assert_eq!(
        (a["version"].as_i64(), a["versions"].as_i64()),
        (Some(3), Some(3))
    );
    assert_eq!(a["note"], "after");
    let env = out_of(&["run", "-e", "dev", "--", "env"]);
    assert!(
        env.contains("A=fixture-A-3") && env.contains("B=fixture-B-1"),
        "{env}"
    );
    assert_eq!(code(&run(&tv, &vault, 3, &["audit", "verify"])), 0);
}
