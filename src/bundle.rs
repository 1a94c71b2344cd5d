//! Bundles: one environment's secrets for machines without the vault (CI runners), as a
//! standard age file that plain `age -d` opens. age gives confidentiality, not authenticity
//! (anyone who knows the recipient can make a valid file), so the content is signed with the
//! vault's Ed25519 signing key and checked against a pinned vault key (DESIGN "Bundles").
//!
//! Content, pretty-printed JSON inside the age file:
//! `{"format": "tresor-bundle-v1", "vault_id", "env", "created", "expires_at",
//!   "recipients": ["age1…"], "secrets": {"NAME": {"value", "expires_at"}}, "signer",
//!   "signature"}`; the signature covers the compact JSON (keys sorted) of everything but
//! `signature`. The signed recipient list stops a holder of the bundle from re-encrypting it
//! to another key: a bundle opened with an identity whose recipient it does not list is
//! refused.

use std::io::{Read, Write};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use ed25519_dalek::{Signer, Verifier};
use serde_json::{Map, Value, json};
use zeroize::Zeroizing;

use crate::clock;
use crate::error::{Error, Result};

pub const FORMAT: &str = "tresor-bundle-v1";
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

/// One secret in a bundle.
pub struct BundleSecret {
    pub name: String,
    pub value: Zeroizing<String>,
    pub expires_at: Option<i64>,
}

/// A bundle's checked content.
pub struct Bundle {
    pub vault_id: String,
    pub env: String,
    pub created: i64,
    pub expires_at: Option<i64>,
    pub secrets: Vec<BundleSecret>,
    pub signer: String,
    /// False when no vault key was pinned: the signature matches the key the bundle names,
    /// but nothing says that key is your vault's.
    pub origin_verified: bool,
    /// The recipients the owner encrypted it to (normalised, see `unlock::normalize_recipient`).
    pub recipients: Vec<String>,
}

fn opt_time(t: Option<i64>) -> Value {
    t.map(|t| Value::String(clock::rfc3339(t)))
        .unwrap_or(Value::Null)
}

/// What goes into a bundle.
pub struct Contents<'a> {
    pub vault_id: &'a [u8],
    pub env: &'a str,
    pub created: i64,
    pub expires_at: Option<i64>,
    pub secrets: &'a [BundleSecret],
    /// The recipient it is encrypted to, as given.
    pub recipients: &'a [&'a str],
}

/// Makes a signed bundle encrypted to every one of `recipients` (any of them opens it);
/// ASCII-armoured with `armor`.
pub fn seal(
    signing: &ed25519_dalek::SigningKey,
    contents: &Contents<'_>,
    recipients: &[&dyn age::Recipient],
    armor: bool,
) -> Result<Vec<u8>> {
    let Contents {
        vault_id,
        env,
        created,
        expires_at,
        secrets,
        recipients: recipient_texts,
    } = *contents;
    let mut map = Map::new();
    for s in secrets {
        map.insert(
            s.name.clone(),
            json!({"value": s.value.as_str(), "expires_at": opt_time(s.expires_at)}),
        );
    }
    let mut doc = json!({
        "format": FORMAT,
        "vault_id": hex::encode(vault_id),
        "env": env,
        "created": clock::rfc3339(created),
        "expires_at": opt_time(expires_at),
        "recipients": recipient_texts
            .iter()
            .map(|r| crate::unlock::normalize_recipient(r))
            .collect::<Vec<_>>(),
        "secrets": Value::Object(map),
        "signer": encode_vault_key(&signing.verifying_key()),
    });
    let signed = Zeroizing::new(serde_json::to_vec(&doc).expect("JSON values serialise"));
    let signature = signing.sign(&signed);
    doc["signature"] = Value::String(STANDARD.encode(signature.to_bytes()));
    let plain = Zeroizing::new(serde_json::to_vec_pretty(&doc).expect("JSON values serialise"));
    // The document holds the values: clear it from memory once encrypted.
    zero_json(doc);

    let enc = age::Encryptor::with_recipients(recipients.iter().copied())
        .map_err(|e| Error::general(format!("age encryption: {e}")))?;
    let age_err = |e: std::io::Error| Error::general(format!("age encryption: {e}"));
    let mut out = Vec::new();
    if armor {
        let armored =
            age::armor::ArmoredWriter::wrap_output(&mut out, age::armor::Format::AsciiArmor)
                .map_err(age_err)?;
        let mut w = enc.wrap_output(armored).map_err(age_err)?;
        w.write_all(&plain).map_err(age_err)?;
        w.finish().and_then(|a| a.finish()).map_err(age_err)?;
    } else {
        let mut w = enc.wrap_output(&mut out).map_err(age_err)?;
        w.write_all(&plain).map_err(age_err)?;
        w.finish().map_err(age_err)?;
    }
    Ok(out)
}

