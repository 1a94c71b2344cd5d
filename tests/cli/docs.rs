//! The committed man pages and completion scripts match what the binary generates.

use crate::support::*;

fn files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn committed_man_pages_and_completions_are_current() {
    let out = tempfile::tempdir().unwrap();
    let st = std::process::Command::new(BIN)
        .arg("generate-docs")
        .arg(out.path())
        .status()
        .unwrap();
    assert!(st.success());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for sub in ["completions", "man"] {
        let want = files(&out.path().join(sub));
        let have = files(&root.join(sub));
        let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&have),
            names(&want),
            "{sub}/ is stale: run `cargo run -- generate-docs .`"
        );
        for ((n, h), (_, w)) in have.iter().zip(&want) {
            assert!(
                h == w,
                "{sub}/{n} is stale: run `cargo run -- generate-docs .` and commit the result"
            );
        }
    }
}

#[test]
fn completions_print_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = std::process::Command::new(BIN)
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("tresor"),
            "{shell}"
        );
    }
    let out = std::process::Command::new(BIN)
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
}

/// A test file under `tests/cli/` that `main.rs` does not list is never compiled or run.
#[test]
fn every_test_file_is_listed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli");
    let main = std::fs::read_to_string(dir.join("main.rs")).unwrap();
    let mut unlisted = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        let Some(module) = name.strip_suffix(".rs") else {
            continue;
        };
        if module != "main" && !main.lines().any(|l| l.trim() == format!("mod {module};")) {
            unlisted.push(name);
        }
    }
    assert!(
        unlisted.is_empty(),
        "tests/cli/ files not listed in tests/cli/main.rs (so never run): {unlisted:?}"
    );
}

/// The code cites `doc/cli.md §n` and `doc/design.md`: both are in the repository, and every
/// section cited exists.
#[test]
fn cited_documents_exist() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let cli = std::fs::read_to_string(root.join("doc/cli.md")).unwrap();
    assert!(root.join("doc/design.md").is_file());
    assert!(root.join("CONTRIBUTING.md").is_file());
    for n in 1..=6 {
        assert!(cli.contains(&format!("\n## {n}. ")), "doc/cli.md §{n}");
    }
}
