//! The engine behind `tresor scan` (SPEC §4): find the vault's own values, and well-known key
//! formats, in files on disk or in what `git` has staged, without ever printing what matched.
//!
//! It exists because a secret kept in the vault still leaks the day someone pastes it into a
//! config file, a test fixture or a base64 Kubernetes manifest, and a pre-commit hook is the last
//! cheap place to catch that. The caller (the `scan` command) unlocks the vault, turns every
//! version of every secret it can read, revoked ones included, into a [`Needle`], and hands
//! them to a [`Scanner`]; this module never touches the vault.
//!
//! # Design
//!
//! * **One automaton, one pass.** Each needle is expanded into the forms it takes in files
//!   (see below). The first [`MIN_NEEDLE_LEN`] bytes of every form, together with the short
//!   literal *anchors* of the key-format rules (`AKIA`, `ghp_`, `-----BEGIN `, `eyJ`, …), go
//!   into a single Aho–Corasick automaton, a DFA while it has at most `DFA_MAX_STATES` (64 Ki)
//!   states (about 3,000 vault values of 40 bytes), else the builder's choice. A file is read
//!   once into a reused buffer and searched once, reporting every occurrence, overlapping ones
//!   included. Each hit is then confirmed: a prefix by comparing the whole forms that start
//!   with it (the longest one that matches wins, and needle matches do not overlap), an
//!   anchor by running its rules' regular expressions, anchored, on a small window. On text
//!   without secrets there are next to no hits, so the cost is the automaton's pass. Why
//!   prefixes rather than whole forms: a DFA over 6,000 whole forms is a 175 MB table that
//!   takes half a second to build, the NFA alternative is three times slower per byte, and a
//!   DFA over the prefixes is 12 MB, builds in 30 ms and runs at full DFA speed. It also
//!   keeps whole values out of the automaton's memory, which is not zeroized; the forms
//!   themselves are held in `Zeroizing` buffers.
//! * **Encodings.** raw bytes; standard base64 and base64url (with or without padding);
//!   lower- and upper-case hex; percent-encoding of every byte outside RFC 3986's unreserved
//!   set (with upper- and lower-case hex digits, and `+` for a space). Forms identical to an
//!   earlier one (an alphanumeric value is its own URL encoding) are searched once.
//! * **Base64 alignment.** The base64 text of a value depends on where the value starts in
//!   the encoded data (modulo 3 bytes) and on what follows it, since the characters at its
//!   edges share bits with the neighbouring bytes. For each of the three alignments the
//!   scanner searches the characters that the value alone determines: the whole-value
//!   encoding without its last partial character and padding, and the two shifted cores.
//!   So a value is found both when it was encoded on its own and when it is one line of a
//!   base64-encoded `.env` file. What it cannot find: base64 split by line wrapping in the
//!   middle of the value, double encodings, compression or encryption.
//! * **Limits.** Values shorter than [`MIN_NEEDLE_LEN`] bytes are not searched (they would
//!   match everywhere); [`Scanner::skipped_short`] says how many. Files whose first 8 KiB
//!   contain a NUL byte are treated as binary and skipped, like git and ripgrep do; they are
//!   counted in [`ScanReport::binary_skipped`]. Each file is read whole. Needle matches do not
//!   overlap: where two overlap, the leftmost (then longest) wins. A vault value that has a
//!   key format is reported as the vault value, and a key format is not reported again
//!   inside a key already reported.
//! * **Walking.** `ignore`'s parallel walker: `.gitignore`, `.ignore` and git's exclude files
//!   are honoured even outside a git repository, hidden files (`.env`!) are scanned, `.git/`
//!   is not. A path given explicitly is scanned even when ignored.
//! * **Positions.** Lines and columns are 1-based; the column counts bytes, like ripgrep's
//!   and `git grep`'s `--column`. They point at the first byte of the matched form.
//! * **Nothing matched is ever output.** A [`Finding`] holds a path, a position and a label or
//!   rule id; its `Display` and JSON forms are built from those alone, and errors carry paths
//!   and I/O messages only.

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
use regex::bytes::Regex;
use serde::Serialize;
use zeroize::Zeroizing;

/// Needles shorter than this many bytes are skipped: a 4-character value would match in
/// every other file.
pub const MIN_NEEDLE_LEN: usize = 6;

/// How many leading bytes are examined for a NUL to call a file binary (as git does).
pub const BINARY_PROBE_LEN: usize = 8 * 1024;

/// Above this many states, the automaton is not made a DFA: a DFA's transition table takes
/// states × alphabet classes × 4 bytes (about 32 MiB here).
const DFA_MAX_STATES: usize = 64 * 1024;

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
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum FindingKind {
    /// A vault value, in the given encoding: `raw`, `base64`, `base64url`, `hex` or `url`.
    Secret {
        label: String,
        encoding: &'static str,
    },
    /// A well-known key format; `id` is one of [`pattern_ids`].
    Pattern { id: &'static str },
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
}

fn serialize_path<S: serde::Serializer>(p: &Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&p.to_string_lossy())
}

impl fmt::Display for Finding {
    /// `path:line:col: NAME (env, version N, state)`, `… as base64` for an encoded form, or
    /// `path:line:col: pattern ID`.
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
            FindingKind::Secret { label, encoding } if *encoding == "raw" => f.write_str(label),
            FindingKind::Secret { label, encoding } => write!(f, "{label} as {encoding}"),
            FindingKind::Pattern { id } => write!(f, "pattern {id}"),
        }
    }
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
    /// Sorted by path, line and column.
    pub findings: Vec<Finding>,
    pub files_scanned: u64,
    pub bytes_scanned: u64,
    pub binary_skipped: u64,
    pub errors: Vec<ScanError>,
}

// ---------------------------------------------------------------------------------------------
// Key-format rules

/// Which neighbouring byte means the match is part of a longer token and so not a key.
#[derive(Clone, Copy)]
enum Edge {
    Any,
    /// An ASCII letter or digit.
    Alnum,
    /// An ASCII letter, digit, `-` or `_`.
    Token,
}

impl Edge {
    fn continues(self, b: u8) -> bool {
        match self {
            Edge::Any => false,
            Edge::Alnum => b.is_ascii_alphanumeric(),
            Edge::Token => b.is_ascii_alphanumeric() || b == b'-' || b == b'_',
        }
    }
}

struct Rule {
    id: &'static str,
    description: &'static str,
    /// Literals one of which every match starts with.
    anchors: &'static [&'static str],
    /// Anchored (`^`) and run on at most `window` bytes from the anchor.
    regex: &'static str,
    window: usize,
    before: Edge,
    after: Edge,
}

