//! `tresor passwd`: a new passphrase for the vault, in constant time.

use crate::cli::PasswdArgs;
use crate::context::Context;
use crate::crypto::KdfParams;
use crate::error::{Error, Result};
use crate::unlock;

pub fn cmd_passwd(ctx: &Context, args: PasswdArgs) -> Result<()> {
    let mut source = ctx.key_source()?;
    // The session agent holds the root key but no passphrase factor, which a vault with
    // protected environments must carry over to the new slot: a passphrase given here is
    // used instead of the agent (and checked).
    if matches!(source, unlock::KeySource::Agent { .. }) {
        if let Some(p) = unlock::passphrase_source(&ctx.source_flags())? {
            source = unlock::KeySource::Passphrase(p);
        }
    }
    let new = match &args.new_passphrase_file {
        Some(f) => unlock::read_passphrase_file(f, &f.display().to_string())?,
        None if unlock::can_prompt() => crate::passphrase::prompt_new("New vault passphrase")?,
        None => {
            return Err(Error::usage("no new passphrase given").with_hint(
                "pass --new-passphrase-file FILE, or run on a terminal to be asked twice",
            ));
        }
    };
    if let Some(w) = crate::passphrase::weakness(&new) {
        ctx.ui.warn(&w);
    }
    let mut vault = ctx.write_vault_with(&source)?;
    let had = vault.has_passphrase();
    vault.change_passphrase(new.as_bytes(), KdfParams::DEFAULT)?;
    vault.event(
        crate::audit::Event::new(crate::audit::Action::Passwd).detail(if had {
            "changed"
        } else {
            "added"
        }),
    );
    vault.commit()?;
    crate::kdf_guard::record_passphrase_slot(vault.vault_id(), vault.slots());
    ctx.ui.status(if had {
        "Changed the vault passphrase: the old one no longer opens this file."
    } else {
        "Added a passphrase to the vault."
    });
    if had {
        // passwd re-wraps the same root key (and passphrase factor): constant time, but any
        // older copy of the file still opens with the old passphrase.
        ctx.ui.note(
            "the root key is unchanged: the old passphrase still opens any older copy of this \
             file (backups, synced or copied vaults). If the old passphrase may be known to \
             someone, run `tresor rekey`: new keys that no older copy holds",
        );
    }
    Ok(())
}
