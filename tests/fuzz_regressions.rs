//! Replays fuzz inputs through the same harness functions the fuzz targets call
//! (`fuzz/src/lib.rs`, included below): every saved crash input in `fuzz/regressions/TARGET/`
//! and every seed in `fuzz/seeds/TARGET/`. Each must run without a panic. Errors are fine.
//!
//! To add a crash found by `fuzz/run.sh`: copy `fuzz/artifacts/TARGET/crash-…` to
//! `fuzz/regressions/TARGET/` (the file is picked up by name), or add a byte-literal test below.

#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::path::Path;

fn replay_dir(kind: &str, target: &str, f: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(kind)
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    for file in &files {
        let data = std::fs::read(file).unwrap();
        let r = std::panic::catch_unwind(|| f(&data));
        assert!(r.is_ok(), "{target} panicked on {}", file.display());
    }
    files.len()
}

fn replay(target: &str) {
    let f = harness::TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .map(|(_, f)| *f)
        .unwrap_or_else(|| panic!("no harness named {target}"));
    replay_dir("regressions", target, f);
    let seeds = replay_dir("seeds", target, f);
    assert!(seeds > 0, "no seeds in fuzz/seeds/{target}");
    // The empty input and a few bytes of each value, always.
    for data in [&b""[..], b"\0", b"\xff", &[0xffu8; 64][..], b"{}", b"A=1\n"] {
        f(data);
    }
}

#[test]
fn dotenv_parse() {
    replay("dotenv_parse");
}

#[test]
fn import_json() {
    replay("import_json");
}

#[test]
fn bundle_open_raw() {
    replay("bundle_open_raw");
}

#[test]
fn bundle_open_plain() {
    replay("bundle_open_plain");
}

#[test]
fn kdf_decode() {
    replay("kdf_decode");
}

#[test]
fn slot_unwrap_raw() {
    replay("slot_unwrap_raw");
}

#[test]
fn slot_unwrap_payload() {
    replay("slot_unwrap_payload");
}

#[test]
fn store_open() {
    replay("store_open");
}

#[test]
fn every_harness_has_a_test() {
    let names = [
        "dotenv_parse",
        "import_json",
        "bundle_open_raw",
        "bundle_open_plain",
        "kdf_decode",
        "slot_unwrap_raw",
        "slot_unwrap_payload",
        "store_open",
    ];
    for (name, _) in harness::TARGETS {
        assert!(names.contains(name), "add a #[test] for the harness {name}");
    }
}
