//! Process hardening (DESIGN "Runtime rules": `PR_SET_DUMPABLE=0`, `RLIMIT_CORE=0`): a running
//! `tresor run --mask` parent and a running session agent (`tresor unlock`) refuse a process of
//! the same user that reads their `/proc/PID/environ` or `/proc/PID/mem` or attaches with
//! `ptrace`, while the same probe succeeds on the dumpable `sleep` that `run` started (so the
//! probe is sound); both have a soft core size limit of 0 even when started with an unlimited
//! one (the hard limit stays the user's, so that the command of `run` can get it back);
//! and a `run --mask` parent killed by SIGSEGV or SIGABRT leaves no core file, where a dumpable
//! process started the same way does leave one (when the kernel writes cores to files).
//!
//! Root bypasses all of these checks, so tresor and the probe both run as `nobody` (uid 65534,
//! through `setpriv`), in a folder of nobody's under /tmp, from a copy of the binary there: the
//! checkout may sit under a folder other users cannot enter (a 0700 or 0750 home). The test
//! needs root for that and is skipped (with a message) otherwise; CI runs as root.

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::*;

const NOBODY: u32 = 65534;

/// The probe, run as nobody by the system python (usable by every user): reads environ, opens
/// mem, attaches with ptrace (and detaches at once if that worked). Prints one JSON object.
const PROBE: &str = r#"
import ctypes, json, os, sys
pid = int(sys.argv[1])
res = {}
try:
    with open("/proc/%d/environ" % pid, "rb") as f:
        f.read()
    res["environ"] = "read"
except OSError as e:
    res["environ"] = os.strerror(e.errno)
try:
    fd = os.open("/proc/%d/mem" % pid, os.O_RDONLY)
    os.close(fd)
    res["mem"] = "opened"
except OSError as e:
    res["mem"] = os.strerror(e.errno)
libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
libc.ptrace.restype = ctypes.c_long
if libc.ptrace(16, pid, None, None) == 0:  # PTRACE_ATTACH
    res["ptrace"] = "attached"
    os.waitpid(pid, 0x40000000)  # __WALL
    libc.ptrace(17, pid, None, None)  # PTRACE_DETACH
else:
    res["ptrace"] = os.strerror(ctypes.get_errno())
print(json.dumps(res))
"#;

struct Sandbox {
    dir: tempfile::TempDir,
    bin: PathBuf,
    recipient: String,
    /// Processes this test started, killed by id at the end.
    pids: std::cell::RefCell<Vec<i32>>,
}

