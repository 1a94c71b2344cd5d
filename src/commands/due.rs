//! `tresor due`: what is expired, overdue for rotation, or due within the window. Exit 6 when
//! anything is expired or overdue, so CI can gate on it.

use serde_json::json;

use crate::cli::DueArgs;
use crate::clock;
use crate::context::Context;
use crate::error::{Error, Kind, Result};
use crate::lifecycle::{Dates, Status, due_reason};
use crate::vault::STATE_REVOKED;

pub fn cmd_due(ctx: &Context, args: DueArgs) -> Result<()> {
    let within = match &args.within {
        Some(d) => clock::parse_duration(d)?,
        None => ctx.remind_within(),
    };
    let mut vault = ctx.read_vault()?;
    let envs = if args.all_envs {
        vault.env_names()
    } else {
        vec![ctx.env_name()?]
    };
    let mut items: Vec<(String, String, Status, i64)> = Vec::new();
    for env in &envs {
        let listed = vault.list(env);
        let Some(listed) = super::skip_protected(ctx, &vault, env, args.all_envs, listed)? else {
            continue;
        };
        for s in listed {
            let dates = Dates {
                revoked: s.latest.state == STATE_REVOKED,
                expires_at: s.latest.expires_at,
                rotate_at: s.latest.rotate_at,
            };
            if let Some((reason, at)) = due_reason(dates, ctx.now, within) {
                items.push((env.clone(), s.name, reason, at));
            }
        }
    }
    // Grants that stop working within the window (already expired ones are in `access list`).
    let grants: Vec<(String, String, i64)> = vault
        .grants()
        .into_iter()
        .filter(|g| args.all_envs || envs.contains(&g.env))
        .filter_map(|g| {
            let t = g.expires_at?;
            (t > ctx.now && t <= ctx.now.saturating_add(within)).then_some((g.env, g.label, t))
        })
        .collect();
    vault.event(crate::audit::Event::new("due"));
    vault.commit()?;
    items.sort_by(|a, b| (a.3, &a.0, &a.1).cmp(&(b.3, &b.0, &b.1)));
    if args.json {
        let mut doc: Vec<_> = items
            .iter()
            .map(|(env, name, reason, at)| {
                json!({"env": env, "name": name, "reason": reason.as_str(), "at": clock::rfc3339(*at), "kind": "secret"})
            })
            .collect();
        doc.extend(grants.iter().map(|(env, label, at)| {
            json!({"env": env, "name": label, "reason": "due", "at": clock::rfc3339(*at), "kind": "grant"})
        }));
        ctx.ui
            .out(&(serde_json::Value::from(doc).to_string() + "\n"))?;
    } else if items.is_empty() && grants.is_empty() {
        ctx.ui.status(&format!(
            "Nothing expired, overdue or due within {} in {}",
            clock::human_duration(within),
            envs.join(", ")
        ));
    } else {
        let mut rows: Vec<Vec<String>> = items
            .iter()
            .map(|(env, name, reason, at)| {
                vec![
                    env.clone(),
                    name.clone(),
                    reason.as_str().to_string(),
                    clock::short(*at),
                ]
            })
            .collect();
        rows.extend(grants.iter().map(|(env, label, at)| {
            vec![
                env.clone(),
                format!("grant {label}"),
                "due".to_string(),
                clock::short(*at),
            ]
        }));
        ctx.ui.out(&crate::ui::table(
            &["ENV", "NAME", "REASON", "AT"],
            &rows,
            ctx.ui.stdout_tty,
            &ctx.ui,
        ))?;
    }
    let failing = items
        .iter()
        .filter(|i| matches!(i.2, Status::Expired | Status::Overdue))
        .count();
    if failing > 0 {
        return Err(Error::new(
            Kind::Findings,
            format!(
                "{failing} secret{} expired or overdue for rotation",
                if failing == 1 { " is" } else { "s are" }
            ),
        )
        .with_hint("rotate them with `tresor rotate NAME` (and at their providers)"));
    }
    Ok(())
}
