//! Link-time settings for the `tresor` binary that cargo has no manifest key for.
//!
//! Packed relative relocations (`-z pack-relative-relocs`, DT_RELR): tresor is a
//! position-independent executable, and its ~24,000 relative relocations took 574 KB of
//! `.rela.dyn` that were read and applied one 24-byte entry at a time on every start (a quarter
//! of `tresor --version`'s instructions; see bench/README.md, "Start-up"). The static build
//! (`.cargo/config.toml`) applies them itself at start, from the same DT_RELR bitmaps.
//! DT_RELR encodes them as bitmaps in a few KB. It needs GNU ld ≥ 2.38 or lld, and glibc ≥
//! 2.36 or musl ≥ 1.2.4 to run (Rust's own musl, which the static build links, is 1.2.5); the
//! flag is added only when a test link with the same C compiler succeeds, so an older toolchain
//! builds as before.

use std::env;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=TRESOR_NO_RELR");
    let linux = env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && matches!(
            env::var("CARGO_CFG_TARGET_ENV").as_deref(),
            Ok("gnu" | "musl")
        );
    // The probe links with the host's C compiler, which is also the linker of a musl build
    // for the host's own architecture (rustc brings musl's start files and libc.a).
    let host = env::var("HOST").unwrap_or_default();
    let target = env::var("TARGET").unwrap_or_default();
    let same_linker = host == target || host == target.replace("-musl", "-gnu");
    if linux && same_linker && env::var_os("TRESOR_NO_RELR").is_none() && links_with_relr() {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// Whether the system C compiler (the linker driver rustc uses on Linux) links a
/// position-independent executable with DT_RELR, without a warning.
fn links_with_relr() -> bool {
    let Some(out_dir) = env::var_os("OUT_DIR").map(PathBuf::from) else {
        return false;
    };
    let src = out_dir.join("relr_probe.c");
    let exe = out_dir.join("relr_probe");
    if std::fs::write(&src, "int main(void) { return 0; }\n").is_err() {
        return false;
    }
    let cc = env::var("CC").unwrap_or_else(|_| "cc".into());
    Command::new(cc)
        .args([
            "-pie",
            "-fPIE",
            "-Wl,-z,pack-relative-relocs",
            "-Wl,--fatal-warnings",
            "-o",
        ])
        .arg(&exe)
        .arg(&src)
        .output()
        .is_ok_and(|o| o.status.success())
}