impl Sandbox {
    fn new() -> Sandbox {
        // In /tmp, which every user can enter, whatever TMPDIR says (it can be private).
        let dir = tempfile::Builder::new()
            .prefix("tresor-hardening")
            .tempdir_in("/tmp")
            .unwrap();
        let root = dir.path();
        for sub in ["home", "run", "work", "control"] {
            std::fs::create_dir_all(root.join(sub)).unwrap();
        }
        let (secret, recipient) = age_identity();
        std::fs::write(root.join("identity.txt"), format!("{secret}\n")).unwrap();
        chown_tree(root);
        // The binary, always copied into the sandbox, a folder of nobody's: the checkout and
        // target/ may sit under a folder that other users cannot enter (a 0700 or 0750 home).
        // A check that nobody can run the original is not enough: `setpriv` may exec it while
        // a shell started as nobody (`masked_sleep`) may not.
        let copy = root.join("tresor");
        std::fs::copy(BIN, &copy).unwrap();
        std::os::unix::fs::chown(&copy, Some(NOBODY), Some(NOBODY)).unwrap();
        Sandbox {
            bin: copy,
            dir,
            recipient,
            pids: Default::default(),
        }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    /// tresor as nobody, with a private environment, after `pre` (a program and its first
    /// arguments that exec the rest, such as a shell raising a limit).
    fn as_nobody(&self, pre: &[&str]) -> Command {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .args(pre)
            .arg(&self.bin);
        let r = self.root();
        c.env_clear()
            .env("PATH", "/usr/local/bin:/usr/bin:/bin")
            .env("HOME", r.join("home"))
            .env("XDG_DATA_HOME", r.join("home/.local/share"))
            .env("XDG_CONFIG_HOME", r.join("home/.config"))
            .env("XDG_STATE_HOME", r.join("home/.local/state"))
            .env("XDG_RUNTIME_DIR", r.join("run"))
            .env("TRESOR_IDENTITY_FILE", r.join("identity.txt"))
            .env("LANG", "C.UTF-8")
            .current_dir(r.join("work"));
        c
    }

    fn ok(&self, args: &[&str], stdin: &str) -> String {
        let mut child = self
            .as_nobody(&[])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("setpriv (util-linux) is installed");
        {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(stdin.as_bytes())
                .unwrap();
        }
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "tresor {args:?} as nobody: {}",
            stderr(&out)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// `tresor run --mask -- sleep 30` as nobody, started with an unlimited core size, in
    /// `cwd`. Returns the tresor process and the pid of its `sleep`.
    fn masked_sleep(&self, cwd: &Path) -> (Child, i32) {
        let child = self
            .as_nobody(&["/bin/sh", "-c", "ulimit -c unlimited && exec \"$0\" \"$@\""])
            .args(["run", "--mask", "--", "sleep", "30"])
            .current_dir(cwd)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let pid = child.id() as i32;
        self.pids.borrow_mut().push(pid);
        let sleep = wait_for(|| {
            let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok()?;
            if exe != self.bin && exe.file_name() != self.bin.file_name() {
                return None;
            }
            children(pid).into_iter().find(|c| {
                std::fs::read_link(format!("/proc/{c}/exe"))
                    .is_ok_and(|e| e.file_name().is_some_and(|n| n == "sleep"))
            })
        })
        .expect("tresor run --mask started sleep");
        self.pids.borrow_mut().push(sleep);
        (child, sleep)
    }

    /// The probe's findings on `pid`, as nobody.
    fn probe(&self, pid: i32) -> serde_json::Value {
        let out = Command::new("setpriv")
            .args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "--",
                "/usr/bin/python3",
                "-c",
                PROBE,
                &pid.to_string(),
            ])
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .current_dir("/")
            .output()
            .unwrap();
        assert!(out.status.success(), "probe: {}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.as_nobody(&[]).arg("lock").output();
        for pid in self.pids.borrow().iter() {
            kill_if_ours(*pid);
        }
    }
}

/// SIGKILL to `pid` if it still runs as nobody (one of this test's processes, not a process
/// that got its id since).
fn kill_if_ours(pid: i32) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let ours = status
        .lines()
        .find(|l| l.starts_with("Uid:"))
        .is_some_and(|l| l.split_whitespace().nth(1) == Some("65534"));
    if ours {
        let _ = rustix::process::kill_process(
            rustix::process::Pid::from_raw(pid).unwrap(),
            rustix::process::Signal::KILL,
        );
    }
}

fn chown_tree(p: &Path) {
    std::os::unix::fs::chown(p, Some(NOBODY), Some(NOBODY)).unwrap();
    if p.is_dir() {
        for e in std::fs::read_dir(p).unwrap() {
            chown_tree(&e.unwrap().path());
        }
    }
}

fn children(pid: i32) -> Vec<i32> {
    std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|s| s.parse().ok())
        .collect()
}

fn wait_for<T>(mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Some(t) = f() {
            return Some(t);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

/// The soft and hard core size limits in /proc/PID/limits.
fn core_limit(pid: i32) -> String {
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap();
    let line = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .unwrap();
    line.split_whitespace()
        .skip(4)
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}

fn refused(probe: &serde_json::Value) -> bool {
    probe["environ"] != "read" && probe["mem"] != "opened" && probe["ptrace"] != "attached"
}

fn core_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("core"))
        .collect()
}

fn root_or_skip() -> bool {
    if rustix::process::getuid().as_raw() != 0 {
        eprintln!(
            "skipped: needs root to run tresor and the probe as another user (root bypasses \
             the checks under test); CI runs as root"
        );
        return false;
    }
    true
}

#[test]
fn run_mask_and_the_agent_are_not_dumpable() {
    if !root_or_skip() {
        return;
    }
    let sb = Sandbox::new();
    let recipient = sb.recipient.clone();
    sb.ok(&["init", "--no-passphrase", "--recipient", &recipient], "");
    sb.ok(&["set", "HARDENED"], "hardening-canary-value");

    // The run --mask parent, and its dumpable child as the control.
    let work = sb.root().join("work");
    let (mut masked, sleep) = sb.masked_sleep(&work);
    let pid = masked.id() as i32;
    let control = sb.probe(sleep);
    assert_eq!(
        control,
        serde_json::json!({"environ": "read", "mem": "opened", "ptrace": "attached"}),
        "the probe must work on a dumpable process of the same user (the sleep that run \
         started); without that this test proves nothing"
    );
    let parent = sb.probe(pid);
    assert!(
        refused(&parent),
        "the tresor run --mask parent (pid {pid}) let a same-user process in: {parent}"
    );
    assert_eq!(
        core_limit(pid),
        "0 unlimited",
        "tresor run --mask started with an unlimited core size"
    );
    assert_eq!(
        core_limit(sleep),
        "unlimited unlimited",
        "the command of run --mask gets the user's core size limits back"
    );
    let _ = masked.kill();
    let _ = masked.wait();

    // The agent.
    sb.ok(&["unlock", "--timeout", "5m"], "");
    let status: serde_json::Value =
        serde_json::from_str(&sb.ok(&["status", "--json", "-q"], "")).unwrap();
    let agent = status["agent"]["pid"]
        .as_i64()
        .expect("status --json gives the agent's pid") as i32;
    sb.pids.borrow_mut().push(agent);
    let found = sb.probe(agent);
    assert!(
        refused(&found),
        "the agent (pid {agent}) let a same-user process in: {found}"
    );
    assert_eq!(
        core_limit(agent).split(' ').next(),
        Some("0"),
        "the agent's soft core size limit"
    );
    assert_eq!(
        sb.ok(&["get", "-n", "HARDENED"], ""),
        "hardening-canary-value"
    );
    sb.ok(&["lock"], "");
    assert!(
        wait_for(|| (!Path::new(&format!("/proc/{agent}")).exists()).then_some(())).is_some(),
        "the agent exits on lock"
    );
}

