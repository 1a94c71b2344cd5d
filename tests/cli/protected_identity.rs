//! Identity files protected by a passphrase (an age file made with `age -p`, an OpenSSH key
//! made with `ssh-keygen -N`): the passphrase is asked on the terminal (a pty from python3
//! here), once; without a terminal the unlock fails with exit 3 and says why.

use std::io::Write;
use std::path::{Path, PathBuf};

use age::secrecy::SecretString;

use crate::support::*;

/// Starts argv[3:] on a new pty, answers every "Passphrase" prompt with argv[1], and prints
/// the output (repr) and the exit code. argv[2] is unused (kept for symmetry).
const DRIVER: &str = r#"
import os, sys, time, fcntl, termios, subprocess, select
master, slave = os.openpty()
def ctty():
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
p = subprocess.Popen(sys.argv[3:], stdin=slave, stdout=slave, stderr=slave, preexec_fn=ctty)
os.close(slave)
out, answered = b'', 0
deadline = time.time() + 60
while time.time() < deadline:
    r, _, _ = select.select([master], [], [], 0.1)
    if r:
        try:
            d = os.read(master, 65536)
        except OSError:
            break
        if not d:
            break
        out += d
        if out.count(b'Passphrase for') > answered:
            answered += 1
            # Answer only once echo is off (the prompt is printed before it is turned off).
            wait = time.time() + 10
            while termios.tcgetattr(master)[3] & termios.ECHO and time.time() < wait:
                time.sleep(0.02)
            os.write(master, sys.argv[1].encode() + b'\n')
    elif p.poll() is not None:
        break
print(repr(out))
print('prompts', answered)
print('code', p.wait())
"#;

fn on_a_terminal(tv: &TestVault, passphrase: &str, args: &[&str]) -> String {
    let env = tv.std_raw();
    let mut c = std::process::Command::new("python3");
    c.env_clear()
        .args(["-c", DRIVER, passphrase, "-", BIN])
        .args(args);
    for (k, v) in env.get_envs() {
        if let Some(v) = v {
            c.env(k, v);
        }
    }
    let out = c.output().unwrap();
    assert!(out.status.success(), "driver: {}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

/// A vault whose only key slot is `recipient`, holding one secret.
fn vault_for(recipient: &str) -> (TestVault, String) {
    let tv = TestVault::new();
    tv.ok(&["access", "add", "--recipient", recipient], "");
    let v = canary();
    tv.set("K", &v);
    (tv, v)
}

fn age_encrypted_identity(dir: &Path, passphrase: &str) -> (PathBuf, String) {
    let (secret, recipient) = age_identity();
    let mut r = age::scrypt::Recipient::new(SecretString::from(passphrase.to_string()));
    r.set_work_factor(10);
    let enc = age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient)).unwrap();
    let mut out = Vec::new();
    let armored =
        age::armor::ArmoredWriter::wrap_output(&mut out, age::armor::Format::AsciiArmor).unwrap();
    let mut w = enc.wrap_output(armored).unwrap();
    w.write_all(format!("# created: test\n{secret}\n").as_bytes())
        .unwrap();
    w.finish().unwrap().finish().unwrap();
    let path = dir.join("identity.age");
    std::fs::write(&path, out).unwrap();
    (path, recipient)
}

fn have_python() -> bool {
    let ok = std::process::Command::new("python3")
        .arg("-V")
        .output()
        .is_ok();
    if !ok {
        eprintln!("skipped: python3 is not installed (.ci/run installs it)");
    }
    ok
}

#[test]
fn an_age_passphrase_encrypted_identity_file_asks_on_the_terminal() {
    if !have_python() {
        return;
    }
    let pass = canary();
    let dir = tempfile::tempdir().unwrap();
    let (file, recipient) = age_encrypted_identity(dir.path(), &pass);
    let (tv, v) = vault_for(&recipient);
    let f = file.to_str().unwrap();
    let out = on_a_terminal(&tv, &pass, &["get", "-n", "K", "--identity", f]);
    assert!(out.contains(&v), "{out}");
    assert!(out.contains("prompts 1") && out.contains("code 0"), "{out}");
    assert!(!out.contains(&pass), "the passphrase is not echoed: {out}");
    let out = on_a_terminal(&tv, "wrong", &["get", "-n", "K", "--identity", f]);
    assert!(out.contains("code 3") && !out.contains(&v), "{out}");
    // No terminal: exit 3, saying why.
    let out = tv
        .raw()
        .args(["get", "K", "--identity", f])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3);
    assert!(
        stderr(&out).contains("protected by a passphrase"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_passphrase_protected_ssh_key_asks_on_the_terminal() {
    if !have_python() {
        return;
    }
    let pass = canary();
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("id_ed25519");
    let st = std::process::Command::new("ssh-keygen")
        .args([
            "-q",
            "-t",
            "ed25519",
            "-N",
            &pass,
            "-C",
            "protected@tresor",
            "-f",
        ])
        .arg(&key)
        .status()
        .expect("ssh-keygen is installed (.ci/run installs it)");
    assert!(st.success());
    let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
    let (tv, v) = vault_for(public.trim());
    let k = key.to_str().unwrap();
    let out = on_a_terminal(&tv, &pass, &["get", "-n", "K", "--identity", k]);
    assert!(out.contains(&v), "{out}");
    assert!(out.contains("prompts 1") && out.contains("code 0"), "{out}");
    let out = on_a_terminal(&tv, "wrong", &["get", "-n", "K", "--identity", k]);
    assert!(
        out.contains("wrong passphrase") && out.contains("code 3"),
        "{out}"
    );
    let out = tv
        .raw()
        .args(["get", "K", "--identity", k])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3);
    assert!(
        stderr(&out).contains("protected by a passphrase"),
        "{}",
        stderr(&out)
    );
}
