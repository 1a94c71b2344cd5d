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
    // The names of the environment the command would use: dev by default, -e on the line.
    let names = complete("2", &["tresor", "get", ""]);
    assert!(
        names.contains("API_TOKEN") && !names.contains("PROD_ONLY"),
        "{names}"
    );
    assert_eq!(complete("2", &["tresor", "rotate", "PR"]).trim(), "");
    assert_eq!(
        complete("4", &["tresor", "rotate", "-e", "prod", "PR"]).trim(),
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

/// The agent's pid, from `status --json`.
fn agent_pid(tv: &TestVault) -> Option<u64> {
    let status: serde_json::Value =
        serde_json::from_slice(&tv.raw().args(["status", "--json"]).output().unwrap().stdout)
            .ok()?;
    status["agent"]["pid"].as_u64()
}

/// The agent's socket in the test's runtime folder.
fn agent_socket(tv: &TestVault) -> std::path::PathBuf {
    std::fs::read_dir(tv.dir.path().join("run/tresor"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "sock"))
        .expect("an agent socket")
}

#[test]
fn rekey_with_an_agent_running_gives_it_the_new_key() {
    let tv = TestVault::new();
    let value = canary();
    tv.set("K", &value);
    let _guard = Locked(&tv);
    tv.ok(&["unlock", "--timeout", "5m"], "");
    let before = agent_pid(&tv).unwrap();
    // Through the agent alone: no identity, no passphrase.
    let out = tv.raw().arg("rekey").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("replaced it with one"),
        "the user is told: {}",
        stderr(&out)
    );
    // Before the fix: exit 4, "restore it from a backup".
    let out = tv.raw().args(["get", "-n", "K"]).output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), value);
    let after = agent_pid(&tv).unwrap();
    assert_ne!(before, after, "a new agent holds the new key");
    let status: serde_json::Value =
        serde_json::from_slice(&tv.raw().args(["status", "--json"]).output().unwrap().stdout)
            .unwrap();
    assert_eq!(status["agent"]["idle_timeout"], 300, "same idle timeout");
}

#[test]
fn access_remove_with_an_agent_running_gives_it_the_new_key() {
    let tv = TestVault::new();
    let value = canary();
    tv.set("K", &value);
    let (_, other) = age_identity();
    tv.ok(&["access", "add", "--recipient", &other], "");
    let _guard = Locked(&tv);
    tv.ok(&["unlock"], "");
    let out = tv
        .raw()
        .args(["access", "remove", &other])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = tv.raw().args(["get", "-n", "K"]).output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), value);
    // And the vault still opens the ordinary way.
    assert_eq!(tv.get("K"), value);
}

