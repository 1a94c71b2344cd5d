//! Where the key that opens the vault comes from (doc/cli.md §2): an age identity, a passphrase from
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
use crate::vault::store::Id;
pub use crate::vault::unlock::{Credentials, LatePassphrase, Unlocked};

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
    /// second factor of a protected environment (doc/cli.md §2: sources combine).
    Combined {
        from: String,
        identities: Vec<Box<dyn age::Identity>>,
        flags: SourceFlags,
        /// The passphrase, once read: a descriptor can be read only once, and a prompt should
        /// be asked only once per command.
        passphrase: OnceCell<Zeroizing<String>>,
    },
    Passphrase(Zeroizing<String>),
    /// The root key from a running session agent, for the vault with this id; `None` when
    /// the agent was started with `unlock -e` and holds only the keys in `protected`.
    Agent {
        key: Option<Key>,
        vault_id: Id,
        via: String,
        /// Keys of protected environments, when the agent was started with them; or of the
        /// environments a scoped agent may open.
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

use crate::config::var;

/// Whether a key source other than the prompt is given (flag or variable), without reading it.
pub fn any_source_given(flags: &SourceFlags) -> bool {
    flags.identity.is_some()
        || flags.passphrase_file.is_some()
        || flags.passphrase_fd.is_some()
        || UNLOCK_VARS.iter().any(|v| var(v).is_some())
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

/// Resolves the first key source present, in doc/cli.md §2 order (identity, passphrase, prompt).
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
        std::str::from_utf8(&bytes)
            .map(str::to_owned)
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
    let text = read_identity_file(path)?;
    let identities = parse_identities(&text, &path.display().to_string())?;
    Ok(KeySource::Identities {
        from: path.display().to_string(),
        identities,
    })
}

/// Whether `bytes` are an age file (binary or armoured): a passphrase-encrypted identity file.
fn is_age_file(bytes: &[u8]) -> bool {
    bytes.starts_with(b"age-encryption.org/")
        || bytes
            .trim_ascii_start()
            .starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----")
}

/// The text of an identity file. One that is itself an age file encrypted with a passphrase
/// (`age -p`, as the age tool accepts with `-i`) is decrypted with a passphrase asked on the
/// terminal, once per process: the text is kept for the identity's recipients, which the
/// bundle check needs later in the same command.
fn read_identity_file(path: &Path) -> Result<Zeroizing<String>> {
    static DECRYPTED: std::sync::Mutex<Vec<(std::path::PathBuf, Zeroizing<String>)>> =
        std::sync::Mutex::new(Vec::new());
    let what = format!("identity file {}", path.display());
    let bytes = Zeroizing::new(std::fs::read(path).map_err(|e| Error::io(&what, e))?);
    if !is_age_file(&bytes) {
        return std::str::from_utf8(&bytes)
            .map(|s| Zeroizing::new(s.to_owned()))
            .map_err(|_| Error::unlock(format!("{what}: not a text identity file")));
    }
    let mut cache = DECRYPTED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, text)) = cache.iter().find(|(p, _)| p == path) {
        return Ok(text.clone());
    }
    let decryptor = age::Decryptor::new(age::armor::ArmoredReader::new(&bytes[..]))
        .map_err(|e| Error::unlock(format!("{what}: not a readable age file: {e}")))?;
    if !decryptor.is_scrypt() {
        return Err(Error::unlock(format!(
            "{what} is an age file encrypted to a recipient, not with a passphrase"
        ))
        .with_hint("decrypt it first, or give the identity that opens it"));
    }
    let passphrase = ask_identity_passphrase(&what)?;
    let identity = age::scrypt::Identity::new(passphrase.as_str().to_owned().into());
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| Error::unlock(format!("{what}: cannot decrypt it: {e}")))?;
    let mut plain = Zeroizing::new(Vec::new());
    std::io::Read::read_to_end(&mut reader, &mut plain)
        .map_err(|e| Error::unlock(format!("{what}: cannot decrypt it: {e}")))?;
    let text = Zeroizing::new(
        std::str::from_utf8(&plain)
            .map(str::to_owned)
            .map_err(|_| Error::unlock(format!("{what}: does not hold an identity file")))?,
    );
    cache.push((path.to_path_buf(), text.clone()));
    Ok(text)
}

