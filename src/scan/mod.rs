//! The engine behind `tresor scan` (doc/cli.md §4): find the vault's own values, and the credential
//! formats of well-known providers, in files on disk, in what `git` has staged or in every
//! commit of a repository, without ever printing what matched.
//!
//! It exists because a secret kept in the vault still leaks the day someone pastes it into a
//! config file, a test fixture or a base64 Kubernetes manifest, and a pre-commit hook is the last
//! cheap place to catch that. The caller (the `scan` command) unlocks the vault, turns every
//! version of every secret it can read, revoked ones included, into a [`Needle`], and hands
//! them to a [`Scanner`]; this module never touches the vault.
//!
//! One file per job:
//!
//! * `rules.rs`: the table of key-format rules (provider formats, context rules, generic
//!   assignments) and what makes a match a placeholder rather than a key;
//! * `encodings.rs`: the forms a vault value takes in files (base64 at every alignment, hex,
//!   URL encoding);
//! * `engine.rs`: the [`Scanner`]: one Aho–Corasick pass, hits confirmed by comparison or by a
//!   rule's regex on a small window, inline `tresor:allow`;
//! * `walk.rs`: walking folders in parallel with ignore files, reading text files, progress;
//! * `git.rs`: what git has staged, and every commit of the history (added lines only);
//! * `allow.rs`: `.tresorignore` (paths, rule ids, fingerprints);
//! * `output.rs`: text, JSON and SARIF 2.1.0.
//!
//! # Limits and positions
//!
//! Values shorter than [`MIN_NEEDLE_LEN`] bytes are not searched (they would match
//! everywhere); [`Scanner::skipped_short`] says how many. Files whose first 8 KiB contain a NUL
//! byte are binary and skipped, like git and ripgrep do. Lines and columns are 1-based; the
//! column counts bytes, like ripgrep's and `git grep`'s `--column`, and points at the first
//! byte of the matched form (for an assignment rule, of the assigned value).
//!
//! **Nothing matched is ever output.** A [`Finding`] holds a path, a position, a label or rule
//! id, a commit and a fingerprint (a truncated SHA-256 over the rule, the path and, for key
//! formats, the match; for vault values over the name and encoding, never the value); its
//! `Display`, JSON and SARIF forms are built from those alone, and errors carry paths and I/O
//! messages only.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;
use zeroize::Zeroizing;

mod allow;
mod encodings;
mod engine;
mod git;
mod output;
mod rules;
mod walk;

#[cfg(test)]
mod testutil;

pub use allow::{Allowlist, IGNORE_FILE};
pub use engine::Scanner;
pub use output::{sarif, text_line};
pub use rules::{Family, RuleInfo, rules};

/// Needles shorter than this many bytes are skipped: a 4-character value would match in
/// every other file.
pub const MIN_NEEDLE_LEN: usize = 6;

/// How many leading bytes are examined for a NUL to call a file binary (as git does).
pub const BINARY_PROBE_LEN: usize = 8 * 1024;

/// The rule id that SARIF and `.tresorignore` use for vault values.
pub const VAULT_RULE_ID: &str = "vault-secret";

/// One value to look for, with the label to report it under.
pub struct Needle {
    /// How a finding names it, e.g. `API_KEY (prod, version 3, revoked)`.
    pub label: String,
    pub value: Zeroizing<Vec<u8>>,
}

impl Needle {
    pub fn new(label: impl Into<String>, value: &[u8]) -> Needle {
        Needle {
            label: label.into(),
            value: Zeroizing::new(value.to_vec()),
        }
    }
}

impl fmt::Debug for Needle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Needle")
            .field("label", &self.label)
            .field(
                "value",
                &format_args!("<{} bytes redacted>", self.value.len()),
            )
            .finish()
    }
}

/// What was found at a position. Never holds the matched bytes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum FindingKind {
    /// A vault value, in the given encoding: `raw`, `base64`, `base64url`, `hex` or `url`.
    Secret {
        label: String,
        encoding: &'static str,
    },
    /// A key format; `id` is one of [`rules`].
    Pattern { id: &'static str },
}

impl FindingKind {
    /// The rule id: the pattern's, or [`VAULT_RULE_ID`].
    pub fn rule_id(&self) -> &'static str {
        match self {
            FindingKind::Secret { .. } => VAULT_RULE_ID,
            FindingKind::Pattern { id } => id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    #[serde(serialize_with = "serialize_path")]
    pub path: PathBuf,
    /// 1-based.
    pub line: usize,
    /// 1-based, in bytes from the start of the line.
    pub column: usize,
    #[serde(flatten)]
    pub what: FindingKind,
    /// The commit that added it (`scan --history`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    /// 16 hex digits, stable when lines move: what `.tresorignore` takes to allow one finding.
    pub fingerprint: String,
}

fn serialize_path<S: serde::Serializer>(p: &Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&p.to_string_lossy())
}

/// A file that could not be read; the scan goes on without it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScanError {
    #[serde(serialize_with = "serialize_path")]
    pub path: PathBuf,
    pub message: String,
}

#[derive(Debug, Default, Serialize)]
pub struct ScanReport {
    /// Sorted by path, line and column (by commit first for a history scan).
    pub findings: Vec<Finding>,
    pub files_scanned: u64,
    pub bytes_scanned: u64,
    pub binary_skipped: u64,
    /// Commits read by `scan --history`.
    #[serde(skip_serializing_if = "is_zero")]
    pub commits_scanned: u64,
    /// Findings left out by an inline `tresor:allow` or by `.tresorignore`.
    pub allowed: u64,
    pub errors: Vec<ScanError>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl ScanReport {
    /// Drops the findings that `allow` allows, counting them in [`ScanReport::allowed`].
    pub fn apply(&mut self, allow: &Allowlist) {
        let before = self.findings.len();
        self.findings.retain(|f| !allow.allows(f));
        self.allowed += (before - self.findings.len()) as u64;
    }
}
