//! Processes writing one vault at once (DESIGN threat model: "two `tresor` processes writing at
//! once"; `busy_timeout`, one transaction per command): four workers each run a seeded random
//! sequence of mutating commands (`set` of new and existing names, `rotate --from-file -`,
//! `revoke --reason`, `rm`) on names only that worker touches, all against the same vault at
//! the same time. Every command exits as the worker's own model of its names predicts (0, or 1
//! for a reason the model explains: revoking a revoked name, rotating or removing a missing
//! one), no "database is locked" or other lock error reaches the user, every command that exited
//! 0 is reflected at the end (names, versions, statuses, values), the audit sequence (`audit
//! --json`, `seq`) has no gap, and `audit verify` passes.
//!
//! A second test runs readers (`get`, `list`, `export`, `run`, which also commit an audit event)
//! alongside writers: every read exits 0 with the right value, with no lock or rollback error.
//!
//! A third runs eight clients of 200 commands each, half of them reads of the client's own
//! names (`get`, checked against its model) and half writes: nothing acknowledged is lost and
//! the audit chain verifies.
//!
//! `TRESOR_CONCURRENCY_OPS` sets the commands per worker (default 500: 2,000 runs),
//! `TRESOR_CONCURRENCY_SEED` the seed (printed).

use std::collections::BTreeMap;
use std::io::Write;
use std::process::Stdio;
use std::time::Instant;

use crate::model::*;
use crate::support::*;

const WORKERS: usize = 4;
/// Names per worker: few enough that `set` often finds an existing name and `rm` one to remove.
const NAMES: usize = 6;

/// What a worker expects of one command.
struct Expect {
    code: i32,
    /// For a non-zero code: what stderr must say.
    because: &'static str,
}

fn ok() -> Expect {
    Expect {
        code: 0,
        because: "",
    }
}

fn refused(because: &'static str) -> Expect {
    Expect { code: 1, because }
}

/// One worker: its names `W{w}_{i}` and what it knows of them.
/// What a worker leaves: the state of its names and how many commands of each kind exited 0.
struct Done {
    mine: Secrets,
    succeeded: BTreeMap<String, usize>,
    ran: usize,
}

fn worker(tv: &TestVault, w: usize, ops: usize, seed: u64, reads: bool) -> Result<Done, String> {
    let mut rng = Rng::new(seed);
    let mut mine = Secrets::new();
    let mut succeeded = BTreeMap::<String, usize>::new();
    let mut ran = 0;
    for i in 0..ops {
        let name = format!("W{w}_{}", rng.below(NAMES as u64));
        let current = mine.get(&name).cloned();
        if reads && rng.below(2) == 0 {
            check_read(tv, &format!("worker {w} step {i}"), &name, current.as_ref())?;
            ran += 1;
            continue;
        }
        let value = rng.value(&format!("w{w}i{i}v"));
        let kind = rng.below(10);
        let (args, stdin, expect): (Vec<String>, String, Expect) = match (kind, &current) {
            // set: a new name, or a new version of an existing one (revoked or not)
            (0..=3, _) => (vec!["set".into(), name.clone()], value.clone(), ok()),
            (4 | 5, Some(_)) => (
                vec![
                    "rotate".into(),
                    name.clone(),
                    "--from-file".into(),
                    "-".into(),
                ],
                value.clone(),
                ok(),
            ),
            (4 | 5, None) => (
                vec![
                    "rotate".into(),
                    name.clone(),
                    "--from-file".into(),
                    "-".into(),
                ],
                value.clone(),
                refused("no secret"),
            ),
            (6 | 7, Some(s)) => (
                vec![
                    "revoke".into(),
                    name.clone(),
                    "--reason".into(),
                    format!("worker {w} step {i}"),
                ],
                String::new(),
                if s.revoked {
                    refused("already revoked")
                } else {
                    ok()
                },
            ),
            (6 | 7, None) => (
                vec!["revoke".into(), name.clone(), "--reason".into(), "x".into()],
                String::new(),
                refused("no secret"),
            ),
            (_, Some(_)) => (vec!["rm".into(), name.clone()], String::new(), ok()),
            (_, None) => (
                vec!["rm".into(), name.clone()],
                String::new(),
                refused("no secret"),
            ),
        };
        let mut child = tv
            .std_cmd()
            .args(&args)
            .arg("-q")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        ran += 1;
        let code = out.status.code().unwrap_or(-1);
        let err = stderr(&out);
        let what = format!("worker {w} step {i}: tresor {args:?}");
        if err.contains("locked") || err.contains("busy") {
            return Err(format!("{what}: a lock error reached the user: {err}"));
        }
        if code != expect.code || (code != 0 && !err.contains(expect.because)) {
            return Err(format!(
                "{what} exited {code} (expected {}{}): {err}",
                expect.code,
                if expect.code != 0 {
                    format!(", saying {:?}", expect.because)
                } else {
                    String::new()
                }
            ));
        }
        if code == 0 {
            *succeeded.entry(args[0].clone()).or_default() += 1;
            match args[0].as_str() {
                "set" | "rotate" => {
                    let version = current.map_or(1, |s| s.version + 1);
                    mine.insert(name, Secret::active(version, &value));
                }
                "revoke" => {
                    let s = mine.get_mut(&name).unwrap();
                    s.revoked = true;
                    s.value = None;
                }
                "rm" => {
                    mine.remove(&name);
                }
                _ => unreachable!(),
            }
        }
    }
    Ok(Done {
        mine,
        succeeded,
        ran,
    })
}

