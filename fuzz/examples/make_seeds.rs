//! Writes the seed inputs of every fuzz target into `fuzz/seeds/<target>/`, made with tresor's
//! own writers so they are well formed: env files, JSON imports, real bundles, KDF fields, slots
//! wrapped to the test identity, and a small vault database.
//!
//! `cargo run --manifest-path fuzz/Cargo.toml --example make_seeds` (from the repository root).
//! Bundles and age files use fresh randomness, so each run writes different bytes for them.

use std::path::{Path, PathBuf};

use tresor::crypto::{KdfParams, Key};
use tresor::vault::keys;
use tresor::vault::store::{AuditRow, EnvRow, HeaderRow, SlotRow, Store};
use tresor_fuzz::{GRANT_TAG, PROTECT_TAG, ROOT_TAG, recipient, signing_key};

fn out_dir(target: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(target);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn put(target: &str, name: &str, data: &[u8]) {
    std::fs::write(out_dir(target).join(name), data).unwrap();
}

fn main() {
    let rcp = recipient();
    let vault_id = [0x11u8; 16];
    let slot_id = [0x22u8; 16];
    let env_id = [0x33u8; 16];
    let key = Key::from_slice(&[0x44; 32]).unwrap();

    // dotenv
    put(
        "dotenv_parse",
        "features.env",
        b"\xef\xbb\xbf# comment\nexport API_KEY=sk_live_abc # trailing\n\tPORT = 8080\r\n\
EMPTY=\nHASH=a#b\nSINGLE='it''s raw \\n'\nDOUBLE=\"tab\\tcr\\rnl\\nq\\\"bs\\\\d\\$\"\n\
MULTI=\"line one\nline two\"\nSQ_MULTI='a\r\nb'\r\nSPACED=  a b  \n",
    );
    let values = [
        ("A", "plain"),
        ("B", ""),
        ("C", "it's"),
        ("D", "back\\slash"),
        ("E", "two\nlines\r\n\t"),
        ("F", "ends with \\"),
        ("G", "${HOME} $x é \u{1}"),
    ];
    put(
        "dotenv_parse",
        "written.env",
        tresor::dotenv::format_dotenv(&values).as_bytes(),
    );
    put(
        "dotenv_parse",
        "shell.env",
        tresor::dotenv::format_shell(&values).as_bytes(),
    );
    put("dotenv_parse", "duplicate.env", b"A=1\nA=2\n");
    put("dotenv_parse", "bad_escape.env", b"A=\"\\q\"\n");

    // JSON import
    put(
        "import_json",
        "ok.json",
        br#"{"API_KEY": "sk_live_abc", "_X1": "caf\u00e9 \n \"q\"", "PORT": "8080"}"#,
    );
    put(
        "import_json",
        "bad.json",
        br#"{"1BAD": "x", "EMPTY": "", "NUL": "a\u0000b", "N": 1}"#,
    );
    put(
        "import_json",
        "nested.json",
        br#"[{"A": {"b": [1, 2.5e3, true, null]}}]"#,
    );

    // bundles
    let secrets = [
        tresor::bundle::BundleSecret {
            name: "API_KEY".into(),
            value: "sk_live_abc".to_string().into(),
            expires_at: Some(1_900_000_000),
        },
        tresor::bundle::BundleSecret {
            name: "DB_URL".into(),
            value: "postgres://u:p@h/db".to_string().into(),
            expires_at: None,
        },
    ];
    let contents = tresor::bundle::Contents {
        vault_id: &vault_id,
        env: "prod",
        created: 1_800_000_000,
        expires_at: Some(1_850_000_000),
        secrets: &secrets,
        recipient: &rcp.to_string(),
    };
    let signing = signing_key();
    for armor in [false, true] {
        let b = tresor::bundle::seal(&signing, &contents, &rcp, armor).unwrap();
        let name = if armor {
            "bundle.age.asc"
        } else {
            "bundle.age"
        };
        put("bundle_open_raw", name, &b);
        if !armor {
            // The plaintext, for the target that encrypts its input itself.
            let plain = age::decrypt(&tresor_fuzz::identity(), &b).unwrap();
            for flags in [0u8, 1, 3, 5] {
                let mut v = vec![flags];
                v.extend_from_slice(&plain);
                put(
                    "bundle_open_plain",
                    &format!("bundle_flags{flags}.json"),
                    &v,
                );
            }
        }
    }
    put(
        "bundle_open_raw",
        "vault_key.txt",
        tresor::bundle::encode_vault_key(&signing.verifying_key()).as_bytes(),
    );
    put(
        "bundle_open_plain",
        "minimal_flags1.json",
        br#"{"format":"tresor-bundle-v1","vault_id":"00","env":"dev","created":"2026-01-01","expires_at":null,"secrets":{"A":{"value":"x"}}}"#
            .iter()
            .fold(vec![1u8], |mut v, b| {
                v.push(*b);
                v
            })
            .as_slice(),
    );

    // KDF fields
    put(
        "kdf_decode",
        "default",
        &keys::encode_kdf(&[5; 16], KdfParams::DEFAULT),
    );
    put(
        "kdf_decode",
        "max",
        &keys::encode_kdf(
            &[0xff; 16],
            KdfParams {
                memory_mib: KdfParams::MAX_MEMORY_MIB,
                iterations: KdfParams::MAX_ITERATIONS,
                parallelism: KdfParams::MAX_PARALLELISM,
            },
        ),
    );

    // slots: flags, vault id, slot id, env id, then the wrapped blob or payload rest
    let head = |flags: u8| {
        let mut v = vec![flags];
        v.extend_from_slice(&vault_id);
        v.extend_from_slice(&slot_id);
        v.extend_from_slice(&env_id);
        v
    };
    let with = |mut h: Vec<u8>, rest: &[u8]| {
        h.extend_from_slice(rest);
        h
    };
    let root = keys::wrap_to_recipient(&vault_id, &slot_id, &rcp, &key).unwrap();
    put(
        "slot_unwrap_raw",
        "recipient",
        &with(head(keys::SLOT_RECIPIENT as u8 * 16), &root),
    );
    let grant = keys::wrap_grant(
        &vault_id,
        &slot_id,
        &rcp,
        &env_id,
        3,
        Some(1_900_000_000),
        &key,
    )
    .unwrap();
    put(
        "slot_unwrap_raw",
        "grant",
        &with(head(keys::SLOT_GRANT as u8 * 16), &grant),
    );
    let protect = keys::wrap_protect_secret(&vault_id, &slot_id, &env_id, &rcp, &key).unwrap();
    put(
        "slot_unwrap_raw",
        "protect",
        &with(head((keys::SLOT_PROTECT as u8 * 16) | 1), &protect),
    );

    put(
        "slot_unwrap_payload",
        "root",
        &with(head(1 << 1), &[0x44; 32]),
    );
    let mut g = env_id.to_vec();
    g.extend_from_slice(&3i64.to_be_bytes());
    g.extend_from_slice(&i64::MIN.to_be_bytes());
    g.extend_from_slice(&[0x44; 32]);
    put("slot_unwrap_payload", "grant", &with(head(2 << 1), &g));
    put(
        "slot_unwrap_payload",
        "protect",
        &with(head((3 << 1) | 8 | 1), &[0x44; 32]),
    );
    let mut raw = ROOT_TAG.to_vec();
    raw.extend_from_slice(&[0; 64]);
    put("slot_unwrap_payload", "raw_root", &with(head(0), &raw));
    let _ = (GRANT_TAG, PROTECT_TAG);

    // a vault database with a row in each table the target reads
    let path = std::env::temp_dir().join(format!("tresor-seed-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    {
        let mut store = Store::create(&path).unwrap();
        store
            .put_header(&HeaderRow {
                format: 1,
                vault_id,
                generation: 7,
                created: 1_800_000_000,
                summary: [1; 32],
                audit_seq: 2,
                audit_head: [2; 32],
                mac: [3; 32],
            })
            .unwrap();
        let slot =
            |id: u8, kind: i64, env: Option<[u8; 16]>, kdf: Option<Vec<u8>>, wrapped: Vec<u8>| {
                SlotRow {
                    id: [id; 16],
                    kind,
                    env_id: env,
                    label: format!("slot {id}"),
                    recipient: rcp.to_string(),
                    kdf,
                    wrapped,
                    created: 1_800_000_000 + i64::from(id),
                    expires_at: (kind == keys::SLOT_GRANT).then_some(1_900_000_000),
                    mac: [id; 32],
                }
            };
        store
            .put_slot(&slot(
                1,
                keys::SLOT_PASSPHRASE,
                None,
                Some(keys::encode_kdf(&[5; 16], KdfParams::DEFAULT)),
                vec![9; 80],
            ))
            .unwrap();
        store
            .put_slot(&slot(2, keys::SLOT_RECIPIENT, None, None, root.clone()))
            .unwrap();
        store
            .put_slot(&slot(
                3,
                keys::SLOT_GRANT,
                Some(env_id),
                None,
                grant.clone(),
            ))
            .unwrap();
        store
            .put_env(&EnvRow {
                id: env_id,
                name: "prod".into(),
                epoch: 3,
                wrapped_key: vec![8; 60],
                created: 1_800_000_000,
                count: 0,
                summary: [4; 32],
                mac: [5; 32],
            })
            .unwrap();
        store
            .append_audit(&AuditRow {
                id: 0,
                chain: 0,
                env_id: Some(env_id),
                seq: 1,
                time: 1_800_000_000,
                body: vec![6; 40],
                mac: vec![7; 32],
            })
            .unwrap();
        store.commit().unwrap();
    }
    {
        // Smallest pages and no WAL, so the seed is a few KiB rather than tens.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA page_size = 512; VACUUM;")
            .unwrap();
    }
    let db = std::fs::read(&path).unwrap();
    let _ = std::fs::remove_file(&path);
    put("store_open", "vault.db", &db);
    println!("store seed: {} bytes", db.len());
}
