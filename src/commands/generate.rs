//! `tresor generate NAME`: a new value from the OS CSPRNG, stored with its recipe.

use crate::cli::GenerateArgs;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::generator::{self, Recipe};
use crate::names::check_secret_name;
use crate::vault::Origin;

pub fn cmd_generate(ctx: &Context, args: GenerateArgs) -> Result<()> {
    check_secret_name(&args.name)?;
    let env = ctx.env_name()?;
    if args.print {
        super::refuse_regular_file(args.allow_file)?;
    }
    let recipe = Recipe::new(&args.charset, args.length, args.prefix.clone(), args.uuid)?;
    let bits = generator::entropy_bits(&recipe)?;
    if let Some(warning) = generator::strength_check(bits, args.weak)? {
        ctx.ui.warn(&warning);
    }
    let mut schedule = super::schedule(ctx, &args.schedule, None)?;
    schedule.meta.recipe = Some(recipe.clone());
    let value = generator::generate(&recipe)?;
    let mut vault = ctx.write_vault()?;
    if !args.force && vault.version_count(&env, &args.name)?.is_some() {
        return Err(Error::general(format!(
            "{} already exists in {env}; generate would replace its recipe",
            args.name
        ))
        .with_hint(format!(
            "`tresor rotate {}` makes a new value from the recipe it has; pass --force to replace the recipe",
            args.name
        )));
    }
    let version = vault.put(
        &env,
        &args.name,
        value.as_bytes(),
        schedule.into_version(Origin::Generate, None),
    )?;
    vault.event(
        crate::audit::Event::new(crate::audit::Action::Generate)
            .env(&env)
            .name(&args.name)
            .version(version),
    );
    super::commit_write(ctx, &mut vault)?;
    super::remind(ctx, &vault, &env);
    ctx.ui.status(&format!(
        "Generated {} in {env} (version {version}): {} characters, {:.0} bits of entropy",
        args.name,
        value.chars().count(),
        bits
    ));
    if args.print {
        ctx.ui.reveal(value.as_bytes(), true)?;
    }
    Ok(())
}
