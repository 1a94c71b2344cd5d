//! The key generator behind `tresor generate` and recipe-based `rotate`.
//!
//! It exists so that a generated secret is only ever as predictable as the OS CSPRNG: every
//! character is drawn with rejection sampling (a biased `byte % n` would make some characters
//! likelier and quietly cost entropy), there is no seed and no way to inject a random source
//! from outside this module, and the output lives in `Zeroizing` memory. The [`Recipe`] is
//! what the vault stores (encrypted) so that `rotate` can make the next value the same way,
//! and [`entropy_bits`] / [`strength_check`] turn a recipe into the bits the user is told
//! about and the policy that refuses values too weak to be worth storing.
//!
//! Nothing here touches the vault, the terminal or the clock; no error carries a generated
//! value.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Characters in a value when `--length` is not given.
pub const DEFAULT_LENGTH: usize = 32;
/// The shortest value `--length` accepts.
pub const MIN_LENGTH: usize = 1;
/// The longest value `--length` accepts: far beyond any real key, small enough that a typo
/// cannot ask for megabytes of secret memory.
pub const MAX_LENGTH: usize = 4096;
/// The charset used when `--charset` is not given.
pub const DEFAULT_CHARSET: &str = "alnum";
/// A v4 UUID has 128 bits of which 6 are fixed (version and variant).
pub const UUID_BITS: f64 = 122.0;
/// Below this, `generate` warns: 128 bits is the usual floor for a symmetric secret.
pub const WARN_BELOW_BITS: f64 = 128.0;
/// Below this, `generate` refuses unless the user insists: such a value is within reach of a
/// determined brute-force search.
pub const REFUSE_BELOW_BITS: f64 = 64.0;

/// The names `--charset` accepts, for error hints and help text.
pub const CHARSET_CHOICES: &str =
    "alnum, alpha, lower, upper, digits, hex, base64url, ascii, custom:CHARS";

const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";
const DIGITS: &str = "0123456789";

/// An alphabet to draw characters from: distinct characters, at least two of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charset {
    chars: Vec<char>,
}

impl Charset {
    /// Parses a `--charset` value: a built-in name or `custom:CHARS`.
    pub fn parse(spec: &str) -> Result<Self> {
        let chars: Vec<char> = match spec {
            "alnum" => [UPPER, LOWER, DIGITS].concat().chars().collect(),
            "alpha" => [UPPER, LOWER].concat().chars().collect(),
            "lower" => LOWER.chars().collect(),
            "upper" => UPPER.chars().collect(),
            "digits" => DIGITS.chars().collect(),
            "hex" => "0123456789abcdef".chars().collect(),
            "base64url" => [UPPER, LOWER, DIGITS, "-_"].concat().chars().collect(),
            "ascii" => ('\u{21}'..='\u{7e}').collect(),
            _ => match spec.strip_prefix("custom:") {
                Some(custom) => return Self::custom(custom),
                None => {
                    return Err(Error::general(format!("unknown charset '{spec}'"))
                        .with_hint(format!("choose one of: {CHARSET_CHOICES}")));
                }
            },
        };
        Ok(Charset { chars })
    }

    /// Duplicates are dropped rather than refused: a repeated character would otherwise be
    /// drawn twice as often and the entropy figure would overstate the truth.
    fn custom(given: &str) -> Result<Self> {
        let mut chars: Vec<char> = Vec::new();
        for c in given.chars() {
            if !chars.contains(&c) {
                chars.push(c);
            }
        }
        if chars.len() < 2 {
            return Err(Error::general(format!(
                "a custom charset needs at least 2 distinct characters (got {})",
                chars.len()
            ))
            .with_hint("list the characters after the colon, e.g. --charset 'custom:abc123'"));
        }
        Ok(Charset { chars })
    }

    /// The characters, in the order draws map onto them.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// How many distinct characters there are (always at least 2).
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Always false (a charset has at least 2 characters); here for the `len` convention.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Entropy of one character drawn uniformly from this alphabet.
    pub fn bits_per_char(&self) -> f64 {
        (self.chars.len() as f64).log2()
    }
}

