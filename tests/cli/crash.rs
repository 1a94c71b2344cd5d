//! Crash consistency (DESIGN "One transaction per command"): mutating commands (`set`, `rotate
//! --from-file -`, `revoke --reason`, `import -`, `rekey`, `passwd --new-passphrase-file`) are
//! killed with SIGKILL at a random moment, hundreds of times. After every kill the vault opens
//! (`list` exits 0: no integrity or rollback error), `audit verify` passes, every command that
//! exited 0 before is still reflected, and the interrupted command is all or nothing: the whole
//! visible state of the vault (every name, version, status and value, the passphrase that
//! opens it, the vault key) is exactly the state before it or exactly the state after it.
//!
//! Each command is killed after a random 0–30 ms plus an offset per command that adapts so
//! that kills keep landing on both sides of its commit (it stays near 0 for the quick commands
//! on an idle machine; the Argon2-bound `rekey` and `passwd` need more). The counts of kills
//! before and after the commit are printed per command. Each of three workers has its own
//! vault and starts a fresh one every 30 commands, so that the reads that check it stay quick.
//!
//! The run is seeded (`TRESOR_CRASH_SEED`, printed) for the choice of commands, values and
//! delays; where a kill lands still depends on the machine. `TRESOR_CRASH_ITERATIONS` sets the
//! number of kills (default 300; `tests/crash_long.sh` runs 1,000).

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::model::*;
use crate::support::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Op {
    Set,
    Rotate,
    Revoke,
    Import,
    Rekey,
    Passwd,
}

/// Iterations on one vault before a worker starts a new one.
const EPOCH: usize = 30;

/// The mix of commands: the two that run Argon2 (and cost two more runs of it to check) less
/// often than the others.
const OPS: [Op; 11] = [
    Op::Set,
    Op::Set,
    Op::Set,
    Op::Rotate,
    Op::Rotate,
    Op::Revoke,
    Op::Revoke,
    Op::Import,
    Op::Import,
    Op::Rekey,
    Op::Passwd,
];

/// What the test knows of one vault: its secrets, which of the two passphrase files opens it,
/// and its vault key.
#[derive(Clone, Debug, PartialEq, Eq)]
struct State {
    secrets: Secrets,
    pass: usize,
    vault_key: String,
}

/// One command to kill, with the state it leaves when it commits.
struct Step {
    op: Op,
    args: Vec<String>,
    stdin: String,
    after: State,
}

struct Worker {
    tv: TestVault,
    pass_files: [PathBuf; 2],
    state: State,
    rng: Rng,
    fresh: u64,
    /// Extra delay per command, added to the random 0–30 ms, so that kills keep landing around
    /// the commit of commands that take longer to get there (the ones that run Argon2, or all
    /// of them on a busy machine). Starts at half the time of a clean run for the slow ones, 0
    /// for the others, and adapts.
    head_start: [u64; 6],
    /// Where the time goes, printed at the end.
    timings: std::cell::RefCell<std::collections::BTreeMap<&'static str, Duration>>,
}

#[derive(Default, Debug)]
struct Stats {
    kills: usize,
    /// Kills after which the command had committed, per operation.
    committed: std::collections::BTreeMap<String, (usize, usize)>,
    finished: usize,
    iterations: usize,
}

impl Worker {
    fn new(seed: u64) -> Worker {
        let mut rng = Rng::new(seed);
        let (tv, pass_files, state) = Worker::fresh_vault(&mut rng);
        let mut w = Worker {
            tv,
            pass_files,
            state,
            rng,
            fresh: 0,
            head_start: [0; 6],
            timings: Default::default(),
        };
        // Time one clean run of the Argon2-bound commands (they also check the model).
        for op in [Op::Rekey, Op::Passwd] {
            let step = w.plan(op);
            let t = Instant::now();
            let out =
                w.tv.std_cmd()
                    .args(&step.args)
                    .stdin(Stdio::null())
                    .output()
                    .unwrap();
            let ms = t.elapsed().as_millis() as u64;
            assert!(out.status.success(), "{op:?}: {}", stderr(&out));
            w.head_start[op as usize] = ms / 2;
            w.state = w.check(&step, true).unwrap();
        }
        eprintln!(
            "crash: extra delay for rekey {} ms, passwd {} ms",
            w.head_start[Op::Rekey as usize],
            w.head_start[Op::Passwd as usize]
        );
        w
    }

