//! The attacks that broke vault format 2, built the way an attacker builds them, against the
//! real binary and file: a keyless replay from an old copy solved over GF(2), a grant holder's
//! forgery solved over GF(2), a duplicated environment row, a vault swapped in for an identity
//! user, a re-encrypted grant payload, an unsigned environment, and a grant holder's rollback.
//! Each must be exit 4 (or 3) and never print or inject the attacker's or a revoked value.
//!
//! The solver is checked too: each test asserts that its forged rows would have satisfied the
//! format-2 XOR summary, so a pass means the summaries are no longer linear, not that the
//! attack was built wrong.

use std::io::{Read, Write};

use tresor::crypto::Key;
use tresor::vault::digest;
use tresor::vault::keys::EnvKeys;
use tresor::vault::store::{Id, Mac, SecretRow, Store, VersionRow};

use crate::support::*;

// ----- GF(2) -----

/// A subset of `vectors` whose XOR is `target`, by Gaussian elimination over GF(2).
fn solve_xor(vectors: &[Mac], target: &Mac) -> Option<Vec<usize>> {
    let words = vectors.len().div_ceil(64);
    // basis[bit] = (vector with highest set bit `bit`, which inputs it combines)
    let mut basis: Vec<Option<(Mac, Vec<u64>)>> = vec![None; 256];
    let top = |v: &Mac| -> Option<usize> { (0..256).rev().find(|&b| v[b / 8] >> (b % 8) & 1 == 1) };
    let xor = |a: &mut Mac, b: &Mac| a.iter_mut().zip(b).for_each(|(x, y)| *x ^= y);
    for (i, v) in vectors.iter().enumerate() {
        let mut v = *v;
        let mut combo = vec![0u64; words];
        combo[i / 64] |= 1 << (i % 64);
        while let Some(b) = top(&v) {
            match &basis[b] {
                Some((bv, bc)) => {
                    xor(&mut v, bv);
                    combo.iter_mut().zip(bc).for_each(|(x, y)| *x ^= y);
                }
                None => {
                    basis[b] = Some((v, combo));
                    break;
                }
            }
        }
    }
    let mut t = *target;
    let mut combo = vec![0u64; words];
    while let Some(b) = top(&t) {
        let (bv, bc) = basis[b].as_ref()?;
        xor(&mut t, bv);
        combo.iter_mut().zip(bc).for_each(|(x, y)| *x ^= y);
    }
    Some(
        (0..vectors.len())
            .filter(|i| combo[i / 64] >> (i % 64) & 1 == 1)
            .collect(),
    )
}

fn xor_of<'a>(macs: impl IntoIterator<Item = &'a Mac>) -> Mac {
    let mut acc = [0u8; 32];
    for m in macs {
        acc.iter_mut().zip(m).for_each(|(a, b)| *a ^= b);
    }
    acc
}

#[test]
fn the_solver_solves() {
    let mut vs = Vec::new();
    for i in 0..300u32 {
        let mut m = [0u8; 32];
        getrandom::getrandom(&mut m).unwrap();
        m[0] = i as u8;
        vs.push(m);
    }
    let mut target = [0u8; 32];
    getrandom::getrandom(&mut target).unwrap();
    let s = solve_xor(&vs, &target).expect("300 random vectors span GF(2)^256");
    assert_eq!(xor_of(s.iter().map(|&i| &vs[i])), target);
}

// ----- helpers -----

/// A consistent copy of the vault as it is now (what an attacker keeps).
fn old_copy(tv: &TestVault, name: &str) -> std::path::PathBuf {
    let copy = tv.dir.path().join(name);
    let conn = rusqlite::Connection::open(&tv.vault).unwrap();
    conn.execute_batch(&format!("VACUUM INTO '{}'", copy.display()))
        .unwrap();
    copy
}

fn env_id(conn: &rusqlite::Connection, db: &str, name: &str) -> Vec<u8> {
    conn.query_row(
        &format!("SELECT id FROM {db}.envs WHERE name = ?1"),
        [name],
        |r| r.get(0),
    )
    .unwrap()
}