/// How a value was generated, kept (encrypted) in the vault so `rotate` can repeat it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recipe {
    /// The `--charset` value as given, e.g. `alnum` or `custom:abc`. Ignored when `uuid`.
    pub charset: String,
    /// Length in characters, prefix not included. Ignored when `uuid`.
    pub length: usize,
    /// Fixed text put in front of the value (e.g. `sk_live_`); public, so no entropy.
    #[serde(default)]
    pub prefix: Option<String>,
    /// A random v4 UUID instead of characters from `charset`.
    #[serde(default)]
    pub uuid: bool,
}

impl Default for Recipe {
    fn default() -> Self {
        Recipe {
            charset: DEFAULT_CHARSET.to_string(),
            length: DEFAULT_LENGTH,
            prefix: None,
            uuid: false,
        }
    }
}

impl Recipe {
    /// A recipe from the command-line flags, checked at once so a bad flag fails before the
    /// vault is unlocked.
    pub fn new(charset: &str, length: usize, prefix: Option<String>, uuid: bool) -> Result<Self> {
        let r = Recipe {
            charset: charset.to_string(),
            length,
            prefix,
            uuid,
        };
        r.validate()?;
        Ok(r)
    }

    /// Checks the charset and length. A recipe read back from the vault goes through this
    /// too: its fields are public and it may have been written by another version.
    pub fn validate(&self) -> Result<()> {
        self.alphabet().map(|_| ())
    }

    /// The parsed alphabet, or `None` for a UUID recipe.
    fn alphabet(&self) -> Result<Option<Charset>> {
        if self.uuid {
            return Ok(None);
        }
        check_length(self.length)?;
        Charset::parse(&self.charset).map(Some)
    }
}

fn check_length(length: usize) -> Result<()> {
    if (MIN_LENGTH..=MAX_LENGTH).contains(&length) {
        Ok(())
    } else {
        Err(Error::general(format!(
            "length must be between {MIN_LENGTH} and {MAX_LENGTH} characters (got {length})"
        ))
        .with_hint(format!(
            "the default is {DEFAULT_LENGTH}; use a larger --charset rather than a huge --length"
        )))
    }
}

/// A new value for `recipe`, from the OS CSPRNG: the prefix, then either `length` characters
/// drawn uniformly from the charset or a v4 UUID.
pub fn generate(recipe: &Recipe) -> Result<Zeroizing<String>> {
    generate_from(recipe, crate::crypto::fill_random)
}

/// Entropy of a value made by `recipe`, in bits: `length × log2(alphabet size)`, or 122 for
/// a UUID. The prefix is public and adds nothing. Fails if the recipe itself is invalid,
/// rather than reporting a number for a value that could never be generated.
pub fn entropy_bits(recipe: &Recipe) -> Result<f64> {
    Ok(match recipe.alphabet()? {
        None => UUID_BITS,
        Some(cs) => recipe.length as f64 * cs.bits_per_char(),
    })
}

/// The strength policy for a value of `bits` entropy. Below [`REFUSE_BELOW_BITS`] it is an
/// error unless `weak` (the user accepted a weak value); below [`WARN_BELOW_BITS`] it is
/// `Ok(Some(warning))`; otherwise `Ok(None)`.
pub fn strength_check(bits: f64, weak: bool) -> Result<Option<String>> {
    // NaN must not slip through as "strong": every comparison with it is false.
    if bits.is_nan() || (bits < REFUSE_BELOW_BITS && !weak) {
        return Err(Error::policy(format!(
            "refusing to generate a value with only {bits:.1} bits of entropy (minimum {REFUSE_BELOW_BITS:.0})"
        ))
        .with_hint("use a longer --length or a larger --charset")
        .with_hint("pass --weak to accept a weak value anyway"));
    }
    if bits < WARN_BELOW_BITS {
        return Ok(Some(format!(
            "the value has only {bits:.1} bits of entropy; {WARN_BELOW_BITS:.0} or more is recommended"
        )));
    }
    Ok(None)
}

