use std::path::Path;
use std::process::{Command, Stdio};

use crate::scan::testutil::*;
use crate::scan::{Needle, Scanner};

fn write(root: &Path, rel: &str, data: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, data).unwrap();
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn staged_scans_the_index_not_the_work_tree() {
    if Command::new("git").arg("--version").output().is_err() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let value = token(13, 40, ALNUM);
    git(root, &["init", "-q"]);
    write(root, "staged.txt", format!("x = {value}\n").as_bytes());
    write(root, "weird name\twith tab.txt", value.as_bytes());
    write(root, "bin.dat", b"\0\0\0");
    write(root, "unstaged.txt", value.as_bytes());
    git(
        root,
        &["add", "staged.txt", "weird name\twith tab.txt", "bin.dat"],
    );
    // The work tree changes after staging: the index is what counts.
    write(root, "staged.txt", b"clean now\n");
    let s = secret_scanner(&[("T (dev, version 1, active)", value.as_bytes())]);
    let report = s.scan_staged(root).unwrap();
    let shown: Vec<String> = report.findings.iter().map(|f| f.to_string()).collect();
    assert_eq!(
        shown,
        [
            "staged.txt:1:5: T (dev, version 1, active)",
            "\"weird name\\twith tab.txt\":1:1: T (dev, version 1, active)"
        ]
    );
    assert_eq!(report.binary_skipped, 1);
    assert_eq!(report.files_scanned, 2);
}

#[test]
fn history_reports_each_leak_once_with_the_commit_that_added_it() {
    if Command::new("git").arg("--version").output().is_err() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let value = token(21, 40, ALNUM);
    let key = format!("ghp_{}", token(22, 36, ALNUM));
    let commit = |msg: &str| {
        git(root, &["add", "-A"]);
        git(
            root,
            &[
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "commit",
                "-q",
                "-m",
                msg,
            ],
        );
        let out = Command::new("git")
            .current_dir(root)
            .args(["rev-parse", "HEAD"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    git(root, &["init", "-q"]);
    write(root, "README.md", b"# project\n\nnothing here\n");
    commit("first");
    write(
        root,
        "config/app.env",
        format!("A=1\nB=2\nTOKEN={value}\nGH={key} # tresor:allow\n").as_bytes(),
    );
    let second = commit("leak");
    // Moved, then removed: the history still holds it, reported once, at its first commit.
    git(root, &["mv", "config/app.env", "config/moved.env"]);
    commit("move");
    write(
        root,
        "src/main.rs",
        format!("fn main() {{}}\n\n// {key}\n").as_bytes(),
    );
    let fourth = commit("key");
    std::fs::remove_file(root.join("src/main.rs")).unwrap();
    std::fs::remove_file(root.join("config/moved.env")).unwrap();
    commit("clean up");
    // A commit on another branch only.
    git(root, &["checkout", "-q", "-b", "other"]);
    write(root, "other.txt", format!("x {value}\n").as_bytes());
    let other = commit("other branch");
    git(root, &["checkout", "-q", "-"]);

    let needles = [Needle::new(
        "TOKEN (dev, version 1, active)",
        value.as_bytes(),
    )];
    let s = Scanner::new(&needles, true);
    let report = s.scan_history(root, false).unwrap();
    let shown: Vec<String> = report.findings.iter().map(|f| f.to_string()).collect();
    assert_eq!(
        shown,
        [
            format!(
                "config/app.env:3:7: TOKEN (dev, version 1, active) in commit {}",
                &second[..12]
            ),
            format!(
                "src/main.rs:3:4: pattern github-token in commit {}",
                &fourth[..12]
            ),
            format!(
                "other.txt:1:3: TOKEN (dev, version 1, active) in commit {}",
                &other[..12]
            ),
        ]
    );
    assert_eq!(report.commits_scanned, 6);
    assert_eq!(report.allowed, 1);
    assert_eq!(report.findings[0].commit.as_deref(), Some(second.as_str()));
}

#[test]
fn unquote_undoes_git_quoting() {
    assert_eq!(super::unquote(b"\"a\\tb\\\\c\\\"d\""), b"a\tb\\c\"d");
    assert_eq!(
        super::unquote("\"\\303\\251t\\303\\251\"".as_bytes()),
        "été".as_bytes()
    );
    assert_eq!(super::unquote(b"plain"), b"plain");
}
