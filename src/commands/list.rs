//! `tresor list`: names, versions, dates and states of secrets; never values.

use serde_json::json;

use crate::cli::ListArgs;
use crate::clock;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::lifecycle::{self, Dates, Status};
use crate::vault::{STATE_REVOKED, SecretInfo};

/// The name filter of `list PATTERN`: a glob, or a substring when it has no glob character.
pub struct NameFilter(Option<globset::GlobMatcher>);

impl NameFilter {
    pub fn new(pattern: Option<&str>) -> Result<NameFilter> {
        let Some(p) = pattern else {
            return Ok(NameFilter(None));
        };
        let glob = if p.contains(['*', '?', '[']) {
            p.to_string()
        } else {
            format!("*{}*", globset::escape(p))
        };
        let m = globset::GlobBuilder::new(&glob)
            .literal_separator(false)
            .build()
            .map_err(|e| {
                Error::usage(format!("invalid pattern: {}", e.kind()))
                    .with_hint("a glob: * any text, ? one character, [A-Z] one of a set")
            })?
            .compile_matcher();
        Ok(NameFilter(Some(m)))
    }

    pub fn matches(&self, name: &str) -> bool {
        self.0.as_ref().is_none_or(|m| m.is_match(name))
    }
}

/// Whether `status` passes `--due` and `--expired`.
fn status_passes(args: &ListArgs, st: Status) -> bool {
    (!args.due || matches!(st, Status::Due | Status::Overdue | Status::Expired))
        && (!args.expired || st == Status::Expired)
}

pub fn cmd_list(ctx: &Context, args: ListArgs) -> Result<()> {
    let filter = NameFilter::new(args.pattern.as_deref())?;
    let unused = args
        .unused
        .as_deref()
        .map(clock::parse_duration)
        .transpose()?;
    if let Some(b) = super::bundle::open_bundle(ctx, &args.source)? {
        if unused.is_some() {
            return Err(Error::usage(
                "--unused needs the vault's audit log; a bundle has none",
            ));
        }
        return list_bundle(ctx, &args, &b, &filter);
    }
    let mut vault = ctx.read_vault()?;
    let envs = if args.all_envs {
        vault.env_names()
    } else {
        vec![ctx.env_name()?]
    };
    // Each with the name of its environment (borrowed from `envs`).
    let mut secrets: Vec<(&str, SecretInfo, Status)> = Vec::new();
    for env in &envs {
        let listed = vault.list(env);
        let Some(listed) = super::skip_protected(ctx, &vault, env, args.all_envs, listed)? else {
            continue;
        };
        for s in listed {
            let st = status_of(ctx, &s);
            if st == Status::Revoked && !args.revoked {
                continue;
            }
            if !filter.matches(&s.name) || !status_passes(&args, st) {
                continue;
            }
            secrets.push((env, s, st));
        }
    }
    if unused.is_some() && !vault.full_access() {
        return Err(Error::unlock(
            "--unused needs the audit log, which a grant does not open",
        ));
    }
    // Last use and use count, from the audit log (a grant holder cannot read it; for the owner
    // a log that does not verify is an error, not "never used"). Only `--json` shows them and
    // only `--unused` filters on them: the table does not read the log, which grows with
    // every command.
    let needs_usage = args.json || unused.is_some();
    let events: Vec<(i64, crate::audit::Event)> = if vault.full_access() && needs_usage {
        vault
            .audit_entries()?
            .into_iter()
            .map(|e| (e.time, e.event))
            .collect()
    } else {
        Vec::new()
    };
    let keys: Vec<(String, String, i64)> = if needs_usage {
        secrets
            .iter()
            .map(|(env, s, _)| (env.to_string(), s.name.clone(), s.created))
            .collect()
    } else {
        Vec::new()
    };
    let usage = crate::usage::last_used(&events, &keys);
    if let Some(idle) = unused {
        secrets.retain(|(env, s, _)| {
            let last = usage[&(env.to_string(), s.name.clone())].0;
            ctx.now.saturating_sub(last.unwrap_or(s.created)) >= idle
        });
    }
    vault.event(crate::audit::Event::new(crate::audit::Action::List).detail(envs.join(",")));
    vault.commit()?;
    for env in &envs {
        super::remind(ctx, &vault, env);
    }
    let opt = |t: Option<i64>| t.map(clock::rfc3339);
    if args.json {
        let doc: Vec<_> = secrets
            .iter()
            .map(|(env, s, st)| {
                let usage = &usage[&(env.to_string(), s.name.clone())];
                json!({
                    "env": env,
                    "name": s.name,
                    "version": s.latest.version,
                    "versions": s.versions,
                    "status": st.as_str(),
                    "created": clock::rfc3339(s.created),
                    "updated": clock::rfc3339(s.latest.created),
                    "expires_at": opt(s.latest.expires_at),
                    "next_rotation": opt(s.latest.rotate_at),
                    "last_used": usage.0.map(clock::rfc3339),
                    "uses": usage.1,
                    "note": s.latest.meta.note,
                })
            })
            .collect();
        return ctx.ui.out(&crate::ui::json_safe(
            serde_json::Value::from(doc).to_string() + "\n",
        ));
    }
    let mut header = vec![];
    if args.all_envs {
        header.push("ENV");
    }
    header.extend([
        "NAME",
        "VERSION",
        "STATUS",
        "UPDATED",
        "EXPIRES",
        "NEXT ROTATION",
    ]);
    if secrets.is_empty() && ctx.ui.stdout_tty {
        ctx.ui.status(&format!("No secrets in {}", envs.join(", ")));
        return Ok(());
    }
    let mut table = crate::ui::Table::new(&header, secrets.len());
    // Dates are written into one scratch buffer, not a `String` each.
    let mut scratch = String::with_capacity(32);
    let mut date = |table: &mut crate::ui::Table, t: Option<i64>| {
        scratch.clear();
        match t {
            Some(t) => clock::push_short(&mut scratch, t),
            None => scratch.push('-'),
        }
        table.cell(&scratch);
    };
    for (env, s, st) in &secrets {
        if args.all_envs {
            table.cell(env);
        }
        table.cell(&s.name);
        table.cell(itoa::Buffer::new().format(s.latest.version));
        table.cell(st.as_str());
        date(&mut table, Some(s.latest.created));
        date(&mut table, s.latest.expires_at);
        date(&mut table, s.latest.rotate_at);
    }
    ctx.ui.out(&table.render(ctx.ui.stdout_tty, &ctx.ui))?;
    // The process exits next. Handing 100,000 entries back to the allocator one by one (and
    // the merging of its free lists that follows) was about a seventh of `list` at that size
    // with glibc's allocator (bench/README.md, "Speed pass 4"); they hold names and dates,
    // never a value, and freeing would not have wiped them either.
    std::mem::forget(secrets);
    Ok(())
}

