//! Issue 15: what a new user trips on. Behaviour, CI, completion, dotenv dialects and messages,
//! each through the binary.

use crate::support::*;

fn at(tv: &TestVault, now: &str, args: &[&str], stdin: &str) -> std::process::Output {
    tv.cmd()
        .env("TRESOR_NOW", now)
        .args(args)
        .write_stdin(stdin.as_bytes().to_vec())
        .output()
        .unwrap()
}

fn at_ok(tv: &TestVault, now: &str, args: &[&str], stdin: &str) -> String {
    let out = at(tv, now, args, stdin);
    assert!(
        out.status.success(),
        "tresor {args:?} failed ({:?}): {}",
        out.status.code(),
        stderr(&out)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn history_and_run_agree_on_the_version_in_grace_after_a_second_rotate() {
    let tv = TestVault::new();
    at_ok(&tv, "2026-01-01T00:00:00Z", &["set", "TOKEN"], "one");
    at_ok(
        &tv,
        "2026-01-02T00:00:00Z",
        &["rotate", "TOKEN", "--grace", "5d"],
        "two",
    );
    // Second rotation: version 2 is now the one in grace, version 1's grace no longer counts.
    at_ok(
        &tv,
        "2026-01-03T00:00:00Z",
        &["rotate", "TOKEN", "--grace", "1d"],
        "three",
    );
    let now = "2026-01-03T12:00:00Z";
    let h: serde_json::Value =
        serde_json::from_str(&at_ok(&tv, now, &["history", "TOKEN", "--json"], "")).unwrap();
    let states: Vec<&str> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["superseded", "previous-in-grace", "current"]);
    let out = at_ok(
        &tv,
        now,
        &[
            "run",
            "--",
            "sh",
            "-c",
            "echo $TOKEN ${TOKEN_PREVIOUS:-none}",
        ],
        "",
    );
    assert_eq!(out, "three two\n");
    // A third rotation without --grace: nothing is in grace, and nothing is injected.
    at_ok(&tv, now, &["rotate", "TOKEN"], "four");
    let h: serde_json::Value =
        serde_json::from_str(&at_ok(&tv, now, &["history", "TOKEN", "--json"], "")).unwrap();
    assert!(
        h.as_array()
            .unwrap()
            .iter()
            .all(|v| v["state"] != "previous-in-grace"),
        "{h}"
    );
    let out = at_ok(
        &tv,
        now,
        &[
            "run",
            "--",
            "sh",
            "-c",
            "echo $TOKEN ${TOKEN_PREVIOUS:-none}",
        ],
        "",
    );
    assert_eq!(out, "four none\n");
}

fn listed(tv: &TestVault, now: &str, name: &str) -> serde_json::Value {
    let v: serde_json::Value =
        serde_json::from_str(&at_ok(tv, now, &["list", "--json"], "")).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("{name} not listed"))
        .clone()
}

#[test]
fn usage_belongs_to_the_secret_not_the_name() {
    let tv = TestVault::new();
    let t1 = "2026-01-01T00:00:00Z";
    at_ok(&tv, t1, &["set", "NX"], "a");
    at_ok(&tv, t1, &["get", "NX"], "");
    at_ok(&tv, t1, &["get", "NX"], "");
    at_ok(&tv, t1, &["run", "--", "true"], "");
    at_ok(&tv, t1, &["rm", "NX"], "");
    // Set again, in the same second and a day later: the old reads are not its uses.
    at_ok(&tv, t1, &["set", "NX"], "b");
    let s = listed(&tv, t1, "NX");
    assert_eq!(s["uses"], 0, "{s}");
    assert!(s["last_used"].is_null(), "{s}");
    at_ok(&tv, t1, &["rm", "NX"], "");
    let t2 = "2026-01-02T00:00:00Z";
    at_ok(&tv, t2, &["set", "NX"], "c");
    let s = listed(&tv, t2, "NX");
    assert_eq!(s["uses"], 0, "{s}");
    at_ok(&tv, t2, &["get", "NX"], "");
    let s = listed(&tv, t2, "NX");
    assert_eq!(s["uses"], 1, "{s}");
    assert_eq!(s["last_used"], t2, "{s}");
}

