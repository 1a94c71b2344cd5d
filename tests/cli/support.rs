//! The hermetic test environment: a temp home, a temp vault, a cleared process environment and
//! canary values that must never show up where they do not belong.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use secrecy::ExposeSecret;

pub const BIN: &str = env!("CARGO_BIN_EXE_tresor");

/// A fresh, random, obviously fake value: `canary_<32 hex>`.
pub fn canary() -> String {
    let mut b = [0u8; 16];
    getrandom::getrandom(&mut b).unwrap();
    format!("canary_{}", hex::encode(b))
}

/// A new age X25519 identity: (secret key text, recipient).
pub fn age_identity() -> (String, String) {
    let id = age::x25519::Identity::generate();
    (
        id.to_string().expose_secret().to_string(),
        id.to_public().to_string(),
    )
}

pub struct TestVault {
    pub dir: tempfile::TempDir,
    pub home: PathBuf,
    pub vault: PathBuf,
    pub identity_file: PathBuf,
    pub recipient: String,
    pub passphrase_file: Option<PathBuf>,
    extra_env: Vec<(String, String)>,
}

impl TestVault {
    /// A vault unlocked by an age identity (fast: no KDF), not yet initialised.
    pub fn uninit() -> TestVault {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        let (secret, recipient) = age_identity();
        let identity_file = dir.path().join("identity.txt");
        std::fs::write(&identity_file, format!("{secret}\n")).unwrap();
        TestVault {
            vault: home.join(".local/share/tresor/vault.db"),
            home,
            identity_file,
            recipient,
            passphrase_file: None,
            extra_env: vec![],
            dir,
        }
    }

    /// An initialised vault that opens with an age identity only.
    pub fn new() -> TestVault {
        let tv = TestVault::uninit();
        tv.ok(
            &[
                "init",
                "--no-passphrase",
                "--recipient",
                &tv.recipient.clone(),
            ],
            "",
        );
        tv
    }

    /// An initialised vault with a passphrase slot at the KDF floor (m = 19 MiB, t = 2) and
    /// a recipient slot.
    pub fn with_passphrase(pass: &str) -> TestVault {
        let mut tv = TestVault::uninit();
        let pf = tv.dir.path().join("passphrase.txt");
        std::fs::write(&pf, format!("{pass}\n")).unwrap();
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
            ])
            .args(["--recipient", &tv.recipient])
            .arg("--passphrase-file")
            .arg(&pf)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "init: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        tv.passphrase_file = Some(pf);
        tv
    }

    pub fn set_env(&mut self, k: &str, v: &str) {
        self.extra_env.push((k.into(), v.into()));
    }

    /// The binary with a cleared environment: only PATH, HOME, XDG dirs and test settings.
    pub fn std_raw(&self) -> std::process::Command {
        let mut c = std::process::Command::new(BIN);
        c.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("XDG_DATA_HOME", self.home.join(".local/share"))
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("XDG_STATE_HOME", self.home.join(".local/state"))
            .env("XDG_RUNTIME_DIR", self.dir.path().join("run"))
            .env("LANG", "C.UTF-8")
            .current_dir(self.dir.path());
        for (k, v) in &self.extra_env {
            c.env(k, v);
        }
        c
    }

    /// `std_raw` unlocking with the test identity, for tests that need stdio control.
    pub fn std_cmd(&self) -> std::process::Command {
        let mut c = self.std_raw();
        c.env("TRESOR_IDENTITY_FILE", &self.identity_file);
        c
    }

    /// `std_raw` as an assert_cmd command.
    pub fn raw(&self) -> Command {
        Command::from_std(self.std_raw())
    }

    /// The binary, unlocking with the test identity.
    pub fn cmd(&self) -> Command {
        let mut c = self.raw();
        c.env("TRESOR_IDENTITY_FILE", &self.identity_file);
        c
    }

    pub fn run(&self, args: &[&str], stdin: &str) -> Output {
        self.cmd()
            .args(args)
            .write_stdin(stdin.as_bytes().to_vec())
            .output()
            .unwrap()
    }

    /// Runs and insists on success; returns stdout.
    pub fn ok(&self, args: &[&str], stdin: &str) -> String {
        let out = self.run(args, stdin);
        assert!(
            out.status.success(),
            "tresor {args:?} failed ({:?}): {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn set(&self, name: &str, value: &str) {
        self.ok(&["set", name], value);
    }

    pub fn get(&self, name: &str) -> String {
        self.ok(&["get", "-n", name], "")
    }

    /// Every byte of every file in the vault's folder (database, WAL, shared memory).
    pub fn vault_folder_bytes(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let dir = self.vault.parent().unwrap();
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                let b = std::fs::read(&p).unwrap();
                (p, b)
            })
            .collect()
    }

    pub fn assert_not_in_vault_folder(&self, needle: &str) {
        for (p, bytes) in self.vault_folder_bytes() {
            assert!(
                !contains(&bytes, needle.as_bytes()),
                "{needle:?} found in {}",
                p.display()
            );
        }
    }
}

pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

pub fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}
