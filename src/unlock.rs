//! Where the key that opens the vault comes from (SPEC §2): an age identity, a passphrase from
//! a file, a file descriptor or a variable, or a hidden prompt. Sources combine: an identity
//! that opens no slot falls back to a passphrase given with it (it may be the second factor of
//! a protected environment). Also parses age recipients (X25519 and SSH public keys) for the
//! slots that `init` creates.

use std::cell::OnceCell;
use std::io::IsTerminal;
use std::path::Path;
use std::str::FromStr;

use zeroize::Zeroizing;

use crate::crypto::Key;
use crate::error::{Error, Result};
use crate::vault::Via;
use crate::vault::keys;
use crate::vault::store::{Id, SlotRow};

/// The unlock variables: removed from the environment of any child process.
pub const UNLOCK_VARS: &[&str] = &[
    "TRESOR_IDENTITY",
    "TRESOR_IDENTITY_FILE",
    "TRESOR_PASSPHRASE",
    "TRESOR_PASSPHRASE_FILE",
];

/// A key source, resolved but not yet tried against a vault.
pub enum KeySource {
    /// age identities (X25519 or SSH), with where they came from.
    Identities {
        from: String,
        identities: Vec<Box<dyn age::Identity>>,
    },
    /// age identities given as the unlock source, with the passphrase sources to fall back on
    /// when they open no slot of the vault: such an identity is not an error, it may be the
    /// second factor of a protected environment (SPEC §2: sources combine).
    Combined {
        from: String,
        identities: Vec<Box<dyn age::Identity>>,
        flags: SourceFlags,
        /// The passphrase, once read: a descriptor can be read only once, and a prompt should
        /// be asked only once per command.
        passphrase: OnceCell<Zeroizing<String>>,
    },
    Passphrase(Zeroizing<String>),
    /// The root key from a running session agent, for the vault with this id.
    Agent {
        key: Key,
        vault_id: Id,
        via: String,
        /// Keys of protected environments, when the agent was started with them.
        protected: Vec<(Id, i64, Key)>,
    },
}

impl KeySource {
    /// How the unlock was attempted, for the audit log of a failure.
    pub fn describe(&self) -> String {
        match self {
            KeySource::Identities { from, .. } => format!("identity from {from}"),
            KeySource::Combined {
                from, passphrase, ..
            } => match passphrase.get() {
                Some(_) => format!("identity from {from}, then passphrase"),
                None => format!("identity from {from}"),
            },
            KeySource::Passphrase(_) => "passphrase".into(),
            KeySource::Agent { via, .. } => via.clone(),
        }
    }

    /// The passphrase this source holds or has read, if any (to re-wrap the passphrase slot).
    pub fn passphrase(&self) -> Option<&Zeroizing<String>> {
        match self {
            KeySource::Passphrase(p) => Some(p),
            KeySource::Combined { passphrase, .. } => passphrase.get(),
            _ => None,
        }
    }
}