#[test]
fn status_flags_no_burst_on_a_new_vault() {
    let tv = TestVault::new();
    let t = "2026-01-01T00:00:00Z";
    at_ok(&tv, t, &["set", "K"], "v");
    for _ in 0..12 {
        at_ok(&tv, t, &["get", "K"], "");
    }
    let st: serde_json::Value =
        serde_json::from_str(&at_ok(&tv, t, &["status", "--json"], "")).unwrap();
    assert_eq!(st["unusual"], serde_json::json!([]), "{st}");
    let text = at(&tv, t, &["status"], "");
    assert!(!stderr(&text).contains("uses in the last hour"));
    assert!(!String::from_utf8_lossy(&text.stdout).contains("uses in the last hour"));
}

/// Runs `tresor ARGS` on a pseudo-terminal (util-linux `script`), typing `answer` once the
/// question is up; returns (exit code, what the terminal showed).
fn on_terminal(tv: &TestVault, args: &[&str], answer: &str) -> (i32, String) {
    on_terminal_with(tv, tv.std_cmd(), args, &[answer])
}

/// `on_terminal` with the environment of `base` and several answers, typed one by one.
fn on_terminal_with(
    tv: &TestVault,
    base: std::process::Command,
    args: &[&str],
    answers: &[&str],
) -> (i32, String) {
    use std::io::Write;
    let mut c = std::process::Command::new("script");
    c.env_clear();
    for (k, v) in base.get_envs() {
        if let Some(v) = v {
            c.env(k, v);
        }
    }
    let line = std::iter::once(BIN)
        .chain(args.iter().copied())
        .collect::<Vec<_>>()
        .join(" ");
    c.args(["-qec", &line, "/dev/null"])
        .current_dir(tv.dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().expect("util-linux script");
    let mut stdin = child.stdin.take().unwrap();
    for answer in answers {
        std::thread::sleep(std::time::Duration::from_millis(700));
        let _ = stdin.write_all(answer.as_bytes());
        let _ = stdin.flush();
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    (
        code(&out),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn rm_and_env_rm_force_ask_on_a_terminal_only() {
    let tv = TestVault::new();
    tv.set("NX", "a");
    let (rc, shown) = on_terminal(&tv, &["rm", "NX"], "n\n");
    assert_eq!(rc, 1, "{shown}");
    assert!(
        shown.contains("Delete NX from dev with its 1 version? [y/N]"),
        "{shown}"
    );
    assert!(shown.contains("cancelled"), "{shown}");
    assert_eq!(tv.get("NX"), "a");
    let (rc, shown) = on_terminal(&tv, &["rm", "NX"], "y\n");
    assert_eq!(rc, 0, "{shown}");
    assert_eq!(code(&tv.run(&["get", "NX"], "")), 1);
    // --yes: no question.
    tv.set("NX", "b");
    let (rc, shown) = on_terminal(&tv, &["rm", "--yes", "NX"], "");
    assert_eq!(rc, 0, "{shown}");
    assert!(!shown.contains("[y/N]"), "{shown}");
    // No terminal: no question (scripts).
    tv.set("NX", "c");
    tv.ok(&["rm", "NX"], "");

    tv.ok(&["env", "add", "staging"], "");
    tv.ok(&["set", "A", "-e", "staging"], "a");
    let (rc, shown) = on_terminal(&tv, &["env", "rm", "staging", "--force"], "\n");
    assert_eq!(rc, 1, "{shown}");
    assert!(
        shown.contains("Remove environment staging and its 1 secret? [y/N]"),
        "{shown}"
    );
    assert_eq!(tv.ok(&["get", "-n", "A", "-e", "staging"], ""), "a");
    let (rc, shown) = on_terminal(&tv, &["env", "rm", "staging", "--force", "-y"], "");
    assert_eq!(rc, 0, "{shown}");
    assert!(
        shown.contains("Removed environment staging and 1 secret"),
        "{shown}"
    );
    tv.ok(&["env", "add", "qa"], "");
    tv.ok(&["set", "A", "-e", "qa"], "a");
    tv.ok(&["env", "rm", "qa", "--force"], "");
}

#[test]
fn generate_on_an_existing_name_points_to_rotate() {
    let tv = TestVault::new();
    tv.ok(&["generate", "TOKEN", "--prefix", "tok_"], "");
    let before = tv.get("TOKEN");
    let out = tv.run(&["generate", "TOKEN", "--length", "40"], "");
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(err.contains("TOKEN already exists in dev"), "{err}");
    assert!(err.contains("tresor rotate TOKEN"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(tv.get("TOKEN"), before);
    tv.ok(&["generate", "TOKEN", "--length", "40", "--force"], "");
    tv.ok(&["rotate", "TOKEN"], "");
    let v = tv.get("TOKEN");
    assert_eq!(v.len(), 40, "the new recipe is kept: {v}");
}

#[test]
fn every_command_that_prints_a_value_refuses_a_regular_file() {
    let tv = TestVault::new();
    tv.set("A", "x");
    let file = tv.dir.path().join("out.txt");
    let into_file = |args: &[&str]| {
        let f = std::fs::File::create(&file).unwrap();
        let out = tv.std_cmd().args(args).stdout(f).output().unwrap();
        (code(&out), stderr(&out), std::fs::read(&file).unwrap())
    };
    for args in [
        &["get", "A"][..],
        &["generate", "B", "--print"],
        &["export"],
        &["export", "--format", "json"],
    ] {
        let (rc, err, written) = into_file(args);
        assert_eq!(rc, 5, "{args:?}: {err}");
        assert!(err.contains("regular file"), "{err}");
        assert!(err.contains("--allow-file"), "{err}");
        assert!(written.is_empty());
    }
    assert_eq!(
        code(&tv.run(&["get", "B"], "")),
        1,
        "refused before storing"
    );
    let (rc, _, written) = into_file(&["get", "A", "--allow-file"]);
    assert_eq!((rc, written), (0, b"x\n".to_vec()));
    let (rc, _, written) = into_file(&["generate", "B", "--print", "--allow-file"]);
    assert_eq!(rc, 0);
    assert_eq!(written.len(), 33);
    // /dev/null is not a regular file.
    for args in [
        &["get", "A"][..],
        &["export"],
        &["generate", "C", "--print"],
    ] {
        let out = tv
            .std_cmd()
            .args(args)
            .stdout(
                std::fs::OpenOptions::new()
                    .write(true)
                    .open("/dev/null")
                    .unwrap(),
            )
            .output()
            .unwrap();
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
    }
}

const FAST_KDF: [&str; 6] = [
    "--kdf-memory",
    "19",
    "--kdf-iterations",
    "2",
    "--kdf-parallelism",
    "1",
];

#[test]
fn init_refuses_empty_warns_weak_and_asks_again_on_a_mismatch() {
    let tv = TestVault::uninit();
    let mut args = vec!["init"];
    args.extend(FAST_KDF);
    let strong = "correct horse battery staple organ";
    let (rc, shown) = on_terminal_with(
        &tv,
        tv.std_raw(),
        &args,
        &[
            "\n",
            "one thing\n",
            "another\n",
            &format!("{strong}\n"),
            &format!("{strong}\n"),
        ],
    );
    assert_eq!(rc, 0, "{shown}");
    assert!(shown.contains("cannot be empty"), "{shown}");
    assert!(
        shown.contains("The two entries differ; try again."),
        "{shown}"
    );
    assert!(!shown.contains("weak"), "{shown}");
    let pf = tv.dir.path().join("p");
    std::fs::write(&pf, format!("{strong}\n")).unwrap();
    let out = tv
        .raw()
        .args(["list", "--passphrase-file"])
        .arg(&pf)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));

    // A weak passphrase: created, with zxcvbn's estimate and advice.
    let tv = TestVault::uninit();
    let pf = tv.dir.path().join("p");
    std::fs::write(&pf, "password1\n").unwrap();
    let out = tv
        .raw()
        .arg("init")
        .args(FAST_KDF)
        .arg("--passphrase-file")
        .arg(&pf)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("the passphrase is weak: zxcvbn scores it"),
        "{err}"
    );
    // An empty passphrase file is refused.
    let tv = TestVault::uninit();
    let pf = tv.dir.path().join("p");
    std::fs::write(&pf, "\n").unwrap();
    let out = tv
        .raw()
        .arg("init")
        .args(FAST_KDF)
        .arg("--passphrase-file")
        .arg(&pf)
        .output()
        .unwrap();
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(stderr(&out).contains("empty"));
    assert!(!tv.vault.exists());
}

#[test]
fn tables_show_local_time_with_its_offset_and_json_stays_utc() {
    let mut tv = TestVault::new();
    let t = "2026-03-01T09:00:00Z";
    at_ok(&tv, t, &["set", "K", "--expires", "2026-06-01"], "v");
    tv.set_env("TZ", "<+0530>-5:30");
    let table = at_ok(&tv, t, &["list"], "");
    assert!(table.contains("2026-03-01 14:30 +05:30"), "{table}");
    assert!(table.contains("2026-06-01 05:30 +05:30"), "{table}");
    let hist = at_ok(&tv, t, &["history", "K"], "");
    assert!(hist.contains("2026-03-01 14:30 +05:30"), "{hist}");
    let json = at_ok(&tv, t, &["list", "--json"], "");
    assert!(
        json.contains("\"updated\":\"2026-03-01T09:00:00Z\""),
        "{json}"
    );
    tv.set_env("TZ", "UTC");
    let table = at_ok(&tv, t, &["list"], "");
    assert!(table.contains("2026-03-01 09:00 +00:00"), "{table}");
}

/// A recipients file as `age -R` reads it: two recipients, a comment and a blank line.
fn recipients_file(tv: &TestVault, name: &str) -> (std::path::PathBuf, Vec<std::path::PathBuf>) {
    let mut ids = Vec::new();
    let mut text = String::from("# the team\n");
    for i in 0..2 {
        let (secret, recipient) = age_identity();
        let p = tv.dir.path().join(format!("{name}-{i}.key"));
        std::fs::write(&p, format!("{secret}\n")).unwrap();
        ids.push(p);
        text.push_str(&format!("{recipient}\n\n"));
    }
    let file = tv.dir.path().join(format!("{name}.txt"));
    std::fs::write(&file, text).unwrap();
    (file, ids)
}

fn with_identity(tv: &TestVault, id: &std::path::Path, args: &[&str]) -> std::process::Output {
    tv.raw()
        .env("TRESOR_IDENTITY_FILE", id)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_recipients_file_gives_every_recipient() {
    // init
    let tv = TestVault::uninit();
    let (file, ids) = recipients_file(&tv, "team");
    tv.ok(
        &[
            "init",
            "--no-passphrase",
            "--recipient",
            file.to_str().unwrap(),
        ],
        "",
    );
    for (n, id) in ids.iter().enumerate() {
        let value = format!("written-by-{n}");
        let out = tv
            .raw()
            .env("TRESOR_IDENTITY_FILE", id)
            .args(["set", "A"])
            .write_stdin(value.clone())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let out = with_identity(&tv, id, &["get", "-n", "A"]);
        assert_eq!(String::from_utf8_lossy(&out.stdout), value);
        let out = with_identity(&tv, id, &["list"]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    // access add
    let tv = TestVault::new();
    let (file, ids) = recipients_file(&tv, "more");
    tv.ok(
        &["access", "add", "--recipient", file.to_str().unwrap()],
        "",
    );
    for id in &ids {
        let out = with_identity(&tv, id, &["list"]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    // access grant: one grant per recipient, LABEL-1 and LABEL-2.
    tv.ok(&["set", "-e", "test", "K"], "v");
    let (file, ids) = recipients_file(&tv, "ci");
    let out = tv.ok(
        &[
            "access",
            "grant",
            "-e",
            "test",
            "--recipient",
            file.to_str().unwrap(),
            "--name",
            "ci",
        ],
        "",
    );
    let _ = out;
    let list: serde_json::Value =
        serde_json::from_str(&tv.ok(&["access", "list", "--json"], "")).unwrap();
    let mut labels: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["env"] == "test")
        .map(|g| g["label"].as_str().unwrap())
        .collect();
    labels.sort_unstable();
    assert_eq!(labels, ["ci-1", "ci-2"], "{list}");
    for id in &ids {
        let out = with_identity(&tv, id, &["get", "-n", "K", "-e", "test"]);
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "v",
            "{}",
            stderr(&out)
        );
    }
    // bundle export: both identities open it.
    let (file, ids) = recipients_file(&tv, "runners");
    let path = tv.dir.path().join("b.age");
    let out = tv
        .std_cmd()
        .args(["bundle", "export", "-e", "test", "--recipient"])
        .arg(&file)
        .stdout(std::fs::File::create(&path).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    for id in &ids {
        let out = std::process::Command::new("age")
            .arg("-d")
            .arg("-i")
            .arg(id)
            .arg(&path)
            .output()
            .expect("age is installed (.ci/run installs it)");
        assert!(out.status.success(), "{}", stderr(&out));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(doc["recipients"].as_array().unwrap().len(), 2, "{doc}");
        let out = with_identity(
            &tv,
            id,
            &[
                "get",
                "-n",
                "K",
                "--bundle",
                path.to_str().unwrap(),
                "--allow-unpinned",
            ],
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "v",
            "{}",
            stderr(&out)
        );
    }
    // env protect has one second factor: several recipients are refused, not cut to one.
    let tv = TestVault::with_passphrase("correct horse battery staple organ");
    let (file, _) = recipients_file(&tv, "two");
    let out = tv
        .cmd()
        .args(["env", "protect", "prod", "--recipient"])
        .arg(&file)
        .arg("--passphrase-file")
        .arg(tv.passphrase_file.as_ref().unwrap())
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("holds 2 recipients"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn due_bundle_on_a_runner_warns_with_days_left() {
    let tv = TestVault::new();
    let t0 = "2026-01-01T00:00:00Z";
    at_ok(
        &tv,
        t0,
        &["set", "-e", "prod", "A", "--expires", "2026-01-10"],
        "a",
    );
    at_ok(&tv, t0, &["set", "-e", "prod", "B"], "b");
    let (secret, recipient) = age_identity();
    let id = tv.dir.path().join("runner.key");
    std::fs::write(&id, format!("{secret}\n")).unwrap();
    let path = tv.dir.path().join("prod.bundle");
    let out = tv
        .std_cmd()
        .env("TRESOR_NOW", t0)
        .args([
            "bundle",
            "export",
            "-e",
            "prod",
            "--recipient",
            &recipient,
            "--expires-in",
            "30d",
        ])
        .stdout(std::fs::File::create(&path).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let vault_key = stderr(&out)
        .split_whitespace()
        .find(|w| w.starts_with("tresor-vk1-"))
        .unwrap()
        .to_string();
    // The runner: no vault, the bundle, its identity and the vault key.
    let runner = |now: &str, args: &[&str]| {
        let mut c = std::process::Command::new(BIN);
        c.env_clear()
            .env("PATH", std::env::var("PATH").unwrap())
            .env("HOME", tv.dir.path().join("runner-home"))
            .env("TRESOR_IDENTITY_FILE", &id)
            .env("TRESOR_VAULT_KEY", &vault_key)
            .env("TRESOR_VAULT", tv.dir.path().join("no-vault-here.db"))
            .env("TRESOR_NOW", now)
            .env("TZ", "UTC")
            .arg("due")
            .arg("--bundle")
            .arg(&path)
            .args(args);
        c.output().unwrap()
    };
    let out = runner(t0, &["--within", "5d"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("Nothing in the bundle of prod expires within 5d"));
    let out = runner(t0, &[]);
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("A expires in 9 days"), "{err}");
    assert!(err.contains("owner's machine"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("9 days"));
    let out = runner("2026-01-29T00:00:00Z", &["--json"]);
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc[0]["name"], "A");
    assert_eq!(doc[0]["reason"], "expired");
    assert_eq!(doc[1]["kind"], "bundle");
    assert_eq!(doc[1]["reason"], "due");
    assert_eq!(doc[1]["days_left"], 2);
    assert!(stderr(&out).contains("the bundle expires in 2 days"));
    // A secret the bundle does not hold: the hint says how to see and change what it holds.
    for args in [
        &["get", "NOPE", "--bundle"][..],
        &["run", "--only", "NOPE", "--bundle"],
    ] {
        let mut c = std::process::Command::new(BIN);
        c.env_clear()
            .env("PATH", std::env::var("PATH").unwrap())
            .env("HOME", tv.dir.path().join("runner-home"))
            .env("TRESOR_IDENTITY_FILE", &id)
            .env("TRESOR_VAULT_KEY", &vault_key)
            .env("TRESOR_NOW", t0)
            .args(args)
            .arg(&path);
        if args[0] == "run" {
            c.args(["--", "true"]);
        }
        let out = c.output().unwrap();
        assert_eq!(code(&out), 1, "{}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("tresor list --bundle FILE"), "{err}");
        assert!(err.contains("owner's machine"), "{err}");
    }
    // Plain `due` on the runner: no vault, and the hint points to --bundle.
    let mut c = std::process::Command::new(BIN);
    let out = c
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap())
        .env("HOME", tv.dir.path().join("runner-home"))
        .env("TRESOR_IDENTITY_FILE", &id)
        .args(["due", "--all-envs"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("`tresor due --bundle FILE`"),
        "{}",
        stderr(&out)
    );
    // An expired bundle is a finding here (exit 6), not a refusal.
    let out = runner("2026-02-05T00:00:00Z", &[]);
    assert_eq!(code(&out), 6, "{}", stderr(&out));
    assert!(stderr(&out).contains("the bundle expired on 2026-01-31"));
    // Reading an expired bundle says what to do on the runner: not `tresor rotate`.
    let mut c = std::process::Command::new(BIN);
    let out = c
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap())
        .env("HOME", tv.dir.path().join("runner-home"))
        .env("TRESOR_IDENTITY_FILE", &id)
        .env("TRESOR_VAULT_KEY", &vault_key)
        .env("TRESOR_NOW", "2026-02-05T00:00:00Z")
        .args(["run", "--bundle"])
        .arg(&path)
        .args(["--", "true"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("owner's machine") && err.contains("bundle export"),
        "{err}"
    );
    // An expired secret in a live bundle: the hint is for the runner too.
    let out = std::process::Command::new(BIN)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap())
        .env("HOME", tv.dir.path().join("runner-home"))
        .env("TRESOR_IDENTITY_FILE", &id)
        .env("TRESOR_VAULT_KEY", &vault_key)
        .env("TRESOR_NOW", "2026-01-20T00:00:00Z")
        .args(["run", "--bundle"])
        .arg(&path)
        .args(["--", "true"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(!err.contains("`tresor rotate NAME`), or"), "{err}");
    assert!(err.contains("owner's machine"), "{err}");
}

struct Locked<'a>(&'a TestVault);
impl Drop for Locked<'_> {
    fn drop(&mut self) {
        let _ = self.0.run(&["lock"], "");
    }
}

#[test]
fn completion_follows_the_environment_the_command_would_use() {
    let tv = TestVault::new();
    tv.set("DEV_A", "a");
    tv.set("DEV_B", "b");
    tv.set("DEV_C", "c");
    tv.ok(&["set", "-e", "prod", "PROD_A"], "p");
    tv.ok(&["env", "add", "staging"], "");
    let (_, recipient) = age_identity();
    tv.ok(
        &[
            "access",
            "grant",
            "-e",
            "test",
            "--recipient",
            &recipient,
            "--name",
            "ci-test",
        ],
        "",
    );
    let _guard = Locked(&tv);
    tv.ok(&["unlock"], "");
    let complete_with = |tv: &TestVault, env: &[(&str, &str)], words: &[&str]| {
        let out = tv
            .raw()
            .envs(env.iter().copied())
            .env("COMPLETE", "bash")
            .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
            .arg("--")
            .args(words)
            .output()
            .unwrap();
        let mut v: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty() && !l.starts_with('-'))
            .collect();
        v.sort();
        v
    };
    let complete = |tv: &TestVault, words: &[&str]| complete_with(tv, &[], words);
    assert_eq!(
        complete(&tv, &["tresor", "get", "DEV"]),
        ["DEV_A", "DEV_B", "DEV_C"]
    );
    assert!(complete(&tv, &["tresor", "get", "PROD"]).is_empty());
    assert_eq!(
        complete(&tv, &["tresor", "get", "-e", "prod", ""]),
        ["PROD_A"]
    );
    assert_eq!(
        complete(&tv, &["tresor", "get", "--env=prod", "P"]),
        ["PROD_A"]
    );
    assert_eq!(
        complete(&tv, &["tresor", "-e", "prod", "rm", "P"]),
        ["PROD_A"]
    );
    // Comma lists after --only: the names before the last comma stay and are not offered again.
    assert_eq!(
        complete(&tv, &["tresor", "run", "--only", "DEV_A,DEV"]),
        ["DEV_A,DEV_B", "DEV_A,DEV_C"]
    );
    assert_eq!(
        complete(&tv, &["tresor", "export", "-e", "prod", "--only", "P"]),
        ["PROD_A"]
    );
    // Environment names after env rm / env protect / -e.
    assert_eq!(complete(&tv, &["tresor", "env", "rm", "st"]), ["staging"]);
    assert_eq!(complete(&tv, &["tresor", "env", "protect", "pr"]), ["prod"]);
    assert_eq!(complete(&tv, &["tresor", "list", "-e", "sta"]), ["staging"]);
    // Grant labels after access revoke.
    assert_eq!(
        complete(&tv, &["tresor", "access", "revoke", "ci"]),
        ["ci-test"]
    );
    // TRESOR_ENV and the config's default_env.
    assert_eq!(
        complete_with(&tv, &[("TRESOR_ENV", "prod")], &["tresor", "get", ""]),
        ["PROD_A"]
    );
    let cfg = tv.home.join(".config/tresor");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.toml"), "default_env = \"prod\"\n").unwrap();
    assert_eq!(complete(&tv, &["tresor", "get", ""]), ["PROD_A"]);
    // -e on the line beats the config.
    assert_eq!(
        complete(&tv, &["tresor", "get", "-e", "dev", "DEV_A"]),
        ["DEV_A"]
    );
}

#[test]
fn dotenv_backticks_are_parsed_and_empty_values_skipped_with_a_note() {
    let tv = TestVault::new();
    let file = tv.dir.path().join(".env");
    std::fs::write(
        &file,
        "A=`x #y` # c\nB=`it's \"both\"`\nEMPTY=\nC=plain\nALSO_EMPTY=''\nM=`line1\nline2`\n",
    )
    .unwrap();
    let out = tv.run(&["import", file.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("note: skipped 2 empty values") && err.contains("EMPTY, ALSO_EMPTY"),
        "{err}"
    );
    assert_eq!(tv.get("A"), "x #y");
    assert_eq!(tv.get("B"), "it's \"both\"");
    assert_eq!(tv.get("C"), "plain");
    assert_eq!(tv.get("M"), "line1\nline2");
    assert_eq!(code(&tv.run(&["get", "EMPTY"], "")), 1);
    // A file of empty values only: nothing to import.
    std::fs::write(&file, "E=\n").unwrap();
    let out = tv.run(&["import", file.to_str().unwrap(), "-e", "test"], "");
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("holds no variables with a value"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn config_errors_name_file_line_column_and_key() {
    let tv = TestVault::new();
    let cfg = tv.home.join(".config/tresor/config.toml");
    std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
    let case = |text: &str| {
        std::fs::write(&cfg, text).unwrap();
        let out = tv.run(&["list"], "");
        assert_eq!(code(&out), 1, "{}", stderr(&out));
        stderr(&out)
    };
    let err = case("rotate_every = \"90d\"\nreminders = yes\n");
    assert!(
        err.contains(&format!(
            "config file {}, line 2, column 13, key reminders",
            cfg.display()
        )),
        "{err}"
    );
    assert!(err.contains("hint: reminders takes true or false"), "{err}");
    assert!(!err.contains("known keys"), "{err}");
    let err = case("default_env = \"dev\"\ndefault_env = \"prod\"\n");
    assert!(err.contains("line 2, column 1, key default_env"), "{err}");
    assert!(err.contains("duplicate key"), "{err}");
    assert!(err.contains("set twice"), "{err}");
    let err = case("remind_within = \"fortnight\"\n");
    assert!(err.contains("line 1, column 1, key remind_within"), "{err}");
    // A default_env that does not exist says where it came from.
    std::fs::write(&cfg, "default_env = \"staging\"\n").unwrap();
    let out = tv.run(&["list"], "");
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "no environment named \"staging\" (default_env in the config file {})",
            cfg.display()
        )),
        "{err}"
    );
    assert!(err.contains("change default_env"), "{err}");
    // With -e, the config is not to blame.
    let out = tv.run(&["list", "-e", "nope"], "");
    assert!(!stderr(&out).contains("default_env"), "{}", stderr(&out));
}

#[test]
fn env_file_errors_name_the_file() {
    let tv = TestVault::new();
    tv.set("A", "a");
    let file = tv.dir.path().join("app.env");
    std::fs::write(&file, "X=tresor://MISSING\n").unwrap();
    let out = tv.run(
        &["run", "--env-file", file.to_str().unwrap(), "--", "true"],
        "",
    );
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains(&format!("{}, line 1: X refers to", file.display())),
        "{}",
        stderr(&out)
    );
    std::fs::write(&file, "X=\"open\n").unwrap();
    let out = tv.run(
        &["run", "--env-file", file.to_str().unwrap(), "--", "true"],
        "",
    );
    assert!(
        stderr(&out).contains(&format!("--env-file {}: line 1", file.display())),
        "{}",
        stderr(&out)
    );
    let out = tv.run(&["run", "--env-file", "nope.env", "--", "true"], "");
    assert!(
        stderr(&out).contains("--env-file nope.env"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn small_messages() {
    let tv = TestVault::new();
    // No key source (as after a session agent timed out): the hint names `tresor unlock`.
    let out = tv.raw().args(["list"]).output().unwrap();
    assert_eq!(code(&out), 3);
    assert!(stderr(&out).contains("`tresor unlock`"), "{}", stderr(&out));
    // An unknown audit action is an error listing the actions.
    let out = tv.run(&["audit", "--action", "frobnicate"], "");
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("no such action \"frobnicate\""), "{err}");
    assert!(
        err.contains("actions: access-add") && err.contains(" rotate,"),
        "{err}"
    );
    tv.ok(&["audit", "--action", "init"], "");
    // One secret, not "1 secrets".
    tv.set("ONLY", "x");
    tv.ok(&["run", "--", "true"], "");
    tv.ok(&["export"], "");
    let audit = tv.ok(&["audit", "--json"], "");
    assert!(audit.contains("true (1 secret)"), "{audit}");
    assert!(!audit.contains("1 secrets"), "{audit}");
    let status = tv.ok(&["status"], "");
    assert!(!status.contains(" 1 events"), "{status}");
    tv.ok(&["env", "add", "one"], "");
    tv.ok(&["set", "-e", "one", "S"], "s");
    let out = tv.run(&["env", "rm", "one", "--force"], "");
    assert!(stderr(&out).contains("and 1 secret\n"), "{}", stderr(&out));
    assert!(!tv.ok(&["audit", "--json"], "").contains("1 secrets"));
    // scan states the minimum length it skips.
    tv.set("TINY", "abc");
    let out = tv.run(&["scan", tv.dir.path().to_str().unwrap()], "");
    let err = stderr(&out);
    assert!(
        err.contains("2 values shorter than 6 bytes are not searched for"),
        "{err}"
    );
}
