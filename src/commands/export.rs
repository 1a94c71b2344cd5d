//! `tresor export`: secrets on stdout as dotenv, JSON or shell, never into a file by default.

use zeroize::Zeroizing;

use super::select::{Expired, Order, select};
use crate::cli::{DotenvDialect, ExportArgs, ExportFormat};
use crate::context::Context;
use crate::error::{Error, Result};

pub fn cmd_export(ctx: &Context, args: ExportArgs) -> Result<()> {
    super::refuse_regular_file(args.allow_file)?;
    let selected = if let Some(b) = super::bundle::open_bundle(ctx, &args.source)? {
        select(
            ctx,
            &b.env,
            super::bundle::bundle_values(&b),
            &args.only,
            Expired::Warn,
            Order::ByName,
        )?
    } else {
        let env = ctx.env_name()?;
        let mut vault = ctx.read_vault()?;
        let values = vault.values(&env)?;
        let selected = select(ctx, &env, values, &args.only, Expired::Warn, Order::ByName)?;
        // The audit event of this export is committed here, before the values leave.
        vault.event(
            crate::audit::Event::new(crate::audit::Action::Export)
                .env(&env)
                .detail(crate::ui::count(selected.len(), "secret")),
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
    // Each format is written once into a buffer of its final size (the dotenv and shell
    // writers count first too), zeroed when dropped.
    let text: Zeroizing<Vec<u8>> = match args.format {
        ExportFormat::Dotenv => {
            let (dialect, reader, after) = match args.dialect {
                DotenvDialect::Python => (
                    crate::dotenv::Dialect::Python,
                    "python-dotenv",
                    "; it may misread the entries after them too (a value that ends in a backslash)",
                ),
                DotenvDialect::Node => (crate::dotenv::Dialect::Node, "node dotenv", ""),
            };
            let (text, inexact) = crate::dotenv::format_dotenv_dialect(&pairs, dialect);
            if !inexact.is_empty() {
                ctx.ui.warn(&format!(
                    "{reader} cannot read back exactly, in any quoting: {}{after} (tresor import and run --env-file read them exactly)",
                    inexact.join(", ")
                ));
            }
            Zeroizing::new(text.into_bytes())
        }
        ExportFormat::Shell => Zeroizing::new(crate::dotenv::format_shell(&pairs).into_bytes()),
        ExportFormat::Json => format_json(&pairs)?,
    };
    ctx.ui.reveal(&text, false)
}

/// `{"NAME": "value", …}` and a newline, names in order (as a JSON object map sorted them
/// before): serialized from the borrowed pairs into one pre-sized zeroizing buffer, never
/// through `serde_json::Value`, whose strings are copies nobody zeroes.
fn format_json(pairs: &[(&str, &str)]) -> Result<Zeroizing<Vec<u8>>> {
    let mut sorted = pairs.to_vec();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    sorted.dedup_by(|a, b| a.0 == b.0);
    let mut buf = crate::zjson::to_vec(&crate::zjson::StrMap(&sorted), 1)
        .map_err(|e| Error::general(format!("export: {e}")))?;
    buf.push(b'\n');
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_export_is_one_exact_buffer_in_name_order() {
        let v = "v\"1\n\u{e9}";
        let out = format_json(&[("ZED", v), ("ALPHA", "a"), ("MID", "")]).unwrap();
        assert_eq!(out.capacity(), out.len(), "sized once, nothing grown");
        assert_eq!(
            std::str::from_utf8(&out).unwrap(),
            "{\"ALPHA\":\"a\",\"MID\":\"\",\"ZED\":\"v\\\"1\\n\u{e9}\"}\n"
        );
    }
}
