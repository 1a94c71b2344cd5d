//! Shared by the crash, faults, leaks and concurrency tests: a small seeded PRNG; the vault's
//! visible state read back through the binary (every name of `dev` with its version, status
//! and value), so that a test can say "the vault is exactly as before, or exactly as after";
//! running the binary under another program (strace); and snapshots of folders to start every
//! run from the same files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::*;

/// splitmix64: tiny, seedable, good enough to pick operations and delays. (Tests only: tresor
/// itself has no seeded randomness, ever.)
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in 0..n (n > 0); the bias of `%` on 64 bits is irrelevant for tests.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// A value that no other step of a run produces: `<tag><hex>`, only dotenv-safe bytes.
    pub fn value(&mut self, tag: &str) -> String {
        format!("{tag}{:016x}", self.next_u64())
    }
}

/// The seed from `var`, or `default`; printed so a failing run can be repeated.
pub fn seed_from_env(var: &str, default: u64) -> u64 {
    let seed = std::env::var(var)
        .ok()
        .and_then(|s| {
            let s = s.trim();
            s.strip_prefix("0x")
                .map_or_else(|| s.parse().ok(), |h| u64::from_str_radix(h, 16).ok())
        })
        .unwrap_or(default);
    eprintln!("seed {seed:#x} (set {var}={seed:#x} to repeat)");
    seed
}

/// A number from the environment, or `default`.
pub fn count_from_env(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(default)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Secret {
    pub version: u64,
    pub revoked: bool,
    /// The current value; `None` when revoked (export skips it).
    pub value: Option<String>,
}

impl Secret {
    pub fn active(version: u64, value: &str) -> Secret {
        Secret {
            version,
            revoked: false,
            value: Some(value.to_string()),
        }
    }
}

/// Every secret of `dev`, by name.
pub type Secrets = BTreeMap<String, Secret>;

/// A short description of how two states differ, for failure messages.
pub fn diff(want: &Secrets, got: &Secrets) -> String {
    let mut out = Vec::new();
    for (k, w) in want {
        match got.get(k) {
            None => out.push(format!("{k}: missing (want {w:?})")),
            Some(g) if g != w => out.push(format!("{k}: got {g:?}, want {w:?}")),
            _ => {}
        }
    }
    for (k, g) in got {
        if !want.contains_key(k) {
            out.push(format!("{k}: unexpected {g:?}"));
        }
    }
    if out.is_empty() {
        "no difference".into()
    } else {
        out.join("; ")
    }
}

fn run_std(mut c: std::process::Command, args: &[&str]) -> std::process::Output {
    c.args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

/// The state of `dev` read through the binary with the test identity: `observe_env` of `dev`,
/// then `audit verify` (must exit 0). `Err` says which step failed and how.
pub fn observe(tv: &TestVault) -> Result<Secrets, String> {
    let secrets = observe_env(tv, "dev")?;
    audit_verifies(tv)?;
    Ok(secrets)
}

/// `audit verify` exits 0.
pub fn audit_verifies(tv: &TestVault) -> Result<(), String> {
    let out = run_std(tv.std_cmd(), &["audit", "verify", "-q"]);
    if !out.status.success() {
        return Err(format!(
            "audit verify exited {:?}: {}",
            out.status.code(),
            stderr(&out)
        ));
    }
    Ok(())
}

/// The state of environment `env` read through the binary with the test identity:
/// `list --json --revoked` (must exit 0: the vault opens, no rollback or integrity error) for
/// names, versions and statuses, and `export --format json` for the values.
pub fn observe_env(tv: &TestVault, env: &str) -> Result<Secrets, String> {
    let cmd = |args: &[&str]| {
        let mut c = tv.std_cmd();
        c.args(["-e", env]);
        run_std(c, args)
    };
    let out = cmd(&["list", "--json", "--revoked", "-q"]);
    if !out.status.success() {
        return Err(format!(
            "list exited {:?}: {}",
            out.status.code(),
            stderr(&out)
        ));
    }
    let list: serde_json::Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("list --json is not JSON ({e}): {:?}", out.stdout))?;
    let out = cmd(&["export", "--format", "json", "-q"]);
    if !out.status.success() {
        return Err(format!(
            "export exited {:?}: {}",
            out.status.code(),
            stderr(&out)
        ));
    }
    let values: BTreeMap<String, String> = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("export --format json is not a JSON object ({e})"))?;
    let mut secrets = Secrets::new();
    for s in list.as_array().ok_or("list --json is not an array")? {
        let name = s["name"]
            .as_str()
            .ok_or("a secret without a name")?
            .to_string();
        let revoked = s["status"] == "revoked";
        let value = values.get(&name).cloned();
        if revoked == value.is_some() {
            return Err(format!(
                "{name}: status {} but export {} it",
                s["status"],
                if revoked { "has" } else { "lacks" }
            ));
        }
        secrets.insert(
            name,
            Secret {
                version: s["version"]
                    .as_u64()
                    .ok_or("a version that is not a number")?,
                revoked,
                value,
            },
        );
    }
    if let Some(extra) = values.keys().find(|k| !secrets.contains_key(*k)) {
        return Err(format!("export has {extra}, which list does not show"));
    }
    Ok(secrets)
}

