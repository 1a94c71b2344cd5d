//! `.tresorignore`: the findings you decided to keep, as gitleaks' `.gitleaksignore` and
//! detect-secrets' baseline do it.
//!
//! It exists because a test fixture, a documented sample or a public key that a rule mistakes
//! for a secret must not fail every future scan, and editing the file to add a
//! `tresor:allow` comment is not always possible (generated files, vendored code). One entry a
//! line; `#` starts a comment:
//!
//! ```text
//! tests/fixtures/**          a path, as a .gitignore glob (relative to the file's folder)
//! rule:jwt                   every finding of a rule (`rule:vault-secret`: every vault value)
//! fingerprint:1a2b3c4d5e6f7a8b   one finding, by the fingerprint that JSON and SARIF show
//! 1a2b3c4d5e6f7a8b           the same, bare
//! ```
//!
//! A fingerprint does not change when lines move: it covers the rule, the path and the match
//! (for vault values the name and encoding, never the value).

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};

use super::Finding;

/// The name of the file.
pub const IGNORE_FILE: &str = ".tresorignore";

#[derive(Debug)]
pub struct Allowlist {
    paths: Gitignore,
    base: PathBuf,
    rules: HashSet<String>,
    fingerprints: HashSet<String>,
}

impl Allowlist {
    /// An allowlist that allows nothing.
    pub fn empty() -> Allowlist {
        Allowlist {
            paths: Gitignore::empty(),
            base: PathBuf::new(),
            rules: HashSet::new(),
            fingerprints: HashSet::new(),
        }
    }

    /// Reads `dir/.tresorignore`, or allows nothing if there is none. Paths in it are relative
    /// to `dir`, as the findings' paths are when `dir` is where the scan runs.
    pub fn load(dir: &Path) -> io::Result<Allowlist> {
        let file = dir.join(IGNORE_FILE);
        match std::fs::read_to_string(&file) {
            Ok(text) => Allowlist::parse(dir, &text)
                .map_err(|e| io::Error::other(format!("{}: {e}", file.display()))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Allowlist::empty()),
            Err(e) => Err(io::Error::new(e.kind(), format!("{}: {e}", file.display()))),
        }
    }

    pub fn parse(base: &Path, text: &str) -> Result<Allowlist, String> {
        let mut paths = GitignoreBuilder::new(base);
        let mut rules = HashSet::new();
        let mut fingerprints = HashSet::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(id) = line.strip_prefix("rule:") {
                rules.insert(id.trim().to_string());
            } else if let Some(fp) = line.strip_prefix("fingerprint:") {
                fingerprints.insert(fp.trim().to_ascii_lowercase());
            } else if line.len() == 16 && line.bytes().all(|b| b.is_ascii_hexdigit()) {
                fingerprints.insert(line.to_ascii_lowercase());
            } else {
                paths
                    .add_line(None, line)
                    .map_err(|e| format!("line {}: {e}", n + 1))?;
            }
        }
        Ok(Allowlist {
            paths: paths.build().map_err(|e| e.to_string())?,
            base: base.to_path_buf(),
            rules,
            fingerprints,
        })
    }

    /// The `rule:` entries that name no rule (a typo allows nothing).
    pub fn unknown_rules(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .rules
            .iter()
            .map(String::as_str)
            .filter(|id| *id != super::VAULT_RULE_ID && !super::rules().any(|r| r.id == *id))
            .collect();
        out.sort_unstable();
        out
    }

    pub fn is_empty(&self) -> bool {
        self.paths.is_empty() && self.rules.is_empty() && self.fingerprints.is_empty()
    }

    /// Whether `f` is allowed.
    pub fn allows(&self, f: &Finding) -> bool {
        if self.rules.contains(f.what.rule_id()) || self.fingerprints.contains(&f.fingerprint) {
            return true;
        }
        if self.paths.is_empty() {
            return false;
        }
        let path = if f.path.is_absolute() {
            match f.path.strip_prefix(&self.base) {
                Ok(p) => p,
                Err(_) => return false,
            }
        } else {
            &f.path
        };
        // The file itself or any folder above it.
        let mut is_dir = false;
        for p in path.ancestors() {
            if p.as_os_str().is_empty() {
                break;
            }
            if self.paths.matched(p, is_dir).is_ignore() {
                return true;
            }
            is_dir = true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::FindingKind;

    fn finding(path: &str, id: &'static str, fp: &str) -> Finding {
        Finding {
            path: PathBuf::from(path),
            line: 1,
            column: 1,
            what: FindingKind::Pattern { id },
            commit: None,
            fingerprint: fp.to_string(),
        }
    }

    #[test]
    fn paths_rules_and_fingerprints() {
        let a = Allowlist::parse(
            Path::new("/repo"),
            "# comment\ntests/fixtures/\n*.snap\nrule:jwt\nfingerprint:00112233AABBCCDD\n0123456789abcdef\n",
        )
        .unwrap();
        assert!(a.allows(&finding("tests/fixtures/a/b.txt", "github-token", "ff")));
        assert!(a.allows(&finding("src/x.snap", "github-token", "ff")));
        assert!(a.allows(&finding("/repo/tests/fixtures/k.pem", "github-token", "ff")));
        assert!(a.allows(&finding("src/a.rs", "jwt", "ff")));
        assert!(a.allows(&finding("src/a.rs", "github-token", "00112233aabbccdd")));
        assert!(a.allows(&finding("src/a.rs", "github-token", "0123456789abcdef")));
        assert!(!a.allows(&finding("src/a.rs", "github-token", "ff")));
        assert!(!a.allows(&finding(
            "/elsewhere/tests/fixtures/x",
            "github-token",
            "ff"
        )));
        assert!(!a.allows(&finding("src/tests/fixturesx", "github-token", "ff")));
        assert!(a.unknown_rules().is_empty());
        let b = Allowlist::parse(Path::new("/"), "rule:jwtt\nrule:vault-secret\n").unwrap();
        assert_eq!(b.unknown_rules(), ["jwtt"]);
    }

    #[test]
    fn missing_file_allows_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let a = Allowlist::load(dir.path()).unwrap();
        assert!(a.is_empty());
    }
}
