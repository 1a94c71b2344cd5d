//! Known-answer vectors of vault format 3, committed as data (`tests/data/vectors/format3.txt`):
//! the key derivations, the MAC framing of every row kind, the set digests, the environment
//! statement's key hash and signature, computed from fixed inputs. A change to any of them
//! changes the bytes every existing vault was written with, so it must be a format change
//! (new `store::FORMAT`, an upgrade, new vectors), never an accident.

#[cfg(test)]
mod tests {
    use super::super::digest;
    use super::super::keys::{EnvKeys, RootKeys};
    use super::super::statement;
    use super::super::store::{BucketRow, EnvRow, HeaderRow, SecretRow, SlotRow, VersionRow};
    use crate::crypto::Key;

    /// Every vector as `name hex`, one per line, in a fixed order.
    fn compute() -> String {
        let vault_id = [0x11u8; 16];
        let env_id = [0x22u8; 16];
        let secret_id = [0x33u8; 16];
        let root = RootKeys::new(Key::from_slice(&[0x44; 32]).unwrap(), vault_id);
        let env_key = Key::from_slice(&[0x55; 32]).unwrap();
        let ek = EnvKeys::new(&env_key, vault_id, env_id, 3);
        let mut out = Vec::<(String, Vec<u8>)>::new();
        let mut put = |name: &str, bytes: &[u8]| out.push((name.to_string(), bytes.to_vec()));

        let (audit_mac, audit_body) = root.audit_keys();
        put("root.audit_mac_key", audit_mac.expose());
        put("root.audit_body_key", audit_body.expose());
        put(
            "root.vault_key",
            root.signing_key().verifying_key().as_bytes(),
        );
        put("root.snapshot_key", root.snapshot_key(&ek).expose());
        put("env.derive", ek.derive("vector").expose());
        put("env.name_tag", &ek.name_tag("API_KEY"));

        let header = HeaderRow {
            format: 3,
            vault_id,
            generation: 7,
            created: 1_700_000_000,
            summary: [0x66; 32],
            audit_seq: 5,
            audit_head: [0x77; 32],
            mac: [0; 32],
        };
        put("mac.header", &root.header_mac(&header));
        let slot = SlotRow {
            id: [0x88; 16],
            kind: super::super::store::SlotKind::Recipient,
            env_id: None,
            label: "label".into(),
            recipient: "age1example".into(),
            kdf: None,
            wrapped: vec![1, 2, 3],
            created: 1_700_000_001,
            expires_at: Some(1_800_000_000),
            mac: [0; 32],
        };
        put("mac.slot", &root.slot_mac(&slot));
        let env = EnvRow {
            id: env_id,
            name: "prod".into(),
            epoch: 3,
            wrapped_key: vec![4, 5, 6],
            created: 1_700_000_002,
            count: 2,
            summary: [0x99; 32],
            mac: [0; 32],
        };
        put("mac.env", &root.env_mac(&env));
        let secret = SecretRow {
            id: secret_id,
            env_id,
            name_tag: ek.name_tag("API_KEY"),
            name_ct: vec![7, 8, 9],
            created: 1_700_000_003,
            latest: 2,
            count: 2,
            summary: [0xaa; 32],
            latest_mac: [0xbb; 32],
            due_at: Some(1_750_000_000),
            mac: [0; 32],
        };
        put("mac.secret", &ek.secret_mac(&secret));
        let version = VersionRow {
            secret_id,
            version: 2,
            created: 1_700_000_004,
            origin: 1,
            state: super::super::store::VersionState::Active,
            expires_at: None,
            rotate_at: Some(1_760_000_000),
            grace_until: None,
            value: vec![10, 11],
            meta: vec![12],
            mac: [0; 32],
        };
        put("mac.version", &ek.version_mac(&version));

        put(
            "digest.versions",
            &digest::versions(&vault_id, &secret_id, &[(1, [1; 32]), (2, [2; 32])]),
        );
        let bucket = digest::bucket(&vault_id, &env_id, 3, 0x33, &[(secret_id, [3; 32])]);
        put("digest.bucket", &bucket);
        put(
            "digest.environment",
            &digest::environment(
                &vault_id,
                &env_id,
                3,
                &[BucketRow {
                    bucket: 0x33,
                    count: 1,
                    digest: bucket,
                }],
            ),
        );
        put(
            "digest.header",
            &digest::header(&vault_id, &[([1; 16], [2; 32])], &[([3; 16], [4; 32])]),
        );
        put(
            "statement.key_hash",
            &statement::key_hash(&vault_id, &env_id, 3, &env_key),
        );
        let st = statement::sign(
            &root.signing_key(),
            &vault_id,
            &env,
            7,
            statement::encode_grants(&[], &env_id),
            [0xcc; 32],
        );
        put("statement.signature", &st.signature);

        out.iter()
            .map(|(n, b)| format!("{n} {}\n", hex::encode(b)))
            .collect()
    }

    #[test]
    fn format_3_vectors_match_the_committed_data() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/vectors/format3.txt");
        let got = compute();
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            got == want,
            "vault format 3 vectors differ from {} (a format change needs a new format number and an upgrade). Computed:\n{got}",
            path.display()
        );
    }
}