const RULES: &[Rule] = &[
    Rule {
        id: "aws-access-key-id",
        description: "AWS access key ID",
        anchors: &["AKIA", "ASIA", "ABIA", "ACCA", "A3T"],
        regex: r"^(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}",
        window: 32,
        before: Edge::Alnum,
        after: Edge::Alnum,
    },
    Rule {
        id: "github-token",
        description: "GitHub token (personal, OAuth, app, refresh)",
        anchors: &["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
        regex: r"^gh[pousr]_[A-Za-z0-9]{36,251}",
        window: 300,
        before: Edge::Alnum,
        after: Edge::Token,
    },
    Rule {
        id: "github-fine-grained-token",
        description: "GitHub fine-grained personal access token",
        anchors: &["github_pat_"],
        regex: r"^github_pat_[A-Za-z0-9_]{82}",
        window: 128,
        before: Edge::Alnum,
        after: Edge::Token,
    },
    Rule {
        id: "gitlab-token",
        description: "GitLab access, deploy, runner or trigger token",
        anchors: &["glpat-", "gldt-", "glrt-", "glptt-", "glsoat-"],
        regex: r"^gl(?:pat|dt|rt|ptt|soat)-[A-Za-z0-9_-]{20,250}",
        window: 300,
        before: Edge::Alnum,
        after: Edge::Token,
    },
    Rule {
        id: "slack-token",
        description: "Slack bot, user, app or configuration token",
        anchors: &[
            "xoxa-", "xoxb-", "xoxe-", "xoxo-", "xoxp-", "xoxr-", "xoxs-",
        ],
        regex: r"^xox[abeoprs]-(?:[0-9A-Za-z]+-)*[0-9A-Za-z]{10,250}",
        window: 400,
        before: Edge::Alnum,
        after: Edge::Token,
    },
    Rule {
        id: "slack-webhook-url",
        description: "Slack incoming webhook URL",
        anchors: &["hooks.slack.com/services/"],
        regex: r"^hooks\.slack\.com/services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32}",
        window: 128,
        before: Edge::Any,
        after: Edge::Alnum,
    },
    Rule {
        id: "stripe-secret-key",
        description: "Stripe secret or restricted key",
        anchors: &["sk_live_", "sk_test_", "rk_live_", "rk_test_"],
        regex: r"^[sr]k_(?:live|test)_[A-Za-z0-9]{24,247}",
        window: 300,
        before: Edge::Alnum,
        after: Edge::Token,
    },
    Rule {
        id: "private-key-block",
        description: "PEM or PGP private key block with key material",
        anchors: &["-----BEGIN "],
        // The header, optional `Name: value` header lines, then key material.
        regex: r"^-----BEGIN [A-Z0-9 _-]{0,100}PRIVATE KEY(?: BLOCK)?-----(?:\s|\\[rn])+(?:[A-Za-z-]+:[^\r\n\\]*(?:\s|\\[rn])+)*[A-Za-z0-9+/=]{40}",
        window: 4096,
        before: Edge::Any,
        after: Edge::Any,
    },
    Rule {
        id: "jwt",
        description: "JSON Web Token",
        anchors: &["eyJ"],
        regex: r"^eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*",
        window: 16 * 1024,
        before: Edge::Token,
        after: Edge::Token,
    },
    Rule {
        id: "google-api-key",
        description: "Google API key",
        anchors: &["AIza"],
        regex: r"^AIza[0-9A-Za-z_-]{35}",
        window: 64,
        before: Edge::Alnum,
        after: Edge::Token,
    },
    Rule {
        id: "google-oauth-client-secret",
        description: "Google OAuth client secret",
        anchors: &["GOCSPX-"],
        regex: r"^GOCSPX-[A-Za-z0-9_-]{28}",
        window: 64,
        before: Edge::Alnum,
        after: Edge::Token,
    },
    Rule {
        id: "openai-api-key",
        description: "OpenAI-style API key (sk-…)",
        anchors: &["sk-"],
        regex: r"^sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,300}|[A-Za-z0-9]{48})",
        window: 320,
        before: Edge::Alnum,
        after: Edge::Token,
    },
    Rule {
        id: "anthropic-api-key",
        description: "Anthropic API key",
        anchors: &["sk-ant-"],
        regex: r"^sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,200}",
        window: 240,
        before: Edge::Alnum,
        after: Edge::Token,
    },
    Rule {
        id: "npm-token",
        description: "npm access token",
        anchors: &["npm_"],
        regex: r"^npm_[A-Za-z0-9]{36}",
        window: 64,
        before: Edge::Alnum,
        after: Edge::Token,
    },
    Rule {
        id: "pypi-token",
        description: "PyPI API token",
        anchors: &["pypi-AgEIcHlwaS5vcmc"],
        regex: r"^pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,300}",
        window: 340,
        before: Edge::Alnum,
        after: Edge::Token,
    },
    Rule {
        id: "huggingface-token",
        description: "Hugging Face access token",
        anchors: &["hf_"],
        regex: r"^hf_[A-Za-z]{34}",
        window: 64,
        before: Edge::Alnum,
        after: Edge::Token,
    },
    Rule {
        id: "sendgrid-api-key",
        description: "SendGrid API key",
        anchors: &["SG."],
        regex: r"^SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}",
        window: 80,
        before: Edge::Alnum,
        after: Edge::Token,
    },
    Rule {
        id: "digitalocean-token",
        description: "DigitalOcean personal, OAuth or refresh token",
        anchors: &["dop_v1_", "doo_v1_", "dor_v1_"],
        regex: r"^do[opr]_v1_[a-f0-9]{64}",
        window: 80,
        before: Edge::Alnum,
        after: Edge::Token,
    },
    Rule {
        id: "shopify-token",
        description: "Shopify access token or shared secret",
        anchors: &["shpat_", "shpca_", "shppa_", "shpss_"],
        regex: r"^shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}",
        window: 48,
        before: Edge::Alnum,
        after: Edge::Token,
    },
    Rule {
        id: "hashicorp-vault-token",
        description: "HashiCorp Vault service or batch token",
        anchors: &["hvs.", "hvb."],
        regex: r"^hv[sb]\.[A-Za-z0-9_-]{90,250}",
        window: 260,
        before: Edge::Alnum,
        after: Edge::Token,
    },
];

/// The key-format rules: `(id, description)`, in the order they are tried.
pub fn pattern_ids() -> impl Iterator<Item = (&'static str, &'static str)> {
    RULES.iter().map(|r| (r.id, r.description))
}

// ---------------------------------------------------------------------------------------------
// Encoded forms of a value

/// Bytes that percent-encoding leaves alone (RFC 3986 "unreserved").
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

fn percent_encode(value: &[u8], upper: bool, plus_for_space: bool) -> Zeroizing<Vec<u8>> {
    let digits: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let mut out = Zeroizing::new(Vec::with_capacity(value.len() * 3));
    for &b in value {
        if is_unreserved(b) {
            out.push(b);
        } else if b == b' ' && plus_for_space {
            out.push(b'+');
        } else {
            out.extend_from_slice(&[b'%', digits[(b >> 4) as usize], digits[(b & 15) as usize]]);
        }
    }
    out
}

/// The base64 characters that `value` alone determines when it starts `shift` bytes (0–2)
/// into the encoded data, whatever surrounds it.
fn base64_core(engine: &impl base64::Engine, value: &[u8], shift: usize) -> Zeroizing<Vec<u8>> {
    let mut shifted = Zeroizing::new(vec![0u8; shift]);
    shifted.extend_from_slice(value);
    let encoded = Zeroizing::new(engine.encode(&*shifted).into_bytes());
    // Character i covers bits [6i, 6i + 6); the value's bits are [8 shift, 8 (shift + n)).
    let start = (8 * shift).div_ceil(6);
    let end = (8 * shifted.len()) / 6;
    Zeroizing::new(encoded[start..end].to_vec())
}

/// Every form of `value` to search for, most natural first, without duplicates.
fn encoded_forms(value: &[u8]) -> Vec<(Zeroizing<Vec<u8>>, &'static str)> {
    let mut forms: Vec<(Zeroizing<Vec<u8>>, &'static str)> =
        vec![(Zeroizing::new(value.to_vec()), "raw")];
    for shift in 0..3 {
        forms.push((base64_core(&STANDARD_NO_PAD, value, shift), "base64"));
    }
    for shift in 0..3 {
        forms.push((base64_core(&URL_SAFE_NO_PAD, value, shift), "base64url"));
    }
    forms.push((Zeroizing::new(hex::encode(value).into_bytes()), "hex"));
    forms.push((Zeroizing::new(hex::encode_upper(value).into_bytes()), "hex"));
    forms.push((percent_encode(value, true, false), "url"));
    forms.push((percent_encode(value, false, false), "url"));
    forms.push((percent_encode(value, true, true), "url"));
    let mut out: Vec<(Zeroizing<Vec<u8>>, &'static str)> = Vec::with_capacity(forms.len());
    for (form, encoding) in forms {
        // A core of a very short value is too short to mean anything.
        if form.len() >= MIN_NEEDLE_LEN && !out.iter().any(|(f, _)| f[..] == form[..]) {
            out.push((form, encoding));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The scanner

/// One form of one or more needles (two needles can share a value).
struct Form {
    bytes: Zeroizing<Vec<u8>>,
    /// (index into `labels`, encoding).
    secrets: Vec<(usize, &'static str)>,
}

/// What one automaton pattern stands for: the forms that start with it, rules it anchors, or
/// both (a form can start with an anchor).
#[derive(Default)]
struct Target {
    /// Indices into `forms`.
    forms: Vec<usize>,
    /// Indices into `rules`.
    rules: Vec<usize>,
}

struct CompiledRule {
    rule: &'static Rule,
    regex: Regex,
}

/// Searches files for needles and key formats. Build once, then scan any number of trees;
/// shared between threads.
pub struct Scanner {
    automaton: Option<AhoCorasick>,
    targets: Vec<Target>,
    forms: Vec<Form>,
    labels: Vec<String>,
    rules: Vec<CompiledRule>,
    skipped_short: usize,
    /// The longest automaton pattern, in bytes.
    max_pattern_len: usize,
}

impl fmt::Debug for Scanner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The automaton's Debug output would spell out the values.
        f.debug_struct("Scanner")
            .field("needles", &self.labels.len())
            .field("forms", &self.forms.len())
            .field("automaton_patterns", &self.targets.len())
            .field("rules", &self.rules.len())
            .field("skipped_short", &self.skipped_short)
            .finish_non_exhaustive()
    }
}

/// How many nodes a trie of `sorted` (sorted, distinct) strings has: the states of a DFA.
fn trie_nodes(sorted: &[&[u8]]) -> usize {
    let mut nodes = 0;
    let mut prev: &[u8] = &[];
    for s in sorted {
        let common = s.iter().zip(prev).take_while(|(a, b)| a == b).count();
        nodes += s.len() - common;
        prev = s;
    }
    nodes
}

/// A hit of the automaton, to confirm: where it starts and which pattern it is.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Hit {
    start: usize,
    /// Anchors after forms at the same position: a vault value is reported as itself.
    anchor_only: bool,
    target: usize,
}

/// How many hits are collected before the settled ones are confirmed.
const HIT_BATCH: usize = 4096;

/// The state of confirming one file's hits, taken in order of their starts.
#[derive(Default)]
struct Confirm {
    lines: LineCounter,
    /// Needle matches do not overlap: the leftmost, then the longest, wins.
    needle_until: usize,
    /// No key format is reported inside a needle match or another key.
    pattern_until: usize,
}

impl Confirm {
    fn hit(&mut self, sc: &Scanner, path: &Path, data: &[u8], hit: Hit, out: &mut Vec<Finding>) {
        let start = hit.start;
        let target = &sc.targets[hit.target];
        let mut push = |what: FindingKind, lines: &mut LineCounter| {
            let (line, column) = lines.position(data, start);
            out.push(Finding {
                path: path.to_path_buf(),
                line,
                column,
                what,
            });
        };
        if start >= self.needle_until {
            let rest = &data[start..];
            let longest = target
                .forms
                .iter()
                .map(|&f| &sc.forms[f])
                .filter(|f| rest.starts_with(&f.bytes))
                .max_by_key(|f| f.bytes.len());
            if let Some(form) = longest {
                for &(label, encoding) in &form.secrets {
                    let label = sc.labels[label].clone();
                    push(FindingKind::Secret { label, encoding }, &mut self.lines);
                }
                self.needle_until = start + form.bytes.len();
                self.pattern_until = self.pattern_until.max(self.needle_until);
                return;
            }
        }
        if start >= self.pattern_until && !target.rules.is_empty() {
            if let Some((id, end)) = sc.match_rule(&target.rules, data, start) {
                self.pattern_until = end;
                push(FindingKind::Pattern { id }, &mut self.lines);
            }
        }
    }
}

impl Scanner {
    /// Builds the automaton over every encoded form of every needle at least
    /// [`MIN_NEEDLE_LEN`] bytes long, plus the key-format anchors when `patterns` is true.
    pub fn new(needles: &[Needle], patterns: bool) -> Scanner {
        let mut labels = Vec::new();
        let mut forms: Vec<Form> = Vec::new();
        let mut skipped_short = 0;
        {
            let mut by_bytes: HashMap<&[u8], usize> = HashMap::new();
            let mut expanded = Vec::new();
            for needle in needles {
                if needle.value.len() < MIN_NEEDLE_LEN {
                    skipped_short += 1;
                    continue;
                }
                labels.push(needle.label.clone());
                for (form, encoding) in encoded_forms(&needle.value) {
                    expanded.push((form, labels.len() - 1, encoding));
                }
            }
            for (form, label, encoding) in &expanded {
                let i = *by_bytes.entry(form.as_slice()).or_insert_with(|| {
                    forms.push(Form {
                        bytes: form.clone(),
                        secrets: Vec::new(),
                    });
                    forms.len() - 1
                });
                forms[i].secrets.push((*label, *encoding));
            }
        }

        // The automaton's patterns: the first MIN_NEEDLE_LEN bytes of every form, and the
        // anchors. Several forms can share a prefix, and a prefix can be an anchor.
        let mut by_pattern: HashMap<&[u8], usize> = HashMap::new();
        let mut targets: Vec<Target> = Vec::new();
        let mut target_for = |bytes, targets: &mut Vec<Target>| -> usize {
            *by_pattern.entry(bytes).or_insert_with(|| {
                targets.push(Target::default());
                targets.len() - 1
            })
        };
        for (i, form) in forms.iter().enumerate() {
            let t = target_for(&form.bytes[..MIN_NEEDLE_LEN], &mut targets);
            targets[t].forms.push(i);
        }
        let mut rules = Vec::new();
        if patterns {
            for (i, rule) in RULES.iter().enumerate() {
                let regex = Regex::new(&format!("(?-u){}", rule.regex))
                    .expect("built-in key-format rules compile");
                rules.push(CompiledRule { rule, regex });
                for anchor in rule.anchors {
                    let t = target_for(anchor.as_bytes(), &mut targets);
                    targets[t].rules.push(i);
                }
            }
        }
        let mut patterns: Vec<(&[u8], usize)> = by_pattern.into_iter().collect();
        patterns.sort_unstable_by_key(|&(_, t)| t);

        let max_pattern_len = patterns.iter().map(|(p, _)| p.len()).max().unwrap_or(0);
        let automaton = if patterns.is_empty() {
            None
        } else {
            let mut sorted: Vec<&[u8]> = patterns.iter().map(|&(p, _)| p).collect();
            sorted.sort_unstable();
            let kind = (trie_nodes(&sorted) <= DFA_MAX_STATES).then_some(AhoCorasickKind::DFA);
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(kind)
                    .build(patterns.iter().map(|&(p, _)| p))
                    .expect("an automaton over plain byte strings builds"),
            )
        };

        Scanner {
            automaton,
            targets,
            forms,
            labels,
            rules,
            skipped_short,
            max_pattern_len,
        }
    }

    /// How many needles were too short to search for.
    pub fn skipped_short(&self) -> usize {
        self.skipped_short
    }

    /// How many needles are searched for.
    pub fn needle_count(&self) -> usize {
        self.labels.len()
    }

    /// Findings in `data`, reported under `path`, in order of position.
    pub fn scan_bytes(&self, path: &Path, data: &[u8]) -> Vec<Finding> {
        let mut out = Vec::new();
        self.scan_into(path, data, &mut Vec::new(), &mut out);
        out
    }

    /// Appends the findings in `data` to `out`; `hits` is scratch space.
    fn scan_into(&self, path: &Path, data: &[u8], hits: &mut Vec<Hit>, out: &mut Vec<Finding>) {
        let Some(ac) = &self.automaton else { return };
        hits.clear();
        let mut confirm = Confirm::default();
        // Every occurrence of every prefix and anchor, overlapping ones included, in order of
        // their ends; on text without secrets there are next to none, so all the work is the
        // automaton's pass. Hits are confirmed in order of their starts, in batches so that
        // a pathological file (a value's prefix repeated megabytes long) needs no more memory.
        for m in ac.find_overlapping_iter(data) {
            let target = m.pattern().as_usize();
            hits.push(Hit {
                start: m.start(),
                anchor_only: self.targets[target].forms.is_empty(),
                target,
            });
            if hits.len() >= HIT_BATCH {
                // Later hits end at or after this one, so start after `settled`.
                let settled = m.end().saturating_sub(self.max_pattern_len);
                hits.sort_unstable();
                let n = hits.partition_point(|h| h.start < settled);
                for hit in hits.drain(..n) {
                    confirm.hit(self, path, data, hit, out);
                }
            }
        }
        hits.sort_unstable();
        for hit in hits.drain(..) {
            confirm.hit(self, path, data, hit, out);
        }
    }

    /// The first rule in `rules` whose key starts at `start`: its id and where the key ends.
    fn match_rule(
        &self,
        rules: &[usize],
        data: &[u8],
        start: usize,
    ) -> Option<(&'static str, usize)> {
        for &i in rules {
            let CompiledRule { rule, regex } = &self.rules[i];
            if start > 0 && rule.before.continues(data[start - 1]) {
                continue;
            }
            let window = &data[start..data.len().min(start + rule.window)];
            let Some(m) = regex.find(window) else {
                continue;
            };
            let end = start + m.end();
            if end < data.len() && rule.after.continues(data[end]) {
                continue;
            }
            return Some((rule.id, end));
        }
        None
    }

    /// Walks `paths` (files or folders) in parallel, honouring ignore files, and scans every
    /// text file. Fails only when a path given does not exist; unreadable files are listed in
    /// [`ScanReport::errors`]. `progress`: draw a spinner on stderr once the scan has taken
    /// more than a moment (pass it only when stderr is a terminal).
    pub fn scan_paths(&self, paths: &[PathBuf], progress: bool) -> io::Result<ScanReport> {
        let default = [PathBuf::from(".")];
        let paths = if paths.is_empty() {
            &default[..]
        } else {
            paths
        };
        for p in paths {
            if let Err(e) = std::fs::symlink_metadata(p) {
                return Err(io::Error::new(e.kind(), format!("{}: {e}", p.display())));
            }
        }
        let mut builder = ignore::WalkBuilder::new(&paths[0]);
        for p in &paths[1..] {
            builder.add(p);
        }
        builder
            .hidden(false)
            .parents(true)
            .ignore(true)
            .git_ignore(true)
            .git_global(true)
            .git_exclude(true)
            .require_git(false)
            .follow_links(false)
            .filter_entry(|e| e.file_name() != ".git");

        let progress = Progress::start(progress);
        let totals = Totals::default();
        let findings = Mutex::new(Vec::new());
        let errors = Mutex::new(Vec::new());
        builder.build_parallel().run(|| {
            let mut buf = Vec::new();
            let mut hits = Vec::new();
            let mut local = Vec::new();
            let (totals, findings, errors, progress) = (&totals, &findings, &errors, &progress);
            Box::new(move |entry| {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        lock(errors).push(walk_error(e));
                        return ignore::WalkState::Continue;
                    }
                };
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    return ignore::WalkState::Continue;
                }
                let path = tidy(entry.path());
                match read_text(entry.path(), &mut buf) {
                    Ok(true) => {
                        self.scan_into(&path, &buf, &mut hits, &mut local);
                        totals.file(buf.len());
                        progress.add(buf.len());
                        if !local.is_empty() {
                            lock(findings).append(&mut local);
                        }
                    }
                    Ok(false) => {
                        totals.binary.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(e) => lock(errors).push(ScanError {
                        path,
                        message: e.to_string(),
                    }),
                }
                // A big file should not keep its buffer alive for the rest of the walk.
                if buf.capacity() > 64 << 20 {
                    buf = Vec::new();
                }
                ignore::WalkState::Continue
            })
        });
        progress.finish();
        let mut errors = errors.into_inner().unwrap_or_else(|e| e.into_inner());
        errors.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(totals.report(
            findings.into_inner().unwrap_or_else(|e| e.into_inner()),
            errors,
        ))
    }

    /// Scans what is staged in the git repository at (or above) `repo_root`: the index
    /// contents of every added, copied, modified or renamed file, as `git commit` would record
    /// them. Paths are reported relative to the top of the work tree, as git prints them.
    /// The environment is inherited, so a pre-commit hook's `GIT_INDEX_FILE` is honoured.
    pub fn scan_staged(&self, repo_root: &Path) -> io::Result<ScanReport> {
        let names = git_output(
            repo_root,
            &[
                "diff",
                "--cached",
                "--name-only",
                "-z",
                "--diff-filter=ACMR",
            ],
        )?;
        let paths: Vec<PathBuf> = names
            .split(|&b| b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| PathBuf::from(String::from_utf8_lossy(p).into_owned()))
            .collect();
        let totals = Totals::default();
        let mut findings = Vec::new();
        let mut hits = Vec::new();
        let mut errors = Vec::new();
        for (path, blob) in staged_blobs(repo_root, &paths)? {
            match blob {
                Blob::Text(data) => {
                    self.scan_into(&path, &data, &mut hits, &mut findings);
                    totals.file(data.len());
                }
                Blob::Binary => {
                    totals.binary.fetch_add(1, Ordering::Relaxed);
                }
                Blob::Missing => errors.push(ScanError {
                    path,
                    message: "not a file in the index (a submodule?)".to_string(),
                }),
            }
        }
        Ok(totals.report(findings, errors))
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn walk_error(e: ignore::Error) -> ScanError {
    fn path_of(e: &ignore::Error) -> Option<&Path> {
        match e {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                path_of(err)
            }
            _ => None,
        }
    }
    ScanError {
        path: path_of(&e).map(tidy).unwrap_or_default(),
        message: e.to_string(),
    }
}

/// `./src/a.rs` → `src/a.rs`: the walker joins the root `.` to every path.
fn tidy(p: &Path) -> PathBuf {
    let mut c = p.components();
    if c.next() == Some(Component::CurDir) && c.clone().next().is_some() {
        c.as_path().to_path_buf()
    } else {
        p.to_path_buf()
    }
}

/// Reads `path` into `buf`; `Ok(false)` (and an unspecified `buf`) for a binary file, which
/// is not read past its first [`BINARY_PROBE_LEN`] bytes.
fn read_text(path: &Path, buf: &mut Vec<u8>) -> io::Result<bool> {
    let mut file = File::open(path)?;
    buf.clear();
    (&mut file).take(BINARY_PROBE_LEN as u64).read_to_end(buf)?;
    if buf.contains(&0) {
        return Ok(false);
    }
    if buf.len() == BINARY_PROBE_LEN {
        file.read_to_end(buf)?;
    }
    Ok(true)
}

fn is_binary(data: &[u8]) -> bool {
    data[..data.len().min(BINARY_PROBE_LEN)].contains(&0)
}

/// Turns byte offsets into 1-based (line, byte column), for offsets in increasing order,
/// counting newlines only between consecutive findings.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    line: usize,
    line_start: usize,
}

impl LineCounter {
    fn position(&mut self, data: &[u8], offset: usize) -> (usize, usize) {
        if offset < self.offset {
            *self = LineCounter::default();
        }
        for (i, &b) in data[self.offset..offset].iter().enumerate() {
            if b == b'\n' {
                self.line += 1;
                self.line_start = self.offset + i + 1;
            }
        }
        self.offset = offset;
        (self.line + 1, offset - self.line_start + 1)
    }
}

#[derive(Default)]
struct Totals {
    files: AtomicU64,
    bytes: AtomicU64,
    binary: AtomicU64,
}

impl Totals {
    fn file(&self, len: usize) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(len as u64, Ordering::Relaxed);
    }

    fn report(&self, mut findings: Vec<Finding>, errors: Vec<ScanError>) -> ScanReport {
        findings.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.what).cmp(&(&b.path, b.line, b.column, &b.what))
        });
        findings.dedup();
        ScanReport {
            findings,
            files_scanned: self.files.load(Ordering::Relaxed),
            bytes_scanned: self.bytes.load(Ordering::Relaxed),
            binary_skipped: self.binary.load(Ordering::Relaxed),
            errors,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Progress

/// A spinner on stderr with files and bytes scanned, shown only if the scan is still running
/// after [`Progress::DELAY`], so quick scans print nothing.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    files: AtomicU64,
    done: Option<std::sync::mpsc::Sender<()>>,
    shower: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    const DELAY: Duration = Duration::from_millis(300);

    fn start(enabled: bool) -> Progress {
        if !enabled {
            return Progress {
                bar: None,
                files: AtomicU64::new(0),
                done: None,
                shower: None,
            };
        }
        let bar = indicatif::ProgressBar::hidden();
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} scanning: {msg} files, {bytes} ({binary_bytes_per_sec})",
        ) {
            bar.set_style(style);
        }
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let shown = bar.clone();
        let shower = std::thread::spawn(move || {
            if rx.recv_timeout(Progress::DELAY) == Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
                shown.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(120));
            }
        });
        Progress {
            bar: Some(bar),
            files: AtomicU64::new(0),
            done: Some(tx),
            shower: Some(shower),
        }
    }

    fn add(&self, bytes: usize) {
        if let Some(bar) = &self.bar {
            let files = self.files.fetch_add(1, Ordering::Relaxed) + 1;
            bar.inc(bytes as u64);
            bar.set_message(files.to_string());
        }
    }

    fn finish(mut self) {
        drop(self.done.take());
        if let Some(t) = self.shower.take() {
            let _ = t.join();
        }
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// git

fn git_command(repo_root: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(repo_root).stdin(Stdio::null());
    cmd
}

fn git_output(repo_root: &Path, args: &[&str]) -> io::Result<Vec<u8>> {
    let out = git_command(repo_root)
        .args(args)
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| io::Error::new(e.kind(), format!("could not run git: {e}")))?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        return Err(io::Error::other(format!(
            "git {} failed: {}",
            args.first().unwrap_or(&""),
            msg.trim()
        )));
    }
    Ok(out.stdout)
}

