//! One file per subcommand; this module routes a parsed command line to it and holds the few
//! helpers several commands share.

mod access;
mod audit;
mod bundle;
mod completions;
mod copy;
mod due;
mod edit;
mod env;
mod export;
mod generate;
mod generate_docs;
mod get;
mod history;
mod import;
mod init;
mod inject;
mod list;
mod lock;
mod passwd;
mod project;
mod rekey;
mod revoke;
mod rm;
mod rotate;
mod run;
mod scan;
mod select;
mod set;
mod status;
mod vault;

use crate::cli::{Cli, Command, ScheduleArgs};
use crate::clock;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::vault::{Vault, VersionMeta};

/// Runs the command and returns the process's exit code: 0, or the status of the command
/// `run` started (a normal outcome, not an error). Errors carry their own code (doc/cli.md §6).
pub fn dispatch(cli: Cli) -> Result<u8> {
    // The key source's descriptor reaches no program tresor starts.
    crate::exec::seal_key_descriptor(cli.global.passphrase_fd);
    // Commands that need no vault and no config.
    let done = |r: Result<()>| r.map(|()| 0);
    match &cli.command {
        Command::Completions(a) => return done(completions::cmd_completions(a)),
        Command::Allow(a) => return done(project::cmd_allow(&cli.global, a)),
        Command::Deny(a) => return done(project::cmd_deny(&cli.global, &a.file)),
        Command::GenerateDocs(a) => return done(generate_docs::cmd_generate_docs(a)),
        Command::AgentServe(a) => {
            return done(crate::agent::serve(&a.socket, a.timeout, a.max_lifetime));
        }
        Command::ClipServe(a) => return done(crate::clip::serve(a.clear_after)),
        _ => {}
    }
    refuse_values_in_arguments(&cli.command)?;
    let passphrase_fd = cli.global.passphrase_fd;
    let ctx = Context::new(cli.global)?;
    run_command(&ctx, cli.command, passphrase_fd).map_err(|e| env_from_config(&ctx, e))
}

/// An unknown environment that the config's `default_env` chose says so: the user typed no
/// `-e` and may not remember the config.
fn env_from_config(ctx: &Context, mut e: Error) -> Error {
    let Some(path) = ctx.env_from_config() else {
        return e;
    };
    let Ok(env) = ctx.env_name() else {
        return e;
    };
    if e.message == format!("no environment named {env:?}") {
        e.message = format!(
            "{} (default_env in the config file {})",
            e.message,
            path.display()
        );
        e.hints.push(format!(
            "change default_env in {}, or pass -e ENV",
            path.display()
        ));
    }
    e
}

fn run_command(ctx: &Context, command: Command, passphrase_fd: Option<i32>) -> Result<u8> {
    if let Command::Run(a) = command {
        return run::cmd_run(ctx, a, passphrase_fd);
    }
    let done = match command {
        Command::Init(a) => init::cmd_init(ctx, a),
        Command::Env(a) => env::cmd_env(ctx, a),
        Command::Set(a) => set::cmd_set(ctx, a),
        Command::Get(a) => get::cmd_get(ctx, a),
        Command::Edit(a) => edit::cmd_edit(ctx, a),
        Command::List(a) => list::cmd_list(ctx, a),
        Command::Rm(a) => rm::cmd_rm(ctx, a),
        Command::Cp(a) => copy::cmd_copy(ctx, a, false),
        Command::Mv(a) => copy::cmd_copy(ctx, a.copy, true),
        Command::Generate(a) => generate::cmd_generate(ctx, a),
        Command::Rotate(a) => rotate::cmd_rotate(ctx, a),
        Command::History(a) => history::cmd_history(ctx, a),
        Command::Revoke(a) => revoke::cmd_revoke(ctx, a),
        Command::Due(a) => due::cmd_due(ctx, a),
        Command::Run(_) => unreachable!("returned above"),
        Command::Export(a) => export::cmd_export(ctx, a),
        Command::Inject(a) => inject::cmd_inject(ctx, a),
        Command::Import(a) => import::cmd_import(ctx, a),
        Command::Access(a) => access::cmd_access(ctx, a),
        Command::Bundle(a) => bundle::cmd_bundle(ctx, a),
        Command::Audit(a) => audit::cmd_audit(ctx, a),
        Command::Status(a) => status::cmd_status(ctx, a),
        Command::Scan(a) => scan::cmd_scan(ctx, a),
        Command::Passwd(a) => passwd::cmd_passwd(ctx, a),
        Command::Rekey(_) => rekey::cmd_rekey(ctx),
        Command::Vault(a) => vault::cmd_vault(ctx, a),
        Command::Unlock(a) => lock::cmd_unlock(ctx, a),
        Command::Lock => lock::cmd_lock(ctx),
        Command::Completions(_)
        | Command::GenerateDocs(_)
        | Command::AgentServe(_)
        | Command::ClipServe(_)
        | Command::Allow(_)
        | Command::Deny(_) => {
            unreachable!("handled above")
        }
    };
    done.map(|()| 0)
}