/// `generate` with the random source as a parameter, so the tests can check the exact
/// mapping from bytes to characters. Private on purpose: outside this file the only source
/// is the OS CSPRNG.
fn generate_from(
    recipe: &Recipe,
    mut source: impl FnMut(&mut [u8]) -> Result<()>,
) -> Result<Zeroizing<String>> {
    let alphabet = recipe.alphabet()?;
    let prefix = recipe.prefix.as_deref().unwrap_or("");
    let body_bytes = match &alphabet {
        None => 36,
        Some(cs) => recipe.length * cs.chars().iter().map(|c| c.len_utf8()).max().unwrap_or(1),
    };
    // Sized once up front: a `String` that grows reallocates and leaves copies of the
    // secret's first part in freed memory that `Zeroizing` never sees.
    let mut out = Zeroizing::new(String::with_capacity(prefix.len() + body_bytes));
    out.push_str(prefix);
    match alphabet {
        None => push_uuid(&mut out, &mut source)?,
        Some(cs) => sample_into(&mut out, cs.chars(), recipe.length, &mut source)?,
    }
    Ok(out)
}

/// Appends `count` characters drawn uniformly from `alphabet` (2 ≤ len < 2^32).
///
/// Draws are one byte for alphabets of up to 256 characters and a little-endian u32 beyond.
/// A draw is used only if it is below the largest multiple of the alphabet size that fits
/// in the draw; then `draw % n` hits every character equally often. Draws at or above that
/// limit are thrown away and drawn again.
fn sample_into(
    out: &mut String,
    alphabet: &[char],
    count: usize,
    source: &mut impl FnMut(&mut [u8]) -> Result<()>,
) -> Result<()> {
    let n = alphabet.len() as u64;
    debug_assert!(n >= 2 && n <= u64::from(u32::MAX));
    let width: usize = if n <= 256 { 1 } else { 4 };
    let space: u64 = 1 << (8 * width);
    let limit = space - space % n;

    // The accepted bytes are the secret in another form, so they are wiped too.
    let mut buf = Zeroizing::new(vec![0u8; count * width]);
    let mut remaining = count;
    while remaining > 0 {
        // Ask for exactly what is still missing: one large read per round (fast in debug
        // builds too), and rejections are rare enough that a few rounds finish the job.
        let batch = &mut buf[..remaining * width];
        source(batch)?;
        for draw in batch.chunks_exact(width) {
            let v = draw
                .iter()
                .rev()
                .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
            if v < limit {
                out.push(alphabet[(v % n) as usize]);
                remaining -= 1;
            }
        }
    }
    Ok(())
}

