//! I/O errors in the middle of a write (DESIGN threat model: "full disks and I/O errors"),
//! injected with strace: the K-th `write`, `pwrite64`, `fsync`, `fdatasync` or `rename` of
//! `set`, `rotate`, `revoke`, `import`, `rekey` and `passwd` fails with EIO or ENOSPC. Every run
//! either succeeds or exits non-zero with an `error:` line, never panics (101) or dies by a
//! signal; a run that exits 0 has committed; and afterwards the vault, read without strace,
//! opens, passes `audit verify`, and is at exactly the state before the command or exactly the
//! state after it (every name, version, status and value, the passphrase that opens it, the
//! vault key).
//!
//! A failing `write` of tresor's own message to stderr is covered like any other call (no
//! panic: `a_full_stderr_is_not_a_panic` is its smallest reproduction).
//!
//! Each command is first run without faults under `strace -f -e trace=…` to count its calls
//! of each kind; K then goes over every call, or over a seeded sample (`TRESOR_FAULTS_SEED`,
//! printed, always with the first and the last call) when there are more than
//! `TRESOR_FAULTS_PER_SYSCALL` (default 8; a large number tries every call: 528 runs, about
//! 50 s). Every run starts from the same copy of the vault folder and the rollback records.

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::Instant;

use crate::model::*;
use crate::support::*;

const SYSCALLS: [&str; 5] = ["write", "pwrite64", "fsync", "fdatasync", "rename"];
const ERRNOS: [&str; 2] = ["EIO", "ENOSPC"];

/// What the test can see of the vault.
#[derive(Clone, Debug, PartialEq, Eq)]
struct State {
    secrets: Secrets,
    /// Which passphrase file opens it (checked for `passwd` and `rekey` only).
    pass: Option<usize>,
    /// The vault key (checked for `rekey` only).
    vault_key: Option<String>,
}

struct Case {
    name: &'static str,
    args: Vec<String>,
    stdin: String,
}

struct Fixture {
    tv: TestVault,
    pass_files: [PathBuf; 2],
    snapshot: Snapshot,
}

impl Fixture {
    fn new() -> Fixture {
        let tv = TestVault::with_passphrase("faults passphrase zero");
        let p1 = tv.dir.path().join("passphrase1.txt");
        std::fs::write(&p1, "faults passphrase one\n").unwrap();
        tv.set("ALPHA", "alpha-1");
        tv.set("ALPHA", "alpha-2");
        tv.set("BETA", "beta-1");
        tv.set("GAMMA", "gamma-1");
        tv.ok(&["revoke", "GAMMA", "--reason", "setup"], "");
        tv.set("DELTA", "delta-1");
        let vault_dir = tv.vault.parent().unwrap().to_path_buf();
        let state_dir = tv.home.join(".local/state/tresor");
        let snapshot = Snapshot::take(&[&vault_dir, &state_dir]);
        Fixture {
            pass_files: [tv.passphrase_file.clone().unwrap(), p1],
            tv,
            snapshot,
        }
    }

    fn cases(&self) -> Vec<Case> {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        vec![
            Case {
                name: "set",
                args: s(&["set", "ALPHA"]),
                stdin: "alpha-3".into(),
            },
            Case {
                name: "rotate",
                args: s(&["rotate", "BETA", "--from-file", "-"]),
                stdin: "beta-2".into(),
            },
            Case {
                name: "revoke",
                args: s(&["revoke", "DELTA", "--reason", "fault injection"]),
                stdin: String::new(),
            },
            Case {
                name: "import",
                args: s(&["import", "-"]),
                stdin: "NEW_1=one\nNEW_2=two\nNEW_3=three\nNEW_4=four\nNEW_5=five\n".into(),
            },
            Case {
                name: "rekey",
                args: vec![
                    "rekey".into(),
                    "--passphrase-file".into(),
                    self.pass_files[0].display().to_string(),
                ],
                stdin: String::new(),
            },
            Case {
                name: "passwd",
                args: vec![
                    "passwd".into(),
                    "--new-passphrase-file".into(),
                    self.pass_files[1].display().to_string(),
                ],
                stdin: String::new(),
            },
        ]
    }

    fn observe(&self, case: &Case) -> Result<State, String> {
        let secrets = observe(&self.tv)?;
        let pass = match case.name {
            // The passphrase slot is re-wrapped with the same passphrase, or not at all.
            "rekey" => {
                if !opens_with_passphrase(&self.tv, &self.pass_files[0])? {
                    return Err("the passphrase no longer opens the vault".into());
                }
                Some(0)
            }
            "passwd" => {
                let a = opens_with_passphrase(&self.tv, &self.pass_files[0])?;
                let b = opens_with_passphrase(&self.tv, &self.pass_files[1])?;
                if a == b {
                    return Err(format!("passphrase 0 opens: {a}, passphrase 1 opens: {b}"));
                }
                Some(if a { 0 } else { 1 })
            }
            _ => None,
        };
        let vault_key = (case.name == "rekey")
            .then(|| vault_key(&self.tv))
            .transpose()?;
        Ok(State {
            secrets,
            pass,
            vault_key,
        })
    }

