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
