//! passwd, rekey, full-access recipients and rollback detection through the binary.

use crate::support::*;

fn passphrase_get(tv: &TestVault, pass_file: &std::path::Path, name: &str) -> std::process::Output {
    tv.raw()
        .args(["get", "-n", name, "--passphrase-file"])
        .arg(pass_file)
        .output()
        .unwrap()
}

#[test]
fn passwd_replaces_the_passphrase() {
    let tv = TestVault::with_passphrase("old passphrase");
    tv.set("K", "value-k");
    let old = tv.passphrase_file.clone().unwrap();
    let new = tv.dir.path().join("new");
    std::fs::write(&new, "new passphrase\n").unwrap();
    let out = tv
        .raw()
        .args(["passwd", "--passphrase-file"])
        .arg(&old)
        .arg("--new-passphrase-file")
        .arg(&new)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        code(&passphrase_get(&tv, &old, "K")),
        3,
        "the old passphrase stops working"
    );
    assert_eq!(
        String::from_utf8_lossy(&passphrase_get(&tv, &new, "K").stdout),
        "value-k"
    );
    assert_eq!(tv.get("K"), "value-k", "the identity still works");
    // No new passphrase and no terminal: usage error; a wrong current one: exit 3.
    assert_eq!(
        code(
            &tv.raw()
                .args(["passwd", "--passphrase-file"])
                .arg(&new)
                .output()
                .unwrap()
        ),
        2
    );
    let out = tv
        .raw()
        .args(["passwd", "--passphrase-file"])
        .arg(&old)
        .arg("--new-passphrase-file")
        .arg(&new)
        .output()
        .unwrap();
    assert_eq!(code(&out), 3);
    tv.ok(&["audit", "verify"], "");
}

