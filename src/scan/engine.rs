//! The [`Scanner`]: one Aho–Corasick pass over a buffer, every hit confirmed.
//!
//! It exists because searching thousands of encoded vault values and a few hundred key formats
//! one by one would read each file hundreds of times; here each file is searched once.
//!
//! * **One automaton, one pass.** The first [`MIN_NEEDLE_LEN`] bytes of every encoded form of
//!   every needle, together with the literal *anchors* of the key-format rules (`AKIA`,
//!   `ghp_`, `-----BEGIN `, context keywords in three cases, …), go into a single Aho–Corasick
//!   automaton, a DFA while it has at most `DFA_MAX_STATES` (64 Ki) states (about 3,000 vault
//!   values of 40 bytes), else the builder's choice. A buffer is searched once, reporting
//!   every occurrence, overlapping ones included. Each hit is then confirmed: a prefix by
//!   comparing the whole forms that start with it (the longest one that matches wins, and
//!   needle matches do not overlap), an anchor by running its rules' regular expressions on a
//!   small window. On text without secrets there are next to no hits, so the cost is the
//!   automaton's pass. Why prefixes rather than whole forms: a DFA over 6,000 whole forms is a
//!   175 MB table that takes half a second to build, the NFA alternative is three times slower
//!   per byte, and a DFA over the prefixes is 12 MB, builds in 30 ms and runs at full DFA
//!   speed. It also keeps whole values out of the automaton's memory, which is not zeroized;
//!   the forms themselves are held in `Zeroizing` buffers.
//! * **Precedence.** A vault value that has a key format is reported as the vault value; a key
//!   format is not reported again inside a key already reported; a context rule (an
//!   assignment) yields to a vault value or a prefix rule matching inside its value.
//! * **Allowing.** A finding whose line holds `tresor:allow` is counted, not reported.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::bytes::Regex;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::encodings::encoded_forms;
use super::rules::{RULES, Rule, identifier_like, is_placeholder, random_enough};
use super::{Finding, FindingKind, MIN_NEEDLE_LEN, Needle};

/// Above this many states, the automaton is not made a DFA: a DFA's transition table takes
/// states × alphabet classes × 4 bytes (about 32 MiB here).
const DFA_MAX_STATES: usize = 64 * 1024;

/// The inline marker that allows the findings on its line.
pub const ALLOW_MARKER: &[u8] = b"tresor:allow";

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
pub(super) struct Hit {
    start: usize,
    /// Anchors after forms at the same position: a vault value is reported as itself.
    anchor_only: bool,
    target: usize,
}

/// How many hits are collected before the settled ones are confirmed.
const HIT_BATCH: usize = 4096;

/// A confirmed match, before its line and column are known.
struct Raw {
    /// Where it is reported (the key, or an assignment's value).
    at: usize,
    /// Where a context match's value ends (others: unused).
    end: usize,
    what: FindingKind,
    fingerprint: String,
    context: bool,
    /// The rule's place in the table: among context matches of one value, the first wins.
    rank: usize,
}

/// What a rule matched.
struct RuleMatch {
    rank: usize,
    id: &'static str,
    at: usize,
    end: usize,
    context: bool,
    fingerprint: String,
}

/// The state of confirming one buffer's hits, taken in order of their starts.
#[derive(Default)]
struct Confirm {
    /// Needle matches do not overlap: the leftmost, then the longest, wins.
    needle_until: usize,
    /// No key format is reported inside a needle match or another key.
    pattern_until: usize,
    found: Vec<Raw>,
}

/// A fingerprint: 16 hex digits of SHA-256 over `parts`, separated.
pub(super) fn fingerprint(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    h.update(b"tresor-finding-v1");
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    hex::encode(&h.finalize()[..8])
}

