//! `tresor status`: one look at the vault's health, for people and (with --json) monitoring.

use serde_json::json;

use crate::agent::Found;
use crate::cli::StatusArgs;
use crate::clock;
use crate::context::Context;
use crate::error::Result;
use crate::lifecycle::{self, Dates, Status};
use crate::vault::STATE_REVOKED;

const UNUSED_AFTER: i64 = 90 * 86_400;
/// How far back `status` counts failed unlocks.
const FAILED_WINDOW: i64 = 30 * 86_400;

pub fn cmd_status(ctx: &Context, args: StatusArgs) -> Result<()> {
    let mut vault = ctx.read_vault()?;
    let within = ctx.remind_within();
    let audit = vault.audit_verify();
    let entries = vault.audit_entries().unwrap_or_default();
    let mut secrets = Vec::new();
    let mut envs_doc = Vec::new();
    for env in vault.env_names() {
        let list = vault.list(&env);
        let Some(list) = super::skip_protected(ctx, &vault, &env, true, list)? else {
            envs_doc.push(
                json!({"name": env, "secrets": null, "protected_by": vault.protected_by(&env)}),
            );
            continue;
        };
        let mut counts = std::collections::BTreeMap::new();
        for s in &list {
            let st = lifecycle::status(
                Dates {
                    revoked: s.latest.state == STATE_REVOKED,
                    expires_at: s.latest.expires_at,
                    rotate_at: s.latest.rotate_at,
                },
                ctx.now,
                within,
            );
            *counts.entry(st.as_str()).or_insert(0) += 1;
            secrets.push((env.clone(), s.name.clone(), s.created, st));
        }
        envs_doc.push(json!({"name": env, "secrets": list.len(), "by_status": counts, "protected_by": vault.protected_by(&env)}));
    }
    let grants = vault.grants();
    let vault_key = vault.vault_key()?;
    let generation = vault.generation();
    let vault_id = hex::encode(vault.vault_id());
    vault.event(crate::audit::Event::new(crate::audit::Action::Status));
    vault.commit()?;

    let events: Vec<(i64, crate::audit::Event)> =
        entries.iter().map(|e| (e.time, e.event.clone())).collect();
    let keys: Vec<(String, String, i64)> = secrets
        .iter()
        .map(|(e, n, c, _)| (e.clone(), n.clone(), *c))
        .collect();
    let uses = crate::usage::uses(&events, &keys);
    let unusual = crate::usage::unusual(&uses, ctx.now);
    let mut unused = Vec::new();
    for (env, name, created, st) in &secrets {
        if *st == Status::Revoked {
            continue;
        }
        let list = &uses[&(env.clone(), name.clone())];
        let last = list.iter().map(|u| u.time).max();
        let idle_since = last.unwrap_or(*created);
        if ctx.now - idle_since >= UNUSED_AFTER || last.is_none() {
            unused.push(json!({
                "env": env, "name": name,
                "last_used": last.map(clock::rfc3339),
                "uses": list.len(),
            }));
        }
    }
    let count = |s: Status| secrets.iter().filter(|x| x.3 == s).count();
    let grants_doc: Vec<_> = grants
        .iter()
        .map(|g| {
            json!({
                "label": g.label, "env": g.env,
                "expires_at": g.expires_at.map(clock::rfc3339),
                "expired": g.expires_at.is_some_and(|t| t <= ctx.now),
                "expiring_soon": g.expires_at.is_some_and(|t| t > ctx.now && t <= ctx.now + within),
            })
        })
        .collect();
    let audit_doc = match &audit {
        Ok(r) => {
            let breaks: Vec<_> = r
                .recorded_breaks
                .iter()
                .map(|(seq, time, detail)| json!({"seq": seq, "time": clock::rfc3339(*time), "detail": detail}))
                .collect();
            json!({"ok": true, "events": r.events, "pending": r.pending_grant + r.pending_unauthenticated, "recorded_breaks": breaks})
        }
        Err(e) => json!({"ok": false, "error": e.message}),
    };
    // Failed unlocks: written with no key, by whoever could write the file, so every field
    // is shown escaped and marked unverified.
    let failed: Vec<&crate::vault::audit::AuditEntry> = entries
        .iter()
        .filter(|e| {
            e.event.origin == crate::audit::EventOrigin::Unauthenticated
                && e.time > ctx.now - FAILED_WINDOW
        })
        .collect();
    let last_failed = failed.iter().max_by_key(|e| e.time);
    let failed_doc = json!({
        "last_30_days": failed.len(),
        "last": last_failed.map(|e| json!({
            "time": clock::rfc3339(e.time),
            "actor": e.event.actor,
            "via": e.event.via,
            "detail": e.event.detail,
            "origin": e.event.origin.as_str(),
            "unverified": true,
        })),
    });
    let unusual_doc: Vec<_> = unusual
        .iter()
        .map(|u| json!({"env": u.env, "name": u.name, "what": u.what}))
        .collect();
    let agent = crate::agent::status(ctx.vault_path()?);
    let agent_doc = match &agent {
        Found::Agent(a) => json!({
            "running": true,
            "pid": a.pid,
            "until": clock::rfc3339(a.expires_at),
            "ends_at": clock::rfc3339(a.ends_at),
            "idle_timeout": a.idle_timeout,
            "max_lifetime": a.max_lifetime,
            "memory_locked": a.memory_locked,
            "memory_error": a.memory_error,
            "protocol": crate::agent::PROTOCOL,
            "scoped": a.scoped,
            "environments_held": a.scoped.then_some(a.protected),
        }),
        Found::OtherVersion(v) => json!({
            "running": true,
            "protocol": v.unwrap_or(1),
            "usable": false,
        }),
        Found::Nothing => json!({"running": false}),
    };
    let doc = json!({
        "agent": agent_doc,
        "vault": ctx.vault_path()?.display().to_string(),
        "vault_id": vault_id,
        "vault_key": vault_key,
        "generation": generation,
        "environments": envs_doc,
        "secrets": secrets.len(),
        "expired": count(Status::Expired),
        "overdue": count(Status::Overdue),
        "due": count(Status::Due),
        "revoked": count(Status::Revoked),
        "unused": unused,
        "grants": grants_doc,
        "audit": audit_doc,
        "failed_unlocks": failed_doc,
        "unusual": unusual_doc,
    });
    if args.json {
        ctx.ui.out(&crate::ui::json_safe(doc.to_string() + "\n"))?;
        // A broken audit chain is an integrity failure (exit 4), after the report.
        return audit.map(|_| ());
    }
    // Every text below that someone else may have chosen (paths, labels, audit fields) is
    // escaped: one field, one line, nothing a terminal acts on.
    use crate::ui::escape;
    let mut out = String::new();
    out.push_str(&format!(
        "Vault       {} (generation {generation})\n",
        escape(&ctx.vault_path()?.display().to_string())
    ));
    out.push_str(&format!("Vault key   {vault_key}\n"));
    let envs: Vec<String> = doc["environments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| match e["protected_by"].as_str() {
            Some(by) => format!(
                "{} ({}, protected: passphrase + {by})",
                e["name"].as_str().unwrap(),
                e["secrets"]
                    .as_i64()
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "not opened".into())
            ),
            None => format!("{} ({})", e["name"].as_str().unwrap(), e["secrets"]),
        })
        .collect();
    out.push_str(&format!("Environments {}\n", envs.join(", ")));
    out.push_str(&format!(
        "Secrets     {} ({} expired, {} overdue, {} due within {}, {} revoked)\n",
        secrets.len(),
        count(Status::Expired),
        count(Status::Overdue),
        count(Status::Due),
        clock::human_duration(within),
        count(Status::Revoked)
    ));
    match &agent {
        Found::Agent(a) => {
            out.push_str(&format!(
                "Agent       running (pid {}), holds {} until {} unless used, {} at the latest\n",
                a.pid,
                if a.scoped {
                    format!("the keys of {} environment(s) only (unlock -e)", a.protected)
                } else {
                    "the root key".to_string()
                },
                clock::rfc3339(a.expires_at),
                clock::rfc3339(a.ends_at)
            ));
            if a.memory_locked {
                out.push_str("            key memory locked (not swappable)\n");
            } else {
                out.push_str(&format!(
                    "            key memory NOT locked, may be swapped: {}\n",
                    a.memory_error.as_deref().unwrap_or("unknown error")
                ));
            }
        }
        Found::OtherVersion(v) => out.push_str(&format!(
            "Agent       running, but of another tresor build (protocol {}): not used; `tresor unlock` replaces it\n",
            v.unwrap_or(1)
        )),
        Found::Nothing => out.push_str("Agent       not running (`tresor unlock` starts one)\n"),
    }
    match &audit {
        Ok(r) if !r.recorded_breaks.is_empty() => out.push_str(&format!(
            "Audit log   verified, {}; records {} (see `tresor audit verify`)\n",
            crate::ui::count(r.events as usize, "event"),
            crate::ui::count(r.recorded_breaks.len(), "earlier break")
        )),
        Ok(r) => out.push_str(&format!(
            "Audit log   verified, {}\n",
            crate::ui::count(r.events as usize, "event")
        )),
        Err(e) => out.push_str(&format!("Audit log   BROKEN: {}\n", escape(&e.message))),
    }
    if let Some(last) = last_failed {
        out.push_str(&format!(
            "Failed unlocks {} in the last 30 days; last {} via {}: {} [unauthenticated]\n",
            failed.len(),
            clock::short(last.time),
            escape(&last.event.via),
            escape(last.event.detail.as_deref().unwrap_or("-")),
        ));
    }
    if !grants.is_empty() {
        out.push_str("Grants\n");
        for g in &grants {
            let exp = match g.expires_at {
                Some(t) if t <= ctx.now => format!("expired {}", clock::short(t)),
                Some(t) => format!("expires {}", clock::short(t)),
                None => "no expiry".into(),
            };
            out.push_str(&format!("  {} → {} ({exp})\n", escape(&g.label), g.env));
        }
    }
    if !unused.is_empty() {
        out.push_str("Unused for 90 days or never used (candidates for revocation)\n");
        for u in &unused {
            out.push_str(&format!(
                "  {}/{} (last used {})\n",
                u["env"].as_str().unwrap(),
                u["name"].as_str().unwrap(),
                u["last_used"].as_str().unwrap_or("never")
            ));
        }
    }
    if !unusual.is_empty() {
        out.push_str("Unusual use\n");
        for u in &unusual {
            out.push_str(&format!("  {}/{}: {}\n", u.env, u.name, escape(&u.what)));
        }
    }
    ctx.ui.out(&out)?;
    audit?;
    Ok(())
}
