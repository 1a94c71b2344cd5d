//! Audit events: what is recorded about each command (never a value), who did it, and how
//! events are shown. Storage, chaining and verification are in `vault::audit`.

use serde::{Deserialize, Serialize};

/// What an event records. Each action says whether it hands secret values out (which makes it
/// a use of the secrets in `list` and `status`): a new command must decide, as the match is
/// exhaustive. Stored in the log as its name (`as_str`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    AccessAdd,
    AccessGrant,
    AccessList,
    AccessRemove,
    AccessRevoke,
    AuditBroken,
    BundleExport,
    Cp,
    Due,
    EnvAdd,
    EnvList,
    EnvProtect,
    EnvRm,
    EnvUnprotect,
    Export,
    Generate,
    Get,
    History,
    Import,
    Init,
    List,
    Mv,
    Passwd,
    Rekey,
    Revoke,
    Rm,
    RollbackAllowed,
    Rotate,
    Run,
    Scan,
    Set,
    Status,
    Unlock,
    UnlockFailed,
    VaultCopy,
}

impl Action {
    pub const ALL: &[Action] = &[
        Action::AccessAdd,
        Action::AccessGrant,
        Action::AccessList,
        Action::AccessRemove,
        Action::AccessRevoke,
        Action::AuditBroken,
        Action::BundleExport,
        Action::Cp,
        Action::Due,
        Action::EnvAdd,
        Action::EnvList,
        Action::EnvProtect,
        Action::EnvRm,
        Action::EnvUnprotect,
        Action::Export,
        Action::Generate,
        Action::Get,
        Action::History,
        Action::Import,
        Action::Init,
        Action::List,
        Action::Mv,
        Action::Passwd,
        Action::Rekey,
        Action::Revoke,
        Action::Rm,
        Action::RollbackAllowed,
        Action::Rotate,
        Action::Run,
        Action::Scan,
        Action::Set,
        Action::Status,
        Action::Unlock,
        Action::UnlockFailed,
        Action::VaultCopy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::AccessAdd => "access-add",
            Action::AccessGrant => "access-grant",
            Action::AccessList => "access-list",
            Action::AccessRemove => "access-remove",
            Action::AccessRevoke => "access-revoke",
            Action::AuditBroken => "audit-broken",
            Action::BundleExport => "bundle-export",
            Action::Cp => "cp",
            Action::Due => "due",
            Action::EnvAdd => "env-add",
            Action::EnvList => "env-list",
            Action::EnvProtect => "env-protect",
            Action::EnvRm => "env-rm",
            Action::EnvUnprotect => "env-unprotect",
            Action::Export => "export",
            Action::Generate => "generate",
            Action::Get => "get",
            Action::History => "history",
            Action::Import => "import",
            Action::Init => "init",
            Action::List => "list",
            Action::Mv => "mv",
            Action::Passwd => "passwd",
            Action::Rekey => "rekey",
            Action::Revoke => "revoke",
            Action::Rm => "rm",
            Action::RollbackAllowed => "rollback-allowed",
            Action::Rotate => "rotate",
            Action::Run => "run",
            Action::Scan => "scan",
            Action::Set => "set",
            Action::Status => "status",
            Action::Unlock => "unlock",
            Action::UnlockFailed => "unlock-failed",
            Action::VaultCopy => "vault-copy",
        }
    }

    /// Whether the action hands values out (a use of the secrets it names or reads).
    pub fn reads_values(self) -> bool {
        match self {
            Action::Get | Action::Run | Action::Export | Action::BundleExport => true,
            Action::AccessAdd => false,
            Action::AccessGrant => false,
            Action::AccessList => false,
            Action::AccessRemove => false,
            Action::AccessRevoke => false,
            Action::AuditBroken => false,
            Action::Cp => false,
            Action::Due => false,
            Action::EnvAdd => false,
            Action::EnvList => false,
            Action::EnvProtect => false,
            Action::EnvRm => false,
            Action::EnvUnprotect => false,
            Action::Generate => false,
            Action::History => false,
            Action::Import => false,
            Action::Init => false,
            Action::List => false,
            Action::Mv => false,
            Action::Passwd => false,
            Action::Rekey => false,
            Action::Revoke => false,
            Action::Rm => false,
            Action::RollbackAllowed => false,
            Action::Rotate => false,
            Action::Scan => false,
            Action::Set => false,
            Action::Status => false,
            Action::Unlock => false,
            Action::UnlockFailed => false,
            Action::VaultCopy => false,
        }
    }

    /// The action of a name as the log stores it.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.as_str() == name)
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The names of every action (what `audit --action` accepts besides those in the log).
pub fn action_names() -> Vec<&'static str> {
    Action::ALL.iter().map(|a| a.as_str()).collect()
}