    /// A new vault with a passphrase slot (passphrase file 0), a recipient slot (the test
    /// identity, which every command here unlocks with) and six secrets. Each worker starts a
    /// new one every `EPOCH` iterations, so that reads, which go through the whole audit log,
    /// stay as quick as in a young vault.
    fn fresh_vault(rng: &mut Rng) -> (TestVault, [PathBuf; 2], State) {
        let tv = TestVault::with_passphrase("crash passphrase zero");
        let p1 = tv.dir.path().join("passphrase1.txt");
        std::fs::write(&p1, "crash passphrase one\n").unwrap();
        let pass_files = [tv.passphrase_file.clone().unwrap(), p1];
        let mut secrets = Secrets::new();
        for i in 0..6 {
            let name = format!("BASE_{i}");
            let v = rng.value("base");
            tv.set(&name, &v);
            secrets.insert(name, Secret::active(1, &v));
        }
        let vault_key = vault_key(&tv).unwrap();
        let state = State {
            secrets,
            pass: 0,
            vault_key,
        };
        (tv, pass_files, state)
    }

    fn time(&self, what: &'static str, since: Instant) {
        *self.timings.borrow_mut().entry(what).or_default() += since.elapsed();
    }

    /// The vault is exactly as the model says (after commands that exited 0 unchecked).
    fn verify(&self) -> Result<(), String> {
        let found = observe(&self.tv)?;
        if found != self.state.secrets {
            return Err(format!(
                "the vault lost commands that exited 0: {}",
                diff(&self.state.secrets, &found)
            ));
        }
        Ok(())
    }

    fn renew(&mut self) {
        let t = Instant::now();
        let (tv, pass_files, state) = Worker::fresh_vault(&mut self.rng);
        self.tv = tv;
        self.pass_files = pass_files;
        self.state = state;
        self.time("new vault", t);
    }

    fn plan(&mut self, op: Op) -> Step {
        let mut after = self.state.clone();
        let secrets = &mut after.secrets;
        let active: Vec<String> = secrets
            .iter()
            .filter(|(_, s)| !s.revoked)
            .map(|(k, _)| k.clone())
            .collect();
        let all: Vec<String> = secrets.keys().cloned().collect();
        let tag = format!("{op:?}").to_lowercase();
        let bump = |secrets: &mut Secrets, name: &str, v: &str| {
            let version = secrets.get(name).map_or(1, |s| s.version + 1);
            secrets.insert(name.to_string(), Secret::active(version, v));
        };
        let (args, stdin): (Vec<String>, String) = match op {
            Op::Set => {
                let name = if self.rng.below(3) == 0 {
                    self.fresh += 1;
                    format!("NEW_{}", self.fresh)
                } else {
                    self.rng.pick(&all).clone()
                };
                let v = self.rng.value(&tag);
                bump(secrets, &name, &v);
                (vec!["set".into(), name], v)
            }
            Op::Rotate => {
                let name = self.rng.pick(&all).clone();
                let v = self.rng.value(&tag);
                bump(secrets, &name, &v);
                (
                    vec!["rotate".into(), name, "--from-file".into(), "-".into()],
                    v,
                )
            }
            Op::Revoke if !active.is_empty() => {
                let name = self.rng.pick(&active).clone();
                let s = secrets.get_mut(&name).unwrap();
                s.revoked = true;
                s.value = None;
                (
                    vec![
                        "revoke".into(),
                        name,
                        "--reason".into(),
                        "killed mid-way".into(),
                    ],
                    String::new(),
                )
            }
            Op::Revoke => return self.plan(Op::Set),
            Op::Import => {
                // Five fresh names, or five existing active ones with --overwrite.
                let overwrite = active.len() >= 5 && self.rng.below(2) == 0;
                let mut names: Vec<String> = Vec::new();
                while names.len() < 5 {
                    let n = if overwrite {
                        self.rng.pick(&active).clone()
                    } else {
                        self.fresh += 1;
                        format!("IMPORTED_{}", self.fresh)
                    };
                    if !names.contains(&n) {
                        names.push(n);
                    }
                }
                let mut dotenv = String::new();
                for n in &names {
                    let v = self.rng.value(&tag);
                    bump(secrets, n, &v);
                    dotenv.push_str(&format!("{n}={v}\n"));
                }
                let mut args = vec!["import".to_string(), "-".into()];
                if overwrite {
                    args.push("--overwrite".into());
                }
                (args, dotenv)
            }
            Op::Rekey => {
                after.vault_key = String::new(); // any other key: see `check`
                (
                    vec![
                        "rekey".into(),
                        "--passphrase-file".into(),
                        self.pass_files[self.state.pass].display().to_string(),
                    ],
                    String::new(),
                )
            }
            Op::Passwd => {
                after.pass = 1 - self.state.pass;
                (
                    vec![
                        "passwd".into(),
                        "--new-passphrase-file".into(),
                        self.pass_files[after.pass].display().to_string(),
                    ],
                    String::new(),
                )
            }
        };
        Step {
            op,
            args,
            stdin,
            after,
        }
    }

