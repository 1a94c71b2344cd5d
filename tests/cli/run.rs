//! `run`: exec semantics (PID, exit status, 126/127), the child's environment, --env-file
//! references, and --mask supervision (signals, redaction across writes).

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::support::*;

fn child_env(tv: &TestVault, args: &[&str]) -> std::collections::BTreeMap<String, String> {
    let mut full = vec!["run"];
    full.extend_from_slice(args);
    full.extend_from_slice(&["--", "env", "-0"]);
    let out = tv.run(&full, "");
    assert!(out.status.success(), "{}", stderr(&out));
    out.stdout
        .split(|b| *b == 0)
        .filter(|e| !e.is_empty())
        .map(|e| {
            let s = String::from_utf8_lossy(e);
            let (k, v) = s.split_once('=').unwrap();
            (k.to_string(), v.to_string())
        })
        .collect()
}

#[test]
fn exit_statuses_pass_through_unchanged() {
    let tv = TestVault::new();
    tv.set("K", "v");
    for code in 0..=255 {
        let out = tv.run(&["run", "--", "sh", "-c", &format!("exit {code}")], "");
        assert_eq!(out.status.code(), Some(code), "{}", stderr(&out));
    }
}

#[test]
fn run_keeps_the_pid() {
    let tv = TestVault::new();
    tv.set("K", "v");
    let script = format!("echo $$; exec '{BIN}' run -- sh -c 'echo $$'");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .env("TRESOR_VAULT", &tv.vault)
        .env("TRESOR_IDENTITY_FILE", &tv.identity_file)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let pids: Vec<&str> = text.lines().collect();
    assert_eq!(pids.len(), 2, "{text} {}", stderr(&out));
    assert_eq!(pids[0], pids[1], "tresor must exec, not fork");
}

#[test]
fn the_child_gets_secrets_and_no_unlock_variables() {
    let mut tv = TestVault::new();
    tv.set("API_KEY", "k-1");
    tv.set("DB_URL", "postgres://u:p@h/db?x=1&y=$z");
    tv.set("MULTI", "line one\nline two");
    let pf = tv.dir.path().join("pw");
    std::fs::write(&pf, "unused").unwrap();
    tv.set_env("TRESOR_PASSPHRASE", "unused");
    tv.set_env("TRESOR_PASSPHRASE_FILE", pf.to_str().unwrap());
    tv.set_env("KEEP_ME", "yes");
    let env = child_env(&tv, &[]);
    assert_eq!(env["API_KEY"], "k-1");
    assert_eq!(env["DB_URL"], "postgres://u:p@h/db?x=1&y=$z");
    assert_eq!(env["MULTI"], "line one\nline two");
    assert_eq!(env["KEEP_ME"], "yes");
    for var in [
        "TRESOR_PASSPHRASE",
        "TRESOR_PASSPHRASE_FILE",
        "TRESOR_IDENTITY",
        "TRESOR_IDENTITY_FILE",
    ] {
        assert!(!env.contains_key(var), "{var} reached the child");
    }
    // The identity given as text is removed too.
    let text = std::fs::read_to_string(&tv.identity_file).unwrap();
    let out = tv
        .raw()
        .env("TRESOR_IDENTITY", text.trim())
        .args(["run", "--", "sh", "-c", "echo ${TRESOR_IDENTITY:-gone}"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "gone\n");
}

#[test]
fn only_prefix_and_no_inherit() {
    let mut tv = TestVault::new();
    tv.set("A", "a");
    tv.set("B", "b");
    tv.set_env("KEEP_ME", "yes");
    tv.set_env("LANG", "C.UTF-8");
    let env = child_env(&tv, &["--only", "B"]);
    assert_eq!(env.get("B").map(String::as_str), Some("b"));
    assert!(!env.contains_key("A"));
    let env = child_env(&tv, &["--prefix", "APP_"]);
    assert_eq!(env["APP_A"], "a");
    assert!(!env.contains_key("A"));
    let env = child_env(&tv, &["--no-inherit"]);
    assert!(!env.contains_key("KEEP_ME"));
    assert!(env.contains_key("PATH") && env.contains_key("HOME") && env.contains_key("LANG"));
    assert_eq!(env["A"], "a");
    let out = tv.run(&["run", "--only", "NOPE", "--", "true"], "");
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("NOPE"));
    assert_eq!(
        code(&tv.run(&["run", "--prefix", "1X", "--", "true"], "")),
        1
    );
}

