//! `tresor cp` and `tresor mv`: the value and everything that describes it travel together.

use crate::support::*;

fn listed(tv: &TestVault, env: &str) -> Vec<serde_json::Value> {
    let out = tv.ok(&["list", "--json", "--revoked", "-e", env], "");
    serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn one(tv: &TestVault, env: &str, name: &str) -> Option<serde_json::Value> {
    listed(tv, env).into_iter().find(|s| s["name"] == name)
}

const KEPT: [&str; 3] = ["expires_at", "next_rotation", "note"];

#[test]
fn cp_to_another_env_keeps_expiry_schedule_recipe_and_note() {
    let tv = TestVault::new();
    tv.ok(
        &[
            "generate",
            "STRIPE_KEY",
            "--prefix",
            "tok_",
            "--length",
            "40",
            "--rotate-every",
            "30d",
            "--expires-in",
            "1y",
            "--note",
            "from the portal",
            "-e",
            "dev",
        ],
        "",
    );
    let value = tv.ok(&["get", "-n", "STRIPE_KEY", "-e", "dev"], "");
    let out = tv.run(&["cp", "STRIPE_KEY", "-e", "dev", "--to", "prod"], "");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(!contains(&out.stderr, value.as_bytes()) && out.stdout.is_empty());
    let (a, b) = (
        one(&tv, "dev", "STRIPE_KEY").unwrap(),
        one(&tv, "prod", "STRIPE_KEY").unwrap(),
    );
    for k in KEPT {
        assert_eq!(a[k], b[k], "{k}");
        assert!(!b[k].is_null(), "{k}");
    }
    assert_eq!(tv.ok(&["get", "-n", "STRIPE_KEY", "-e", "prod"], ""), value);
    // The recipe came along: rotate at the destination regenerates the same way.
    tv.ok(&["rotate", "STRIPE_KEY", "-e", "prod"], "");
    let rotated = tv.ok(&["get", "-n", "STRIPE_KEY", "-e", "prod"], "");
    assert!(rotated.starts_with("tok_") && rotated.len() == 44 && rotated != value);
    let history = tv.ok(&["history", "STRIPE_KEY", "-e", "prod", "--json"], "");
    assert!(history.contains("\"generate\""), "{history}");
    // The source is untouched.
    assert_eq!(tv.ok(&["get", "-n", "STRIPE_KEY", "-e", "dev"], ""), value);
}

#[test]
fn mv_renames_within_an_env_and_moves_across() {
    let tv = TestVault::new();
    let v = canary();
    tv.ok(
        &[
            "set",
            "OLD",
            "--note",
            "n",
            "--expires",
            "2099-01-01",
            "--rotate-every",
            "90d",
        ],
        &v,
    );
    tv.ok(&["set", "OLD"], &v); // two versions
    let before = one(&tv, "dev", "OLD").unwrap();
    tv.ok(&["mv", "OLD", "NEW"], "");
    assert!(one(&tv, "dev", "OLD").is_none());
    let after = one(&tv, "dev", "NEW").unwrap();
    for k in KEPT {
        assert_eq!(before[k], after[k], "{k}");
    }
    assert_eq!(tv.get("NEW"), v);
    let out = tv.run(&["get", "OLD"], "");
    assert_eq!(code(&out), 1);

    tv.ok(&["mv", "NEW", "--to", "test"], "");
    assert!(one(&tv, "dev", "NEW").is_none());
    assert_eq!(tv.ok(&["get", "-n", "NEW", "-e", "test"], ""), v);
    assert_eq!(
        one(&tv, "test", "NEW").unwrap()["next_rotation"],
        before["next_rotation"]
    );
    tv.ok(&["audit", "verify"], "");
}

#[test]
fn cp_refuses_an_existing_destination_unless_overwrite() {
    let tv = TestVault::new();
    let (a, b) = (canary(), canary());
    tv.ok(&["set", "K", "-e", "dev"], &a);
    tv.ok(&["set", "K", "-e", "prod"], &b);
    let out = tv.run(&["cp", "K", "-e", "dev", "--to", "prod"], "");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("already exists"));
    assert_eq!(tv.ok(&["get", "-n", "K", "-e", "prod"], ""), b);
    tv.ok(&["cp", "K", "-e", "dev", "--to", "prod", "--overwrite"], "");
    assert_eq!(tv.ok(&["get", "-n", "K", "-e", "prod"], ""), a);
    assert_eq!(one(&tv, "prod", "K").unwrap()["version"], 2);
}

#[test]
fn cp_and_mv_refuse_what_they_should() {
    let tv = TestVault::new();
    tv.set("K", &canary());
    tv.ok(&["revoke", "K", "--reason", "test"], "");
    let out = tv.run(&["cp", "K", "--to", "prod"], "");
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    let out = tv.run(&["mv", "K", "K"], "");
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let out = tv.run(&["mv", "MISSING", "OTHER"], "");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let out = tv.run(&["cp", "K", "--to", "nowhere"], "");
    assert_ne!(code(&out), 0);
    // A value where NEW or a further argument goes is refused, never echoed.
    let c = canary();
    for args in [
        vec!["cp", "K", "K2", &c],
        vec!["mv", "K", "X=y"],
        vec!["cp", "K", "sk_live_0123456789abcdefABCDEF"],
    ] {
        let out = tv.run(&args, "");
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains(&c));
    }
}
