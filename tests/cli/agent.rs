//! The session agent: unlock once, later commands need no key source; lock and the idle
//! timeout end it; another user's connection gets nothing.

use crate::support::*;

/// Ends the agent however the test ends.
struct Locked<'a>(&'a TestVault);

impl Drop for Locked<'_> {
    fn drop(&mut self) {
        let _ = self.0.raw().arg("lock").output();
    }
}

#[test]
fn unlock_then_no_key_source_then_lock() {
    let tv = TestVault::new();
    tv.set("K", "agent-value");
    let _guard = Locked(&tv);
    let out = tv.run(&["unlock", "--timeout", "5m"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    // No identity, no passphrase: the agent answers.
    let out = tv.raw().args(["get", "-n", "K"]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "agent-value",
        "{}",
        stderr(&out)
    );
    let out = tv
        .raw()
        .args(["set", "WRITTEN"])
        .write_stdin("w")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "writes work through the agent: {}",
        stderr(&out)
    );
    let status: serde_json::Value =
        serde_json::from_slice(&tv.raw().args(["status", "--json"]).output().unwrap().stdout)
            .unwrap();
    assert_eq!(status["agent"]["running"], true);
    assert!(status["agent"]["until"].is_string());
    let ev: serde_json::Value =
        serde_json::from_slice(&tv.raw().args(["audit", "--json"]).output().unwrap().stdout)
            .unwrap();
    let last_get = ev
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|e| e["action"] == "get")
        .unwrap()
        .clone();
    assert!(
        last_get["via"].as_str().unwrap().starts_with("agent"),
        "{last_get}"
    );
    // The socket is private.
    let dir = tv.dir.path().join("run/tresor");
    assert_eq!(mode(&dir), 0o700);
    let out = tv.raw().arg("lock").output().unwrap();
    assert!(out.status.success());
    assert_eq!(code(&tv.raw().args(["get", "K"]).output().unwrap()), 3);
    let status: serde_json::Value =
        serde_json::from_slice(&tv.cmd().args(["status", "--json"]).output().unwrap().stdout)
            .unwrap();
    assert_eq!(status["agent"]["running"], false);
}

#[test]
fn the_agent_forgets_the_key_after_its_idle_timeout() {
    let tv = TestVault::new();
    tv.set("K", "v");
    let _guard = Locked(&tv);
    tv.ok(&["unlock", "--timeout", "1s"], "");
    assert!(
        tv.raw()
            .args(["get", "K"])
            .output()
            .unwrap()
            .status
            .success()
    );
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert_eq!(code(&tv.raw().args(["get", "K"]).output().unwrap()), 3);
    assert!(
        !tv.dir
            .path()
            .join("run/tresor")
            .read_dir()
            .unwrap()
            .any(|e| e.unwrap().path().extension().is_some_and(|x| x == "sock"))
    );
}

#[test]
fn another_user_gets_nothing_from_the_agent() {
    if rustix::process::getuid().as_raw() != 0 {
        eprintln!("skipped: needs root to connect as another user (CI runs as root)");
        return;
    }
    let tv = TestVault::new();
    tv.set("K", "v");
    let _guard = Locked(&tv);
    tv.ok(&["unlock", "--timeout", "5m"], "");
    let dir = tv.dir.path().join("run/tresor");
    let socket = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "sock"))
        .unwrap();
    // Open the way in on purpose: only the peer-credential check stands in between.
    use std::os::unix::fs::PermissionsExt;
    for p in [
        tv.dir.path().to_path_buf(),
        tv.dir.path().join("run"),
        dir.clone(),
    ] {
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::set_permissions(&socket, std::fs::Permissions::from_mode(0o777)).unwrap();
    // perl is in every Debian base system and its socket module is core.
    let probe = format!(
        "use IO::Socket::UNIX; $SIG{{PIPE}} = q(IGNORE); my $s = IO::Socket::UNIX->new(Peer => '{}') or die \"connect: $!\"; \
         print $s qq({{\"op\":\"key\"}}\\n); my $r = ''; $s->recv($r, 4096); print \"[$r]\";",
        socket.to_str().unwrap()
    );
    let out = std::process::Command::new("setpriv")
        .args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "/usr/bin/perl",
            "-e",
            &probe,
        ])
        .output()
        .expect("setpriv (util-linux) runs the probe as nobody");
    let answer = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        answer.trim(),
        "[]",
        "another user must get nothing: {answer}"
    );
    // While the folder is open to others, tresor does not trust the socket at all.
    assert_eq!(code(&tv.raw().args(["get", "K"]).output().unwrap()), 3);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    // Private again: the owner gets the key.
    assert!(
        tv.raw()
            .args(["get", "K"])
            .output()
            .unwrap()
            .status
            .success()
    );
}

#[test]
fn names_complete_from_the_agent_only() {
    let tv = TestVault::new();
    tv.set("API_TOKEN", "t");
    tv.ok(&["set", "-e", "prod", "PROD_ONLY"], "p");
    let complete = |index: &str, words: &[&str]| {
        let out = tv
            .raw()
            .env("COMPLETE", "bash")
            .env("_CLAP_COMPLETE_INDEX", index)
            .arg("--")
            .args(words)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    // No agent: commands and flags only, no names, no prompt.
    assert!(complete("1", &["tresor", "ge"]).contains("get"));
    assert!(!complete("2", &["tresor", "get", ""]).contains("API_TOKEN"));
    let _guard = Locked(&tv);
    tv.ok(&["unlock"], "");
    let names = complete("2", &["tresor", "get", ""]);
    assert!(
        names.contains("API_TOKEN") && names.contains("PROD_ONLY"),
        "{names}"
    );
    assert_eq!(
        complete("2", &["tresor", "rotate", "PR"]).trim(),
        "PROD_ONLY"
    );
    assert!(complete("3", &["tresor", "list", "-e", "pr"]).contains("prod"));
    // The registration script for each shell.
    for shell in ["bash", "zsh", "fish"] {
        let out = tv.raw().env("COMPLETE", shell).output().unwrap();
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("tresor"),
            "{shell}"
        );
    }
}