/// Expiry, rotation schedule and note of a new version, from the flags and the config.
pub struct Schedule {
    pub expires_at: Option<i64>,
    pub rotate_at: Option<i64>,
    pub meta: VersionMeta,
}

impl Schedule {
    /// The new version this schedule describes.
    pub fn into_version(
        self,
        origin: crate::vault::Origin,
        grace_until: Option<i64>,
    ) -> crate::vault::NewVersion {
        crate::vault::NewVersion {
            origin,
            expires_at: self.expires_at,
            rotate_at: self.rotate_at,
            grace_until,
            meta: self.meta,
        }
    }
}

/// The schedule of a new version. `previous` is the metadata of the version being replaced by
/// `rotate`: its lifetime, rotation interval, note and recipe carry over unless a flag says
/// otherwise, and the clock restarts now.
pub fn schedule(
    ctx: &Context,
    args: &ScheduleArgs,
    previous: Option<&VersionMeta>,
) -> Result<Schedule> {
    let expires_in = match &args.expires_in {
        Some(d) => Some(clock::parse_duration(d)?),
        None if args.expires.is_none() => previous.and_then(|p| p.expires_in),
        None => None,
    };
    let expires_at = match (&args.expires, expires_in) {
        (Some(d), _) => Some(clock::parse_date(d)?),
        (None, Some(d)) => Some(ctx.now.saturating_add(d)),
        (None, None) => None,
    };
    let rotate_every = match args.rotate_every.as_deref() {
        Some(d) => Some(clock::parse_duration(d)?),
        None => match previous.and_then(|p| p.rotate_every) {
            Some(r) => Some(r),
            None => match ctx.config.rotate_every.as_deref() {
                Some(d) => Some(clock::parse_duration(d)?),
                None => None,
            },
        },
    };
    if let Some(t) = expires_at.filter(|t| *t <= ctx.now) {
        ctx.ui.warn(&format!(
            "the expiry date {} is already past; the secret is stored as expired",
            clock::rfc3339(t)
        ));
    }
    Ok(Schedule {
        expires_at,
        rotate_at: rotate_every.map(|r| ctx.now.saturating_add(r)),
        meta: VersionMeta {
            note: args
                .note
                .clone()
                .or_else(|| previous.and_then(|p| p.note.clone())),
            rotate_every,
            expires_in,
            recipe: previous.and_then(|p| p.recipe.clone()),
            ..VersionMeta::default()
        },
    })
}

/// For commands over several environments: a protected environment this command has only
/// one factor for is left out with a note, instead of failing the whole command.
pub fn skip_protected<T>(
    ctx: &Context,
    vault: &Vault,
    env: &str,
    many: bool,
    r: crate::error::Result<T>,
) -> crate::error::Result<Option<T>> {
    match r {
        Err(e) if many && e.kind == crate::error::Kind::Unlock && vault.is_protected(env) => {
            ctx.ui.note(&format!(
                "left out {env}: it is protected and needs both factors"
            ));
            Ok(None)
        }
        r => r.map(Some),
    }
}

