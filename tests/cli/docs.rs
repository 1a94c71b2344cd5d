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
