//! init, env, set, get, list, rm through the binary: values, exit codes, unlock sources,
//! file modes, and canaries that must never reach the disk or stderr.

use crate::support::*;
use std::path::PathBuf;

#[test]
fn values_round_trip_byte_for_byte() {
    let tv = TestVault::new();
    let values = [
        "plain".to_string(),
        "two\nlines\n\nand a blank".to_string(),
        "quotes ' \" ` and = signs == and # hash $HOME \\ backslash".to_string(),
        "non-ASCII: héllo wörld ✓ 日本語 🔑".to_string(),
        " leading and trailing spaces ".to_string(),
        "\ttab\r\ncrlf".to_string(),
        "x".repeat(1024 * 1024),
    ];
    for (i, v) in values.iter().enumerate() {
        let name = format!("VALUE_{i}");
        tv.set(&name, v);
        assert_eq!(&tv.get(&name), v, "value {i}");
    }
    // One trailing newline of the input is dropped unless --keep-newline.
    tv.set("NL", "abc\n");
    assert_eq!(tv.get("NL"), "abc");
    tv.ok(&["set", "NL2", "--keep-newline"], "abc\n");
    assert_eq!(tv.get("NL2"), "abc\n");
    // get without -n adds one newline.
    assert_eq!(tv.ok(&["get", "NL"], ""), "abc\n");
    // --from-file
    let f = tv.dir.path().join("value.txt");
    std::fs::write(&f, "from a file\n").unwrap();
    tv.ok(
        &["set", "FILE_VALUE", "--from-file", f.to_str().unwrap()],
        "",
    );
    assert_eq!(tv.get("FILE_VALUE"), "from a file");
}

#[test]
fn bad_values_are_refused_with_exit_1() {
    let tv = TestVault::new();
    for (what, bytes) in [
        ("empty", b"".to_vec()),
        ("NUL", b"a\0b".to_vec()),
        ("not UTF-8", vec![0xff, 0xfe, 0x41]),
        ("over 1 MiB", vec![b'a'; 1024 * 1024 + 1]),
    ] {
        let out = tv
            .cmd()
            .args(["set", "BAD"])
            .write_stdin(bytes)
            .output()
            .unwrap();
        assert_eq!(code(&out), 1, "{what}: {}", stderr(&out));
    }
    assert_eq!(code(&tv.run(&["get", "BAD"], "")), 1);
}

#[test]
fn versions_accumulate_and_old_ones_stay_readable() {
    let tv = TestVault::new();
    tv.set("API_KEY", "one");
    tv.set("API_KEY", "two");
    tv.set("API_KEY", "three");
    assert_eq!(tv.get("API_KEY"), "three");
    assert_eq!(
        tv.ok(&["get", "-n", "API_KEY", "--version", "1"], ""),
        "one"
    );
    assert_eq!(
        tv.ok(&["get", "-n", "API_KEY", "--version", "2"], ""),
        "two"
    );
    let out = tv.run(&["get", "API_KEY", "--version", "4"], "");
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("no version 4"), "{}", stderr(&out));
    let list: serde_json::Value = serde_json::from_str(&tv.ok(&["list", "--json"], "")).unwrap();
    assert_eq!(list[0]["name"], "API_KEY");
    assert_eq!(list[0]["version"], 3);
    assert_eq!(list[0]["status"], "active");
    for key in [
        "env",
        "name",
        "version",
        "status",
        "created",
        "updated",
        "expires_at",
        "next_rotation",
        "last_used",
        "note",
    ] {
        assert!(list[0].get(key).is_some(), "list --json lacks {key}");
    }
}

