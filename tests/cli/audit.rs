//! The audit log through the binary: one event per command, never a value, a chain that
//! `audit verify` checks against every kind of tampering, events of grant holders and failed
//! unlocks folded in, usage insight in `list` and `status`, and `scan`.

use crate::support::*;

fn events(tv: &TestVault) -> Vec<serde_json::Value> {
    let out = tv.ok(&["audit", "--json"], "");
    serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn sql(tv: &TestVault, statements: &str) {
    tv.sql(statements);
}

#[test]
fn every_command_leaves_its_event_and_never_a_value() {
    let tv = TestVault::new();
    let value = canary();
    let arg_canary = canary();
    tv.set("API_KEY", &value);
    tv.get("API_KEY");
    tv.ok(&["list"], "");
    tv.ok(&["history", "API_KEY"], "");
    tv.ok(&["generate", "TOKEN"], "");
    tv.ok(&["rotate", "TOKEN"], "");
    tv.ok(
        &["run", "--", "sh", "-c", &format!("true {arg_canary}")],
        "",
    );
    tv.ok(&["export"], "");
    tv.ok(&["import", "-"], "IMPORTED=x1");
    tv.ok(&["revoke", "IMPORTED", "--reason", "no longer needed"], "");
    tv.ok(&["rm", "IMPORTED"], "");
    tv.ok(&["env", "add", "qa"], "");
    tv.ok(&["env", "rm", "qa"], "");
    let g = age_identity().1;
    tv.ok(
        &[
            "access",
            "grant",
            "-e",
            "test",
            "--recipient",
            &g,
            "--name",
            "ci",
        ],
        "",
    );
    tv.ok(&["access", "revoke", "ci"], "");
    tv.ok(&["due"], "");
    let ev = events(&tv);
    let actions: Vec<&str> = ev.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(
        actions,
        [
            "init",
            "set",
            "get",
            "list",
            "history",
            "generate",
            "rotate",
            "run",
            "export",
            "import",
            "revoke",
            "rm",
            "env-add",
            "env-rm",
            "access-grant",
            "access-revoke",
            "due"
        ]
    );
    let seqs: Vec<i64> = ev.iter().map(|e| e["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs, (1..=17).collect::<Vec<_>>());
    let get = &ev[2];
    assert_eq!(get["env"], "dev");
    assert_eq!(get["name"], "API_KEY");
    assert_eq!(get["version"], 1);
    assert_eq!(
        get["via"].as_str().unwrap(),
        format!(
            "identity {}…{}",
            &tv.recipient[..12],
            &tv.recipient[tv.recipient.len() - 6..]
        )
    );
    assert!(get["actor"].as_str().unwrap().contains('@'));
    assert_eq!(
        ev[7]["detail"], "sh (2 secrets)",
        "run records the program only"
    );
    assert_eq!(ev[10]["detail"], "no longer needed");
    let text = tv.ok(&["audit"], "") + &tv.ok(&["audit", "--json"], "");
    assert!(!text.contains(&value) && !text.contains(&arg_canary));
    tv.assert_not_in_vault_folder(&value);
    tv.assert_not_in_vault_folder(&arg_canary);
    tv.assert_not_in_vault_folder("API_KEY");
    // Filters.
    let only: serde_json::Value =
        serde_json::from_str(&tv.ok(&["audit", "--json", "--name", "API_KEY"], "")).unwrap();
    assert_eq!(only.as_array().unwrap().len(), 3, "set, get, history");
    let last: serde_json::Value =
        serde_json::from_str(&tv.ok(&["audit", "--json", "--limit", "1", "--action", "get"], ""))
            .unwrap();
    assert_eq!(last[0]["name"], "API_KEY");
    let since: serde_json::Value =
        serde_json::from_str(&tv.ok(&["audit", "--json", "--since", "2999-01-01"], "")).unwrap();
    assert!(since.as_array().unwrap().is_empty());
    tv.ok(&["audit", "verify"], "");
}

#[test]
fn audit_verify_catches_every_kind_of_tampering() {
    let build = || {
        let tv = TestVault::new();
        for i in 0..5 {
            tv.set(&format!("K{i}"), "v");
        }
        tv.ok(&["audit", "verify"], "");
        tv
    };
    let check = |tv: &TestVault, what: &str| {
        let out = tv.run(&["audit", "verify"], "");
        assert_eq!(code(&out), 4, "{what}: {}", stderr(&out));
        assert!(stderr(&out).contains("audit"), "{what}: {}", stderr(&out));
    };
    let tv = build();
    {
        let mut body = tv.sql_blob("SELECT body FROM audit WHERE seq = 3 AND chain = 0");
        body[30] ^= 1;
        tv.sql_with_blob(
            "UPDATE audit SET body = ?1 WHERE seq = 3 AND chain = 0",
            &body,
        );
    }
    check(&tv, "edited body");
    assert!(stderr(&tv.run(&["audit", "verify"], "")).contains("event 3"));
    let tv = build();
    sql(
        &tv,
        "UPDATE audit SET time = time + 1 WHERE seq = 2 AND chain = 0;",
    );
    check(&tv, "edited time");
    let tv = build();
    sql(&tv, "DELETE FROM audit WHERE seq = 3 AND chain = 0;");
    check(&tv, "deleted event");
    let tv = build();
    sql(
        &tv,
        "UPDATE audit SET seq = -1 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = -1;",
    );
    check(&tv, "reordered events");
    let tv = build();
    sql(&tv, "DELETE FROM audit WHERE seq >= 5 AND chain = 0;");
    check(&tv, "truncated tail");
    assert!(stderr(&tv.run(&["audit", "verify"], "")).contains("removed from the end"));
    // An event from another vault spliced in.
    let tv = build();
    let other = build();
    let attach = tv.tables_of_as(&other, "other");
    sql(
        &tv,
        &format!(
            "{attach}UPDATE audit SET body = (SELECT body FROM other.audit WHERE seq = 4), mac = (SELECT mac FROM other.audit WHERE seq = 4) WHERE seq = 4;",
        ),
    );
    check(&tv, "spliced event");
}

#[test]
fn failed_unlocks_and_grant_reads_are_recorded_then_folded_in() {
    let tv = TestVault::with_passphrase("right one");
    tv.ok(&["set", "-e", "test", "K"], "v");
    let out = tv
        .raw()
        .args(["get", "-e", "test", "K"])
        .env("TRESOR_PASSPHRASE", "wrong one")
        .output()
        .unwrap();
    assert_eq!(code(&out), 3);
    let (secret, recipient) = age_identity();
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
    let out = tv
        .raw()
        .args(["get", "-e", "test", "K"])
        .env("TRESOR_IDENTITY", &secret)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // Not folded in yet: shown as pending; verify still passes and says so.
    let out = tv.run(&["audit", "verify"], "");
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("1 by grant holders"),
        "{}",
        stderr(&out)
    );
    tv.ok(&["list"], "");
    let ev = events(&tv);
    let failed = ev
        .iter()
        .find(|e| e["action"] == "unlock-failed")
        .expect("failed unlock recorded");
    assert_eq!(failed["origin"], "unauthenticated");
    assert_eq!(failed["via"], "passphrase");
    let grant_read = ev
        .iter()
        .find(|e| e["via"] == "grant ci")
        .expect("grant read recorded");
    assert_eq!(grant_read["origin"], "grant");
    assert_eq!(grant_read["action"], "get");
    assert_eq!(grant_read["name"], "K");
    assert!(grant_read["seq"].is_i64(), "folded into the owner's chain");
    tv.ok(&["audit", "verify"], "");
}

#[test]
fn list_and_status_show_use_and_unusual_use() {
    let mut tv = TestVault::new();
    let at = |tv: &TestVault, now: &str, user: &str, args: &[&str], stdin: &str| {
        let out = tv
            .cmd()
            .env("TRESOR_NOW", now)
            .env("USER", user)
            .args(args)
            .write_stdin(stdin.as_bytes().to_vec())
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        out
    };
    at(
        &tv,
        "2026-01-01T00:00:00Z",
        "alice",
        &["set", "-e", "prod", "USED"],
        "u",
    );
    at(
        &tv,
        "2026-01-01T00:00:00Z",
        "alice",
        &["set", "-e", "prod", "IDLE"],
        "i",
    );
    for day in 2..=20 {
        at(
            &tv,
            &format!("2026-01-{day:02}T00:00:00Z"),
            "alice",
            &["get", "-e", "prod", "USED"],
            "",
        );
    }
    // A burst, and a new user, on day 21.
    for minute in 0..15 {
        at(
            &tv,
            &format!("2026-01-21T00:{minute:02}:00Z"),
            "alice",
            &["get", "-e", "prod", "USED"],
            "",
        );
    }
    at(
        &tv,
        "2026-01-21T00:20:00Z",
        "mallory",
        &["get", "-e", "prod", "USED"],
        "",
    );
    let list: serde_json::Value = serde_json::from_slice(
        &at(
            &tv,
            "2026-01-21T00:30:00Z",
            "alice",
            &["list", "-e", "prod", "--json"],
            "",
        )
        .stdout,
    )
    .unwrap();
    let used = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "USED")
        .unwrap();
    assert_eq!(used["last_used"], "2026-01-21T00:20:00Z");
    assert_eq!(used["uses"], 35);
    let idle = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "IDLE")
        .unwrap();
    assert!(idle["last_used"].is_null());
    tv.set_env("TRESOR_NOW", "2026-01-21T00:30:00Z");
    let status: serde_json::Value =
        serde_json::from_str(&tv.ok(&["status", "--json"], "")).unwrap();
    assert_eq!(status["audit"]["ok"], true);
    assert!(
        status["vault_key"]
            .as_str()
            .unwrap()
            .starts_with("tresor-vk1-")
    );
    let unused: Vec<&str> = status["unused"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(unused, ["IDLE"]);
    let unusual: Vec<String> = status["unusual"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["what"].as_str().unwrap().to_string())
        .collect();
    assert!(
        unusual.iter().any(|w| w.contains("uses in the last hour")),
        "{unusual:?}"
    );
    assert!(
        unusual.iter().any(|w| w.contains("mallory@")),
        "{unusual:?}"
    );
    // Ninety days later both are unused.
    tv.set_env("TRESOR_NOW", "2026-05-01T00:00:00Z");
    let status: serde_json::Value =
        serde_json::from_str(&tv.ok(&["status", "--json"], "")).unwrap();
    assert_eq!(status["unused"].as_array().unwrap().len(), 2);
    let text = tv.ok(&["status"], "");
    assert!(
        text.contains("Audit log   verified") && text.contains("candidates for revocation"),
        "{text}"
    );
    // A broken chain shows in status, which then exits 4.
    sql(&tv, "DELETE FROM audit WHERE seq = 2;");
    let out = tv.run(&["status", "--json"], "");
    assert_eq!(code(&out), 4);
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"ok\":false"));
}

