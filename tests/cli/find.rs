//! `tresor list PATTERN` and the status filters `--due`, `--expired` and `--unused DUR`.

use crate::support::*;

fn names(tv: &TestVault, args: &[&str]) -> Vec<String> {
    let mut a = vec!["list", "--json"];
    a.extend_from_slice(args);
    let out = tv.ok(&a, "");
    let mut v: Vec<String> = serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn list_pattern_is_a_glob_or_a_substring() {
    let tv = TestVault::new();
    for n in [
        "STRIPE_KEY",
        "STRIPE_WEBHOOK",
        "DB_URL",
        "DB_PASSWORD",
        "GITHUB_TOKEN",
    ] {
        tv.set(n, &canary());
    }
    assert_eq!(names(&tv, &["STRIPE_*"]), ["STRIPE_KEY", "STRIPE_WEBHOOK"]);
    assert_eq!(names(&tv, &["*_KEY"]), ["STRIPE_KEY"]);
    assert_eq!(names(&tv, &["DB_???"]), ["DB_URL"]);
    assert_eq!(
        names(&tv, &["[DG]*"]),
        ["DB_PASSWORD", "DB_URL", "GITHUB_TOKEN"]
    );
    assert_eq!(
        names(&tv, &["TOK"]),
        ["GITHUB_TOKEN"],
        "no glob character: a substring"
    );
    assert!(names(&tv, &["stripe_*"]).is_empty(), "case-sensitive");
    let table = tv.ok(&["list", "DB_*"], "");
    assert!(
        table.contains("DB_URL") && !table.contains("STRIPE"),
        "{table}"
    );
    let out = tv.run(&["list", "[A-"], "");
    assert_eq!(code(&out), 2, "{}", stderr(&out));
}

#[test]
fn list_filters_on_status_and_use() {
    let mut tv = TestVault::new();
    tv.set_env("TRESOR_NOW", "2026-01-01T00:00:00Z");
    tv.ok(&["set", "EXPIRED", "--expires", "2026-01-10"], &canary());
    tv.ok(&["set", "SOON", "--expires", "2026-03-05"], &canary());
    tv.ok(&["set", "ROTATE", "--rotate-every", "30d"], &canary());
    tv.set("FRESH", &canary());
    tv.set("READ", &canary());
    // Two months later; READ is read then.
    let mut later = tv;
    later.set_env("TRESOR_NOW", "2026-03-01T00:00:00Z");
    later.get("READ");
    assert_eq!(names(&later, &["--expired"]), ["EXPIRED"]);
    assert_eq!(names(&later, &["--due"]), ["EXPIRED", "ROTATE", "SOON"]);
    assert_eq!(names(&later, &["--due", "S*"]), ["SOON"]);
    assert_eq!(
        names(&later, &["--unused", "30d"]),
        ["EXPIRED", "FRESH", "ROTATE", "SOON"]
    );
    assert!(names(&later, &["--unused", "90d"]).is_empty());
    let out = later.run(&["list", "--unused", "soon"], "");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
}
