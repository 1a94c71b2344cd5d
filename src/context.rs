//! What every command needs and nothing opens before it is asked for: the resolved paths
//! (flag, variable, config, default — doc/cli.md §1), the environment name, the clock, the output,
//! and the vault, opened and unlocked on first use.

use std::path::{Path, PathBuf};

use crate::cli::GlobalArgs;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::ui::Ui;
use crate::unlock::{self, KeySource, SourceFlags};
use crate::vault::Vault;
use crate::vault::location::Location;

pub struct Context {
    pub ui: Ui,
    pub config: Config,
    pub now: i64,
    /// The allowed project file (`.tresor.toml`) that applies here, if any.
    pub project: Option<crate::project::Project>,
    global: GlobalArgs,
    /// The config file read (or that would be), for messages.
    config_path: PathBuf,
    /// Resolved at start (a file, or a PostgreSQL URL with libpq's conventions applied); an
    /// error (no HOME, say) surfaces only when the vault is needed, so that `--bundle` works
    /// on a machine without one.
    vault_path: Result<Location, Error>,
}

use crate::config::var;

fn home() -> Result<PathBuf> {
    var("HOME").map(PathBuf::from).ok_or_else(|| {
        Error::general("HOME is not set").with_hint("set HOME, or pass --vault and --config")
    })
}

/// `$XDG_<kind>_HOME`, else `~/<fallback>`.
fn xdg(kind: &str, fallback: &str) -> Result<PathBuf> {
    match var(&format!("XDG_{kind}_HOME")) {
        Some(p) if Path::new(&p).is_absolute() => Ok(PathBuf::from(p)),
        _ => Ok(home()?.join(fallback)),
    }
}

/// A vault given as text (`vault copy --to`): a file path (`~` expanded) or a URL.
pub fn location_of(text: &str) -> Result<Location> {
    location(&expand_tilde(Path::new(text))?)
}

/// A file path, or a `postgres://` URL resolved as libpq would (`pgconf`).
fn location(p: &Path) -> Result<Location> {
    match p.to_str() {
        Some(text) if Location::is_url(text) => crate::pgconf::resolve(text),
        _ => Ok(Location::File(p.to_path_buf())),
    }
}

fn expand_tilde(p: &Path) -> Result<PathBuf> {
    match p.strip_prefix("~") {
        Ok(rest) => Ok(home()?.join(rest)),
        Err(_) => Ok(p.to_path_buf()),
    }
}

/// tresor's records on this machine (rollback detection, KDF parameters seen):
/// `$XDG_STATE_HOME/tresor`.
pub fn state_dir() -> Result<PathBuf> {
    Ok(xdg("STATE", ".local/state")?.join("tresor"))
}

impl Context {
    pub fn new(global: GlobalArgs) -> Result<Context> {
        let ui = Ui::new(global.color, global.quiet);
        let (config_path, explicit) = match (&global.config, var("TRESOR_CONFIG")) {
            (Some(p), _) => (p.clone(), true),
            (None, Some(p)) => (PathBuf::from(p), true),
            (None, None) => match xdg("CONFIG", ".config") {
                Ok(dir) => (dir.join("tresor/config.toml"), false),
                // No HOME: no default config file to read.
                Err(_) => (PathBuf::new(), false),
            },
        };
        let config = if config_path.as_os_str().is_empty() {
            Config::default()
        } else {
            Config::load(&config_path, explicit)?
        };
        let project =
            crate::project::discover(state_dir().ok().as_deref(), home().ok().as_deref(), &|m| {
                ui.note(m)
            })?;
        let project_vault = project.as_ref().and_then(|p| p.vault.as_ref());
        let vault_path = match (
            &global.vault,
            var("TRESOR_VAULT"),
            project_vault,
            &config.vault,
        ) {
            (Some(p), _, _, _) => Ok(p.clone()),
            (None, Some(p), _, _) => Ok(PathBuf::from(p)),
            (None, None, Some(p), _) => Ok(p.clone()),
            (None, None, None, Some(p)) => expand_tilde(p),
            (None, None, None, None) => {
                xdg("DATA", ".local/share").map(|d| d.join("tresor/vault.db"))
            }
        }
        .and_then(|p| location(&p));
        let now = crate::clock::now()?;
        Ok(Context {
            ui,
            config,
            now,
            project,
            global,
            config_path,
            vault_path,
        })
    }

