//! Streaming redaction for `run --mask`: every byte of a byte stream that is part of an
//! occurrence of a secret value is hidden, including values split across reads. A run of
//! hidden bytes, however many overlapping or adjacent occurrences it is made of, becomes one
//! `********`. All other bytes (colours, control sequences, invalid UTF-8) pass through
//! unchanged.
//!
//! Matching uses one Aho–Corasick automaton over all values and reports every occurrence,
//! overlapping ones included: with the values `tok_AAAA1111` and `AAAA1111BBBB`, the text
//! `tok_AAAA1111BBBB` is hidden whole, where non-overlapping matching would leave `BBBB` and so
//! tell the end of the second value. At the end of each chunk, the longest tail that could
//! still grow into a value is held back until the next chunk or the end of the stream;
//! everything before is written at once, so output is not delayed unless it ends in the first
//! characters of a secret. The last bytes written are kept as context (less than the longest
//! value), so that an occurrence starting in them is still seen whole; memory stays bounded
//! however long a run of overlapping values is.

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
        // Standard semantics: the only kind that reports overlapping matches.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
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

    /// Every occurrence of every value in `buf`, overlapping ones included, as `(start, end)`
    /// sorted by start.
    fn occurrences(&self, buf: &[u8]) -> Vec<(usize, usize)> {
        let mut ranges: Vec<(usize, usize)> = self
            .automaton
            .find_overlapping_iter(buf)
            .map(|m| (m.start(), m.end()))
            .collect();
        ranges.sort_unstable();
        ranges
    }

    /// The hidden runs of `buf`: the union of every occurrence of every value, as sorted,
    /// disjoint, non-touching `(start, end)` ranges (overlapping or adjacent occurrences are
    /// one run).
    #[cfg(test)]
    fn hidden_runs(&self, buf: &[u8]) -> Vec<(usize, usize)> {
        runs(&self.occurrences(buf))
    }
}

/// Merges sorted occurrences into hidden runs (see [`Patterns::hidden_runs`]).
fn runs(occurrences: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut runs: Vec<(usize, usize)> = Vec::with_capacity(occurrences.len());
    for &(s, e) in occurrences {
        match runs.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => runs.push((s, e)),
        }
    }
    runs
}

/// The redaction state of one stream.
pub struct Masker {
    patterns: Arc<Patterns>,
    /// The end of the stream so far: the bytes already written that an occurrence covering
    /// unwritten bytes starts in (fewer than the longest value), then the bytes not yet written.
    held: Zeroizing<Vec<u8>>,
    /// How many bytes at the start of `held` are already written.
    written: usize,
    /// Whether the last byte written was hidden: a run that continues it is not masked twice.
    after_mask: bool,
}

impl Masker {
    pub fn new(patterns: Arc<Patterns>) -> Masker {
        Masker {
            patterns,
            held: Zeroizing::new(Vec::new()),
            written: 0,
            after_mask: false,
        }
    }

    /// Takes the next chunk; returns what can be written now.
    pub fn feed(&mut self, chunk: &[u8]) -> Vec<u8> {
        let mut buf = std::mem::take(&mut *self.held);
        buf.extend_from_slice(chunk);
        let buf = Zeroizing::new(buf);
        // No occurrence still to come can cover a byte before `cut`: it would start at a
        // longer suffix that is the beginning of a value. (The held tail was such a suffix, so
        // `cut` is never before what is written.)
        let tail = buf.len() - self.patterns.holdback(&buf);
        let cut = tail.max(self.written);
        let occurrences = self.patterns.occurrences(&buf);
        let out = self.write(&buf, &runs(&occurrences), cut);
        // Keep, as context, what an occurrence covering bytes not yet written starts in: one
        // found here that runs past `cut`, or one still to come (which starts in the tail).
        let keep_from = occurrences
            .iter()
            .filter(|&&(_, e)| e > cut)
            .map(|&(s, _)| s)
            .min()
            .unwrap_or(cut)
            .min(tail)
            .min(cut);
        self.held.extend_from_slice(&buf[keep_from..]);
        self.written = cut - keep_from;
        out
    }

    /// The end of the stream: everything not yet written, redacted.
    pub fn finish(&mut self) -> Vec<u8> {
        let held = Zeroizing::new(std::mem::take(&mut *self.held));
        let runs = runs(&self.patterns.occurrences(&held));
        let out = self.write(&held, &runs, held.len());
        self.written = 0;
        out
    }

