//! `tresor bundle export`: one environment's active secrets, signed and encrypted to an age
//! recipient, on stdout. Also the reading side shared by `get`, `list`, `run` and `export`
//! when they are given `--bundle FILE`.

use std::io::IsTerminal;

use crate::bundle::{self, Bundle, BundleSecret};
use crate::cli::{BundleArgs, BundleCmdArgs, BundleCommand};
use crate::clock;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::unlock::parse_recipients;
use crate::vault::{ActiveValue, EnvValues, STATE_ACTIVE};

pub fn cmd_bundle(ctx: &Context, args: BundleCmdArgs) -> Result<()> {
    let BundleCommand::Export(a) = args.command;
    if !a.armor && std::io::stdout().is_terminal() {
        return Err(
            Error::general("a binary bundle would be written to the terminal")
                .with_hint("redirect it to a file (`> test.bundle`), or pass --armor for text"),
        );
    }
    let env = ctx.env_name()?;
    let recipients = parse_recipients(&a.recipient)?;
    let expires_at = match &a.expires_in {
        Some(d) => Some(ctx.now.saturating_add(clock::parse_duration(d)?)),
        None => None,
    };
    let mut vault = ctx.read_vault()?;
    let signing = vault.signing_key()?;
    let values = vault.values(&env)?;
    // The latest versions' expiry, from the values already read (`list` would open every
    // snapshot bucket again).
    let expiry: std::collections::HashMap<String, Option<i64>> = values
        .latest
        .iter()
        .map(|v| (v.name.clone(), v.expires_at))
        .collect();
    let selected = super::select::select(
        ctx,
        &env,
        values,
        &a.only,
        super::select::Expired::Warn,
        super::select::Order::ByName,
    )?;
    let vault_key = vault.vault_key()?;
    let vault_id = *vault.vault_id();
    // The audit event of this export is committed here, before the bundle leaves.
    vault.event(
        crate::audit::Event::new(crate::audit::Action::BundleExport)
            .env(&env)
            .detail(format!(
                "to {}",
                recipients
                    .iter()
                    .map(|r| r.label.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
    );
    vault.commit()?;
    let secrets: Vec<BundleSecret> = selected
        .into_iter()
        .filter(|(name, _)| expiry.contains_key(name))
        .map(|(name, value)| BundleSecret {
            expires_at: expiry[&name],
            value: zeroize::Zeroizing::new(
                String::from_utf8(value.to_vec()).expect("values are UTF-8"),
            ),
            name,
        })
        .collect();
    let data = bundle::seal(
        &signing,
        &bundle::Contents {
            vault_id: &vault_id,
            env: &env,
            created: ctx.now,
            expires_at,
            secrets: &secrets,
            recipients: &recipients
                .iter()
                .map(|r| r.text.as_str())
                .collect::<Vec<_>>(),
        },
        &recipients
            .iter()
            .map(|r| r.recipient.as_ref() as &dyn age::Recipient)
            .collect::<Vec<_>>(),
        a.armor,
    )?;
    ctx.ui.out_bytes(&data)?;
    ctx.ui.status(&format!(
        "Bundled {} secret{} of {env} for {}{}.\nVault key (pin it with --vault-key or TRESOR_VAULT_KEY): {vault_key}",
        secrets.len(),
        if secrets.len() == 1 { "" } else { "s" },
        recipients
            .iter()
            .map(|r| r.label.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        expires_at
            .map(|t| format!(", valid until {}", clock::rfc3339(t)))
            .unwrap_or_default()
    ));
    Ok(())
}

/// What to do on the machine that holds the bundle (a CI runner, with no vault): the fix is
/// always on the owner's machine.
pub const REEXPORT: &str = "on the owner's machine (where the vault is), run `tresor bundle export -e ENV --recipient R > FILE` again and replace the bundle on this machine (for CI: the secret or file the job reads)";

/// An error about a bundle's content, told on the machine that holds the bundle: the usual
/// fixes (`tresor rotate`, `tresor set`) need the vault, so the hint says where to run them.
pub fn on_runner(mut e: Error) -> Error {
    if e.hints.iter().any(|h| h.contains("tresor list -e")) {
        e.hints = vec![format!(
            "`tresor list --bundle FILE` shows what the bundle holds; to add a secret to it, {}",
            REEXPORT
                .trim_start_matches("on the owner's machine (where the vault is), ")
                .replacen("run", "run on the owner's machine", 1)
        )];
        return e;
    }
    if e.hints
        .iter()
        .any(|h| h.contains("tresor rotate") || h.contains("tresor set"))
    {
        e.hints = e
            .hints
            .into_iter()
            .map(|h| {
                if h.contains("--allow-expired") {
                    "pass --allow-expired to use them anyway".to_string()
                } else {
                    h
                }
            })
            .filter(|h| !h.contains("tresor rotate") && !h.contains("tresor set"))
            .collect();
        e.hints.push(format!(
            "this bundle cannot be fixed here: rotate the secret on the owner's machine, then {}",
            REEXPORT.trim_start_matches("on the owner's machine (where the vault is), ")
        ));
    }
    e
}

/// Opens `--bundle FILE` if one is given: checked, not expired, of the environment asked for.
pub fn open_bundle(ctx: &Context, args: &BundleArgs) -> Result<Option<Bundle>> {
    open_bundle_checked(ctx, args, false)
}

/// `open_bundle`; with `expired_ok`, an expired bundle is returned rather than refused (what
/// `due --bundle` reports).
pub fn open_bundle_checked(
    ctx: &Context,
    args: &BundleArgs,
    expired_ok: bool,
) -> Result<Option<Bundle>> {
    let Some(path) = &args.bundle else {
        return Ok(None);
    };
    let data = std::fs::read(path).map_err(|e| Error::io(path.display(), e))?;
    let identities = ctx.bundle_identities()?;
    let pin = ctx
        .explicit_vault_key()?
        .map(|k| bundle::encode_vault_key(&k));
    let mut b = bundle::open(&data, &identities, pin.as_deref())?;
    check_recipient(ctx, &b)?;
    let tracker = ctx.tracker();
    let vault_id = hex::decode(&b.vault_id).unwrap_or_default();
    if !b.origin_verified {
        // The key pinned here for that vault (this machine opened it, or a bundle of it
        // with --vault-key), if any.
        match tracker.as_ref().and_then(|t| t.pinned_for_id(&vault_id)) {
            Some(p) if p.accepts(&vault_id, &b.signer) => b.origin_verified = true,
            Some(p) => {
                return Err(Error::integrity(format!(
                    "the bundle is signed by {}, but this vault's key is pinned here as {}",
                    b.signer,
                    p.shown()
                ))
                .with_hint(format!("it was not made by your vault; {REEXPORT}")));
            }
            None if args.allow_unpinned => ctx.ui.warn(&format!(
                "the bundle's origin is unverified: it is signed by {}, but no vault key was pinned \
                 (--vault-key or TRESOR_VAULT_KEY), as --allow-unpinned allows",
                b.signer
            )),
            None => {
                return Err(Error::integrity(format!(
                    "the bundle is signed by {}, but no vault key is pinned to check that it is your vault's",
                    b.signer
                ))
                .with_hint("pass the vault key that `tresor bundle export` printed with --vault-key or TRESOR_VAULT_KEY (or --allow-unpinned to open it unverified)"));
            }
        }
    } else if let Some(t) = tracker
        .as_ref()
        .filter(|t| t.pinned_for_id(&vault_id).is_none())
    {
        // A key given for a vault this machine has not pinned yet: pinned now. A pin that
        // exists is never replaced by a bundle (an old bundle checked with an old key would
        // otherwise undo a rekey's pin).
        let _ = t.pin(None, &vault_id, &[&b.signer]);
    }
    if let Some(t) = &tracker {
        // The newest bundle seen of this vault and environment: an older one is a rollback.
        let mut record = b"bundle:".to_vec();
        record.extend_from_slice(&vault_id);
        record.extend_from_slice(b.env.as_bytes());
        match t.check(&record, b.created) {
            crate::rollback::Seen::Older { expected } if !ctx.allow_rollback() => {
                return Err(Error::integrity(format!(
                    "the bundle was made on {}, before the newest one seen here for {} ({})",
                    clock::rfc3339(b.created),
                    b.env,
                    clock::rfc3339(expected)
                ))
                .with_hint(format!("an older bundle can hold revoked keys; use the newest one, or pass --allow-rollback if you mean to. For a newer one: {REEXPORT}")));
            }
            crate::rollback::Seen::Older { .. } => ctx
                .ui
                .warn("opening a bundle older than the newest seen here, as --allow-rollback asks"),
            // Only a verified bundle moves the mark: an unverified one could claim any date.
            _ if b.origin_verified => {
                let _ = t.record(&record, b.created);
            }
            _ => {}
        }
    }
    if let Some(t) = b.expires_at.filter(|t| *t <= ctx.now && !expired_ok) {
        return Err(
            Error::policy(format!("the bundle expired on {}", clock::rfc3339(t))).with_hint(
                format!("tresor on this machine cannot renew it: {REEXPORT}"),
            ),
        );
    }
    if let Some(env) = ctx.explicit_env().filter(|e| *e != b.env) {
        return Err(Error::unlock(format!(
            "the bundle holds environment {:?}, not {env:?}",
            b.env
        )));
    }
    Ok(Some(b))
}

/// Refuses a bundle whose signed recipients do not include the identity opening it: a holder
/// of the bundle re-encrypted it to another key (exit 4).
fn check_recipient(ctx: &Context, b: &Bundle) -> Result<()> {
    let ours = crate::unlock::identity_recipients(&ctx.source_flags())?;
    if ours.is_empty() {
        ctx.ui
            .warn("the bundle's recipient list cannot be checked against a plugin identity");
        return Ok(());
    }
    if ours.iter().any(|r| b.recipients.contains(r)) {
        return Ok(());
    }
    Err(Error::integrity(
        "the bundle was not made for this identity: its owner encrypted it to another recipient, and it was re-encrypted since",
    )
    .with_hint("ask the vault's owner for a bundle made for your recipient (`tresor bundle export --recipient` on the owner's machine)"))
}

/// A bundle's secrets in the shape `run` and `export` take from the vault.
pub fn bundle_values(b: &Bundle) -> EnvValues {
    let mut latest: Vec<ActiveValue> = b
        .secrets
        .iter()
        .map(|s| ActiveValue {
            name: s.name.clone(),
            value: zeroize::Zeroizing::new(s.value.as_bytes().to_vec()),
            version: 0,
            state: STATE_ACTIVE,
            expires_at: s.expires_at,
        })
        .collect();
    latest.sort_by(|a, b| a.name.cmp(&b.name));
    EnvValues {
        latest,
        previous: Vec::new(),
    }
}