#[test]
fn passwd_leaves_the_agent_working() {
    // passwd re-wraps the same root key: the agent's key stays valid (checked, not assumed).
    let tv = TestVault::with_passphrase("first passphrase");
    tv.set("K", "v");
    let _guard = Locked(&tv);
    tv.ok(&["unlock"], "");
    let new = tv.dir.path().join("new-passphrase.txt");
    std::fs::write(&new, "second passphrase\n").unwrap();
    let out = tv
        .raw()
        .arg("passwd")
        .arg("--new-passphrase-file")
        .arg(&new)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = tv.raw().args(["get", "-n", "K"]).output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn the_agent_says_whether_the_key_memory_is_locked() {
    let tv = TestVault::new();
    tv.set("K", "v");
    let _guard = Locked(&tv);
    tv.ok(&["unlock"], "");
    let status: serde_json::Value =
        serde_json::from_slice(&tv.raw().args(["status", "--json"]).output().unwrap().stdout)
            .unwrap();
    let pid = status["agent"]["pid"].as_u64().unwrap();
    let vmlck = |pid: u64| -> u64 {
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .unwrap()
            .lines()
            .find_map(|l| l.strip_prefix("VmLck:"))
            .unwrap()
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .unwrap()
    };
    if status["agent"]["memory_locked"] == true {
        assert!(vmlck(pid) > 0, "memory_locked means pages are locked");
    } else {
        assert!(status["agent"]["memory_error"].is_string(), "{status}");
    }
    let text = tv.raw().arg("status").output().unwrap();
    assert!(
        String::from_utf8_lossy(&text.stdout).contains("key memory"),
        "{}",
        String::from_utf8_lossy(&text.stdout)
    );
    tv.ok(&["lock"], "");

    // No memlock allowance and no CAP_IPC_LOCK: the lock fails, and the user hears of it.
    if rustix::process::getuid().as_raw() != 0 {
        eprintln!("skipped the failing half: needs root to drop CAP_IPC_LOCK (CI runs as root)");
        return;
    }
    let out = std::process::Command::new("setpriv")
        .args([
            "--inh-caps=-ipc_lock",
            "--bounding-set=-ipc_lock",
            "prlimit",
            "--memlock=0:0",
            "--",
        ])
        .arg(BIN)
        .arg("unlock")
        .env_clear()
        .envs(tv.std_cmd().get_envs().filter_map(|(k, v)| Some((k, v?))))
        .current_dir(tv.dir.path())
        .output()
        .expect("setpriv and prlimit (util-linux)");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("could not lock the memory"),
        "{}",
        stderr(&out)
    );
    let status: serde_json::Value =
        serde_json::from_slice(&tv.raw().args(["status", "--json"]).output().unwrap().stdout)
            .unwrap();
    assert_eq!(status["agent"]["memory_locked"], false, "{status}");
    assert!(
        status["agent"]["memory_error"]
            .as_str()
            .unwrap()
            .contains("RLIMIT_MEMLOCK"),
        "{status}"
    );
    assert_eq!(vmlck(status["agent"]["pid"].as_u64().unwrap()), 0);
}

#[test]
fn the_agent_ends_at_its_maximum_lifetime_even_when_in_use() {
    let tv = TestVault::new();
    tv.set("K", "v");
    let _guard = Locked(&tv);
    tv.ok(&["unlock", "--timeout", "5m", "--max-lifetime", "2s"], "");
    let start = std::time::Instant::now();
    let mut last_ok = None;
    while start.elapsed() < std::time::Duration::from_millis(4500) {
        if tv
            .raw()
            .args(["get", "K"])
            .output()
            .unwrap()
            .status
            .success()
        {
            last_ok = Some(start.elapsed());
        }
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    let last_ok = last_ok.expect("the agent answered at first");
    assert!(
        last_ok < std::time::Duration::from_millis(3500),
        "still answering after {last_ok:?} although used all along and its lifetime is 2s"
    );
    assert_eq!(code(&tv.raw().args(["get", "K"]).output().unwrap()), 3);

    // The config key sets the default.
    let cfg = tv.home.join(".config/tresor/config.toml");
    std::fs::create_dir_all(cfg.parent().unwrap()).unwrap();
    std::fs::write(&cfg, "agent_max_lifetime = \"90m\"\n").unwrap();
    tv.ok(&["unlock"], "");
    let status: serde_json::Value =
        serde_json::from_slice(&tv.raw().args(["status", "--json"]).output().unwrap().stdout)
            .unwrap();
    assert_eq!(status["agent"]["max_lifetime"], 5400, "{status}");
}

/// Serves `reply` (one line) to every request on the agent socket of `tv`, like an agent of
/// another tresor build, until a request mentions "lock".
fn fake_agent(socket: &std::path::Path, reply: String) -> std::thread::JoinHandle<()> {
    use std::io::{BufRead, Write};
    let listener = std::os::unix::net::UnixListener::bind(socket).unwrap();
    let socket = socket.to_path_buf();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let mut conn = conn.unwrap();
            let mut line = String::new();
            std::io::BufReader::new(&mut conn)
                .read_line(&mut line)
                .unwrap();
            if line.contains("lock") {
                let _ = std::fs::remove_file(&socket);
                let _ = conn.write_all(b"{\"ok\":true}\n");
                return;
            }
            let _ = conn.write_all(reply.as_bytes());
        }
    })
}

