//! Streaming redaction for `run --mask`: every occurrence of a secret value in a byte stream
//! becomes `********`, including values split across reads. All other bytes (colours,
//! control sequences, invalid UTF-8) pass through unchanged.
//!
//! Matching uses one Aho–Corasick automaton (leftmost-longest) over all values. At the end of
//! each chunk, the longest tail that could still grow into a value is held back until the
//! next chunk or the end of the stream; everything before it is written at once, so output
//! is not delayed unless it ends in the first characters of a secret.

use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};
use zeroize::Zeroizing;

pub const MASK: &[u8] = b"********";

/// Values shorter than this are not masked: masking every `a` or `42` in the output would
/// destroy it without protecting anything.
pub const MIN_MASKED_LEN: usize = 4;

/// The values to mask, shared by the stdout and stderr streams.
pub struct Patterns {
    automaton: AhoCorasick,
    /// The values, sorted, to test whether a tail is the beginning of one.
    sorted: Vec<Zeroizing<Vec<u8>>>,
    max_len: usize,
}

impl Patterns {
    /// `None` when there is nothing to mask.
    pub fn new(values: &[&[u8]]) -> Option<Arc<Patterns>> {
        let mut sorted: Vec<Zeroizing<Vec<u8>>> = values
            .iter()
            .filter(|v| v.len() >= MIN_MASKED_LEN)
            .map(|v| Zeroizing::new(v.to_vec()))
            .collect();
        if sorted.is_empty() {
            return None;
        }
        sorted.sort_by(|a, b| a.as_slice().cmp(b.as_slice()));
        sorted.dedup_by(|a, b| a.as_slice() == b.as_slice());
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(sorted.iter().map(|v| v.as_slice()))
            .ok()?;
        let max_len = sorted.iter().map(|v| v.len()).max().unwrap_or(0);
        Some(Arc::new(Patterns {
            automaton,
            sorted,
            max_len,
        }))
    }

    /// Whether `s` is the beginning of a value and shorter than it (more could follow).
    fn is_proper_prefix(&self, s: &[u8]) -> bool {
        let i = self.sorted.partition_point(|v| v.as_slice() < s);
        self.sorted[i..]
            .iter()
            .take_while(|v| v.starts_with(s))
            .any(|v| v.len() > s.len())
    }

    /// Length of the longest suffix of `buf` that is a proper prefix of some value.
    fn holdback(&self, buf: &[u8]) -> usize {
        let max = buf.len().min(self.max_len.saturating_sub(1));
        (1..=max)
            .rev()
            .find(|&k| self.is_proper_prefix(&buf[buf.len() - k..]))
            .unwrap_or(0)
    }
}

/// The redaction state of one stream.
pub struct Masker {
    patterns: Arc<Patterns>,
    held: Zeroizing<Vec<u8>>,
}

impl Masker {
    pub fn new(patterns: Arc<Patterns>) -> Masker {
        Masker {
            patterns,
            held: Zeroizing::new(Vec::new()),
        }
    }

    /// Takes the next chunk; returns what can be written now.
    pub fn feed(&mut self, chunk: &[u8]) -> Vec<u8> {
        let mut buf = std::mem::take(&mut *self.held);
        buf.extend_from_slice(chunk);
        let buf = Zeroizing::new(buf);
        let mut cut = buf.len() - self.patterns.holdback(&buf);
        let mut out = Vec::with_capacity(buf.len());
        let mut pos = 0;
        for m in self.patterns.automaton.find_iter(buf.as_slice()) {
            if m.end() <= cut {
                out.extend_from_slice(&buf[pos..m.start()]);
                out.extend_from_slice(MASK);
                pos = m.end();
            } else {
                // A match running into the held tail may still grow into a longer value.
                if m.start() < cut {
                    cut = m.start();
                }
                break;
            }
        }
        let cut = cut.max(pos);
        out.extend_from_slice(&buf[pos..cut]);
        self.held.extend_from_slice(&buf[cut..]);
        out
    }

    /// The end of the stream: everything still held, redacted.
    pub fn finish(&mut self) -> Vec<u8> {
        let held = std::mem::take(&mut *self.held);
        let held = Zeroizing::new(held);
        let mut out = Vec::with_capacity(held.len());
        let mut pos = 0;
        for m in self.patterns.automaton.find_iter(held.as_slice()) {
            out.extend_from_slice(&held[pos..m.start()]);
            out.extend_from_slice(MASK);
            pos = m.end();
        }
        out.extend_from_slice(&held[pos..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(values: &[&str], chunks: &[&[u8]]) -> Vec<u8> {
        let vals: Vec<&[u8]> = values.iter().map(|v| v.as_bytes()).collect();
        let mut m = Masker::new(Patterns::new(&vals).unwrap());
        let mut out = Vec::new();
        for c in chunks {
            out.extend(m.feed(c));
        }
        out.extend(m.finish());
        out
    }

    #[test]
    fn masks_whole_and_split_values() {
        let v = ["s3cr3t-value"];
        assert_eq!(run(&v, &[b"a s3cr3t-value b"]), b"a ******** b");
        assert_eq!(run(&v, &[b"a s3cr", b"3t-value b"]), b"a ******** b");
        let bytes = b"x s3cr3t-value y s3cr3t-value";
        let chunks: Vec<&[u8]> = bytes.chunks(1).collect();
        assert_eq!(run(&v, &chunks), b"x ******** y ********");
    }

    #[test]
    fn passes_other_bytes_unchanged() {
        let v = ["s3cr3t-value"];
        let coloured = b"\x1b[31mred\x1b[0m \xff\xfe s3cr3\n";
        assert_eq!(run(&v, &[coloured]), coloured.to_vec());
    }

    #[test]
    fn writes_immediately_unless_the_tail_could_be_a_secret() {
        let p = Patterns::new(&[b"s3cr3t-value".as_slice()]).unwrap();
        let mut m = Masker::new(p);
        assert_eq!(m.feed(b"prompt: "), b"prompt: ");
        assert_eq!(m.feed(b"xx s3c"), b"xx ");
        assert_eq!(m.feed(b"ond"), b"s3cond");
        assert_eq!(m.finish(), b"");
    }

    #[test]
    fn prefers_the_longest_value_across_a_split() {
        let v = ["abcd", "abcdefgh"];
        assert_eq!(run(&v, &[b"-abcd", b"efgh-"]), b"-********-");
        assert_eq!(run(&v, &[b"-abcd", b"-"]), b"-********-");
    }

    #[test]
    fn short_values_are_not_masked() {
        assert!(Patterns::new(&[b"abc".as_slice()]).is_none());
    }

    #[test]
    fn random_splits_never_leak() {
        let secret = "tok_9f8e7d6c5b4a";
        let text = format!("start {secret} mid {secret}{secret} end {}", &secret[..5]);
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..500 {
            let mut chunks = Vec::new();
            let bytes = text.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let n = 1 + (seed % 7) as usize;
                let j = (i + n).min(bytes.len());
                chunks.push(&bytes[i..j]);
                i = j;
            }
            let out = run(&[secret], &chunks);
            let out = String::from_utf8(out).unwrap();
            assert_eq!(out, "start ******** mid **************** end tok_9");
        }
    }
}