/// (id, mac, latest) of every secret of an environment.
fn secret_macs(
    conn: &rusqlite::Connection,
    db: &str,
    env: &[u8],
) -> std::collections::HashMap<Vec<u8>, (Mac, i64)> {
    let mut st = conn
        .prepare(&format!(
            "SELECT id, mac, latest FROM {db}.secrets WHERE env_id = ?1"
        ))
        .unwrap();
    st.query_map([env], |r| {
        let mac: Vec<u8> = r.get(1)?;
        Ok((r.get(0)?, (mac.try_into().unwrap(), r.get(2)?)))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn dotenv(prefix: &str, n: usize) -> (String, Vec<String>) {
    let values: Vec<String> = (0..n).map(|_| canary()).collect();
    let text = values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{prefix}{i:03}={v}\n"))
        .collect();
    (text, values)
}

fn assert_refused(out: &std::process::Output, forbidden: &[&str], what: &str) {
    assert!(
        matches!(code(out), 3 | 4),
        "{what}: expected exit 4 (or 3), got {:?}: {}",
        out.status.code(),
        stderr(out)
    );
    for f in forbidden {
        assert!(
            !contains(&out.stdout, f.as_bytes()) && !contains(&out.stderr, f.as_bytes()),
            "{what}: {f:?} was printed"
        );
    }
}

// ----- 1. keyless replay from an old copy -----

#[test]
fn a_keyless_replay_solved_over_gf2_does_not_bring_back_a_revoked_key() {
    let tv = TestVault::new();
    let (text, _) = dotenv("K", 300);
    tv.ok(&["import", "-", "-e", "prod"], &text);
    let revoked = canary();
    tv.ok(&["set", "-e", "prod", "REVOKE_ME"], &revoked);
    let old = old_copy(&tv, "old.db");

    tv.ok(
        &["revoke", "-e", "prod", "REVOKE_ME", "--reason", "leaked"],
        "",
    );
    let (text2, _) = dotenv("K", 300);
    tv.ok(&["import", "-", "-e", "prod", "--overwrite"], &text2);

    // The attacker, with no key: the MAC changes of the 300 rewritten secrets span
    // GF(2)^256, so some subset of them cancels the revoked secret's change.
    let conn = rusqlite::Connection::open(&tv.vault).unwrap();
    conn.execute(&format!("ATTACH '{}' AS old", old.display()), [])
        .unwrap();
    let prod = env_id(&conn, "main", "prod");
    let now = secret_macs(&conn, "main", &prod);
    let before = secret_macs(&conn, "old", &prod);
    let target_id = now
        .iter()
        .find(|(id, (mac, latest))| {
            let (old_mac, old_latest) = before[*id];
            old_mac != *mac && old_latest == *latest
        })
        .map(|(id, _)| id.clone())
        .expect("the revoked secret: its MAC changed, its version did not");
    let target_delta = xor_of([&now[&target_id].0, &before[&target_id].0]);
    let others: Vec<(Vec<u8>, Mac)> = now
        .iter()
        .filter(|(id, _)| **id != target_id)
        .map(|(id, (mac, _))| (id.clone(), xor_of([mac, &before[id].0])))
        .collect();
    let deltas: Vec<Mac> = others.iter().map(|(_, d)| *d).collect();
    let subset = solve_xor(&deltas, &target_delta).expect("a solution at 300 changed secrets");
    let mut replay: Vec<Vec<u8>> = subset.iter().map(|&i| others[i].0.clone()).collect();
    replay.push(target_id.clone());

    let xor_before = xor_of(now.values().map(|(m, _)| m));
    conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
    for id in &replay {
        for sql in [
            "DELETE FROM versions WHERE secret_id = ?1",
            "DELETE FROM secrets WHERE id = ?1",
            "INSERT INTO secrets SELECT * FROM old.secrets WHERE id = ?1",
            "INSERT INTO versions SELECT * FROM old.versions WHERE secret_id = ?1",
        ] {
            conn.execute(sql, [id]).unwrap();
        }
    }
    // And the old snapshot buckets of those secrets, so that `run` would read them too.
    conn.execute(
        "DELETE FROM snapshots WHERE env_id = ?1 AND bucket IN (SELECT bucket FROM old.snapshots WHERE env_id = ?1)",
        [&prod],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO snapshots SELECT * FROM old.snapshots WHERE env_id = ?1",
        [&prod],
    )
    .unwrap();
    let after = secret_macs(&conn, "main", &prod);
    assert_eq!(
        xor_of(after.values().map(|(m, _)| m)),
        xor_before,
        "the forged set satisfies an XOR summary: a format-2 vault would have accepted it"
    );
    drop(conn);

    for args in [
        &["get", "-e", "prod", "REVOKE_ME"][..],
        &["get", "-e", "prod", "REVOKE_ME", "--allow-revoked"],
        &["list", "-e", "prod"],
        &["run", "-e", "prod", "--", "env"],
        &["export", "-e", "prod", "--allow-file"],
    ] {
        assert_refused(&tv.run(args, ""), &[&revoked], &format!("{args:?}"));
    }
    let env_file = tv.dir.path().join("refs.env");
    std::fs::write(&env_file, "T=tresor://REVOKE_ME\n").unwrap();
    let out = tv.run(
        &[
            "run",
            "-e",
            "prod",
            "--env-file",
            env_file.to_str().unwrap(),
            "--",
            "env",
        ],
        "",
    );
    assert_refused(&out, &[&revoked], "run --env-file");
    assert_eq!(code(&tv.run(&["audit", "verify"], "")), 4);
}

// ----- 2. a grant holder's forgery -----

/// What a grant holder learns from its slot: (vault id, env id, epoch, environment key).
fn open_grant(tv: &TestVault, identity: &str, label: &str) -> (Id, Id, i64, Key) {
    let conn = rusqlite::Connection::open(&tv.vault).unwrap();
    let wrapped: Vec<u8> = conn
        .query_row("SELECT wrapped FROM slots WHERE label = ?1", [label], |r| {
            r.get(0)
        })
        .unwrap();
    let id: age::x25519::Identity = identity.trim().parse().unwrap();
    let dec = age::Decryptor::new_buffered(&wrapped[..]).unwrap();
    let mut plain = vec![];
    dec.decrypt(std::iter::once(&id as &dyn age::Identity))
        .unwrap()
        .read_to_end(&mut plain)
        .unwrap();
    let tag = b"tresor grant v1".len();
    let vault_id: Id = plain[tag..tag + 16].try_into().unwrap();
    let env_id: Id = plain[tag + 32..tag + 48].try_into().unwrap();
    let epoch = i64::from_be_bytes(plain[tag + 48..tag + 56].try_into().unwrap());
    let key = Key::from_slice(&plain[tag + 64..tag + 96]).unwrap();
    (vault_id, env_id, epoch, key)
}

fn grant_to(tv: &TestVault, env: &str, label: &str) -> (std::path::PathBuf, String, String) {
    let (secret, recipient) = age_identity();
    let file = tv.dir.path().join(format!("{label}.key"));
    std::fs::write(&file, format!("{secret}\n")).unwrap();
    let out = tv.ok(
        &[
            "access",
            "grant",
            "--env",
            env,
            "--recipient",
            &recipient,
            "--name",
            label,
        ],
        "",
    );
    let _ = out;
    (file, secret, recipient)
}

fn as_identity(tv: &TestVault, identity: &std::path::Path, args: &[&str]) -> std::process::Output {
    tv.raw()
        .env("TRESOR_IDENTITY_FILE", identity)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_grant_holder_forgery_solved_over_gf2_is_refused() {
    let tv = TestVault::new();
    let (text, _) = dotenv("K", 300);
    tv.ok(&["import", "-", "-e", "prod"], &text);
    tv.ok(&["set", "-e", "prod", "DEPLOY_URL"], &canary());
    let (gfile, gsecret, _) = grant_to(&tv, "prod", "ci");
    // The grant holder reads normally first (and so pins the vault key and records the
    // environment's generation on its machine).
    assert_eq!(
        code(&as_identity(
            &tv,
            &gfile,
            &["get", "-e", "prod", "DEPLOY_URL"]
        )),
        0
    );

    let (vault_id, env_id, epoch, key) = open_grant(&tv, &gsecret, "ci");
    let ek = EnvKeys::new(&key, vault_id, env_id, epoch);
    let mut store = Store::open(&tv.vault).unwrap();
    store.begin(true).unwrap();
    let rows: Vec<SecretRow> = store.secrets_in(&env_id).unwrap();
    let forged_value = canary();
    let target = rows
        .iter()
        .find(|s| ek.open_name(s).unwrap() == "DEPLOY_URL")
        .unwrap()
        .clone();

    // The target: a new version with the attacker's value, its row re-MACed.
    let mut v = VersionRow {
        secret_id: target.id,
        version: target.latest + 1,
        created: target.created + 1,
        origin: 1,
        state: tresor::vault::VersionState::Active,
        expires_at: None,
        rotate_at: None,
        grace_until: None,
        value: vec![],
        meta: vec![],
        mac: [0; 32],
    };
    ek.seal_version(&mut v, "DEPLOY_URL", forged_value.as_bytes(), b"{}")
        .unwrap();
    let mut versions: Vec<(i64, Mac)> = store
        .versions(&target.id)
        .unwrap()
        .iter()
        .map(|v| (v.version, v.mac))
        .collect();
    versions.push((v.version, v.mac));
    let mut forged = target.clone();
    forged.latest = v.version;
    forged.count += 1;
    forged.latest_mac = v.mac;
    forged.summary = digest::versions(&vault_id, &target.id, &versions);
    forged.mac = ek.secret_mac(&forged);
    let target_delta = xor_of([&forged.mac, &target.mac]);

    // The others: each name re-sealed (a fresh nonce, so a fresh MAC) until the XOR matches.
    let others: Vec<&SecretRow> = rows.iter().filter(|s| s.id != target.id).collect();
    let resealed: Vec<SecretRow> = others
        .iter()
        .map(|s| {
            let mut r = (*s).clone();
            r.name_ct = ek.seal_name(&r.id, &ek.open_name(s).unwrap()).unwrap();
            r.mac = ek.secret_mac(&r);
            r
        })
        .collect();
    let deltas: Vec<Mac> = others
        .iter()
        .zip(&resealed)
        .map(|(s, r)| xor_of([&s.mac, &r.mac]))
        .collect();
    let subset = solve_xor(&deltas, &target_delta).expect("a solution at 300 secrets");
    let before = xor_of(rows.iter().map(|s| &s.mac));
    store.put_version(&v).unwrap();
    store.put_secret(&forged).unwrap();
    for &i in &subset {
        store.put_secret(&resealed[i]).unwrap();
    }
    let after = xor_of(store.secrets_in(&env_id).unwrap().iter().map(|s| &s.mac));
    assert_eq!(
        after, before,
        "the forged set satisfies an XOR summary: a format-2 vault would have accepted it"
    );
    store.commit().unwrap();
    drop(store);

    for args in [
        &["get", "-e", "prod", "DEPLOY_URL"][..],
        &["list", "-e", "prod"],
        &["run", "-e", "prod", "--", "env"],
        &["export", "-e", "prod", "--allow-file"],
    ] {
        assert_refused(
            &as_identity(&tv, &gfile, args),
            &[&forged_value],
            &format!("grant holder {args:?}"),
        );
    }
    for args in [
        &["get", "-e", "prod", "DEPLOY_URL"][..],
        &["list", "-e", "prod"],
    ] {
        assert_refused(
            &tv.run(args, ""),
            &[&forged_value],
            &format!("owner {args:?}"),
        );
    }
    // The owner's `run` reads the sealed snapshot, which the grant holder cannot forge: it
    // never injects the forged value.
    let out = tv.run(&["run", "-e", "prod", "--", "env"], "");
    assert!(!contains(&out.stdout, forged_value.as_bytes()));
}

// ----- 3. a duplicated environment row -----

#[test]
fn a_duplicated_environment_row_is_refused() {
    let tv = TestVault::new();
    let revoked = canary();
    tv.ok(&["set", "-e", "prod", "KEY"], &revoked);
    let old = old_copy(&tv, "old.db");
    tv.ok(&["revoke", "-e", "prod", "KEY", "--reason", "leaked"], "");
    let conn = rusqlite::Connection::open(&tv.vault).unwrap();
    conn.execute_batch(&format!(
        "ATTACH '{}' AS old;
         PRAGMA foreign_keys = OFF;
         CREATE TABLE envs2 (id BLOB, name TEXT, epoch INTEGER, wrapped_key BLOB, created INTEGER, count INTEGER, summary BLOB, mac BLOB);
         INSERT INTO envs2 SELECT * FROM envs WHERE name != 'prod';
         INSERT INTO envs2 SELECT * FROM old.envs WHERE name = 'prod';
         INSERT INTO envs2 SELECT * FROM old.envs WHERE name = 'prod';
         INSERT INTO envs2 SELECT * FROM envs WHERE name = 'prod';
         DROP TABLE envs;
         ALTER TABLE envs2 RENAME TO envs;
         DELETE FROM versions WHERE secret_id IN (SELECT id FROM old.secrets WHERE env_id = (SELECT id FROM old.envs WHERE name = 'prod'));
         DELETE FROM secrets WHERE env_id = (SELECT id FROM old.envs WHERE name = 'prod');
         INSERT INTO secrets SELECT * FROM old.secrets WHERE env_id = (SELECT id FROM old.envs WHERE name = 'prod');
         INSERT INTO versions SELECT v.* FROM old.versions v JOIN old.secrets s ON s.id = v.secret_id WHERE s.env_id = (SELECT id FROM old.envs WHERE name = 'prod');",
        old.display()
    ))
    .unwrap();
    drop(conn);
    for args in [
        &["run", "-e", "prod", "--", "env"][..],
        &["get", "-e", "prod", "KEY", "--allow-revoked"],
        &["list", "-e", "prod"],
    ] {
        let out = tv.run(args, "");
        assert_refused(&out, &[&revoked], &format!("{args:?}"));
        // In format 3 the rebuilt table is refused before any row is read.
        assert!(stderr(&out).contains("schema"), "{}", stderr(&out));
    }
}

/// The same attack on a vault of format 2, whose schema text varied between builds and is
/// checked loosely: the repeated environment row itself is refused, before any upgrade.
#[test]
fn a_duplicated_environment_row_in_an_old_format_is_refused() {
    let tv = TestVault::uninit();
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/format2");
    let vault = tv.dir.path().join("vault.db");
    std::fs::copy(data.join("vault.db"), &vault).unwrap();
    let conn = rusqlite::Connection::open(&vault).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         CREATE TABLE envs2 (id BLOB, name TEXT, epoch INTEGER, wrapped_key BLOB, created INTEGER, count INTEGER, summary BLOB, mac BLOB);
         INSERT INTO envs2 SELECT * FROM envs;
         INSERT INTO envs2 SELECT * FROM envs WHERE name = 'prod';
         INSERT INTO envs2 SELECT * FROM envs WHERE name = 'prod';
         DROP TABLE envs;
         ALTER TABLE envs2 RENAME TO envs;",
    )
    .unwrap();
    drop(conn);
    let out = tv
        .raw()
        .env("TRESOR_VAULT", &vault)
        .env("TRESOR_PASSPHRASE_FILE", data.join("passphrase.txt"))
        .args(["get", "-e", "prod", "D"])
        .output()
        .unwrap();
    assert_refused(&out, &["fixture-D-1"], "duplicated env row, format 2");
    assert!(stderr(&out).contains("duplicated"), "{}", stderr(&out));
}

#[test]
fn a_trigger_or_dropped_constraint_is_a_foreign_schema() {
    for sql in [
        "CREATE TRIGGER t AFTER INSERT ON audit BEGIN SELECT 1; END;",
        "CREATE VIEW v AS SELECT 1;",
        "CREATE INDEX extra ON versions (created);",
        "DROP INDEX secrets_due;",
    ] {
        let tv = TestVault::new();
        tv.set("A", "value");
        let conn = rusqlite::Connection::open(&tv.vault).unwrap();
        conn.execute_batch(sql).unwrap();
        drop(conn);
        let out = tv.run(&["get", "A"], "");
        assert_eq!(code(&out), 4, "{sql}: {}", stderr(&out));
        assert!(stderr(&out).contains("schema"), "{sql}: {}", stderr(&out));
    }
}

// ----- 4. a vault swapped in for an identity user -----

#[test]
fn a_vault_built_for_the_victims_recipient_is_refused() {
    let tv = TestVault::new();
    tv.set("API_KEY", &canary());
    tv.get("API_KEY"); // the victim has used this vault on this machine

    // The attacker knows the victim's recipient (it is public, and in the file).
    let (attacker_secret, attacker_recipient) = age_identity();
    let attacker_vault = tv.dir.path().join("attacker.db");
    let attacker_value = canary();
    let attacker = |args: &[&str], stdin: &str| {
        tv.raw()
            .env("TRESOR_VAULT", &attacker_vault)
            .env("TRESOR_IDENTITY", &attacker_secret)
            .env("XDG_STATE_HOME", tv.dir.path().join("attacker-state"))
            .args(args)
            .write_stdin(stdin.as_bytes().to_vec())
            .output()
            .unwrap()
    };
    let out = attacker(
        &[
            "init",
            "--no-passphrase",
            "--recipient",
            &tv.recipient,
            "--recipient",
            &attacker_recipient,
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        attacker(&["set", "API_KEY"], &attacker_value)
            .status
            .success()
    );
    let conn = rusqlite::Connection::open(&attacker_vault).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    drop(conn);
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", tv.vault.display()));
    }
    std::fs::copy(&attacker_vault, &tv.vault).unwrap();

    let out = tv.run(&["get", "API_KEY"], "");
    assert_refused(&out, &[&attacker_value], "get");
    assert_eq!(code(&out), 4);
    let err = stderr(&out);
    assert_eq!(
        err.matches("tresor-vk1-").count(),
        2,
        "names both keys: {err}"
    );
    let secret_for_attacker = canary();
    let out = tv.run(&["set", "NEW_SECRET"], &secret_for_attacker);
    assert_eq!(
        code(&out),
        4,
        "the victim stores nothing the attacker can read"
    );
    let out = tv
        .raw()
        .env("TRESOR_IDENTITY", &attacker_secret)
        .env("XDG_STATE_HOME", tv.dir.path().join("attacker-state"))
        .args(["get", "NEW_SECRET"])
        .output()
        .unwrap();
    assert_ne!(code(&out), 0, "nothing was stored in the swapped vault");
    assert!(!contains(&out.stdout, secret_for_attacker.as_bytes()));
}

#[test]
fn the_first_open_names_the_key_and_a_rekey_keeps_the_pin() {
    let tv = TestVault::new();
    tv.set("A", "value");
    // init pinned it: no first-use line.
    let out = tv.run(&["get", "A"], "");
    assert!(!stderr(&out).contains("first use"), "{}", stderr(&out));
    // Another machine (another state folder) is told the key once.
    let other = |args: &[&str]| {
        tv.cmd()
            .env("XDG_STATE_HOME", tv.dir.path().join("other-state"))
            .args(args)
            .output()
            .unwrap()
    };
    let first = other(&["get", "A"]);
    assert_eq!(code(&first), 0);
    assert!(
        stderr(&first).contains("first use") && stderr(&first).contains("tresor-vk1-"),
        "{}",
        stderr(&first)
    );
    assert!(!stderr(&other(&["get", "A"])).contains("first use"));
    tv.ok(&["rekey"], "");
    assert_eq!(tv.get("A"), "value");
    // The other machine sees a new key: refused, naming both, until pinned on purpose.
    let out = other(&["get", "A"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let key = String::from_utf8(tv.ok(&["status", "--json"], "").into_bytes())
        .unwrap()
        .split('"')
        .find(|s| s.starts_with("tresor-vk1-"))
        .unwrap()
        .to_string();
    let out = tv
        .cmd()
        .env("XDG_STATE_HOME", tv.dir.path().join("other-state"))
        .env("TRESOR_VAULT_KEY", &key)
        .args(["get", "A"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(code(&other(&["get", "A"])), 0, "re-pinned");
}

// ----- 5. a re-encrypted grant payload, an unsigned environment, a grant rollback -----

#[test]
fn a_grant_payload_re_encrypted_with_another_key_is_refused() {
    let tv = TestVault::new();
    tv.ok(&["set", "-e", "prod", "REAL"], &canary());
    let (gfile, _, grecipient) = grant_to(&tv, "prod", "ci");
    assert_eq!(
        code(&as_identity(&tv, &gfile, &["get", "-e", "prod", "REAL"])),
        0
    );

    // A keyless attacker: an environment key of their own, in a payload for the grant's
    // public recipient, and the environment's rows forged under it.
    let conn = rusqlite::Connection::open(&tv.vault).unwrap();
    let (slot_id, vault_id, env_id, epoch): (Vec<u8>, Vec<u8>, Vec<u8>, i64) = conn
        .query_row(
            "SELECT s.id, h.vault_id, e.id, e.epoch FROM slots s, header h, envs e WHERE s.label = 'ci' AND e.id = s.env_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    drop(conn);
    let key = Key::random().unwrap();
    let mut payload = b"tresor grant v1".to_vec();
    payload.extend_from_slice(&vault_id);
    payload.extend_from_slice(&slot_id);
    payload.extend_from_slice(&env_id);
    payload.extend_from_slice(&epoch.to_be_bytes());
    payload.extend_from_slice(&i64::MIN.to_be_bytes());
    payload.extend_from_slice(key.expose());
    let recipient: age::x25519::Recipient = grecipient.parse().unwrap();
    let enc = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .unwrap();
    let mut wrapped = vec![];
    let mut w = enc.wrap_output(&mut wrapped).unwrap();
    w.write_all(&payload).unwrap();
    w.finish().unwrap();

    let vault_id: Id = vault_id.try_into().unwrap();
    let env_id: Id = env_id.try_into().unwrap();
    let ek = EnvKeys::new(&key, vault_id, env_id, epoch);
    let evil = format!("/tmp/{}", canary());
    let sid: Id = [0x42; 16];
    let mut v = VersionRow {
        secret_id: sid,
        version: 1,
        created: 1,
        origin: 1,
        state: tresor::vault::VersionState::Active,
        expires_at: None,
        rotate_at: None,
        grace_until: None,
        value: vec![],
        meta: vec![],
        mac: [0; 32],
    };
    ek.seal_version(&mut v, "BASH_ENV", evil.as_bytes(), b"{}")
        .unwrap();
    let mut s = SecretRow {
        id: sid,
        env_id,
        name_tag: ek.name_tag("BASH_ENV"),
        name_ct: ek.seal_name(&sid, "BASH_ENV").unwrap(),
        created: 1,
        latest: 1,
        count: 1,
        summary: digest::versions(&vault_id, &sid, &[(1, v.mac)]),
        latest_mac: v.mac,
        due_at: None,
        mac: [0; 32],
    };
    s.mac = ek.secret_mac(&s);
    let bucket = digest::bucket(&vault_id, &env_id, epoch, 0x42, &[(sid, s.mac)]);
    let conn = rusqlite::Connection::open(&tv.vault).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
    conn.execute(
        "UPDATE slots SET wrapped = ?1 WHERE id = ?2",
        rusqlite::params![wrapped, slot_id],
    )
    .unwrap();
    conn.execute(
        "DELETE FROM versions WHERE secret_id IN (SELECT id FROM secrets WHERE env_id = ?1)",
        [&env_id[..]],
    )
    .unwrap();
    conn.execute("DELETE FROM secrets WHERE env_id = ?1", [&env_id[..]])
        .unwrap();
    conn.execute("DELETE FROM buckets WHERE env_id = ?1", [&env_id[..]])
        .unwrap();
    drop(conn);
    let mut store = Store::open(&tv.vault).unwrap();
    store.begin(true).unwrap();
    store.put_secret(&s).unwrap();
    store.put_version(&v).unwrap();
    store
        .put_bucket(
            &env_id,
            &tresor::vault::store::BucketRow {
                bucket: 0x42,
                count: 1,
                digest: bucket,
            },
        )
        .unwrap();
    store.commit().unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&tv.vault).unwrap();
    conn.execute(
        "UPDATE envs SET count = 1, summary = ?1 WHERE id = ?2",
        rusqlite::params![
            digest::environment(
                &vault_id,
                &env_id,
                epoch,
                &[tresor::vault::store::BucketRow {
                    bucket: 0x42,
                    count: 1,
                    digest: bucket
                }]
            ),
            &env_id[..]
        ],
    )
    .unwrap();
    drop(conn);

    for args in [
        &["run", "-e", "prod", "--", "env"][..],
        &["get", "-e", "prod", "BASH_ENV"],
        &["export", "-e", "prod", "--allow-file"],
    ] {
        assert_refused(
            &as_identity(&tv, &gfile, args),
            &[&evil],
            &format!("{args:?}"),
        );
    }
}

/// Only the grant's payload replaced (rows untouched): the statement still verifies, and it is
/// the hash of the environment key it names that refuses the attacker's key.
#[test]
fn a_grant_payload_with_another_key_fails_the_signed_key_hash() {
    let tv = TestVault::new();
    let value = canary();
    tv.ok(&["set", "-e", "prod", "REAL"], &value);
    let (gfile, _, grecipient) = grant_to(&tv, "prod", "ci");
    let conn = rusqlite::Connection::open(&tv.vault).unwrap();
    let (slot_id, vault_id, env_id, epoch): (Vec<u8>, Vec<u8>, Vec<u8>, i64) = conn
        .query_row(
            "SELECT s.id, h.vault_id, e.id, e.epoch FROM slots s, header h, envs e WHERE s.label = 'ci' AND e.id = s.env_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    let mut payload = b"tresor grant v1".to_vec();
    payload.extend_from_slice(&vault_id);
    payload.extend_from_slice(&slot_id);
    payload.extend_from_slice(&env_id);
    payload.extend_from_slice(&epoch.to_be_bytes());
    payload.extend_from_slice(&i64::MIN.to_be_bytes());
    payload.extend_from_slice(Key::random().unwrap().expose());
    let recipient: age::x25519::Recipient = grecipient.parse().unwrap();
    let mut wrapped = vec![];
    let mut w = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .unwrap()
        .wrap_output(&mut wrapped)
        .unwrap();
    w.write_all(&payload).unwrap();
    w.finish().unwrap();
    conn.execute(
        "UPDATE slots SET wrapped = ?1 WHERE id = ?2",
        rusqlite::params![wrapped, slot_id],
    )
    .unwrap();
    drop(conn);
    let out = as_identity(&tv, &gfile, &["get", "-e", "prod", "REAL"]);
    assert_refused(&out, &[&value], "payload with another key");
    assert!(
        stderr(&out).contains("not the one its owner signed"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_unsigned_environment_is_refused_to_a_grant_holder() {
    let tv = TestVault::new();
    let value = canary();
    tv.ok(&["set", "-e", "prod", "K"], &value);
    let (gfile, _, _) = grant_to(&tv, "prod", "ci");
    let conn = rusqlite::Connection::open(&tv.vault).unwrap();
    conn.execute("DELETE FROM statements", []).unwrap();
    drop(conn);
    let out = as_identity(&tv, &gfile, &["get", "-e", "prod", "K"]);
    assert_refused(&out, &[&value], "unsigned");
    assert!(stderr(&out).contains("statement"), "{}", stderr(&out));
}

#[test]
fn a_grant_holder_refuses_an_older_copy_and_another_signer() {
    let tv = TestVault::new();
    let revoked = canary();
    tv.ok(&["set", "-e", "prod", "K"], &revoked);
    let (gfile, _, _) = grant_to(&tv, "prod", "ci");
    let old = old_copy(&tv, "old.db");
    tv.ok(&["revoke", "-e", "prod", "K", "--reason", "leaked"], "");
    let fresh = canary();
    tv.ok(&["set", "-e", "prod", "K"], &fresh);
    let out = as_identity(&tv, &gfile, &["get", "-n", "-e", "prod", "K"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), fresh);
    // The old copy put back: the grant holder's own record of the generation refuses it.
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", tv.vault.display()));
    }
    std::fs::copy(&old, &tv.vault).unwrap();
    let out = as_identity(&tv, &gfile, &["get", "-e", "prod", "K"]);
    assert_refused(&out, &[&revoked], "rollback");
    assert!(stderr(&out).contains("older"), "{}", stderr(&out));

    // A pinned key that is not the vault's: refused, naming both.
    let (_, other) = {
        let k = ed25519_dalek::SigningKey::from_bytes(&[9; 32]);
        ((), tresor::bundle::encode_vault_key(&k.verifying_key()))
    };
    let out = tv
        .raw()
        .env("TRESOR_IDENTITY_FILE", &gfile)
        .env("TRESOR_VAULT_KEY", &other)
        .env("XDG_STATE_HOME", tv.dir.path().join("ci-state"))
        .args(["get", "-e", "prod", "K"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(stderr(&out).contains(&other), "{}", stderr(&out));
}

// ----- 6. bundles -----

#[test]
fn a_bundle_re_encrypted_to_another_key_is_refused() {
    let tv = TestVault::new();
    let value = canary();
    tv.ok(&["set", "-e", "test", "API_KEY"], &value);
    let (first_secret, first_recipient) = age_identity();
    let (second_secret, second_recipient) = age_identity();
    let bundle = tv.dir.path().join("b.age");
    let out = tv
        .cmd()
        .args([
            "bundle",
            "export",
            "-e",
            "test",
            "--recipient",
            &first_recipient,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::write(&bundle, &out.stdout).unwrap();
    let err = stderr(&out);
    let key = err
        .split_whitespace()
        .find(|w| w.starts_with("tresor-vk1-"))
        .unwrap()
        .to_string();
    let runner = |identity: &str, file: &std::path::Path, extra: &[&str]| {
        tv.raw()
            .env("TRESOR_IDENTITY", identity)
            .env("XDG_STATE_HOME", tv.dir.path().join("runner-state"))
            .args(["get", "-n", "API_KEY", "--bundle", file.to_str().unwrap()])
            .args(extra)
            .output()
            .unwrap()
    };
    // Unpinned: refused unless --allow-unpinned.
    let out = runner(&first_secret, &bundle, &[]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let out = runner(&first_secret, &bundle, &["--allow-unpinned"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), value);
    let out = runner(&first_secret, &bundle, &["--vault-key", &key]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), value);

    // The first recipient decrypts and re-encrypts to the second.
    let id: age::x25519::Identity = first_secret.parse().unwrap();
    let mut plain = vec![];
    age::Decryptor::new_buffered(&std::fs::read(&bundle).unwrap()[..])
        .unwrap()
        .decrypt(std::iter::once(&id as &dyn age::Identity))
        .unwrap()
        .read_to_end(&mut plain)
        .unwrap();
    let r: age::x25519::Recipient = second_recipient.parse().unwrap();
    let mut again = vec![];
    let mut w = age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient))
        .unwrap()
        .wrap_output(&mut again)
        .unwrap();
    w.write_all(&plain).unwrap();
    w.finish().unwrap();
    let moved = tv.dir.path().join("moved.age");
    std::fs::write(&moved, &again).unwrap();
    let out = runner(&second_secret, &moved, &["--vault-key", &key]);
    assert_refused(&out, &[&value], "re-encrypted bundle");
    assert_eq!(code(&out), 4);
}

#[test]
fn an_older_bundle_is_refused_once_a_newer_one_was_seen() {
    let tv = TestVault::new();
    let (secret, recipient) = age_identity();
    let export = |value: &str, now: &str, file: &str| {
        tv.ok(&["set", "-e", "test", "K"], value);
        let out = tv
            .cmd()
            .env("TRESOR_NOW", now)
            .args(["bundle", "export", "-e", "test", "--recipient", &recipient])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let path = tv.dir.path().join(file);
        std::fs::write(&path, &out.stdout).unwrap();
        path
    };
    let old_value = canary();
    let old = export(&old_value, "2030-01-01T00:00:00Z", "old.age");
    let new = export(&canary(), "2030-02-01T00:00:00Z", "new.age");
    let read = |file: &std::path::Path, extra: &[&str]| {
        tv.raw()
            .env("TRESOR_IDENTITY", &secret)
            .env("TRESOR_NOW", "2030-03-01T00:00:00Z")
            .args(["get", "-n", "K", "--bundle", file.to_str().unwrap()])
            .args(extra)
            .output()
            .unwrap()
    };
    // The owner's machine has the vault key pinned (by id), so no --vault-key is needed.
    assert_eq!(code(&read(&new, &[])), 0);
    let out = read(&old, &[]);
    assert_refused(&out, &[&old_value], "older bundle");
    let out = read(&old, &["--allow-rollback"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), old_value);
}
