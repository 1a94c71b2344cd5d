//! `tresor run -- CMD ARGS…`: start a command with secrets in its environment (doc/cli.md §5).

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use zeroize::Zeroizing;

use super::select::{Expired, Order, Selected, select};
use crate::cli::RunArgs;
use crate::context::Context;
use crate::error::{Error, Kind, Result};
use crate::exec;
use crate::vault::STATE_REVOKED;

/// Returns the command's exit status (or 128+N when signal N ended it) when tresor stayed as
/// its parent; without `--mask` or `--file` tresor becomes the command and never returns.
pub fn cmd_run(ctx: &Context, args: RunArgs, passphrase_fd: Option<i32>) -> Result<u8> {
    let env = ctx.env_name()?;
    if let Some(p) = &args.prefix {
        check_prefix(p)?;
    }
    let expired = if args.allow_expired {
        Expired::Warn
    } else {
        Expired::Refuse
    };
    // Without --env-file or --only, the allowed project file's `env_file` applies.
    let project_env_file = ctx
        .project
        .as_ref()
        .and_then(|p| p.env_file.clone())
        .filter(|_| args.only.is_empty());
    let env_file = match args.env_file.as_ref().or(project_env_file.as_ref()) {
        Some(path) => {
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::io(format!("--env-file {shown}"), e))?;
            let entries = crate::dotenv::parse(&text)
                .map_err(|e| Error::general(format!("--env-file {shown}: {e}")))?;
            Some((shown, entries))
        }
        None => None,
    };
    let file_specs = parse_file_specs(&args.files)?;
    // Where `--file` values go is checked before anything is unlocked or recorded.
    let file_base = if file_specs.is_empty() {
        None
    } else {
        Some(crate::ramdir::check_base(args.allow_disk, "--allow-disk")?)
    };
    let files: Vec<FileValue>;
    let injected = if let Some(b) = super::bundle::open_bundle(ctx, &args.source)? {
        let mut lookup = |ref_env: &str, name: &str| {
            let s = b
                .secrets
                .iter()
                .find(|s| s.name == name && ref_env == b.env)
                .ok_or_else(|| Error::general(format!("no secret {name} in the bundle")))?;
            Ok(Resolved {
                value: Zeroizing::new(s.value.as_bytes().to_vec()),
                revoked: false,
                expires_at: s.expires_at,
            })
        };
        files = resolve_files(ctx, &mut lookup, &b.env, &file_specs, expired)?;
        match env_file {
            Some((file, entries)) => {
                let mut lookup = |ref_env: &str, name: &str| {
                    let s = b
                        .secrets
                        .iter()
                        .find(|s| s.name == name && ref_env == b.env)
                        .ok_or_else(|| Error::general("not in the bundle"))?;
                    Ok(Resolved {
                        value: Zeroizing::new(s.value.as_bytes().to_vec()),
                        revoked: false,
                        expires_at: s.expires_at,
                    })
                };
                resolve_env_file(ctx, &mut lookup, &b.env, (&file, entries), expired)
                    .map_err(super::bundle::on_runner)?
            }
            None => select(
                ctx,
                &b.env,
                super::bundle::bundle_values(&b),
                &args.only,
                expired,
                Order::Any,
            )
            .map_err(super::bundle::on_runner)?,
        }
    } else {
        let mut vault = ctx.read_vault()?;
        let mut lookup = |ref_env: &str, name: &str| {
            let r = vault.get(ref_env, name, None)?;
            Ok(Resolved {
                revoked: r.info.state == STATE_REVOKED,
                expires_at: r.info.expires_at,
                value: r.value,
            })
        };
        files = resolve_files(ctx, &mut lookup, &env, &file_specs, expired)?;
        let injected = match env_file {
            Some((file, entries)) => {
                let mut lookup = |ref_env: &str, name: &str| {
                    let r = vault.get(ref_env, name, None)?;
                    Ok(Resolved {
                        revoked: r.info.state == STATE_REVOKED,
                        expires_at: r.info.expires_at,
                        value: r.value,
                    })
                };
                resolve_env_file(ctx, &mut lookup, &env, (&file, entries), expired)?
            }
            None => {
                let values = vault.values(&env)?;
                select(ctx, &env, values, &args.only, expired, Order::Any)?
            }
        };
        // The audit event of this run is committed here, before the values leave the process.
        // It names the program only, never its arguments.
        let program = crate::audit::program_name(&args.command[0]);
        vault.event(
            crate::audit::Event::new(crate::audit::Action::Run)
                .env(&env)
                .detail(if files.is_empty() {
                    format!("{program} ({})", crate::ui::count(injected.len(), "secret"))
                } else {
                    format!(
                        "{program} ({}, {} as files)",
                        crate::ui::count(injected.len(), "secret"),
                        files.len()
                    )
                }),
        );
        vault.commit()?;
        super::remind(ctx, &vault, &env);
        // The vault is closed before the exec: the command inherits no descriptor of it.
        drop(vault);
        injected
    };

    let prefix = args.prefix.as_deref().unwrap_or("");
    let variable = |name: String| {
        OsString::from(if prefix.is_empty() {
            name
        } else {
            format!("{prefix}{name}")
        })
    };
    // Without --mask the values move into the command's environment as they are (no copy:
    // the command gets them in plain memory either way); --mask keeps them to look for.
    let (mut added, masked): (Vec<(OsString, OsString)>, Selected) = if args.mask {
        let added = injected
            .iter()
            .map(|(name, value)| (variable(name.clone()), OsString::from_vec(value.to_vec())))
            .collect();
        (added, injected)
    } else {
        let added = injected
            .into_iter()
            .map(|(name, mut value)| {
                (
                    variable(name),
                    OsString::from_vec(std::mem::take(&mut *value)),
                )
            })
            .collect();
        (added, Vec::new())
    };
    let mut patterns: Vec<&[u8]> = masked.iter().map(|(_, v)| v.as_slice()).collect();
    // Names from the vault, a bundle or an --env-file (which refuses a repeated key) are
    // unique; a --file variable may reuse one (the later wins).
    let added_unique = files.is_empty();
    // `--file NAME[=VAR]`: the value in a private file in memory, its path in VAR.
    let file_dir = if files.is_empty() {
        None
    } else {
        let base = file_base.as_deref().expect("checked with the --file specs");
        let dir = crate::ramdir::RamDir::create_in(base)?;
        for f in &files {
            let path = dir.write_file(&f.name, &f.value)?;
            added.push((OsString::from(&f.var), path.into_os_string()));
            patterns.push(&f.value);
        }
        Some(dir)
    };
    let environment = exec::ChildEnv::new(!args.no_inherit, added, added_unique);
    let (program, rest) = args.command.split_first().expect("clap requires CMD");
    exec::detach_key_stdin(passphrase_fd);
    if !args.mask {
        let Some(dir) = file_dir else {
            return Err(exec::exec(program, rest, environment));
        };
        // Supervised: the files go when the command ends, however it ends.
        let mut cmd = exec::command(program, rest, environment.into_pairs());
        cmd.stdin(std::process::Stdio::inherit());
        let ended = exec::spawn_and_wait(cmd, program)?;
        drop(dir);
        return Ok(ended.code());
    }
    let short: Vec<&str> = masked
        .iter()
        .filter(|(_, v)| v.len() < crate::mask::MIN_MASKED_LEN)
        .map(|(n, _)| n.as_str())
        .collect();
    if !short.is_empty() {
        ctx.ui.warn(&format!(
            "not masked (shorter than {} bytes): {}",
            crate::mask::MIN_MASKED_LEN,
            short.join(", ")
        ));
    }
    // On a terminal the command gets a terminal of its own (colours, line editing), masked.
    let code = if ctx.ui.stdout_tty {
        crate::ptyrun::supervise_pty(
            program,
            rest,
            environment.into_pairs(),
            crate::mask::Patterns::new(&patterns),
        )?
    } else {
        exec::supervise(
            program,
            rest,
            environment.into_pairs(),
            crate::mask::Patterns::new(&patterns),
        )?
    };
    drop(file_dir);
    Ok(code)
}

