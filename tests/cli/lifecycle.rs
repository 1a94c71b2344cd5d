//! generate, rotate, history, revoke, due and reminders through the binary, with TRESOR_NOW
//! moving the clock.

use crate::support::*;

const DAY1: &str = "2026-03-01T09:00:00Z";

fn at(tv: &TestVault, now: &str, args: &[&str], stdin: &str) -> std::process::Output {
    tv.cmd()
        .env("TRESOR_NOW", now)
        .args(args)
        .write_stdin(stdin.as_bytes().to_vec())
        .output()
        .unwrap()
}

fn status_of(tv: &TestVault, now: &str, name: &str) -> String {
    let out = at(tv, now, &["list", "--json", "--revoked"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("{name} not listed"))["status"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_thirty_day_rotation_goes_due_then_overdue_then_active_after_rotate() {
    let tv = TestVault::new();
    assert!(
        at(
            &tv,
            DAY1,
            &["set", "API_KEY", "--rotate-every", "30d"],
            "v1"
        )
        .status
        .success()
    );
    assert_eq!(status_of(&tv, DAY1, "API_KEY"), "active");
    assert_eq!(status_of(&tv, "2026-03-20T09:00:00Z", "API_KEY"), "due");
    assert_eq!(status_of(&tv, "2026-04-01T09:00:00Z", "API_KEY"), "overdue");
    let due = at(&tv, "2026-04-01T09:00:00Z", &["due", "--json"], "");
    assert_eq!(code(&due), 6, "{}", stderr(&due));
    let items: serde_json::Value = serde_json::from_slice(&due.stdout).unwrap();
    assert_eq!(items[0]["name"], "API_KEY");
    assert_eq!(items[0]["reason"], "overdue");
    assert_eq!(items[0]["at"], "2026-03-31T09:00:00Z");
    assert_eq!(items[0]["env"], "dev");
    // On day 20 `due` lists it but passes.
    let due = at(&tv, "2026-03-20T09:00:00Z", &["due", "--json"], "");
    assert_eq!(code(&due), 0);
    assert!(String::from_utf8_lossy(&due.stdout).contains("\"reason\":\"due\""));
    // Rotate on day 32: active again, two versions, the schedule restarted.
    let out = at(&tv, "2026-04-02T09:00:00Z", &["rotate", "API_KEY"], "v2");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(status_of(&tv, "2026-04-02T09:00:00Z", "API_KEY"), "active");
    assert_eq!(code(&at(&tv, "2026-04-02T09:00:00Z", &["due"], "")), 0);
    let hist: serde_json::Value = serde_json::from_slice(
        &at(
            &tv,
            "2026-04-02T09:00:00Z",
            &["history", "API_KEY", "--json"],
            "",
        )
        .stdout,
    )
    .unwrap();
    let hist = hist.as_array().unwrap();
    assert_eq!(hist.len(), 2);
    assert_eq!(hist[0]["origin"], "set");
    assert_eq!(hist[0]["state"], "superseded");
    assert_eq!(hist[1]["origin"], "rotate");
    assert_eq!(hist[1]["state"], "current");
    assert_eq!(hist[1]["next_rotation"], "2026-05-02T09:00:00Z");
    for key in ["version", "created", "origin", "state"] {
        assert!(hist[0].get(key).is_some());
    }
    assert_eq!(tv.get("API_KEY"), "v2");
}

#[test]
fn expiry_flags_and_windows() {
    let tv = TestVault::new();
    assert!(
        at(&tv, DAY1, &["set", "DATED", "--expires", "2026-03-10"], "x")
            .status
            .success()
    );
    assert!(
        at(&tv, DAY1, &["set", "RELATIVE", "--expires-in", "60d"], "x")
            .status
            .success()
    );
    assert_eq!(status_of(&tv, DAY1, "DATED"), "due");
    assert_eq!(status_of(&tv, DAY1, "RELATIVE"), "active");
    assert_eq!(status_of(&tv, "2026-03-10T00:00:00Z", "DATED"), "expired");
    // --within narrows the window; the expired one still fails the gate.
    let out = at(&tv, DAY1, &["due", "--within", "1d", "--json"], "");
    assert_eq!(code(&out), 0);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "[]\n");
    let out = at(
        &tv,
        "2026-03-11T00:00:00Z",
        &["due", "--json", "--within", "90d"],
        "",
    );
    assert_eq!(code(&out), 6);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["reason"], "expired");
    assert_eq!(v[1]["reason"], "due");
    // A past expiry is accepted with a warning (importing already expired keys).
    let out = at(&tv, DAY1, &["set", "OLD", "--expires", "2020-01-01"], "x");
    assert!(out.status.success());
    assert!(stderr(&out).contains("warning:") && stderr(&out).contains("already past"));
    // --expires-in carries over to the rotated version, counted from the rotation.
    assert!(
        at(&tv, "2026-04-01T00:00:00Z", &["rotate", "RELATIVE"], "y")
            .status
            .success()
    );
    let list: serde_json::Value =
        serde_json::from_slice(&at(&tv, "2026-04-01T00:00:00Z", &["list", "--json"], "").stdout)
            .unwrap();
    let rel = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "RELATIVE")
        .unwrap();
    assert_eq!(rel["expires_at"], "2026-05-31T00:00:00Z");
    // --all-envs
    assert!(
        at(
            &tv,
            DAY1,
            &["set", "-e", "prod", "P", "--expires", "2026-03-02"],
            "p"
        )
        .status
        .success()
    );
    let out = at(
        &tv,
        "2026-03-05T00:00:00Z",
        &["due", "--all-envs", "--json"],
        "",
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"env\":\"prod\""));
    // Bad durations and dates exit 1.
    assert_eq!(
        code(&at(&tv, DAY1, &["set", "X", "--expires-in", "soon"], "x")),
        1
    );
    assert_eq!(
        code(&at(
            &tv,
            DAY1,
            &["set", "X", "--expires", "2026-02-30"],
            "x"
        )),
        1
    );
    assert_eq!(code(&at(&tv, DAY1, &["due", "--within", "0d"], "")), 1);
}

