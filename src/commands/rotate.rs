//! `tresor rotate NAME`: a new version from the stored recipe or from input, optionally
//! keeping the previous value valid for a grace period.

use crate::cli::RotateArgs;
use crate::clock;
use crate::context::Context;
use crate::error::Result;
use crate::names::check_secret_name;
use crate::vault::Origin;

pub fn cmd_rotate(ctx: &Context, args: RotateArgs) -> Result<()> {
    super::refuse_value_argument(&args.value)?;
    check_secret_name(&args.name)?;
    let env = ctx.env_name()?;
    let grace_until = match &args.grace {
        Some(d) => Some(ctx.now.saturating_add(clock::parse_duration(d)?)),
        None => None,
    };
    // A value from a file or a pipe is read before the write lock is taken.
    let mut input = match &args.from_file {
        Some(f) => Some(crate::input::read_value(Some(f), args.keep_newline)?),
        None => None,
    };
    let mut vault = ctx.write_vault()?;
    let history = vault.history(&env, &args.name)?;
    let previous = history.last().expect("a secret has at least one version");
    let schedule = super::schedule(ctx, &args.schedule, Some(&previous.meta))?;
    let from_recipe = input.is_none() && schedule.meta.recipe.is_some();
    let value = match (input.take(), &schedule.meta.recipe) {
        (Some(v), _) => v,
        (None, Some(recipe)) => {
            let v = crate::generator::generate(recipe)?;
            zeroize::Zeroizing::new(v.as_bytes().to_vec())
        }
        (None, None) => crate::input::read_value(None, args.keep_newline)?,
    };
    let version = vault.put(
        &env,
        &args.name,
        &value,
        schedule.into_version(Origin::Rotate, grace_until),
    )?;
    vault.event(
        crate::audit::Event::new(crate::audit::Action::Rotate)
            .env(&env)
            .name(&args.name)
            .version(version),
    );
    super::commit_write(ctx, &mut vault)?;
    super::remind(ctx, &vault, &env);
    let mut msg = format!(
        "Rotated {} in {env} to version {version}{}",
        args.name,
        if from_recipe {
            " (regenerated from its recipe)"
        } else {
            ""
        }
    );
    if let Some(g) = grace_until.filter(|_| previous.state != crate::vault::STATE_REVOKED) {
        msg.push_str(&format!(
            "; version {} stays valid until {}",
            previous.version,
            clock::rfc3339(g)
        ));
    }
    ctx.ui.status(&msg);
    Ok(())
}
