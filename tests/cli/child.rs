//! What the command of `run` inherits besides its environment: not the descriptor of
//! `--passphrase-fd` (plain `run`, which execs, and `run --mask`, which spawns), and the umask
//! and core size limits the user had, not the ones tresor hardens itself with.

use std::process::Command;

use crate::support::*;

/// `sh -c SCRIPT` with the test's cleared environment and the vault's location; the script
/// runs tresor as `"$TRESOR"`.
fn shell(tv: &TestVault, script: &str) -> std::process::Output {
    let mut c = Command::new("sh");
    c.arg("-c").arg(script);
    c.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", &tv.home)
        .env("XDG_DATA_HOME", tv.home.join(".local/share"))
        .env("XDG_CONFIG_HOME", tv.home.join(".config"))
        .env("XDG_STATE_HOME", tv.home.join(".local/state"))
        .env("XDG_RUNTIME_DIR", tv.dir.path().join("run"))
        .env("TRESOR", BIN)
        .current_dir(tv.dir.path());
    c.output().unwrap()
}

#[test]
fn the_passphrase_descriptor_is_not_inherited() {
    let pass = canary();
    let tv = TestVault::with_passphrase(&pass);
    tv.set("K", "some-value");
    let pf = tv.passphrase_file.clone().unwrap();
    for mask in [&[][..], &["--mask"][..]] {
        let mask = mask.join(" ");
        // Reads fd 3 however the descriptor was left: from where it is, and from the start.
        let script = format!(
            "exec 3<'{}'; exec \"$TRESOR\" --passphrase-fd 3 run {mask} -- \
             sh -c 'cat <&3; cat /proc/self/fd/3; echo done'",
            pf.display()
        );
        let out = shell(&tv, &script);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains("done"),
            "run {mask}: the command did not run: {}",
            stderr(&out)
        );
        assert!(
            !stdout.contains(&pass) && !stderr(&out).contains(&pass),
            "run {mask}: the command read the passphrase through fd 3: {stdout}"
        );
    }
}

#[test]
fn other_inherited_descriptors_still_reach_the_command() {
    let pass = canary();
    let tv = TestVault::with_passphrase(&pass);
    tv.set("K", "some-value");
    let pf = tv.passphrase_file.clone().unwrap();
    let other = tv.dir.path().join("other.txt");
    std::fs::write(&other, "for the command\n").unwrap();
    let script = format!(
        "exec 3<'{}' 4<'{}'; exec \"$TRESOR\" --passphrase-fd 3 run -- sh -c 'cat <&4'",
        pf.display(),
        other.display()
    );
    let out = shell(&tv, &script);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "for the command\n",
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_passphrase_on_stdin_is_not_the_commands_stdin() {
    let pass = canary();
    let tv = TestVault::with_passphrase(&pass);
    tv.set("K", "some-value");
    let pf = tv.passphrase_file.clone().unwrap();
    for mask in ["", "--mask"] {
        let script = format!(
            "exec \"$TRESOR\" --passphrase-fd 0 run {mask} -- sh -c 'cat; echo done' < '{}'",
            pf.display()
        );
        let out = shell(&tv, &script);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(stdout, "done\n", "run {mask}: {}", stderr(&out));
    }
}

#[test]
fn the_command_gets_the_users_umask() {
    let tv = TestVault::new();
    tv.set("K", "some-value");
    let id = tv.identity_file.display().to_string();
    for (umask, mask) in [("022", ""), ("027", "--mask"), ("002", "")] {
        let script =
            format!("umask {umask}; exec \"$TRESOR\" --identity '{id}' run {mask} -- sh -c umask");
        let out = shell(&tv, &script);
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            format!("0{umask}"),
            "run {mask}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn the_command_gets_the_users_core_limits() {
    let tv = TestVault::new();
    tv.set("K", "some-value");
    let id = tv.identity_file.display().to_string();
    // A hard limit can only be lowered: pick one under whatever the test runs with.
    for mask in ["", "--mask"] {
        let script = format!(
            "ulimit -H -c 2048 && ulimit -S -c 1024 && \
             exec \"$TRESOR\" --identity '{id}' run {mask} -- sh -c 'ulimit -S -c; ulimit -H -c'"
        );
        let out = shell(&tv, &script);
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "1024\n2048\n",
            "run {mask}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn the_session_agent_does_not_keep_the_passphrase_descriptor() {
    let pass = canary();
    let tv = TestVault::with_passphrase(&pass);
    let pf = tv.passphrase_file.clone().unwrap();
    let script = format!(
        "exec 3<'{}'; exec \"$TRESOR\" --passphrase-fd 3 unlock --timeout 2m",
        pf.display()
    );
    let out = shell(&tv, &script);
    assert!(out.status.success(), "{}", stderr(&out));
    let status: serde_json::Value =
        serde_json::from_slice(&tv.raw().args(["status", "--json"]).output().unwrap().stdout)
            .unwrap();
    let fds: Vec<std::path::PathBuf> = status["agent"]["pid"]
        .as_i64()
        .and_then(|pid| std::fs::read_dir(format!("/proc/{pid}/fd")).ok())
        .map(|d| {
            d.filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    let _ = tv.raw().arg("lock").output();
    assert!(
        !fds.is_empty(),
        "could not read the agent's descriptors: {status}"
    );
    assert!(
        !fds.contains(&pf),
        "the agent holds the passphrase file open: {fds:?}"
    );
}