#[test]
fn commands_that_cannot_start_exit_126_or_127() {
    let tv = TestVault::new();
    tv.set("K", "v");
    let out = tv.run(&["run", "--", "definitely-not-a-command-xyz"], "");
    assert_eq!(code(&out), 127);
    assert!(stderr(&out).contains("not found"));
    let f = tv.dir.path().join("not-executable");
    std::fs::write(&f, "#!/bin/sh\n").unwrap();
    assert_eq!(code(&tv.run(&["run", "--", f.to_str().unwrap()], "")), 126);
    assert_eq!(
        code(&tv.run(&["run", "--", tv.dir.path().to_str().unwrap()], "")),
        126
    );
    assert_eq!(
        code(&tv.run(&["run", "--mask", "--", "definitely-not-a-command-xyz"], "")),
        127
    );
    assert_eq!(code(&tv.run(&["run"], "")), 2, "CMD is required");
}

/// The command is looked up and started as `execvp` would with the child's environment: its
/// `PATH` (not tresor's), a later folder when an earlier one holds a file that is not
/// executable, `/bin/sh` for a script without `#!`. A variable set by tresor replaces an
/// inherited one of that name (it is there once), SIGPIPE is back to its default action and no
/// signal is blocked.
#[test]
fn the_command_is_started_as_execvp_would_with_the_childs_environment() {
    use std::os::unix::fs::PermissionsExt;
    let mut tv = TestVault::new();
    tv.set("K", "v");
    tv.set_env("KEEP_ME", "inherited");
    let (first, second) = (tv.dir.path().join("bin1"), tv.dir.path().join("bin2"));
    std::fs::create_dir_all(&first).unwrap();
    std::fs::create_dir_all(&second).unwrap();
    std::fs::write(first.join("tool"), "#!/bin/sh\necho first\n").unwrap();
    std::fs::write(second.join("tool"), "#!/bin/sh\necho second \"$@\"\n").unwrap();
    std::fs::write(second.join("bare"), "echo bare \"$@\" $K\n").unwrap();
    for f in [second.join("tool"), second.join("bare")] {
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let env_file = tv.dir.path().join(".env");
    std::fs::write(
        &env_file,
        format!(
            "PATH={}:{}:/usr/bin:/bin\nKEEP_ME=from-file\n",
            first.display(),
            second.display()
        ),
    )
    .unwrap();
    let stdout = |out: &std::process::Output| String::from_utf8_lossy(&out.stdout).into_owned();
    let run = |cmd: &[&str]| {
        let mut args = vec!["run", "--env-file", env_file.to_str().unwrap(), "--"];
        args.extend_from_slice(cmd);
        tv.run(&args, "")
    };
    let out = run(&["tool", "x"]);
    assert_eq!(stdout(&out), "second x\n", "{}", stderr(&out));
    let out = run(&["bare", "y"]);
    assert_eq!(stdout(&out), "bare y\n", "{}", stderr(&out));
    let out = run(&["env", "-0"]);
    let vars: Vec<String> = out
        .stdout
        .split(|b| *b == 0)
        .map(|v| String::from_utf8_lossy(v).into_owned())
        .collect();
    let named = |name: &str| {
        vars.iter()
            .filter(|v| v.split_once('=').is_some_and(|(k, _)| k == name))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(named("KEEP_ME"), ["KEEP_ME=from-file"]);
    // The vault's own values replace inherited ones too, and appear once.
    tv.set_env("K", "inherited");
    let out = tv.run(&["run", "--", "env", "-0"], "");
    let ks: Vec<&[u8]> = out
        .stdout
        .split(|b| *b == 0)
        .filter(|v| v.starts_with(b"K="))
        .collect();
    assert_eq!(ks, [&b"K=v"[..]], "{}", stderr(&out));
    let out = tv.run(&["run", "--", "cat", "/proc/self/status"], "");
    let status = stdout(&out);
    let mask = |field: &str| {
        let line = status.lines().find(|l| l.starts_with(field)).unwrap();
        u64::from_str_radix(line.split_whitespace().nth(1).unwrap(), 16).unwrap()
    };
    assert_eq!(mask("SigIgn:") & (1 << (13 - 1)), 0, "SIGPIPE is ignored");
    assert_eq!(mask("SigBlk:"), 0, "signals are blocked");
}

#[test]
fn revoked_are_skipped_expired_stop_the_run() {
    let tv = TestVault::new();
    tv.set("GOOD", "g");
    tv.set("BAD", "b");
    tv.ok(&["revoke", "BAD", "--reason", "test"], "");
    let out = tv.run(&["run", "--", "sh", "-c", "echo ${BAD:-absent}"], "");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "absent\n");
    assert!(stderr(&out).contains("warning:") && stderr(&out).contains("BAD"));
    assert_eq!(
        code(&tv.run(&["run", "--only", "BAD", "--", "true"], "")),
        5
    );

    tv.ok(&["set", "OLD", "--expires", "2020-01-01"], "o");
    let out = tv.run(&["run", "--", "true"], "");
    assert_eq!(code(&out), 5);
    assert!(stderr(&out).contains("OLD"), "{}", stderr(&out));
    let out = tv.run(
        &["run", "--allow-expired", "--", "sh", "-c", "echo $OLD"],
        "",
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "o\n");
}

#[test]
fn previous_value_is_injected_during_a_grace_period() {
    let tv = TestVault::new();
    let run_at = |t: &str, args: &[&str], stdin: &str| {
        tv.cmd()
            .env("TRESOR_NOW", t)
            .args(args)
            .write_stdin(stdin.as_bytes().to_vec())
            .output()
            .unwrap()
    };
    assert!(
        run_at("2026-01-01T00:00:00Z", &["set", "TOKEN"], "old")
            .status
            .success()
    );
    assert!(
        run_at(
            "2026-01-02T00:00:00Z",
            &["rotate", "TOKEN", "--grace", "1d"],
            "new"
        )
        .status
        .success()
    );
    let out = run_at(
        "2026-01-02T12:00:00Z",
        &[
            "run",
            "--",
            "sh",
            "-c",
            "echo $TOKEN ${TOKEN_PREVIOUS:-none}",
        ],
        "",
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "new old\n");
    let out = run_at(
        "2026-01-03T12:00:00Z",
        &[
            "run",
            "--",
            "sh",
            "-c",
            "echo $TOKEN ${TOKEN_PREVIOUS:-none}",
        ],
        "",
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "new none\n");
    let out = run_at(
        "2026-01-02T12:00:00Z",
        &[
            "run",
            "--prefix",
            "X_",
            "--",
            "sh",
            "-c",
            "echo $X_TOKEN_PREVIOUS",
        ],
        "",
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "old\n");
}

#[test]
fn env_file_references_are_resolved() {
    let tv = TestVault::new();
    tv.set("API_KEY", "dev-key");
    tv.ok(&["set", "-e", "prod", "DB_PASSWORD"], "prod-pw");
    tv.set("NOT_IN_FILE", "x");
    let f = tv.dir.path().join(".env.tresor");
    std::fs::write(
        &f,
        "# safe to commit\nexport KEY=tresor://API_KEY\nDB='tresor://prod/DB_PASSWORD'\nPLAIN=\"just text\"\n",
    )
    .unwrap();
    let env = child_env(&tv, &["--env-file", f.to_str().unwrap()]);
    assert_eq!(env["KEY"], "dev-key");
    assert_eq!(env["DB"], "prod-pw");
    assert_eq!(env["PLAIN"], "just text");
    assert!(
        !env.contains_key("NOT_IN_FILE"),
        "only the file's variables"
    );
    assert!(!env.contains_key("API_KEY"));
    std::fs::write(&f, "A=tresor://API_KEY\nB=tresor://test/MISSING_ONE\n").unwrap();
    let out = tv.run(
        &["run", "--env-file", f.to_str().unwrap(), "--", "true"],
        "",
    );
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("tresor://test/MISSING_ONE") && stderr(&out).contains("line 2"),
        "{}",
        stderr(&out)
    );
    std::fs::write(&f, "A=\"unterminated\n").unwrap();
    assert_eq!(
        code(&tv.run(
            &["run", "--env-file", f.to_str().unwrap(), "--", "true"],
            ""
        )),
        1
    );
}

