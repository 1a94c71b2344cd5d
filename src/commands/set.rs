//! `tresor set NAME`: store a value read from stdin, a file or a hidden prompt.

use crate::cli::SetArgs;
use crate::context::Context;
use crate::error::Result;
use crate::names::check_secret_name;
use crate::vault::Origin;

pub fn cmd_set(ctx: &Context, args: SetArgs) -> Result<()> {
    super::refuse_value_argument(&args.value)?;
    check_secret_name(&args.name)?;
    let env = ctx.env_name()?;
    let schedule = super::schedule(ctx, &args.schedule, None)?;
    let value = crate::input::read_value(args.from_file.as_deref(), args.keep_newline)?;
    let mut vault = ctx.write_vault()?;
    let version = vault.put(
        &env,
        &args.name,
        &value,
        schedule.into_version(Origin::Set, None),
    )?;
    vault.event(
        crate::audit::Event::new(crate::audit::Action::Set)
            .env(&env)
            .name(&args.name)
            .version(version),
    );
    super::commit_write(ctx, &mut vault)?;
    super::remind(ctx, &vault, &env);
    ctx.ui.status(&format!(
        "Stored {} in {env} (version {version})",
        args.name
    ));
    Ok(())
}