/// One event. `detail` is the program name for `run` (never its arguments) and the reason for
/// `revoke`; it never holds a value.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Event {
    pub actor: String,
    pub via: String,
    pub action: String,
    #[serde(default)]
    pub env: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub version: Option<i64>,
    #[serde(default)]
    pub detail: Option<String>,
    /// Who could have written it (stored as its name).
    #[serde(default)]
    pub origin: EventOrigin,
}

/// Who could have written an event, which decides how far its text is to be believed: only
/// the owner's events count as use, and the others are marked wherever they are shown.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum EventOrigin {
    /// Written with the root key, in the owner's chain.
    #[default]
    Owner,
    /// Written by a grant holder with its environment's key, then folded into the owner's chain.
    Grant,
    /// A grant holder's event that no longer verified when it was folded in.
    GrantUnverified,
    /// A failed unlock, written with no key at all.
    Unauthenticated,
    /// A name no tresor writes (text chosen by whoever wrote the event): shown, never counted.
    #[serde(other)]
    Other,
}

impl EventOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            EventOrigin::Owner => "owner",
            EventOrigin::Grant => "grant",
            EventOrigin::GrantUnverified => "grant-unverified",
            EventOrigin::Unauthenticated => "unauthenticated",
            EventOrigin::Other => "other",
        }
    }
}

impl Event {
    pub fn new(action: Action) -> Event {
        Event::named(action.as_str())
    }

    /// An event under a name that is no action: the placeholder of a row that no longer
    /// decrypts (`unreadable`, `unknown`), shown as found.
    pub fn named(action: &str) -> Event {
        Event {
            actor: actor(),
            action: action.to_string(),
            origin: EventOrigin::Owner,
            ..Event::default()
        }
    }

    pub fn env(mut self, env: &str) -> Event {
        self.env = Some(env.to_string());
        self
    }

    pub fn name(mut self, name: &str) -> Event {
        self.name = Some(name.to_string());
        self
    }

    pub fn version(mut self, v: i64) -> Event {
        self.version = Some(v);
        self
    }

    pub fn detail(mut self, d: impl Into<String>) -> Event {
        self.detail = Some(d.into());
        self
    }
}

/// `user@host` of the process: who used the key, from where.
pub fn actor() -> String {
    let user = ["USER", "LOGNAME"]
        .iter()
        .find_map(|v| crate::config::var(v))
        .unwrap_or_else(|| format!("uid{}", rustix::process::getuid().as_raw()));
    let uname = rustix::system::uname();
    let host = uname.nodename().to_string_lossy().into_owned();
    format!("{user}@{host}")
}

/// The program of a `run`, without its arguments or directories.
pub fn program_name(program: &std::ffi::OsStr) -> String {
    std::path::Path::new(program)
        .file_name()
        .unwrap_or(program)
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_one_name_and_reads_are_the_value_handing_ones() {
        let names = action_names();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
        for a in Action::ALL {
            assert_eq!(Action::from_name(a.as_str()), Some(*a));
        }
        let reads: Vec<&str> = Action::ALL
            .iter()
            .filter(|a| a.reads_values())
            .map(|a| a.as_str())
            .collect();
        assert_eq!(reads, ["bundle-export", "export", "get", "run"]);
    }
}
