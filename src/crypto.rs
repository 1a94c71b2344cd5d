//! The cryptographic primitives tresor uses, and nothing else: XChaCha20-Poly1305 sealing,
//! Argon2id, HKDF-SHA256, HMAC-SHA256, the OS random source and constant-time comparison.
//! Everything above this module speaks in terms of [`Key`], [`seal`] and [`open`]; which
//! algorithm sits behind them is decided here only.

use chacha20poly1305::aead::{Aead, AeadInPlace, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error::{Error, Result};

pub const KEY_LEN: usize = 32;
pub const NONCE_LEN: usize = 24;
pub const TAG_LEN: usize = 16;
pub const MAC_LEN: usize = 32;

/// A 256-bit symmetric key. Zeroed on drop; its `Debug` never shows the bytes.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Key([u8; KEY_LEN]);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key([REDACTED])")
    }
}

impl Key {
    /// A fresh key from the OS CSPRNG.
    pub fn random() -> Result<Self> {
        let mut k = [0u8; KEY_LEN];
        fill_random(&mut k)?;
        Ok(Key(k))
    }

    /// Takes the bytes of a key out of a buffer that is zeroed by its owner.
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        let arr: [u8; KEY_LEN] = bytes.try_into().ok()?;
        Some(Key(arr))
    }

    pub fn expose(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// HKDF-SHA256 of this key with `salt` and `info`: one key per purpose.
    pub fn derive(&self, salt: &[u8], info: &[u8]) -> Key {
        let hk = hkdf::Hkdf::<Sha256>::new(Some(salt), &self.0);
        let mut out = [0u8; KEY_LEN];
        hk.expand(info, &mut out)
            .expect("32 bytes is a valid HKDF-SHA256 output length");
        Key(out)
    }

    /// HMAC-SHA256 of `parts` (already framed by the caller) under this key.
    pub fn mac(&self, data: &[u8]) -> [u8; MAC_LEN] {
        let mut m = <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("any key length");
        m.update(data);
        m.finalize().into_bytes().into()
    }
}

/// HKDF-SHA256 extract of `ikm` (no salt): 32 bytes that mix all of it.
pub fn hkdf_concat(ikm: &[u8]) -> [u8; KEY_LEN] {
    let (prk, _) = hkdf::Hkdf::<Sha256>::extract(None, ikm);
    let mut out = [0u8; KEY_LEN];
    out.copy_from_slice(&prk);
    out
}

/// Fills `buf` from the operating system's CSPRNG.
pub fn fill_random(buf: &mut [u8]) -> Result<()> {
    getrandom::getrandom(buf)
        .map_err(|e| Error::general(format!("the OS random source failed: {e}")))
}

/// `N` random bytes (ids, salts).
pub fn random_bytes<const N: usize>() -> Result<[u8; N]> {
    let mut b = [0u8; N];
    fill_random(&mut b)?;
    Ok(b)
}

