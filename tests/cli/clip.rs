//! `get --clip` against a real X server: Xvfb, started here, and xclip to read the clipboard
//! back. The value reaches the clipboard and never stdout or stderr, and is cleared after
//! `--clear-after` only if the clipboard still holds it. Skipped, saying so, where Xvfb or
//! xclip is missing (`.ci/run` installs both).

use std::io::BufRead;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::*;

/// An Xvfb server on a free display, stopped when dropped.
struct Xvfb {
    child: Child,
    display: String,
}

impl Xvfb {
    fn start() -> Option<Xvfb> {
        for tool in ["Xvfb", "xclip"] {
            let found = Command::new("sh")
                .args(["-c", &format!("command -v {tool}")])
                .stdout(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if !found {
                eprintln!("skipped: {tool} is not installed (.ci/run installs xvfb and xclip)");
                return None;
            }
        }
        // -displayfd: Xvfb picks a free display and writes its number when ready.
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-nolisten",
                "tcp",
                "-screen",
                "0",
                "640x480x24",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let n = line.trim();
        assert!(!n.is_empty(), "Xvfb did not start");
        Some(Xvfb {
            child,
            display: format!(":{n}"),
        })
    }

    /// The clipboard's text, or None when it holds nothing.
    fn clipboard(&self) -> Option<String> {
        let out = Command::new("xclip")
            .args(["-o", "-selection", "clipboard"])
            .env("DISPLAY", &self.display)
            .stderr(Stdio::null())
            .output()
            .unwrap();
        out.status
            .success()
            .then(|| String::from_utf8(out.stdout).unwrap())
    }

    fn put(&self, text: &str) {
        let mut c = Command::new("xclip")
            .args(["-i", "-selection", "clipboard"])
            .env("DISPLAY", &self.display)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut c.stdin.take().unwrap(), text.as_bytes()).unwrap();
        c.wait().unwrap();
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_for(what: &str, mut cond: impl FnMut() -> bool) {
    let start = Instant::now();
    while !cond() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out: {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn get_clip_copies_prints_nothing_and_clears_after() {
    let Some(x) = Xvfb::start() else {
        return;
    };
    let mut tv = TestVault::new();
    tv.set_env("DISPLAY", &x.display);
    let v = canary();
    tv.set("API_KEY", &v);
    let started = Instant::now();
    let out = tv.run(&["get", "API_KEY", "--clip", "--clear-after", "3s"], "");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "nothing on stdout");
    assert!(!contains(&out.stderr, v.as_bytes()));
    assert!(stderr(&out).contains("clipboard"), "{}", stderr(&out));
    // tresor has exited; its helper serves the clipboard.
    assert_eq!(x.clipboard().as_deref(), Some(v.as_str()));
    wait_for("the clipboard is cleared", || {
        x.clipboard().is_none_or(|c| c.is_empty())
    });
    assert!(
        started.elapsed() >= Duration::from_secs(3),
        "not before --clear-after"
    );
    let audit = tv.ok(&["audit", "--name", "API_KEY", "--json"], "");
    assert!(audit.contains("clipboard"), "{audit}");
}

#[test]
fn get_clip_leaves_what_was_copied_since() {
    let Some(x) = Xvfb::start() else {
        return;
    };
    let mut tv = TestVault::new();
    tv.set_env("DISPLAY", &x.display);
    // The config key sets the default.
    let cfg = tv.home.join(".config/tresor");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.toml"), "clear_after = \"2s\"\n").unwrap();
    let v = canary();
    tv.set("API_KEY", &v);
    let out = tv.run(&["get", "API_KEY", "-c"], "");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("2s") || stderr(&out).contains("2 s"),
        "{}",
        stderr(&out)
    );
    assert_eq!(x.clipboard().as_deref(), Some(v.as_str()));
    x.put("something the user copied");
    std::thread::sleep(Duration::from_secs(4));
    assert_eq!(
        x.clipboard().as_deref(),
        Some("something the user copied"),
        "not cleared: it no longer held the value"
    );
}

#[test]
fn get_clip_without_a_display_fails_and_prints_nothing() {
    let tv = TestVault::new();
    let v = canary();
    tv.set("API_KEY", &v);
    let out = tv.run(&["get", "API_KEY", "--clip"], "");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(out.stdout.is_empty() && !contains(&out.stderr, v.as_bytes()));
    let out = tv.run(&["get", "API_KEY", "--clear-after", "5s"], "");
    assert_eq!(code(&out), 2, "--clear-after needs --clip");
}
