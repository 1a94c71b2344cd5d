//! One file per subcommand; this module routes a parsed command line to it and holds the few
//! helpers several commands share.

mod completions;
mod env;
mod generate_docs;
mod get;
mod init;
mod list;
mod rm;
mod set;

use crate::cli::{Cli, Command, ScheduleArgs};
use crate::clock;
use crate::context::Context;
use crate::error::Result;
use crate::vault::VersionMeta;

pub fn dispatch(cli: Cli) -> Result<()> {
    // Commands that need no vault and no config.
    match &cli.command {
        Command::Completions(a) => return completions::cmd_completions(a),
        Command::GenerateDocs(a) => return generate_docs::cmd_generate_docs(a),
        _ => {}
    }
    let ctx = Context::new(cli.global)?;
    match cli.command {
        Command::Init(a) => init::cmd_init(&ctx, a),
        Command::Env(a) => env::cmd_env(&ctx, a),
        Command::Set(a) => set::cmd_set(&ctx, a),
        Command::Get(a) => get::cmd_get(&ctx, a),
        Command::List(a) => list::cmd_list(&ctx, a),
        Command::Rm(a) => rm::cmd_rm(&ctx, a),
        Command::Completions(_) | Command::GenerateDocs(_) => unreachable!("handled above"),
    }
}

/// Expiry, rotation schedule and note of a new version, from the flags and the config.
pub struct Schedule {
    pub expires_at: Option<i64>,
    pub rotate_at: Option<i64>,
    pub meta: VersionMeta,
}

pub fn schedule(ctx: &Context, args: &ScheduleArgs) -> Result<Schedule> {
    let expires_at = match (&args.expires, &args.expires_in) {
        (Some(d), _) => Some(clock::parse_date(d)?),
        (None, Some(d)) => Some(ctx.now + clock::parse_duration(d)?),
        (None, None) => None,
    };
    let rotate_every = match args
        .rotate_every
        .as_deref()
        .or(ctx.config.rotate_every.as_deref())
    {
        Some(d) => Some(clock::parse_duration(d)?),
        None => None,
    };
    if let Some(t) = expires_at.filter(|t| *t <= ctx.now) {
        ctx.ui.warn(&format!(
            "the expiry date {} is already past; the secret is stored as expired",
            clock::rfc3339(t)
        ));
    }
    Ok(Schedule {
        expires_at,
        rotate_at: rotate_every.map(|r| ctx.now + r),
        meta: VersionMeta {
            note: args.note.clone(),
            rotate_every,
            ..VersionMeta::default()
        },
    })
}