#[test]
fn the_vault_file_is_not_inherited() {
    let tv = TestVault::new();
    tv.set("K", "v");
    for mask in [false, true] {
        let mut args = vec!["run"];
        if mask {
            args.push("--mask");
        }
        args.extend_from_slice(&["--", "sh", "-c", "ls -l /proc/$$/fd/"]);
        let out = tv.run(&args, "");
        let listing = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success());
        assert!(!listing.contains("vault.db"), "mask={mask}: {listing}");
    }
}

#[test]
fn mask_redacts_values_even_split_across_writes() {
    let tv = TestVault::new();
    let secret = canary();
    tv.set("SECRET", &secret);
    let (a, b) = secret.split_at(10);
    let script = format!(
        "printf 'plain %s\\n' \"$SECRET\"; printf '\\033[31m%s\\033[0m\\n' \"$SECRET\"; \
         printf '{a}'; sleep 0.2; printf '{b} tail\\n'; printf 'err %s\\n' \"$SECRET\" >&2; exit 3"
    );
    let out = tv.run(&["run", "--mask", "--", "sh", "-c", &script], "");
    assert_eq!(code(&out), 3);
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    assert_eq!(
        stdout,
        "plain ********\n\x1b[31m********\x1b[0m\n******** tail\n"
    );
    assert!(stderr(&out).contains("err ********"));
    assert!(!stderr(&out).contains(&secret));
}

