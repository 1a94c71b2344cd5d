//! How findings are shown: one text line each, JSON (the report as it is), and SARIF 2.1.0,
//! the format that code-scanning services (GitHub code scanning, GitLab, Azure DevOps) ingest.
//!
//! It exists so that every output is built from the same fields of a [`Finding`] (path, line,
//! column, rule or vault name, commit, fingerprint) and never from the matched bytes, which a
//! finding does not hold.

use std::fmt;

use serde_json::{Value, json};

use super::rules::rules;
use super::{Finding, FindingKind, ScanReport, VAULT_RULE_ID};

impl fmt::Display for Finding {
    /// `path:line:col: NAME (env, version N, state)`, `… as base64` for an encoded form, or
    /// `path:line:col: pattern ID`; ` in commit HASH` for a history scan.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.to_string_lossy();
        // A file name with a newline or escape sequence must not forge or hide output lines.
        if path.chars().any(char::is_control) {
            write!(f, "{:?}", path.as_ref())?;
        } else {
            f.write_str(&path)?;
        }
        write!(f, ":{}:{}: ", self.line, self.column)?;
        match &self.what {
            FindingKind::Secret { label, encoding } if *encoding == "raw" => f.write_str(label)?,
            FindingKind::Secret { label, encoding } => write!(f, "{label} as {encoding}")?,
            FindingKind::Pattern { id } => write!(f, "pattern {id}")?,
        }
        if let Some(c) = &self.commit {
            write!(f, " in commit {}", &c[..c.len().min(12)])?;
        }
        Ok(())
    }
}

/// The text form of one finding, with its newline.
pub fn text_line(f: &Finding) -> String {
    format!("{f}\n")
}

/// Percent-encodes what a relative URI reference cannot hold as is (SARIF `uri`).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The report as a SARIF 2.1.0 log: one run of the tool `tresor`, its rules (every key-format
/// rule and `vault-secret`), and one result per finding.
pub fn sarif(report: &ScanReport) -> Value {
    let mut rule_list = vec![json!({
        "id": VAULT_RULE_ID,
        "name": "VaultSecret",
        "shortDescription": {"text": "A value stored in the tresor vault"},
        "fullDescription": {"text": "A value stored in the vault (any version, also revoked) appears in the file, raw or encoded. Remove it and rotate the secret."},
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["security", "secret", "vault"]},
    })];
    let mut index = std::collections::HashMap::new();
    index.insert(VAULT_RULE_ID, 0usize);
    for r in rules() {
        index.insert(r.id, rule_list.len());
        rule_list.push(json!({
            "id": r.id,
            "shortDescription": {"text": r.description},
            "defaultConfiguration": {"level": "error"},
            "properties": {"tags": ["security", "secret", r.family.tag()]},
        }));
    }
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let id = f.what.rule_id();
            let message = match &f.what {
                FindingKind::Secret { label, encoding } if *encoding == "raw" => {
                    format!("Vault secret {label}: remove it and rotate the secret.")
                }
                FindingKind::Secret { label, encoding } => {
                    format!("Vault secret {label} as {encoding}: remove it and rotate the secret.")
                }
                FindingKind::Pattern { id } => {
                    let what = rules().find(|r| r.id == *id).map_or(*id, |r| r.description);
                    format!("{what} ({id}).")
                }
            };
            let mut result = json!({
                "ruleId": id,
                "ruleIndex": index.get(id).copied().unwrap_or(0),
                "level": "error",
                "message": {"text": message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(&f.path.to_string_lossy())},
                        "region": {"startLine": f.line, "startColumn": f.column},
                    }
                }],
                "partialFingerprints": {"tresor/v1": f.fingerprint},
            });
            if let Some(c) = &f.commit {
                result["properties"] = json!({"commit": c});
                result["message"]["text"] =
                    Value::String(format!("{message} Added in commit {c}."));
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "tresor",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rule_list,
            }},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }]
    })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn control_characters_in_paths_are_escaped() {
        let f = Finding {
            path: PathBuf::from("evil\nfile"),
            line: 1,
            column: 1,
            what: FindingKind::Pattern { id: "jwt" },
            commit: None,
            fingerprint: "00".into(),
        };
        assert_eq!(f.to_string(), "\"evil\\nfile\":1:1: pattern jwt");
    }

    #[test]
    fn sarif_has_rules_results_fingerprints_and_commits() {
        let report = ScanReport {
            findings: vec![
                Finding {
                    path: PathBuf::from("src/my file.rs"),
                    line: 3,
                    column: 7,
                    what: FindingKind::Pattern { id: "github-token" },
                    commit: Some("a".repeat(40)),
                    fingerprint: "0123456789abcdef".into(),
                },
                Finding {
                    path: PathBuf::from(".env"),
                    line: 1,
                    column: 5,
                    what: FindingKind::Secret {
                        label: "API_KEY (prod, version 2, active)".into(),
                        encoding: "base64",
                    },
                    commit: None,
                    fingerprint: "fedcba9876543210".into(),
                },
            ],
            ..ScanReport::default()
        };
        let doc = sarif(&report);
        assert_eq!(doc["version"], "2.1.0");
        let run = &doc["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules[0]["id"], VAULT_RULE_ID);
        assert!(rules.len() > 150);
        let r0 = &run["results"][0];
        assert_eq!(r0["ruleId"], "github-token");
        assert_eq!(
            rules[r0["ruleIndex"].as_u64().unwrap() as usize]["id"],
            "github-token"
        );
        let loc = &r0["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "src/my%20file.rs");
        assert_eq!(loc["region"]["startLine"], 3);
        assert_eq!(loc["region"]["startColumn"], 7);
        assert_eq!(r0["partialFingerprints"]["tresor/v1"], "0123456789abcdef");
        assert_eq!(r0["properties"]["commit"], "a".repeat(40));
        let r1 = &run["results"][1];
        assert_eq!(r1["ruleId"], VAULT_RULE_ID);
        assert!(
            r1["message"]["text"]
                .as_str()
                .unwrap()
                .contains("API_KEY (prod, version 2, active) as base64")
        );
    }
}