fn zero_json(v: Value) {
    match v {
        Value::String(s) => drop(Zeroizing::new(s)),
        Value::Array(a) => a.into_iter().for_each(zero_json),
        Value::Object(m) => m.into_iter().for_each(|(_, v)| zero_json(v)),
        _ => {}
    }
}

fn altered(what: &str) -> Error {
    Error::integrity(format!(
        "the bundle was altered or is not a tresor bundle: {what}"
    ))
    .with_hint("make a new one: on the owner's machine (where the vault is), run `tresor bundle export` again and replace this file")
}

/// Decrypts and checks a bundle: the identity must match (exit 3), the content must be intact
/// and signed (exit 4), by `pin` when one is given (exit 4). Expiry is the caller's check.
pub fn open(
    data: &[u8],
    identities: &[Box<dyn age::Identity>],
    pin: Option<&str>,
) -> Result<Bundle> {
    let pin = pin.map(decode_vault_key).transpose()?;
    let reader = age::armor::ArmoredReader::new(data);
    let dec = age::Decryptor::new_buffered(reader).map_err(|_| altered("not an age file"))?;
    let mut r = match dec.decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity)) {
        Ok(r) => r,
        Err(age::DecryptError::NoMatchingKeys) => {
            return Err(Error::unlock("the bundle is not encrypted to this identity")
                .with_hint("use the identity whose recipient was given to `tresor bundle export --recipient`"));
        }
        Err(_) => return Err(altered("its header does not decrypt")),
    };
    let mut plain = Zeroizing::new(Vec::new());
    r.read_to_end(&mut plain)
        .map_err(|_| altered("its content does not decrypt"))?;
    let mut doc: Value =
        serde_json::from_slice(&plain).map_err(|_| altered("its content is not JSON"))?;
    let obj = doc
        .as_object_mut()
        .ok_or_else(|| altered("its content is not an object"))?;
    let signature = obj
        .remove("signature")
        .and_then(|s| s.as_str().and_then(|s| STANDARD.decode(s).ok()))
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
        .map(|b| ed25519_dalek::Signature::from_bytes(&b))
        .ok_or_else(|| Error::integrity("the bundle carries no valid signature"))?;
    let signer_text = obj
        .get("signer")
        .and_then(Value::as_str)
        .ok_or_else(|| altered("it names no signer"))?
        .to_string();
    let signer = decode_vault_key(&signer_text).map_err(|_| altered("its signer is malformed"))?;
    if let Some(pin) = &pin {
        if pin.as_bytes() != signer.as_bytes() {
            return Err(
                Error::integrity("the bundle was not signed by the pinned vault key").with_hint(
                    "check --vault-key / TRESOR_VAULT_KEY against `tresor status` on the vault",
                ),
            );
        }
    }
    let signed = Zeroizing::new(serde_json::to_vec(&doc).expect("JSON values serialise"));
    signer.verify(&signed, &signature).map_err(|_| {
        Error::integrity("the bundle's signature does not match its content: it was altered")
    })?;
    parse(doc, signer_text, pin.is_some())
}

fn parse(doc: Value, signer: String, origin_verified: bool) -> Result<Bundle> {
    let field = |k: &str| doc.get(k).ok_or_else(|| altered(&format!("no {k}")));
    if field("format")?.as_str() != Some(FORMAT) {
        return Err(altered("unknown format"));
    }
    let time = |v: &Value| -> Result<Option<i64>> {
        match v {
            Value::Null => Ok(None),
            Value::String(s) => clock::parse_date(s)
                .map(Some)
                .map_err(|_| altered("bad date")),
            _ => Err(altered("bad date")),
        }
    };
    let text = |k: &str| -> Result<String> {
        Ok(field(k)?.as_str().ok_or_else(|| altered(k))?.to_string())
    };
    let env = text("env")?;
    crate::names::check_env_name(&env).map_err(|_| altered("bad environment name"))?;
    let mut secrets = Vec::new();
    for (name, v) in field("secrets")?
        .as_object()
        .ok_or_else(|| altered("no secrets"))?
    {
        crate::names::check_secret_name(name).map_err(|_| altered("bad secret name"))?;
        let value = v
            .get("value")
            .and_then(Value::as_str)
            .ok_or_else(|| altered("a secret without a value"))?;
        secrets.push(BundleSecret {
            name: name.clone(),
            value: Zeroizing::new(value.to_string()),
            expires_at: time(v.get("expires_at").unwrap_or(&Value::Null))?,
        });
    }
    let created = time(field("created")?)?.ok_or_else(|| altered("no creation time"))?;
    let recipients = field("recipients")?
        .as_array()
        .ok_or_else(|| altered("no recipients"))?
        .iter()
        .map(|r| r.as_str().map(crate::unlock::normalize_recipient))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| altered("bad recipients"))?;
    let bundle = Bundle {
        vault_id: text("vault_id")?,
        env,
        created,
        expires_at: time(field("expires_at")?)?,
        secrets,
        signer,
        origin_verified,
        recipients,
    };
    zero_json(doc);
    Ok(bundle)
}