    /// The vault's file, or for a PostgreSQL vault its URL without password: what messages
    /// show and what this machine's records (pins, generations, agent) are keyed by.
    pub fn vault_path(&self) -> Result<&Path> {
        Ok(self.vault_location()?.key())
    }

    /// Where the vault lives (file or PostgreSQL).
    pub fn vault_location(&self) -> Result<&Location> {
        match &self.vault_path {
            Ok(l) => Ok(l),
            Err(e) => {
                let mut again = Error::new(e.kind, e.message.clone());
                again.hints = e.hints.clone();
                if again.hints.is_empty() {
                    again = again.with_hint("set HOME, or pass --vault PATH");
                }
                Err(again)
            }
        }
    }

    /// The environment to work in: -e, TRESOR_ENV, the project file's `env`, config
    /// `default_env`, `dev`.
    pub fn env_name(&self) -> Result<String> {
        let name = self
            .global
            .env
            .clone()
            .or_else(|| var("TRESOR_ENV"))
            .or_else(|| self.project.as_ref().and_then(|p| p.env.clone()))
            .or_else(|| self.config.default_env.clone())
            .unwrap_or_else(|| "dev".to_string());
        crate::names::check_env_name(&name)?;
        Ok(name)
    }

    /// The environment given with the `-e` flag itself (not the variable or the config).
    pub fn env_flag(&self) -> Option<String> {
        self.global.env.clone()
    }

    /// The config file that chose the environment, when neither -e nor TRESOR_ENV did and its
    /// `default_env` did.
    pub fn env_from_config(&self) -> Option<&Path> {
        let from_project = self.project.as_ref().is_some_and(|p| p.env.is_some());
        (self.explicit_env().is_none() && !from_project && self.config.default_env.is_some())
            .then_some(self.config_path.as_path())
    }

    /// The environment named by -e or TRESOR_ENV, if any (not the config default).
    pub fn explicit_env(&self) -> Option<String> {
        self.global.env.clone().or_else(|| var("TRESOR_ENV"))
    }

    /// The identities that open a bundle: doc/cli.md §2 identity sources only.
    pub fn bundle_identities(&self) -> Result<Vec<Box<dyn age::Identity>>> {
        match unlock::resolve_identity(&self.source_flags())? {
            Some(KeySource::Identities { identities, .. }) => Ok(identities),
            _ => Err(Error::unlock("a bundle opens with an age identity")
                .with_hint("pass --identity FILE, or set TRESOR_IDENTITY_FILE or TRESOR_IDENTITY")),
        }
    }

    pub fn source_flags(&self) -> SourceFlags {
        SourceFlags {
            identity: self.global.identity.clone(),
            passphrase_file: self.global.passphrase_file.clone(),
            passphrase_fd: self.global.passphrase_fd,
        }
    }

    /// doc/cli.md §2: a running session agent first, then identity, passphrase, prompt.
    pub fn key_source(&self) -> Result<KeySource> {
        if let Ok(path) = self.vault_path() {
            match crate::agent::fetch(path) {
                // A scoped agent (`unlock -e`) only reads some environments: a key source
                // given explicitly wins over it.
                crate::agent::Found::Agent(a)
                    if a.key.is_none() && unlock::any_source_given(&self.source_flags()) => {}
                crate::agent::Found::Agent(a) => {
                    return Ok(KeySource::Agent {
                        key: a.key,
                        vault_id: a.vault_id,
                        via: a.via,
                        protected: a.protected,
                    });
                }
                crate::agent::Found::OtherVersion(v) => {
                    self.ui.note(&crate::agent::other_version_note(v));
                }
                crate::agent::Found::Nothing => {}
            }
        }
        unlock::resolve(&self.source_flags()).map_err(|e| {
            if e.message == "no key to unlock the vault" {
                // Often seen right after a session agent timed out.
                e.with_hint(
                    "`tresor unlock` (on a terminal) keeps the vault unlocked for the commands \
                     that follow; a session agent ends after 15 minutes idle (--timeout) or 8 \
                     hours at most, and then commands ask again",
                )
            } else {
                e
            }
        })
    }

