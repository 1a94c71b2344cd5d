//! Values typed on the command line (SPEC §3): in any form (`NAME=value`, an argument after the
//! NAME, a key in place of a NAME or of a `--recipient`) they are exit 2, and no error message
//! echoes an argument that looks like a key, whatever the command and whoever reports it (clap
//! included). The keys are made at run time.

use crate::support::*;

/// Stdout and stderr hold no part of `value` (16 characters or more of it).
fn assert_not_echoed(out: &std::process::Output, value: &str, what: &str) {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    for start in 0..=value.len().saturating_sub(16) {
        let part = &value[start..start + 16];
        assert!(!text.contains(part), "{what}: echoed {part:?}: {text}");
    }
}

fn token() -> String {
    // A Stripe-shaped live key, random and built here.
    format!("sk_live_{}", &canary()["canary_".len()..])
}

#[test]
fn a_value_in_place_of_a_name_is_exit_2_and_not_echoed() {
    let tv = TestVault::new();
    tv.set("API_KEY", "stored-value");
    let v = token();
    let named = format!("API_KEY={v}");
    let cases: Vec<(Vec<&str>, i32)> = vec![
        (vec!["set", &named], 2),
        (vec!["set", "API_KEY", &v], 2),
        (vec!["set", &v], 2),
        (vec!["set", "--expires-in", "1d", "OTHER", "--", &v], 2),
        (vec!["rotate", &named], 2),
        (vec!["get", &named], 2),
        (vec!["get", "API_KEY", &v], 2),
        (vec!["rm", &named], 2),
        (vec!["rm", "API_KEY", &v], 2),
        (vec!["generate", &named], 2),
        (vec!["generate", &v], 2),
        (vec!["generate", "NEW_KEY", &v], 2),
        (vec!["history", "API_KEY", &v], 2),
        (vec!["revoke", &named, "--reason", "leaked"], 2),
        // clap's own errors.
        (vec!["list", &v], 2),
        (vec!["status", "--bogus", &v], 2),
        // Not a value, but an unknown name: still not echoed.
        (vec!["get", &v], 1),
        (vec!["rm", &v], 1),
        (vec!["history", &v], 1),
        (vec!["set", "--expires", &v, "OTHER"], 1),
    ];
    for (args, want) in cases {
        let out = tv.run(&args, "from-stdin");
        assert_eq!(code(&out), want, "{args:?}: {}", stderr(&out));
        assert_not_echoed(&out, &v, &format!("{args:?}"));
        if want == 2 && args[0] != "list" && args[0] != "status" {
            assert!(
                stderr(&out).contains("values are never taken from the command line"),
                "{args:?}: {}",
                stderr(&out)
            );
        }
    }
    // Nothing was stored or changed.
    assert_eq!(tv.get("API_KEY"), "stored-value");
    let list = tv.ok(&["list", "--json"], "");
    assert_not_echoed(
        &std::process::Output {
            status: std::process::ExitStatus::default(),
            stdout: list.into_bytes(),
            stderr: vec![],
        },
        &v,
        "list",
    );
}

#[test]
fn a_secret_key_as_recipient_is_exit_2_and_not_echoed() {
    let tv = TestVault::new();
    let (secret_key, _) = age_identity();
    let high_entropy = {
        // Mixed case and digits, 32 characters: no known format, still a key by its look.
        let c = canary();
        let hex = &c["canary_".len()..];
        hex.chars()
            .enumerate()
            .map(|(i, ch)| {
                if i % 3 == 0 {
                    ch.to_ascii_uppercase()
                } else {
                    ch
                }
            })
            .collect::<String>()
            + "Zq"
    };
    for key in [&secret_key, &high_entropy] {
        for args in [
            vec![
                "access",
                "grant",
                "-e",
                "dev",
                "--recipient",
                key,
                "--name",
                "ci",
            ],
            vec!["access", "add", "--recipient", key],
            vec!["bundle", "export", "--recipient", key],
            vec!["env", "protect", "prod", "--recipient", key],
        ] {
            let out = tv.run(&args, "");
            assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
            assert_not_echoed(&out, key, &format!("{args:?}"));
        }
    }
    let fresh = TestVault::uninit();
    let out = fresh.run(&["init", "--no-passphrase", "--recipient", &secret_key], "");
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_not_echoed(&out, &secret_key, "init");
    assert!(!fresh.vault.exists(), "init must not have created a vault");
}

#[test]
fn names_and_recipients_that_are_not_keys_are_still_shown() {
    let tv = TestVault::new();
    let out = tv.run(&["get", "NO_SUCH_NAME"], "");
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("NO_SUCH_NAME"), "{}", stderr(&out));
    let out = tv.run(&["set", "bad-name"], "v");
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("bad-name"), "{}", stderr(&out));
    // Options after the NAME still work.
    tv.set("K", "v1");
    tv.set("K", "v2");
    assert_eq!(tv.ok(&["get", "K", "--version", "1", "-n"], ""), "v1");
    assert!(
        tv.ok(&["history", "K", "--json"], "")
            .contains("\"version\"")
    );
}
