//! `tresor edit NAME`: change a value in `$VISUAL` or `$EDITOR`. The value is written to a
//! private folder in memory (see `ramdir`), the editor is started on it, and a new version is
//! stored only if the text changed. The file is removed on every way out: the editor failing,
//! Ctrl-C, SIGTERM or SIGHUP to tresor (forwarded to the editor; nothing is stored), an error,
//! a panic.

use std::ffi::OsString;

use zeroize::Zeroizing;

use crate::cli::EditArgs;
use crate::context::Context;
use crate::error::{Error, Kind, Result};
use crate::names::check_secret_name;
use crate::vault::{Origin, STATE_REVOKED, VersionMeta};

/// The editor command: `$VISUAL`, else `$EDITOR`, else `vi`.
fn editor() -> OsString {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| OsString::from("vi"))
}

pub fn cmd_edit(ctx: &Context, args: EditArgs) -> Result<()> {
    check_secret_name(&args.name)?;
    let env = ctx.env_name()?;
    // The folder is checked first, so that a refused one costs no unlock; it is made once the
    // value is read (a Ctrl-C at a passphrase prompt leaves nothing behind).
    let base = crate::ramdir::check_base(args.allow_disk, "--allow-disk")?;

    // The current value (none for a new secret), read and audited before the editor starts;
    // the vault is closed while the editor runs.
    let source = ctx.key_source()?;
    let mut vault = ctx.read_vault_with(&source)?;
    let current = match vault.get(&env, &args.name, None) {
        Ok(r) => Some(r),
        Err(e) if e.kind == Kind::General => None,
        Err(e) => return Err(e),
    };
    if let Some(r) = &current {
        if r.info.state == STATE_REVOKED {
            return Err(Error::policy(format!("{} in {env} is revoked", args.name))
                .with_hint("set a new value with `tresor set` instead"));
        }
        vault.event(
            crate::audit::Event::new(crate::audit::Action::Get)
                .env(&env)
                .name(&args.name)
                .version(r.info.version)
                .detail("edit"),
        );
        vault.commit()?;
    }
    drop(vault);
    let old: Zeroizing<Vec<u8>> = current
        .as_ref()
        .map(|r| r.value.clone())
        .unwrap_or_default();
    let base_version = current.as_ref().map(|r| r.info.version);
    let dir = crate::ramdir::RamDir::create_in(&base)?;
    let file = dir.write_file(&format!("{}.txt", args.name), &old)?;

    let editor = editor();
    let mut script = OsString::from("exec ");
    script.push(&editor);
    script.push(" \"$@\"");
    let mut cmd = crate::exec::command(
        &OsString::from("/bin/sh"),
        &[
            OsString::from("-c"),
            script,
            editor.clone(),
            file.clone().into_os_string(),
        ],
        crate::exec::base_environment(true),
    );
    cmd.stdin(std::process::Stdio::inherit());
    let ended = crate::exec::spawn_and_wait(cmd, &editor)?;
    if let Some(sig) = ended.signalled {
        return Err(Error::new(
            Kind::Exit((128 + sig) as u8),
            format!("interrupted by signal {sig}; nothing was stored and the file is removed"),
        ));
    }
    if !ended.status.success() {
        let code = ended.code();
        let how = match std::os::unix::process::ExitStatusExt::signal(&ended.status) {
            Some(sig) => format!("was ended by signal {sig}"),
            None => format!("exited with status {code}"),
        };
        return Err(Error::new(
            if code > 128 {
                Kind::Exit(code)
            } else {
                Kind::General
            },
            format!(
                "the editor ({}) {how}; nothing was stored",
                editor.to_string_lossy()
            ),
        ));
    }
    let mut new = Zeroizing::new(std::fs::read(&file).map_err(|e| Error::io(file.display(), e))?);
    drop(dir);
    if !args.keep_newline && new.last() == Some(&b'\n') && old.last() != Some(&b'\n') {
        new.pop();
    }
    if new.as_slice() == old.as_slice() {
        ctx.ui
            .status(&format!("{} is unchanged; nothing stored", args.name));
        return Ok(());
    }
    if new.is_empty() && current.is_none() {
        ctx.ui
            .status(&format!("{} left empty; nothing stored", args.name));
        return Ok(());
    }
    let new = crate::input::check_value(new)?;

    let mut vault = ctx.write_vault_with(&source)?;
    let previous = match vault.get(&env, &args.name, None) {
        Ok(r) => Some(r.info),
        Err(e) if e.kind == Kind::General => None,
        Err(e) => return Err(e),
    };
    if previous.as_ref().map(|p| p.version) != base_version {
        return Err(Error::general(format!(
            "{} in {env} changed while you were editing; nothing was stored",
            args.name
        ))
        .with_hint("run `tresor edit` again to edit the new version"));
    }
    let prev_meta: Option<&VersionMeta> = previous.as_ref().map(|p| &p.meta);
    let mut schedule = super::schedule(ctx, &args.schedule, prev_meta)?;
    // An absolute expiry date (not a lifetime) stays as it was unless a flag changes it.
    if args.schedule.expires.is_none()
        && args.schedule.expires_in.is_none()
        && schedule.expires_at.is_none()
    {
        schedule.expires_at = previous.as_ref().and_then(|p| p.expires_at);
    }
    let version = vault.put(
        &env,
        &args.name,
        &new,
        schedule.into_version(Origin::Set, None),
    )?;
    vault.event(
        crate::audit::Event::new(crate::audit::Action::Set)
            .env(&env)
            .name(&args.name)
            .version(version)
            .detail("edit"),
    );
    super::commit_write(ctx, &mut vault)?;
    super::remind(ctx, &vault, &env);
    ctx.ui.status(&format!(
        "Stored {} in {env} (version {version})",
        args.name
    ));
    Ok(())
}
