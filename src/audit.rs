//! Audit events: what is recorded about each command (never a value), who did it, and how
//! events are shown. Storage, chaining and verification are in `vault::audit`.

use serde::{Deserialize, Serialize};

/// The actions the log records (`audit --action` checks against these and those in the log).
pub const ACTIONS: &[&str] = &[
    "access-add",
    "access-grant",
    "access-list",
    "access-remove",
    "access-revoke",
    "bundle-export",
    "due",
    "env-add",
    "env-list",
    "env-protect",
    "env-rm",
    "env-unprotect",
    "export",
    "generate",
    "get",
    "history",
    "import",
    "init",
    "list",
    "passwd",
    "rekey",
    "revoke",
    "rm",
    "rollback-allowed",
    "rotate",
    "run",
    "scan",
    "set",
    "status",
    "unlock",
    "unlock-failed",
];

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
    /// `owner` (authenticated with the root key), `grant` (written by a grant holder with its
    /// environment's key, then folded into the owner's chain) or `unauthenticated` (a failed
    /// unlock, written with no key at all).
    #[serde(default = "owner")]
    pub origin: String,
}

fn owner() -> String {
    "owner".into()
}

impl Event {
    pub fn new(action: &str) -> Event {
        Event {
            actor: actor(),
            action: action.to_string(),
            origin: owner(),
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

    /// Every `Event::new("…")` in the sources is in `ACTIONS` (but the placeholders for
    /// unreadable rows), so `audit --action` accepts what tresor writes.
    #[test]
    fn every_recorded_action_is_known() {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(std::fs::read_to_string(&p).unwrap());
                }
            }
        }
        let mut sources = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut sources,
        );
        let mut seen = 0;
        for text in sources {
            for part in text.split("Event::new(\"").skip(1) {
                let action = part.split('"').next().unwrap();
                if action == "unknown" || action == "unreadable" || action.contains('…') {
                    continue;
                }
                seen += 1;
                assert!(
                    ACTIONS.contains(&action),
                    "{action} is not in audit::ACTIONS"
                );
            }
        }
        assert!(seen > 20);
    }
}