#[test]
fn environments_separate_secrets() {
    let tv = TestVault::new();
    tv.ok(&["set", "-e", "prod", "DB_URL"], "prod-db");
    tv.ok(&["set", "DB_URL", "-e", "test"], "test-db");
    assert_eq!(tv.ok(&["get", "-n", "-e", "prod", "DB_URL"], ""), "prod-db");
    assert_eq!(tv.ok(&["-e", "test", "get", "-n", "DB_URL"], ""), "test-db");
    assert_eq!(
        code(&tv.run(&["get", "DB_URL"], "")),
        1,
        "dev has no DB_URL"
    );
    let all: serde_json::Value =
        serde_json::from_str(&tv.ok(&["list", "--all-envs", "--json"], "")).unwrap();
    let mut envs: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["env"].as_str().unwrap())
        .collect();
    envs.sort();
    assert_eq!(envs, ["prod", "test"]);
    let listed = tv.ok(&["env", "list"], "");
    assert!(
        listed.contains("prod\t1") && listed.contains("dev\t0"),
        "{listed}"
    );

    tv.ok(&["env", "add", "staging"], "");
    assert_eq!(
        code(&tv.run(&["env", "add", "staging"], "")),
        1,
        "duplicate env"
    );
    tv.ok(&["set", "-e", "staging", "X"], "x");
    let out = tv.run(&["env", "rm", "staging"], "");
    assert_eq!(code(&out), 1, "non-empty env needs --force");
    assert!(stderr(&out).contains("--force"));
    tv.ok(&["env", "rm", "staging", "--force"], "");
    assert_eq!(code(&tv.run(&["get", "-e", "staging", "X"], "")), 1);
    let out = tv.run(&["get", "-e", "nowhere", "X"], "");
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("no environment named \"nowhere\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn rm_deletes_every_version() {
    let tv = TestVault::new();
    tv.set("GONE", "a");
    tv.set("GONE", "b");
    tv.set("KEPT", "k");
    tv.ok(&["rm", "GONE"], "");
    assert_eq!(code(&tv.run(&["get", "GONE"], "")), 1);
    assert_eq!(code(&tv.run(&["get", "GONE", "--version", "1"], "")), 1);
    assert_eq!(code(&tv.run(&["rm", "GONE"], "")), 1);
    assert_eq!(tv.get("KEPT"), "k");
    tv.set("GONE", "again");
    assert_eq!(
        tv.ok(&["list", "--json"], "")
            .matches("\"version\":1")
            .count(),
        2
    );
}

#[test]
fn canary_name_and_value_never_reach_the_vault_folder_or_stderr() {
    let tv = TestVault::new();
    let value = canary();
    let name = format!("CANARY_{}", &canary()[7..]).to_uppercase();
    let mut stderrs = String::new();
    let steps: Vec<(Vec<&str>, &str)> = vec![
        (vec!["set", &name], &value),
        (vec!["get", &name], ""),
        (vec!["list"], ""),
        (vec!["list", "--json"], ""),
        (vec!["set", &name], &value),
        (vec!["get", &name, "--version", "1"], ""),
        (vec!["rm", &name], ""),
    ];
    for (args, input) in steps {
        let out = tv.run(&args, input);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stderrs.push_str(&stderr(&out));
        // After every command, including while the WAL holds the latest pages.
        tv.assert_not_in_vault_folder(&value);
        tv.assert_not_in_vault_folder(&name);
    }
    assert!(!stderrs.contains(&value), "value on stderr");
    // The value given as an argument is refused and not echoed.
    let out = tv.run(&["set", "OTHER", &value], "");
    assert!(!stderr(&out).contains(&value));
}

#[test]
fn a_value_on_the_command_line_is_refused_with_exit_2() {
    let tv = TestVault::new();
    let out = tv.run(&["set", "API_KEY", "s3cr3t-on-argv"], "");
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("never taken from the command line"), "{err}");
    assert!(!err.contains("s3cr3t-on-argv"), "{err}");
    assert_eq!(
        code(&tv.run(&["get", "API_KEY"], "")),
        1,
        "nothing was stored"
    );
    assert_eq!(code(&tv.run(&["set", "API_KEY", "--", "-x"], "")), 2);
}

#[test]
fn bad_names_exit_1_stating_the_rule() {
    let tv = TestVault::new();
    for bad in ["1ABC", "A-B", "A B", "ÄPI", &"X".repeat(129), ""] {
        let out = tv.run(&["set", bad], "v");
        assert_eq!(code(&out), 1, "{bad:?}");
        assert!(
            stderr(&out).contains("letters, digits and `_`"),
            "{}",
            stderr(&out)
        );
    }
    tv.set(&"X".repeat(128), "long names are fine");
    for bad in ["Prod", "_x", "a.b", &"a".repeat(33)] {
        let out = tv.run(&["env", "add", bad], "");
        assert_eq!(code(&out), 1, "{bad:?}");
        assert!(stderr(&out).contains("lower-case"), "{}", stderr(&out));
        assert_eq!(code(&tv.run(&["get", "-e", bad, "X"], "")), 1);
    }
}

