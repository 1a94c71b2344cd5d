//! No plaintext on disk (README "It never writes a plaintext secret to disk"): a scenario that
//! goes through every command family (init, set, get, list, generate --print, rotate, revoke,
//! history, export into a pipe, import, run, run --mask, bundle export, access grant, audit,
//! status, scan, passwd, rekey, unlock and lock with commands served by the agent) runs under
//! `strace -f -y -s 1048576 -e trace=write,pwrite64,writev,pwritev,pwritev2`, with canaries as
//! values, a name, a note, a revocation reason and both passphrases. No write by tresor, the
//! agent or the commands `run` starts to a regular file (strace `-y` names the file behind each
//! descriptor; pipes, sockets and terminals do not count) holds a canary; no value or
//! passphrase canary reaches stderr; and afterwards no file under the test's home (the vault
//! folder, config and state), the test's temp folder (also `TMPDIR`) or /dev/shm holds one.
//! Only the raw bytes are looked for: tresor has no reason to write a secret in any encoding.
//! One exception is by design: `edit` hands the value to the editor, and `run --file` to the
//! command, in a file in a private folder in memory (`/dev/shm/tresor-…`); writes there are
//! allowed, and the check of /dev/shm afterwards shows that the folder is gone.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::model::wrapped;
use crate::support::*;

const TRACED: &str = "trace=write,pwrite64,writev,pwritev,pwritev2";

struct Scenario {
    tv: TestVault,
    /// Outside the test's folder: the traces hold the canaries, on purpose.
    traces: tempfile::TempDir,
    n: usize,
    /// (what, canary): every one is looked for in the traces and on disk.
    canaries: Vec<(String, String)>,
    /// Of those, the ones that must not reach stderr either (values, passphrases).
    secret: Vec<String>,
    stderrs: Vec<(String, String)>,
}

impl Scenario {
    fn canary(&mut self, what: &str, value: String, secret: bool) -> String {
        if secret {
            self.secret.push(value.clone());
        }
        self.canaries.push((what.to_string(), value.clone()));
        value
    }

    fn trace_file(&mut self, args: &[&str]) -> PathBuf {
        self.n += 1;
        let label: String = args
            .iter()
            .take(2)
            .map(|a| a.replace(|c: char| !c.is_ascii_alphanumeric(), ""))
            .collect::<Vec<_>>()
            .join("-");
        self.traces
            .path()
            .join(format!("{:02}-{label}.trace", self.n))
    }

    /// `c` under strace, and the file its trace goes to.
    fn strace(&mut self, c: &Command, args: &[&str]) -> (Command, PathBuf) {
        let trace = self.trace_file(args);
        let w = wrapped(
            c,
            &[
                "strace",
                "-f",
                "-y",
                "-s",
                "1048576",
                "-e",
                TRACED,
                "-o",
                trace.to_str().unwrap(),
                "--",
            ],
        );
        (w, trace)
    }

    /// `c` with `args` under strace, `stdin` fed through a pipe; insists on exit 0.
    fn run_with(&mut self, mut c: Command, args: &[&str], stdin: &[u8]) -> Output {
        c.args(args);
        let mut child = self
            .strace(&c, args)
            .0
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("strace is installed (.ci/run installs it)");
        let mut input = child.stdin.take().unwrap();
        input.write_all(stdin).unwrap();
        drop(input);
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "tresor {args:?} exited {:?}: {}",
            out.status.code(),
            stderr(&out)
        );
        self.stderrs.push((format!("{args:?}"), stderr(&out)));
        out
    }

    /// With the test identity.
    fn run(&mut self, args: &[&str], stdin: &[u8]) -> Output {
        let c = self.tv.std_cmd();
        self.run_with(c, args, stdin)
    }

    fn stdout(&mut self, args: &[&str], stdin: &[u8]) -> String {
        String::from_utf8(self.run(args, stdin).stdout).unwrap()
    }
}