    /// Reads the vault's state back and checks it is `step.after` (`must_commit`) or either the
    /// state before or after. Returns the state found.
    fn check(&self, step: &Step, must_commit: bool) -> Result<State, String> {
        let t = Instant::now();
        let secrets = observe(&self.tv)?;
        self.time("observe", t);
        let mut found = State {
            secrets,
            pass: self.state.pass,
            vault_key: self.state.vault_key.clone(),
        };
        match step.op {
            Op::Passwd => {
                // Exactly one of the two passphrases opens the vault.
                let t = Instant::now();
                let a = opens_with_passphrase(&self.tv, &self.pass_files[0])?;
                let b = opens_with_passphrase(&self.tv, &self.pass_files[1])?;
                self.time("passphrases", t);
                if a == b {
                    return Err(format!(
                        "after passwd: passphrase 0 opens: {a}, passphrase 1 opens: {b}"
                    ));
                }
                found.pass = if a { 0 } else { 1 };
            }
            Op::Rekey => {
                // The passphrase slot was re-wrapped with the same passphrase, or not at all.
                let t = Instant::now();
                if !opens_with_passphrase(&self.tv, &self.pass_files[self.state.pass])? {
                    return Err("after rekey the passphrase no longer opens the vault".into());
                }
                self.time("passphrases", t);
                let t = Instant::now();
                found.vault_key = vault_key(&self.tv)?;
                self.time("vault key", t);
            }
            _ => {}
        }
        let is_after = found.secrets == step.after.secrets
            && found.pass == step.after.pass
            && (step.op != Op::Rekey || found.vault_key != self.state.vault_key);
        let is_before = found.secrets == self.state.secrets
            && found.pass == self.state.pass
            && found.vault_key == self.state.vault_key;
        if is_after || (is_before && !must_commit) {
            return Ok(found);
        }
        Err(format!(
            "the vault is neither as before nor as after {:?} {:?}\n  vs before: {}{}\n  vs after: {}{}",
            step.op,
            step.args,
            diff(&self.state.secrets, &found.secrets),
            if found.pass != self.state.pass {
                "; other passphrase"
            } else {
                ""
            },
            diff(&step.after.secrets, &found.secrets),
            if found.pass != step.after.pass {
                "; other passphrase"
            } else {
                ""
            },
        ))
    }

