//! The forms a vault value takes in files: raw, base64 and base64url at each of the three
//! alignments, lower- and upper-case hex, percent-encoding.
//!
//! It exists because a leaked value is as often encoded as raw (a Kubernetes secret, a
//! basic-auth header, a URL). Forms identical to an earlier one (an alphanumeric value is its
//! own URL encoding) are searched once.
//!
//! **Base64 alignment.** The base64 text of a value depends on where the value starts in the
//! encoded data (modulo 3 bytes) and on what follows it, since the characters at its edges
//! share bits with the neighbouring bytes. For each of the three alignments the scanner
//! searches the characters that the value alone determines: the whole-value encoding without
//! its last partial character and padding, and the two shifted cores. So a value is found both
//! when it was encoded on its own and when it is one line of a base64-encoded `.env` file.
//! What it cannot find: base64 split by line wrapping in the middle of the value, double
//! encodings, compression or encryption.

use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
use zeroize::Zeroizing;

use super::MIN_NEEDLE_LEN;

/// Bytes that percent-encoding leaves alone (RFC 3986 "unreserved").
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

pub(super) fn percent_encode(
    value: &[u8],
    upper: bool,
    plus_for_space: bool,
) -> Zeroizing<Vec<u8>> {
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
pub(super) fn encoded_forms(value: &[u8]) -> Vec<(Zeroizing<Vec<u8>>, &'static str)> {
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
