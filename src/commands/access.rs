//! `tresor access grant|list|revoke`: read-only grants of one environment.

use serde_json::json;

use crate::cli::{AccessArgs, AccessCommand};
use crate::clock;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::unlock::parse_recipients;

pub fn cmd_access(ctx: &Context, args: AccessArgs) -> Result<()> {
    match args.command {
        AccessCommand::Grant(a) => {
            let env = ctx.env_name()?;
            let label = a.name.trim();
            if label.is_empty() || label.chars().any(char::is_control) {
                return Err(Error::general(
                    "--name must be a printable label, such as ci-test",
                ));
            }
            let recipients = parse_recipients(&a.recipient)?;
            let expires_at = match &a.expires_in {
                Some(d) => Some(ctx.now.saturating_add(clock::parse_duration(d)?)),
                None => None,
            };
            // One grant per recipient: LABEL for one, LABEL-1, LABEL-2, … for a recipients
            // file with several (each grant is one key slot, revoked on its own).
            let labels: Vec<String> = if recipients.len() == 1 {
                vec![label.to_string()]
            } else {
                (1..=recipients.len())
                    .map(|n| format!("{label}-{n}"))
                    .collect()
            };
            let mut vault = ctx.write_vault()?;
            for (recipient, label) in recipients.iter().zip(&labels) {
                vault.grant(&env, recipient, label, expires_at)?;
                vault.event(
                    crate::audit::Event::new(crate::audit::Action::AccessGrant)
                        .env(&env)
                        .detail(label),
                );
            }
            let vault_key = vault.vault_key()?;
            vault.commit()?;
            let until = expires_at
                .map(|t| format!(" until {}", clock::rfc3339(t)))
                .unwrap_or_default();
            for (recipient, label) in recipients.iter().zip(&labels) {
                ctx.ui.status(&format!(
                    "Granted {} read-only access to {env}{until} as {label:?}.",
                    recipient.label
                ));
            }
            ctx.ui.status(&format!(
                "{} with that identity (--identity, TRESOR_IDENTITY_FILE or TRESOR_IDENTITY); \
                 every other environment and every write stay closed to it.\n\
                 Vault key (pin it with --vault-key or TRESOR_VAULT_KEY): {vault_key}",
                if recipients.len() == 1 {
                    "It unlocks"
                } else {
                    "Each unlocks"
                }
            ));
            Ok(())
        }
        AccessCommand::List(a) => {
            let mut vault = ctx.read_vault()?;
            let grants = vault.grants();
            let full = vault.recipients();
            vault.event(crate::audit::Event::new(crate::audit::Action::AccessList));
            vault.commit()?;
            let opt = |t: Option<i64>| t.map(clock::rfc3339);
            if a.json {
                let mut doc: Vec<_> = grants
                    .iter()
                    .map(|g| {
                        json!({
                            "label": g.label,
                            "env": g.env,
                            "recipient": g.recipient,
                            "created": clock::rfc3339(g.created),
                            "expires_at": opt(g.expires_at),
                            "expired": g.expires_at.is_some_and(|t| t <= ctx.now),
                            "access": "read-only",
                        })
                    })
                    .collect();
                doc.extend(full.iter().map(|(label, r, created)| {
                    json!({
                        "label": label, "env": null, "recipient": r,
                        "created": clock::rfc3339(*created), "expires_at": null,
                        "expired": false, "access": "full",
                    })
                }));
                return ctx
                    .ui
                    .out(&(serde_json::Value::from(doc).to_string() + "\n"));
            }
            if grants.is_empty() && full.is_empty() {
                ctx.ui.status("No grants. Give one with `tresor access grant -e ENV --recipient R --name LABEL`.");
                return Ok(());
            }
            let mut rows: Vec<Vec<String>> = grants
                .iter()
                .map(|g| {
                    let expires = match g.expires_at {
                        Some(t) if t <= ctx.now => format!("{} (expired)", clock::short(t)),
                        Some(t) => clock::short(t),
                        None => "-".into(),
                    };
                    vec![
                        g.label.clone(),
                        g.env.clone(),
                        clock::short(g.created),
                        expires,
                        g.recipient.clone(),
                    ]
                })
                .collect();
            rows.extend(full.iter().map(|(label, r, created)| {
                vec![
                    label.clone(),
                    "(all, full access)".into(),
                    clock::short(*created),
                    "-".into(),
                    r.clone(),
                ]
            }));
            ctx.ui.out(&crate::ui::table(
                &["LABEL", "ENV", "CREATED", "EXPIRES", "RECIPIENT"],
                &rows,
                ctx.ui.stdout_tty,
                &ctx.ui,
            ))
        }
        AccessCommand::Add(a) => {
            let recipients = parse_recipients(&a.recipient)?;
            let mut vault = ctx.write_vault()?;
            for recipient in &recipients {
                vault.add_recipient(recipient)?;
                vault.event(
                    crate::audit::Event::new(crate::audit::Action::AccessAdd)
                        .detail(&recipient.label),
                );
            }
            vault.commit()?;
            for recipient in &recipients {
                ctx.ui.status(&format!(
                    "Gave {} full access to the vault.",
                    recipient.label
                ));
            }
            Ok(())
        }
        AccessCommand::Remove(a) => {
            let source = ctx.key_source()?;
            let mut vault = ctx.write_vault_with(&source)?;
            let label = vault.remove_recipient(&a.recipient)?;
            let passphrase =
                super::rekey::passphrase_for_rewrap(ctx, &source, vault.has_passphrase())?;
            let notes = super::rekey::rekey_with_progress(
                ctx,
                &mut vault,
                passphrase.as_ref().map(|p| p.as_bytes()),
            )?;
            vault
                .event(crate::audit::Event::new(crate::audit::Action::AccessRemove).detail(&label));
            let vault_key = vault.vault_key()?;
            vault.commit()?;
            ctx.ui.status(&format!(
                "Removed {label} and re-keyed the vault: that identity opens nothing any more.\n\
                 Whoever holds it may have copied every secret: rotate them at their providers.\n\
                 New vault key for bundles: {vault_key}"
            ));
            super::rekey::report(ctx, &notes);
            super::rekey::refresh_agent_after_rekey(ctx, &mut vault)
        }
        AccessCommand::Revoke(a) => {
            let mut vault = ctx.write_vault()?;
            let (env, names) = vault.revoke_grant(&a.label)?;
            vault.event(
                crate::audit::Event::new(crate::audit::Action::AccessRevoke)
                    .env(&env)
                    .detail(&a.label),
            );
            vault.commit()?;
            ctx.ui.status(&format!(
                "Revoked grant {:?} and re-keyed {env}: its identity opens nothing any more.",
                a.label
            ));
            if names.is_empty() {
                ctx.ui.status(&format!("{env} held no secrets."));
            } else {
                ctx.ui.status(&format!(
                    "It could read {} secret{} of {env}: {}\n\
                     Whoever holds that identity may have copied them: rotate them at their providers, \
                     then `tresor rotate NAME -e {env}`.",
                    names.len(),
                    if names.len() == 1 { "" } else { "s" },
                    names.join(", ")
                ));
            }
            Ok(())
        }
    }
}