/// Every write to a regular file in a trace that holds a canary.
fn leaks_in_trace(trace: &str, canaries: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for line in trace.lines() {
        // "PID syscall(FD</path>, …"
        let Some(rest) = line.split_once(' ').map(|(_, r)| r.trim_start()) else {
            continue;
        };
        let Some((syscall, args)) = rest.split_once('(') else {
            continue;
        };
        if !matches!(
            syscall,
            "write" | "pwrite64" | "writev" | "pwritev" | "pwritev2"
        ) {
            continue;
        }
        let Some(target) = args
            .split_once('<')
            .and_then(|(_, t)| t.split_once(">,").map(|(p, _)| p))
        else {
            continue;
        };
        if !is_file(target) || is_edit_buffer(target) {
            continue;
        }
        for (what, c) in canaries {
            if line.contains(c.as_str()) {
                found.push(format!(
                    "{what} written to {target}: {}",
                    line.chars().take(200).collect::<String>()
                ));
            }
        }
    }
    found
}

/// What strace `-y` shows for a descriptor on a file that can reach a disk: a path, not a
/// pipe, socket, anonymous inode, terminal or /dev/null (/dev/shm counts: it outlives us).
fn is_file(target: &str) -> bool {
    if !target.starts_with('/') || target.starts_with("/memfd:") {
        return false;
    }
    if let Some(dev) = target.strip_prefix("/dev/") {
        return dev.starts_with("shm/");
    }
    true
}

/// The file `edit` gives the editor, or `run --file` the command: in a private folder in
/// memory, removed afterwards.
fn is_edit_buffer(target: &str) -> bool {
    target
        .strip_prefix("/dev/shm/tresor-")
        .is_some_and(|rest| rest.split_once('/').is_some_and(|(dir, _)| dir.len() == 24))
}

/// Every regular file under `root` (symbolic links not followed) holding a canary.
fn leaks_on_disk(root: &Path, skip: &Path, canaries: &[(String, String)], out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.starts_with(skip) {
            continue;
        }
        let Ok(m) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if m.is_dir() {
            leaks_on_disk(&p, skip, canaries, out);
        } else if m.is_file() {
            let Ok(bytes) = std::fs::read(&p) else {
                continue;
            };
            for (what, c) in canaries {
                if contains(&bytes, c.as_bytes()) {
                    out.push(format!("{what} found in {}", p.display()));
                }
            }
        }
    }
}

/// Ends the agent however the test ends: `tresor lock`, ready to run.
struct Locked(Command);

impl Drop for Locked {
    fn drop(&mut self) {
        let _ = self.0.output();
    }
}

fn agent_running(tv: &TestVault) -> bool {
    let out = tv
        .std_cmd()
        .args(["status", "--json", "-q"])
        .output()
        .unwrap();
    serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .is_ok_and(|v| v["agent"]["running"] == true)
}