/// Seals `plaintext` under `key` with `aad` bound in. Output: nonce ‖ ciphertext ‖ tag.
pub fn seal(key: &Key, aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>> {
    let cipher = XChaCha20Poly1305::new(key.expose().into());
    let nonce_bytes: [u8; NONCE_LEN] = random_bytes()?;
    let nonce = XNonce::from_slice(&nonce_bytes);
    let ct = cipher
        .encrypt(
            nonce,
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .map_err(|_| Error::general("encryption failed"))?;
    let mut out = Vec::with_capacity(NONCE_LEN + ct.len());
    out.extend_from_slice(&nonce_bytes);
    out.extend_from_slice(&ct);
    Ok(out)
}

/// Opens what [`seal`] produced. `None` when the key, the AAD or any byte is wrong.
pub fn open(key: &Key, aad: &[u8], sealed: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    if sealed.len() < NONCE_LEN + TAG_LEN {
        return None;
    }
    let (nonce, ct) = sealed.split_at(NONCE_LEN);
    let cipher = XChaCha20Poly1305::new(key.expose().into());
    cipher
        .decrypt(XNonce::from_slice(nonce), Payload { msg: ct, aad })
        .ok()
        .map(Zeroizing::new)
}

/// Opens what [`seal`] produced into `buf`, replacing what it held: for a caller that opens
/// many blobs in a row into one buffer, wiped once at the end, rather than allocating and
/// wiping one per blob (`run` opens 256 snapshot buckets). `false` when the key, the AAD or
/// any byte is wrong. A buffer too small is wiped before it is given up, never reallocated
/// with plaintext in it.
pub fn open_into(key: &Key, aad: &[u8], sealed: &[u8], buf: &mut Zeroizing<Vec<u8>>) -> bool {
    if sealed.len() < NONCE_LEN + TAG_LEN {
        return false;
    }
    let (nonce, rest) = sealed.split_at(NONCE_LEN);
    let (ct, tag) = rest.split_at(rest.len() - TAG_LEN);
    if buf.capacity() < ct.len() {
        *buf = Zeroizing::new(Vec::with_capacity(ct.len().max(2 * buf.capacity())));
    }
    buf.clear();
    buf.extend_from_slice(ct);
    XChaCha20Poly1305::new(key.expose().into())
        .decrypt_in_place_detached(
            XNonce::from_slice(nonce),
            aad,
            buf.as_mut_slice(),
            chacha20poly1305::Tag::from_slice(tag),
        )
        .is_ok()
}

/// Constant-time equality of two MACs or tags.
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

/// Argon2id cost parameters, as stored in a passphrase slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    pub memory_mib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl KdfParams {
    pub const MIN_MEMORY_MIB: u32 = 19;
    pub const MAX_MEMORY_MIB: u32 = 4096;
    pub const MIN_ITERATIONS: u32 = 2;
    pub const MAX_ITERATIONS: u32 = 20;
    pub const MAX_PARALLELISM: u32 = 16;

    /// RFC 9106's second recommendation: m = 64 MiB, t = 3, p = 4.
    pub const DEFAULT: KdfParams = KdfParams {
        memory_mib: 64,
        iterations: 3,
        parallelism: 4,
    };

    /// Refuses parameters below the floor or above the cap, before anything is allocated.
    /// Used both for `init` flags and for parameters read from a vault file.
    pub fn check(&self) -> Result<()> {
        if self.memory_mib < Self::MIN_MEMORY_MIB || self.memory_mib > Self::MAX_MEMORY_MIB {
            return Err(Error::general(format!(
                "Argon2id memory must be {} to {} MiB, not {}",
                Self::MIN_MEMORY_MIB,
                Self::MAX_MEMORY_MIB,
                self.memory_mib
            )));
        }
        if self.iterations < Self::MIN_ITERATIONS || self.iterations > Self::MAX_ITERATIONS {
            return Err(Error::general(format!(
                "Argon2id iterations must be {} to {}, not {}",
                Self::MIN_ITERATIONS,
                Self::MAX_ITERATIONS,
                self.iterations
            )));
        }
        if self.parallelism == 0 || self.parallelism > Self::MAX_PARALLELISM {
            return Err(Error::general(format!(
                "Argon2id parallelism must be 1 to {}, not {}",
                Self::MAX_PARALLELISM,
                self.parallelism
            )));
        }
        Ok(())
    }
}

/// Argon2id(passphrase, salt) with `params`: the key-encryption key of a passphrase slot.
pub fn argon2id(passphrase: &[u8], salt: &[u8], params: KdfParams) -> Result<Key> {
    params.check()?;
    let p = argon2::Params::new(
        params.memory_mib * 1024,
        params.iterations,
        params.parallelism,
        Some(KEY_LEN),
    )
    .map_err(|e| Error::general(format!("Argon2id parameters: {e}")))?;
    let a = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, p);
    let mut out = [0u8; KEY_LEN];
    a.hash_password_into(passphrase, salt, &mut out)
        .map_err(|e| Error::general(format!("Argon2id: {e}")))?;
    let key = Key(out);
    out.zeroize();
    Ok(key)
}

/// Length-prefixed framing of fields for MACs and AADs, so that no two different field lists
/// give the same bytes.
#[derive(Default)]
pub struct Frame(Vec<u8>);

impl Frame {
    pub fn new(tag: &str) -> Self {
        let mut f = Frame(Vec::with_capacity(128));
        f.bytes(tag.as_bytes());
        f
    }

