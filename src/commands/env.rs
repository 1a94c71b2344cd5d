//! `tresor env list|add|rm`: manage environments.

use crate::cli::{EnvArgs, EnvCommand};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::names::check_env_name;

pub fn cmd_env(ctx: &Context, args: EnvArgs) -> Result<()> {
    match args.command {
        EnvCommand::List(a) => {
            let mut vault = ctx.read_vault()?;
            let counts: Vec<(String, i64, Option<String>)> = vault
                .env_counts()
                .into_iter()
                .map(|(n, c)| {
                    let p = vault.protected_by(&n);
                    (n, c, p)
                })
                .collect();
            vault.event(crate::audit::Event::new(crate::audit::Action::EnvList));
            vault.commit()?;
            if a.json {
                let doc: Vec<_> = counts
                    .iter()
                    .map(
                        |(n, c, p)| serde_json::json!({"name": n, "secrets": c, "protected_by": p}),
                    )
                    .collect();
                return ctx
                    .ui
                    .out(&(serde_json::Value::from(doc).to_string() + "\n"));
            }
            let rows: Vec<Vec<String>> = counts
                .iter()
                .map(|(n, c, p)| {
                    let prot = p
                        .as_ref()
                        .map(|l| format!("passphrase + {l}"))
                        .unwrap_or_else(|| "-".into());
                    vec![n.clone(), c.to_string(), prot]
                })
                .collect();
            ctx.ui.out(&crate::ui::table(
                &["ENVIRONMENT", "SECRETS", "PROTECTED"],
                &rows,
                ctx.ui.stdout_tty,
                &ctx.ui,
            ))
        }
        EnvCommand::Add(a) => {
            check_env_name(&a.name)?;
            let mut vault = ctx.write_vault()?;
            vault.add_env(&a.name)?;
            vault.event(crate::audit::Event::new(crate::audit::Action::EnvAdd).env(&a.name));
            vault.commit()?;
            ctx.ui.status(&format!("Added environment {}", a.name));
            Ok(())
        }
        EnvCommand::Protect(a) => {
            check_env_name(&a.name)?;
            let mut recipients = crate::unlock::parse_recipients(&a.recipient)?;
            if recipients.len() > 1 {
                return Err(Error::general(format!(
                    "{} holds {} recipients; a protected environment has one second factor",
                    a.recipient,
                    recipients.len()
                ))
                .with_hint("give the one identity's recipient (age1… or an SSH public key) whose holder must be present"));
            }
            let recipient = recipients.remove(0);
            let mut vault = ctx.write_vault()?;
            vault.protect(&a.name, &recipient)?;
            vault.event(
                crate::audit::Event::new(crate::audit::Action::EnvProtect)
                    .env(&a.name)
                    .detail(&recipient.label),
            );
            vault.commit()?;
            ctx.ui.status(&format!(
                "Protected {}: it now opens only with the vault passphrase and the identity of {} together (its key was replaced, so older copies of the vault cannot open what is stored from now on).",
                a.name, recipient.label
            ));
            Ok(())
        }
        EnvCommand::Unprotect(a) => {
            check_env_name(&a.name)?;
            let mut vault = ctx.write_vault()?;
            vault.unprotect(&a.name)?;
            vault.event(crate::audit::Event::new(crate::audit::Action::EnvUnprotect).env(&a.name));
            vault.commit()?;
            ctx.ui
                .status(&format!("{} opens with one factor again.", a.name));
            Ok(())
        }
        EnvCommand::Rm(a) => {
            check_env_name(&a.name)?;
            let mut vault = ctx.write_vault()?;
            let held = vault
                .env_counts()
                .into_iter()
                .find(|(e, _)| *e == a.name)
                .map_or(0, |(_, n)| n);
            if a.force && held > 0 {
                super::confirm(
                    a.yes,
                    &format!(
                        "Remove environment {} and its {held} secret{}?",
                        a.name,
                        if held == 1 { "" } else { "s" }
                    ),
                )?;
            }
            let (n, slots) = vault.remove_env_and_slots(&a.name, a.force)?;
            let mut detail = format!("{n} secret{}", if n == 1 { "" } else { "s" });
            if !slots.is_empty() {
                detail.push_str(&format!("; slots {}", slots.join(", ")));
            }
            vault.event(
                crate::audit::Event::new(crate::audit::Action::EnvRm)
                    .env(&a.name)
                    .detail(detail),
            );
            vault.commit()?;
            ctx.ui.status(&format!(
                "Removed environment {} and {n} secret{}",
                a.name,
                if n == 1 { "" } else { "s" }
            ));
            if !slots.is_empty() {
                ctx.ui.note(&format!(
                    "removed with it: {} (its grants and protection)",
                    slots.join(", ")
                ));
            }
            Ok(())
        }
    }
}