#[test]
fn mask_forwards_term_and_returns_the_childs_trap_code() {
    let tv = TestVault::new();
    tv.set("K", "value-of-k");
    let mut child = tv
        .std_cmd()
        .args([
            "run",
            "--mask",
            "--",
            "sh",
            "-c",
            "trap 'echo trapped; exit 7' TERM; echo ready; while :; do sleep 0.05; done",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    assert_eq!(lines.next().unwrap().unwrap(), "ready");
    let pid = rustix::process::Pid::from_raw(child.id() as i32).unwrap();
    rustix::process::kill_process(pid, rustix::process::Signal::TERM).unwrap();
    assert_eq!(lines.next().unwrap().unwrap(), "trapped");
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(7));
    // Killed by a signal: 128 + N.
    let out = tv.run(&["run", "--mask", "--", "sh", "-c", "kill -KILL $$"], "");
    assert_eq!(code(&out), 137);
    let out = tv.run(&["run", "--mask", "--", "sh", "-c", "exit 0"], "");
    assert_eq!(code(&out), 0);
}

#[test]
fn mask_hides_the_union_of_overlapping_values() {
    let tv = TestVault::new();
    // Two values where the end of one is the start of the other (built from a canary, so
    // nothing here looks like a real token).
    let c = canary();
    let (head, mid, tail) = (&c[..12], &c[12..24], &c[24..36]);
    let first = format!("{head}{mid}");
    let second = format!("{mid}{tail}");
    tv.set("FIRST", &first);
    tv.set("SECOND", &second);
    // Whole, and split inside the overlap across two writes.
    let script = format!(
        "printf 'a %s%s b\\n' \"$FIRST\" '{tail}'; printf '{head}{}'; sleep 0.2; \
         printf '{}{tail} c\\n'",
        &mid[..6],
        &mid[6..]
    );
    let out = tv.run(&["run", "--mask", "--", "sh", "-c", &script], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout, "a ******** b\n******** c\n");
    for part in [head, mid, tail] {
        assert!(!stdout.contains(part), "{part} shown: {stdout}");
    }
}
