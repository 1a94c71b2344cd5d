//! Protected environments: the environment's key is sealed under a key derived from two
//! independent factors, the passphrase factor (a random key only a passphrase unlock yields)
//! and a random secret wrapped to an age recipient (typically a hardware key through an age
//! plugin). Neither factor alone, nor the root key, opens it.

use super::Vault;
use super::keys::{self, SLOT_PASSPHRASE, SLOT_PROTECT};
use super::store::{Id, SlotRow};
use crate::crypto::{self, Key};
use crate::error::{Error, Result};
use crate::recipient::ParsedRecipient;

impl Vault {
    fn protect_slot(&self, env_id: &Id) -> Option<SlotRow> {
        self.slots
            .iter()
            .find(|s| s.kind == SLOT_PROTECT && s.env_id.as_ref() == Some(env_id))
            .cloned()
    }

    pub fn is_protected(&self, env: &str) -> bool {
        self.envs
            .iter()
            .find(|e| e.name == env)
            .is_some_and(|e| self.protect_slot(&e.id).is_some())
    }

    pub fn has_protected(&self) -> bool {
        self.slots.iter().any(|s| s.kind == SLOT_PROTECT)
    }

    /// The recipient label a protected environment needs, if it is protected.
    pub fn protected_by(&self, env: &str) -> Option<String> {
        let e = self.envs.iter().find(|e| e.name == env)?;
        self.protect_slot(&e.id).map(|s| s.label)
    }

    /// The passphrase factor: from the unlock, from a passphrase given besides it, or asked
    /// on the terminal.
    fn passphrase_factor(&mut self, env: &str, label: &str) -> Result<Key> {
        if let Some(p) = &self.factors.pfactor {
            return Ok(p.clone());
        }
        let missing = || {
            Error::unlock(format!(
                "environment {env} is protected: it needs the vault passphrase as well as the identity of {label}"
            ))
            .with_hint("give the passphrase too (--passphrase-file, TRESOR_PASSPHRASE_FILE or TRESOR_PASSPHRASE), or run on a terminal")
        };
        let pass = self
            .outside
            .passphrase(&format!("Vault passphrase (second factor for {env}): "))?
            .ok_or_else(missing)?;
        let slot = self
            .slots
            .iter()
            .find(|s| s.kind == SLOT_PASSPHRASE)
            .cloned()
            .ok_or_else(missing)?;
        match keys::unwrap_with_passphrase(&self.header.vault_id, &slot, pass.as_bytes())? {
            Some((_, f)) => {
                self.factors.pfactor = Some(f.clone());
                Ok(f)
            }
            None => Err(Error::unlock("wrong passphrase")),
        }
    }

    /// The key sealing environment `i`'s key, from both factors.
    fn protected_wrap_key(&mut self, i: usize) -> Result<Key> {
        let (env_id, name) = (self.envs[i].id, self.envs[i].name.clone());
        let slot = self
            .protect_slot(&env_id)
            .ok_or_else(|| Error::general(format!("{name} is not protected")))?;
        // The identity first: it is checked without asking anything, while the passphrase
        // factor may prompt on a terminal and costs an Argon2id run.
        let secret = match self.factors.secrets.get(&env_id) {
            Some(s) => s.clone(),
            None => {
                let identities = self.outside.identities()?;
                if identities.is_empty() {
                    return Err(Error::unlock(format!(
                        "environment {name} is protected: it needs the identity of {} as well as the vault passphrase",
                        slot.label
                    ))
                    .with_hint("give the identity too: --identity FILE or TRESOR_IDENTITY_FILE"));
                }
                let s = keys::unwrap_protect_secret(&self.header.vault_id, &slot, &identities)?
                    .ok_or_else(|| {
                        Error::unlock(format!(
                            "environment {name} is protected with {}, and the identity given is not that one",
                            slot.label
                        ))
                    })?;
                self.factors.secrets.insert(env_id, s.clone());
                s
            }
        };
        let pfactor = self.passphrase_factor(&name, &slot.label)?;
        Ok(keys::protected_wrap_key(
            &pfactor,
            &secret,
            &self.header.vault_id,
            &env_id,
        ))
    }