/// Commits a command that wrote to environments, first revoking the expired grants of the
/// environments it wrote (and re-keying them, in the same transaction); tells on stderr.
pub fn commit_write(ctx: &Context, vault: &mut Vault) -> Result<()> {
    let expired = vault.revoke_expired_grants()?;
    vault.commit()?;
    note_expired_grants(ctx, &expired);
    Ok(())
}

/// The note about grants revoked because they expired.
pub fn note_expired_grants(ctx: &Context, expired: &[crate::vault::ExpiredGrant]) {
    for g in expired {
        ctx.ui.note(&format!(
            "revoked the grant {:?}, which expired on {}, and re-keyed {}: its identity opens nothing any more",
            g.label,
            clock::rfc3339(g.expired_at),
            g.env
        ));
    }
}

/// Refuses a value given as a positional argument, without echoing it.
/// The one rule for every command that prints a value: refuse (exit 5) when stdout is a
/// regular file, unless `--allow-file`. A pipe, a terminal or a device (`/dev/null`) is fine.
pub fn refuse_regular_file(allow_file: bool) -> Result<()> {
    if !allow_file && stdout_is_regular_file() {
        return Err(
            Error::policy("refusing to write a secret value into a regular file").with_hint(
                "tresor keeps plaintext off the disk; pipe the output instead, or pass --allow-file if you mean it",
            ),
        );
    }
    Ok(())
}

pub(super) fn stdout_is_regular_file() -> bool {
    use std::os::fd::AsFd;
    rustix::fs::fstat(std::io::stdout().as_fd())
        .map(|st| {
            rustix::fs::FileType::from_raw_mode(st.st_mode) == rustix::fs::FileType::RegularFile
        })
        .unwrap_or(false)
}

/// Asks "QUESTION [y/N]" before a destructive step, when standard input and standard error
/// are a terminal and `--yes` was not given; anything but y or yes cancels (exit 1). Without
/// a terminal nothing is asked: scripts are not stopped by a question they cannot answer.
pub fn confirm(yes: bool, question: &str) -> Result<()> {
    use std::io::{BufRead, IsTerminal};
    if yes || !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Ok(());
    }
    crate::ui::to_stderr(&format!("{question} [y/N] "));
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Error::io("standard input", e))?;
    let answer = line.trim().to_ascii_lowercase();
    if answer == "y" || answer == "yes" {
        Ok(())
    } else {
        Err(Error::general("cancelled: nothing was changed")
            .with_hint("pass --yes to skip the question"))
    }
}

pub fn refuse_value_argument(extra: &[std::ffi::OsString]) -> Result<()> {
    if extra.is_empty() {
        return Ok(());
    }
    Err(value_on_command_line())
}

/// Exit 2, echoing nothing of what was typed.
fn value_on_command_line() -> crate::error::Error {
    crate::error::Error::usage("values are never taken from the command line").with_hint(
        "pipe the value on standard input, use --from-file FILE, or run on a terminal to be asked; \
         the value you typed may be in your shell history",
    )
}