/// Whether the passphrase in `file` opens the vault (no identity given): `Ok(true)` on exit 0,
/// `Ok(false)` on exit 3 (wrong passphrase), `Err` on anything else.
pub fn opens_with_passphrase(tv: &TestVault, file: &Path) -> Result<bool, String> {
    let mut c = tv.std_raw();
    c.arg("--passphrase-file").arg(file);
    let out = run_std(c, &["list", "-q"]);
    match out.status.code() {
        Some(0) => Ok(true),
        Some(3) if stderr(&out).contains("wrong passphrase") => Ok(false),
        c => Err(format!(
            "list --passphrase-file {} exited {c:?}: {}",
            file.display(),
            stderr(&out)
        )),
    }
}

/// The vault key that signs bundles (`status --json`); it changes when `rekey` commits.
pub fn vault_key(tv: &TestVault) -> Result<String, String> {
    let c = tv.std_cmd();
    let out = run_std(c, &["status", "--json", "-q"]);
    if !out.status.success() {
        return Err(format!(
            "status exited {:?}: {}",
            out.status.code(),
            stderr(&out)
        ));
    }
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("status --json: {e}"))?;
    v["vault_key"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| "status --json has no vault_key".into())
}

/// `c` (a command for the tresor binary, as `TestVault::std_cmd` makes it) run under another
/// program: `prefix` then the binary and its arguments, with the same environment and folder.
pub fn wrapped(c: &std::process::Command, prefix: &[&str]) -> std::process::Command {
    let mut w = std::process::Command::new(prefix[0]);
    w.args(&prefix[1..]).arg(c.get_program()).args(c.get_args());
    w.env_clear();
    for (k, v) in c.get_envs() {
        if let Some(v) = v {
            w.env(k, v);
        }
    }
    if let Some(d) = c.get_current_dir() {
        w.current_dir(d);
    }
    w
}

/// Every regular file under the given folders, with its mode, to put them back exactly.
pub struct Snapshot {
    dirs: Vec<(PathBuf, u32)>,
    files: Vec<(PathBuf, u32, Vec<u8>)>,
    roots: Vec<PathBuf>,
}

impl Snapshot {
    pub fn take(roots: &[&Path]) -> Snapshot {
        use std::os::unix::fs::PermissionsExt;
        let mut s = Snapshot {
            dirs: vec![],
            files: vec![],
            roots: roots.iter().map(|p| p.to_path_buf()).collect(),
        };
        let mut stack: Vec<PathBuf> = s.roots.clone();
        while let Some(d) = stack.pop() {
            let m = std::fs::metadata(&d).unwrap();
            s.dirs.push((d.clone(), m.permissions().mode() & 0o7777));
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                let m = std::fs::symlink_metadata(&p).unwrap();
                if m.is_dir() {
                    stack.push(p);
                } else if m.is_file() {
                    let bytes = std::fs::read(&p).unwrap();
                    s.files.push((p, m.permissions().mode() & 0o7777, bytes));
                }
            }
        }
        s.dirs.sort();
        s
    }

    /// Removes everything under the roots and writes the snapshot back.
    pub fn restore(&self) {
        use std::os::unix::fs::PermissionsExt;
        for r in &self.roots {
            let _ = std::fs::remove_dir_all(r);
        }
        for (d, mode) in &self.dirs {
            std::fs::create_dir_all(d).unwrap();
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(*mode)).unwrap();
        }
        for (p, mode, bytes) in &self.files {
            std::fs::write(p, bytes).unwrap();
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(*mode)).unwrap();
        }
    }
}
