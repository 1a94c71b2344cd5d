//! The `tresor` binary: harden the process, run the command, exit with its code.

fn main() -> std::process::ExitCode {
    tresor::harden::harden_process();
    std::process::ExitCode::from(tresor::run())
}

// Links malloc and the mem* functions of the static musl build (crates/musl-malloc, musl-mem).
#[cfg(target_env = "musl")]
use {musl_malloc as _, musl_mem as _};