/// The flags that name key sources; variables are read here too.
#[derive(Default, Clone)]
pub struct SourceFlags {
    pub identity: Option<std::path::PathBuf>,
    pub passphrase_file: Option<std::path::PathBuf>,
    pub passphrase_fd: Option<i32>,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The hint every "no key" error carries.
pub fn sources_hint() -> String {
    "unlock with --identity FILE, TRESOR_IDENTITY_FILE, TRESOR_IDENTITY, --passphrase-file FILE, \
     TRESOR_PASSPHRASE_FILE, --passphrase-fd N or TRESOR_PASSPHRASE, or run on a terminal to be asked"
        .to_string()
}

/// Whether a hidden prompt can be shown: there is a controlling terminal and stdin or stderr
/// is attached to it.
pub fn can_prompt() -> bool {
    (std::io::stdin().is_terminal() || std::io::stderr().is_terminal())
        && std::fs::File::open("/dev/tty").is_ok()
}

/// Resolves the first key source present, in SPEC §2 order (identity, passphrase, prompt).
/// An identity comes with the passphrase sources to fall back on (see [`KeySource::Combined`]).
pub fn resolve(flags: &SourceFlags) -> Result<KeySource> {
    if let Some(KeySource::Identities { from, identities }) = identity_source(flags)? {
        return Ok(KeySource::Combined {
            from,
            identities,
            flags: flags.clone(),
            passphrase: OnceCell::new(),
        });
    }
    if let Some(p) = passphrase_source(flags)? {
        return Ok(KeySource::Passphrase(p));
    }
    if can_prompt() {
        let p = prompt_hidden("Vault passphrase: ")?;
        return Ok(KeySource::Passphrase(p));
    }
    Err(Error::unlock("no key to unlock the vault").with_hint(sources_hint()))
}

/// The identity sources alone (for bundles, which a passphrase cannot open).
pub fn resolve_identity(flags: &SourceFlags) -> Result<Option<KeySource>> {
    identity_source(flags)
}

fn identity_source(flags: &SourceFlags) -> Result<Option<KeySource>> {
    if let Some(path) = &flags.identity {
        return Ok(Some(identities_from_file(path)?));
    }
    if let Some(path) = var("TRESOR_IDENTITY_FILE") {
        return Ok(Some(identities_from_file(Path::new(&path))?));
    }
    if let Some(text) = var("TRESOR_IDENTITY") {
        let text = Zeroizing::new(text);
        let identities = parse_identities(&text, "TRESOR_IDENTITY")?;
        return Ok(Some(KeySource::Identities {
            from: "TRESOR_IDENTITY".into(),
            identities,
        }));
    }
    Ok(None)
}

/// A passphrase from a file, a descriptor or `TRESOR_PASSPHRASE`, if one is given.
pub fn passphrase_source(flags: &SourceFlags) -> Result<Option<Zeroizing<String>>> {
    if let Some(path) = &flags.passphrase_file {
        return read_passphrase_file(path, &path.display().to_string()).map(Some);
    }
    if let Some(path) = var("TRESOR_PASSPHRASE_FILE") {
        return read_passphrase_file(Path::new(&path), &path).map(Some);
    }
    if let Some(fd) = flags.passphrase_fd {
        // /dev/fd/N opens the descriptor the caller passed without any unsafe code.
        let path = format!("/dev/fd/{fd}");
        return read_passphrase_file(Path::new(&path), &format!("file descriptor {fd}")).map(Some);
    }
    if let Some(p) = var("TRESOR_PASSPHRASE") {
        return Ok(Some(Zeroizing::new(p)));
    }
    Ok(None)
}

/// A file's whole content minus one trailing newline.
pub fn read_passphrase_file(path: &Path, what: &str) -> Result<Zeroizing<String>> {
    let bytes = Zeroizing::new(std::fs::read(path).map_err(|e| Error::io(what, e))?);
    let mut s = Zeroizing::new(
        String::from_utf8(bytes.to_vec())
            .map_err(|_| Error::general(format!("{what}: the passphrase is not UTF-8")))?,
    );
    if s.ends_with('\n') {
        s.pop();
        if s.ends_with('\r') {
            s.pop();
        }
    }
    if s.is_empty() {
        return Err(Error::unlock(format!("{what}: the passphrase is empty")));
    }
    Ok(s)
}

/// Asks for a hidden line on the terminal.
pub fn prompt_hidden(prompt: &str) -> Result<Zeroizing<String>> {
    rpassword::prompt_password(prompt)
        .map(Zeroizing::new)
        .map_err(|e| {
            Error::unlock(format!("could not read from the terminal: {e}"))
                .with_hint(sources_hint())
        })
}

/// Asks twice and insists on the same answer.
pub fn prompt_new(what: &str) -> Result<Zeroizing<String>> {
    let a = prompt_hidden(&format!("{what}: "))?;
    let b = prompt_hidden(&format!("{what} (again): "))?;
    if !crate::crypto::ct_eq(a.as_bytes(), b.as_bytes()) {
        return Err(Error::general("the two entries differ"));
    }
    Ok(a)
}

fn identities_from_file(path: &Path) -> Result<KeySource> {
    let text = Zeroizing::new(
        std::fs::read_to_string(path)
            .map_err(|e| Error::io(format!("identity file {}", path.display()), e))?,
    );
    let identities = parse_identities(&text, &path.display().to_string())?;
    Ok(KeySource::Identities {
        from: path.display().to_string(),
        identities,
    })
}

/// The recipients of the identities the identity sources name (X25519 and SSH; a plugin
/// identity's recipient cannot be derived without its plugin, so it is left out), as
/// `age1…` or `ssh-TYPE BASE64` text: what a bundle's signed recipient list is checked
/// against.
pub fn identity_recipients(flags: &SourceFlags) -> Result<Vec<String>> {
    let text = if let Some(path) = &flags.identity {
        Zeroizing::new(std::fs::read_to_string(path).map_err(|e| Error::io(path.display(), e))?)
    } else if let Some(path) = var("TRESOR_IDENTITY_FILE") {
        Zeroizing::new(std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?)
    } else if let Some(text) = var("TRESOR_IDENTITY") {
        Zeroizing::new(text)
    } else {
        return Ok(vec![]);
    };
    Ok(recipients_of_identities(&text))
}

/// See `identity_recipients`.
pub fn recipients_of_identities(text: &str) -> Vec<String> {
    if text.contains("-----BEGIN") {
        return age::ssh::Identity::from_buffer(text.as_bytes(), None)
            .ok()
            .and_then(|id| age::ssh::Recipient::try_from(id).ok())
            .map(|r| normalize_recipient(&r.to_string()))
            .into_iter()
            .collect();
    }
    text.lines()
        .map(str::trim)
        .filter(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .filter_map(|l| age::x25519::Identity::from_str(l).ok())
        .map(|i| i.to_public().to_string())
        .collect()
}

/// A recipient as compared: `age1…` as is, SSH keys without their comment.
pub fn normalize_recipient(text: &str) -> String {
    let text = text.trim();
    if text.starts_with("ssh-") {
        text.split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        text.to_string()
    }
}

/// age identities (`AGE-SECRET-KEY-1…` lines) or an unencrypted OpenSSH private key.
pub fn parse_identities(text: &str, what: &str) -> Result<Vec<Box<dyn age::Identity>>> {
    if text.contains("-----BEGIN") {
        let id = age::ssh::Identity::from_buffer(text.as_bytes(), Some(what.to_string()))
            .map_err(|e| Error::unlock(format!("{what}: not a usable SSH private key: {e}")))?;
        return match id {
            age::ssh::Identity::Unencrypted(_) => Ok(vec![Box::new(id)]),
            age::ssh::Identity::Encrypted(_) => Err(Error::unlock(format!(
                "{what}: passphrase-protected SSH keys are not supported"
            ))
            .with_hint("use an age identity, or a copy of the key without a passphrase kept on an encrypted disk")),
            age::ssh::Identity::Unsupported(k) => {
                Err(Error::unlock(format!("{what}: unsupported SSH key type ({k:?})")))
            }
        };
    }
    let file = age::IdentityFile::from_buffer(text.as_bytes())
        .map_err(|e| Error::unlock(format!("{what}: not an age identity file: {e}")))?
        .with_callbacks(PluginPrompts);
    let ids = file.into_identities().map_err(|e| {
        Error::unlock(format!("{what}: {e}")).with_hint(
            "a plugin identity (AGE-PLUGIN-…) needs its age-plugin-NAME program on PATH, as the age tool does",
        )
    })?;
    if ids.is_empty() {
        return Err(Error::unlock(format!("{what}: holds no identity")));
    }
    Ok(ids
        .into_iter()
        .map(|i| i as Box<dyn age::Identity>)
        .collect())
}

/// A recipient given to `init --recipient`, with the text to store and a label to show.
pub struct ParsedRecipient {
    pub recipient: Box<dyn age::Recipient + Send>,
    pub text: String,
    pub label: String,
}

/// `parse_recipient` for a `--recipient` argument: a recipients file (as `age -R` reads one)
/// gives every recipient it holds, one a line (`#` comments and blank lines skipped).
pub fn parse_recipients(arg: &str) -> Result<Vec<ParsedRecipient>> {
    if !arg.starts_with("age1") && !arg.starts_with("ssh-") && Path::new(arg).is_file() {
        let text = std::fs::read_to_string(arg).map_err(|e| Error::io(arg, e))?;
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        if lines.len() > 1 {
            return lines
                .into_iter()
                .enumerate()
                .map(|(n, l)| {
                    parse_recipient(l).map_err(|_| {
                        Error::general(format!(
                            "{arg}: recipient {} of {} is not an age recipient",
                            n + 1,
                            text.lines().filter(|l| !l.trim().is_empty()).count()
                        ))
                        .with_hint("one age public key (age1…) or SSH public key a line; # starts a comment")
                    })
                })
                .collect();
        }
    }
    Ok(vec![parse_recipient(arg)?])
}

/// `age1…`, `ssh-ed25519 …`, `ssh-rsa …`, or a file holding one of them (such as
/// `~/.ssh/id_ed25519.pub`).
pub fn parse_recipient(arg: &str) -> Result<ParsedRecipient> {
    let text = if !arg.starts_with("age1") && !arg.starts_with("ssh-") && Path::new(arg).is_file() {
        std::fs::read_to_string(arg)
            .map_err(|e| Error::io(arg, e))?
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .unwrap_or("")
            .to_string()
    } else {
        arg.trim().to_string()
    };
    let bad = || {
        Error::general(format!("not an age recipient: {arg:?}"))
            .with_hint("give an age public key (age1…), an SSH public key (ssh-ed25519 … or ssh-rsa …) or a file holding one")
    };
    if text.starts_with("age1") {
        let label = format!(
            "{}…{}",
            &text[..text.len().min(12)],
            &text[text.len().saturating_sub(6)..]
        );
        if let Ok(r) = age::x25519::Recipient::from_str(&text) {
            return Ok(ParsedRecipient {
                recipient: Box::new(r),
                text,
                label,
            });
        }
        // age1<plugin>1…: a recipient of an age plugin (YubiKey, TPM, …).
        let r = age::plugin::Recipient::from_str(&text).map_err(|_| bad())?;
        let name = r.plugin().to_string();
        let plugin =
            age::plugin::RecipientPluginV1::new(&name, &[r], &[], PluginPrompts).map_err(|_| {
                Error::general(format!(
                    "the age plugin program age-plugin-{name} is not on PATH"
                ))
                .with_hint(format!(
                    "install age-plugin-{name}, as the age tool would need it, and try again"
                ))
            })?;
        return Ok(ParsedRecipient {
            recipient: Box::new(plugin),
            text,
            label,
        });
    }
    if text.starts_with("ssh-") {
        let r = age::ssh::Recipient::from_str(&text).map_err(|_| bad())?;
        let mut parts = text.split_whitespace();
        let kind = parts.next().unwrap_or("ssh");
        let _key = parts.next();
        let comment: Vec<&str> = parts.collect();
        let label = if comment.is_empty() {
            kind.to_string()
        } else {
            format!("{kind} {}", comment.join(" "))
        };
        return Ok(ParsedRecipient {
            recipient: Box::new(r),
            text,
            label,
        });
    }
    Err(bad())
}

/// What an unlock opened: the root key (full access) or one environment's key (a grant).
pub enum Unlocked {
    /// The root key, and the passphrase factor when the passphrase was used.
    Root(Key, Option<Key>),
    Grant(keys::GrantKey),
}

/// Opens the vault's keys from the slots with `source`. Full-access slots are tried before
/// grants. Errors are exit 3 (wrong passphrase, identity without a slot, expired grant), or
/// exit 4 when the passphrase slots are refused before any KDF runs (`kdf_guard`).
pub fn unlock(
    vault_id: &Id,
    slots: &[SlotRow],
    source: &KeySource,
    now: i64,
) -> Result<(Unlocked, Via)> {
    match source {
        KeySource::Agent {
            key,
            vault_id: id,
            via,
            ..
        } => {
            if id != vault_id {
                return Err(Error::unlock(
                    "the session agent holds the key of another vault",
                ));
            }
            Ok((Unlocked::Root(key.clone(), None), Via(via.clone())))
        }
        KeySource::Identities { from, identities } => {
            match unlock_with_identities(vault_id, slots, identities, now)? {
                Some(u) => Ok(u),
                None => Err(no_slot_for(from, false)),
            }
        }
        KeySource::Combined {
            from,
            identities,
            flags,
            passphrase,
        } => {
            if let Some(u) = unlock_with_identities(vault_id, slots, identities, now)? {
                return Ok(u);
            }
            // The identity opens no slot: it may be the second factor of a protected
            // environment (read again from the flags when one is opened). A passphrase given
            // besides it, or asked on the terminal, opens the vault.
            let p = match passphrase.get() {
                Some(p) => p,
                None => {
                    let read = match passphrase_source(flags)? {
                        Some(p) => p,
                        None if can_prompt() => prompt_hidden("Vault passphrase: ")?,
                        None => return Err(no_slot_for(from, true)),
                    };
                    passphrase.get_or_init(|| read)
                }
            };
            unlock_with_passphrase(vault_id, slots, p)
        }
        KeySource::Passphrase(p) => unlock_with_passphrase(vault_id, slots, p),
    }
}

/// The error of an identity that opens no slot; `combinable` when a passphrase could have been
/// given besides it (and was not).
fn no_slot_for(from: &str, combinable: bool) -> Error {
    let e = Error::unlock(format!(
        "the identity from {from} holds no key for this vault"
    ));
    if combinable {
        e.with_hint("use the identity whose recipient was given to `tresor init --recipient` or `tresor access grant`, or give the passphrase too (an identity that protects an environment is its second factor, not a key to the vault)")
    } else {
        e.with_hint("use the identity whose recipient was given to `tresor init --recipient` or `tresor access grant`, or the passphrase")
    }
}

/// The root key or a grant from the first slot `identities` open; `None` when they open none.
fn unlock_with_identities(
    vault_id: &Id,
    slots: &[SlotRow],
    identities: &[Box<dyn age::Identity>],
    now: i64,
) -> Result<Option<(Unlocked, Via)>> {
    for slot in slots.iter().filter(|s| s.kind == keys::SLOT_RECIPIENT) {
        if let Some(root) = keys::unwrap_from_recipient_slot(vault_id, slot, identities)? {
            return Ok(Some((
                Unlocked::Root(root, None),
                Via(format!("identity {}", slot.label)),
            )));
        }
    }
    for slot in slots.iter().filter(|s| s.kind == keys::SLOT_GRANT) {
        if let Some(grant) = keys::unwrap_grant_slot(vault_id, slot, identities)? {
            if let Some(t) = grant.expires_at.filter(|t| *t <= now) {
                return Err(Error::unlock(format!(
                    "the grant {:?} expired on {}",
                    grant.label,
                    crate::clock::rfc3339(t)
                ))
                .with_hint("ask the vault's owner for a new grant (`tresor access grant`)"));
            }
            let via = Via(format!("grant {}", grant.label));
            return Ok(Some((Unlocked::Grant(grant), via)));
        }
    }
    Ok(None)
}

/// The root key and the passphrase factor from the passphrase slot.
fn unlock_with_passphrase(
    vault_id: &Id,
    slots: &[SlotRow],
    p: &Zeroizing<String>,
) -> Result<(Unlocked, Via)> {
    // The slot's cost comes from the file, unauthenticated until the header is checked:
    // `kdf_guard` refuses extra slots and changed parameters before any KDF runs.
    let Some(slot) = crate::kdf_guard::slot_to_try(vault_id, slots)? else {
        return Err(Error::unlock(
            "this vault has no passphrase; it opens with an age identity only",
        )
        .with_hint("pass --identity FILE or set TRESOR_IDENTITY_FILE"));
    };
    match keys::unwrap_with_passphrase(vault_id, slot, p.as_bytes())? {
        Some((root, pfactor)) => {
            crate::kdf_guard::record(vault_id, slot);
            Ok((
                Unlocked::Root(root, Some(pfactor)),
                Via("passphrase".into()),
            ))
        }
        None => Err(Error::unlock("wrong passphrase")),
    }
}

/// How an age plugin talks to the user (PIN, touch, messages): on the terminal when there is
/// one; without a terminal every request fails, and the plugin's error says why.
#[derive(Clone, Copy)]
pub struct PluginPrompts;

fn tty_line(prompt: &str) -> Option<String> {
    use std::io::{BufRead, Write};
    let mut tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .ok()?;
    tty.write_all(prompt.as_bytes()).ok()?;
    let mut line = String::new();
    std::io::BufReader::new(tty).read_line(&mut line).ok()?;
    Some(line.trim_end_matches(['\r', '\n']).to_string())
}

impl age::Callbacks for PluginPrompts {
    fn display_message(&self, message: &str) {
        crate::ui::to_stderr(&format!("{message}\n"));
    }

    fn confirm(&self, message: &str, yes: &str, no: Option<&str>) -> Option<bool> {
        if !can_prompt() {
            return None;
        }
        let choices = match no {
            Some(n) => format!("[{yes}/{n}]"),
            None => format!("[{yes}]"),
        };
        let answer = tty_line(&format!("{message} {choices} "))?;
        Some(answer.eq_ignore_ascii_case(yes) || (no.is_none() && answer.is_empty()))
    }

    fn request_public_string(&self, description: &str) -> Option<String> {
        if !can_prompt() {
            return None;
        }
        tty_line(&format!("{description} "))
    }

    fn request_passphrase(&self, description: &str) -> Option<age::secrecy::SecretString> {
        if !can_prompt() {
            return None;
        }
        rpassword::prompt_password(format!("{description} "))
            .ok()
            .map(Into::into)
    }
}
