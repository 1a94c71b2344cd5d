//! `tresor inject [TEMPLATE]`: a template with `{{ tresor://NAME }}` and
//! `{{ tresor://ENV/NAME }}` references, rendered to stdout with the values in place (as
//! `op inject` does). Stdout that is a regular file is refused (exit 5) unless `--allow-file`,
//! as for `export`. Every reference must resolve; revoked values are refused (exit 5), expired
//! ones too unless `--allow-expired`. Each secret read is recorded in the audit log as a `get`.

use std::io::Read;

use zeroize::Zeroizing;

use crate::cli::InjectArgs;
use crate::context::Context;
use crate::error::{Error, Kind, Result};
use crate::vault::STATE_REVOKED;

/// One reference in the template: its byte range, line, environment and name.
struct Reference {
    start: usize,
    end: usize,
    line: usize,
    env: String,
    name: String,
}

fn references(text: &str, default_env: &str) -> Result<Vec<Reference>> {
    let re = regex::Regex::new(r"\{\{\s*tresor://([^\s{}]*)\s*\}\}").expect("a valid pattern");
    let mut out = Vec::new();
    for m in re.captures_iter(text) {
        let all = m.get(0).expect("the whole match");
        let line = text[..all.start()].matches('\n').count() + 1;
        let reference = &m[1];
        let (env, name) = match reference.split_once('/') {
            Some((e, n)) => (e.to_string(), n.to_string()),
            None => (default_env.to_string(), reference.to_string()),
        };
        crate::names::check_env_name(&env)
            .and_then(|_| crate::names::check_secret_name(&name))
            .map_err(|_| {
                Error::general(format!("line {line}: not a valid reference"))
                    .with_hint("write {{ tresor://NAME }} or {{ tresor://ENV/NAME }}")
            })?;
        out.push(Reference {
            start: all.start(),
            end: all.end(),
            line,
            env,
            name,
        });
    }
    Ok(out)
}

pub fn cmd_inject(ctx: &Context, args: InjectArgs) -> Result<()> {
    super::refuse_regular_file(args.allow_file)?;
    let mut text = String::new();
    match args.template.as_deref() {
        None => std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Error::io("standard input", e))?,
        Some(p) if p.as_os_str() == "-" => std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Error::io("standard input", e))?,
        Some(p) => std::fs::File::open(p)
            .and_then(|mut f| f.read_to_string(&mut text))
            .map_err(|e| Error::io(p.display(), e))?,
    };
    let env = ctx.env_name()?;
    let refs = references(&text, &env)?;
    let mut values: Vec<Zeroizing<Vec<u8>>> = Vec::with_capacity(refs.len());
    if !refs.is_empty() {
        let mut vault = ctx.read_vault()?;
        let mut seen = std::collections::BTreeSet::new();
        let mut expired = Vec::new();
        for r in &refs {
            let got = vault.get(&r.env, &r.name, None).map_err(|e| {
                if e.kind == Kind::General {
                    Error::general(format!(
                        "line {}: tresor://{}/{} does not exist",
                        r.line, r.env, r.name
                    ))
                    .with_hint(format!("see what is there with `tresor list -e {}`", r.env))
                } else {
                    e
                }
            })?;
            if got.info.state == STATE_REVOKED {
                return Err(Error::policy(format!(
                    "line {}: {} in {} is revoked",
                    r.line, r.name, r.env
                )));
            }
            if got.info.expires_at.is_some_and(|t| t <= ctx.now) {
                expired.push(format!("{} ({})", r.name, r.env));
            }
            if seen.insert((r.env.clone(), r.name.clone())) {
                vault.event(
                    crate::audit::Event::new(crate::audit::Action::Get)
                        .env(&r.env)
                        .name(&r.name)
                        .version(got.info.version)
                        .detail("inject"),
                );
            }
            values.push(got.value);
        }
        if !expired.is_empty() {
            let list = expired.join(", ");
            if !args.allow_expired {
                return Err(Error::policy(format!("expired: {list}"))
                    .with_hint("rotate them, or pass --allow-expired to use them anyway"));
            }
            ctx.ui.warn(&format!("expired: {list}"));
        }
        // Committed before the values leave the process.
        vault.commit()?;
        super::remind(ctx, &vault, &env);
    }
    let size = text.len() + values.iter().map(|v| v.len()).sum::<usize>();
    let mut out = Zeroizing::new(Vec::with_capacity(size));
    let mut at = 0;
    for (r, v) in refs.iter().zip(&values) {
        out.extend_from_slice(&text.as_bytes()[at..r.start]);
        out.extend_from_slice(v);
        at = r.end;
    }
    out.extend_from_slice(&text.as_bytes()[at..]);
    ctx.ui.reveal(&out, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_found_with_their_lines() {
        let t = "a={{ tresor://A }}\nb={{tresor://prod/B_2}} {{ other }}\n";
        let r = references(t, "dev").unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(
            (r[0].env.as_str(), r[0].name.as_str(), r[0].line),
            ("dev", "A", 1)
        );
        assert_eq!(
            (r[1].env.as_str(), r[1].name.as_str(), r[1].line),
            ("prod", "B_2", 2)
        );
        assert!(references("{{ tresor://a/b/c }}", "dev").is_err());
    }
}