#[test]
fn four_writers_at_once_lose_nothing() {
    let seed = seed_from_env("TRESOR_CONCURRENCY_SEED", 0x636f_6e63_7572);
    let ops = count_from_env("TRESOR_CONCURRENCY_OPS", 500);
    let tv = TestVault::new();
    let started = Instant::now();
    let results: Vec<Result<Done, String>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..WORKERS)
            .map(|w| {
                let tv = &tv;
                s.spawn(move || worker(tv, w, ops, seed ^ (w as u64) << 32, false))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let elapsed = started.elapsed().as_secs_f64();
    let mut expected = Secrets::new();
    let mut succeeded = BTreeMap::<String, usize>::new();
    let mut runs = 0;
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(done) => {
                expected.extend(done.mine);
                for (k, n) in done.succeeded {
                    *succeeded.entry(k).or_default() += n;
                }
                runs += done.ran;
            }
            Err(e) => errors.push(e),
        }
    }
    eprintln!(
        "concurrency: {WORKERS} workers x {ops} commands: {runs} runs in {elapsed:.1} s ({:.0} ms per command)",
        elapsed * 1000.0 / runs.max(1) as f64
    );
    assert!(errors.is_empty(), "{}", errors.join("\n"));

    // Every command that exited 0 is reflected (and audit verify passes).
    let found = observe(&tv).unwrap();
    assert!(
        found == expected,
        "the vault is not what the workers committed: {}",
        diff(&expected, &found)
    );
    // The audit sequence has no gap.
    let events: serde_json::Value =
        serde_json::from_str(&tv.ok(&["audit", "--json", "-q"], "")).unwrap();
    let mut seqs: Vec<i64> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["seq"].as_i64().expect("every event has a seq"))
        .collect();
    seqs.sort();
    let n = seqs.len() as i64;
    assert!(
        seqs.iter().copied().eq(1..=n),
        "audit seq has gaps or repeats: {} events, first {:?}, last {:?}, missing {:?}",
        n,
        seqs.first(),
        seqs.last(),
        (1..=n)
            .filter(|s| seqs.binary_search(s).is_err())
            .take(10)
            .collect::<Vec<_>>()
    );
    // One event per command that exited 0, none for the refused ones.
    let mut by_action = BTreeMap::<String, usize>::new();
    for e in events.as_array().unwrap() {
        let action = e["action"].as_str().unwrap_or("?");
        if succeeded.contains_key(action) {
            *by_action.entry(action.to_string()).or_default() += 1;
        }
    }
    eprintln!("concurrency: commands that exited 0: {succeeded:?}");
    assert_eq!(
        by_action, succeeded,
        "audit events per action vs commands that exited 0"
    );
}