enum Blob {
    Text(Vec<u8>),
    Binary,
    Missing,
}

/// The staged contents of `paths`, through one `git cat-file --batch` (one `git show` per
/// path for the rare name with a newline, which the batch protocol cannot carry).
fn staged_blobs(repo_root: &Path, paths: &[PathBuf]) -> io::Result<Vec<(PathBuf, Blob)>> {
    let mut out = Vec::with_capacity(paths.len());
    let (batch, odd): (Vec<&PathBuf>, Vec<&PathBuf>) = paths
        .iter()
        .partition(|p| !p.to_string_lossy().contains('\n'));
    if !batch.is_empty() {
        let mut child = git_command(repo_root)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| io::Error::new(e.kind(), format!("could not run git: {e}")))?;
        let mut stdin = child.stdin.take().expect("piped");
        let names: Vec<u8> = batch
            .iter()
            .flat_map(|p| format!(":{}\n", p.to_string_lossy()).into_bytes())
            .collect();
        // Written from another thread: git answers while it reads, and both pipes are finite.
        let writer = std::thread::spawn(move || stdin.write_all(&names));
        let mut stdout = io::BufReader::new(child.stdout.take().expect("piped"));
        let mut result = Ok(());
        for path in &batch {
            match read_batch_entry(&mut stdout) {
                Ok(blob) => out.push(((*path).clone(), blob)),
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        drop(stdout);
        let _ = writer.join();
        let status = child.wait()?;
        result?;
        if !status.success() {
            return Err(io::Error::other("git cat-file failed"));
        }
    }
    for path in odd {
        let spec = format!(":{}", path.to_string_lossy());
        let blob = match git_output(repo_root, &["show", &spec]) {
            Ok(data) if is_binary(&data) => Blob::Binary,
            Ok(data) => Blob::Text(data),
            Err(_) => Blob::Missing,
        };
        out.push((path.clone(), blob));
    }
    Ok(out)
}

/// One answer of `git cat-file --batch`: `<oid> <type> <size>\n<contents>\n` or
/// `<name> missing\n`.
fn read_batch_entry(r: &mut impl io::BufRead) -> io::Result<Blob> {
    let mut header = Vec::new();
    r.read_until(b'\n', &mut header)?;
    if header.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "git cat-file ended early",
        ));
    }
    let header = String::from_utf8_lossy(&header);
    let fields: Vec<&str> = header.trim_end().split(' ').collect();
    let size = match fields.as_slice() {
        [.., kind, size] if kind.len() > 1 && size.bytes().all(|b| b.is_ascii_digit()) => {
            let size: usize = size
                .parse()
                .map_err(|_| io::Error::other("git cat-file: bad size"))?;
            (size, *kind == "blob")
        }
        _ => return Ok(Blob::Missing),
    };
    let mut data = vec![0u8; size.0];
    r.read_exact(&mut data)?;
    let mut newline = [0u8; 1];
    r.read_exact(&mut newline)?;
    Ok(if !size.1 {
        Blob::Missing
    } else if is_binary(&data) {
        Blob::Binary
    } else {
        Blob::Text(data)
    })
}

// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;

    /// A deterministic "random" token of `len` characters from `alphabet`.
    fn token(seed: u64, len: usize, alphabet: &[u8]) -> String {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                alphabet[(x % alphabet.len() as u64) as usize] as char
            })
            .collect()
    }

    const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    const UPPER32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    const HEXL: &[u8] = b"0123456789abcdef";

    fn secret_scanner(values: &[(&str, &[u8])]) -> Scanner {
        let needles: Vec<Needle> = values.iter().map(|(l, v)| Needle::new(*l, v)).collect();
        Scanner::new(&needles, false)
    }

    fn kinds(findings: &[Finding]) -> Vec<(usize, usize, String)> {
        findings
            .iter()
            .map(|f| {
                let what = match &f.what {
                    FindingKind::Secret { label, encoding } => format!("{label}/{encoding}"),
                    FindingKind::Pattern { id } => id.to_string(),
                };
                (f.line, f.column, what)
            })
            .collect()
    }

    #[test]
    fn raw_and_encoded_canaries_with_positions() {
        let value = b"s3cr3t???value&= x".to_vec();
        let s = secret_scanner(&[("API_KEY (prod, version 3, active)", &value)]);
        let b64 = base64::engine::general_purpose::STANDARD.encode(&value);
        let b64url = URL_SAFE_NO_PAD.encode(&value);
        assert_ne!(
            b64.trim_end_matches('='),
            b64url,
            "the test needs + or / in the base64"
        );
        let hexu = hex::encode_upper(&value);
        let url = String::from_utf8(percent_encode(&value, true, false).to_vec()).unwrap();
        let text = format!(
            "first line\n  key = {}\nb: \"{b64}\"\nu={b64url};\n\th{hexu}\nq?x={url}&y=1\n",
            String::from_utf8_lossy(&value)
        );
        let found = kinds(&s.scan_bytes(Path::new("f"), text.as_bytes()));
        let l = "API_KEY (prod, version 3, active)";
        assert_eq!(
            found,
            vec![
                (2, 9, format!("{l}/raw")),
                (3, 5, format!("{l}/base64")),
                (4, 3, format!("{l}/base64url")),
                (5, 3, format!("{l}/hex")),
                (6, 5, format!("{l}/url")),
            ]
        );
    }

    #[test]
    fn base64_found_inside_a_larger_blob_at_every_alignment() {
        let value = token(7, 40, ALNUM);
        let s = secret_scanner(&[("TOKEN (dev, version 1, active)", value.as_bytes())]);
        for prefix in ["", "A=", "AB=", "ABC=", "LONGER_NAME="] {
            let env_file = format!("# config\n{prefix}{value}\nOTHER=1\n");
            let blob = base64::engine::general_purpose::STANDARD.encode(&env_file);
            let found = s.scan_bytes(Path::new("k8s.yaml"), format!("data: {blob}\n").as_bytes());
            assert_eq!(found.len(), 1, "prefix {prefix:?}");
            assert!(matches!(
                found[0].what,
                FindingKind::Secret {
                    encoding: "base64",
                    ..
                }
            ));
            assert_eq!(found[0].line, 1);
        }
    }

    #[test]
    fn hex_lower_case_and_url_lower_case() {
        let value = b"p@ss w0rd/!";
        let s = secret_scanner(&[("PW (prod, version 1, active)", value)]);
        let text = format!(
            "{}\n{}\n{}\n",
            hex::encode(value),
            String::from_utf8(percent_encode(value, false, false).to_vec()).unwrap(),
            String::from_utf8(percent_encode(value, true, true).to_vec()).unwrap()
        );
        let found = kinds(&s.scan_bytes(Path::new("f"), text.as_bytes()));
        let encs: Vec<&str> = found
            .iter()
            .map(|(_, _, w)| w.rsplit('/').next().unwrap())
            .collect();
        assert_eq!(encs, ["hex", "url", "url"]);
        assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), [1, 2, 3]);
    }

    #[test]
    fn short_values_are_skipped_and_counted() {
        let s = Scanner::new(
            &[Needle::new("A", b"12345"), Needle::new("B", b"123456")],
            false,
        );
        assert_eq!(s.skipped_short(), 1);
        assert_eq!(s.needle_count(), 1);
        assert_eq!(s.scan_bytes(Path::new("f"), b"x 12345 y").len(), 0);
        assert_eq!(s.scan_bytes(Path::new("f"), b"x 123456 y").len(), 1);
    }

    #[test]
    fn shared_value_reports_every_label_and_columns_are_bytes() {
        let v = token(3, 32, ALNUM);
        let s = secret_scanner(&[
            ("K (prod, version 1, revoked)", v.as_bytes()),
            ("K (staging, version 2, active)", v.as_bytes()),
        ]);
        let text = format!("é = \"{v}\"");
        let found = kinds(&s.scan_bytes(Path::new("f"), text.as_bytes()));
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|(l, c, _)| (*l, *c) == (1, 7)));
    }

    #[test]
    fn anchor_does_not_hide_a_needle_starting_inside_it() {
        // "eyJ" is a JWT anchor; the value starts one byte into it.
        let value = b"yJsecretvalue";
        let s = Scanner::new(&[Needle::new("V (p, version 1, active)", value)], true);
        let found = kinds(&s.scan_bytes(Path::new("f"), b"xeyJsecretvalue"));
        assert_eq!(
            found,
            vec![(1, 3, "V (p, version 1, active)/raw".to_string())]
        );
    }

    #[test]
    fn longest_needle_wins_and_matches_do_not_overlap() {
        let s = secret_scanner(&[
            ("SHORT (p, version 1, active)", b"abcdef123"),
            ("LONG (p, version 2, active)", b"abcdef123456"),
        ]);
        let found = kinds(&s.scan_bytes(Path::new("f"), b"abcdef123456 abcdef1234"));
        assert_eq!(
            found,
            vec![
                (1, 1, "LONG (p, version 2, active)/raw".to_string()),
                (1, 14, "SHORT (p, version 1, active)/raw".to_string()),
            ]
        );
    }

    #[test]
    fn a_prefix_repeated_everywhere_is_confirmed_in_batches() {
        let s = Scanner::new(
            &[Needle::new("A (p, version 1, active)", b"aaaaaaaaab")],
            true,
        );
        let aws = format!("AKIA{}", token(1, 16, UPPER32));
        let text = format!(
            "{}aaaaaaaaab\n{aws} {}\n",
            "a".repeat(20_000),
            "a".repeat(9_000)
        );
        let found = kinds(&s.scan_bytes(Path::new("f"), text.as_bytes()));
        assert_eq!(
            found,
            vec![
                (1, 20_001, "A (p, version 1, active)/raw".to_string()),
                (2, 1, "aws-access-key-id".to_string()),
            ]
        );
    }

    #[test]
    fn many_needles_past_the_dfa_limit_still_found() {
        let values: Vec<String> = (0..4000).map(|i| token(1000 + i, 40, ALNUM)).collect();
        let needles: Vec<Needle> = values
            .iter()
            .enumerate()
            .map(|(i, v)| Needle::new(format!("V{i} (p, version 1, active)"), v.as_bytes()))
            .collect();
        let s = Scanner::new(&needles, true);
        let kind = s.automaton.as_ref().unwrap().kind();
        assert_ne!(
            kind,
            AhoCorasickKind::DFA,
            "this test is about the fallback"
        );
        let small = Scanner::new(&needles[..1000], true);
        assert_eq!(
            small.automaton.as_ref().unwrap().kind(),
            AhoCorasickKind::DFA
        );
        let text = format!("a {}\nb {}\n", values[3999], hex::encode(&values[17]));
        let found = kinds(&s.scan_bytes(Path::new("f"), text.as_bytes()));
        assert_eq!(
            found,
            vec![
                (1, 3, "V3999 (p, version 1, active)/raw".to_string()),
                (2, 3, "V17 (p, version 1, active)/hex".to_string()),
            ]
        );
    }

    /// For each rule: a synthetic key built at run time, and near misses that must not match.
    fn rule_examples() -> Vec<(&'static str, String, Vec<String>)> {
        let t = |seed, len, alpha| token(seed, len, alpha);
        let b64url = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let letters = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        let pem_body = format!("{}\n{}", t(5, 64, ALNUM), t(6, 64, ALNUM));
        vec![
            (
                "aws-access-key-id",
                format!("AKIA{}", t(1, 16, UPPER32)),
                vec![
                    format!("AKIA{}", t(1, 15, UPPER32)),
                    format!("AKIA{}", t(1, 17, UPPER32)),
                    format!("XAKIA{}", t(1, 16, UPPER32)),
                    format!("AKIA{}a", t(1, 15, UPPER32)),
                ],
            ),
            (
                "github-token",
                format!("ghp_{}", t(2, 36, ALNUM)),
                vec![
                    format!("ghp_{}", t(2, 35, ALNUM)),
                    format!("ghx_{}", t(2, 36, ALNUM)),
                ],
            ),
            (
                "github-fine-grained-token",
                format!("github_pat_{}_{}", t(3, 22, ALNUM), t(4, 59, ALNUM)),
                vec![format!("github_pat_{}", t(3, 40, ALNUM))],
            ),
            (
                "gitlab-token",
                format!("glpat-{}", t(5, 20, ALNUM)),
                vec![
                    format!("glpat-{}", t(5, 19, ALNUM)),
                    format!("glpatx{}", t(5, 20, ALNUM)),
                ],
            ),
            (
                "slack-token",
                format!(
                    "xoxb-{}-{}-{}",
                    t(6, 12, b"0123456789"),
                    t(7, 13, b"0123456789"),
                    t(8, 24, ALNUM)
                ),
                vec![
                    "xoxb-short".to_string(),
                    format!("xoxz-{}", t(8, 24, ALNUM)),
                ],
            ),
            (
                "slack-webhook-url",
                format!(
                    "https://hooks.slack.com/services/T{}/B{}/{}",
                    t(9, 8, UPPER32),
                    t(10, 8, UPPER32),
                    t(11, 24, ALNUM)
                ),
                vec!["https://hooks.slack.com/services/T000/B000/xyz".to_string()],
            ),
            (
                "stripe-secret-key",
                format!("sk_live_{}", t(12, 24, ALNUM)),
                vec![
                    format!("sk_live_{}", t(12, 10, ALNUM)),
                    format!("risk_live_{}", t(12, 24, ALNUM)),
                ],
            ),
            (
                "private-key-block",
                format!(
                    "-----BEGIN RSA PRIVATE KEY-----\n{pem_body}\n-----END RSA PRIVATE KEY-----"
                ),
                vec![
                    format!("-----BEGIN PUBLIC KEY-----\n{pem_body}\n-----END PUBLIC KEY-----"),
                    "if line == \"-----BEGIN OPENSSH PRIVATE KEY-----\" {".to_string(),
                ],
            ),
            (
                "jwt",
                format!(
                    "eyJ{}.eyJ{}.{}",
                    t(13, 20, b64url),
                    t(14, 40, b64url),
                    t(15, 43, b64url)
                ),
                vec![format!("eyJ{}.{}", t(13, 20, b64url), t(15, 43, b64url))],
            ),
            (
                "google-api-key",
                format!("AIza{}", t(16, 35, b64url)),
                vec![format!("AIza{}", t(16, 34, ALNUM))],
            ),
            (
                "google-oauth-client-secret",
                format!("GOCSPX-{}", t(17, 28, ALNUM)),
                vec![format!("GOCSPX-{}", t(17, 20, ALNUM))],
            ),
            (
                "openai-api-key",
                format!("sk-proj-{}", t(18, 64, b64url)),
                vec![
                    format!("task-{}", t(18, 48, ALNUM)),
                    format!("sk-{}", t(18, 30, ALNUM)),
                ],
            ),
            (
                "anthropic-api-key",
                format!("sk-ant-api03-{}", t(19, 93, b64url)),
                vec![format!("sk-ant-api03-{}", t(19, 20, ALNUM))],
            ),
            (
                "npm-token",
                format!("npm_{}", t(20, 36, ALNUM)),
                vec![
                    format!("npm_{}", t(20, 20, ALNUM)),
                    "npm_install_hook".to_string(),
                ],
            ),
            (
                "pypi-token",
                format!("pypi-AgEIcHlwaS5vcmc{}", t(21, 60, b64url)),
                vec![format!("pypi-AgEIcHlwaS5vcmc{}", t(21, 10, ALNUM))],
            ),
            (
                "huggingface-token",
                format!("hf_{}", t(22, 34, letters)),
                vec![
                    "hf_hub_download".to_string(),
                    format!("hf_{}", t(22, 34, HEXL)),
                ],
            ),
            (
                "sendgrid-api-key",
                format!("SG.{}.{}", t(23, 22, b64url), t(24, 43, b64url)),
                vec![format!("MSG.{}", t(23, 22, ALNUM))],
            ),
            (
                "digitalocean-token",
                format!("dop_v1_{}", t(25, 64, HEXL)),
                vec![format!("dop_v1_{}", t(25, 63, HEXL))],
            ),
            (
                "shopify-token",
                format!("shpat_{}", t(26, 32, HEXL)),
                vec![format!(
                    "shpat_{}",
                    t(26, 32, ALNUM).replace(char::is_numeric, "z")
                )],
            ),
            (
                "hashicorp-vault-token",
                format!("hvs.{}", t(27, 95, ALNUM)),
                vec![format!("hvs.{}", t(27, 30, ALNUM))],
            ),
        ]
    }

    #[test]
    fn every_rule_matches_its_example_and_not_near_misses() {
        let s = Scanner::new(&[], true);
        let examples = rule_examples();
        assert_eq!(
            examples.iter().map(|e| e.0).collect::<Vec<_>>(),
            pattern_ids().map(|p| p.0).collect::<Vec<_>>(),
            "one example per rule, in table order"
        );
        for (id, key, misses) in &examples {
            let text = format!("config:\n  token = \"{key}\" # x\n");
            let found = kinds(&s.scan_bytes(Path::new("f"), text.as_bytes()));
            let column = 12 + key.find("hooks.slack").unwrap_or(0);
            assert_eq!(found, vec![(2, column, id.to_string())], "{id}");
            for miss in misses {
                let text = format!("value: {miss}\n");
                let found = s.scan_bytes(Path::new("f"), text.as_bytes());
                assert!(found.is_empty(), "{id} matched a near miss: {found:?}");
            }
        }
    }

    #[test]
    fn no_patterns_means_no_rules() {
        let s = Scanner::new(&[], false);
        let key = format!("AKIA{}", token(1, 16, UPPER32));
        assert!(s.scan_bytes(Path::new("f"), key.as_bytes()).is_empty());
    }

    #[test]
    fn a_vault_value_that_looks_like_a_key_is_reported_as_the_secret() {
        let key = format!("ghp_{}", token(2, 36, ALNUM));
        let s = Scanner::new(
            &[Needle::new("GH (ci, version 1, active)", key.as_bytes())],
            true,
        );
        let found = kinds(&s.scan_bytes(Path::new("f"), format!("t={key}").as_bytes()));
        assert_eq!(
            found,
            vec![(1, 3, "GH (ci, version 1, active)/raw".to_string())]
        );
    }

    #[test]
    fn output_never_contains_the_value() {
        let value = token(9, 40, ALNUM);
        let s = Scanner::new(
            &[Needle::new(
                "K (prod, version 1, revoked)",
                value.as_bytes(),
            )],
            true,
        );
        let b64 = base64::engine::general_purpose::STANDARD.encode(&value);
        let aws = format!("AKIA{}", token(1, 16, UPPER32));
        let text = format!("{value}\n{b64}\n{}\n{aws}\n", hex::encode(&value));
        let found = s.scan_bytes(Path::new("a/b.txt"), text.as_bytes());
        assert_eq!(found.len(), 4);
        let shown: Vec<String> = found.iter().map(|f| f.to_string()).collect();
        assert_eq!(shown[0], "a/b.txt:1:1: K (prod, version 1, revoked)");
        assert_eq!(
            shown[1],
            "a/b.txt:2:1: K (prod, version 1, revoked) as base64"
        );
        assert_eq!(shown[3], "a/b.txt:4:1: pattern aws-access-key-id");
        let json = serde_json::to_string(&found).unwrap();
        assert!(
            json.contains(r#""kind":"secret""#) && json.contains(r#""id":"aws-access-key-id""#)
        );
        let dbg = format!("{found:?} {s:?} {:?}", Needle::new("K", value.as_bytes()));
        for out in shown.iter().chain([&json, &dbg]) {
            for secret in [value.as_str(), &b64, &aws, &value[5..25]] {
                assert!(!out.contains(secret), "output leaks: {out}");
            }
        }
    }

    #[test]
    fn control_characters_in_paths_are_escaped() {
        let f = Finding {
            path: PathBuf::from("evil\nfile"),
            line: 1,
            column: 1,
            what: FindingKind::Pattern { id: "jwt" },
        };
        assert_eq!(f.to_string(), "\"evil\\nfile\":1:1: pattern jwt");
    }

    fn write(root: &Path, rel: &str, data: &[u8]) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, data).unwrap();
    }

    #[test]
    fn walk_honours_gitignore_skips_binary_and_git_and_finds_nested() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let value = token(11, 40, ALNUM);
        let v = value.as_bytes();
        write(root, ".gitignore", b"ignored/\n*.log\n");
        write(root, "ignored/leak.txt", v);
        write(root, "debug.log", v);
        write(root, ".git/config", v);
        write(
            root,
            "a/b/c/deep.rs",
            format!("fn main() {{}}\n// {value}\n").as_bytes(),
        );
        write(root, ".env", format!("TOKEN={value}\n").as_bytes());
        let mut bin = b"\x7fELF\0\0\0".to_vec();
        bin.extend_from_slice(v);
        write(root, "a/tool.bin", &bin);
        write(root, "a/clean.txt", b"nothing here\n");

        let s = secret_scanner(&[("TOKEN (dev, version 1, active)", v)]);
        let report = s.scan_paths(&[root.to_path_buf()], false).unwrap();
        let paths: Vec<PathBuf> = report
            .findings
            .iter()
            .map(|f| f.path.strip_prefix(root).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            paths,
            [PathBuf::from(".env"), PathBuf::from("a/b/c/deep.rs")]
        );
        assert_eq!((report.findings[1].line, report.findings[1].column), (2, 4));
        assert_eq!(report.binary_skipped, 1);
        assert_eq!(
            report.files_scanned, 4,
            ".gitignore, .env, deep.rs, clean.txt"
        );
        assert!(report.errors.is_empty());

        // An ignored file named explicitly is scanned.
        let report = s.scan_paths(&[root.join("debug.log")], false).unwrap();
        assert_eq!(report.findings.len(), 1);
        // A missing path is an error naming it.
        let err = s.scan_paths(&[root.join("nope")], false).unwrap_err();
        assert!(err.to_string().contains("nope"));
    }

    #[test]
    fn large_file_past_the_probe_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let value = token(12, 40, ALNUM);
        let mut data = "filler line of code;\n".repeat(2000).into_bytes();
        data.extend_from_slice(value.as_bytes());
        write(dir.path(), "big.txt", &data);
        let s = secret_scanner(&[("X (p, version 1, active)", value.as_bytes())]);
        let report = s.scan_paths(&[dir.path().to_path_buf()], false).unwrap();
        assert_eq!(report.findings.len(), 1);
        assert_eq!(
            (report.findings[0].line, report.findings[0].column),
            (2001, 1)
        );
        assert_eq!(report.bytes_scanned, data.len() as u64);
    }

    fn git(dir: &Path, args: &[&str]) {
        let ok = Command::new("git")
            .current_dir(dir)
            .args(args)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap()
            .success();
        assert!(ok, "git {args:?}");
    }

    #[test]
    fn staged_scans_the_index_not_the_work_tree() {
        if Command::new("git").arg("--version").output().is_err() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let value = token(13, 40, ALNUM);
        git(root, &["init", "-q"]);
        write(root, "staged.txt", format!("x = {value}\n").as_bytes());
        write(root, "weird name\twith tab.txt", value.as_bytes());
        write(root, "bin.dat", b"\0\0\0");
        write(root, "unstaged.txt", value.as_bytes());
        git(
            root,
            &["add", "staged.txt", "weird name\twith tab.txt", "bin.dat"],
        );
        // The work tree changes after staging: the index is what counts.
        write(root, "staged.txt", b"clean now\n");
        let s = secret_scanner(&[("T (dev, version 1, active)", value.as_bytes())]);
        let report = s.scan_staged(root).unwrap();
        let shown: Vec<String> = report.findings.iter().map(|f| f.to_string()).collect();
        assert_eq!(
            shown,
            [
                "staged.txt:1:5: T (dev, version 1, active)",
                "\"weird name\\twith tab.txt\":1:1: T (dev, version 1, active)"
            ]
        );
        assert_eq!(report.binary_skipped, 1);
        assert_eq!(report.files_scanned, 2);
    }
}
