//! Which values `run` and `export` hand out: `--only`, revoked ones skipped (or refused when
//! named), expired ones refused unless allowed, and NAME_PREVIOUS during a grace period.

use zeroize::Zeroizing;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::names::check_secret_name;
use crate::vault::{EnvValues, STATE_REVOKED};

/// Refuse expired values, or let them through with a warning.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Expired {
    Refuse,
    Warn,
}

/// (variable name, value) pairs, sorted by name when asked to be.
pub type Selected = Vec<(String, Zeroizing<Vec<u8>>)>;

/// In what order `select` returns the pairs: by name (output that people and diffs read), or
/// as they come (a command's environment, which the OS does not order: at 10,000 secrets the
/// sort was a twentieth of a `run`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Order {
    ByName,
    Any,
}

/// The values to hand out of `values` (in any order; warnings name secrets in name order).
pub fn select(
    ctx: &Context,
    env: &str,
    values: EnvValues,
    only: &[String],
    expired: Expired,
    order: Order,
) -> Result<Selected> {
    for n in only {
        check_secret_name(n)?;
        if !values.latest.iter().any(|v| &v.name == n) {
            return Err(
                Error::general(format!("no secret {n} in environment {env}"))
                    .with_hint(format!("see what is there with `tresor list -e {env}`")),
            );
        }
    }
    let wanted = |name: &str| only.is_empty() || only.iter().any(|n| n == name);
    if !only.is_empty() {
        if let Some(v) = values
            .latest
            .iter()
            .find(|v| v.state == STATE_REVOKED && wanted(&v.name))
        {
            return Err(Error::policy(format!("{} in {env} is revoked", v.name))
                .with_hint("a revoked key is never handed out; store a new one with `tresor rotate` or `tresor set`"));
        }
    }
    let mut expired_names = Vec::new();
    let mut revoked_names = Vec::new();
    // Collected in place: the pairs reuse the values' allocation (a fresh copy was half a
    // megabyte of new pages at 10,000 secrets).
    let mut out: Selected = values
        .latest
        .into_iter()
        .filter_map(|v| {
            if !wanted(&v.name) {
                return None;
            }
            if v.state == STATE_REVOKED {
                revoked_names.push(v.name);
                return None;
            }
            if v.expires_at.is_some_and(|t| t <= ctx.now) {
                expired_names.push(v.name.clone());
            }
            Some((v.name, v.value))
        })
        .collect();
    revoked_names.sort_unstable();
    for name in revoked_names {
        ctx.ui
            .warn(&format!("skipping {name} in {env}: it is revoked"));
    }
    if !expired_names.is_empty() {
        expired_names.sort_unstable();
        let list = expired_names.join(", ");
        match expired {
            Expired::Refuse => {
                return Err(Error::policy(format!("expired in {env}: {list}"))
                    .with_hint("rotate them (`tresor rotate NAME`), or pass --allow-expired to use them anyway"));
            }
            Expired::Warn => ctx.ui.warn(&format!("expired in {env}: {list}")),
        }
    }
    for p in values.previous {
        if !wanted(&p.name) {
            continue;
        }
        let name = format!("{}_PREVIOUS", p.name);
        if out.iter().any(|(n, _)| *n == name) {
            ctx.ui.warn(&format!(
                "{name} is a secret of its own; the previous value of {} is not injected",
                p.name
            ));
            continue;
        }
        out.push((name, p.value));
    }
    if order == Order::ByName {
        out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    }
    Ok(out)
}
