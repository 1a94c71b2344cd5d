//! `tresor rm NAME`: delete a secret and all its versions.

use crate::cli::RmArgs;
use crate::context::Context;
use crate::error::Result;
use crate::names::check_secret_name;

pub fn cmd_rm(ctx: &Context, args: RmArgs) -> Result<()> {
    check_secret_name(&args.name)?;
    let env = ctx.env_name()?;
    let mut vault = ctx.write_vault()?;
    if let Some(versions) = vault.version_count(&env, &args.name)? {
        super::confirm(
            args.yes,
            &format!(
                "Delete {} from {env} with its {versions} version{}?",
                args.name,
                if versions == 1 { "" } else { "s" }
            ),
        )?;
    }
    let n = vault.remove(&env, &args.name)?;
    vault.event(
        crate::audit::Event::new(crate::audit::Action::Rm)
            .env(&env)
            .name(&args.name),
    );
    super::commit_write(ctx, &mut vault)?;
    super::remind(ctx, &vault, &env);
    ctx.ui.status(&format!(
        "Deleted {} from {env} ({n} version{})",
        args.name,
        if n == 1 { "" } else { "s" }
    ));
    Ok(())
}
