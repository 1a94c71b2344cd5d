//! What only a PostgreSQL vault has: rows edited, deleted and replayed on the server, objects
//! added to its schema (trigger, rule, view, policy), a role that may only read for grant
//! holders, libpq's password file, and copies between the file and the server.

use crate::support::*;

#[test]
fn objects_added_to_the_schema_are_an_integrity_failure() {
    for (what, statements) in [
        (
            "a trigger",
            "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
             CREATE TRIGGER t BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION f();",
        ),
        (
            "a rule",
            "CREATE RULE r AS ON INSERT TO audit DO INSTEAD NOTHING;",
        ),
        (
            "a view in place of a table",
            "ALTER TABLE versions RENAME TO versions_real;
             CREATE VIEW versions AS SELECT * FROM versions_real;",
        ),
        (
            "a row security policy",
            "ALTER TABLE secrets ENABLE ROW LEVEL SECURITY;
             CREATE POLICY p ON secrets USING (true);",
        ),
        (
            "a dropped constraint",
            "ALTER TABLE envs DROP CONSTRAINT envs_name_key;",
        ),
        (
            "an extra index",
            "CREATE INDEX extra ON versions (created);",
        ),
        (
            "an extra column",
            "ALTER TABLE secrets ADD COLUMN note TEXT;",
        ),
    ] {
        let tv = TestVault::new();
        tv.set("ALPHA", "alpha-value");
        tv.sql(statements);
        assert_integrity_failure(&tv, &["get", "ALPHA"], what);
    }
}

#[test]
fn a_rolled_back_server_is_refused() {
    let tv = TestVault::new();
    tv.set("ALPHA", "old-value");
    // On a server the copy is a schema of the same database: nothing to attach.
    tv.tables_as("old");
    tv.set("ALPHA", "new-value");
    tv.ok(&["revoke", "ALPHA", "--reason", "leaked"], "");
    // The whole database put back as it was before the revocation (a restored backup, or a
    // server that replays an old snapshot): every row verifies, the generation is older.
    tv.restore_tables("old");
    assert_integrity_failure(&tv, &["get", "ALPHA"], "rolled back vault");
    assert!(
        stderr(&tv.run(&["get", "ALPHA"], "")).contains("older than the last one seen"),
        "names the rollback"
    );
}

#[test]
fn a_missing_database_and_a_bad_url_are_clear_errors() {
    let tv = TestVault::uninit();
    let out = tv.run(&["get", "K"], "");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("tresor init"), "{}", stderr(&out));
    let out = tv
        .cmd()
        .env("TRESOR_VAULT", "postgresql://someone@/db?sslmode=sometimes")
        .args(["get", "K"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("sslmode"), "{}", stderr(&out));
}