#[test]
fn a_crashed_run_mask_parent_leaves_no_core_file() {
    if !root_or_skip() {
        return;
    }
    let sb = Sandbox::new();
    let recipient = sb.recipient.clone();
    sb.ok(&["init", "--no-passphrase", "--recipient", &recipient], "");
    sb.ok(&["set", "HARDENED"], "hardening-canary-value");
    let pattern = std::fs::read_to_string("/proc/sys/kernel/core_pattern").unwrap_or_default();

    // The control: a dumpable process started the same way (nobody, unlimited core size, in a
    // folder of nobody's) does dump core, when the kernel writes cores to files.
    let control_dir = sb.root().join("control");
    let mut control = Command::new("setpriv")
        .args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--",
            "/bin/sh",
            "-c",
            "ulimit -c unlimited && exec sleep 30",
        ])
        .current_dir(&control_dir)
        .spawn()
        .unwrap();
    sb.pids.borrow_mut().push(control.id() as i32);
    wait_for(|| {
        std::fs::read_link(format!("/proc/{}/exe", control.id()))
            .is_ok_and(|e| e.ends_with("sleep"))
            .then_some(())
    })
    .unwrap();
    rustix::process::kill_process(
        rustix::process::Pid::from_raw(control.id() as i32).unwrap(),
        rustix::process::Signal::SEGV,
    )
    .unwrap();
    let st = control.wait().unwrap();
    let control_cores = wait_for(|| Some(core_files(&control_dir)).filter(|c| !c.is_empty()));
    let files_work = !pattern.starts_with('|');
    if files_work {
        assert!(
            st.core_dumped() && control_cores.is_some(),
            "the control process left no core file (core_pattern {pattern:?}, status {st:?}): \
             this test could not see one from tresor either"
        );
    } else {
        eprintln!(
            "note: core_pattern {pattern:?} pipes cores to a program: only the kernel's \
             \"core dumped\" flag can be checked"
        );
    }

    for signal in [
        rustix::process::Signal::SEGV,
        rustix::process::Signal::ABORT,
    ] {
        let cwd = sb.root().join(format!("crash-{signal:?}"));
        std::fs::create_dir_all(&cwd).unwrap();
        std::os::unix::fs::chown(&cwd, Some(NOBODY), Some(NOBODY)).unwrap();
        let (mut masked, sleep) = sb.masked_sleep(&cwd);
        let pid = masked.id() as i32;
        // Rust's runtime catches the first SIGSEGV (its stack-overflow handler), restores the
        // default action and returns: a real fault faults again, a sent one needs sending
        // again. So send until the process ends.
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        let st = loop {
            let _ =
                rustix::process::kill_process(rustix::process::Pid::from_raw(pid).unwrap(), signal);
            std::thread::sleep(Duration::from_millis(100));
            if let Some(st) = masked.try_wait().unwrap() {
                break st;
            }
            if std::time::Instant::now() > deadline {
                let _ = masked.kill();
                panic!("tresor run --mask did not end on {signal:?} within 60 s");
            }
        };
        assert_eq!(
            st.signal(),
            Some(signal.as_raw()),
            "tresor run --mask ended by {signal:?}: {st:?}"
        );
        assert!(
            !st.core_dumped(),
            "{signal:?}: the kernel dumped core of tresor"
        );
        // The command goes on (nothing forwards these signals); end it.
        kill_if_ours(sleep);
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(
            core_files(&cwd),
            Vec::<String>::new(),
            "{signal:?} left a core file of tresor in its folder"
        );
    }
}