/// Appends a random v4 UUID (RFC 9562), lower-case, 8-4-4-4-12.
fn push_uuid(out: &mut String, source: &mut impl FnMut(&mut [u8]) -> Result<()>) -> Result<()> {
    let mut b = Zeroizing::new([0u8; 16]);
    source(&mut b[..])?;
    b[6] = (b[6] & 0x0f) | 0x40; // version 4
    b[8] = (b[8] & 0x3f) | 0x80; // variant 10xx
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;

    fn recipe(charset: &str, length: usize) -> Recipe {
        Recipe::new(charset, length, None, false).unwrap()
    }

    /// A source that hands out exactly the scripted bytes, in order, and fails the test if
    /// asked for more than it has.
    fn scripted(bytes: &[u8]) -> impl FnMut(&mut [u8]) -> Result<()> {
        let mut q: VecDeque<u8> = bytes.iter().copied().collect();
        move |buf: &mut [u8]| {
            for b in buf.iter_mut() {
                *b = q
                    .pop_front()
                    .expect("generator asked for more bytes than scripted");
            }
            Ok(())
        }
    }

    /// Pearson's chi-square statistic of `n_chars` characters from `generate` (real OS
    /// randomness) against the uniform distribution over `charset`.
    fn chi_square(charset: &str, n_chars: usize) -> f64 {
        let cs = Charset::parse(charset).unwrap();
        let mut index = [usize::MAX; 128];
        for (i, c) in cs.chars().iter().enumerate() {
            index[*c as usize] = i;
        }
        let mut counts = vec![0u64; cs.len()];
        let mut left = n_chars;
        while left > 0 {
            // Largest allowed batches: few calls, one big read from the OS each.
            let len = left.min(MAX_LENGTH);
            let v = generate(&recipe(charset, len)).unwrap();
            for c in v.chars() {
                let i = index[c as usize];
                assert_ne!(i, usize::MAX, "character outside the {charset} alphabet");
                counts[i] += 1;
            }
            assert_eq!(v.chars().count(), len);
            left -= len;
        }
        let expected = n_chars as f64 / cs.len() as f64;
        counts
            .iter()
            .map(|&o| (o as f64 - expected).powi(2) / expected)
            .sum()
    }

    // Critical values of the chi-square distribution at an upper-tail probability of 1e-6,
    // i.e. a correct uniform generator fails each of these tests about once in a million
    // runs. Computed exactly with python3 + scipy: `scipy.stats.chi2.isf(1e-6, df)` for
    // df = alphabet size - 1. (Wilson–Hilferty gives 57.36, 128.91, 173.05: close, slightly
    // more lenient.)
    const CHI2_CRIT_DF15: f64 = 56.493;
    const CHI2_CRIT_DF61: f64 = 128.524;
    const CHI2_CRIT_DF93: f64 = 172.747;
    const CHI2_SAMPLES: usize = 1_000_000;

    #[test]
    fn chi_square_hex_is_uniform() {
        let x2 = chi_square("hex", CHI2_SAMPLES);
        assert!(x2 < CHI2_CRIT_DF15, "chi-square {x2} >= {CHI2_CRIT_DF15}");
    }

    #[test]
    fn chi_square_alnum_is_uniform() {
        let x2 = chi_square("alnum", CHI2_SAMPLES);
        assert!(x2 < CHI2_CRIT_DF61, "chi-square {x2} >= {CHI2_CRIT_DF61}");
    }

    #[test]
    fn chi_square_ascii_is_uniform() {
        let x2 = chi_square("ascii", CHI2_SAMPLES);
        assert!(x2 < CHI2_CRIT_DF93, "chi-square {x2} >= {CHI2_CRIT_DF93}");
    }

    #[test]
    fn chi_square_catches_modulo_bias() {
        // The test above must be able to fail: `byte % 62` over uniform bytes (what a
        // careless generator does) is rejected at the same threshold.
        let n = 62usize;
        let samples = CHI2_SAMPLES;
        let mut counts = vec![0u64; n];
        let mut bytes = vec![0u8; samples];
        crate::crypto::fill_random(&mut bytes).unwrap();
        for b in bytes {
            counts[usize::from(b) % n] += 1;
        }
        let e = samples as f64 / n as f64;
        let x2: f64 = counts.iter().map(|&o| (o as f64 - e).powi(2) / e).sum();
        assert!(x2 > CHI2_CRIT_DF61, "biased sampler not detected: {x2}");
    }

    #[test]
    fn rejection_sampling_bytes_exact() {
        // alnum: 62 characters, 256 % 62 = 8, so 248..=255 are rejected.
        let r = recipe("alnum", 4);
        // Round 1 asks for 4 bytes: 248 and 255 rejected, 0 -> 'A', 61 -> '9'.
        // Round 2 asks for the 2 still missing: 62 -> 'A' (62 % 62), 247 -> 247 % 62 = 61 -> '9'.
        let v = generate_from(&r, scripted(&[248, 0, 255, 61, 62, 247])).unwrap();
        assert_eq!(v.as_str(), "A9A9");

        // Every byte at or above the limit is thrown away, whatever its position.
        let mut script: Vec<u8> = (248..=255).collect();
        script.extend([25, 26, 51, 52]);
        script.extend((248..=255).rev());
        script.extend([1, 2, 3, 4, 5, 6, 7, 8]);
        let v = generate_from(&recipe("alnum", 12), scripted(&script)).unwrap();
        assert_eq!(v.as_str(), "Zaz0BCDEFGHI");
    }

    #[test]
    fn rejection_sampling_full_byte_alphabets_never_reject() {
        // 16 divides 256: no byte is rejected, so exactly `length` bytes are read.
        let v = generate_from(&recipe("hex", 4), scripted(&[0, 15, 16, 255])).unwrap();
        assert_eq!(v.as_str(), "0f0f");
    }

    #[test]
    fn rejection_sampling_u32_draws_for_large_alphabets() {
        // 300 characters need 4-byte draws. 2^32 % 300 = 196, so the limit is
        // 4_294_967_100 and 0xFFFF_FFFF is rejected.
        let chars: String = (0..300u32)
            .map(|i| char::from_u32(0x100 + i).unwrap())
            .collect();
        let r = recipe(&format!("custom:{chars}"), 2);
        let limit: u32 = 4_294_967_100;
        let mut script = Vec::new();
        script.extend(u32::MAX.to_le_bytes()); // rejected
        script.extend(limit.to_le_bytes()); // rejected: exactly the limit
        script.extend(301u32.to_le_bytes()); // 301 % 300 = 1
        script.extend((limit - 1).to_le_bytes()); // 4_294_967_099 % 300 = 299
        let v = generate_from(&r, scripted(&script)).unwrap();
        let got: Vec<char> = v.chars().collect();
        assert_eq!(got, vec!['\u{101}', char::from_u32(0x100 + 299).unwrap()]);
        // With real randomness every character still comes from the alphabet.
        let v = generate(&recipe(&format!("custom:{chars}"), 1000)).unwrap();
        assert_eq!(v.chars().count(), 1000);
        assert!(v.chars().all(|c| chars.contains(c)));
    }

    #[test]
    fn random_source_errors_propagate() {
        let failing = |_: &mut [u8]| Err(Error::general("no randomness"));
        assert!(generate_from(&recipe("alnum", 8), failing).is_err());
        let r = Recipe::new("alnum", 8, None, true).unwrap();
        assert!(generate_from(&r, failing).is_err());
    }

    #[test]
    fn builtin_charsets() {
        let cases = [
            ("alnum", 62),
            ("alpha", 52),
            ("lower", 26),
            ("upper", 26),
            ("digits", 10),
            ("hex", 16),
            ("base64url", 64),
            ("ascii", 94),
        ];
        for (name, size) in cases {
            let cs = Charset::parse(name).unwrap();
            assert_eq!(cs.len(), size, "{name}");
            let mut sorted = cs.chars().to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), size, "{name} has duplicates");
        }
        let ascii = Charset::parse("ascii").unwrap();
        assert!(!ascii.chars().contains(&' '));
        assert!(ascii.chars().iter().all(|c| ('!'..='~').contains(c)));
        assert_eq!(
            Charset::parse("hex")
                .unwrap()
                .chars()
                .iter()
                .collect::<String>(),
            "0123456789abcdef"
        );
        let b64 = Charset::parse("base64url").unwrap();
        assert!(b64.chars().contains(&'-') && b64.chars().contains(&'_'));
    }

    #[test]
    fn every_generated_char_is_in_the_alphabet() {
        for name in [
            "alnum",
            "alpha",
            "lower",
            "upper",
            "digits",
            "hex",
            "base64url",
            "ascii",
            "custom:xyz€😀",
        ] {
            let cs = Charset::parse(name).unwrap();
            let v = generate(&recipe(name, MAX_LENGTH)).unwrap();
            assert_eq!(v.chars().count(), MAX_LENGTH, "{name}");
            assert!(v.chars().all(|c| cs.chars().contains(&c)), "{name}");
        }
    }

    #[test]
    fn custom_charset_dedup_and_order() {
        let cs = Charset::parse("custom:banana").unwrap();
        assert_eq!(cs.chars(), &['b', 'a', 'n']);
        let cs = Charset::parse("custom:é€é😀").unwrap();
        assert_eq!(cs.chars(), &['é', '€', '😀']);
        // The colon and what follows are taken literally.
        let cs = Charset::parse("custom::a:").unwrap();
        assert_eq!(cs.chars(), &[':', 'a']);
        let r = recipe("custom:aab", 10);
        assert_eq!(entropy_bits(&r).unwrap(), 10.0);
    }

    #[test]
    fn custom_charset_errors() {
        for bad in ["custom:", "custom:a", "custom:aaaa"] {
            let e = Charset::parse(bad).unwrap_err();
            assert!(
                e.message.contains("at least 2 distinct"),
                "{bad}: {}",
                e.message
            );
            assert!(!e.hints.is_empty());
        }
    }

    #[test]
    fn unknown_charset_lists_choices() {
        for bad in ["", "ALNUM", "base64", "custom", "hexadecimal"] {
            let e = Charset::parse(bad).unwrap_err();
            assert!(e.message.contains("unknown charset"), "{bad}");
            assert!(e.hints.iter().any(|h| h.contains(CHARSET_CHOICES)), "{bad}");
        }
    }

    #[test]
    fn length_bounds() {
        assert!(Recipe::new("alnum", 1, None, false).is_ok());
        assert!(Recipe::new("alnum", MAX_LENGTH, None, false).is_ok());
        for bad in [0, MAX_LENGTH + 1, usize::MAX] {
            let e = Recipe::new("alnum", bad, None, false).unwrap_err();
            assert!(
                e.message.contains("length must be between 1 and 4096"),
                "{}",
                e.message
            );
            // A recipe built by hand (or read back from the vault) is checked as well.
            let r = Recipe {
                length: bad,
                ..Recipe::default()
            };
            assert!(generate(&r).is_err());
            assert!(entropy_bits(&r).is_err());
        }
        assert_eq!(generate(&recipe("digits", 1)).unwrap().len(), 1);
    }

    #[test]
    fn entropy_is_length_times_log2_alphabet() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        let cases = [
            ("alnum", 32, 32.0 * 62f64.log2()),
            ("alpha", 20, 20.0 * 52f64.log2()),
            ("lower", 10, 10.0 * 26f64.log2()),
            ("digits", 6, 6.0 * 10f64.log2()),
            ("hex", 32, 128.0),
            ("base64url", 43, 258.0),
            ("ascii", 20, 20.0 * 94f64.log2()),
            ("custom:01", 7, 7.0),
        ];
        for (cs, len, want) in cases {
            let got = entropy_bits(&recipe(cs, len)).unwrap();
            assert!(close(got, want), "{cs} x {len}: {got} != {want}");
        }
        // The prefix is public and adds nothing.
        let with_prefix = Recipe::new("hex", 32, Some("sk_live_".into()), false).unwrap();
        assert!(close(entropy_bits(&with_prefix).unwrap(), 128.0));
        // A UUID is 122 bits whatever the charset, length or prefix say.
        let u = Recipe::new("digits", 3, Some("id-".into()), true).unwrap();
        assert_eq!(entropy_bits(&u).unwrap(), UUID_BITS);
        assert_eq!(
            entropy_bits(&Recipe::default()).unwrap(),
            32.0 * 62f64.log2()
        );
    }

    fn assert_uuid_v4(s: &str) {
        assert_eq!(s.len(), 36, "{s}");
        let b = s.as_bytes();
        for (i, &c) in b.iter().enumerate() {
            if matches!(i, 8 | 13 | 18 | 23) {
                assert_eq!(c, b'-', "{s}");
            } else {
                assert!(matches!(c, b'0'..=b'9' | b'a'..=b'f'), "{s}");
            }
        }
        assert_eq!(b[14], b'4', "version nibble: {s}");
        assert!(
            matches!(b[19], b'8' | b'9' | b'a' | b'b'),
            "variant 10xx: {s}"
        );
    }

    #[test]
    fn uuid_format_version_and_variant() {
        let r = Recipe::new("alnum", 32, None, true).unwrap();
        let mut seen = std::collections::HashSet::new();
        for _ in 0..1000 {
            let v = generate(&r).unwrap();
            assert_uuid_v4(&v);
            assert!(seen.insert(v.to_string()), "repeated UUID");
        }
        // The fixed bits override whatever the source gave.
        let v = generate_from(&r, scripted(&[0xff; 16])).unwrap();
        assert_eq!(v.as_str(), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        let v = generate_from(&r, scripted(&[0x00; 16])).unwrap();
        assert_eq!(v.as_str(), "00000000-0000-4000-8000-000000000000");
        let bytes: Vec<u8> = (0..16).collect();
        let v = generate_from(&r, scripted(&bytes)).unwrap();
        assert_eq!(v.as_str(), "00010203-0405-4607-8809-0a0b0c0d0e0f");
    }

    #[test]
    fn uuid_ignores_charset_and_length() {
        // `--uuid` with the defaults (or garbage) for the other flags still works.
        let r = Recipe {
            charset: "nonsense".into(),
            length: 0,
            prefix: None,
            uuid: true,
        };
        assert!(r.validate().is_ok());
        assert_uuid_v4(&generate(&r).unwrap());
    }

    #[test]
    fn prefix_is_prepended() {
        let r = Recipe::new("hex", 24, Some("sk_live_".into()), false).unwrap();
        let v = generate(&r).unwrap();
        let body = v.strip_prefix("sk_live_").expect("prefix");
        assert_eq!(body.len(), 24);
        assert!(
            body.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );

        let r = Recipe::new("alnum", 32, Some("tok-".into()), true).unwrap();
        let v = generate(&r).unwrap();
        assert_uuid_v4(v.strip_prefix("tok-").expect("prefix"));

        let r = Recipe::new("digits", 3, Some("€-".into()), false).unwrap();
        let v = generate_from(&r, scripted(&[1, 2, 3])).unwrap();
        assert_eq!(v.as_str(), "€-123");

        let r = Recipe::new("digits", 3, Some(String::new()), false).unwrap();
        assert_eq!(generate(&r).unwrap().len(), 3);
    }

    #[test]
    fn output_does_not_reallocate() {
        // Capacity is reserved up front so no partial copy of the secret is left behind.
        let r = Recipe::new("custom:a😀", 100, Some("p_".into()), false).unwrap();
        let v = generate(&r).unwrap();
        assert!(v.capacity() >= v.len());
        assert_eq!(v.capacity(), 2 + 100 * 4);
    }

    #[test]
    fn values_differ() {
        let r = Recipe::default();
        let a = generate(&r).unwrap();
        let b = generate(&r).unwrap();
        assert_eq!(a.len(), DEFAULT_LENGTH);
        assert_ne!(a.as_str(), b.as_str());
    }

    #[test]
    fn strength_policy() {
        assert_eq!(strength_check(190.5, false).unwrap(), None);
        assert_eq!(strength_check(128.0, false).unwrap(), None);
        let w = strength_check(122.0, false).unwrap().expect("warning");
        assert!(w.contains("122.0 bits"), "{w}");
        assert!(strength_check(64.0, false).unwrap().is_some());
        let e = strength_check(63.9, false).unwrap_err();
        assert!(e.message.contains("63.9 bits"), "{}", e.message);
        assert!(e.hints.iter().any(|h| h.contains("--weak")));
        // `weak` lets it through, still with the warning.
        assert!(strength_check(63.9, true).unwrap().is_some());
        assert!(strength_check(0.0, true).unwrap().is_some());
        assert!(strength_check(f64::NAN, true).is_err());
        // Default recipe is strong; a 6-digit PIN is refused.
        let bits = entropy_bits(&Recipe::default()).unwrap();
        assert_eq!(strength_check(bits, false).unwrap(), None);
        let pin = entropy_bits(&recipe("digits", 6)).unwrap();
        assert!(strength_check(pin, false).is_err());
    }

    #[test]
    fn recipe_serde_round_trip() {
        let r = Recipe::new("custom:ab€", 12, Some("x_".into()), false).unwrap();
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(
            json,
            r#"{"charset":"custom:ab€","length":12,"prefix":"x_","uuid":false}"#
        );
        assert_eq!(serde_json::from_str::<Recipe>(&json).unwrap(), r);
        // Older or minimal records without the optional fields still read.
        let r: Recipe = serde_json::from_str(r#"{"charset":"hex","length":8}"#).unwrap();
        assert_eq!(r, Recipe::new("hex", 8, None, false).unwrap());
    }
}