#[test]
fn rekey_changes_every_ciphertext_and_keeps_every_value() {
    let tv = TestVault::with_passphrase("pass phrase");
    let mut values = Vec::new();
    for (env, n) in [("dev", 5), ("prod", 3)] {
        for i in 0..n {
            let v = canary();
            tv.ok(&["set", "-e", env, &format!("K{i}")], &v);
            values.push((env, format!("K{i}"), v));
        }
    }
    tv.ok(&["set", "-e", "prod", "K0"], "second version");
    let (gsecret, grecipient) = age_identity();
    tv.ok(
        &[
            "access",
            "grant",
            "-e",
            "prod",
            "--recipient",
            &grecipient,
            "--name",
            "ci",
        ],
        "",
    );
    let before: Vec<Vec<u8>> = {
        let conn = rusqlite::Connection::open(&tv.vault).unwrap();
        let mut st = conn.prepare("SELECT value FROM versions").unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    let key_before = tv.ok(&["status", "--json"], "");
    let pf = tv.passphrase_file.clone().unwrap();
    let out = tv
        .cmd()
        .arg("rekey")
        .arg("--passphrase-file")
        .arg(&pf)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let after: Vec<Vec<u8>> = {
        let conn = rusqlite::Connection::open(&tv.vault).unwrap();
        let mut st = conn.prepare("SELECT value FROM versions").unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    assert_eq!(before.len(), after.len());
    for b in &before {
        assert!(!after.contains(b), "a ciphertext survived the rekey");
    }
    for (env, name, v) in &values {
        if env == &"prod" && name == "K0" {
            assert_eq!(
                tv.ok(&["get", "-n", "-e", env, name, "--version", "1"], ""),
                *v
            );
            assert_eq!(tv.ok(&["get", "-n", "-e", env, name], ""), "second version");
        } else {
            assert_eq!(&tv.ok(&["get", "-n", "-e", env, name], ""), v);
        }
    }
    // Every way in still works: passphrase, identity, grant; the audit log still verifies.
    assert_eq!(
        String::from_utf8_lossy(&passphrase_get(&tv, &pf, "K1").stdout),
        values[1].2
    );
    let out = tv
        .raw()
        .env("TRESOR_IDENTITY", &gsecret)
        .args(["get", "-n", "-e", "prod", "K1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    tv.ok(&["audit", "verify"], "");
    let ev: serde_json::Value = serde_json::from_str(&tv.ok(&["audit", "--json"], "")).unwrap();
    assert!(
        ev.as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "rekey")
    );
    assert_ne!(
        key_before,
        tv.ok(&["status", "--json"], ""),
        "the vault key changed"
    );
    // Without the passphrase (identity only, no terminal) rekey refuses: the slot needs it.
    assert_eq!(code(&tv.run(&["rekey"], "")), 3);
}

#[test]
fn full_access_recipients_can_be_added_and_removed() {
    let tv = TestVault::with_passphrase("pass phrase");
    tv.set("K", "v");
    let (secret, recipient) = age_identity();
    tv.ok(&["access", "add", "--recipient", &recipient], "");
    let as_new = |args: &[&str], stdin: &str| {
        tv.raw()
            .env("TRESOR_IDENTITY", &secret)
            .args(args)
            .write_stdin(stdin.as_bytes().to_vec())
            .output()
            .unwrap()
    };
    assert!(
        as_new(&["set", "NEW"], "n").status.success(),
        "full access writes"
    );
    let list: serde_json::Value =
        serde_json::from_str(&tv.ok(&["access", "list", "--json"], "")).unwrap();
    assert_eq!(
        list.as_array()
            .unwrap()
            .iter()
            .filter(|s| s["access"] == "full")
            .count(),
        2
    );
    let pf = tv.passphrase_file.clone().unwrap();
    let label = format!("{}…{}", &recipient[..12], &recipient[recipient.len() - 6..]);
    let out = tv
        .cmd()
        .args(["access", "remove", &label, "--passphrase-file"])
        .arg(&pf)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(code(&as_new(&["get", "K"], "")), 3);
    assert_eq!(tv.get("NEW"), "n");
    assert_eq!(tv.get("K"), "v");
}

#[test]
fn an_older_copy_of_the_vault_is_refused_unless_allowed() {
    let tv = TestVault::new();
    tv.set("K", "before");
    let copy = tv.dir.path().join("old-copy.db");
    let conn = rusqlite::Connection::open(&tv.vault).unwrap();
    conn.execute_batch(&format!("VACUUM INTO '{}'", copy.display()))
        .unwrap();
    drop(conn);
    tv.ok(&["revoke", "K", "--reason", "leaked"], "");
    // Put the old copy back: the revocation would be undone.
    for ext in ["db-wal", "db-shm"] {
        let _ = std::fs::remove_file(tv.vault.with_extension(ext));
    }
    std::fs::copy(&copy, &tv.vault).unwrap();
    let out = tv.run(&["get", "K"], "");
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("expected") && stderr(&out).contains("--allow-rollback"),
        "{}",
        stderr(&out)
    );
    let out = tv.run(&["get", "-n", "K", "--allow-rollback"], "");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "before",
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("older vault"));
    let ev: serde_json::Value = serde_json::from_str(&tv.ok(&["audit", "--json"], "")).unwrap();
    assert!(
        ev.as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "rollback-allowed")
    );
    // Accepted: from now on it opens without the flag.
    assert!(tv.run(&["get", "K"], "").status.success());
    // A missing record is a warning, not an error.
    std::fs::remove_dir_all(tv.home.join(".local/state/tresor")).unwrap();
    let out = tv.run(&["get", "K"], "");
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("warning:") && stderr(&out).contains("rollback"),
        "{}",
        stderr(&out)
    );
}

/// The (root key, passphrase factor) a passphrase opens in the vault file at `path`.
fn passphrase_slot_keys(path: &std::path::Path, pass: &str) -> ([u8; 32], [u8; 32]) {
    use tresor::vault::{keys, store::Store};
    let store = Store::open(path).unwrap();
    let vault_id = store.header().unwrap().vault_id;
    let slots = store.slots().unwrap();
    let slot = slots
        .iter()
        .find(|s| s.kind == keys::SLOT_PASSPHRASE)
        .unwrap();
    let (root, pfactor) = keys::unwrap_with_passphrase(&vault_id, slot, pass.as_bytes())
        .unwrap()
        .expect("the passphrase opens the slot");
    (*root.expose(), *pfactor.expose())
}

