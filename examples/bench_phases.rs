//! Benchmark helper: where the time of a `tresor run` goes, phase by phase, in one process.
//! It does what `tresor run -- true` does through the library (open and unlock with an age
//! identity, read every latest value of `dev`, commit the audit event, close, build the child's
//! environment) ROUNDS times and prints the median of each phase in milliseconds. Process
//! start-up, argument parsing, the rollback record and the exec itself are not in it: compare
//! the sum with hyperfine's figure for the whole command. Not part of the product.
//!
//! Usage: bench_phases VAULT IDENTITY_FILE [ROUNDS]   (default 20)
//!
//! The environment is built twice: as `tresor run` built it from 58b8479 to adf7f6e (for each
//! secret, `Vec::retain` over everything pushed so far: quadratic), and with one set of the
//! injected names (linear, as `run` does since 101cc95), to show what that loop cost.

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use tresor::unlock::{KeySource, parse_identities};
use tresor::vault::Vault;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 && args.len() != 4 {
        eprintln!("usage: bench_phases VAULT IDENTITY_FILE [ROUNDS]");
        return ExitCode::from(2);
    }
    let rounds = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(20);
    match phases(Path::new(&args[1]), Path::new(&args[2]), rounds) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_phases: {e}");
            ExitCode::from(1)
        }
    }
}

const PHASES: [&str; 7] = [
    "open + unlock + verify (Vault::open)",
    "read and decrypt all values (Vault::values)",
    "audit event + commit",
    "close (drop the Vault)",
    "child environment, as run.rs built it until 101cc95 (retain per secret)",
    "child environment, deduplicated with a set (as run.rs builds it now)",
    "total of open, read, commit, close and the set",
];

fn phases(vault_path: &Path, identity_path: &Path, rounds: usize) -> Result<(), String> {
    let text = std::fs::read_to_string(identity_path)
        .map_err(|e| format!("{}: {e}", identity_path.display()))?;
    let mut samples: Vec<Vec<f64>> = vec![Vec::new(); PHASES.len()];
    let mut count = 0;
    for _ in 0..rounds {
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
        let ms = |t: Instant| t.elapsed().as_secs_f64() * 1000.0;

        let t = Instant::now();
        let mut vault = Vault::open(vault_path, &source.credentials(), false, now)
            .map_err(|e| format!("{e}"))?;
        let open = ms(t);

        let t = Instant::now();
        let values = vault.values("dev").map_err(|e| format!("{e}"))?;
        let read = ms(t);
        count = values.latest.len();

        let t = Instant::now();
        vault.event(
            tresor::audit::Event::new(tresor::audit::Action::Run)
                .env("dev")
                .detail(format!("true ({count} secrets)")),
        );
        vault.commit().map_err(|e| format!("{e}"))?;
        let commit = ms(t);

        let t = Instant::now();
        drop(vault);
        let close = ms(t);

        // As commands/run.rs did it until 101cc95: drop any inherited variable of the same name,
        // then push (quadratic).
        let t = Instant::now();
        let mut environment = tresor::exec::base_environment(true);
        for v in &values.latest {
            let key = OsString::from(&v.name);
            environment.retain(|(k, _)| *k != key);
            let text = std::str::from_utf8(&v.value).expect("values are UTF-8");
            environment.push((key, OsString::from(text)));
        }
        let env_retain = ms(t);
        std::hint::black_box(&environment);

        let t = Instant::now();
        let names: HashSet<&str> = values.latest.iter().map(|v| v.name.as_str()).collect();
        let mut environment: Vec<(OsString, OsString)> = tresor::exec::base_environment(true)
            .into_iter()
            .filter(|(k, _)| k.to_str().is_none_or(|k| !names.contains(k)))
            .collect();
        for v in &values.latest {
            let text = std::str::from_utf8(&v.value).expect("values are UTF-8");
            environment.push((OsString::from(&v.name), OsString::from(text)));
        }
        let env_set = ms(t);
        std::hint::black_box(&environment);

        let row = [
            open,
            read,
            commit,
            close,
            env_retain,
            env_set,
            open + read + commit + close + env_set,
        ];
        for (s, v) in samples.iter_mut().zip(row) {
            s.push(v);
        }
    }
    println!("{} secrets, {rounds} rounds, medians in ms:", count);
    for (name, mut s) in PHASES.iter().zip(samples) {
        s.sort_by(|a, b| a.total_cmp(b));
        println!("{:>9.3}  {name}", s[s.len() / 2]);
    }
    Ok(())
}