    pub fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.0.extend_from_slice(&(b.len() as u64).to_be_bytes());
        self.0.extend_from_slice(b);
        self
    }

    pub fn u64(&mut self, v: u64) -> &mut Self {
        self.bytes(&v.to_be_bytes())
    }

    pub fn i64(&mut self, v: i64) -> &mut Self {
        self.bytes(&v.to_be_bytes())
    }

    pub fn opt_i64(&mut self, v: Option<i64>) -> &mut Self {
        match v {
            Some(v) => self.bytes(&[1]).i64(v),
            None => self.bytes(&[0]),
        }
    }

    pub fn finish(&self) -> &[u8] {
        &self.0
    }

    /// The framed bytes, kept (associated data built once per blob).
    pub fn into_vec(self) -> Vec<u8> {
        self.0
    }
}

// ----- the vault key's text form -----

const VAULT_KEY_PREFIX: &str = "tresor-vk1-";

/// `tresor-vk1-<base64url of the Ed25519 public key>`.
pub fn encode_vault_key(key: &ed25519_dalek::VerifyingKey) -> String {
    format!(
        "{VAULT_KEY_PREFIX}{}",
        URL_SAFE_NO_PAD.encode(key.as_bytes())
    )
}

pub fn decode_vault_key(text: &str) -> Result<ed25519_dalek::VerifyingKey> {
    let bad = || {
        Error::general(format!("not a vault key: {text:?}"))
            .with_hint("a vault key looks like tresor-vk1-…; `tresor status` and `tresor bundle export` print it")
    };
    let b64 = text.trim().strip_prefix(VAULT_KEY_PREFIX).ok_or_else(bad)?;
    let bytes: [u8; 32] = URL_SAFE_NO_PAD
        .decode(b64)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(bad)?;
    ed25519_dalek::VerifyingKey::from_bytes(&bytes).map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231 test case 2 for HMAC-SHA256 (key "Jefe" padded is not 32 bytes, so use
    /// case 1's construction through the raw hmac crate to check our wrapper's output).
    #[test]
    fn hmac_matches_rfc4231_case_1_shape() {
        // Case 1: key = 0x0b * 20, data = "Hi There". Our Key is 32 bytes, so check the
        // wrapper against the hmac crate directly for a 32-byte key instead.
        let key = Key([0x0b; 32]);
        let mut m = <Hmac<Sha256> as Mac>::new_from_slice(&[0x0b; 32]).unwrap();
        m.update(b"Hi There");
        let want: [u8; 32] = m.finalize().into_bytes().into();
        assert_eq!(key.mac(b"Hi There"), want);
    }

    #[test]
    fn hmac_known_answer_rfc4231_case_2() {
        // Key "Jefe", data "what do ya want for nothing?" (RFC 4231 §4.3).
        let mut m = <Hmac<Sha256> as Mac>::new_from_slice(b"Jefe").unwrap();
        m.update(b"what do ya want for nothing?");
        let got: [u8; 32] = m.finalize().into_bytes().into();
        assert_eq!(
            hex::encode(got),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn hkdf_known_answer_rfc5869_case_1_prefix() {
        // RFC 5869 A.1 with a 22-byte IKM; our Key is 32 bytes, so use the hkdf crate the
        // same way derive() does and check the published OKM prefix.
        let ikm = [0x0bu8; 22];
        let salt = hex::decode("000102030405060708090a0b0c").unwrap();
        let info = hex::decode("f0f1f2f3f4f5f6f7f8f9").unwrap();
        let hk = hkdf::Hkdf::<Sha256>::new(Some(&salt), &ikm);
        let mut okm = [0u8; 32];
        hk.expand(&info, &mut okm).unwrap();
        assert_eq!(
            hex::encode(okm),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
        );
    }

    #[test]
    fn xchacha20poly1305_known_answer() {
        // draft-irtf-cfrg-xchacha-03 §A.3.1.
        let key = Key::from_slice(
            &hex::decode("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f")
                .unwrap(),
        )
        .unwrap();
        let nonce = hex::decode("404142434445464748494a4b4c4d4e4f5051525354555657").unwrap();
        let aad = hex::decode("50515253c0c1c2c3c4c5c6c7").unwrap();
        let pt = b"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.";
        let cipher = XChaCha20Poly1305::new(key.expose().into());
        let ct = cipher
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: pt, aad: &aad })
            .unwrap();
        assert_eq!(
            hex::encode(&ct[ct.len() - 16..]),
            "c0875924c1c7987947deafd8780acf49"
        );
        let mut sealed = nonce.clone();
        sealed.extend_from_slice(&ct);
        assert_eq!(&open(&key, &aad, &sealed).unwrap()[..], &pt[..]);
        assert!(open(&key, b"other aad", &sealed).is_none());
    }

    #[test]
    fn seal_open_round_trip_and_tamper() {
        let k = Key::random().unwrap();
        let mut s = seal(&k, b"aad", b"hello").unwrap();
        assert_eq!(&open(&k, b"aad", &s).unwrap()[..], b"hello");
        for i in 0..s.len() {
            s[i] ^= 1;
            assert!(open(&k, b"aad", &s).is_none(), "flip at {i} accepted");
            s[i] ^= 1;
        }
    }

    #[test]
    fn open_into_reuses_one_buffer_and_agrees_with_open() {
        let k = Key::random().unwrap();
        let long = vec![7u8; 300];
        let blobs = [
            seal(&k, b"a", b"short").unwrap(),
            seal(&k, b"b", &long).unwrap(),
            seal(&k, b"c", b"").unwrap(),
            seal(&k, b"d", b"again short").unwrap(),
        ];
        let mut buf = Zeroizing::new(Vec::new());
        for (aad, blob) in [b"a", b"b", b"c", b"d"].iter().zip(&blobs) {
            assert!(open_into(&k, *aad, blob, &mut buf));
            assert_eq!(&buf[..], &open(&k, *aad, blob).unwrap()[..]);
        }
        // The buffer grew once (to the longest plaintext) and was then reused.
        assert!(buf.capacity() >= 300);
        let mut bad = blobs[1].clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        assert!(!open_into(&k, b"b", &bad, &mut buf));
        assert!(!open_into(&k, b"x", &blobs[0], &mut buf), "wrong AAD");
        assert!(!open_into(
            &k,
            b"a",
            &blobs[0][..NONCE_LEN + TAG_LEN - 1],
            &mut buf
        ));
    }

    #[test]
    fn argon2id_known_answer_rfc9106() {
        // RFC 9106 §5.3 uses a secret and associated data we do not; check instead that the
        // parameters matter and that the floor is enforced before any allocation.
        let p = KdfParams {
            memory_mib: 19,
            iterations: 2,
            parallelism: 1,
        };
        let a = argon2id(b"pw", b"saltsaltsaltsalt", p).unwrap();
        let b = argon2id(b"pw", b"saltsaltsaltsalt", p).unwrap();
        assert_eq!(a.expose(), b.expose());
        let c = argon2id(b"pw", b"saltsaltsaltsalt", KdfParams { iterations: 3, ..p }).unwrap();
        assert_ne!(a.expose(), c.expose());
        assert!(
            argon2id(
                b"pw",
                b"saltsaltsaltsalt",
                KdfParams {
                    memory_mib: 18,
                    ..p
                }
            )
            .is_err()
        );
        assert!(argon2id(b"pw", b"saltsaltsaltsalt", KdfParams { iterations: 1, ..p }).is_err());
        assert!(
            KdfParams {
                memory_mib: 4097,
                ..p
            }
            .check()
            .is_err()
        );
        assert!(
            KdfParams {
                iterations: 21,
                ..p
            }
            .check()
            .is_err()
        );
    }

    /// The KDF's output is part of the file format: a passphrase slot made by an earlier
    /// build must open with this one. These values come from `argon2` 0.6 with `parallel`;
    /// 0.5 (no `parallel`) was checked to give the same. Any change of crate, version or
    /// feature that alters them would lock users out of their vaults.
    #[test]
    fn argon2id_output_is_pinned() {
        let cases = [
            (
                KdfParams {
                    memory_mib: 19,
                    iterations: 2,
                    parallelism: 1,
                },
                "40a1eb839b5ac8b19c37e6341d53cd681ab290e54b53194c919c9c5c4d6e5913",
            ),
            (
                KdfParams {
                    memory_mib: 19,
                    iterations: 3,
                    parallelism: 4,
                },
                "8b3c4db3c5d9b027cda3f8e100611364cb8b7a26c1499c569e5d950b781ed824",
            ),
        ];
        for (params, want) in cases {
            let k = argon2id(b"correct horse battery staple", b"saltsaltsaltsalt", params).unwrap();
            assert_eq!(hex::encode(k.expose()), want, "{params:?}");
        }
    }

    #[test]
    fn frames_are_unambiguous() {
        let a = Frame::new("t").bytes(b"ab").bytes(b"c").finish().to_vec();
        let b = Frame::new("t").bytes(b"a").bytes(b"bc").finish().to_vec();
        assert_ne!(a, b);
    }
}
