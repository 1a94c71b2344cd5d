//! Bundles: one environment's secrets for machines without the vault (CI runners), as a
//! standard age file that plain `age -d` opens. age gives confidentiality, not authenticity
//! (anyone who knows the recipient can make a valid file), so the content is signed with the
//! vault's Ed25519 signing key and checked against a pinned vault key (doc/design.md "Bundles").
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
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signer, Verifier};
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::clock;
use crate::error::{Error, Result};

pub const FORMAT: &str = "tresor-bundle-v1";
pub use crate::crypto::{decode_vault_key, encode_vault_key};

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

fn opt_time(t: Option<i64>) -> Option<String> {
    t.map(clock::rfc3339)
}

/// The signed document, its fields in name order: serialized compactly it is exactly what the
/// signature covers (the same bytes as the sorted JSON object of format 2's bundles).
#[derive(Serialize)]
struct Signed<'a> {
    created: &'a str,
    env: &'a str,
    expires_at: Option<&'a str>,
    format: &'a str,
    recipients: &'a [String],
    secrets: BTreeMap<&'a str, SecretDoc<'a>>,
    signer: &'a str,
    vault_id: &'a str,
}

/// The whole document as stored: the signed fields and the signature, in name order.
#[derive(Serialize)]
struct Stored<'a> {
    created: &'a str,
    env: &'a str,
    expires_at: Option<&'a str>,
    format: &'a str,
    recipients: &'a [String],
    secrets: &'a BTreeMap<&'a str, SecretDoc<'a>>,
    signature: &'a str,
    signer: &'a str,
    vault_id: &'a str,
}

#[derive(Serialize)]
struct SecretDoc<'a> {
    expires_at: Option<&'a str>,
    value: &'a str,
}

/// A stored document as read back; the values go straight into zeroizing strings.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadDoc {
    created: String,
    env: String,
    expires_at: Option<String>,
    format: String,
    recipients: Vec<String>,
    secrets: BTreeMap<String, ReadSecret>,
    signature: String,
    signer: String,
    vault_id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadSecret {
    expires_at: Option<String>,
    value: Zeroizing<String>,
}

/// What goes into a bundle.
pub struct Contents<'a> {
    pub vault_id: &'a [u8],
    pub env: &'a str,
    pub created: i64,
    pub expires_at: Option<i64>,
    pub secrets: &'a [BundleSecret],
    /// The recipients it is encrypted to, as given.
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
    let expiry: Vec<Option<String>> = secrets.iter().map(|s| opt_time(s.expires_at)).collect();
    let map: BTreeMap<&str, SecretDoc<'_>> = secrets
        .iter()
        .zip(&expiry)
        .map(|(s, e)| {
            (
                s.name.as_str(),
                SecretDoc {
                    expires_at: e.as_deref(),
                    value: s.value.as_str(),
                },
            )
        })
        .collect();
    let (vault_id, created) = (hex::encode(vault_id), clock::rfc3339(created));
    let expires_at = opt_time(expires_at);
    let listed: Vec<String> = recipient_texts
        .iter()
        .map(|r| crate::unlock::normalize_recipient(r))
        .collect();
    let signer = encode_vault_key(&signing.verifying_key());
    let doc = Signed {
        created: &created,
        env,
        expires_at: expires_at.as_deref(),
        format: FORMAT,
        recipients: &listed,
        secrets: map,
        signer: &signer,
        vault_id: &vault_id,
    };
    // Borrowed values, written once into zeroizing buffers of their exact size.
    let json_err = |e: serde_json::Error| Error::general(format!("bundle: {e}"));
    let signed = crate::zjson::to_vec(&doc, 0).map_err(json_err)?;
    let signature = STANDARD.encode(signing.sign(&signed).to_bytes());
    drop(signed);
    let stored = Stored {
        created: doc.created,
        env: doc.env,
        expires_at: doc.expires_at,
        format: doc.format,
        recipients: doc.recipients,
        secrets: &doc.secrets,
        signature: &signature,
        signer: doc.signer,
        vault_id: doc.vault_id,
    };
    let plain = crate::zjson::to_vec_pretty(&stored).map_err(json_err)?;

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
    let doc: ReadDoc =
        serde_json::from_slice(&plain).map_err(|_| altered("its content is not a bundle"))?;
    drop(plain);
    let signature = STANDARD
        .decode(&doc.signature)
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
        .map(|b| ed25519_dalek::Signature::from_bytes(&b))
        .ok_or_else(|| Error::integrity("the bundle carries no valid signature"))?;
    let signer = decode_vault_key(&doc.signer).map_err(|_| altered("its signer is malformed"))?;
    if let Some(pin) = &pin {
        if pin.as_bytes() != signer.as_bytes() {
            return Err(
                Error::integrity("the bundle was not signed by the pinned vault key").with_hint(
                    "check --vault-key / TRESOR_VAULT_KEY against `tresor status` on the vault",
                ),
            );
        }
    }
    let secrets: BTreeMap<&str, SecretDoc<'_>> = doc
        .secrets
        .iter()
        .map(|(name, s)| {
            (
                name.as_str(),
                SecretDoc {
                    expires_at: s.expires_at.as_deref(),
                    value: s.value.as_str(),
                },
            )
        })
        .collect();
    let signed = crate::zjson::to_vec(
        &Signed {
            created: &doc.created,
            env: &doc.env,
            expires_at: doc.expires_at.as_deref(),
            format: &doc.format,
            recipients: &doc.recipients,
            secrets,
            signer: &doc.signer,
            vault_id: &doc.vault_id,
        },
        0,
    )
    .map_err(|_| altered("its content does not serialise"))?;
    signer.verify(&signed, &signature).map_err(|_| {
        Error::integrity("the bundle's signature does not match its content: it was altered")
    })?;
    drop(signed);
    parse(doc, pin.is_some())
}