    /// Opens the vault for reading with a key source already resolved.
    pub fn read_vault_with(&self, source: &KeySource) -> Result<Vault> {
        self.open_vault(source, false)
    }

    /// Opens the vault for writing with a key source already resolved.
    pub fn write_vault_with(&self, source: &KeySource) -> Result<Vault> {
        self.open_vault(source, true)
    }

    /// Opens and unlocks the vault for reading.
    pub fn read_vault(&self) -> Result<Vault> {
        self.open_vault(&self.key_source()?, false)
    }

    /// Opens and unlocks the vault holding the write lock; the command ends with `commit`.
    pub fn write_vault(&self) -> Result<Vault> {
        self.open_vault(&self.key_source()?, true)
    }

    /// The vault key given with `--vault-key` or `TRESOR_VAULT_KEY`, if any.
    pub fn explicit_vault_key(&self) -> Result<Option<ed25519_dalek::VerifyingKey>> {
        match self
            .global
            .vault_key
            .clone()
            .or_else(|| var("TRESOR_VAULT_KEY"))
        {
            Some(k) => crate::bundle::decode_vault_key(&k).map(Some),
            None => Ok(None),
        }
    }

    /// Where this machine's records live (generations, pinned keys), if there is a home.
    pub fn tracker(&self) -> Option<crate::rollback::Tracker> {
        self.state_dir().ok().map(crate::rollback::Tracker::new)
    }

    /// Opens the vault with `source`. A session agent whose key no longer verifies the
    /// header (the vault was re-keyed elsewhere, or replaced) is stale, not proof of tampering:
    /// it is stopped, with a note, and the other key sources are tried; only if they open the
    /// vault is the agent's key known to be stale, and if they find tampering that is reported.
    fn open_vault(&self, source: &KeySource, write: bool) -> Result<Vault> {
        if write && matches!(source, KeySource::Agent { key: None, .. }) {
            // A scoped agent (`unlock -e`) can only read: a write unlocks with the next source.
            return self.open_vault_once(&unlock::resolve(&self.source_flags())?, write);
        }
        match self.open_vault_once(source, write) {
            Err(e)
                if matches!(source, KeySource::Agent { .. })
                    && e.kind == crate::error::Kind::Integrity
                    && e.message == crate::vault::HEADER_DOES_NOT_VERIFY =>
            {
                let other = unlock::resolve(&self.source_flags()).map_err(|e| {
                    if e.kind == crate::error::Kind::Unlock {
                        Error::unlock(
                            "the session agent's key no longer opens this vault, and no other key source is given",
                        )
                        .with_hint(unlock::sources_hint())
                    } else {
                        e
                    }
                })?;
                // Stopped only once another source opened the vault: a flipped header byte
                // alone must not end the user's session.
                let vault = self.open_vault_once(&other, write)?;
                if let Some(note) = crate::agent::forget_stale(self.vault_path()?) {
                    self.ui.note(&note);
                }
                Ok(vault)
            }
            r => r,
        }
    }

