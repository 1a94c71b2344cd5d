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

/// `Cli::try_parse`. `run` and `get`, which scripts call in loops, are first parsed against
/// a command tree holding only themselves and the global flags (`parse_hot`); anything else,
/// and anything that does not parse there (help, version, every usage error), against the
/// whole tree, so what is printed is always the whole tree's.
fn parse_command_line(args: &[std::ffi::OsString]) -> Result<cli::Cli, clap::Error> {
    match parse_hot(args) {
        Some(cli) => Ok(cli),
        None => parse_full(args),
    }
}

/// The whole tree, not dropped afterwards: it is about a thousand allocations that the
/// process's exit returns anyway, and freeing them one by one was a sixth of
/// `tresor --version`'s instructions (bench/README.md, "Speed pass").
fn parse_full(args: &[std::ffi::OsString]) -> Result<cli::Cli, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let mut command = cli::Cli::command();
    let parsed = command
        .try_get_matches_from_mut(args.iter().cloned())
        .and_then(|mut m| {
            cli::Cli::from_arg_matches_mut(&mut m).map_err(|e| e.format(&mut command))
        });
    std::mem::forget(command);
    parsed
}

/// `run` or `get` named first, parsed with only that subcommand built. clap builds every
/// subcommand's arguments and copies the ten global flags into each of the 34 before it parses
/// anything: that was 12 % of a `get`'s instructions and most of its start-up allocations.
/// The subcommand is built exactly as the derive builds it (`Args::augment_args` on a
/// `Command` of its name), so a line that parses here parses to the same `Cli` as in the
/// whole tree (`tests::hot_parse_is_the_full_parse`). `None` when it does not parse.
fn parse_hot(args: &[std::ffi::OsString]) -> Option<cli::Cli> {
    use clap::{Args, FromArgMatches};
    let sub = match args.get(1)?.to_str()? {
        "run" => cli::RunArgs::augment_args(clap::Command::new("run")),
        "get" => cli::GetArgs::augment_args(clap::Command::new("get")),
        _ => return None,
    };
    let mut command = cli::GlobalArgs::augment_args(clap::Command::new("tresor")).subcommand(sub);
    let parsed = command
        .try_get_matches_from_mut(args.iter().cloned())
        .ok()
        .and_then(|mut m| cli::Cli::from_arg_matches_mut(&mut m).ok());
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
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let secrets = redact::secret_arguments(args.get(1..).unwrap_or(&[]));
    let cli = match parse_command_line(&args) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(line: &[&str]) -> Vec<std::ffi::OsString> {
        std::iter::once("tresor")
            .chain(line.iter().copied())
            .map(Into::into)
            .collect()
    }

    #[test]
    fn hot_parse_is_the_full_parse() {
        let lines: &[&[&str]] = &[
            &["run", "--", "true"],
            &[
                "run", "-e", "prod", "--only", "A,B", "--", "sh", "-c", "echo $A",
            ],
            &[
                "run",
                "--vault",
                "/tmp/v.db",
                "--mask",
                "--prefix",
                "APP_",
                "--",
                "env",
            ],
            &[
                "run",
                "--no-inherit",
                "--allow-expired",
                "-q",
                "--",
                "x",
                "--flag",
            ],
            &[
                "run",
                "--env-file",
                ".env.tpl",
                "--color",
                "never",
                "--",
                "make",
                "test",
            ],
            &[
                "run",
                "--identity",
                "id.txt",
                "--file",
                "CERT=CERT_PATH",
                "--",
                "true",
            ],
            &[
                "run",
                "--bundle",
                "b.age",
                "--vault-key",
                "K",
                "--allow-unpinned",
                "--",
                "t",
            ],
            &["get", "API_TOKEN"],
            &["get", "API_TOKEN", "-e", "test", "--version", "2", "-n"],
            &[
                "get",
                "--vault",
                "postgresql://u@h/db",
                "X",
                "--allow-revoked",
            ],
            &[
                "get",
                "X",
                "--clip",
                "--clear-after",
                "10s",
                "--allow-rollback",
            ],
            &["get", "X", "--passphrase-fd", "3", "--config", "c.toml"],
            // Parsed, then refused by the command (values never come from the command line).
            &["get", "A", "B"],
        ];
        for line in lines {
            let args = argv(line);
            let full = parse_full(&args).map(|c| format!("{c:?}"));
            let hot = parse_hot(&args).map(|c| format!("{c:?}"));
            assert!(
                full.is_ok(),
                "{line:?}: {:?}",
                full.err().map(|e| e.to_string())
            );
            assert_eq!(hot.as_ref(), full.as_ref().ok(), "{line:?}");
        }
    }

    #[test]
    fn what_the_hot_parse_refuses_goes_to_the_whole_tree() {
        for line in [
            &["run", "--help"][..],
            &["get", "-h"],
            &["run"],
            &["get"],
            &["run", "--vault"],
            &["list"],
            &["--version"],
        ] {
            assert!(parse_hot(&argv(line)).is_none(), "{line:?}");
        }
    }
}