    /// One command, killed after a random delay unless it finished first.
    fn iteration(&mut self, stats: &mut Stats) -> Result<(), String> {
        let op = *self.rng.pick(&OPS);
        let step = self.plan(op);
        let delay = self.rng.below(31) + self.head_start[op as usize];
        let start = Instant::now();
        let mut child = self
            .tv
            .std_cmd()
            .args(&step.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        {
            // A killed child may not read it: a broken pipe is fine.
            let mut stdin = child.stdin.take().unwrap();
            let _ = stdin.write_all(step.stdin.as_bytes());
        }
        let deadline = start + Duration::from_millis(delay);
        if let Some(left) = deadline.checked_duration_since(Instant::now()) {
            std::thread::sleep(left);
        }
        let finished_first = child.try_wait().unwrap().is_some();
        if !finished_first {
            let _ = child.kill();
        }
        let out = child.wait_with_output().unwrap();
        self.time("killed command", start);
        let killed = out.status.signal() == Some(9);
        stats.iterations += 1;
        let what = format!("{:?} {:?} (delay {delay} ms)", step.op, step.args);
        if killed {
            stats.kills += 1;
        } else if out.status.success() {
            stats.finished += 1;
        } else {
            return Err(format!(
                "{what} exited {:?} without being killed: {}",
                out.status.code(),
                stderr(&out)
            ));
        }
        if !killed && !matches!(op, Op::Rekey | Op::Passwd) {
            // It exited 0 before the kill: the next check after a kill covers it (every
            // command that exited 0 must be reflected), which saves reading the vault here.
            let h = &mut self.head_start[op as usize];
            *h = *h * 3 / 4;
            self.state = step.after;
            return Ok(());
        }
        let found = self.check(&step, !killed).map_err(|e| {
            format!(
                "after {what}, {}: {e}",
                if killed { "killed" } else { "finished" }
            )
        })?;
        let committed = found != self.state;
        if killed {
            let e = stats.committed.entry(format!("{op:?}")).or_default();
            e.1 += 1;
            if committed {
                e.0 += 1;
            }
        }
        {
            // Steer the extra delay towards the command's commit: later after a kill that came
            // before it, earlier otherwise. It stays near 0 for the quick commands on an idle
            // machine (their commit comes within the first 30 ms), and follows them when the
            // machine is busy.
            let h = &mut self.head_start[op as usize];
            *h = match (killed, committed) {
                (true, false) => *h * 5 / 4 + 5,
                (true, true) => *h * 9 / 10,
                (false, _) => *h * 3 / 4,
            };
        }
        self.state = found;
        Ok(())
    }
}

fn run_workers(kills: usize, seed: u64) -> Vec<Stats> {
    // Three workers: much of each one's time is spent waiting on fsync and sleeps.
    let workers = 3;
    let per = kills.div_ceil(workers);
    let started = Instant::now();
    let results: Vec<Result<Stats, String>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|i| {
                s.spawn(move || {
                    let wseed = seed ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
                    let mut w = Worker::new(wseed);
                    let mut stats = Stats::default();
                    // Bounded, in case commands keep finishing before their kill.
                    while stats.kills < per && stats.iterations < per * 4 {
                        if stats.iterations > 0 && stats.iterations % EPOCH == 0 {
                            w.verify().map_err(|e| format!("worker {i}: {e}"))?;
                            w.renew();
                        }
                        w.iteration(&mut stats).map_err(|e| {
                            format!(
                                "worker {i} (seed {wseed:#x}), iteration {}: {e}",
                                stats.iterations
                            )
                        })?;
                    }
                    w.verify().map_err(|e| format!("worker {i}: {e}"))?;
                    eprintln!(
                        "  worker {i}: time spent {:?}, extra delay now rekey {} ms, passwd {} ms",
                        w.timings.borrow(),
                        w.head_start[Op::Rekey as usize],
                        w.head_start[Op::Passwd as usize]
                    );
                    Ok(stats)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut out = Vec::new();
    for r in results {
        match r {
            Ok(s) => out.push(s),
            Err(e) => panic!("{e}"),
        }
    }
    eprintln!(
        "crash: {} kills, {} runs that finished first, {:.1} s",
        out.iter().map(|s| s.kills).sum::<usize>(),
        out.iter().map(|s| s.finished).sum::<usize>(),
        started.elapsed().as_secs_f64()
    );
    for (i, s) in out.iter().enumerate() {
        eprintln!(
            "  worker {i}: (committed, killed) per command: {:?}",
            s.committed
        );
    }
    out
}

#[test]
fn sigkill_leaves_every_command_all_or_nothing() {
    let seed = seed_from_env("TRESOR_CRASH_SEED", 0x7265_736f_7200_0001);
    let kills = count_from_env("TRESOR_CRASH_ITERATIONS", 300);
    let stats = run_workers(kills, seed);
    let total: usize = stats.iter().map(|s| s.kills).sum();
    assert!(
        total >= kills,
        "only {total} of {kills} runs could be killed before they finished"
    );
    // Kills landed on both sides of the commit of the quick commands.
    let committed: usize = stats
        .iter()
        .flat_map(|s| s.committed.values())
        .map(|c| c.0)
        .sum();
    assert!(
        committed > 0 && committed < total,
        "{committed} of {total} kills came after the commit: the delays miss the commit"
    );
}