    /// Opens the vault, then checks it against what this machine trusts (the pinned vault
    /// key) and remembers (the last generation seen).
    fn open_vault_once(&self, source: &KeySource, write: bool) -> Result<Vault> {
        let path = self.vault_path()?.to_path_buf();
        let tracker = self.tracker();
        let explicit = self.explicit_vault_key()?;
        let pinned = tracker.as_ref().and_then(|t| t.pinned_for_path(&path));
        // A grant holder checks its environment's statement against this key (the first one
        // pinned, when a rekey left two).
        let pin = match (&explicit, &pinned) {
            (Some(k), _) => Some(*k),
            (None, Some(p)) => p
                .keys
                .first()
                .and_then(|k| crate::bundle::decode_vault_key(k).ok()),
            (None, None) => None,
        };
        let outside = crate::outside::CliOutside {
            flags: self.source_flags(),
            records: tracker.clone().map(|t| (t, path.clone())),
        };
        let mut vault = Vault::open_pinned(
            self.vault_location()?,
            &source.credentials(),
            write,
            self.now,
            pin.as_ref(),
            Box::new(outside),
        )?;
        let first_use = self.check_trust(
            &mut vault,
            &path,
            tracker.as_ref(),
            explicit.as_ref(),
            pinned,
        )?;
        let mut vault = self.check_rollback(vault, tracker.as_ref(), first_use)?;
        // An old format is upgraded only once the vault is known to be the one trusted here and
        // not an older copy: the upgrade is a write that would make its generation current.
        if let Some(from) = vault.upgrade_if_needed()? {
            self.ui.note(&format!(
                "upgraded the vault from format {from} to format {}: every row was verified, and its summaries are now hashes (see README, Security model)",
                crate::vault::store::FORMAT
            ));
        }
        Ok(vault)
    }

    /// The trust anchor (doc/design.md): the vault's key must be the one given or pinned for this
    /// path and this vault id; a vault never seen is pinned on first use, with one line
    /// naming its key.
    fn check_trust(
        &self,
        vault: &mut Vault,
        path: &Path,
        tracker: Option<&crate::rollback::Tracker>,
        explicit: Option<&ed25519_dalek::VerifyingKey>,
        pinned: Option<crate::rollback::Pin>,
    ) -> Result<bool> {
        let vault_id = *vault.vault_id();
        let mut first_use = false;
        let key = if vault.is_limited() {
            // A grant holder's or scoped agent's statements were checked against `explicit`
            // or the pin already; with neither, the key that signed them is pinned now.
            match vault.limited_statements().first() {
                Some((signer, _, _)) => *signer,
                None => return Ok(false),
            }
        } else {
            vault.vault_public_key()?
        };
        let key_text = crate::bundle::encode_vault_key(&key);
        let by_id = tracker.and_then(|t| t.pinned_for_id(&vault_id));
        let hint = format!(
            "if the vault at {} was replaced on purpose (restored, re-created), check its key with its owner, then pass it with --vault-key or TRESOR_VAULT_KEY to pin it again",
            path.display()
        );
        if let Some(k) = explicit {
            if k != &key {
                return Err(Error::integrity(format!(
                    "the vault at {} has the vault key {key_text}, not the one given with --vault-key or TRESOR_VAULT_KEY ({})",
                    path.display(),
                    crate::bundle::encode_vault_key(k)
                ))
                .with_hint("this is not the vault you expect, or it was replaced; do not use it until you know why"));
            }
        } else {
            if let Some(p) = &pinned {
                if !p.accepts(&vault_id, &key_text) {
                    return Err(Error::integrity(format!(
                        "the vault at {} is not the one pinned here: its vault key is {key_text}, the pinned key is {}",
                        path.display(),
                        p.shown()
                    ))
                    .with_hint(hint));
                }
            }
            if let Some(p) = &by_id {
                if !p.accepts(&vault_id, &key_text) {
                    return Err(Error::integrity(format!(
                        "this vault's id was seen here with the vault key {}; the vault at {} has {key_text}",
                        p.shown(),
                        path.display()
                    ))
                    .with_hint(hint));
                }
            } else if pinned.is_none() {
                first_use = true;
                // One line, never nothing, even with --quiet: trust on first use is a decision.
                crate::ui::to_stderr(&format!(
                    "warning: first use of the vault at {} on this machine: its vault key {key_text} is now pinned; a swapped vault or a rollback cannot be detected this time\n",
                    path.display()
                ));
            }
        }
        if let Some(t) = tracker {
            let current = pinned
                .as_ref()
                .is_some_and(|p| p.is_exactly(&vault_id, &key_text))
                && by_id
                    .as_ref()
                    .is_some_and(|p| p.is_exactly(&vault_id, &key_text));
            if !current {
                // Best effort: an unwritable state folder only means the next open cannot check.
                let _ = t.pin(Some(path), &vault_id, &[&key_text]);
            }
        }
        Ok(first_use)
    }