/// A value typed where a name or a public key belongs, in any form, is exit 2 before anything
/// else happens (doc/cli.md §3): an argument after the NAME, a NAME of the form `NAME=value`, and a
/// recipient that is a secret key (`AGE-SECRET-KEY-1…`) or looks like one.
fn refuse_values_in_arguments(command: &Command) -> Result<()> {
    use crate::cli::{AccessCommand, BundleCommand, EnvCommand};
    let (name, extra): (Option<&str>, &[std::ffi::OsString]) = match command {
        Command::Set(a) => (Some(&a.name), &a.value),
        Command::Rotate(a) => (Some(&a.name), &a.value),
        Command::Get(a) => (Some(&a.name), &a.value),
        Command::Edit(a) => (Some(&a.name), &a.value),
        Command::Cp(a) => (Some(&a.name), &a.value),
        Command::Mv(a) => (Some(&a.copy.name), &a.copy.value),
        Command::Rm(a) => (Some(&a.name), &a.value),
        Command::Generate(a) => (Some(&a.name), &a.value),
        Command::History(a) => (Some(&a.name), &a.value),
        Command::Revoke(a) => (Some(&a.name), &a.value),
        _ => (None, &[]),
    };
    refuse_value_argument(extra)?;
    // The NEW name of `cp` and `mv` is a name too.
    let new_name = match command {
        Command::Cp(a) => a.new_name.as_deref(),
        Command::Mv(a) => a.copy.new_name.as_deref(),
        _ => None,
    };
    // A `list` PATTERN that is a key (pasted in place of a name) is refused the same way.
    if let Command::List(l) = command {
        if l.pattern
            .as_deref()
            .is_some_and(|p| crate::redact::known_format(p) || crate::redact::looks_like_secret(p))
        {
            return Err(value_on_command_line()
                .with_hint("PATTERN is a glob on secret names, such as STRIPE_*"));
        }
    }
    if new_name.is_some_and(|n| n.contains('=') || crate::redact::known_format(n)) {
        return Err(value_on_command_line()
            .with_hint("NEW is a secret name; the value is never given on the command line"));
    }
    if name.is_some_and(|n| n.contains('=')) {
        return Err(value_on_command_line()
            .with_hint("give the NAME alone; the value comes from standard input or a file"));
    }
    // A new name in a well-known key format (sk_live_…) is the value typed in its place; it
    // would stay readable in `list`, `audit` and every `run` environment. (Only known formats:
    // a high-entropy name such as CANARY_<hex> can be a real choice; errors still hide it.)
    let creates = matches!(
        command,
        Command::Set(_) | Command::Generate(_) | Command::Edit(_)
    );
    if creates && name.is_some_and(crate::redact::known_format) {
        return Err(value_on_command_line().with_hint(
            "the NAME looks like a key, so it is not shown and was not stored; name the secret \
             (STRIPE_KEY, say) and give its value on standard input",
        ));
    }
    let recipients: Vec<&str> = match command {
        Command::Init(a) => a.recipients.iter().map(String::as_str).collect(),
        Command::Access(a) => match &a.command {
            AccessCommand::Grant(g) => vec![&g.recipient],
            AccessCommand::Add(g) => vec![&g.recipient],
            AccessCommand::Remove(g) => vec![&g.recipient],
            _ => vec![],
        },
        Command::Bundle(a) => match &a.command {
            BundleCommand::Export(e) => vec![&e.recipient],
        },
        Command::Env(a) => match &a.command {
            EnvCommand::Protect(p) => vec![&p.recipient],
            _ => vec![],
        },
        _ => vec![],
    };
    // A file holding the recipient is read as such, whatever its name looks like.
    if recipients
        .iter()
        .any(|r| crate::redact::looks_like_secret(r) && !std::path::Path::new(r).is_file())
    {
        return Err(crate::error::Error::usage(
            "--recipient takes a public key, and this looks like a secret key: it is not shown \
             and was not used",
        )
        .with_hint(
            "give the public key (age1…, from `age-keygen -y`), an SSH public key, or a file \
             holding one; the key you typed may be in your shell history",
        ));
    }
    Ok(())
}

/// The reminder line (doc/cli.md: on stderr, never stdout) when `env` has expired, overdue or
/// soon-due secrets. Off with --quiet or config `reminders = false`.
pub fn remind(ctx: &Context, vault: &Vault, env: &str) {
    if ctx.ui.quiet || ctx.config.reminders == Some(false) {
        return;
    }
    let within = ctx.remind_within();
    let Ok((now, soon)) = vault.due_counts(env, within) else {
        return;
    };
    if soon == 0 {
        return;
    }
    let later = soon - now;
    let mut parts = Vec::new();
    if now > 0 {
        parts.push(format!("{now} expired or overdue"));
    }
    if later > 0 {
        parts.push(format!(
            "{later} due within {}",
            clock::human_duration(within)
        ));
    }
    ctx.ui.note(&format!(
        "{env} has {} secret{} needing attention ({}); see `tresor due -e {env}`",
        soon,
        if soon == 1 { "" } else { "s" },
        parts.join(", ")
    ));
}