fn parse(doc: ReadDoc, origin_verified: bool) -> Result<Bundle> {
    if doc.format != FORMAT {
        return Err(altered("unknown format"));
    }
    let time = |v: &Option<String>| -> Result<Option<i64>> {
        match v {
            None => Ok(None),
            Some(s) => clock::parse_date(s)
                .map(Some)
                .map_err(|_| altered("bad date")),
        }
    };
    crate::names::check_env_name(&doc.env).map_err(|_| altered("bad environment name"))?;
    let created = time(&Some(doc.created.clone()))?.ok_or_else(|| altered("no creation time"))?;
    let expires_at = time(&doc.expires_at)?;
    let mut secrets = Vec::with_capacity(doc.secrets.len());
    for (name, s) in doc.secrets {
        crate::names::check_secret_name(&name).map_err(|_| altered("bad secret name"))?;
        secrets.push(BundleSecret {
            expires_at: time(&s.expires_at)?,
            name,
            value: s.value,
        });
    }
    Ok(Bundle {
        vault_id: doc.vault_id,
        env: doc.env,
        created,
        expires_at,
        secrets,
        signer: doc.signer,
        origin_verified,
        recipients: doc
            .recipients
            .iter()
            .map(|r| crate::unlock::normalize_recipient(r))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealed(
        signing: &ed25519_dalek::SigningKey,
        to: &age::x25519::Identity,
        value: &str,
    ) -> Vec<u8> {
        let recipient = to.to_public();
        let text = recipient.to_string();
        let secrets = [BundleSecret {
            name: "API_KEY".into(),
            value: Zeroizing::new(value.into()),
            expires_at: Some(1_900_000_000),
        }];
        let contents = Contents {
            vault_id: &[7; 16],
            env: "ci",
            created: 1_800_000_000,
            expires_at: None,
            secrets: &secrets,
            recipients: &[&text],
        };
        seal(
            signing,
            &contents,
            &[&recipient as &dyn age::Recipient],
            false,
        )
        .unwrap()
    }

    #[test]
    fn a_bundle_round_trips_and_names_its_signer_and_recipients() {
        let signing = ed25519_dalek::SigningKey::from_bytes(&[3; 32]);
        let id = age::x25519::Identity::generate();
        let data = sealed(&signing, &id, "value-1");
        let ids: Vec<Box<dyn age::Identity>> = vec![Box::new(id.clone())];
        let pin = encode_vault_key(&signing.verifying_key());
        let b = open(&data, &ids, Some(&pin)).unwrap();
        assert!(b.origin_verified);
        assert_eq!(b.env, "ci");
        assert_eq!(b.secrets[0].value.as_str(), "value-1");
        assert_eq!(b.secrets[0].expires_at, Some(1_900_000_000));
        assert_eq!(b.recipients, [id.to_public().to_string()]);
        assert_eq!(b.signer, pin);
    }

    #[test]
    fn another_signer_or_an_altered_body_is_refused() {
        let signing = ed25519_dalek::SigningKey::from_bytes(&[3; 32]);
        let id = age::x25519::Identity::generate();
        let data = sealed(&signing, &id, "value-1");
        let ids: Vec<Box<dyn age::Identity>> = vec![Box::new(id.clone())];
        let other =
            encode_vault_key(&ed25519_dalek::SigningKey::from_bytes(&[4; 32]).verifying_key());
        let e = open(&data, &ids, Some(&other)).err().unwrap();
        assert_eq!(e.kind, crate::error::Kind::Integrity);
        // The plaintext with one value changed, re-encrypted to the same identity: the
        // signature no longer matches.
        let mut plain = vec![];
        age::Decryptor::new_buffered(&data[..])
            .unwrap()
            .decrypt(std::iter::once(&id as &dyn age::Identity))
            .unwrap()
            .read_to_end(&mut plain)
            .unwrap();
        let text = String::from_utf8(plain)
            .unwrap()
            .replace("value-1", "value-2");
        let r = id.to_public();
        let mut again = vec![];
        let mut w = age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient))
            .unwrap()
            .wrap_output(&mut again)
            .unwrap();
        w.write_all(text.as_bytes()).unwrap();
        w.finish().unwrap();
        let e = open(&again, &ids, None).err().unwrap();
        assert_eq!(e.kind, crate::error::Kind::Integrity);
    }
}
