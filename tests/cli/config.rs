//! SPEC §1: where the vault, config and environment come from, and in which order.

use crate::support::*;

#[test]
fn flag_beats_variable_beats_config_beats_default() {
    let mut tv = TestVault::uninit();
    let cfg_dir = tv.home.join(".config/tresor");
    std::fs::create_dir_all(&cfg_dir).unwrap();
    let from_config = tv.dir.path().join("from-config.db");
    std::fs::write(
        cfg_dir.join("config.toml"),
        format!(
            "vault = {:?}\ndefault_env = \"test\"\n",
            from_config.to_str().unwrap()
        ),
    )
    .unwrap();
    tv.ok(
        &[
            "init",
            "--no-passphrase",
            "--recipient",
            &tv.recipient.clone(),
        ],
        "",
    );
    assert!(
        from_config.exists(),
        "config `vault` is used over the default"
    );
    assert!(!tv.vault.exists());
    // default_env from config
    tv.set("WHERE", "in test");
    assert_eq!(tv.ok(&["get", "-n", "-e", "test", "WHERE"], ""), "in test");
    // TRESOR_ENV beats config, -e beats TRESOR_ENV.
    tv.set_env("TRESOR_ENV", "prod");
    assert_eq!(code(&tv.run(&["get", "WHERE"], "")), 1);
    assert_eq!(tv.ok(&["get", "-n", "WHERE", "-e", "test"], ""), "in test");
    // TRESOR_VAULT beats config, --vault beats TRESOR_VAULT.
    let from_var = tv.dir.path().join("from-var.db");
    tv.set_env("TRESOR_VAULT", from_var.to_str().unwrap());
    tv.ok(
        &[
            "init",
            "--no-passphrase",
            "--recipient",
            &tv.recipient.clone(),
        ],
        "",
    );
    assert!(from_var.exists());
    let from_flag = tv.dir.path().join("sub/from-flag.db");
    tv.ok(
        &[
            "init",
            "--no-passphrase",
            "--recipient",
            &tv.recipient.clone(),
            "--vault",
            from_flag.to_str().unwrap(),
        ],
        "",
    );
    assert!(from_flag.exists());
    assert_eq!(mode(from_flag.parent().unwrap()), 0o700);
}

#[test]
fn default_vault_lives_under_xdg_data_home() {
    let tv = TestVault::new();
    assert!(tv.vault.ends_with(".local/share/tresor/vault.db"));
    assert!(tv.vault.exists());
}

#[test]
fn unknown_config_keys_are_named() {
    let tv = TestVault::new();
    let cfg = tv.dir.path().join("bad.toml");
    std::fs::write(&cfg, "default_env = \"dev\"\nrotate_evry = \"30d\"\n").unwrap();
    let out = tv.run(&["list", "--config", cfg.to_str().unwrap()], "");
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("rotate_evry"), "{}", stderr(&out));
    let out = tv
        .cmd()
        .args(["list"])
        .env("TRESOR_CONFIG", &cfg)
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    let missing = tv.run(&["list", "--config", "/nonexistent/tresor.toml"], "");
    assert_eq!(code(&missing), 1, "an explicitly named config must exist");
}

#[test]
fn tresor_now_must_be_rfc3339() {
    let tv = TestVault::new();
    let out = tv
        .cmd()
        .arg("list")
        .env("TRESOR_NOW", "yesterday")
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("TRESOR_NOW"));
}