#[test]
fn unlock_failures_exit_3() {
    let tv = TestVault::with_passphrase("correct horse battery staple");
    tv.set("K", "v");
    let pf = tv.passphrase_file.clone().unwrap();
    // The passphrase opens it alone.
    let out = tv
        .raw()
        .args(["get", "-n", "K", "--passphrase-file"])
        .arg(&pf)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "v",
        "{}",
        stderr(&out)
    );
    // Wrong passphrase, by every passphrase source.
    let wrong = tv.dir.path().join("wrong.txt");
    std::fs::write(&wrong, "not it\n").unwrap();
    let out = tv
        .raw()
        .args(["get", "K", "--passphrase-file"])
        .arg(&wrong)
        .output()
        .unwrap();
    assert_eq!(code(&out), 3);
    assert!(stderr(&out).contains("wrong passphrase"));
    let out = tv
        .raw()
        .args(["get", "K"])
        .env("TRESOR_PASSPHRASE", "nope")
        .output()
        .unwrap();
    assert_eq!(code(&out), 3);
    let out = tv
        .raw()
        .args(["get", "K"])
        .env("TRESOR_PASSPHRASE_FILE", &wrong)
        .output()
        .unwrap();
    assert_eq!(code(&out), 3);
    // No key source at all: exit 3 and a hint naming them.
    let out = tv.raw().args(["get", "K"]).output().unwrap();
    assert_eq!(code(&out), 3);
    assert!(
        stderr(&out).contains("hint:") && stderr(&out).contains("TRESOR_PASSPHRASE"),
        "{}",
        stderr(&out)
    );
    // An identity that has no slot in this vault.
    let (other, _) = age_identity();
    let out = tv
        .raw()
        .args(["get", "K"])
        .env("TRESOR_IDENTITY", &other)
        .output()
        .unwrap();
    assert_eq!(code(&out), 3);
    // The identity as text in TRESOR_IDENTITY works.
    let text = std::fs::read_to_string(&tv.identity_file).unwrap();
    let out = tv
        .raw()
        .args(["get", "-n", "K"])
        .env("TRESOR_IDENTITY", text.trim())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "v");
    // The identity beats the passphrase (SPEC §2 order): a wrong passphrase is not even tried.
    let out = tv
        .cmd()
        .args(["get", "-n", "K"])
        .env("TRESOR_PASSPHRASE", "wrong")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "v");
}

#[test]
fn passphrase_from_a_file_descriptor() {
    let tv = TestVault::with_passphrase("fd passphrase");
    tv.set("K", "via-fd");
    let script = format!(
        "exec 3<'{}'; exec '{}' get -n K --passphrase-fd 3",
        tv.passphrase_file.as_ref().unwrap().display(),
        BIN
    );
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .env_clear()
        .env("HOME", &tv.home)
        .env("TRESOR_VAULT", &tv.vault)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "via-fd",
        "{}",
        stderr(&out)
    );
}

#[test]
fn ssh_keys_work_as_recipients() {
    let mut tv = TestVault::uninit();
    let key = tv.dir.path().join("id_ed25519");
    let st = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "test@tresor", "-f"])
        .arg(&key)
        .status()
        .expect("ssh-keygen is installed (openssh-client)");
    assert!(st.success());
    let pubkey = key.with_extension("pub");
    tv.ok(
        &[
            "init",
            "--no-passphrase",
            "--recipient",
            pubkey.to_str().unwrap(),
        ],
        "",
    );
    tv.identity_file = key.clone();
    tv.set("SSH_OPENED", "yes");
    assert_eq!(tv.get("SSH_OPENED"), "yes");
    // An RSA key given as text.
    let rsa = tv.dir.path().join("id_rsa");
    assert!(
        std::process::Command::new("ssh-keygen")
            .args(["-q", "-t", "rsa", "-b", "2048", "-N", "", "-f"])
            .arg(&rsa)
            .status()
            .unwrap()
            .success()
    );
    let rsa_pub = std::fs::read_to_string(rsa.with_extension("pub")).unwrap();
    tv.set_env(
        "TRESOR_VAULT",
        tv.dir.path().join("rsa.db").to_str().unwrap(),
    );
    tv.ok(
        &["init", "--no-passphrase", "--recipient", rsa_pub.trim()],
        "",
    );
    tv.identity_file = rsa;
    tv.set("RSA_OPENED", "yes");
    assert_eq!(tv.get("RSA_OPENED"), "yes");
}

#[test]
fn files_are_private() {
    if on_postgres() {
        return; // the file's mode and folder: the server keeps no file of ours
    }
    let tv = TestVault::new();
    tv.set("K", "v");
    assert_eq!(mode(tv.vault.parent().unwrap()), 0o700);
    assert_eq!(mode(&tv.vault), 0o600);
    for (p, _) in tv.vault_folder_bytes() {
        assert_eq!(mode(&p) & 0o077, 0, "{} is readable by others", p.display());
    }
}