    /// Where rollback detection keeps its records: `$XDG_STATE_HOME/tresor`.
    pub fn state_dir(&self) -> Result<PathBuf> {
        state_dir()
    }

    /// Refuses a vault older than the last generation seen here, unless --allow-rollback (which
    /// is recorded in the audit log). Also tells the vault where the key sources are, for the
    /// second factors of its protected environments (read only if one is opened).
    fn check_rollback(
        &self,
        mut vault: Vault,
        tracker: Option<&crate::rollback::Tracker>,
        first_use: bool,
    ) -> Result<Vault> {
        let Some(tracker) = tracker else {
            return Ok(vault);
        };
        if vault.is_limited() {
            // A reader without the root key cannot read the header: it keeps each of its
            // environments' generations, from the owner's signed statements.
            for (_, generation, env_id) in vault.limited_statements() {
                let mut record = vault.vault_id().to_vec();
                record.extend_from_slice(&env_id);
                if let crate::rollback::Seen::Older { expected } =
                    tracker.check(&record, generation)
                {
                    if !self.global.allow_rollback {
                        return Err(Error::integrity(format!(
                            "the environment is older than the last one seen here: generation {generation}, expected {expected} or later"
                        ))
                        .with_hint("an old copy of the vault was put back, undoing later changes (revocations too); if you mean to use it, pass --allow-rollback"));
                    }
                    self.ui.warn(&format!(
                        "opening an older environment (generation {generation}; {expected} was seen), as --allow-rollback asks"
                    ));
                } else {
                    let _ = tracker.record(&record, generation);
                }
            }
            return Ok(vault);
        }
        match tracker.check(vault.vault_id(), vault.generation()) {
            crate::rollback::Seen::Current => {}
            // A vault pinned here whose generation record is gone (or does not verify): say
            // so, as the first-use line already does for a vault never seen.
            crate::rollback::Seen::Unknown if !first_use && vault.full_access() => {
                self.ui.warn(
                    "no record of this vault's last generation on this machine: a rollback cannot be detected this time",
                );
            }
            crate::rollback::Seen::Unknown => {}
            // The snapshot we read may predate a commit another process made (and recorded)
            // since: only a vault whose current file is older is a rollback.
            crate::rollback::Seen::Older { expected } => {
                let current = vault.current_generation(self.vault_location()?);
                if !current.as_ref().is_ok_and(|g| *g >= expected) {
                    let found = current.unwrap_or(vault.generation());
                    self.refuse_or_record_rollback(&mut vault, found, expected)?;
                }
            }
        }
        vault.record_commits();
        Ok(vault)
    }

    /// An older generation than the one last seen: exit 4, or with --allow-rollback a warning
    /// and an audit event.
    fn refuse_or_record_rollback(
        &self,
        vault: &mut Vault,
        found: i64,
        expected: i64,
    ) -> Result<()> {
        if !self.global.allow_rollback {
            return Err(Error::integrity(format!(
                "the vault is older than the last one seen here: generation {found}, expected {expected} or later"
            ))
            .with_hint("an old copy was put back, undoing later changes (revocations too); if you mean to use it, pass --allow-rollback"));
        }
        self.ui.warn(&format!(
            "opening an older vault (generation {found}; {expected} was seen), as --allow-rollback asks"
        ));
        vault.event(
            crate::audit::Event::new(crate::audit::Action::RollbackAllowed).detail(format!(
                "generation {found} opened, {expected} had been seen"
            )),
        );
        Ok(())
    }

    /// Whether `--allow-rollback` was given.
    pub fn allow_rollback(&self) -> bool {
        self.global.allow_rollback
    }

    /// The reminder window: config `remind_within`, default 14 days.
    pub fn remind_within(&self) -> i64 {
        self.config
            .remind_within
            .as_deref()
            .and_then(|d| crate::clock::parse_duration(d).ok())
            .unwrap_or(crate::config::DEFAULT_REMIND_WITHIN)
    }
}