/// A value `run --file` writes to a file, and the variable that gets the file's path.
struct FileValue {
    name: String,
    var: String,
    value: Zeroizing<Vec<u8>>,
}

/// `NAME` or `NAME=VAR` (VAR defaults to NAME_FILE), both valid names.
fn parse_file_specs(specs: &[String]) -> Result<Vec<(String, String)>> {
    let parsed: Vec<(String, String)> = specs
        .iter()
        .map(|spec| {
            let (name, var) = match spec.split_once('=') {
                Some((n, v)) => (n.to_string(), v.to_string()),
                None => (spec.clone(), format!("{spec}_FILE")),
            };
            crate::names::check_secret_name(&name)
                .and_then(|_| crate::names::check_secret_name(&var))
                .map_err(|_| {
                    Error::usage("--file takes NAME or NAME=VAR, both secret names")
                        .with_hint("the value itself is never given on the command line")
                })?;
            Ok((name, var))
        })
        .collect::<Result<_>>()?;
    let names: std::collections::HashSet<&str> = parsed.iter().map(|(n, _)| n.as_str()).collect();
    let vars: std::collections::HashSet<&str> = parsed.iter().map(|(_, v)| v.as_str()).collect();
    if names.len() != parsed.len() || vars.len() != parsed.len() {
        return Err(Error::usage("--file names a secret, or a variable, twice"));
    }
    Ok(parsed)
}