#[test]
fn init_refuses_to_overwrite_and_checks_kdf_bounds() {
    let tv = TestVault::new();
    tv.set("K", "v");
    let out = tv.run(
        &["init", "--no-passphrase", "--recipient", &tv.recipient],
        "",
    );
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("already exists"));
    assert_eq!(tv.get("K"), "v");

    let fresh = TestVault::uninit();
    let pf = fresh.dir.path().join("pw");
    std::fs::write(&pf, "passphrase").unwrap();
    for (flag, v) in [
        ("--kdf-memory", "18"),
        ("--kdf-memory", "4097"),
        ("--kdf-iterations", "1"),
        ("--kdf-iterations", "21"),
    ] {
        let out = fresh
            .raw()
            .args(["init", flag, v, "--passphrase-file"])
            .arg(&pf)
            .output()
            .unwrap();
        assert_eq!(code(&out), 1, "{flag} {v}");
        assert!(stderr(&out).contains("Argon2id"), "{}", stderr(&out));
        assert!(!fresh.vault.exists(), "no vault is created");
    }
    // --no-passphrase without a recipient is a usage error.
    assert_eq!(code(&fresh.run(&["init", "--no-passphrase"], "")), 2);
    // No passphrase source and no terminal: exit 3.
    assert_eq!(code(&fresh.raw().arg("init").output().unwrap()), 3);
    // Custom environment list.
    fresh.ok(
        &[
            "init",
            "--no-passphrase",
            "--recipient",
            &fresh.recipient,
            "--envs",
            "ci,staging",
        ],
        "",
    );
    let envs = fresh.ok(&["env", "list", "--json"], "");
    assert_eq!(
        envs,
        "[{\"name\":\"ci\",\"protected_by\":null,\"secrets\":0},{\"name\":\"staging\",\"protected_by\":null,\"secrets\":0}]\n"
    );
}

#[test]
fn a_newer_vault_format_is_refused_clearly() {
    let tv = TestVault::new();
    tv.set("K", "v");
    if on_postgres() {
        tv.sql("COMMENT ON TABLE header IS 'tresor vault tsr1 format 4'");
    } else {
        tv.sql("PRAGMA user_version = 4");
    }
    let out = tv.run(&["get", "K"], "");
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("newer tresor"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("hint: upgrade tresor"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_missing_vault_says_how_to_create_one() {
    let tv = TestVault::uninit();
    let out = tv.run(&["get", "K"], "");
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("tresor init"), "{}", stderr(&out));
}

#[test]
fn broken_pipe_ends_quietly_with_0() {
    let tv = TestVault::new();
    let big = "y".repeat(1024 * 1024);
    tv.set("BIG", &big);
    let script = format!("set -o pipefail; '{BIN}' get BIG | true");
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .env_clear()
        .env("HOME", &tv.home)
        .env("TRESOR_VAULT", &tv.vault)
        .env("TRESOR_IDENTITY_FILE", &tv.identity_file)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
}

#[test]
fn two_processes_writing_at_once_lose_nothing() {
    let tv = TestVault::new();
    let handles: Vec<_> = ["A", "B"]
        .into_iter()
        .map(|prefix| {
            let cmd = |name: String| {
                let mut c = tv.cmd();
                c.args(["set", &name])
                    .write_stdin(format!("value of {name}"));
                c
            };
            let cmds: Vec<_> = (0..200).map(|i| cmd(format!("{prefix}_{i}"))).collect();
            std::thread::spawn(move || {
                for mut c in cmds {
                    let out = c.output().unwrap();
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                    assert!(!String::from_utf8_lossy(&out.stderr).contains("locked"));
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let list: serde_json::Value = serde_json::from_str(&tv.ok(&["list", "--json"], "")).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 400);
    assert_eq!(tv.get("A_199"), "value of A_199");
    assert_eq!(tv.get("B_0"), "value of B_0");
}

#[test]
fn reads_do_not_let_the_wal_grow_without_bound() {
    if on_postgres() {
        return; // SQLite's WAL
    }
    // Every read commits an audit event and, while the WAL is small, leaves it for the next
    // writer to fold in. SQLite's recovery on each new process forgets what was already
    // checkpointed, so without a bound a read-only workload grew the WAL forever (15 MB after
    // 1,000 runs) and every command re-read all of it.
    let tv = TestVault::new();
    tv.set("WAL_CHECK", "wal-check-value");
    let wal = PathBuf::from(format!("{}-wal", tv.vault.display()));
    let mut largest = 0;
    for _ in 0..120 {
        assert_eq!(tv.get("WAL_CHECK"), "wal-check-value");
        largest = largest.max(std::fs::metadata(&wal).map_or(0, |m| m.len()));
    }
    assert!(
        largest > 0,
        "reads are expected to leave a small WAL behind"
    );
    // The limit (256 KiB) plus the one read that crossed it.
    assert!(
        largest <= 256 * 1024 + 64 * 1024,
        "the WAL grew to {largest} bytes"
    );
    let out = tv.run(&["audit", "verify"], "");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}