    /// `buf[self.written..to]`, every hidden run in it replaced by one `********`.
    fn write(&mut self, buf: &[u8], runs: &[(usize, usize)], to: usize) -> Vec<u8> {
        let from = self.written;
        let mut out = Vec::with_capacity(to - from);
        let mut pos = from;
        for &(s, e) in runs {
            if s >= to {
                break;
            }
            if e <= from {
                continue;
            }
            let (s, e) = (s.max(from), e.min(to));
            out.extend_from_slice(&buf[pos..s]);
            // A run starting where the last write ended continues a hidden one when that write
            // ended hidden; any other run follows a visible byte.
            if !(s == from && self.after_mask) {
                out.extend_from_slice(MASK);
            }
            pos = e;
        }
        out.extend_from_slice(&buf[pos..to]);
        if to > from {
            self.after_mask = pos == to;
        }
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
        assert!(m.held.is_empty(), "nothing is kept without need");
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
    fn overlapping_values_are_masked_as_their_union() {
        let v = ["tok_AAAA1111", "AAAA1111BBBB"];
        assert_eq!(run(&v, &[b"x tok_AAAA1111BBBB y"]), b"x ******** y");
        let text = b"x tok_AAAA1111BBBB y";
        for i in 0..=text.len() {
            assert_eq!(
                run(&v, &[&text[..i], &text[i..]]),
                b"x ******** y",
                "split at {i}"
            );
        }
        let one_by_one: Vec<&[u8]> = text.chunks(1).collect();
        assert_eq!(run(&v, &one_by_one), b"x ******** y");
    }

    #[test]
    fn nested_and_adjacent_values_make_one_mask() {
        let v = ["ab12cd34", "12cd"];
        assert_eq!(run(&v, &[b"-ab12cd34-12cd-"]), b"-********-********-");
        assert_eq!(run(&v, &[b"-ab12cd3412cd-"]), b"-********-");
        assert_eq!(run(&v, &[b"-ab12cd34", b"12cd-"]), b"-********-");
        assert_eq!(
            run(&v, &[b"-ab12", b"cd34", b"ab12cd34", b"-"]),
            b"-********-"
        );
    }

    /// The whole text masked at once: the reference the stream must match.
    fn reference(values: &[&str], text: &[u8]) -> Vec<u8> {
        let vals: Vec<&[u8]> = values.iter().map(|v| v.as_bytes()).collect();
        let p = Patterns::new(&vals).unwrap();
        let mut out = Vec::new();
        let mut pos = 0;
        for (s, e) in p.hidden_runs(text) {
            out.extend_from_slice(&text[pos..s]);
            out.extend_from_slice(MASK);
            pos = e;
        }
        out.extend_from_slice(&text[pos..]);
        out
    }

    #[test]
    fn random_overlapping_values_and_splits_match_the_whole_text() {
        // A two-letter alphabet makes overlaps, nesting and near-misses frequent.
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        for _ in 0..2000 {
            let mut values: Vec<String> = Vec::new();
            for _ in 0..1 + next(3) {
                let len = 4 + next(4);
                values.push(
                    (0..len)
                        .map(|_| if next(2) == 0 { 'a' } else { 'b' })
                        .collect(),
                );
            }
            let text: Vec<u8> = (0..next(40)).map(|_| [b'a', b'b', b'-'][next(3)]).collect();
            let mut chunks = Vec::new();
            let mut i = 0;
            while i < text.len() {
                let j = (i + 1 + next(6)).min(text.len());
                chunks.push(&text[i..j]);
                i = j;
            }
            let vals: Vec<&str> = values.iter().map(|v| v.as_str()).collect();
            let want = reference(&vals, &text);
            let got = run(&vals, &chunks);
            assert_eq!(
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(&want),
                "values {vals:?}, text {:?}, chunks {chunks:?}",
                String::from_utf8_lossy(&text)
            );
            // And no byte of a value's occurrence survives: the masked text has no value left.
            for v in &vals {
                assert!(!String::from_utf8_lossy(&got).contains(v));
            }
        }
    }

    #[test]
    fn an_endless_run_of_values_is_written_as_it_comes() {
        // Each chunk ends inside an occurrence that overlaps the next one: nothing may pile up.
        let p = Patterns::new(&[b"abab".as_slice()]).unwrap();
        let mut m = Masker::new(p);
        let mut out = Vec::new();
        for _ in 0..10_000 {
            out.extend(m.feed(b"ab"));
            assert!(m.held.len() <= 8, "held {}", m.held.len());
        }
        out.extend(m.finish());
        assert_eq!(out, MASK);
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
            assert_eq!(out, "start ******** mid ******** end tok_9");
        }
    }
}
