//! The fuzz harnesses of tresor: one function per fuzz target, each taking the raw fuzz input.
//!
//! Every function here asserts one thing only: that tresor does not panic on the input. Errors
//! are the expected outcome for almost every input and are ignored.
//!
//! This file is shared: each `fuzz_targets/*.rs` calls one function from it, and
//! `tests/fuzz_regressions.rs` includes it with `#[path]` to run the saved crash inputs and seeds
//! through exactly the same code. So it may use only crates that the main `tresor` package
//! depends on (tresor, age, base64, serde_json, ed25519-dalek, zeroize), and nothing from libFuzzer.

use std::io::Write;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};

use ed25519_dalek::Signer;
use zeroize::Zeroizing;

/// A fixed test-only age identity, so that inputs stay reproducible (a crash found through
/// decryption replays with the same key) and seed files can be real age files encrypted to it.
/// It protects nothing.
pub const TEST_IDENTITY: &str =
    "AGE-SECRET-KEY-1PMEN76N5WDFZN8UCWGW27RSKTS4FKASPG0XQ7CR3KX2KJQ5LUS7QJU3FP9";

/// The fixed test-only Ed25519 key that re-signs bundle content in [`bundle_open_plain`].
pub const TEST_SIGNING_KEY: [u8; 32] = [7; 32];

/// The private payload tags of `src/vault/keys.rs` (`ROOT_PAYLOAD_TAG`, `GRANT_PAYLOAD_TAG`,
/// `PROTECT_PAYLOAD_TAG`), copied so the slot target can build well-formed payload prefixes.
pub const ROOT_TAG: &[u8] = b"tresor root key v1";
pub const GRANT_TAG: &[u8] = b"tresor grant v1";
pub const PROTECT_TAG: &[u8] = b"tresor protect v1";

pub fn identity() -> age::x25519::Identity {
    age::x25519::Identity::from_str(TEST_IDENTITY).expect("valid test identity")
}

pub fn recipient() -> age::x25519::Recipient {
    identity().to_public()
}

thread_local! {
    /// `identities` as tresor's functions take them, made once per thread.
    static IDENTITIES: Vec<Box<dyn age::Identity>> = vec![Box::new(identity())];
    static RECIPIENT: age::x25519::Recipient = recipient();
    /// The test signing key and its `tresor-vk1-…` text (deriving the public key costs a
    /// scalar multiplication: once per thread, not per input).
    static SIGNER: (ed25519_dalek::SigningKey, String) = {
        let k = signing_key();
        let text = tresor::bundle::encode_vault_key(&k.verifying_key());
        (k, text)
    };
}

fn with_identities<R>(f: impl FnOnce(&[Box<dyn age::Identity>]) -> R) -> R {
    IDENTITIES.with(|ids| f(ids))
}

pub fn signing_key() -> ed25519_dalek::SigningKey {
    ed25519_dalek::SigningKey::from_bytes(&TEST_SIGNING_KEY)
}

/// Reads fixed-size fields off the front of the input; past the end it yields zeros, so every
/// input maps to some structured value and no input is wasted.
struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn byte(&mut self) -> u8 {
        let b = self.0.first().copied().unwrap_or(0);
        self.0 = self.0.get(1..).unwrap_or_default();
        b
    }
    fn array<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        let n = self.0.len().min(N);
        out[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        out
    }
    fn rest(self) -> &'a [u8] {
        self.0
    }
}

// ----- dotenv -----

/// `tresor::dotenv::parse` on the input (invalid UTF-8 replaced, as a reader of text files
/// would have to decide anyway), then the writers on whatever it parsed.
pub fn dotenv_parse(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(entries) = tresor::dotenv::parse(&text) {
        let pairs: Vec<(&str, &str)> = entries
            .iter()
            .map(|e| (e.key.as_str(), e.value.as_str()))
            .collect();
        let _ = tresor::dotenv::format_dotenv(&pairs);
        let _ = tresor::dotenv::format_shell(&pairs);
    }
}

// ----- import --format json -----

/// Mirrors the private `parse_json` of `src/commands/import.rs` and the checks `cmd_import`
/// makes after it, with public items only: a JSON object of string values, each name checked
/// by `check_secret_name` and each value by `check_value`.
pub fn import_json(data: &[u8]) {
    // `cmd_import` reads the file with `read_to_string`: non-UTF-8 input never gets further.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(text) else {
        return;
    };
    let mut entries = Vec::with_capacity(map.len());
    for (k, v) in map {
        match v {
            serde_json::Value::String(s) => entries.push((k, Zeroizing::new(s))),
            _ => return,
        }
    }
    for (name, value) in entries {
        if tresor::names::check_secret_name(&name).is_err() {
            return;
        }
        if tresor::input::check_value(Zeroizing::new(value.as_bytes().to_vec())).is_err() {
            return;
        }
    }
}

// ----- bundles -----