    /// Environment `i`'s key, however it is sealed.
    pub(super) fn unwrap_env_key_for(&mut self, i: usize) -> Result<Key> {
        let env = self.envs[i].clone();
        if let Some((epoch, k)) = self.factors.env_keys.get(&env.id) {
            if *epoch == env.epoch {
                return Ok(k.clone());
            }
        }
        if self.protect_slot(&env.id).is_some() {
            let w = self.protected_wrap_key(i)?;
            return self.root()?.unwrap_env_key_with(&w, &env);
        }
        self.root()?.unwrap_env_key(&env)
    }

    /// Seals a (new) key of environment `i` the way the environment requires.
    pub(super) fn wrap_env_key_for(&mut self, i: usize, epoch: i64, key: &Key) -> Result<Vec<u8>> {
        let env_id = self.envs[i].id;
        if self.protect_slot(&env_id).is_some() {
            let w = self.protected_wrap_key(i)?;
            return self.root()?.wrap_env_key_with(&w, &env_id, epoch, key);
        }
        self.root()?.wrap_env_key(&env_id, epoch, key)
    }

    /// The keys of the environments named, for a session agent started with `unlock -e`
    /// (which holds them and not the root key).
    pub fn env_keys_of(&mut self, names: &[String]) -> Result<Vec<(Id, i64, Key)>> {
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            let i = self.env_index(name)?;
            let (id, epoch) = (self.envs[i].id, self.envs[i].epoch);
            out.push((id, epoch, self.unwrap_env_key_for(i)?));
        }
        Ok(out)
    }

    /// The keys of every protected environment (both factors needed), for an agent started
    /// with `unlock --include-protected`.
    pub fn protected_env_keys(&mut self) -> Result<Vec<(Id, i64, Key)>> {
        let mut out = Vec::new();
        for i in 0..self.envs.len() {
            let (id, epoch) = (self.envs[i].id, self.envs[i].epoch);
            if self.protect_slot(&id).is_some() {
                out.push((id, epoch, self.unwrap_env_key_for(i)?));
            }
        }
        Ok(out)
    }

    /// Protects `env` with the passphrase and `recipient`'s identity, and re-keys it so that
    /// copies of the vault from before cannot open what is stored from now on.
    pub fn protect(&mut self, env: &str, recipient: &ParsedRecipient) -> Result<()> {
        let i = self.env_index(env)?;
        let env_id = self.envs[i].id;
        if self.protect_slot(&env_id).is_some() {
            return Err(Error::general(format!("{env} is protected already"))
                .with_hint("`tresor env unprotect` it first to change its recipient"));
        }
        if self
            .slots
            .iter()
            .any(|s| s.kind == keys::SLOT_GRANT && s.env_id == Some(env_id))
        {
            return Err(Error::general(format!(
                "{env} has read-only grants, which open it with one factor"
            ))
            .with_hint("revoke them first (`tresor access list`, `tresor access revoke LABEL`)"));
        }
        if !self.has_passphrase() {
            return Err(Error::general(
                "a protected environment needs the vault passphrase as one of its factors",
            )
            .with_hint("add a passphrase first with `tresor passwd`"));
        }
        self.passphrase_factor(env, &recipient.label)?;
        // The old key, to read the environment before re-keying it.
        self.env_keys(i)?;
        let secret = Key::random()?;
        let slot_id: Id = crypto::random_bytes()?;
        let wrapped = keys::wrap_protect_secret(
            &self.header.vault_id,
            &slot_id,
            &env_id,
            recipient.recipient.as_ref(),
            &secret,
        )?;
        self.put_slot(SlotRow::protection(
            slot_id,
            env_id,
            (&recipient.label, &recipient.text),
            wrapped,
            self.now,
        ))?;
        self.factors.secrets.insert(env_id, secret);
        self.rekey_env(i)?;
        Ok(())
    }

    /// Back to one factor: the environment's key sealed under the root key again.
    pub fn unprotect(&mut self, env: &str) -> Result<()> {
        let i = self.env_index(env)?;
        let env_id = self.envs[i].id;
        let slot = self
            .protect_slot(&env_id)
            .ok_or_else(|| Error::general(format!("{env} is not protected")))?;
        let key = self.unwrap_env_key_for(i)?;
        self.delete_slot(&slot)?;
        let epoch = self.envs[i].epoch;
        self.envs[i].wrapped_key = self.root()?.wrap_env_key(&env_id, epoch, &key)?;
        self.save_env(i)
    }
}