#[test]
fn config_sets_the_default_schedule_and_window() {
    let tv = TestVault::new();
    let cfg = tv.dir.path().join("c.toml");
    std::fs::write(&cfg, "rotate_every = \"10d\"\nremind_within = \"2d\"\n").unwrap();
    let c = cfg.to_str().unwrap();
    assert!(
        at(&tv, DAY1, &["set", "K", "--config", c], "x")
            .status
            .success()
    );
    assert_eq!(
        status_of(&tv, "2026-03-07T09:00:00Z", "K"),
        "due",
        "14d default window without config"
    );
    let out = at(
        &tv,
        "2026-03-07T09:00:00Z",
        &["list", "--json", "--config", c],
        "",
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("\"status\":\"active\""),
        "2d window from config"
    );
    let out = at(
        &tv,
        "2026-03-12T09:00:00Z",
        &["list", "--json", "--config", c],
        "",
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"status\":\"overdue\""));
}

#[test]
fn generate_reports_entropy_and_prints_only_on_request() {
    let tv = TestVault::new();
    let out = tv.run(
        &["generate", "HEX_KEY", "--charset", "hex", "--length", "32"],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "",
        "no value without --print"
    );
    let err = stderr(&out);
    assert!(
        err.contains("HEX_KEY")
            && err.contains("dev")
            && err.contains("32 characters")
            && err.contains("128 bits"),
        "{err}"
    );
    let value = tv.get("HEX_KEY");
    assert!(!err.contains(&value));
    assert_eq!(value.len(), 32);
    assert!(
        value
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );

    let out = tv.run(
        &[
            "generate",
            "STRIPE",
            "--prefix",
            "sk_live_",
            "--print",
            "--charset",
            "alnum",
            "--length",
            "24",
        ],
        "",
    );
    let printed = String::from_utf8(out.stdout).unwrap();
    let printed = printed.trim_end();
    assert!(
        printed.starts_with("sk_live_") && printed.len() == 8 + 24,
        "{printed}"
    );
    assert_eq!(tv.get("STRIPE"), printed);
    // 24 × log2(62) = 142.9: the prefix is not counted.
    assert!(
        stderr(&tv.run(
            &[
                "generate", "OTHER", "--prefix", "sk_live_", "--length", "24"
            ],
            ""
        ))
        .contains("143 bits")
    );

    let out = tv.run(&["generate", "ID", "--uuid", "--print"], "");
    let uuid = String::from_utf8(out.stdout).unwrap();
    let uuid = uuid.trim_end();
    assert_eq!(uuid.len(), 36);
    assert_eq!(&uuid[14..15], "4");
    assert!(stderr(&tv.run(&["generate", "ID2", "--uuid"], "")).contains("122 bits"));

    // Under 128 bits: warning; under 64: refused (exit 5) unless --weak.
    let out = tv.run(
        &["generate", "PIN", "--charset", "digits", "--length", "12"],
        "",
    );
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert_eq!(code(&tv.run(&["get", "PIN"], "")), 1, "nothing stored");
    let out = tv.run(
        &[
            "generate",
            "PIN",
            "--charset",
            "digits",
            "--length",
            "12",
            "--weak",
        ],
        "",
    );
    assert!(out.status.success());
    assert!(stderr(&out).contains("warning:"));
    let out = tv.run(
        &["generate", "MID", "--charset", "hex", "--length", "20"],
        "",
    );
    assert!(
        out.status.success()
            && stderr(&out).contains("80 bits")
            && stderr(&out).contains("warning:")
    );
    // Bad recipes exit 1.
    assert_eq!(
        code(&tv.run(&["generate", "X", "--charset", "emoji"], "")),
        1
    );
    assert_eq!(code(&tv.run(&["generate", "X", "--length", "0"], "")), 1);
    assert_eq!(
        code(&tv.run(&["generate", "X", "--charset", "custom:a"], "")),
        1
    );
    // A custom alphabet is honoured.
    let v = String::from_utf8(
        tv.run(
            &[
                "generate",
                "AB",
                "--charset",
                "custom:ab",
                "--length",
                "200",
                "--print",
            ],
            "",
        )
        .stdout,
    )
    .unwrap();
    assert!(
        v.trim_end().chars().all(|c| c == 'a' || c == 'b') && v.contains('a') && v.contains('b')
    );
}

