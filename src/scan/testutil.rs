//! Helpers shared by the scanner's tests: deterministic tokens built at run time (so that no
//! real-looking key is ever written in the repository) and a compact view of findings.

use super::{Finding, FindingKind, Needle, Scanner};

/// A deterministic "random" token of `len` characters from `alphabet`.
pub fn token(seed: u64, len: usize, alphabet: &[u8]) -> String {
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

pub const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
pub const UPPER32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

pub fn secret_scanner(values: &[(&str, &[u8])]) -> Scanner {
    let needles: Vec<Needle> = values.iter().map(|(l, v)| Needle::new(*l, v)).collect();
    Scanner::new(&needles, false)
}

/// (line, column, `label/encoding` or rule id) of each finding.
pub fn kinds(findings: &[Finding]) -> Vec<(usize, usize, String)> {
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