fn status_of(ctx: &Context, s: &SecretInfo) -> Status {
    lifecycle::status(
        Dates {
            revoked: s.latest.state == STATE_REVOKED,
            expires_at: s.latest.expires_at,
            rotate_at: s.latest.rotate_at,
        },
        ctx.now,
        ctx.remind_within(),
    )
}

/// `list --bundle`: names, expiry and status of a bundle's secrets.
fn list_bundle(
    ctx: &Context,
    args: &ListArgs,
    b: &crate::bundle::Bundle,
    filter: &NameFilter,
) -> Result<()> {
    let status = |exp: Option<i64>| {
        lifecycle::status(
            Dates {
                revoked: false,
                expires_at: exp,
                rotate_at: None,
            },
            ctx.now,
            ctx.remind_within(),
        )
    };
    let shown: Vec<&crate::bundle::BundleSecret> = b
        .secrets
        .iter()
        .filter(|s| filter.matches(&s.name) && status_passes(args, status(s.expires_at)))
        .collect();
    if args.json {
        let doc: Vec<_> = shown
            .iter()
            .map(|s| {
                json!({
                    "env": b.env,
                    "name": s.name,
                    "version": null,
                    "status": status(s.expires_at).as_str(),
                    "created": clock::rfc3339(b.created),
                    "updated": clock::rfc3339(b.created),
                    "expires_at": s.expires_at.map(clock::rfc3339),
                    "next_rotation": null,
                    "last_used": null,
                    "note": null,
                })
            })
            .collect();
        return ctx
            .ui
            .out(&(serde_json::Value::from(doc).to_string() + "\n"));
    }
    let rows: Vec<Vec<String>> = shown
        .iter()
        .map(|s| {
            vec![
                s.name.clone(),
                status(s.expires_at).as_str().to_string(),
                s.expires_at.map(clock::short).unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    ctx.ui.out(&crate::ui::table(
        &["NAME", "STATUS", "EXPIRES"],
        &rows,
        ctx.ui.stdout_tty,
        &ctx.ui,
    ))
}