#[test]
fn rotate_repeats_the_recipe_and_keeps_a_grace_period() {
    let tv = TestVault::new();
    assert!(
        at(
            &tv,
            DAY1,
            &[
                "generate",
                "TOKEN",
                "--prefix",
                "tok_",
                "--length",
                "40",
                "--charset",
                "base64url"
            ],
            ""
        )
        .status
        .success()
    );
    let v1 = tv.get("TOKEN");
    let out = at(&tv, DAY1, &["rotate", "TOKEN", "--grace", "2d"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let v2 = tv.get("TOKEN");
    assert_ne!(v1, v2);
    assert!(v2.starts_with("tok_") && v2.len() == 44, "{v2}");
    assert!(
        v2[4..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    );
    let states = |now: &str| -> Vec<String> {
        let h: serde_json::Value =
            serde_json::from_slice(&at(&tv, now, &["history", "TOKEN", "--json"], "").stdout)
                .unwrap();
        h.as_array()
            .unwrap()
            .iter()
            .map(|v| v["state"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        states("2026-03-02T09:00:00Z"),
        ["previous-in-grace", "current"]
    );
    assert_eq!(states("2026-03-04T09:00:00Z"), ["superseded", "current"]);
    // --from-file - reads standard input even for a generated secret.
    assert!(
        at(
            &tv,
            DAY1,
            &["rotate", "TOKEN", "--from-file", "-"],
            "typed-in"
        )
        .status
        .success()
    );
    assert_eq!(tv.get("TOKEN"), "typed-in");
    // A secret that was `set` is rotated from standard input.
    tv.set("PLAIN", "p1");
    tv.ok(&["rotate", "PLAIN"], "p2");
    assert_eq!(tv.get("PLAIN"), "p2");
    assert_eq!(code(&tv.run(&["rotate", "MISSING"], "x")), 1);
    assert_eq!(code(&tv.run(&["rotate", "PLAIN", "on-argv"], "")), 2);
}

#[test]
fn revoked_keys_are_never_handed_out() {
    let tv = TestVault::new();
    let value = canary();
    tv.set("LEAKED", &value);
    tv.set("LEAKED", &value);
    tv.set("OTHER", "fine");
    let out = tv.run(&["revoke", "LEAKED"], "");
    assert_eq!(code(&out), 2, "--reason is required");
    tv.ok(
        &["revoke", "LEAKED", "--reason", "posted in a public issue"],
        "",
    );
    assert_eq!(
        code(&tv.run(&["revoke", "LEAKED", "--reason", "again"], "")),
        1
    );
    let mut seen = String::new();
    for args in [
        vec!["get", "LEAKED"],
        vec!["get", "LEAKED", "--version", "1"],
        vec!["list"],
        vec!["list", "--json"],
        vec!["list", "--revoked"],
        vec!["list", "--revoked", "--json"],
        vec!["history", "LEAKED"],
        vec!["history", "LEAKED", "--json"],
        vec!["due", "--json"],
        vec!["due"],
    ] {
        let out = tv.run(&args, "");
        seen.push_str(&String::from_utf8_lossy(&out.stdout));
        seen.push_str(&stderr(&out));
        if args[0] == "get" {
            assert_eq!(code(&out), 5, "{args:?}");
            assert!(stderr(&out).contains("revoked") && stderr(&out).contains("--allow-revoked"));
        }
    }
    assert!(!seen.contains(&value), "a revoked value was printed");
    tv.assert_not_in_vault_folder(&value);
    assert!(!tv.ok(&["list"], "").contains("LEAKED"));
    assert!(tv.ok(&["list", "--revoked"], "").contains("LEAKED"));
    let hist = tv.ok(&["history", "LEAKED", "--json"], "");
    assert!(hist.contains("posted in a public issue") && hist.contains("\"state\":\"revoked\""));
    // --allow-revoked reads it on purpose.
    assert_eq!(
        tv.ok(&["get", "-n", "LEAKED", "--allow-revoked"], ""),
        value
    );
    // A fresh value is active again; the revocation stays in the history.
    tv.set("LEAKED", "replacement");
    assert_eq!(tv.get("LEAKED"), "replacement");
    let h: serde_json::Value =
        serde_json::from_str(&tv.ok(&["history", "LEAKED", "--json"], "")).unwrap();
    let states: Vec<&str> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["revoked", "revoked", "current"]);
    assert_eq!(code(&tv.run(&["get", "LEAKED", "--version", "2"], "")), 5);
}

#[test]
fn editing_the_revocation_state_in_the_file_is_an_integrity_failure() {
    let tv = TestVault::new();
    tv.set("LEAKED", "v");
    tv.ok(&["revoke", "LEAKED", "--reason", "r"], "");
    tv.sql("UPDATE versions SET state = 0");
    let out = tv.run(&["get", "LEAKED"], "");
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert_eq!(code(&tv.run(&["get", "LEAKED", "--allow-revoked"], "")), 4);
}

#[test]
fn reminders_go_to_stderr_once_and_can_be_silenced() {
    let tv = TestVault::new();
    assert!(
        at(&tv, DAY1, &["set", "SOON", "--expires-in", "3d"], "x")
            .status
            .success()
    );
    assert!(at(&tv, DAY1, &["set", "LATER"], "y").status.success());
    let out = at(&tv, DAY1, &["get", "LATER"], "");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "y\n",
        "never on stdout"
    );
    let err = stderr(&out);
    assert_eq!(err.matches("tresor due -e dev").count(), 1, "{err}");
    assert!(err.contains("1 secret"), "{err}");
    assert!(!stderr(&at(&tv, DAY1, &["get", "-q", "LATER"], "")).contains("tresor due"));
    let cfg = tv.dir.path().join("c.toml");
    std::fs::write(&cfg, "reminders = false\n").unwrap();
    assert!(
        !stderr(&at(
            &tv,
            DAY1,
            &["get", "LATER", "--config", cfg.to_str().unwrap()],
            ""
        ))
        .contains("tresor due")
    );
    // Nothing due in prod: no reminder there.
    assert!(
        at(&tv, DAY1, &["set", "-e", "prod", "P"], "p")
            .status
            .success()
    );
    assert!(!stderr(&at(&tv, DAY1, &["get", "-e", "prod", "P"], "")).contains("tresor due"));
}

/// `run` counts what is due from the snapshot it has just read, `get` with a query of the
/// secrets' clear `due_at` column: both say the same, for expiry, rotation, the earlier of
/// the two, an overdue secret, a revoked one (never due) and one with neither date.
#[test]
fn run_and_get_remind_of_the_same_secrets() {
    let tv = TestVault::new();
    for (name, extra) in [
        ("EXPIRES_SOON", &["--expires-in", "3d"][..]),
        ("ROTATES_SOON", &["--rotate-every", "5d"][..]),
        (
            "BOTH_LATER_FIRST",
            &["--expires-in", "60d", "--rotate-every", "4d"][..],
        ),
        ("EXPIRES_TOMORROW", &["--expires-in", "1d"][..]),
        ("FAR", &["--expires-in", "400d"][..]),
        ("NEVER", &[][..]),
        ("REVOKED", &["--expires-in", "2d"][..]),
    ] {
        let mut args = vec!["set", name];
        args.extend_from_slice(extra);
        let out = at(&tv, DAY1, &args, "v");
        assert!(out.status.success(), "{name}: {}", stderr(&out));
    }
    assert!(
        at(&tv, DAY1, &["revoke", "REVOKED", "--reason", "r"], "")
            .status
            .success()
    );
    let line = |out: &std::process::Output| {
        stderr(out)
            .lines()
            .find(|l| l.contains("tresor due -e dev"))
            .map(str::to_string)
    };
    // Two days on: EXPIRES_TOMORROW has expired; EXPIRES_SOON (day 3), BOTH_LATER_FIRST
    // (day 4) and ROTATES_SOON (day 5) fall due within the 14-day window.
    let later = "2026-03-03T09:00:00Z";
    let by_get = line(&at(&tv, later, &["get", "FAR"], "")).expect("get reminds");
    assert!(
        by_get.contains("4 secrets") && by_get.contains("1 expired or overdue"),
        "{by_get}"
    );
    let by_run = line(&at(
        &tv,
        later,
        &["run", "--allow-expired", "--", "true"],
        "",
    ))
    .expect("run reminds");
    assert_eq!(by_run, by_get);
}
