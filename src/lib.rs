//! tresor: a command-line secrets vault. `main.rs` hardens the process and calls [`run`];
//! each subcommand lives in its own file under `commands/`.

mod agent;
pub mod audit;
pub mod bundle;
mod cli;
mod clip;
pub mod clock;
mod commands;
mod complete;
mod config;
mod context;
pub mod crypto;
mod docs;
pub mod dotenv;
pub mod error;
pub mod exec;
pub mod generator;
pub mod harden;
pub mod input;
mod kdf_guard;
mod lifecycle;
mod mask;
pub mod names;
mod outside;
mod passphrase;
pub mod pgconf;
mod project;
mod ptyrun;
mod ramdir;
pub mod recipient;
mod redact;
mod rollback;
pub mod scan;
mod ui;
pub mod unlock;
mod usage;
pub mod vault;
mod zjson;

/// `Cli::try_parse`, without dropping clap's command tree afterwards: the tree is about a
/// thousand allocations that the process's exit returns anyway, and freeing them one by one
/// was a sixth of `tresor --version`'s instructions (bench/README.md, "Start-up").
fn parse_command_line() -> Result<cli::Cli, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let mut command = cli::Cli::command();
    let parsed = command
        .try_get_matches_from_mut(std::env::args_os())
        .and_then(|mut m| {
            cli::Cli::from_arg_matches_mut(&mut m).map_err(|e| e.format(&mut command))
        });
    std::mem::forget(command);
    parsed
}

/// Parses the command line, runs the command and returns the process exit code.
pub fn run() -> u8 {
    // `COMPLETE=bash tresor …` prints completions (or the shell's registration script) and
    // exits; without that variable it does nothing.
    clap_complete::CompleteEnv::with_factory(<cli::Cli as clap::CommandFactory>::command)
        .complete();
    // Error messages never echo an argument that looks like a key (README "set, get, rm").
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let secrets = redact::secret_arguments(&args);
    let cli = match parse_command_line() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            if e.use_stderr() {
                let text = e.render().to_string();
                let redacted = redact::redact_message(&text, &secrets);
                if redacted != text {
                    eprint!("{redacted}");
                    return code;
                }
            }
            // clap prints help and version to stdout; a closed pipe there is not an error.
            let _ = e.print();
            return code;
        }
    };
    let color = cli.global.color;
    let quiet = cli.global.quiet;
    match commands::dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            if !e.message.is_empty() {
                // Never a key typed on the command line, never a control character (paths
                // and labels in messages may hold them).
                let clean = |t: &str| {
                    ui::escape_controls(&redact::redact_message(t, &secrets)).into_owned()
                };
                let e = error::Error {
                    message: clean(&e.message),
                    hints: e.hints.iter().map(|h| clean(h)).collect(),
                    kind: e.kind,
                };
                ui::Ui::new(color, quiet).error(&e);
            }
            e.kind.exit_code()
        }
    }
}
