//! The `tresor` binary: harden the process, run the command, exit with its code.

fn main() -> std::process::ExitCode {
    tresor::harden::harden_process();
    std::process::ExitCode::from(tresor::run())
}
