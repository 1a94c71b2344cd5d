//! `tresor edit`: a scripted editor stands in for the user; the file it is given lives in a
//! private folder in memory and is gone afterwards, whatever happened.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::support::*;

/// A shell script used as EDITOR: it records the path it was given (and the folder's and the
/// file's modes) in `log`, then runs `body` with the file as `$1`.
fn editor(tv: &TestVault, body: &str) -> (PathBuf, PathBuf) {
    let log = tv.dir.path().join("editor.log");
    let script = tv.dir.path().join("editor.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nstat -c '%a' \"$(dirname \"$1\")\" \"$1\" > '{log}.modes'\nprintf '%s' \"$1\" > '{log}'\n{body}\n",
            log = log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).unwrap();
    (script, log)
}

fn edited_path(log: &Path) -> PathBuf {
    PathBuf::from(std::fs::read_to_string(log).unwrap())
}

fn versions(tv: &TestVault, name: &str) -> usize {
    let out = tv.ok(&["history", name, "--json"], "");
    serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn edit_stores_a_changed_value_and_keeps_the_schedule_and_note() {
    let mut tv = TestVault::new();
    let old = canary();
    let new = canary();
    tv.ok(
        &[
            "set",
            "API_KEY",
            "--note",
            "from the portal",
            "--rotate-every",
            "30d",
            "--expires",
            "2099-01-01",
        ],
        &old,
    );
    let (script, log) = editor(
        &tv,
        &format!("grep -q '^{old}$' \"$1\" || exit 9\nprintf '%s\\n' '{new}' > \"$1\""),
    );
    tv.set_env("EDITOR", script.to_str().unwrap());
    let out = tv.run(&["edit", "API_KEY"], "");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(!contains(&out.stdout, old.as_bytes()) && !contains(&out.stderr, old.as_bytes()));
    assert_eq!(
        tv.get("API_KEY"),
        new,
        "the newline the editor added is dropped"
    );
    let modes = std::fs::read_to_string(format!("{}.modes", log.display())).unwrap();
    assert_eq!(modes.split_whitespace().collect::<Vec<_>>(), ["700", "600"]);
    let path = edited_path(&log);
    assert!(path.starts_with("/dev/shm"), "{}", path.display());
    assert!(!path.exists() && !path.parent().unwrap().exists());
    let list: serde_json::Value = serde_json::from_str(&tv.ok(&["list", "--json"], "")).unwrap();
    let s = &list[0];
    assert_eq!(s["version"], 2);
    assert_eq!(s["note"], "from the portal");
    assert_eq!(s["expires_at"], "2099-01-01T00:00:00Z");
    assert!(s["next_rotation"].is_string());
}

#[test]
fn edit_stores_nothing_when_unchanged_or_when_the_editor_fails() {
    let mut tv = TestVault::new();
    let old = canary();
    tv.set("K", &old);
    let (script, log) = editor(&tv, "true");
    tv.set_env("VISUAL", script.to_str().unwrap());
    let out = tv.run(&["edit", "K"], "");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("unchanged"), "{}", stderr(&out));
    assert_eq!(versions(&tv, "K"), 1);
    assert!(!edited_path(&log).exists());

    let (script, log) = editor(&tv, &format!("printf '%s' '{}' > \"$1\"; exit 3", canary()));
    let mut tv2 = tv;
    tv2.set_env("VISUAL", script.to_str().unwrap());
    let out = tv2.run(&["edit", "K"], "");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("nothing was stored"),
        "{}",
        stderr(&out)
    );
    assert_eq!(versions(&tv2, "K"), 1);
    assert_eq!(tv2.get("K"), old);
    assert!(!edited_path(&log).parent().unwrap().exists());
}

#[test]
fn edit_removes_the_file_when_tresor_is_interrupted_or_terminated() {
    let tv = TestVault::new();
    tv.set("K", &canary());
    for (sig, n) in [("TERM", 15), ("INT", 2), ("HUP", 1)] {
        // The editor changes the file, then waits to be killed.
        let (script, log) = editor(
            &tv,
            &format!("printf '%s' '{}' > \"$1\"\nexec sleep 30", canary()),
        );
        let _ = std::fs::remove_file(&log);
        let child = tv
            .std_cmd()
            .env("EDITOR", &script)
            .args(["edit", "K"])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let start = std::time::Instant::now();
        while !log.exists() && start.elapsed().as_secs() < 20 {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
        let path = edited_path(&log);
        assert!(path.exists(), "{sig}");
        std::process::Command::new("kill")
            .args([&format!("-{sig}"), &child.id().to_string()])
            .status()
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(128 + n), "{sig}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("nothing was stored"),
            "{sig}: {}",
            stderr(&out)
        );
        assert!(!path.exists() && !path.parent().unwrap().exists(), "{sig}");
        assert_eq!(versions(&tv, "K"), 1, "{sig}");
    }
}

#[test]
fn edit_refuses_a_folder_on_disk_unless_allowed() {
    let mut tv = TestVault::new();
    tv.set("K", &canary());
    let run = tv.dir.path().join("run");
    std::fs::create_dir_all(&run).unwrap();
    if String::from_utf8_lossy(
        &std::process::Command::new("stat")
            .args(["-f", "-c", "%T"])
            .arg(&run)
            .output()
            .unwrap()
            .stdout,
    )
    .trim()
        == "tmpfs"
    {
        eprintln!("skipped: the test folder is on a tmpfs");
        return;
    }
    let (script, log) = editor(&tv, &format!("printf '%s' '{}' > \"$1\"", canary()));
    tv.set_env("EDITOR", script.to_str().unwrap());
    let out = tv.run(&["edit", "K"], "");
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(!log.exists(), "the editor never started");
    let out = tv.run(&["edit", "K", "--allow-disk"], "");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(edited_path(&log).starts_with(&run));
    assert!(!edited_path(&log).exists());
    assert_eq!(versions(&tv, "K"), 2);
}

#[test]
fn edit_refuses_a_value_on_the_command_line() {
    let tv = TestVault::new();
    let out = tv.run(&["edit", "K", &canary()], "");
    assert_eq!(code(&out), 2);
}