    /// The command, optionally under strace with `strace_args`; the trace goes to `trace`.
    fn run(&self, case: &Case, strace_args: Option<(&[String], &Path)>) -> Output {
        let mut c = self.tv.std_cmd();
        c.args(&case.args);
        let mut c = match strace_args {
            None => c,
            Some((args, trace)) => {
                let mut prefix: Vec<&str> = vec!["strace", "-f", "-o", trace.to_str().unwrap()];
                prefix.extend(args.iter().map(String::as_str));
                prefix.push("--");
                wrapped(&c, &prefix)
            }
        };
        let mut child = c
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("strace is installed (.ci/run installs it)");
        {
            use std::io::Write;
            let mut stdin = child.stdin.take().unwrap();
            let _ = stdin.write_all(case.stdin.as_bytes());
        }
        child.wait_with_output().unwrap()
    }
}

/// Calls of each of `SYSCALLS` per process or thread in a trace (strace counts `when=K` per
/// traced task): the largest count over the tasks.
fn count_calls(trace: &str) -> std::collections::BTreeMap<&'static str, usize> {
    let mut per_task: std::collections::HashMap<(&str, &str), usize> = Default::default();
    for line in trace.lines() {
        let mut it = line.splitn(2, ' ');
        let (Some(pid), Some(rest)) = (it.next(), it.next()) else {
            continue;
        };
        let rest = rest.trim_start();
        for s in SYSCALLS {
            if rest.starts_with(s) && rest[s.len()..].starts_with('(') {
                *per_task.entry((pid, s)).or_default() += 1;
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    for s in SYSCALLS {
        let n = per_task
            .iter()
            .filter(|((_, sc), _)| *sc == s)
            .map(|(_, n)| *n)
            .max()
            .unwrap_or(0);
        out.insert(s, n);
    }
    out
}

/// The K to try among 1..=n: all of them, or `cap` of them with the first and the last.
fn sample(rng: &mut Rng, n: usize, cap: usize) -> Vec<usize> {
    if n <= cap {
        return (1..=n).collect();
    }
    let mut ks = vec![1, n];
    while ks.len() < cap {
        let k = 2 + rng.below(n as u64 - 2) as usize;
        if !ks.contains(&k) {
            ks.push(k);
        }
    }
    ks.sort();
    ks
}

#[derive(Default)]
struct Tally {
    runs: usize,
    injected: usize,
    failed: usize,
    committed_anyway: usize,
}

fn check_command(fx: &Fixture, case: &Case, rng: &mut Rng, cap: usize) -> (Tally, Vec<String>) {
    let mut problems = Vec::new();
    let mut tally = Tally::default();
    let traces = tempfile::tempdir().unwrap();
    let trace = traces.path().join("trace.txt");

    // Before, after (a clean run) and the calls it makes.
    fx.snapshot.restore();
    let before = fx.observe(case).unwrap();
    fx.snapshot.restore();
    let trace_all = vec!["-e".into(), format!("trace={}", SYSCALLS.join(","))];
    let out = fx.run(case, Some((&trace_all, &trace)));
    assert!(
        out.status.success(),
        "{} without faults: {}",
        case.name,
        stderr(&out)
    );
    let counts = count_calls(&std::fs::read_to_string(&trace).unwrap());
    // Every mutating command writes and syncs: if the trace shows neither, the counting (and
    // so every injection below) is broken, not the command.
    let count = |names: &[&str]| {
        names
            .iter()
            .map(|n| counts.get(*n).copied().unwrap_or(0))
            .sum::<usize>()
    };
    assert!(
        count(&["write", "pwrite64"]) > 0 && count(&["fsync", "fdatasync"]) > 0,
        "{}: no write or sync counted in the trace: {counts:?}",
        case.name
    );
    let after = fx.observe(case).unwrap();
    assert_ne!(before, after, "{} changes something", case.name);
    eprintln!("faults: {} makes {counts:?}", case.name);

    // A rekey draws a new vault key each time: "after" is any key but the one before.
    let is_after = |s: &State| {
        s.secrets == after.secrets
            && s.pass == after.pass
            && if case.name == "rekey" {
                s.vault_key != before.vault_key
            } else {
                s.vault_key == after.vault_key
            }
    };
    for syscall in SYSCALLS {
        for errno in ERRNOS {
            for k in sample(rng, counts[syscall], cap) {
                fx.snapshot.restore();
                let args = vec![
                    "-y".into(),
                    "-e".into(),
                    format!("trace={syscall}"),
                    "-e".into(),
                    format!("inject={syscall}:error={errno}:when={k}"),
                ];
                let out = fx.run(case, Some((&args, &trace)));
                let text = std::fs::read_to_string(&trace).unwrap_or_default();
                let injected = text
                    .lines()
                    .find(|l| l.ends_with("(INJECTED)"))
                    .map(|l| l.chars().take(160).collect::<String>())
                    .unwrap_or_else(|| "nothing injected".into());
                let what = format!(
                    "{} with {syscall} call #{k} failing with {errno} [{injected}]",
                    case.name
                );
                tally.runs += 1;
                if text.contains("(INJECTED)") {
                    tally.injected += 1;
                }
                let err = stderr(&out);
                let code = out.status.code();
                if let Some(sig) = out.status.signal() {
                    problems.push(format!("{what}: killed by signal {sig}: {err}"));
                } else if text.contains("+++ killed by") {
                    problems.push(format!("{what}: a process died by a signal: {err}"));
                } else if code == Some(101) || err.contains("panicked") {
                    problems.push(format!("{what}: panicked (exit {code:?}): {err}"));
                } else if code != Some(0) && !err.lines().any(|l| l.starts_with("error: ")) {
                    problems.push(format!(
                        "{what}: exit {code:?} without an error line: {err:?}"
                    ));
                }
                if code != Some(0) {
                    tally.failed += 1;
                }
                match fx.observe(case) {
                    Err(e) => problems.push(format!(
                        "{what} (exit {code:?}, stderr {err:?}): afterwards {e}"
                    )),
                    Ok(s) if is_after(&s) => {
                        if code != Some(0) {
                            tally.committed_anyway += 1;
                        }
                    }
                    Ok(s) if s == before && code == Some(0) => problems.push(format!(
                        "{what}: exit 0, but the vault is as before: {}",
                        diff(&after.secrets, &s.secrets)
                    )),
                    Ok(s) if s == before => {}
                    Ok(s) => problems.push(format!(
                        "{what} (exit {code:?}, stderr {err:?}): the vault is neither as before nor as after\n  vs before: {}\n  vs after: {}",
                        diff(&before.secrets, &s.secrets),
                        diff(&after.secrets, &s.secrets)
                    )),
                }
            }
        }
    }
    (tally, problems)
}

#[test]
fn io_errors_leave_the_vault_before_or_after() {
    let seed = seed_from_env("TRESOR_FAULTS_SEED", 0x6661_756c_7473);
    let cap = count_from_env("TRESOR_FAULTS_PER_SYSCALL", 8);
    let started = Instant::now();
    // Two workers, each with its own vault, take three commands each.
    let groups: [&[&str]; 2] = [&["set", "revoke", "passwd"], &["rotate", "import", "rekey"]];
    let results: Vec<(Tally, Vec<String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = groups
            .iter()
            .enumerate()
            .map(|(i, names)| {
                s.spawn(move || {
                    let fx = Fixture::new();
                    let mut rng = Rng::new(seed ^ i as u64);
                    let mut total = Tally::default();
                    let mut problems = Vec::new();
                    for case in fx.cases().iter().filter(|c| names.contains(&c.name)) {
                        let t = Instant::now();
                        let (tally, p) = check_command(&fx, case, &mut rng, cap);
                        eprintln!(
                            "faults: {}: {} runs, {} injected, {} exited non-zero ({} of them \
                             had committed), {:.1} s",
                            case.name,
                            tally.runs,
                            tally.injected,
                            tally.failed,
                            tally.committed_anyway,
                            t.elapsed().as_secs_f64()
                        );
                        total.runs += tally.runs;
                        total.injected += tally.injected;
                        problems.extend(p);
                    }
                    (total, problems)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let runs: usize = results.iter().map(|r| r.0.runs).sum();
    let injected: usize = results.iter().map(|r| r.0.injected).sum();
    let problems: Vec<&String> = results.iter().flat_map(|r| &r.1).collect();
    eprintln!(
        "faults: {runs} runs, {injected} with a fault injected, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(runs > 0, "no run at all: the syscall counts are off");
    assert!(
        problems.is_empty(),
        "{} of {runs} runs went wrong:\n{}",
        problems.len(),
        problems
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        injected * 10 >= runs * 9,
        "only {injected} of {runs} runs had a fault injected: the counts are off"
    );
}

/// The smallest reproduction of what the fault injection finds on the `write` calls that carry
/// tresor's messages: stderr on a full disk (`2>/dev/full`). The change is committed; tresor
/// must not then panic (exit 101) because it could not print that it succeeded, nor panic
/// while reporting an error.
#[test]
fn a_full_stderr_is_not_a_panic() {
    let tv = TestVault::new();
    let full = || {
        Stdio::from(
            std::fs::File::options()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        )
    };
    let mut c = tv.std_cmd();
    let mut child = c
        .args(["set", "WRITTEN"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(full())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(b"committed").unwrap();
    }
    let set = child.wait().unwrap();
    assert_eq!(tv.get("WRITTEN"), "committed", "the change is committed");
    let mut c = tv.std_cmd();
    let missing = c
        .args(["get", "MISSING"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(full())
        .status()
        .unwrap();
    assert!(
        set.code() == Some(0) && missing.code() == Some(1),
        "set with stderr on a full disk exited {:?} (want 0: it committed), get of a missing \
         name exited {:?} (want 1); 101 is a panic (\"failed printing to stderr\")",
        set.code(),
        missing.code()
    );
}
