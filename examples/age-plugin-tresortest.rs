//! A test-only age plugin that stands in for a hardware key in tresor's tests (never shipped:
//! examples are not installed). Its "hardware" is an X25519 key pair carried in the plugin's
//! own identity and recipient strings; wrapping and unwrapping go through age's X25519 code
//! under the stanza tag `tresortest`. With `TRESORTEST_PIN` set it asks for a PIN through the
//! plugin protocol, as a YubiKey would, so tests can check that prompts reach the user.
//!
//! `age-plugin-tresortest --generate` prints a new identity (with its recipient in a comment).

use std::collections::{HashMap, HashSet};
use std::io;
use std::str::FromStr;

use age::secrecy::ExposeSecret;
use age_core::format::{FileKey, Stanza};
use age_plugin::identity::{self, IdentityPluginV1};
use age_plugin::recipient::{self, RecipientPluginV1};
use age_plugin::{Callbacks, PluginHandler, run_state_machine};
use bech32::{Bech32, Hrp};

const NAME: &str = "tresortest";
const TAG: &str = "tresortest";

fn x25519_recipient(public: &[u8]) -> Option<age::x25519::Recipient> {
    let s = bech32::encode::<Bech32>(Hrp::parse("age").ok()?, public).ok()?;
    age::x25519::Recipient::from_str(&s).ok()
}

fn x25519_identity(secret: &[u8]) -> Option<age::x25519::Identity> {
    let s = bech32::encode::<Bech32>(Hrp::parse("age-secret-key-").ok()?, secret).ok()?;
    age::x25519::Identity::from_str(&s.to_uppercase()).ok()
}

fn check_pin<E>(callbacks: &mut impl Callbacks<E>) -> Result<(), String> {
    let Ok(want) = std::env::var("TRESORTEST_PIN") else {
        return Ok(());
    };
    match callbacks.request_secret("Enter the PIN of your tresortest key") {
        Ok(Ok(pin)) if pin.expose_secret() == want => Ok(()),
        Ok(Ok(_)) => Err("wrong PIN".into()),
        _ => Err("the PIN could not be asked for (no terminal?)".into()),
    }
}

#[derive(Default)]
struct Recipients {
    keys: Vec<(usize, age::x25519::Recipient)>,
}

impl RecipientPluginV1 for Recipients {
    fn add_recipient(
        &mut self,
        index: usize,
        plugin_name: &str,
        bytes: &[u8],
    ) -> Result<(), recipient::Error> {
        match (plugin_name == NAME)
            .then(|| x25519_recipient(bytes))
            .flatten()
        {
            Some(r) => {
                self.keys.push((index, r));
                Ok(())
            }
            None => Err(recipient::Error::Recipient {
                index,
                message: "not a tresortest recipient".into(),
            }),
        }
    }

    fn add_identity(&mut self, index: usize, _: &str, _: &[u8]) -> Result<(), recipient::Error> {
        Err(recipient::Error::Identity {
            index,
            message: "wrapping to identities is not supported".into(),
        })
    }

    fn labels(&mut self) -> HashSet<String> {
        HashSet::new()
    }

    fn wrap_file_keys(
        &mut self,
        file_keys: Vec<FileKey>,
        _callbacks: impl Callbacks<recipient::Error>,
    ) -> io::Result<Result<Vec<Vec<Stanza>>, Vec<recipient::Error>>> {
        let mut out = Vec::new();
        for fk in &file_keys {
            let mut stanzas = Vec::new();
            for (index, r) in &self.keys {
                match age::Recipient::wrap_file_key(r, fk) {
                    Ok((s, _)) => stanzas.extend(s.into_iter().map(|mut st| {
                        st.tag = TAG.into();
                        st
                    })),
                    Err(e) => {
                        return Ok(Err(vec![recipient::Error::Recipient {
                            index: *index,
                            message: e.to_string(),
                        }]));
                    }
                }
            }
            out.push(stanzas);
        }
        Ok(Ok(out))
    }
}

#[derive(Default)]
struct Identities {
    keys: Vec<age::x25519::Identity>,
}

impl IdentityPluginV1 for Identities {
    fn add_identity(
        &mut self,
        index: usize,
        plugin_name: &str,
        bytes: &[u8],
    ) -> Result<(), identity::Error> {
        match (plugin_name == NAME)
            .then(|| x25519_identity(bytes))
            .flatten()
        {
            Some(i) => {
                self.keys.push(i);
                Ok(())
            }
            None => Err(identity::Error::Identity {
                index,
                message: "not a tresortest identity".into(),
            }),
        }
    }

    fn unwrap_file_keys(
        &mut self,
        files: Vec<Vec<Stanza>>,
        mut callbacks: impl Callbacks<identity::Error>,
    ) -> io::Result<HashMap<usize, Result<FileKey, Vec<identity::Error>>>> {
        let mut out = HashMap::new();
        for (i, stanzas) in files.iter().enumerate() {
            for st in stanzas.iter().filter(|s| s.tag == TAG) {
                let x = Stanza {
                    tag: "X25519".into(),
                    args: st.args.clone(),
                    body: st.body.clone(),
                };
                for key in &self.keys {
                    if let Some(Ok(fk)) = age::Identity::unwrap_stanza(key, &x) {
                        let res = match check_pin(&mut callbacks) {
                            Ok(()) => Ok(fk),
                            Err(message) => Err(vec![identity::Error::Internal { message }]),
                        };
                        out.insert(i, res);
                        break;
                    }
                }
            }
        }
        Ok(out)
    }
}

struct Handler;

impl PluginHandler for Handler {
    type RecipientV1 = Recipients;
    type IdentityV1 = Identities;

    fn recipient_v1(self) -> io::Result<Recipients> {
        Ok(Recipients::default())
    }

    fn identity_v1(self) -> io::Result<Identities> {
        Ok(Identities::default())
    }
}

fn main() -> io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if let Some(sm) = args.iter().find_map(|a| a.strip_prefix("--age-plugin=")) {
        return run_state_machine(sm, Handler);
    }
    if args.iter().any(|a| a == "--generate") {
        let id = age::x25519::Identity::generate();
        let secret = id.to_string();
        let (_, secret_bytes) = bech32::decode(secret.expose_secret()).expect("a valid age key");
        let public = id.to_public().to_string();
        let (_, public_bytes) = bech32::decode(&public).expect("a valid age recipient");
        age_plugin::print_new_identity(NAME, &secret_bytes, &public_bytes);
        return Ok(());
    }
    eprintln!("usage: age-plugin-tresortest --generate");
    std::process::exit(2);
}