/// The values of `--file`: revoked ones refused, expired ones as `expired` says.
fn resolve_files(
    ctx: &Context,
    lookup: &mut dyn FnMut(&str, &str) -> Result<Resolved>,
    env: &str,
    specs: &[(String, String)],
    expired: Expired,
) -> Result<Vec<FileValue>> {
    let mut out = Vec::new();
    for (name, var) in specs {
        let r = lookup(env, name)?;
        if r.revoked {
            return Err(Error::policy(format!("{name} in {env} is revoked")));
        }
        if r.expires_at.is_some_and(|t| t <= ctx.now) {
            match expired {
                Expired::Refuse => {
                    return Err(Error::policy(format!("expired: {name}"))
                        .with_hint("rotate it, or pass --allow-expired to use it anyway"));
                }
                Expired::Warn => ctx.ui.warn(&format!("expired: {name}")),
            }
        }
        out.push(FileValue {
            name: name.clone(),
            var: var.clone(),
            value: r.value,
        });
    }
    Ok(out)
}

/// A prefix must keep every name a valid environment variable name.
fn check_prefix(p: &str) -> Result<()> {
    let ok = p
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(Error::general(format!("invalid --prefix {p:?}"))
            .with_hint("a prefix is letters, digits and `_`, not starting with a digit"))
    }
}

/// The variables of an `--env-file`: `tresor://NAME` and `tresor://ENV/NAME` resolved, other
/// values passed as written.
/// A referenced value and what decides whether it may be handed out.
struct Resolved {
    value: Zeroizing<Vec<u8>>,
    revoked: bool,
    expires_at: Option<i64>,
}

fn resolve_env_file(
    ctx: &Context,
    lookup: &mut dyn FnMut(&str, &str) -> Result<Resolved>,
    env: &str,
    (file, entries): (&str, Vec<crate::dotenv::Entry>),
    expired: Expired,
) -> Result<Selected> {
    let mut out: Selected = Vec::new();
    let mut expired_refs = Vec::new();
    for e in entries {
        let Some(reference) = e.value.strip_prefix("tresor://") else {
            out.push((e.key, Zeroizing::new(e.value.as_bytes().to_vec())));
            continue;
        };
        let (ref_env, name) = match reference.split_once('/') {
            Some((a, b)) => (a.to_string(), b.to_string()),
            None => (env.to_string(), reference.to_string()),
        };
        crate::names::check_env_name(&ref_env)
            .and_then(|_| crate::names::check_secret_name(&name))
            .map_err(|_| {
                Error::general(format!(
                    "{file}, line {}: {} is not a valid reference",
                    e.line, e.key
                ))
                .with_hint("write tresor://NAME or tresor://ENV/NAME")
            })?;
        let revealed = lookup(&ref_env, &name).map_err(|err| {
            if err.kind == Kind::General {
                Error::general(format!(
                    "{file}, line {}: {} refers to tresor://{ref_env}/{name}, which does not exist",
                    e.line, e.key
                ))
                .with_hint(format!("see what is there with `tresor list -e {ref_env}`"))
            } else {
                Error {
                    message: format!("{file}, line {}: {}: {}", e.line, e.key, err.message),
                    ..err
                }
            }
        })?;
        if revealed.revoked {
            return Err(Error::policy(format!(
                "{file}, line {}: {} refers to {name} in {ref_env}, which is revoked",
                e.line, e.key
            )));
        }
        if revealed.expires_at.is_some_and(|t| t <= ctx.now) {
            expired_refs.push(format!("{name} ({ref_env})"));
        }
        out.push((e.key, revealed.value));
    }
    if !expired_refs.is_empty() {
        let list = expired_refs.join(", ");
        match expired {
            Expired::Refuse => {
                return Err(
                    Error::policy(format!("expired, referenced from {file}: {list}"))
                        .with_hint("rotate them, or pass --allow-expired to use them anyway"),
                );
            }
            Expired::Warn => ctx
                .ui
                .warn(&format!("expired, referenced from {file}: {list}")),
        }
    }
    Ok(out)
}
