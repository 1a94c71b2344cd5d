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
    if args.bundle.is_some() {
        return due_bundle(ctx, &args, within);
    }
    let mut vault = ctx.read_vault().map_err(|e| {
        if e.message.starts_with("no vault at ") {
            e.with_hint("on a machine with a bundle and no vault (a CI runner), `tresor due --bundle FILE` checks the bundle")
        } else {
            e
        }
    })?;
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
    vault.event(crate::audit::Event::new(crate::audit::Action::Due));
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

/// Whole days from `now` to `t`, rounded down (0 on the last day, negative once past).
fn days_left(now: i64, t: i64) -> i64 {
    (t - now).div_euclid(86_400)
}

/// `due --bundle FILE`, on a machine with a bundle and no vault (a CI runner): the bundle's
/// own expiry and its secrets' expiry dates. Anything expired or expiring within the window is
/// a finding (exit 6), with the days left: a runner cannot rotate, so it warns while there is
/// time to re-export on the owner's machine.
fn due_bundle(ctx: &Context, args: &DueArgs, within: i64) -> Result<()> {
    let source = crate::cli::BundleArgs {
        bundle: args.bundle.clone(),
        allow_unpinned: args.allow_unpinned,
    };
    let b = super::bundle::open_bundle_checked(ctx, &source, true)?.expect("--bundle was given");
    let horizon = ctx.now.saturating_add(within);
    // (kind, name, reason, at)
    let mut items: Vec<(&str, String, Status, i64)> = Vec::new();
    let reason = |t: i64| {
        if t <= ctx.now {
            Status::Expired
        } else {
            Status::Due
        }
    };
    if let Some(t) = b.expires_at.filter(|t| *t <= horizon) {
        items.push(("bundle", "(bundle)".to_string(), reason(t), t));
    }
    for s in &b.secrets {
        if let Some(t) = s.expires_at.filter(|t| *t <= horizon) {
            items.push(("secret", s.name.clone(), reason(t), t));
        }
    }
    items.sort_by(|a, c| (a.3, &a.1).cmp(&(c.3, &c.1)));
    let left = |t: i64| {
        let d = days_left(ctx.now, t);
        if t <= ctx.now {
            "expired".to_string()
        } else if d == 0 {
            "less than a day".to_string()
        } else {
            format!("{d} day{}", if d == 1 { "" } else { "s" })
        }
    };
    if args.json {
        let doc: Vec<_> = items
            .iter()
            .map(|(kind, name, reason, at)| {
                json!({
                    "env": b.env,
                    "name": if *kind == "bundle" { serde_json::Value::Null } else { json!(name) },
                    "reason": reason.as_str(),
                    "at": clock::rfc3339(*at),
                    "kind": kind,
                    "days_left": days_left(ctx.now, *at).max(0),
                })
            })
            .collect();
        ctx.ui
            .out(&(serde_json::Value::from(doc).to_string() + "\n"))?;
    } else if items.is_empty() {
        ctx.ui.status(&format!(
            "Nothing in the bundle of {} expires within {}{}",
            b.env,
            clock::human_duration(within),
            b.expires_at
                .map(|t| format!(" (the bundle is valid until {})", clock::short(t)))
                .unwrap_or_default()
        ));
    } else {
        let rows: Vec<Vec<String>> = items
            .iter()
            .map(|(kind, name, reason, at)| {
                vec![
                    b.env.clone(),
                    if *kind == "bundle" {
                        "the bundle".to_string()
                    } else {
                        name.clone()
                    },
                    reason.as_str().to_string(),
                    clock::short(*at),
                    left(*at),
                ]
            })
            .collect();
        ctx.ui.out(&crate::ui::table(
            &["ENV", "NAME", "REASON", "AT", "LEFT"],
            &rows,
            ctx.ui.stdout_tty,
            &ctx.ui,
        ))?;
    }
    if items.is_empty() {
        return Ok(());
    }
    let what: Vec<String> = items
        .iter()
        .map(|(kind, name, _, at)| {
            let who = if *kind == "bundle" {
                "the bundle".to_string()
            } else {
                name.clone()
            };
            if *at <= ctx.now {
                format!("{who} expired on {}", clock::short(*at))
            } else {
                format!("{who} expires in {}", left(*at))
            }
        })
        .collect();
    Err(Error::new(
        Kind::Findings,
        format!(
            "within {} in the bundle of {}: {}",
            clock::human_duration(within),
            b.env,
            what.join(", ")
        ),
    )
    .with_hint(format!(
        "nothing can be renewed on this machine: rotate what expires on the owner's machine (`tresor rotate NAME -e {}`), then {}",
        b.env,
        super::bundle::REEXPORT.trim_start_matches("on the owner's machine (where the vault is), ")
    )))
}