#[test]
fn scan_finds_planted_values_and_key_formats_without_printing_them() {
    let tv = TestVault::new();
    let value = canary();
    tv.set("PLANTED", &value);
    let root = tv.dir.path().join("repo");
    std::fs::create_dir_all(root.join("src/deep/nested")).unwrap();
    std::fs::create_dir_all(root.join("build")).unwrap();
    std::fs::write(root.join(".gitignore"), "build/\n").unwrap();
    std::fs::write(root.join("src/clean.rs"), "fn main() {}\n").unwrap();
    let scan = |args: &[&str]| {
        tv.cmd()
            .current_dir(&root)
            .arg("scan")
            .args(args)
            .output()
            .unwrap()
    };
    let out = scan(&[]);
    assert_eq!(code(&out), 0, "clean tree: {}", stderr(&out));
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(&value);
    std::fs::write(
        root.join("src/deep/nested/config.py"),
        format!("\n\nTOKEN = \"{value}\"\n"),
    )
    .unwrap();
    std::fs::write(root.join("src/b64.txt"), format!("data: {b64}\n")).unwrap();
    std::fs::write(root.join("src/hex.txt"), hex::encode(&value)).unwrap();
    std::fs::write(root.join("build/ignored.txt"), &value).unwrap();
    let mut aws = String::from("AKIA");
    let mut seed = 7u64;
    while aws.len() < 20 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        aws.push(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[(seed >> 59) as usize] as char);
    }
    std::fs::write(
        root.join("src/aws.env"),
        format!("AWS_ACCESS_KEY_ID={aws}\n"),
    )
    .unwrap();
    let out = scan(&[]);
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(
        text.contains("src/deep/nested/config.py:3:10: PLANTED (dev, version 1, current)"),
        "{text}"
    );
    assert!(
        text.contains("src/b64.txt:1:7: PLANTED (dev, version 1, current) as base64"),
        "{text}"
    );
    assert!(
        text.contains("src/hex.txt:1:1: PLANTED (dev, version 1, current) as hex"),
        "{text}"
    );
    assert!(
        text.contains("src/aws.env:1:19: pattern aws-access-key-id"),
        "{text}"
    );
    assert!(!text.contains("build/ignored.txt"), "{text}");
    let all = text + &stderr(&out);
    assert!(!all.contains(&value) && !all.contains(&b64) && !all.contains(&aws));
    // --no-patterns, --json.
    let out = scan(&["--no-patterns", "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["findings"].as_array().unwrap().len(), 3);
    // Revoked and older versions are found too.
    tv.set("PLANTED", "a different current value");
    tv.ok(&["revoke", "PLANTED", "--reason", "leaked"], "");
    let out = scan(&["--no-patterns"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("PLANTED (dev, version 1, revoked)"));
    // --staged scans the index of a git repository.
    let git = |args: &[&str]| {
        assert!(
            std::process::Command::new("git")
                .current_dir(&root)
                .args(args)
                .output()
                .unwrap()
                .status
                .success()
        );
    };
    git(&["init", "-q"]);
    git(&["add", "src/clean.rs"]);
    assert_eq!(code(&scan(&["--staged"])), 0);
    git(&["add", "src/deep/nested/config.py"]);
    let out = scan(&["--staged", "--no-patterns"]);
    assert_eq!(code(&out), 6);
    assert!(String::from_utf8_lossy(&out.stdout).contains("config.py"));
}

/// `scan` as a leak scanner: key formats without a vault (`--no-vault`), placeholders left
/// alone, `tresor:allow` and `.tresorignore`, SARIF, and `--history` over every commit.
#[test]
fn scan_history_sarif_and_allowing() {
    let tv = TestVault::new();
    let value = canary();
    tv.set("PLANTED", &value);
    let root = tv.dir.path().join("history-repo");
    std::fs::create_dir_all(root.join("src")).unwrap();
    let scan = |args: &[&str]| {
        tv.cmd()
            .current_dir(&root)
            .arg("scan")
            .args(args)
            .output()
            .unwrap()
    };
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .current_dir(&root)
            .args(["-c", "user.name=t", "-c", "user.email=t@t"])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}");
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    // A key built from parts at run time, never written whole in the repository.
    let mut body = String::new();
    let mut seed = 11u64;
    while body.len() < 36 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        body.push(
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[(seed >> 58) as usize]
                as char,
        );
    }
    let key = format!("{}{}", "ghp_", body);
    git(&["init", "-q"]);
    std::fs::write(
        root.join("src/app.py"),
        format!(
            "GH = \"{key}\"\nDOC = \"ghp_{}\"\nKEPT = \"{key}\"  # tresor:allow\n",
            "x".repeat(36)
        ),
    )
    .unwrap();
    std::fs::write(root.join("src/vault.txt"), format!("v={value}\n")).unwrap();
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "leak"]);
    let leak = git(&["rev-parse", "HEAD"]);
    std::fs::remove_file(root.join("src/app.py")).unwrap();
    std::fs::remove_file(root.join("src/vault.txt")).unwrap();
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "remove"]);

    // The work tree is clean; the history is not.
    let out = scan(&[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = scan(&["--history"]);
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let short = &leak[..12];
    assert_eq!(
        text,
        format!(
            "src/app.py:1:7: pattern github-token in commit {short}\nsrc/vault.txt:1:3: PLANTED (dev, version 1, current) in commit {short}\n"
        )
    );
    assert!(
        stderr(&out).contains("Scanned 2 commits"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("1 allowed"), "{}", stderr(&out));

    // Key formats only, without the vault.
    let out = tv
        .cmd()
        .current_dir(&root)
        .env_remove("TRESOR_IDENTITY_FILE")
        .args(["scan", "--history", "--no-vault", "--format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["version"], "2.1.0");
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["ruleId"], "github-token");
    assert_eq!(results[0]["properties"]["commit"], leak.as_str());
    let loc = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "src/app.py");
    assert_eq!(loc["region"]["startLine"], 1);
    let fingerprint = results[0]["partialFingerprints"]["tresor/v1"]
        .as_str()
        .unwrap()
        .to_string();
    let all = String::from_utf8_lossy(&out.stdout).to_string() + &stderr(&out);
    assert!(!all.contains(&key) && !all.contains(&body) && !all.contains(&value));

    // .tresorignore at the top of the repository: a fingerprint and a path.
    std::fs::write(
        root.join(".tresorignore"),
        format!("# kept on purpose\nfingerprint:{fingerprint}\nsrc/vault.txt\n"),
    )
    .unwrap();
    let out = scan(&["--history", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["allowed"], 3);
    assert_eq!(doc["commits_scanned"], 2);
    // --json and --format conflict: a usage error.
    assert_eq!(code(&scan(&["--json", "--format", "sarif"])), 2);
}

/// Re-sealing the log (`rekey`, `access remove`) must not launder a deleted event: the break
/// is reported and carried into the new chain as an `audit-broken` event that `audit verify`
/// keeps showing.
#[test]
fn a_rekey_carries_a_broken_chain_instead_of_laundering_it() {
    for via_access_remove in [false, true] {
        let tv = TestVault::new();
        tv.set("A", &canary());
        tv.get("A");
        tv.set("B", &canary());
        let (_, other) = age_identity();
        if via_access_remove {
            tv.ok(&["access", "add", "--recipient", &other], "");
        }
        // Someone with write access removes the record of the `get`.
        sql(&tv, "DELETE FROM audit WHERE chain = 0 AND seq = 3");
        assert_eq!(code(&tv.run(&["audit", "verify"], "")), 4);

        let out = if via_access_remove {
            tv.run(&["access", "remove", &other], "")
        } else {
            tv.run(&["rekey"], "")
        };
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("did not verify"),
            "the re-key says the log was broken: {}",
            stderr(&out)
        );
        // The new chain verifies, but not silently: the break is on record.
        let out = tv.run(&["audit", "verify"], "");
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("broken") && stderr(&out).contains("expected sequence number"),
            "audit verify names the recorded break: {}",
            stderr(&out)
        );
        let broken: Vec<_> = events(&tv)
            .into_iter()
            .filter(|e| e["action"] == "audit-broken")
            .collect();
        assert_eq!(broken.len(), 1, "one audit-broken event");
        let status: serde_json::Value =
            serde_json::from_str(&tv.ok(&["status", "--json"], "")).unwrap();
        assert_eq!(
            status["audit"]["recorded_breaks"].as_array().map(Vec::len),
            Some(1),
            "{status}"
        );
    }
}

/// A line of `text` that is not a line tresor wrote: one starting with the forged marker.
fn forged_line(text: &str) -> Option<&str> {
    text.lines().find(|l| l.starts_with("FORGED"))
}

#[test]
fn text_from_failed_unlocks_is_escaped_and_marked_everywhere() {
    let tv = TestVault::new();
    tv.set("K", "v");
    // A failed unlock whose source description (the identity file's path) holds a newline, a
    // tab and escape sequences: the path is the attacker's text.
    let (stranger, _) = age_identity();
    let weird = tv
        .dir
        .path()
        .join("id\nFORGED\t1\tattacker\x1b[31m\x1b]0;title\x07.txt");
    std::fs::write(&weird, format!("{stranger}\n")).unwrap();
    let out = tv
        .raw()
        .arg("--identity")
        .arg(&weird)
        .args(["get", "K"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    // The error itself names the path, escaped too.
    assert!(
        !stderr(&out).contains('\x1b') && stderr(&out).contains("\\nFORGED"),
        "{:?}",
        stderr(&out)
    );

    // Pending (not yet folded in), then folded into the owner's chain by the next command.
    for round in ["pending", "folded"] {
        let audit = tv.ok(&["audit"], "");
        assert!(
            !audit.contains('\x1b') && !audit.contains('\x07'),
            "{round}: {audit:?}"
        );
        assert_eq!(forged_line(&audit), None, "{round}: a forged row: {audit}");
        let row = audit
            .lines()
            .find(|l| l.contains("unlock-failed"))
            .unwrap_or_else(|| panic!("{round}: no failed unlock in {audit}"));
        assert!(
            row.contains("id\\nFORGED\\t1\\tattacker\\x1b[31m\\x1b]0;title\\x07.txt"),
            "{round}: {row}"
        );
        assert!(row.contains("[unauthenticated]"), "{round}: {row}");
        // Tab-separated: the escaped tabs do not make columns.
        assert_eq!(row.split('\t').count(), 9, "{round}: {row:?}");

        let json = tv.ok(&["audit", "--json"], "");
        assert!(!json.contains('\x1b') && !json.contains('\x07'), "{json:?}");
        let ev: serde_json::Value = serde_json::from_str(&json).unwrap();
        let failed = ev
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["action"] == "unlock-failed")
            .unwrap();
        assert_eq!(failed["origin"], "unauthenticated");
        assert!(failed["via"].as_str().unwrap().contains("\nFORGED\t1"));

        let status = tv.ok(&["status"], "");
        assert!(
            !status.contains('\x1b') && !status.contains('\x07'),
            "{status:?}"
        );
        assert_eq!(forged_line(&status), None, "{round}: {status}");
        let line = status
            .lines()
            .find(|l| l.starts_with("Failed unlocks"))
            .unwrap_or_else(|| panic!("{round}: no failed unlocks in {status}"));
        assert!(
            line.contains("id\\nFORGED\\t1\\tattacker\\x1b[31m"),
            "{line}"
        );
        assert!(line.contains("[unauthenticated]"), "{line}");
        let status_json = tv.ok(&["status", "--json"], "");
        assert!(!status_json.contains('\x1b'), "{status_json:?}");
        let doc: serde_json::Value = serde_json::from_str(&status_json).unwrap();
        assert_eq!(doc["failed_unlocks"]["last_30_days"], 1);
        assert_eq!(doc["failed_unlocks"]["last"]["unverified"], true);
        assert!(
            doc["failed_unlocks"]["last"]["via"]
                .as_str()
                .unwrap()
                .contains("\x1b[31m")
        );
    }
}

#[test]
fn grant_holders_and_failed_unlocks_do_not_count_as_use() {
    let tv = TestVault::new();
    tv.ok(&["set", "-e", "test", "K"], "v");
    tv.ok(&["set", "-e", "test", "OTHER"], "w");
    let (secret, recipient) = age_identity();
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
    let as_grantee = |args: &[&str]| {
        let out = tv
            .raw()
            .args(args)
            .env("TRESOR_IDENTITY", &secret)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    };
    for _ in 0..3 {
        as_grantee(&["get", "-e", "test", "K"]);
    }
    as_grantee(&["run", "-e", "test", "--", "true"]);
    // A failed unlock is no use either.
    let out = tv
        .raw()
        .args(["get", "-e", "test", "K"])
        .env("TRESOR_PASSPHRASE", "wrong one")
        .output()
        .unwrap();
    assert_eq!(code(&out), 3);
    let uses = |tv: &TestVault| -> Vec<(String, i64, bool)> {
        let doc: serde_json::Value =
            serde_json::from_str(&tv.ok(&["list", "-e", "test", "--json"], "")).unwrap();
        doc.as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["name"].as_str().unwrap().to_string(),
                    s["uses"].as_i64().unwrap(),
                    s["last_used"].is_null(),
                )
            })
            .collect()
    };
    // Folded into the owner's chain by the first list, still not counted by the second.
    for _ in 0..2 {
        assert_eq!(
            uses(&tv),
            vec![("K".into(), 0, true), ("OTHER".into(), 0, true)]
        );
    }
    // The grant reads are in the log, marked.
    let ev = events(&tv);
    assert_eq!(
        ev.iter()
            .filter(|e| e["origin"] == "grant" && e["action"] == "get")
            .count(),
        3
    );
    // status counts them as unused too, and sees nothing unusual.
    let doc: serde_json::Value = serde_json::from_str(&tv.ok(&["status", "--json"], "")).unwrap();
    let unused: Vec<&str> = doc["unused"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["env"] == "test")
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(unused, ["K", "OTHER"]);
    // The owner's own read counts.
    tv.ok(&["get", "-e", "test", "K"], "");
    assert_eq!(
        uses(&tv),
        vec![("K".into(), 1, false), ("OTHER".into(), 0, true)]
    );
}
