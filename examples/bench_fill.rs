//! Benchmark helper: fills an existing vault with N random secrets in environment `dev`, in
//! ONE transaction, through the library (one `tresor set` per secret would take far too long
//! at 100,000). Names are `KEY_000000`, `KEY_000001`, …; values are 40 random hex characters,
//! like API keys. Used by `bench/run.sh`, `bench/run_exec.sh` and `bench/run_agent.sh`; not
//! part of the product. Since writes became upserts (58b8479) a fill is linear: about 7 s of
//! CPU for 100,000 secrets on the 2-core bench machine.
//!
//! Usage: bench_fill VAULT IDENTITY_FILE N    (VAULT: a file, or a postgresql:// URL)
//!        bench_fill --keygen IDENTITY_FILE   (writes a new age X25519 identity, 0600, and
//!                                             prints its recipient `age1…` on stdout)
//!
//! After the commit it checkpoints and truncates the WAL, so the benchmarks start from a vault
//! at rest (a long-lived vault has been checkpointed many times) rather than from a WAL file
//! holding the whole fill.

use std::path::Path;
use std::process::ExitCode;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use secrecy::ExposeSecret;
use tresor::unlock::{KeySource, parse_identities};
use tresor::vault::{NewVersion, Origin, Vault, VersionMeta};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() == 3 && args[1] == "--keygen" {
        return match keygen(Path::new(&args[2])) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("bench_fill: {e}");
                ExitCode::from(1)
            }
        };
    }
    if args.len() != 4 {
        eprintln!("usage: bench_fill VAULT IDENTITY_FILE N | bench_fill --keygen IDENTITY_FILE");
        return ExitCode::from(2);
    }
    let n: usize = match args[3].parse() {
        Ok(n) => n,
        Err(_) => {
            eprintln!("bench_fill: N must be a number, not {:?}", args[3]);
            return ExitCode::from(2);
        }
    };
    match fill(Path::new(&args[1]), Path::new(&args[2]), n) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_fill: {e}");
            ExitCode::from(1)
        }
    }
}

/// A fresh age X25519 identity written to `path` (created 0600, never overwritten); its
/// recipient goes to stdout for `tresor init --recipient`.
fn keygen(path: &Path) -> Result<(), String> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;

    let id = age::x25519::Identity::generate();
    let recipient = id.to_public().to_string();
    let secret = id.to_string();
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    writeln!(f, "# public key: {recipient}").map_err(|e| e.to_string())?;
    writeln!(f, "{}", secret.expose_secret()).map_err(|e| e.to_string())?;
    println!("{recipient}");
    Ok(())
}

fn raw_conn(vault_path: &Path) -> Result<rusqlite::Connection, String> {
    let conn = rusqlite::Connection::open(vault_path).map_err(|e| e.to_string())?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(|e| e.to_string())?;
    Ok(conn)
}

fn fill(vault_path: &Path, identity_path: &Path, n: usize) -> Result<(), String> {
    let text = std::fs::read_to_string(identity_path)
        .map_err(|e| format!("{}: {e}", identity_path.display()))?;
    let identities = parse_identities(&text, &identity_path.display().to_string())
        .map_err(|e| format!("{e}"))?;
    let source = KeySource::Identities {
        from: identity_path.display().to_string(),
        identities,
    };
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_secs() as i64;

    let start = Instant::now();
    let url = vault_path
        .to_str()
        .filter(|t| tresor::vault::location::Location::is_url(t));
    let at = match url {
        Some(url) => tresor::pgconf::resolve(url).map_err(|e| format!("{e}"))?,
        None => tresor::vault::location::Location::File(vault_path.to_path_buf()),
    };
    let mut vault =
        Vault::open(at, &source.credentials(), true, now).map_err(|e| format!("{e}"))?;
    let mut raw = [0u8; 20];
    for i in 0..n {
        getrandom::getrandom(&mut raw).map_err(|e| e.to_string())?;
        let value = hex::encode(raw);
        let name = format!("KEY_{i:06}");
        vault
            .put(
                "dev",
                &name,
                value.as_bytes(),
                NewVersion {
                    origin: Origin::Set,
                    expires_at: None,
                    rotate_at: None,
                    grace_until: None,
                    meta: VersionMeta::default(),
                },
            )
            .map_err(|e| format!("put {name}: {e}"))?;
    }
    vault.commit().map_err(|e| format!("commit: {e}"))?;
    drop(vault);
    let filled = start.elapsed();

    // Leave the vault at rest: WAL checkpointed into the main file and truncated.
    if url.is_none() {
        let conn = raw_conn(vault_path)?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(|e| format!("checkpoint: {e}"))?;
    }
    eprintln!(
        "bench_fill: {n} secrets into {} in {:.2?}",
        vault_path.display(),
        filled
    );
    Ok(())
}
