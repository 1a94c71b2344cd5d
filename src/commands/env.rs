//! `tresor env list|add|rm`: manage environments.

use crate::cli::{EnvArgs, EnvCommand};
use crate::context::Context;
use crate::error::Result;
use crate::names::check_env_name;

pub fn cmd_env(ctx: &Context, args: EnvArgs) -> Result<()> {
    match args.command {
        EnvCommand::List(a) => {
            let mut vault = ctx.read_vault()?;
            let counts = vault.env_counts();
            vault.event(crate::audit::Event::new("env-list"));
            vault.commit()?;
            if a.json {
                let doc: Vec<_> = counts
                    .iter()
                    .map(|(n, c)| serde_json::json!({"name": n, "secrets": c}))
                    .collect();
                return ctx
                    .ui
                    .out(&(serde_json::Value::from(doc).to_string() + "\n"));
            }
            let rows: Vec<Vec<String>> = counts
                .iter()
                .map(|(n, c)| vec![n.clone(), c.to_string()])
                .collect();
            ctx.ui.out(&crate::ui::table(
                &["ENVIRONMENT", "SECRETS"],
                &rows,
                ctx.ui.stdout_tty,
                &ctx.ui,
            ))
        }
        EnvCommand::Add(a) => {
            check_env_name(&a.name)?;
            let mut vault = ctx.write_vault()?;
            vault.add_env(&a.name)?;
            vault.event(crate::audit::Event::new("env-add").env(&a.name));
            vault.commit()?;
            ctx.ui.status(&format!("Added environment {}", a.name));
            Ok(())
        }
        EnvCommand::Rm(a) => {
            check_env_name(&a.name)?;
            let mut vault = ctx.write_vault()?;
            let n = vault.remove_env(&a.name, a.force)?;
            vault.event(
                crate::audit::Event::new("env-rm")
                    .env(&a.name)
                    .detail(format!("{n} secrets")),
            );
            vault.commit()?;
            ctx.ui.status(&format!(
                "Removed environment {} and {n} secret{}",
                a.name,
                if n == 1 { "" } else { "s" }
            ));
            Ok(())
        }
    }
}
