//! Hardware-backed keys through age plugins, and two-factor protected environments. A test
//! plugin built in this repository (`examples/age-plugin-tresortest.rs`, never shipped)
//! stands in for a YubiKey or TPM.

use std::path::PathBuf;

use crate::support::*;

/// The folder holding `age-plugin-tresortest`, built if `cargo test` has not built it yet.
fn plugin_dir() -> PathBuf {
    let dir = std::path::Path::new(BIN).parent().unwrap().join("examples");
    if !dir.join("age-plugin-tresortest").exists() {
        let st = std::process::Command::new(env!("CARGO"))
            .args(["build", "--example", "age-plugin-tresortest"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .unwrap();
        assert!(st.success());
    }
    dir
}

/// A test vault whose PATH finds the plugin, with a fresh plugin identity: (identity file,
/// recipient).
fn with_plugin(tv: &mut TestVault) -> (PathBuf, String) {
    let path = format!(
        "{}:{}",
        plugin_dir().display(),
        std::env::var("PATH").unwrap()
    );
    tv.set_env("PATH", &path);
    let out = std::process::Command::new(plugin_dir().join("age-plugin-tresortest"))
        .arg("--generate")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let recipient = text
        .lines()
        .find_map(|l| l.strip_prefix("# recipient: "))
        .unwrap()
        .to_string();
    let file = tv.dir.path().join("hardware-key.txt");
    std::fs::write(&file, &text).unwrap();
    (file, recipient)
}

fn pass_tv() -> (TestVault, PathBuf, PathBuf, String) {
    let mut tv = TestVault::uninit();
    let (hw, recipient) = with_plugin(&mut tv);
    let pf = tv.dir.path().join("passphrase.txt");
    std::fs::write(&pf, "the passphrase\n").unwrap();
    let out = tv
        .raw()
        .args([
            "init",
            "--kdf-memory",
            "19",
            "--kdf-iterations",
            "2",
            "--kdf-parallelism",
            "1",
            "--recipient",
            &recipient,
        ])
        .arg("--passphrase-file")
        .arg(&pf)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    (tv, hw, pf, recipient)
}

#[test]
fn plugin_recipients_and_identities_unlock_the_vault() {
    let (tv, hw, _pf, recipient) = pass_tv();
    let with_hw = |args: &[&str], stdin: &str| {
        tv.raw()
            .env("TRESOR_IDENTITY_FILE", &hw)
            .args(args)
            .write_stdin(stdin.as_bytes().to_vec())
            .output()
            .unwrap()
    };
    assert!(
        with_hw(&["set", "K"], "hardware-protected")
            .status
            .success()
    );
    let out = with_hw(&["get", "-n", "K"], "");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "hardware-protected",
        "{}",
        stderr(&out)
    );
    // Grants and bundles take plugin recipients too.
    let out = with_hw(
        &[
            "access",
            "grant",
            "-e",
            "dev",
            "--recipient",
            &recipient,
            "--name",
            "hw",
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let bundle = tv.dir.path().join("b.age");
    let out = tv
        .std_raw()
        .env("TRESOR_IDENTITY_FILE", &hw)
        .args(["bundle", "export", "--recipient", &recipient])
        .stdout(std::fs::File::create(&bundle).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = with_hw(
        &["get", "-n", "K", "--bundle", bundle.to_str().unwrap()],
        "",
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "hardware-protected",
        "{}",
        stderr(&out)
    );
    // The plugin asks for a PIN: without a terminal that fails with exit 3 and a hint.
    let out = tv
        .raw()
        .env("TRESOR_IDENTITY_FILE", &hw)
        .env("TRESORTEST_PIN", "1234")
        .args(["get", "K"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("PIN") && stderr(&out).contains("terminal"),
        "{}",
        stderr(&out)
    );
    // A missing plugin program is named.
    let bare = |args: &[&str]| {
        tv.raw()
            .env("PATH", "/usr/bin:/bin")
            .env("TRESOR_IDENTITY_FILE", &hw)
            .args(args)
            .output()
            .unwrap()
    };
    let out = bare(&["get", "K"]);
    assert_eq!(code(&out), 3);
    assert!(
        stderr(&out).contains("age-plugin-tresortest"),
        "{}",
        stderr(&out)
    );
    let out = bare(&[
        "init",
        "--no-passphrase",
        "--recipient",
        &recipient,
        "--vault",
        "/tmp/never-made.db",
    ]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("age-plugin-tresortest is not on PATH"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_protected_environment_needs_both_factors() {
    let (tv, hw, pf, recipient) = pass_tv();
    let run = |args: &[&str], identity: bool, passphrase: bool, stdin: &str| {
        let mut c = tv.raw();
        if identity {
            c.env("TRESOR_IDENTITY_FILE", &hw);
        }
        if passphrase {
            c.env("TRESOR_PASSPHRASE_FILE", &pf);
        }
        c.args(args)
            .write_stdin(stdin.as_bytes().to_vec())
            .output()
            .unwrap()
    };
    assert!(
        run(&["set", "-e", "prod", "DB"], false, true, "prod-secret")
            .status
            .success()
    );
    assert!(
        run(&["set", "-e", "dev", "DB"], false, true, "dev-secret")
            .status
            .success()
    );
    let raw_before = std::fs::read(&tv.vault).unwrap();
    let out = run(
        &["env", "protect", "prod", "--recipient", &recipient],
        true,
        true,
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_ne!(raw_before, std::fs::read(&tv.vault).unwrap());

    // Passphrase alone, identity alone, both.
    let out = run(&["get", "-n", "-e", "prod", "DB"], false, true, "");
    assert_eq!(code(&out), 3, "passphrase alone: {}", stderr(&out));
    assert!(
        stderr(&out).contains("needs the identity"),
        "{}",
        stderr(&out)
    );
    let out = run(&["get", "-n", "-e", "prod", "DB"], true, false, "");
    assert_eq!(code(&out), 3, "identity alone: {}", stderr(&out));
    assert!(
        stderr(&out).contains("needs the vault passphrase"),
        "{}",
        stderr(&out)
    );
    let out = run(&["get", "-n", "-e", "prod", "DB"], true, true, "");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "prod-secret",
        "both: {}",
        stderr(&out)
    );
    assert!(out.status.success());
    // Other environments need one factor, either.
    for (identity, passphrase) in [(true, false), (false, true)] {
        let out = run(&["get", "-n", "-e", "dev", "DB"], identity, passphrase, "");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "dev-secret",
            "{}",
            stderr(&out)
        );
    }
    // Shown as protected; multi-environment commands leave it out with one factor.
    let out = run(&["env", "list", "--json"], false, true, "");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("\"protected_by\":\"age1tresorte"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = run(&["list", "--all-envs", "--json"], false, true, "");
    assert!(out.status.success());
    assert!(stderr(&out).contains("left out prod"));
    // Deleting the protection slot from the file does not fall back to one factor.
    let copy = tv.dir.path().join("copy.db");
    std::fs::copy(&tv.vault, &copy).unwrap();
    let conn = rusqlite::Connection::open(&copy).unwrap();
    conn.execute_batch("DELETE FROM slots WHERE kind = 4")
        .unwrap();
    drop(conn);
    let out = tv
        .raw()
        .env("TRESOR_PASSPHRASE_FILE", &pf)
        .env("TRESOR_VAULT", &copy)
        .args(["get", "-e", "prod", "DB", "--allow-rollback"])
        .output()
        .unwrap();
    assert!(matches!(code(&out), 3 | 4), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    // Grants of a protected environment are refused.
    let out = run(
        &[
            "access",
            "grant",
            "-e",
            "prod",
            "--recipient",
            &age_identity().1,
            "--name",
            "x",
        ],
        true,
        true,
        "",
    );
    assert_eq!(code(&out), 1);
    // Rekey keeps both factors working; unprotect goes back to one.
    assert!(run(&["rekey"], true, true, "").status.success());
    assert_eq!(code(&run(&["get", "-e", "prod", "DB"], false, true, "")), 3);
    assert!(
        run(&["env", "unprotect", "prod"], true, true, "")
            .status
            .success()
    );
    let out = run(&["get", "-n", "-e", "prod", "DB"], false, true, "");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "prod-secret",
        "{}",
        stderr(&out)
    );
    assert!(run(&["audit", "verify"], false, true, "").status.success());
}

#[test]
fn the_agent_holds_protected_keys_only_when_asked() {
    let (tv, hw, pf, recipient) = pass_tv();
    let both = |args: &[&str], stdin: &str| {
        tv.raw()
            .env("TRESOR_IDENTITY_FILE", &hw)
            .env("TRESOR_PASSPHRASE_FILE", &pf)
            .args(args)
            .write_stdin(stdin.as_bytes().to_vec())
            .output()
            .unwrap()
    };
    assert!(both(&["set", "-e", "prod", "DB"], "p").status.success());
    assert!(
        both(&["env", "protect", "prod", "--recipient", &recipient], "")
            .status
            .success()
    );
    let lock = || tv.raw().arg("lock").output().unwrap();
    // A plain agent: prod still needs its second factor.
    assert!(
        tv.raw()
            .env("TRESOR_PASSPHRASE_FILE", &pf)
            .arg("unlock")
            .output()
            .unwrap()
            .status
            .success()
    );
    assert_eq!(
        code(&tv.raw().args(["get", "-e", "prod", "DB"]).output().unwrap()),
        3
    );
    assert!(
        tv.raw()
            .args(["get", "-e", "dev", "DB"])
            .output()
            .unwrap()
            .status
            .code()
            == Some(1),
        "dev opens (no DB there)"
    );
    lock();
    // --include-protected: asked for both factors once, then nothing.
    let out = both(&["unlock", "--include-protected"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let out = tv
        .raw()
        .args(["get", "-n", "-e", "prod", "DB"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "p",
        "{}",
        stderr(&out)
    );
    lock();
}

/// A vault with a passphrase (and the test identity as full-access recipient) whose `prod`
/// holds `value` and is protected with `recipient`, which is not a full-access recipient.
fn protected_by_a_second_factor_only(recipient: &str, value: &str) -> TestVault {
    let tv = TestVault::with_passphrase("combined sources passphrase");
    let pf = tv.passphrase_file.clone().unwrap();
    let pass = |args: &[&str], stdin: &str| {
        tv.raw()
            .env("TRESOR_PASSPHRASE_FILE", &pf)
            .args(args)
            .write_stdin(stdin.as_bytes().to_vec())
            .output()
            .unwrap()
    };
    assert!(pass(&["set", "-e", "prod", "DB"], value).status.success());
    assert!(
        pass(&["set", "-e", "dev", "DB"], "dev-value")
            .status
            .success()
    );
    let out = pass(&["env", "protect", "prod", "--recipient", recipient], "");
    assert!(out.status.success(), "{}", stderr(&out));
    tv
}

#[test]
fn an_identity_that_opens_no_slot_serves_as_the_second_factor() {
    let (r_secret, r_recipient) = age_identity();
    let value = canary();
    let tv = protected_by_a_second_factor_only(&r_recipient, &value);
    let pf = tv.passphrase_file.clone().unwrap();
    let r_file = tv.dir.path().join("second-factor.txt");
    std::fs::write(&r_file, format!("{r_secret}\n")).unwrap();

    // Every identity source, with every passphrase source.
    let by_file = tv
        .raw()
        .env("TRESOR_IDENTITY_FILE", &r_file)
        .env("TRESOR_PASSPHRASE_FILE", &pf)
        .args(["get", "-n", "-e", "prod", "DB"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&by_file.stdout),
        value,
        "TRESOR_IDENTITY_FILE + TRESOR_PASSPHRASE_FILE: {}",
        stderr(&by_file)
    );
    let by_flag = tv
        .raw()
        .arg("--identity")
        .arg(&r_file)
        .env("TRESOR_PASSPHRASE", "combined sources passphrase")
        .args(["get", "-n", "-e", "prod", "DB"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&by_flag.stdout),
        value,
        "--identity + TRESOR_PASSPHRASE: {}",
        stderr(&by_flag)
    );
    let script = format!(
        "exec 3<'{}'; exec '{}' get -n -e prod DB --passphrase-fd 3",
        pf.display(),
        BIN
    );
    let by_fd = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .env_clear()
        .env("HOME", &tv.home)
        .env("XDG_STATE_HOME", tv.home.join(".local/state"))
        .env("TRESOR_VAULT", &tv.vault)
        .env("TRESOR_IDENTITY", &r_secret)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&by_fd.stdout),
        value,
        "TRESOR_IDENTITY + --passphrase-fd: {}",
        stderr(&by_fd)
    );
    // Unprotected environments open the same way; the identity alone opens nothing and says
    // that the passphrase can go with it.
    let dev = tv
        .raw()
        .env("TRESOR_IDENTITY_FILE", &r_file)
        .env("TRESOR_PASSPHRASE_FILE", &pf)
        .args(["get", "-n", "-e", "dev", "DB"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&dev.stdout), "dev-value");
    let alone = tv
        .raw()
        .env("TRESOR_IDENTITY_FILE", &r_file)
        .args(["get", "-n", "-e", "prod", "DB"])
        .output()
        .unwrap();
    assert_eq!(code(&alone), 3, "{}", stderr(&alone));
    assert!(
        stderr(&alone).contains("holds no key") && stderr(&alone).contains("passphrase too"),
        "{}",
        stderr(&alone)
    );
    // A wrong passphrase beside it is still exit 3.
    let wrong = tv
        .raw()
        .env("TRESOR_IDENTITY_FILE", &r_file)
        .env("TRESOR_PASSPHRASE", "not the passphrase")
        .args(["get", "-n", "-e", "prod", "DB"])
        .output()
        .unwrap();
    assert_eq!(code(&wrong), 3, "{}", stderr(&wrong));
    assert!(stderr(&wrong).contains("wrong passphrase"));

    // rekey with the pair, the passphrase read once from a descriptor (it re-wraps the
    // passphrase slot with the passphrase that unlocked).
    let script = format!(
        "exec 3<'{}'; exec '{}' rekey --passphrase-fd 3",
        pf.display(),
        BIN
    );
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .env_clear()
        .env("HOME", &tv.home)
        .env("XDG_STATE_HOME", tv.home.join(".local/state"))
        .env("TRESOR_VAULT", &tv.vault)
        .env("TRESOR_IDENTITY", &r_secret)
        .output()
        .unwrap();
    assert!(out.status.success(), "rekey: {}", stderr(&out));

    // Unprotect with the same pair, then the passphrase alone opens prod.
    let out = tv
        .raw()
        .env("TRESOR_IDENTITY_FILE", &r_file)
        .env("TRESOR_PASSPHRASE_FILE", &pf)
        .args(["env", "unprotect", "prod"])
        .output()
        .unwrap();
    assert!(out.status.success(), "unprotect: {}", stderr(&out));
    let out = tv
        .raw()
        .env("TRESOR_PASSPHRASE_FILE", &pf)
        .args(["get", "-n", "-e", "prod", "DB"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        value,
        "{}",
        stderr(&out)
    );
    assert!(tv.run(&["audit", "verify"], "").status.success());
}

#[test]
fn an_ssh_key_that_opens_no_slot_serves_as_the_second_factor() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("id_ed25519");
    let st = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "second@factor", "-f"])
        .arg(&key)
        .status()
        .expect("ssh-keygen is installed (openssh-client)");
    assert!(st.success());
    let pubkey = std::fs::read_to_string(key.with_extension("pub")).unwrap();
    let value = canary();
    let tv = protected_by_a_second_factor_only(pubkey.trim(), &value);
    let pf = tv.passphrase_file.clone().unwrap();
    let both = |args: &[&str]| {
        tv.raw()
            .arg("--identity")
            .arg(&key)
            .arg("--passphrase-file")
            .arg(&pf)
            .args(args)
            .output()
            .unwrap()
    };
    let out = both(&["get", "-n", "-e", "prod", "DB"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        value,
        "{}",
        stderr(&out)
    );
    // Writes work the same way (the unlock is the passphrase's: full access).
    let out = tv
        .raw()
        .arg("--identity")
        .arg(&key)
        .arg("--passphrase-file")
        .arg(&pf)
        .args(["set", "-e", "prod", "OTHER"])
        .write_stdin("second")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = both(&["env", "unprotect", "prod"]);
    assert!(out.status.success(), "unprotect: {}", stderr(&out));
    let out = tv
        .raw()
        .env("TRESOR_PASSPHRASE_FILE", &pf)
        .args(["get", "-n", "-e", "prod", "OTHER"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "second");
}

/// Runs `args` on a new pseudo-terminal (through python3's `pty`), typing `answer` at the first
/// passphrase prompt; returns the exit code and everything the terminal showed.
fn on_a_terminal(mut cmd: std::process::Command, args: &[&str], answer: &str) -> (i32, String) {
    const DRIVER: &str = r#"
import os, pty, select, sys
answer = os.environ.pop("DRIVER_ANSWER").encode() + b"\n"
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out, sent = b"", False
while True:
    r, _, _ = select.select([fd], [], [], 20)
    if not r:
        break
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    out += data
    if not sent and b"passphrase" in out.lower():
        os.write(fd, answer)
        sent = True
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(status))
"#;
    let out = cmd
        .env("DRIVER_ANSWER", answer)
        .arg("-c")
        .arg(DRIVER)
        .arg(BIN)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn on_a_terminal_the_passphrase_is_asked_for_beside_a_second_factor_identity() {
    let (r_secret, r_recipient) = age_identity();
    let value = canary();
    let tv = protected_by_a_second_factor_only(&r_recipient, &value);
    // python3 in place of tresor, with the same hermetic environment as `std_raw`.
    let python = |tv: &TestVault| {
        let mut p = std::process::Command::new("python3");
        p.env_clear().current_dir(tv.dir.path());
        for (k, v) in tv.std_raw().get_envs() {
            if let Some(v) = v {
                p.env(k, v);
            }
        }
        p
    };
    let mut cmd = python(&tv);
    cmd.env("TRESOR_IDENTITY", &r_secret);
    let (code, shown) = on_a_terminal(
        cmd,
        &["get", "-n", "-e", "prod", "DB"],
        "combined sources passphrase",
    );
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains(&value), "{shown}");
}

#[test]
fn passwd_and_rekey_with_an_agent_holding_protected_keys() {
    let (tv, hw, pf, recipient) = pass_tv();
    let both = |args: &[&str], stdin: &str| {
        tv.raw()
            .env("TRESOR_IDENTITY_FILE", &hw)
            .env("TRESOR_PASSPHRASE_FILE", &pf)
            .args(args)
            .write_stdin(stdin.as_bytes().to_vec())
            .output()
            .unwrap()
    };
    let value = canary();
    assert!(both(&["set", "-e", "prod", "DB"], &value).status.success());
    assert!(
        both(&["env", "protect", "prod", "--recipient", &recipient], "")
            .status
            .success()
    );
    let out = both(&["unlock", "--include-protected"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    // rekey: the new agent gets the new root key and the protected keys again.
    let out = both(&["rekey"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let out = tv
        .raw()
        .args(["get", "-n", "-e", "prod", "DB"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        value,
        "{}",
        stderr(&out)
    );
    // passwd, given the current passphrase, works although the agent (which holds no
    // passphrase factor) would be the first key source.
    let new = tv.dir.path().join("new-passphrase.txt");
    std::fs::write(&new, "the new passphrase\n").unwrap();
    let out = tv
        .raw()
        .env("TRESOR_PASSPHRASE_FILE", &pf)
        .arg("passwd")
        .arg("--new-passphrase-file")
        .arg(&new)
        .output()
        .unwrap();
    let _ = tv.raw().arg("lock").output();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = tv
        .raw()
        .env("TRESOR_IDENTITY_FILE", &hw)
        .env("TRESOR_PASSPHRASE_FILE", &new)
        .args(["get", "-n", "-e", "prod", "DB"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        value,
        "{}",
        stderr(&out)
    );
}
