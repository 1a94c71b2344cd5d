//! `tresor audit` and `tresor audit verify`: read and check the event log.

use serde_json::json;

use crate::cli::{AuditArgs, AuditCommand};
use crate::clock;
use crate::context::Context;
use crate::error::{Error, Result};

pub fn cmd_audit(ctx: &Context, args: AuditArgs) -> Result<()> {
    let mut vault = ctx.read_vault()?;
    if let Some(AuditCommand::Verify) = args.command {
        // Every row first: a rolled-back or forged row is as much a break as a missing event.
        let (versions, skipped) = vault.verify_all()?;
        let report = vault.audit_verify()?;
        vault.commit()?;
        ctx.ui.status(&format!(
            "The vault verifies: every row of its environments ({versions} version{}).\n\
             The audit log verifies: {} event{}, chained and matching the vault header.",
            if versions == 1 { "" } else { "s" },
            report.events,
            if report.events == 1 { "" } else { "s" }
        ));
        if !skipped.is_empty() {
            ctx.ui.note(&format!(
                "not checked without their second factor: {}",
                skipped.join(", ")
            ));
        }
        for (seq, time, detail) in &report.recorded_breaks {
            ctx.ui.warn(&format!(
                "event {seq} records that the log was broken before {}: {detail}",
                clock::rfc3339(*time)
            ));
        }
        if report.pending_grant + report.pending_unauthenticated > 0 {
            ctx.ui.note(&format!(
                "{} event{} written without the owner's keys ({} by grant holders, {} failed unlocks) \
                 will be folded into the chain by the next command run with full access",
                report.pending_grant + report.pending_unauthenticated,
                if report.pending_grant + report.pending_unauthenticated == 1 { "" } else { "s" },
                report.pending_grant,
                report.pending_unauthenticated
            ));
        }
        return Ok(());
    }
    let since = match &args.since {
        Some(s) => Some(
            clock::parse_date(s)
                .or_else(|_| clock::parse_duration(s).map(|d| ctx.now - d))
                .map_err(|_| {
                    Error::general(format!("--since: not a date or a duration: {s:?}"))
                        .with_hint("use YYYY-MM-DD, an RFC 3339 time, or a duration such as 24h")
                })?,
        ),
        None => None,
    };
    let mut entries = vault.audit_entries()?;
    vault.commit()?;
    if let Some(a) = &args.action {
        let in_log = entries.iter().any(|e| e.event.action == *a);
        if !in_log && crate::audit::Action::from_name(a).is_none() {
            return Err(
                Error::usage(format!("--action: no such action {a:?}")).with_hint(format!(
                    "actions: {}",
                    crate::audit::action_names().join(", ")
                )),
            );
        }
    }
    entries.retain(|e| {
        args.name
            .as_ref()
            .is_none_or(|n| e.event.name.as_ref() == Some(n))
            && args.action.as_ref().is_none_or(|a| e.event.action == *a)
            && since.is_none_or(|t| e.time >= t)
    });
    if let Some(n) = args.limit {
        let skip = entries.len().saturating_sub(n);
        entries.drain(..skip);
    }
    if args.json {
        let doc: Vec<_> = entries
            .iter()
            .map(|e| {
                json!({
                    "seq": if e.pending { serde_json::Value::Null } else { e.seq.into() },
                    "time": clock::rfc3339(e.time),
                    "actor": e.event.actor,
                    "via": e.event.via,
                    "action": e.event.action,
                    "env": e.event.env,
                    "name": e.event.name,
                    "version": e.event.version,
                    "detail": e.event.detail,
                    "origin": e.event.origin.as_str(),
                })
            })
            .collect();
        return ctx.ui.out(&crate::ui::json_safe(
            serde_json::Value::from(doc).to_string() + "\n",
        ));
    }
    let dash = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                if e.pending {
                    "-".into()
                } else {
                    e.seq.to_string()
                },
                clock::short(e.time),
                e.event.actor.clone(),
                e.event.via.clone(),
                e.event.action.clone(),
                dash(&e.event.env),
                dash(&e.event.name),
                e.event
                    .version
                    .map(|v| v.to_string())
                    .unwrap_or_else(|| "-".into()),
                match (&e.event.detail, e.event.origin.as_str()) {
                    (d, "owner") => dash(d),
                    (d, origin) => format!("[{origin}] {}", d.clone().unwrap_or_default())
                        .trim_end()
                        .to_string(),
                },
            ]
        })
        .collect();
    ctx.ui.out(&crate::ui::table(
        &[
            "SEQ", "TIME", "ACTOR", "VIA", "ACTION", "ENV", "NAME", "VERSION", "DETAIL",
        ],
        &rows,
        ctx.ui.stdout_tty,
        &ctx.ui,
    ))
}
