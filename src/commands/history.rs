//! `tresor history NAME`: every version with its dates, origin and state; never values.

use serde_json::json;

use crate::cli::HistoryArgs;
use crate::clock;
use crate::context::Context;
use crate::error::Result;
use crate::lifecycle::version_state;
use crate::names::check_secret_name;
use crate::vault::STATE_REVOKED;

pub fn cmd_history(ctx: &Context, args: HistoryArgs) -> Result<()> {
    check_secret_name(&args.name)?;
    let env = ctx.env_name()?;
    let mut vault = ctx.read_vault()?;
    let versions = vault.history(&env, &args.name)?;
    vault.event(
        crate::audit::Event::new(crate::audit::Action::History)
            .env(&env)
            .name(&args.name),
    );
    vault.commit()?;
    super::remind(ctx, &vault, &env);
    let latest = versions.last().map(|v| v.version).unwrap_or(0);
    let state = |v: &crate::vault::VersionInfo| {
        version_state(
            v.state == STATE_REVOKED,
            v.version,
            latest,
            v.grace_until,
            ctx.now,
        )
    };
    let opt = |t: Option<i64>| t.map(clock::rfc3339);
    if args.json {
        let doc: Vec<_> = versions
            .iter()
            .map(|v| {
                json!({
                    "version": v.version,
                    "created": clock::rfc3339(v.created),
                    "origin": v.origin.as_str(),
                    "state": state(v),
                    "expires_at": opt(v.expires_at),
                    "next_rotation": opt(v.rotate_at),
                    "grace_until": opt(v.grace_until),
                    "revoked_at": opt(v.meta.revoked_at),
                    "revoke_reason": v.meta.revoke_reason,
                    "note": v.meta.note,
                })
            })
            .collect();
        return ctx
            .ui
            .out(&(serde_json::Value::from(doc).to_string() + "\n"));
    }
    let rows: Vec<Vec<String>> = versions
        .iter()
        .map(|v| {
            let mut detail = Vec::new();
            if let Some(g) = v
                .grace_until
                .filter(|_| v.state != STATE_REVOKED && state(v) == "previous-in-grace")
            {
                detail.push(format!("grace until {}", clock::short(g)));
            }
            if let Some(t) = v.expires_at {
                detail.push(format!("expires {}", clock::short(t)));
            }
            if let (Some(at), Some(reason)) = (v.meta.revoked_at, &v.meta.revoke_reason) {
                detail.push(format!("revoked {}: {reason}", clock::short(at)));
            }
            vec![
                v.version.to_string(),
                clock::short(v.created),
                v.origin.as_str().to_string(),
                state(v).to_string(),
                detail.join("; "),
            ]
        })
        .collect();
    ctx.ui.out(&crate::ui::table(
        &["VERSION", "CREATED", "ORIGIN", "STATE", "DETAIL"],
        &rows,
        ctx.ui.stdout_tty,
        &ctx.ui,
    ))
}
