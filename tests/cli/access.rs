//! Read-only grants and bundles: an identity with a grant reads one environment and nothing
//! else, writes nothing, and loses access when the grant is revoked; bundles open with plain
//! `age -d`, are signed, and refuse alteration, other recipients and expiry.

use crate::support::*;

struct Grantee {
    identity: std::path::PathBuf,
    recipient: String,
}

fn grantee(tv: &TestVault, name: &str) -> Grantee {
    let (secret, recipient) = age_identity();
    let identity = tv.dir.path().join(format!("{name}.key"));
    std::fs::write(&identity, format!("{secret}\n")).unwrap();
    Grantee {
        identity,
        recipient,
    }
}

fn as_grantee(tv: &TestVault, g: &Grantee, args: &[&str], stdin: &str) -> std::process::Output {
    tv.raw()
        .env("TRESOR_IDENTITY_FILE", &g.identity)
        .args(args)
        .write_stdin(stdin.as_bytes().to_vec())
        .output()
        .unwrap()
}

#[test]
fn a_grant_reads_one_environment_and_writes_nothing() {
    let tv = TestVault::new();
    tv.ok(&["set", "-e", "test", "TEST_KEY"], "test-value");
    tv.ok(&["set", "-e", "test", "OTHER"], "other-test-value");
    tv.ok(&["set", "-e", "prod", "PROD_KEY"], "prod-value");
    let g = grantee(&tv, "ci");
    let out = tv.run(
        &[
            "access",
            "grant",
            "-e",
            "test",
            "--recipient",
            &g.recipient,
            "--name",
            "ci-test",
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("tresor-vk1-"),
        "the vault key is printed"
    );
    let list: serde_json::Value =
        serde_json::from_str(&tv.ok(&["access", "list", "--json"], "")).unwrap();
    assert_eq!(list[0]["label"], "ci-test");
    assert_eq!(list[0]["env"], "test");
    assert_eq!(list[0]["recipient"], g.recipient.as_str());
    assert!(list[0]["expires_at"].is_null());
    assert_eq!(
        code(&tv.run(
            &[
                "access",
                "grant",
                "-e",
                "prod",
                "--recipient",
                &g.recipient,
                "--name",
                "ci-test"
            ],
            ""
        )),
        1,
        "labels are unique"
    );

    // Reads of test work.
    let out = as_grantee(&tv, &g, &["get", "-n", "-e", "test", "TEST_KEY"], "");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "test-value",
        "{}",
        stderr(&out)
    );
    assert!(
        as_grantee(&tv, &g, &["list", "-e", "test"], "")
            .status
            .success()
    );
    let out = as_grantee(
        &tv,
        &g,
        &["run", "-e", "test", "--", "sh", "-c", "echo $TEST_KEY"],
        "",
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "test-value\n");
    let out = as_grantee(&tv, &g, &["export", "-e", "test", "--format", "json"], "");
    assert!(String::from_utf8_lossy(&out.stdout).contains("other-test-value"));

    // Everything else is exit 3.
    for args in [
        vec!["get", "-e", "prod", "PROD_KEY"],
        vec!["list", "-e", "prod"],
        vec!["run", "-e", "prod", "--", "true"],
        vec!["export", "-e", "prod"],
        vec!["get", "TEST_KEY"],
    ] {
        let out = as_grantee(&tv, &g, &args, "");
        assert_eq!(code(&out), 3, "{args:?}: {}", stderr(&out));
    }
    let writes: Vec<(Vec<&str>, &str)> = vec![
        (vec!["set", "-e", "test", "NEW"], "v"),
        (vec!["set", "-e", "test", "TEST_KEY"], "v"),
        (vec!["generate", "-e", "test", "GEN"], ""),
        (vec!["rotate", "-e", "test", "TEST_KEY"], "v"),
        (
            vec!["revoke", "-e", "test", "TEST_KEY", "--reason", "x"],
            "",
        ),
        (vec!["rm", "-e", "test", "TEST_KEY"], ""),
        (vec!["import", "-", "-e", "test"], "A=1"),
        (vec!["env", "add", "mine"], ""),
        (vec!["env", "rm", "test", "--force"], ""),
        (
            vec![
                "access",
                "grant",
                "-e",
                "test",
                "--recipient",
                &g.recipient,
                "--name",
                "more",
            ],
            "",
        ),
        (vec!["access", "revoke", "ci-test"], ""),
    ];
    for (args, stdin) in writes {
        let out = as_grantee(&tv, &g, &args, stdin);
        assert_eq!(code(&out), 3, "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("read-only"),
            "{args:?}: {}",
            stderr(&out)
        );
    }

    // Revoking re-keys test: the grant opens nothing; the owner reads every value unchanged.
    let raw_before = tv.vault_folder_bytes();
    let out = tv.run(&["access", "revoke", "ci-test"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("OTHER, TEST_KEY") && stderr(&out).contains("rotate"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        code(&as_grantee(&tv, &g, &["get", "-e", "test", "TEST_KEY"], "")),
        3
    );
    assert_eq!(
        tv.ok(&["get", "-n", "-e", "test", "TEST_KEY"], ""),
        "test-value"
    );
    assert_eq!(
        tv.ok(&["get", "-n", "-e", "test", "OTHER"], ""),
        "other-test-value"
    );
    assert_eq!(
        tv.ok(&["get", "-n", "-e", "prod", "PROD_KEY"], ""),
        "prod-value"
    );
    assert_ne!(raw_before, tv.vault_folder_bytes());
    assert_eq!(code(&tv.run(&["access", "revoke", "ci-test"], "")), 1);
}

#[test]
fn revoking_one_grant_keeps_the_others_of_the_environment() {
    let tv = TestVault::new();
    tv.ok(&["set", "-e", "test", "K"], "v");
    let a = grantee(&tv, "a");
    let b = grantee(&tv, "b");
    tv.ok(
        &[
            "access",
            "grant",
            "-e",
            "test",
            "--recipient",
            &a.recipient,
            "--name",
            "a",
        ],
        "",
    );
    tv.ok(
        &[
            "access",
            "grant",
            "-e",
            "test",
            "--recipient",
            &b.recipient,
            "--name",
            "b",
        ],
        "",
    );
    tv.ok(&["access", "revoke", "a"], "");
    assert_eq!(
        code(&as_grantee(&tv, &a, &["get", "-e", "test", "K"], "")),
        3
    );
    let out = as_grantee(&tv, &b, &["get", "-n", "-e", "test", "K"], "");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "v",
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_expired_grant_is_refused_with_its_date() {
    let tv = TestVault::new();
    let at = |t: &str| {
        let mut c = tv.cmd();
        c.env("TRESOR_NOW", t);
        c
    };
    assert!(
        at("2026-01-01T00:00:00Z")
            .args(["set", "-e", "test", "K"])
            .write_stdin("v")
            .output()
            .unwrap()
            .status
            .success()
    );
    let g = grantee(&tv, "ci");
    let out = at("2026-01-01T00:00:00Z")
        .args([
            "access",
            "grant",
            "-e",
            "test",
            "--recipient",
            &g.recipient,
            "--name",
            "ci",
            "--expires-in",
            "7d",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    // Within the reminder window, `due` shows the grant.
    let due = at("2026-01-02T00:00:00Z")
        .args(["due", "-e", "test", "--json"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&due.stdout).contains("\"kind\":\"grant\""),
        "{}",
        String::from_utf8_lossy(&due.stdout)
    );
    let read = |t: &str| {
        tv.raw()
            .env("TRESOR_NOW", t)
            .env("TRESOR_IDENTITY_FILE", &g.identity)
            .args(["get", "-e", "test", "K"])
            .output()
            .unwrap()
    };
    assert!(read("2026-01-07T23:00:00Z").status.success());
    let out = read("2026-01-08T00:00:01Z");
    assert_eq!(code(&out), 3);
    assert!(
        stderr(&out).contains("expired on 2026-01-08T00:00:00Z"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn rows_forged_with_an_environment_key_are_rejected_by_a_full_unlock() {
    // A grant holder has the environment's key: it can make secret and version rows with valid
    // MACs, bucket digests to match (they need no key), and edit the environment row's count
    // and summary, but not the environment row's MAC, the header's or the owner's snapshot
    // (all under the root key). Produce such rows with the owner, then put the vault back as
    // it was and transplant them without the root-keyed parts (on the file or on the server
    // alike).
    let tv = TestVault::new();
    tv.ok(&["set", "-e", "test", "K"], "v");
    tv.tables_as("orig");
    tv.ok(&["set", "-e", "test", "INJECTED"], "evil");
    let forged = tv.tables_as("forged");
    tv.restore_tables("orig");
    tv.sql(&format!(
        "{forged}PRAGMA foreign_keys = OFF;
         DELETE FROM versions; DELETE FROM secrets;
         INSERT INTO secrets SELECT * FROM forged.secrets;
         INSERT INTO versions SELECT * FROM forged.versions;
         DELETE FROM buckets; INSERT INTO buckets SELECT * FROM forged.buckets;
         UPDATE envs SET count = (SELECT count FROM forged.envs f WHERE f.id = envs.id),
                         summary = (SELECT summary FROM forged.envs f WHERE f.id = envs.id);"
    ));
    // The header put back is older than the one this machine saw: past that (as a user who
    // allows the rollback would), the forged rows themselves must be refused.
    let out = tv.run(&["get", "-e", "test", "INJECTED", "--allow-rollback"], "");
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("evil"));
    let out = tv.run(&["list", "-e", "test", "--allow-rollback"], "");
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let out = tv.run(&["run", "-e", "test", "--allow-rollback", "--", "env"], "");
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("evil"));
}

#[test]
fn bundles_open_with_age_and_are_signed() {
    let tv = TestVault::new();
    tv.ok(&["set", "-e", "test", "API_KEY"], "bundle-value");
    tv.ok(
        &["set", "-e", "test", "DB_URL", "--expires", "2099-01-01"],
        "postgres://x",
    );
    tv.ok(&["set", "-e", "test", "GONE"], "revoked-value");
    tv.ok(&["revoke", "-e", "test", "GONE", "--reason", "r"], "");
    let g = grantee(&tv, "ci");
    let path = tv.dir.path().join("test.bundle");
    let out = tv
        .std_cmd()
        .args([
            "bundle",
            "export",
            "-e",
            "test",
            "--recipient",
            &g.recipient,
        ])
        .stdout(std::fs::File::create(&path).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let vault_key = err
        .split_whitespace()
        .find(|w| w.starts_with("tresor-vk1-"))
        .unwrap()
        .to_string();

    // The real age client opens it: documented JSON with the values and the signature.
    let out = std::process::Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(&g.identity)
        .arg(&path)
        .output()
        .expect("age is installed (.ci/run installs it)");
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["format"], "tresor-bundle-v1");
    assert_eq!(doc["env"], "test");
    assert_eq!(doc["secrets"]["API_KEY"]["value"], "bundle-value");
    assert_eq!(
        doc["secrets"]["DB_URL"]["expires_at"],
        "2099-01-01T00:00:00Z"
    );
    assert!(
        doc["secrets"].get("GONE").is_none(),
        "revoked secrets stay out"
    );
    assert_eq!(doc["signer"], vault_key.as_str());
    assert!(
        doc["signature"].is_string() && doc["vault_id"].is_string() && doc["created"].is_string()
    );

    // Reading it back through tresor, with nothing but the identity and the pinned key.
    let reader = |args: &[&str]| {
        let mut c = assert_cmd::Command::new(BIN);
        c.env_clear()
            .env("PATH", std::env::var("PATH").unwrap())
            .env("HOME", tv.dir.path())
            .env("TRESOR_IDENTITY_FILE", &g.identity)
            .env("TRESOR_VAULT", tv.dir.path().join("no-vault-here.db"))
            .args(args);
        c.output().unwrap()
    };
    let b = path.to_str().unwrap();
    let out = reader(&[
        "get",
        "-n",
        "API_KEY",
        "--bundle",
        b,
        "--vault-key",
        &vault_key,
    ]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "bundle-value",
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("unverified"));
    // The key given once is pinned for that vault: later reads need no --vault-key.
    let out = reader(&["get", "API_KEY", "--bundle", b]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("unverified"), "{}", stderr(&out));
    // A machine with no pin: refused unless --allow-unpinned, which warns.
    let fresh = |args: &[&str]| {
        let mut c = assert_cmd::Command::new(BIN);
        c.env_clear()
            .env("PATH", std::env::var("PATH").unwrap())
            .env("HOME", tv.dir.path().join("fresh-home"))
            .env("TRESOR_IDENTITY_FILE", &g.identity)
            .env("TRESOR_VAULT", tv.dir.path().join("no-vault-here.db"))
            .args(args);
        c.output().unwrap()
    };
    let out = fresh(&["get", "API_KEY", "--bundle", b]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--allow-unpinned"),
        "{}",
        stderr(&out)
    );
    let out = fresh(&["get", "API_KEY", "--bundle", b, "--allow-unpinned"]);
    assert!(out.status.success() && stderr(&out).contains("unverified"));
    let out = reader(&[
        "run",
        "--bundle",
        b,
        "--vault-key",
        &vault_key,
        "--",
        "sh",
        "-c",
        "echo $API_KEY $DB_URL",
    ]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "bundle-value postgres://x\n"
    );
    let out = reader(&[
        "export",
        "--bundle",
        b,
        "--vault-key",
        &vault_key,
        "--format",
        "json",
    ]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "{\"API_KEY\":\"bundle-value\",\"DB_URL\":\"postgres://x\"}\n"
    );
    let out = reader(&["list", "--json", "--bundle", b, "--vault-key", &vault_key]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"name\":\"DB_URL\""));
    // The wrong environment, the wrong pin, another recipient.
    assert_eq!(
        code(&reader(&["get", "API_KEY", "-e", "prod", "--bundle", b])),
        3
    );
    let other_vault = TestVault::new();
    let other_key = {
        let out = other_vault.run(
            &[
                "access",
                "grant",
                "-e",
                "test",
                "--recipient",
                &g.recipient,
                "--name",
                "x",
            ],
            "",
        );
        stderr(&out)
            .split_whitespace()
            .find(|w| w.starts_with("tresor-vk1-"))
            .unwrap()
            .to_string()
    };
    let out = reader(&["get", "API_KEY", "--bundle", b, "--vault-key", &other_key]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let stranger = grantee(&tv, "stranger");
    let out = assert_cmd::Command::new(BIN)
        .env_clear()
        .env("TRESOR_IDENTITY_FILE", &stranger.identity)
        .args(["get", "API_KEY", "--bundle", b])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    // Altered bytes in the encrypted payload: integrity failure, never a panic.
    let original = std::fs::read(&path).unwrap();
    for offset in [original.len() - 1, original.len() - 20, original.len() - 60] {
        let mut bytes = original.clone();
        bytes[offset] ^= 0x01;
        std::fs::write(&path, &bytes).unwrap();
        let out = reader(&["get", "API_KEY", "--bundle", b]);
        assert_eq!(code(&out), 4, "offset {offset}: {}", stderr(&out));
    }
}

#[test]
fn expired_bundles_are_refused_and_armor_works() {
    let tv = TestVault::new();
    tv.ok(&["set", "-e", "test", "K"], "v");
    let g = grantee(&tv, "ci");
    let out = tv
        .cmd()
        .env("TRESOR_NOW", "2026-01-01T00:00:00Z")
        .args([
            "bundle",
            "export",
            "-e",
            "test",
            "--recipient",
            &g.recipient,
            "--armor",
            "--expires-in",
            "1d",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
    let path = tv.dir.path().join("b.age");
    std::fs::write(&path, &out.stdout).unwrap();
    let read = |now: &str| {
        tv.raw()
            .env("TRESOR_NOW", now)
            .env("TRESOR_IDENTITY_FILE", &g.identity)
            .args(["get", "-n", "K", "--bundle", path.to_str().unwrap()])
            .output()
            .unwrap()
    };
    assert_eq!(
        String::from_utf8_lossy(&read("2026-01-01T12:00:00Z").stdout),
        "v"
    );
    let out = read("2026-01-02T00:00:01Z");
    assert_eq!(code(&out), 5);
    assert!(stderr(&out).contains("expired"));
}

#[test]
fn env_rm_takes_its_grants_along_and_rekey_still_opens() {
    let tv = TestVault::new();
    tv.ok(&["env", "add", "staging"], "");
    tv.ok(&["set", "-e", "staging", "K"], &canary());
    let value = canary();
    tv.ok(&["set", "-e", "dev", "KEEP"], &value);
    let g = grantee(&tv, "staging-ci");
    tv.ok(
        &[
            "access",
            "grant",
            "-e",
            "staging",
            "--recipient",
            &g.recipient,
            "--name",
            "staging-ci",
        ],
        "",
    );
    let out = tv.run(&["env", "rm", "staging", "--force"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("staging-ci"), "{}", stderr(&out));
    let list = tv.ok(&["access", "list", "--json"], "");
    assert!(!list.contains("staging-ci"), "{list}");
    // The grant's identity opens nothing now.
    assert_eq!(code(&as_grantee(&tv, &g, &["list"], "")), 3);
    // rekey re-keys what is left, and the vault opens afterwards.
    tv.ok(&["rekey"], "");
    assert_eq!(tv.get("KEEP"), value);
    tv.ok(&["audit", "verify"], "");
}

#[test]
fn rekey_drops_the_slots_of_environments_that_are_gone() {
    let tv = TestVault::new();
    tv.ok(&["env", "add", "staging"], "");
    let value = canary();
    tv.ok(&["set", "-e", "dev", "KEEP"], &value);
    let g = grantee(&tv, "orphan");
    tv.ok(
        &[
            "access",
            "grant",
            "-e",
            "staging",
            "--recipient",
            &g.recipient,
            "--name",
            "orphan-grant",
        ],
        "",
    );
    // What `env rm` did before it removed an environment's slots: the environment goes, its
    // grant stays (done here through the library's environment removal alone).
    {
        use tresor::unlock::{KeySource, parse_identities};
        use tresor::vault::Vault;
        let text = std::fs::read_to_string(&tv.identity_file).unwrap();
        let source = KeySource::Identities {
            from: "test".into(),
            identities: parse_identities(&text, "test").unwrap(),
        };
        let now = tresor::clock::now().unwrap();
        let at = match tv.vault.to_str() {
            Some(url) if on_postgres() => tresor::pgconf::resolve(url).unwrap(),
            _ => tresor::vault::location::Location::File(tv.vault.clone()),
        };
        let mut v = Vault::open(at, &source.credentials(), true, now).unwrap();
        v.remove_env("staging", true).unwrap();
        v.commit().unwrap();
    }
    let list = tv.ok(&["access", "list", "--json"], "");
    assert!(list.contains("orphan-grant"), "the orphan is there: {list}");
    let out = tv.run(&["rekey"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no longer exist") && stderr(&out).contains("orphan-grant"),
        "{}",
        stderr(&out)
    );
    // Not bricked: every command still opens the vault.
    assert_eq!(tv.get("KEEP"), value);
    let list = tv.ok(&["access", "list", "--json"], "");
    assert!(!list.contains("orphan-grant"), "{list}");
    tv.ok(&["env", "list"], "");
    tv.ok(&["audit", "verify"], "");
}

#[test]
fn an_expired_grant_is_revoked_by_the_owners_next_write_to_its_environment() {
    let tv = TestVault::new();
    let at = |t: &str, args: &[&str], stdin: &str| {
        tv.cmd()
            .env("TRESOR_NOW", t)
            .args(args)
            .write_stdin(stdin.as_bytes().to_vec())
            .output()
            .unwrap()
    };
    let value = canary();
    assert!(
        at("2026-01-01T00:00:00Z", &["set", "-e", "test", "K"], &value)
            .status
            .success()
    );
    let g = grantee(&tv, "ci");
    let out = at(
        "2026-01-01T00:00:00Z",
        &[
            "access",
            "grant",
            "-e",
            "test",
            "--recipient",
            &g.recipient,
            "--name",
            "ci",
            "--expires-in",
            "7d",
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let later = "2026-01-09T00:00:00Z";
    // A write to another environment leaves it alone.
    assert!(at(later, &["set", "-e", "dev", "D"], "d").status.success());
    let list = String::from_utf8(at(later, &["access", "list", "--json"], "").stdout).unwrap();
    assert!(list.contains("\"ci\""), "{list}");
    // The owner's next write to `test` revokes it and re-keys `test`, with a note.
    let out = at(later, &["set", "-e", "test", "K2"], "v2");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("revoked the grant \"ci\"") && stderr(&out).contains("re-keyed test"),
        "{}",
        stderr(&out)
    );
    let list = String::from_utf8(at(later, &["access", "list", "--json"], "").stdout).unwrap();
    assert!(!list.contains("\"ci\""), "{list}");
    // Its identity opens nothing, whatever the clock says.
    let out = tv
        .raw()
        .env("TRESOR_NOW", "2026-01-02T00:00:00Z")
        .env("TRESOR_IDENTITY_FILE", &g.identity)
        .args(["get", "-e", "test", "K"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert_eq!(
        String::from_utf8(at(later, &["get", "-n", "-e", "test", "K"], "").stdout).unwrap(),
        value
    );
    let audit =
        String::from_utf8(at(later, &["audit", "--action", "access-revoke", "--json"], "").stdout)
            .unwrap();
    assert!(
        audit.contains("ci (expired 2026-01-08T00:00:00Z)"),
        "{audit}"
    );
    assert!(at(later, &["audit", "verify"], "").status.success());
}
