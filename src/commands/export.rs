//! `tresor export`: secrets on stdout as dotenv, JSON or shell, never into a file by default.

use std::os::fd::AsFd;

use super::select::{Expired, select};
use crate::cli::{ExportArgs, ExportFormat};
use crate::context::Context;
use crate::error::{Error, Result};

pub fn cmd_export(ctx: &Context, args: ExportArgs) -> Result<()> {
    if !args.allow_file && stdout_is_regular_file() {
        return Err(Error::policy("refusing to write secrets into a regular file")
            .with_hint("tresor keeps plaintext off the disk; pipe the output instead, or pass --allow-file if you mean it"));
    }
    let selected = if let Some(b) = super::bundle::open_bundle(ctx, &args.source)? {
        select(
            ctx,
            &b.env,
            super::bundle::bundle_values(&b),
            &args.only,
            Expired::Warn,
        )?
    } else {
        let env = ctx.env_name()?;
        let mut vault = ctx.read_vault()?;
        let values = vault.values(&env)?;
        let selected = select(ctx, &env, values, &args.only, Expired::Warn)?;
        // The audit event of this export is committed here, before the values leave.
        vault.event(
            crate::audit::Event::new("export")
                .env(&env)
                .detail(format!("{} secrets", selected.len())),
        );
        vault.commit()?;
        super::remind(ctx, &vault, &env);
        selected
    };
    let pairs: Vec<(&str, &str)> = selected
        .iter()
        .map(|(n, v)| {
            (
                n.as_str(),
                std::str::from_utf8(v).expect("values are UTF-8"),
            )
        })
        .collect();
    let text = zeroize::Zeroizing::new(match args.format {
        ExportFormat::Dotenv => crate::dotenv::format_dotenv(&pairs),
        ExportFormat::Shell => crate::dotenv::format_shell(&pairs),
        ExportFormat::Json => {
            let map: serde_json::Map<String, serde_json::Value> = pairs
                .iter()
                .map(|(n, v)| (n.to_string(), serde_json::Value::String(v.to_string())))
                .collect();
            serde_json::Value::Object(map).to_string() + "\n"
        }
    });
    ctx.ui.reveal(text.as_bytes(), false)
}

fn stdout_is_regular_file() -> bool {
    rustix::fs::fstat(std::io::stdout().as_fd())
        .map(|st| {
            rustix::fs::FileType::from_raw_mode(st.st_mode) == rustix::fs::FileType::RegularFile
        })
        .unwrap_or(false)
}