#[test]
fn a_vault_copies_from_a_file_to_the_server_and_back() {
    // A file vault, with history, a grant and audit events.
    let file = {
        let mut tv = TestVault::uninit();
        tv.set_env("TRESOR_VAULT", tv.home.join("file.db").to_str().unwrap());
        tv
    };
    let file_path = file.home.join("file.db");
    file.ok(
        &[
            "init",
            "--no-passphrase",
            "--recipient",
            &file.recipient.clone(),
        ],
        "",
    );
    let value = canary();
    file.ok(&["set", "API_KEY"], &value);
    file.ok(&["set", "API_KEY"], &format!("{value}-2"));
    file.ok(&["set", "-e", "prod", "DB_URL"], "postgres-url-value");
    let key_before = status_key(&file);

    // Into an empty database: the same vault (id, key, values, history), the chain intact.
    let server = PgDatabase::new();
    let out = file.run(&["vault", "copy", "--to", &server.url], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("verified"), "{}", stderr(&out));
    // A target that holds a vault (or anything) is refused; the file is left as it was
    // (its generation is the copy's: the copy carries the copy's audit event).
    let out = file.run(&["vault", "copy", "--to", &server.url], "");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    let on_server = |args: &[&str]| {
        file.cmd()
            .env("TRESOR_VAULT", &server.url)
            .args(args)
            .output()
            .unwrap()
    };
    let out = on_server(&["get", "-n", "API_KEY"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("{value}-2"),
        "{}",
        stderr(&out)
    );
    assert!(
        !stderr(&out).contains("first use"),
        "the copy's key was pinned: {}",
        stderr(&out)
    );
    let out = on_server(&["history", "API_KEY"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
    assert!(on_server(&["audit", "verify"]).status.success());
    let out = on_server(&["status", "--json"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains(&key_before));
    // The server holds no value in clear.
    let mut c = server.client();
    for t in TABLES {
        for row in c.query(&format!("SELECT r::text FROM {t} r"), &[]).unwrap() {
            let text: String = row.get(0);
            assert!(!text.contains(&value) && !text.contains(&hex::encode(&value)));
        }
    }

    // And back into a new file, from the server.
    let back = file.dir.path().join("back.db");
    let out = on_server(&["vault", "copy", "--to", back.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = file
        .cmd()
        .env("TRESOR_VAULT", &back)
        .args(["get", "-n", "-e", "prod", "DB_URL"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "postgres-url-value",
        "{}",
        stderr(&out)
    );
    assert_eq!(mode(&back), 0o600);
    assert!(file_path.exists());
}

fn status_key(tv: &TestVault) -> String {
    let out = tv.ok(&["status", "--json"], "");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let key = v["vault_key"]
        .as_str()
        .expect("status --json names the vault key")
        .to_string();
    assert!(key.starts_with("tresor-vk1-"), "{key}");
    key
}

#[test]
fn a_row_edited_deleted_or_replayed_on_the_server_is_exit_4() {
    let tv = TestVault::new();
    tv.set("ALPHA", "alpha-value");
    tv.set("BETA", "beta-value");
    tv.tables_as("old");
    tv.set("ALPHA", "alpha-value-2");
    tv.tables_as("pristine");
    for (what, statements) in [
        (
            "a value's ciphertext edited",
            "UPDATE versions SET value = overlay(value placing '\\x00'::bytea from 30 for 1)",
        ),
        (
            "a version deleted",
            "DELETE FROM versions WHERE version = 2",
        ),
        (
            "a secret row replayed",
            "SET session_replication_role = replica;
             DELETE FROM versions WHERE version = 2;
             DELETE FROM secrets; INSERT INTO secrets SELECT * FROM old.secrets;",
        ),
        (
            "the header replayed",
            "DELETE FROM header; INSERT INTO header SELECT * FROM old.header;",
        ),
        (
            "an audit event deleted",
            "DELETE FROM audit WHERE id = (SELECT max(id) - 1 FROM audit)",
        ),
    ] {
        tv.restore_tables("pristine");
        tv.sql(statements);
        let args: &[&str] = if what.contains("audit") {
            &["audit", "verify"]
        } else {
            &["get", "-n", "ALPHA", "--allow-rollback"]
        };
        let out = tv.run(args, "");
        assert_eq!(code(&out), 4, "{what}: {}", stderr(&out));
        assert!(
            !String::from_utf8_lossy(&out.stdout).contains("alpha-value"),
            "{what}: never a value"
        );
    }
    tv.restore_tables("pristine");
    assert_eq!(tv.get("ALPHA"), "alpha-value-2");
}

#[test]
fn a_grant_holder_reads_through_a_role_that_can_only_read() {
    let tv = TestVault::new();
    tv.ok(&["set", "-e", "test", "TEST_KEY"], "test-value");
    let (secret, recipient) = age_identity();
    let identity = tv.dir.path().join("ci.key");
    std::fs::write(&identity, format!("{secret}\n")).unwrap();
    tv.ok(
        &[
            "access",
            "grant",
            "-e",
            "test",
            "--recipient",
            &recipient,
            "--name",
            "ci",
        ],
        "",
    );
    // The README's role for grant holders: it reads every table and appends audit events.
    let db = tv.pg.as_ref().unwrap();
    let mut b = [0u8; 6];
    getrandom::getrandom(&mut b).unwrap();
    let role = format!("tresor_reader_{}", hex::encode(b));
    db.client()
        .batch_execute(&format!(
            "CREATE ROLE {role} LOGIN;
             GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role};
             GRANT INSERT ON audit TO {role};"
        ))
        .unwrap();
    let reader_url = db.url.replacen("tresor_admin@", &format!("{role}@"), 1);
    let as_reader = |args: &[&str]| {
        tv.raw()
            .env("TRESOR_VAULT", &reader_url)
            .env("TRESOR_IDENTITY_FILE", &identity)
            .args(args)
            .write_stdin("new-value")
            .output()
            .unwrap()
    };
    let out = as_reader(&["get", "-n", "-e", "test", "TEST_KEY"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "test-value",
        "{}",
        stderr(&out)
    );
    let out = as_reader(&["set", "-e", "test", "TEST_KEY"]);
    assert_eq!(code(&out), 3, "a grant is read-only: {}", stderr(&out));
    // The role itself cannot change a row, whatever client it uses.
    let mut c = postgres::Client::connect(&reader_url, postgres::NoTls).unwrap();
    let err = c.batch_execute("DELETE FROM versions").unwrap_err();
    let why = err
        .as_db_error()
        .map(|e| e.message().to_string())
        .unwrap_or_default();
    assert!(why.contains("permission denied"), "{why}");
    // The owner sees the grant holder's read in the chain, folded in.
    let audit = tv.ok(&["audit", "--json"], "");
    assert!(audit.contains("\"origin\":\"grant\""), "{audit}");
    tv.ok(&["audit", "verify"], "");
}

#[test]
fn libpq_variables_fill_in_the_url_and_no_password_is_shown() {
    let tv = TestVault::new();
    tv.set("ALPHA", "alpha-value");
    let db = tv.pg.as_ref().unwrap();
    let (base, query) = db.url.split_once('?').unwrap();
    let param = |k: &str| {
        query
            .split('&')
            .find_map(|p| p.strip_prefix(&format!("{k}=")))
            .unwrap_or_default()
            .to_string()
    };
    let (host, port) = (param("host"), param("port"));
    let dbname = &base[base.rfind('/').unwrap() + 1..];
    // Everything from PGHOST, PGUSER and PGDATABASE.
    let out = tv
        .cmd()
        .env("TRESOR_VAULT", "postgresql://")
        .env("PGHOST", &host)
        .env("PGPORT", if port.is_empty() { "5432" } else { &port })
        .env("PGUSER", "tresor_admin")
        .env("PGDATABASE", dbname)
        .args(["get", "-n", "ALPHA"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "alpha-value",
        "{}",
        stderr(&out)
    );
    // A password in the URL (the test server trusts local users) is never printed.
    let with_password = db
        .url
        .replacen("tresor_admin@", "tresor_admin:not-shown-pw@", 1);
    let out = tv
        .cmd()
        .env("TRESOR_VAULT", &with_password)
        .args(["status"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
    assert!(all.contains("postgresql://tresor_admin@"), "{all}");
    assert!(!all.contains("not-shown-pw"), "{all}");
    // A password file readable by others is ignored, as libpq does, with a warning.
    let pgpass = tv.dir.path().join("pgpass");
    std::fs::write(&pgpass, "*:*:*:*:not-shown-pw\n").unwrap();
    std::fs::set_permissions(&pgpass, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let out = tv
        .cmd()
        .env("PGPASSFILE", &pgpass)
        .args(["get", "-n", "ALPHA"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("group or world access"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("not-shown-pw"));
}

/// The test server's TLS listener (`PG_SERVER_TLS=1 tests/pg_server.sh start`), as a URL
/// without sslmode for the database of `tv`, and its CA's certificate.
fn tls_url(tv: &TestVault) -> Option<(String, String)> {
    let (Ok(url), Ok(ca)) = (
        std::env::var("TRESOR_TEST_POSTGRES_TLS"),
        std::env::var("TRESOR_TEST_POSTGRES_CA"),
    ) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI starts the test server with PG_SERVER_TLS=1"
        );
        eprintln!("skipping the sslmode tests: TRESOR_TEST_POSTGRES_TLS is unset");
        return None;
    };
    let db = tv.pg.as_ref().unwrap().url.clone();
    let (base, _) = db.split_once('?').unwrap_or((&db, ""));
    let name = &base[base.rfind('/').unwrap() + 1..];
    Some((format!("{}/{name}", &url[..url.rfind('/').unwrap()]), ca))
}

#[test]
fn sslmode_verify_full_checks_the_chain_and_the_host_name() {
    let tv = TestVault::new();
    tv.set("ALPHA", "alpha-value");
    let Some((url, ca)) = tls_url(&tv) else {
        return;
    };
    let get = |vault: &str, env: &[(&str, &str)]| {
        let mut c = tv.cmd();
        c.env("TRESOR_VAULT", vault);
        for (k, v) in env {
            c.env(k, v);
        }
        c.args(["get", "-n", "ALPHA"]).output().unwrap()
    };
    // The right CA and the name in the certificate: TLS, verified.
    let out = get(&format!("{url}?sslmode=verify-full&sslrootcert={ca}"), &[]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "alpha-value",
        "{}",
        stderr(&out)
    );
    let out = get(
        &url,
        &[("PGSSLMODE", "verify-full"), ("PGSSLROOTCERT", &ca)],
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "alpha-value",
        "{}",
        stderr(&out)
    );
    // The same server by address: the certificate names localhost, not 127.0.0.1.
    let by_address = url.replacen("@localhost:", "@127.0.0.1:", 1);
    let out = get(
        &format!("{by_address}?sslmode=verify-full&sslrootcert={ca}"),
        &[],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot open the vault"),
        "{}",
        stderr(&out)
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("alpha"));
    // verify-ca checks the chain only.
    let out = get(
        &format!("{by_address}?sslmode=verify-ca&sslrootcert={ca}"),
        &[],
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "alpha-value",
        "{}",
        stderr(&out)
    );
    // Roots that did not sign it: refused.
    let out = get(
        &format!("{url}?sslmode=verify-full&sslrootcert=system"),
        &[],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let out = get(&format!("{url}?sslmode=verify-full"), &[]);
    assert_eq!(code(&out), 1, "no root certificate: {}", stderr(&out));
    // require encrypts without checking (libpq's meaning, with no root certificate file).
    let out = get(&format!("{url}?sslmode=require"), &[]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "alpha-value",
        "{}",
        stderr(&out)
    );
    // The listener refuses TCP without TLS (tests/pg_server.sh): the connections above used it.
    let out = get(&format!("{url}?sslmode=disable"), &[]);
    assert_eq!(code(&out), 1, "plain TCP was accepted: {}", stderr(&out));
}

#[test]
fn a_writer_gives_up_clearly_when_the_vault_stays_locked() {
    let tv = TestVault::new();
    tv.set("ALPHA", "alpha-value");
    // Someone holds the vault's write lock (the advisory lock every writer takes first).
    let mut holder = tv.pg.as_ref().unwrap().client();
    holder
        .batch_execute(
            "SELECT pg_advisory_lock(hashtextextended('tresor ' || current_schema(), 0))",
        )
        .unwrap();
    let started = std::time::Instant::now();
    let out = tv.run(&["set", "ALPHA"], "changed");
    let waited = started.elapsed().as_secs_f64();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("busy for 10 s"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("hint: run the command again"),
        "{}",
        stderr(&out)
    );
    assert!((9.0..30.0).contains(&waited), "waited {waited:.1} s");
    // Nothing changed, and once the lock is free the write goes through.
    holder
        .batch_execute("SELECT pg_advisory_unlock_all()")
        .unwrap();
    assert_eq!(tv.get("ALPHA"), "alpha-value");
    tv.set("ALPHA", "changed");
    assert_eq!(tv.get("ALPHA"), "changed");
    tv.ok(&["audit", "verify"], "");
}

#[test]
fn another_vault_at_a_pinned_url_is_refused() {
    let tv = TestVault::new();
    tv.set("ALPHA", "alpha-value");
    // The database emptied and a new vault made in it (with the same recipient): the URL's
    // pinned vault key no longer matches.
    let mut c = tv.pg.as_ref().unwrap().client();
    c.batch_execute(&format!("DROP TABLE {} CASCADE", TABLES.join(", ")))
        .unwrap();
    let other = TestVault::uninit();
    let out = other
        .cmd()
        .env("TRESOR_VAULT", &tv.vault)
        .env("TRESOR_IDENTITY_FILE", &tv.identity_file)
        .args(["init", "--no-passphrase", "--recipient", &tv.recipient])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = tv.run(&["get", "ALPHA"], "");
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not the one pinned"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("postgresql://tresor_admin@"),
        "{}",
        stderr(&out)
    );
}