/// `tresor::bundle::open` on the raw input: armor and age header parsing. Also
/// `decode_vault_key`, which parses the `--vault-key` pin and the bundle's signer.
pub fn bundle_open_raw(data: &[u8]) {
    let _ = tresor::bundle::decode_vault_key(&String::from_utf8_lossy(data));
    with_identities(|ids| {
        let _ = tresor::bundle::open(data, ids, None);
    });
}

/// The input's first byte holds flags, the rest is the bundle's plaintext, which is encrypted
/// to the test recipient so that `open` gets past age and into the JSON, signature and field
/// checks.
/// - bit 0: re-sign. When the plaintext is a JSON object, set `signer` to the test signing
///   key's vault key and `signature` to a valid signature over the rest, the way
///   `bundle::seal` does. Without this the fuzzer could never reach the field checks after
///   the signature.
/// - bit 1: ASCII-armour the age file.
/// - bit 2: pin the test signing key's vault key (`--vault-key`).
pub fn bundle_open_plain(data: &[u8]) {
    let mut c = Cursor(data);
    let flags = c.byte();
    let plain = c.rest();
    SIGNER.with(|(signing, vault_key)| open_plain(flags, plain, signing, vault_key));
}

fn open_plain(flags: u8, plain: &[u8], signing: &ed25519_dalek::SigningKey, vault_key: &str) {
    let resigned;
    let plain = if flags & 1 != 0 {
        match serde_json::from_slice::<serde_json::Value>(plain) {
            Ok(serde_json::Value::Object(mut obj)) => {
                obj.remove("signature");
                obj.insert("signer".into(), serde_json::Value::String(vault_key.into()));
                let mut doc = serde_json::Value::Object(obj);
                let signed = serde_json::to_vec(&doc).expect("JSON values serialise");
                let sig = signing.sign(&signed);
                use base64::Engine;
                doc["signature"] = serde_json::Value::String(
                    base64::engine::general_purpose::STANDARD.encode(sig.to_bytes()),
                );
                resigned = serde_json::to_vec_pretty(&doc).expect("JSON values serialise");
                &resigned[..]
            }
            _ => plain,
        }
    } else {
        plain
    };
    let Some(file) = RECIPIENT.with(|r| encrypt(r, plain, flags & 2 != 0)) else {
        return;
    };
    let pin = (flags & 4 != 0).then_some(vault_key);
    with_identities(|ids| {
        let _ = tresor::bundle::open(&file, ids, pin);
    });
}

/// age-encrypts `plain` to `recipient` as `bundle::seal` does, optionally armoured.
pub fn encrypt(recipient: &age::x25519::Recipient, plain: &[u8], armor: bool) -> Option<Vec<u8>> {
    let enc =
        age::Encryptor::with_recipients(std::iter::once(recipient as &dyn age::Recipient)).ok()?;
    let mut out = Vec::new();
    if armor {
        let armored =
            age::armor::ArmoredWriter::wrap_output(&mut out, age::armor::Format::AsciiArmor)
                .ok()?;
        let mut w = enc.wrap_output(armored).ok()?;
        w.write_all(plain).ok()?;
        w.finish().and_then(|a| a.finish()).ok()?;
    } else {
        let mut w = enc.wrap_output(&mut out).ok()?;
        w.write_all(plain).ok()?;
        w.finish().ok()?;
    }
    Some(out)
}

// ----- vault header: KDF parameters -----

/// `decode_kdf` on the input, then `KdfParams::check` on what it decoded (as
/// `unwrap_with_passphrase` does before it would run Argon2id, which no target runs), and
/// `check` on parameters taken straight from the first 12 bytes.
pub fn kdf_decode(data: &[u8]) {
    if let Ok((_salt, params)) = tresor::vault::keys::decode_kdf(data) {
        let _ = params.check();
    }
    let mut c = Cursor(data);
    let p = tresor::crypto::KdfParams {
        memory_mib: u32::from_be_bytes(c.array()),
        iterations: u32::from_be_bytes(c.array()),
        parallelism: u32::from_be_bytes(c.array()),
    };
    let _ = p.check();
}

// ----- vault slots -----

/// A slot row and vault id read from the front of the input: flags (1 byte; bit 0: the slot
/// has an environment id), vault id (16), slot id (16), environment id (16). Returns the row
/// and the rest of the input.
fn slot_from(
    data: &[u8],
) -> (
    u8,
    tresor::vault::store::Id,
    tresor::vault::store::SlotRow,
    &[u8],
) {
    let mut c = Cursor(data);
    let flags = c.byte();
    let vault_id: [u8; 16] = c.array();
    let id: [u8; 16] = c.array();
    let env_id: [u8; 16] = c.array();
    let slot = tresor::vault::store::SlotRow {
        id,
        kind: {
            use tresor::vault::store::SlotKind;
            [
                SlotKind::Passphrase,
                SlotKind::Recipient,
                SlotKind::Grant,
                SlotKind::Protect,
            ][usize::from(flags >> 4) % 4]
        },
        env_id: (flags & 1 != 0).then_some(env_id),
        label: String::new(),
        recipient: String::new(),
        kdf: None,
        wrapped: Vec::new(),
        created: 0,
        expires_at: None,
        mac: [0; 32],
    };
    (flags, vault_id, slot, c.rest())
}

