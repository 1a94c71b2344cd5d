//! One error type for the whole program. Its kind decides the exit code (doc/cli.md §6), its message
//! is the `error:` line and its hints are the `hint:` lines. No variant carries a secret value:
//! messages are built from names, paths and counts only.

use std::fmt;

/// What went wrong, as far as the exit code is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Not found, already exists, invalid input, I/O: exit 1.
    General,
    /// The command line itself is wrong: exit 2.
    Usage,
    /// No key source, wrong passphrase, no access to the environment: exit 3.
    Unlock,
    /// Tampering, corruption, rollback, broken audit chain: exit 4.
    Integrity,
    /// Refused by policy (revoked, expired, plaintext into a file): exit 5.
    Policy,
    /// `due` or `scan` found something: exit 6.
    Findings,
    /// `run`: the command's own status, or 126/127 when it could not be started.
    Exit(u8),
}

impl Kind {
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::General => 1,
            Kind::Usage => 2,
            Kind::Unlock => 3,
            Kind::Integrity => 4,
            Kind::Policy => 5,
            Kind::Findings => 6,
            Kind::Exit(code) => code,
        }
    }
}

/// An error the user sees: `error: <message>` then one `hint: <hint>` line per hint.
#[derive(Debug)]
pub struct Error {
    pub kind: Kind,
    pub message: String,
    pub hints: Vec<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    pub fn general(message: impl Into<String>) -> Self {
        Self::new(Kind::General, message)
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Kind::Usage, message)
    }

    pub fn unlock(message: impl Into<String>) -> Self {
        Self::new(Kind::Unlock, message)
    }

    pub fn integrity(message: impl Into<String>) -> Self {
        Self::new(Kind::Integrity, message)
    }

    pub fn policy(message: impl Into<String>) -> Self {
        Self::new(Kind::Policy, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// An I/O error about `what` (a path or a description), never about a value.
    pub fn io(what: impl fmt::Display, err: std::io::Error) -> Self {
        Self::general(format!("{what}: {err}"))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// SQLite errors: anything that says the file is not what we wrote is an integrity failure;
/// locking, permission and I/O trouble is an ordinary error.
impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        if let rusqlite::Error::SqliteFailure(e, _) = &err {
            match e.code {
                C::DatabaseBusy | C::DatabaseLocked => {
                    return Error::general(format!("the vault is busy: {err}"))
                        .with_hint("another tresor is writing; try again");
                }
                C::CannotOpen
                | C::SystemIoFailure
                | C::DiskFull
                | C::ReadOnly
                | C::PermissionDenied
                | C::OutOfMemory
                | C::FileLockingProtocolFailed => {
                    return Error::general(format!("vault storage: {err}"));
                }
                _ => {}
            }
        }
        Error::integrity(format!(
            "the vault file is corrupt or was tampered with ({err})"
        ))
        .with_hint("restore the vault from a backup")
    }
}
