//! `tresor import FILE|-`: secrets from a dotenv or JSON file, all or nothing.

use std::io::Read;

use zeroize::Zeroizing;

use crate::cli::{ImportArgs, ImportFormat};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::names::check_secret_name;
use crate::vault::{NewVersion, Origin, VersionMeta};

pub fn cmd_import(ctx: &Context, args: ImportArgs) -> Result<()> {
    let from_stdin = args.file.as_os_str() == "-";
    let what = if from_stdin {
        "standard input".to_string()
    } else {
        args.file.display().to_string()
    };
    let mut text = Zeroizing::new(String::new());
    let read = if from_stdin {
        std::io::stdin().read_to_string(&mut text)
    } else {
        std::fs::File::open(&args.file).and_then(|mut f| f.read_to_string(&mut text))
    };
    read.map_err(|e| Error::io(&what, e))?;
    let format = args.format.unwrap_or(
        if args
            .file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            ImportFormat::Json
        } else {
            ImportFormat::Dotenv
        },
    );
    let entries = match format {
        ImportFormat::Dotenv => crate::dotenv::parse(&text)
            .map_err(|e| Error::general(format!("{what}: {e}")))?
            .into_iter()
            .map(|e| (e.key, format!("line {}", e.line), e.value))
            .collect::<Vec<_>>(),
        ImportFormat::Json => parse_json(&text, &what)?,
    };
    if entries.is_empty() {
        return Err(Error::general(format!("{what} holds no variables")));
    }
    // Check everything before writing anything.
    let mut values = Vec::with_capacity(entries.len());
    for (name, place, value) in entries {
        check_secret_name(&name).map_err(|e| Error {
            message: format!("{what}, {place}: {}", e.message),
            ..e
        })?;
        let v =
            crate::input::check_value(Zeroizing::new(value.as_bytes().to_vec())).map_err(|e| {
                Error {
                    message: format!("{what}, {place}: {name}: {}", e.message),
                    ..e
                }
            })?;
        values.push((name, v));
    }
    let env = ctx.env_name()?;
    let mut vault = ctx.write_vault()?;
    if !args.overwrite {
        let names = vault.list(&env)?;
        let clashes: Vec<&str> = values
            .iter()
            .filter(|(n, _)| names.iter().any(|s| s.name == *n))
            .map(|(n, _)| n.as_str())
            .collect();
        if !clashes.is_empty() {
            return Err(
                Error::general(format!("already in {env}: {}", clashes.join(", ")))
                    .with_hint("nothing was imported; pass --overwrite to add new versions"),
            );
        }
    }
    let schedule = super::schedule(ctx, &crate::cli::ScheduleArgs::default(), None)?;
    for (name, value) in &values {
        vault.put(
            &env,
            name,
            value,
            NewVersion {
                origin: Origin::Import,
                expires_at: None,
                rotate_at: schedule.rotate_at,
                grace_until: None,
                meta: VersionMeta {
                    rotate_every: schedule.meta.rotate_every,
                    ..VersionMeta::default()
                },
            },
        )?;
    }
    vault.event(
        crate::audit::Event::new("import")
            .env(&env)
            .detail(format!("{} secrets from {what}", values.len())),
    );
    super::commit_write(ctx, &mut vault)?;
    super::remind(ctx, &vault, &env);
    ctx.ui.status(&format!(
        "Imported {} secret{} into {env}",
        values.len(),
        if values.len() == 1 { "" } else { "s" }
    ));
    if !from_stdin {
        ctx.ui.note(&format!(
            "{what} still holds the values in plaintext; delete it (for example with `shred -u`)"
        ));
    }
    Ok(())
}

/// `{"NAME": "value", …}`. Error messages give positions and names, never values (serde's own
/// type errors would quote them).
fn parse_json(text: &str, what: &str) -> Result<Vec<(String, String, Zeroizing<String>)>> {
    let doc: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        Error::general(format!(
            "{what}: line {}, column {}: not valid JSON",
            e.line(),
            e.column()
        ))
    })?;
    let serde_json::Value::Object(map) = doc else {
        return Err(Error::general(format!(
            "{what}: expected one JSON object {{\"NAME\": \"value\", …}}"
        )));
    };
    let mut out = Vec::with_capacity(map.len());
    for (k, v) in map {
        match v {
            serde_json::Value::String(s) => {
                out.push((k.clone(), format!("key {k:?}"), Zeroizing::new(s)))
            }
            _ => {
                return Err(Error::general(format!(
                    "{what}: the value of {k} is not a string"
                )));
            }
        }
    }
    Ok(out)
}