/// The passphrase of a protected identity (an encrypted age identity file or OpenSSH key),
/// asked on the terminal: there is no other source for it, since the passphrase sources are
/// the vault's.
fn ask_identity_passphrase(what: &str) -> Result<Zeroizing<String>> {
    if !can_prompt() {
        return Err(Error::unlock(format!(
            "{what} is protected by a passphrase, and there is no terminal to ask it on"
        ))
        .with_hint("run on a terminal, or use an identity without a passphrase (on an encrypted disk, or a CI secret)"));
    }
    prompt_hidden(&format!("Passphrase for {what}: "))
}

/// The recipients of the identities the identity sources name (X25519 and SSH; a plugin
/// identity's recipient cannot be derived without its plugin, so it is left out), as
/// `age1…` or `ssh-TYPE BASE64` text: what a bundle's signed recipient list is checked
/// against.
pub fn identity_recipients(flags: &SourceFlags) -> Result<Vec<String>> {
    let text = if let Some(path) = &flags.identity {
        read_identity_file(path)?
    } else if let Some(path) = var("TRESOR_IDENTITY_FILE") {
        read_identity_file(Path::new(&path))?
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
            // Decrypted once, here: asked on the terminal, as ssh and age do.
            age::ssh::Identity::Encrypted(enc) => {
                let what = format!("the SSH key {what}");
                let passphrase = ask_identity_passphrase(&what)?;
                let key = enc
                    .decrypt(passphrase.as_str().to_owned().into())
                    .map_err(|_| Error::unlock(format!("{what}: wrong passphrase")))?;
                Ok(vec![Box::new(age::ssh::Identity::Unencrypted(key))])
            }
            age::ssh::Identity::Unsupported(k) => Err(Error::unlock(format!(
                "{what}: unsupported SSH key type ({k:?})"
            ))),
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

pub use crate::recipient::ParsedRecipient;

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
            .with_hint(format!("give {}", crate::recipient::FORMS))
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

impl KeySource {
    /// The credentials the vault core opens its slots with. An identity given alone comes with
    /// the passphrase sources to fall back on (read once, or asked on a terminal).
    pub fn credentials(&self) -> Credentials<'_> {
        match self {
            KeySource::Agent {
                key,
                vault_id,
                via,
                protected,
            } => Credentials::Agent {
                key: key.as_ref(),
                vault_id,
                via,
                protected,
            },
            KeySource::Identities { from, identities } => Credentials::Identities {
                from,
                identities,
                passphrase: None,
            },
            KeySource::Combined {
                from, identities, ..
            } => Credentials::Identities {
                from,
                identities,
                passphrase: Some(self),
            },
            KeySource::Passphrase(p) => Credentials::Passphrase(p),
        }
    }

    /// For a combined source: the passphrase given besides the identity, read once (a
    /// descriptor can be read only once, a prompt should be asked only once per command).
    fn combined_passphrase(&self) -> Result<Option<&Zeroizing<String>>> {
        let KeySource::Combined {
            flags, passphrase, ..
        } = self
        else {
            return Ok(None);
        };
        if let Some(p) = passphrase.get() {
            return Ok(Some(p));
        }
        let read = match passphrase_source(flags)? {
            Some(p) => p,
            None if can_prompt() => prompt_hidden("Vault passphrase: ")?,
            None => return Ok(None),
        };
        Ok(Some(passphrase.get_or_init(|| read)))
    }
}

impl LatePassphrase for KeySource {
    fn late_passphrase(&self) -> Result<Option<&Zeroizing<String>>> {
        self.combined_passphrase()
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