#[test]
fn no_canary_is_written_to_a_file() {
    let started = Instant::now();
    let mut tv = TestVault::uninit();
    let tmp = tv.dir.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    tv.set_env("TMPDIR", tmp.to_str().unwrap());
    let mut s = Scenario {
        tv,
        traces: tempfile::tempdir().unwrap(),
        n: 0,
        canaries: vec![],
        secret: vec![],
        stderrs: vec![],
    };
    let pass0 = s.canary("the first passphrase", canary(), true);
    let pass1 = s.canary("the new passphrase", canary(), true);
    let name = s.canary(
        "a secret's name",
        format!("CANARY_{}", &canary()[7..]).to_uppercase(),
        false,
    );
    let note = s.canary("a note", canary(), false);
    let reason = s.canary("a revocation reason", canary(), false);
    let v1 = s.canary("set (version 1)", canary(), true);
    let v2 = s.canary("set (version 2)", canary(), true);
    let va = s.canary("set", canary(), true);
    let vrot = s.canary("rotate --from-file -", canary(), true);
    let vi1 = s.canary("import", canary(), true);
    let vi2 = s.canary("import (quoted)", canary(), true);
    let vagent = s.canary("set through the agent", canary(), true);
    let recipient = s.tv.recipient.clone();

    // init, with the passphrase from the environment (not a file: it is a canary too).
    let mut c = s.tv.std_raw();
    c.env("TRESOR_PASSPHRASE", &pass0);
    s.run_with(
        c,
        &[
            "init",
            "--kdf-memory",
            "19",
            "--kdf-iterations",
            "2",
            "--kdf-parallelism",
            "1",
            "--recipient",
            &recipient,
        ],
        b"",
    );
    s.run(&["set", &name, "--note", &note], v1.as_bytes());
    s.run(&["set", &name], v2.as_bytes());
    s.run(&["set", "PLAIN_A"], va.as_bytes());
    assert_eq!(s.stdout(&["get", "-n", &name], b""), v2);
    assert_eq!(s.stdout(&["get", "-n", &name, "--version", "1"], b""), v1);
    s.run(&["list"], b"");
    s.run(&["list", "--json", "--revoked"], b"");
    let generated = s.stdout(&["generate", "GEN_KEY", "--print"], b"");
    let generated = s.canary("generate --print", generated.trim().to_string(), true);
    assert!(generated.len() >= 20, "{generated:?}");
    s.run(&["rotate", "PLAIN_A", "--from-file", "-"], vrot.as_bytes());
    s.run(&["rotate", "GEN_KEY"], b"");
    let rotated = s.stdout(&["get", "-n", "GEN_KEY"], b"");
    let rotated = s.canary("rotate (from the recipe)", rotated, true);
    assert!(rotated.len() >= 20, "{rotated:?}");
    s.run(&["revoke", "PLAIN_A", "--reason", &reason], b"");
    s.run(&["history", &name], b"");
    s.run(&["history", "PLAIN_A", "--json"], b"");
    // export into a pipe, in every format
    let dotenv = s.stdout(&["export"], b"");
    assert!(dotenv.contains(&v2), "export");
    s.run(&["export", "--format", "json"], b"");
    s.run(&["export", "--format", "shell"], b"");
    s.run(
        &["import", "-"],
        format!("IMP_1={vi1}\nexport IMP_2=\"{vi2}\"\n").as_bytes(),
    );
    // run: the values in the child's environment, printed into a pipe
    let env = s.stdout(&["run", "--", "env"], b"");
    assert!(env.contains(&vi1) && env.contains(&rotated), "run");
    let masked = s.stdout(
        &[
            "run",
            "--mask",
            "--",
            "sh",
            "-c",
            "printf '%s\\n' \"$IMP_1\" \"$IMP_2\"",
        ],
        b"",
    );
    assert!(
        !masked.contains(&vi1) && masked.contains("********"),
        "{masked}"
    );
    // edit: the editor (a script) replaces the value, given to it in the environment.
    let vedit = s.canary("edit", canary(), true);
    let script = s.tv.dir.path().join("editor.sh");
    std::fs::write(&script, "#!/bin/sh\nprintf '%s' \"$EDIT_VALUE\" > \"$1\"\n").unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let mut c = s.tv.std_cmd();
    c.env("EDITOR", &script).env("EDIT_VALUE", &vedit);
    s.run_with(c, &["edit", "PLAIN_B"], b"");
    assert_eq!(s.stdout(&["get", "-n", "PLAIN_B"], b""), vedit, "edit");
    let from_file = s.stdout(
        &[
            "run",
            "--file",
            "PLAIN_B",
            "--",
            "sh",
            "-c",
            "cat \"$PLAIN_B_FILE\"",
        ],
        b"",
    );
    assert_eq!(from_file, vedit, "run --file");
    let rendered = s.stdout(&["inject"], b"v={{ tresor://PLAIN_B }}");
    assert_eq!(rendered, format!("v={vedit}"), "inject");
    let (_, bundle_recipient) = age_identity();
    let bundle = s.run(&["bundle", "export", "--recipient", &bundle_recipient], b"");
    assert!(!bundle.stdout.is_empty());
    let (_, grant_recipient) = age_identity();
    s.run(
        &[
            "access",
            "grant",
            "-e",
            "dev",
            "--recipient",
            &grant_recipient,
            "--name",
            "ci",
        ],
        b"",
    );
    s.run(&["audit"], b"");
    s.run(&["audit", "--json"], b"");
    s.run(&["audit", "verify"], b"");
    s.run(&["status"], b"");
    s.run(&["status", "--json"], b"");
    let scanned = s.tv.dir.path().join("project");
    std::fs::create_dir_all(&scanned).unwrap();
    std::fs::write(scanned.join("config.txt"), "nothing to see here\n").unwrap();
    s.run(&["scan", scanned.to_str().unwrap()], b"");
    // passwd: the new passphrase through a pipe, /dev/stdin
    s.run(
        &["passwd", "--new-passphrase-file", "/dev/stdin"],
        format!("{pass1}\n").as_bytes(),
    );
    let mut c = s.tv.std_cmd();
    c.env("TRESOR_PASSPHRASE", &pass1);
    s.run_with(c, &["rekey"], b"");
    let mut c = s.tv.std_raw();
    c.env("TRESOR_PASSPHRASE", &pass1);
    s.run_with(c, &["list", "-q"], b"");

    // unlock: the agent lives on under strace (-f) until `lock`.
    let mut lock = s.tv.std_raw();
    lock.arg("lock");
    let _guard = Locked(lock);
    let mut c = s.tv.std_raw();
    c.env("TRESOR_PASSPHRASE", &pass1)
        .args(["unlock", "--timeout", "5m"]);
    // Its messages go to a file beside the traces (the agent may keep the descriptors open, so
    // no pipe that the test would wait on).
    let unlock_err = s.traces.path().join("unlock.stderr");
    let (mut c, unlock_trace) = s.strace(&c, &["unlock"]);
    let mut unlock = c
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&unlock_err).unwrap())
        .spawn()
        .unwrap();
    // strace runs until the agent exits: wait for `unlock` itself to exit, and start nothing
    // before (no command runs alongside it). `unlock` names the agent's pid on stderr; its own
    // exit is the trace's "exited" line of any other pid. (Not "the first pid in the trace":
    // with only the write family traced, the agent may write before `unlock` does. strace pads
    // a pid to five columns, so a 4-digit pid is followed by two spaces.)
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let said = std::fs::read_to_string(&unlock_err).unwrap_or_default();
        let agent_pid = said
            .split("(pid ")
            .nth(1)
            .and_then(|rest| rest.split(')').next())
            .map(str::to_string);
        let trace = std::fs::read_to_string(&unlock_trace).unwrap_or_default();
        let exited = agent_pid.as_ref().and_then(|agent| {
            trace.lines().find_map(|l| {
                let (pid, rest) = l.split_once(' ')?;
                let code = rest.trim_start().strip_prefix("+++ exited with ")?;
                (pid != agent).then(|| code.to_string())
            })
        });
        if let Some(code) = exited {
            assert!(code.starts_with("0 "), "unlock exited {code}: {said}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "unlock did not finish: {:?}: {said}",
            unlock.try_wait()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(agent_running(&s.tv), "the agent runs after unlock");
    // Served by the agent: no identity, no passphrase.
    let c = s.tv.std_raw();
    let got = s.run_with(c, &["get", "-n", &name], b"");
    assert_eq!(String::from_utf8_lossy(&got.stdout), v2);
    let c = s.tv.std_raw();
    s.run_with(c, &["set", "AGENT_SET"], vagent.as_bytes());
    let c = s.tv.std_raw();
    s.run_with(c, &["run", "--", "env"], b"");
    let c = s.tv.std_raw();
    s.run_with(c, &["lock"], b"");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(st) = unlock.try_wait().unwrap() {
            assert!(st.success(), "unlock under strace: {st:?}");
            break;
        }
        if Instant::now() > deadline {
            let _ = unlock.kill();
            panic!("the agent (traced) did not exit after lock");
        }
        std::thread::sleep(Duration::from_millis(50));
    }

    // 1. No write to a file holds a canary.
    let mut leaks = Vec::new();
    let mut traced_writes = 0;
    let mut files_written = std::collections::BTreeSet::new();
    for e in std::fs::read_dir(s.traces.path()).unwrap() {
        let p = e.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        for l in text.lines() {
            if let Some((_, rest)) = l.split_once(' ') {
                if let Some(t) = rest.split_once('<').and_then(|(_, t)| t.split_once(">,")) {
                    traced_writes += 1;
                    if is_file(t.0) {
                        files_written.insert(t.0.to_string());
                    }
                }
            }
        }
        for l in leaks_in_trace(&text, &s.canaries) {
            leaks.push(format!("{}: {l}", p.file_name().unwrap().to_string_lossy()));
        }
    }
    assert!(
        traced_writes > 100 && files_written.iter().any(|f| f.ends_with("vault.db-wal")),
        "the traces look empty: {traced_writes} writes, files {files_written:?}"
    );
    // 2. No value or passphrase on stderr.
    for (args, err) in &s.stderrs {
        for c in &s.secret {
            if err.contains(c.as_str()) {
                leaks.push(format!("a secret canary on the stderr of {args}"));
            }
        }
    }
    // 3. None on disk afterwards.
    let skip = s.traces.path().to_path_buf();
    leaks_on_disk(s.tv.dir.path(), &skip, &s.canaries, &mut leaks);
    leaks_on_disk(&s.tv.home, &skip, &s.canaries, &mut leaks);
    leaks_on_disk(s.tv.vault.parent().unwrap(), &skip, &s.canaries, &mut leaks);
    leaks_on_disk(Path::new("/dev/shm"), &skip, &s.canaries, &mut leaks);
    // The files written, with the process ids in temporary names folded.
    let files: std::collections::BTreeSet<String> = files_written
        .iter()
        .map(|f| {
            let f = f
                .strip_prefix(s.tv.dir.path().to_str().unwrap())
                .unwrap_or(f);
            match f.rsplit_once('.') {
                Some((head, pid)) if pid.bytes().all(|b| b.is_ascii_digit()) => {
                    format!("{head}.PID")
                }
                _ => f.to_string(),
            }
        })
        .collect();
    eprintln!(
        "leaks: {} commands traced, {traced_writes} writes, files written: {files:?}, {:.1} s",
        s.n,
        started.elapsed().as_secs_f64()
    );
    assert!(leaks.is_empty(), "plaintext on disk:\n{}", leaks.join("\n"));
}

/// The trace reader itself: a canary written to a file is found, one written to a pipe, a
/// socket, a terminal or /dev/null is not.
#[test]
fn the_trace_reader_finds_a_write_to_a_file() {
    let c = vec![("v".to_string(), "canary_0123".to_string())];
    let hit = r#"42 write(3</home/u/.local/share/x.txt>, "a canary_0123 b", 15) = 15"#;
    let hit_v =
        r#"42 pwritev(7</dev/shm/y (deleted)>, [{iov_base="canary_0123", iov_len=11}], 1, 0) = 11"#;
    assert_eq!(leaks_in_trace(hit, &c).len(), 1);
    assert_eq!(leaks_in_trace(hit_v, &c).len(), 1);
    for miss in [
        r#"42 write(1<pipe:[123]>, "canary_0123", 11) = 11"#,
        r#"42 write(5<socket:[9]>, "canary_0123", 11) = 11"#,
        r#"42 write(2</dev/pts/0>, "canary_0123", 11) = 11"#,
        r#"42 write(2</dev/null>, "canary_0123", 11) = 11"#,
        r#"42 write(3</tmp/f>, "nothing", 7) = 7"#,
    ] {
        assert!(leaks_in_trace(miss, &c).is_empty(), "{miss}");
    }
}