/// `get` of one of a client's own names, as its model says it must come out: the value, a
/// refusal of a revoked one (exit 5) or of a missing one (exit 1).
fn check_read(
    tv: &TestVault,
    what: &str,
    name: &str,
    current: Option<&Secret>,
) -> Result<(), String> {
    let out = tv
        .std_cmd()
        .args(["get", "-n", "-q", name])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let (code, stdout) = (code(&out), String::from_utf8_lossy(&out.stdout));
    let right = match current {
        Some(s) if s.revoked => code == 5,
        Some(s) => code == 0 && s.value.as_deref() == Some(&*stdout),
        None => code == 1 && stderr(&out).contains("no secret"),
    };
    if right {
        Ok(())
    } else {
        Err(format!(
            "{what}: tresor get {name} exited {code} with {} bytes on stdout, expected {current:?}: {}",
            stdout.len(),
            stderr(&out)
        ))
    }
}

#[test]
fn eight_clients_mixing_writes_and_reads_lose_nothing() {
    let seed = seed_from_env("TRESOR_CONCURRENCY_SEED", 0x636f_6e63_7572);
    let ops = count_from_env("TRESOR_CONCURRENCY_MIXED_OPS", 200);
    let tv = TestVault::new();
    let started = Instant::now();
    let results: Vec<Result<Done, String>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|w| {
                let tv = &tv;
                s.spawn(move || worker(tv, w, ops, seed ^ (w as u64 + 11) << 32, true))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    eprintln!(
        "concurrency: 8 clients x {ops} mixed commands in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let mut expected = Secrets::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(done) => expected.extend(done.mine),
            Err(e) => errors.push(e),
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // `observe` also runs `audit verify`: the chain is intact.
    let found = observe(&tv).unwrap();
    assert!(
        found == expected,
        "the vault is not what the clients committed: {}",
        diff(&expected, &found)
    );
}

/// A reader: `get` of names nobody changes, `list`, `export`, `run`; each must exit 0 with the
/// right values, whatever the writers are doing.
fn reader(
    tv: &TestVault,
    r: usize,
    ops: usize,
    seed: u64,
    stable: &[(String, String)],
) -> Result<(), String> {
    let mut rng = Rng::new(seed);
    for i in 0..ops {
        let (name, value) = rng.pick(stable);
        let script = format!("test \"${name}\" = '{value}'");
        let args: Vec<&str> = match rng.below(4) {
            0 => vec!["get", "-n", name],
            1 => vec!["list", "--json"],
            2 => vec!["export", "--format", "json"],
            _ => vec!["run", "--", "sh", "-c", &script],
        };
        let out = tv
            .std_cmd()
            .args(&args)
            .arg("-q")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let right = match args[0] {
            "get" => stdout == *value,
            "list" => stdout.contains(&format!("\"name\":\"{name}\"")),
            // The stable values are plain ASCII: JSON writes them as they are.
            "export" => stdout.contains(&format!("\"{name}\":\"{value}\"")),
            _ => true,
        };
        if !out.status.success() || !right {
            return Err(format!(
                "reader {r} step {i}: tresor {args:?} exited {:?}{}: {}",
                out.status.code(),
                if right { "" } else { " with the wrong output" },
                stderr(&out)
            ));
        }
    }
    Ok(())
}

#[test]
fn readers_alongside_writers_always_succeed() {
    let seed = seed_from_env("TRESOR_CONCURRENCY_SEED", 0x636f_6e63_7572);
    let ops = count_from_env("TRESOR_CONCURRENCY_READS", 150);
    let tv = TestVault::new();
    let stable: Vec<(String, String)> = (0..4)
        .map(|i| (format!("STABLE_{i}"), format!("stable-value-{i}")))
        .collect();
    for (n, v) in &stable {
        tv.set(n, v);
    }
    let started = Instant::now();
    let errors: Vec<String> = std::thread::scope(|s| {
        let mut handles = Vec::new();
        for w in 0..2 {
            let tv = &tv;
            handles.push(
                s.spawn(move || worker(tv, w, ops, seed ^ (w as u64) << 32, false).map(|_| ())),
            );
        }
        for r in 0..2 {
            let (tv, stable) = (&tv, &stable);
            handles.push(s.spawn(move || reader(tv, r, ops, seed ^ (r as u64 + 7) << 32, stable)));
        }
        handles
            .into_iter()
            .filter_map(|h| h.join().unwrap().err())
            .collect()
    });
    eprintln!(
        "concurrency: 2 writers and 2 readers x {ops} commands in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let out = tv.run(&["audit", "verify"], "");
    assert!(out.status.success(), "{}", stderr(&out));
}