/// A slot whose `wrapped` blob is the rest of the input, raw: age header parsing in
/// `age_decrypt`, through all three unwrap functions.
pub fn slot_unwrap_raw(data: &[u8]) {
    let (_, vault_id, mut slot, rest) = slot_from(data);
    slot.wrapped = rest.to_vec();
    with_identities(|ids| {
        let _ = tresor::vault::keys::age_decrypt(ids, &slot.wrapped);
        let _ = tresor::vault::keys::unwrap_from_recipient_slot(&vault_id, &slot, ids);
        let _ = tresor::vault::keys::unwrap_grant_slot(&vault_id, &slot, ids);
        let _ = tresor::vault::keys::unwrap_protect_secret(&vault_id, &slot, ids);
    });
}

/// A slot whose `wrapped` blob is a payload encrypted to the test recipient, so the payload
/// checks after decryption are what gets explored. Flag bits 1-2 pick the payload:
/// 0 the rest of the input as it is (all three unwraps run; each calls `age_decrypt`); 1 root-key tag, vault id, slot
/// id, rest (recipient slot); 2 grant tag, vault id, slot id, rest (grant slot); 3 protect
/// tag, vault id, slot id, then the environment id when flag bit 3 is set, rest (protection
/// slot). The ids are those of the row, so the constant-time comparisons pass and the
/// length and field checks behind them are reached.
pub fn slot_unwrap_payload(data: &[u8]) {
    let (flags, vault_id, mut slot, rest) = slot_from(data);
    let form = (flags >> 1) & 3;
    let mut payload = Zeroizing::new(Vec::new());
    match form {
        1 => payload.extend_from_slice(ROOT_TAG),
        2 => payload.extend_from_slice(GRANT_TAG),
        3 => payload.extend_from_slice(PROTECT_TAG),
        _ => {}
    }
    if form != 0 {
        payload.extend_from_slice(&vault_id);
        payload.extend_from_slice(&slot.id);
    }
    if form == 3 && flags & 8 != 0 {
        payload.extend_from_slice(&slot.env_id.unwrap_or([0; 16]));
    }
    payload.extend_from_slice(rest);
    let Ok(wrapped) = RECIPIENT.with(|r| tresor::vault::keys::age_encrypt(r, &payload)) else {
        return;
    };
    slot.wrapped = wrapped;
    with_identities(|ids| {
        if form == 0 || form == 1 {
            let _ = tresor::vault::keys::unwrap_from_recipient_slot(&vault_id, &slot, ids);
        }
        if form == 0 || form == 2 {
            let _ = tresor::vault::keys::unwrap_grant_slot(&vault_id, &slot, ids);
        }
        if form == 0 || form == 3 {
            let _ = tresor::vault::keys::unwrap_protect_secret(&vault_id, &slot, ids);
        }
    });
}

// ----- the vault file -----

static SCRATCH: AtomicU64 = AtomicU64::new(0);

/// A file name of its own for this call: in /dev/shm (memory, not disk) where it exists.
fn scratch_path() -> PathBuf {
    let dir = if std::path::Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let n = SCRATCH.fetch_add(1, Ordering::Relaxed);
    dir.join(format!("tresor-fuzz-{}-{n}.db", std::process::id()))
}

fn remove_db(path: &std::path::Path) {
    let _ = std::fs::remove_file(path);
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

/// The input as a vault file: `Store::open`, then reads of the header, slots, environments
/// and audit rows. SQLite on arbitrary bytes must give errors, never a panic.
pub fn store_open(data: &[u8]) {
    let path = scratch_path();
    remove_db(&path);
    let store = std::fs::write(&path, data)
        .ok()
        .and_then(|()| tresor::vault::store::Store::open(&path).ok());
    if let Some(store) = store {
        let _ = store.header();
        let _ = store.slots();
        let _ = store.envs();
        let _ = store.audit_rows();
    }
    remove_db(&path);
}

/// A harness: the fuzz input in, nothing out; a panic is the only failure.
pub type Harness = fn(&[u8]);

/// Every target by name, for the regression tests.
pub const TARGETS: &[(&str, Harness)] = &[
    ("dotenv_parse", dotenv_parse),
    ("import_json", import_json),
    ("bundle_open_raw", bundle_open_raw),
    ("bundle_open_plain", bundle_open_plain),
    ("kdf_decode", kdf_decode),
    ("slot_unwrap_raw", slot_unwrap_raw),
    ("slot_unwrap_payload", slot_unwrap_payload),
    ("store_open", store_open),
];