#[test]
fn passwd_says_older_copies_still_open_and_rekey_rotates_the_passphrase_factor() {
    let tv = TestVault::with_passphrase("first passphrase");
    let value = canary();
    tv.set("K", &value);
    let old = tv.passphrase_file.clone().unwrap();
    let copy = tv.dir.path().join("older-copy.db");
    std::fs::copy(&tv.vault, &copy).unwrap();
    let new = tv.dir.path().join("new");
    std::fs::write(&new, "second passphrase\n").unwrap();
    let out = tv
        .raw()
        .args(["passwd", "--passphrase-file"])
        .arg(&old)
        .arg("--new-passphrase-file")
        .arg(&new)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("older copy") && stderr(&out).contains("tresor rekey"),
        "passwd tells what it does not protect: {}",
        stderr(&out)
    );
    // As it says: the old passphrase still opens the older copy.
    let out = tv
        .raw()
        .env("TRESOR_VAULT", &copy)
        .args(["get", "-n", "K", "--allow-rollback", "--passphrase-file"])
        .arg(&old)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        value,
        "{}",
        stderr(&out)
    );
    // passwd keeps the root key and the passphrase factor; rekey replaces both.
    let before = passphrase_slot_keys(&copy, "first passphrase");
    let after_passwd = passphrase_slot_keys(&tv.vault, "second passphrase");
    assert_eq!(before, after_passwd);
    let out = tv
        .raw()
        .args(["rekey", "--passphrase-file"])
        .arg(&new)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let after_rekey = passphrase_slot_keys(&tv.vault, "second passphrase");
    assert_ne!(before.0, after_rekey.0, "a new root key");
    assert_ne!(
        before.1, after_rekey.1,
        "a new passphrase factor: the old one (from an older copy) opens no protected environment"
    );
    assert_eq!(
        String::from_utf8_lossy(&passphrase_get(&tv, &new, "K").stdout),
        value
    );
}

fn sql(tv: &TestVault, statements: &str) {
    let conn = rusqlite::Connection::open(&tv.vault).unwrap();
    conn.execute_batch(statements).unwrap();
}

/// Forged passphrase slots (copies of the real one, sorted before it) would each cost a full
/// KDF run before the header, which would catch them, is checked: they are refused first.
#[test]
fn extra_passphrase_slots_are_refused_before_any_kdf_runs() {
    let tv = TestVault::with_passphrase("the real passphrase");
    tv.set("K", &canary());
    let forge = "INSERT INTO slots (id, kind, env_id, label, recipient, kdf, wrapped, created, expires_at, mac)
         SELECT randomblob(16), kind, env_id, label, recipient, kdf, wrapped, created - 1, expires_at, mac
         FROM slots WHERE kind = 1 ORDER BY created DESC LIMIT 1;";
    sql(&tv, &[forge; 4].concat());
    let pf = tv.passphrase_file.clone().unwrap();
    for pass in [Some(&pf), None] {
        let mut c = tv.raw();
        match pass {
            Some(p) => c.env("TRESOR_PASSPHRASE_FILE", p),
            None => c.env("TRESOR_PASSPHRASE", "a wrong passphrase"),
        };
        let out = c.args(["get", "K"]).output().unwrap();
        assert_eq!(code(&out), 4, "{}", stderr(&out));
        assert!(
            stderr(&out).contains("5 passphrase slots")
                && stderr(&out).contains("too many passphrase slots"),
            "{}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty());
    }
}

/// tresor never changes the cost parameters of a slot in place: raised ones are refused before
/// the KDF runs when this machine saw the slot open, and warned about when it did not.
#[test]
fn raised_kdf_parameters_are_refused_or_warned_about_before_the_kdf() {
    let tv = TestVault::with_passphrase("the real passphrase");
    let value = canary();
    tv.set("K", &value);
    let pf = tv.passphrase_file.clone().unwrap();
    let get = || {
        tv.raw()
            .env("TRESOR_PASSPHRASE_FILE", &pf)
            .args(["get", "-n", "K"])
            .output()
            .unwrap()
    };
    let out = get();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        value,
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("far above"), "{}", stderr(&out));
    // m = 128 MiB, t = 13, p = 1: within DESIGN's range, well above the defaults' cost.
    let conn = rusqlite::Connection::open(&tv.vault).unwrap();
    let mut kdf: Vec<u8> = conn
        .query_row("SELECT kdf FROM slots WHERE kind = 1", [], |r| r.get(0))
        .unwrap();
    kdf[16..].copy_from_slice(&[0, 0, 0, 128, 0, 0, 0, 13, 0, 0, 0, 1]);
    conn.execute("UPDATE slots SET kdf = ?1 WHERE kind = 1", [&kdf])
        .unwrap();
    drop(conn);
    let out = get();
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cost parameters changed")
            && stderr(&out)
                .contains("m = 19 MiB, t = 2, p = 1 then, m = 128 MiB, t = 13, p = 1 now"),
        "{}",
        stderr(&out)
    );
    // Without this machine's record, the run goes ahead after a warning (and the parameters,
    // bound into the slot, make it fail).
    std::fs::remove_dir_all(tv.home.join(".local/state/tresor/kdf")).unwrap();
    let out = get();
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("far above the defaults"),
        "{}",
        stderr(&out)
    );
}