impl Confirm {
    fn hit(&mut self, sc: &Scanner, path: &Path, data: &[u8], hit: Hit) {
        let start = hit.start;
        let target = &sc.targets[hit.target];
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
                    let name = label.split(" (").next().unwrap_or(&label).to_string();
                    let fingerprint = fingerprint(&[
                        b"secret",
                        name.as_bytes(),
                        encoding.as_bytes(),
                        path.to_string_lossy().as_bytes(),
                    ]);
                    self.found.push(Raw {
                        at: start,
                        end: start + form.bytes.len(),
                        what: FindingKind::Secret { label, encoding },
                        fingerprint,
                        context: false,
                        rank: 0,
                    });
                }
                self.needle_until = start + form.bytes.len();
                self.pattern_until = self.pattern_until.max(self.needle_until);
                return;
            }
        }
        if !target.rules.is_empty() {
            if let Some(m) = sc.match_rule(&target.rules, path, data, start, self.pattern_until) {
                if !m.context {
                    self.pattern_until = m.end;
                }
                self.found.push(Raw {
                    at: m.at,
                    end: m.end,
                    what: FindingKind::Pattern { id: m.id },
                    fingerprint: m.fingerprint,
                    context: m.context,
                    rank: m.rank,
                });
            }
        }
    }

    /// The findings, in order, with positions; context matches that contain a stronger
    /// finding are dropped, and so are findings on a line marked `tresor:allow`.
    fn finish(mut self, path: &Path, data: &[u8], out: &mut Vec<Finding>, allowed: &mut u64) {
        let strong: Vec<(usize, usize)> = self
            .found
            .iter()
            .filter(|r| !r.context)
            .map(|r| (r.at, r.end.max(r.at + 1)))
            .collect();
        // Context matches of one value: the most specific rule (the first in the table).
        self.found.sort_by_key(|r| (r.at, !r.context, r.rank));
        let mut last_ctx = None;
        self.found.retain(|r| {
            if !r.context {
                return true;
            }
            let end = r.end.max(r.at + 1);
            if strong.iter().any(|&(s, e)| s < end && r.at < e) || last_ctx == Some(r.at) {
                return false;
            }
            last_ctx = Some(r.at);
            true
        });
        self.found.sort_by_key(|r| r.at);
        let mut lines = LineCounter::default();
        // The current line's end and whether it holds the marker: each line is searched
        // once, however many findings it has (a minified file is one long line).
        let mut line_end = 0;
        let mut line_allowed = false;
        for r in self.found {
            let (line, column) = lines.position(data, r.at);
            if r.at >= line_end || line_end == 0 {
                let line_start = r.at + 1 - column;
                line_end = memchr_newline(&data[r.at..]).map_or(data.len(), |i| r.at + i);
                line_allowed = data[line_start..line_end]
                    .windows(ALLOW_MARKER.len())
                    .any(|w| w == ALLOW_MARKER);
            }
            if line_allowed {
                *allowed += 1;
                continue;
            }
            out.push(Finding {
                path: path.to_path_buf(),
                line,
                column,
                what: r.what,
                commit: None,
                fingerprint: r.fingerprint,
            });
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
        let mut by_pattern: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut targets: Vec<Target> = Vec::new();
        let mut target_for = |bytes: &[u8], targets: &mut Vec<Target>| -> usize {
            *by_pattern.entry(bytes.to_vec()).or_insert_with(|| {
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
                let regex = Regex::new(&rule.pattern()).unwrap_or_else(|e| {
                    panic!("built-in key-format rule {} does not compile: {e}", rule.id)
                });
                rules.push(CompiledRule { rule, regex });
                for anchor in rule.anchor_variants() {
                    let t = target_for(anchor.as_bytes(), &mut targets);
                    if !targets[t].rules.contains(&i) {
                        targets[t].rules.push(i);
                    }
                }
            }
        }
        let mut patterns: Vec<(Vec<u8>, usize)> = by_pattern.into_iter().collect();
        patterns.sort_unstable_by_key(|&(_, t)| t);

        let max_pattern_len = patterns.iter().map(|(p, _)| p.len()).max().unwrap_or(0);
        let automaton = if patterns.is_empty() {
            None
        } else {
            let mut sorted: Vec<&[u8]> = patterns.iter().map(|(p, _)| p.as_slice()).collect();
            sorted.sort_unstable();
            let kind = (trie_nodes(&sorted) <= DFA_MAX_STATES).then_some(AhoCorasickKind::DFA);
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(kind)
                    .build(patterns.iter().map(|(p, _)| p))
                    .expect("an automaton over plain byte strings builds"),
            )
        };
        // The patterns may hold value prefixes.
        for (mut p, _) in patterns {
            zeroize::Zeroize::zeroize(&mut p);
        }

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

    /// How many key-format rules are on.
    pub fn rule_count(&self) -> usize {
        self.rules.len()
    }

    /// Findings in `data`, reported under `path`, in order of position.
    pub fn scan_bytes(&self, path: &Path, data: &[u8]) -> Vec<Finding> {
        let mut out = Vec::new();
        self.scan_into(path, data, &mut Vec::new(), &mut out);
        out
    }

    /// Appends the findings in `data` to `out`, in order of position; `hits` is scratch
    /// space. Returns how many findings a `tresor:allow` on their line left out.
    pub(super) fn scan_into(
        &self,
        path: &Path,
        data: &[u8],
        hits: &mut Vec<Hit>,
        out: &mut Vec<Finding>,
    ) -> u64 {
        let Some(ac) = &self.automaton else { return 0 };
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
                    confirm.hit(self, path, data, hit);
                }
            }
        }
        hits.sort_unstable();
        for hit in hits.drain(..) {
            confirm.hit(self, path, data, hit);
        }
        let mut allowed = 0;
        confirm.finish(path, data, out, &mut allowed);
        allowed
    }

    /// The first rule in `rules` that matches at the anchor at `start`.
    fn match_rule(
        &self,
        rules: &[usize],
        path: &Path,
        data: &[u8],
        start: usize,
        pattern_until: usize,
    ) -> Option<RuleMatch> {
        for &i in rules {
            let CompiledRule { rule, regex } = &self.rules[i];
            let (m, part) = if rule.back > 0 {
                // Embedded: the token starts up to `back` bytes before the anchor.
                let from = start.saturating_sub(rule.back);
                let window = &data[from..data.len().min(start + rule.window)];
                let Some(caps) = regex
                    .captures_iter(window)
                    .find(|c| c.get(0).is_some_and(|m| from + m.start() <= start))
                else {
                    continue;
                };
                let whole = caps.get(0).expect("group 0");
                if from + whole.end() <= start {
                    continue;
                }
                let part = caps.get(1).unwrap_or(whole);
                (
                    (from + whole.start(), from + whole.end()),
                    (from + part.start(), from + part.end()),
                )
            } else {
                let window = &data[start..data.len().min(start + rule.window)];
                let Some(caps) = regex.captures(window) else {
                    continue;
                };
                let whole = caps.get(0).expect("group 0");
                let part = caps.get(1).unwrap_or(whole);
                (
                    (start + whole.start(), start + whole.end()),
                    (start + part.start(), start + part.end()),
                )
            };
            let (m_start, m_end) = m;
            if m_start < pattern_until {
                continue;
            }
            if m_start > 0 && rule.before.continues(data[m_start - 1]) {
                continue;
            }
            // A context rule's match ends with its value; the edge is the value's.
            let edge_at = if rule.context { part.1 } else { m_end };
            if edge_at < data.len() && rule.after.continues(data[edge_at]) {
                continue;
            }
            let whole = &data[m_start..m_end];
            let part_bytes = &data[part.0..part.1];
            if is_placeholder(whole, part_bytes) || !random_enough(part_bytes, rule.min_entropy) {
                continue;
            }
            if rule.id == "generic-api-key"
                && identifier_like(
                    part_bytes,
                    part.0 > 0 && matches!(data[part.0 - 1], b'"' | b'\'' | b'`'),
                    data[part.1..]
                        .iter()
                        .copied()
                        .find(|b| *b != b' ' && *b != b'\t'),
                )
            {
                continue;
            }
            // Basic credentials are `user:password` in base64: judge what they encode.
            if rule.id == "authorization-basic" {
                use base64::Engine as _;
                match base64::engine::general_purpose::STANDARD.decode(part_bytes) {
                    Ok(plain) if plain.contains(&b':') && !is_placeholder(&plain, &plain) => {}
                    _ => continue,
                }
            }
            let at = if rule.context { part.0 } else { m_start };
            return Some(RuleMatch {
                rank: i,
                id: rule.id,
                at,
                end: if rule.context { part.1 } else { m_end },
                context: rule.context,
                fingerprint: fingerprint(&[
                    b"pattern",
                    rule.id.as_bytes(),
                    path.to_string_lossy().as_bytes(),
                    part_bytes,
                ]),
            });
        }
        None
    }
}

fn memchr_newline(data: &[u8]) -> Option<usize> {
    data.iter().position(|&b| b == b'\n')
}

/// Turns byte offsets into 1-based (line, byte column), for offsets in increasing order,
/// counting newlines only between consecutive findings.
#[derive(Default)]
pub(super) struct LineCounter {
    offset: usize,
    line: usize,
    line_start: usize,
}

impl LineCounter {
    pub(super) fn position(&mut self, data: &[u8], offset: usize) -> (usize, usize) {
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

#[cfg(test)]
mod tests;