#[test]
fn an_agent_of_another_protocol_version_is_never_misread() {
    let tv = TestVault::new();
    let value = canary();
    tv.set("K", &value);
    let status: serde_json::Value =
        serde_json::from_slice(&tv.cmd().args(["status", "--json"]).output().unwrap().stdout)
            .unwrap();
    let vault_id = status["vault_id"].as_str().unwrap().to_string();
    let _guard = Locked(&tv);
    // A real agent, only to learn where its socket goes.
    tv.ok(&["unlock"], "");
    let socket = agent_socket(&tv);
    tv.ok(&["lock"], "");
    // A wrong key of the right length for the right vault: read as a key, it would make the
    // vault look tampered with (exit 4).
    let wrong_key = format!("{}=", "A".repeat(43));
    let replies = [
        // Version 1: no version field at all.
        format!(
            "{{\"ok\":true,\"key\":\"{wrong_key}\",\"vault_id\":\"{vault_id}\",\"via\":\"passphrase\",\"protected\":[]}}\n"
        ),
        // A later version.
        format!(
            "{{\"v\":99,\"body\":{{\"key\":{{\"key\":\"{wrong_key}\",\"vault_id\":\"{vault_id}\",\"via\":\"x\",\"protected\":[]}}}}}}\n"
        ),
    ];
    for reply in replies {
        let fake = fake_agent(&socket, reply);
        // No other key source: exit 3 with a note, not 4.
        let out = tv.raw().args(["get", "K"]).output().unwrap();
        assert_eq!(code(&out), 3, "{}", stderr(&out));
        assert!(stderr(&out).contains("protocol"), "{}", stderr(&out));
        // With one: it is used, the agent ignored.
        let out = tv.cmd().args(["get", "-n", "K"]).output().unwrap();
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert_eq!(String::from_utf8_lossy(&out.stdout), value);
        let status: serde_json::Value =
            serde_json::from_slice(&tv.cmd().args(["status", "--json"]).output().unwrap().stdout)
                .unwrap();
        assert_eq!(status["agent"]["usable"], false, "{status}");
        // unlock replaces it.
        tv.ok(&["unlock"], "");
        fake.join().unwrap();
        let out = tv.raw().args(["get", "-n", "K"]).output().unwrap();
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        tv.ok(&["lock"], "");
    }
}

/// `unlock -e ENV`: the agent holds that environment's key, not the root key. What it serves
/// reads that environment (checked against the owner's signed statement), nothing else, and
/// writes nothing; a write falls through to the next key source.
#[test]
fn a_scoped_agent_holds_only_the_environments_it_was_given() {
    let tv = TestVault::new();
    let prod = canary();
    tv.ok(&["set", "-e", "prod", "K"], &prod);
    tv.ok(&["set", "-e", "dev", "K"], &canary());
    let _guard = Locked(&tv);
    let out = tv.run(&["unlock", "-e", "prod"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("prod only"), "{}", stderr(&out));
    let no_source = |args: &[&str]| tv.raw().args(args).output().unwrap();
    let out = no_source(&["get", "-n", "-e", "prod", "K"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        prod,
        "{}",
        stderr(&out)
    );
    let out = no_source(&["run", "-e", "prod", "--", "printenv", "K"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        prod,
        "{}",
        stderr(&out)
    );
    let out = no_source(&["get", "-e", "dev", "K"]);
    assert_eq!(code(&out), 3, "another environment: {}", stderr(&out));
    // A write through the scoped agent alone is refused for want of a key source (exit 3) ...
    let out = tv
        .raw()
        .args(["set", "-e", "prod", "NEW"])
        .write_stdin("x")
        .output()
        .unwrap();
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    // ... and done with the next source when there is one.
    tv.ok(&["set", "-e", "prod", "NEW"], "x");
    // `status` needs the root key: with a key source given, it wins over the scoped agent.
    let doc: serde_json::Value = serde_json::from_str(&tv.ok(&["status", "--json"], "")).unwrap();
    assert_eq!(doc["agent"]["scoped"], true, "{doc}");
    // A rekey stops a scoped agent rather than hand it the new root key.
    let out = tv.run(&["rekey"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_str(&tv.ok(&["status", "--json"], "")).unwrap();
    assert_ne!(doc["agent"]["running"], true, "{doc}");
}
