//! Starting the command of `tresor run`. Without `--mask`, tresor replaces itself with the
//! command (execve: same PID, the command's own signals and exit status). With `--mask`, it
//! stays as parent: pipes the command's stdout and stderr through the redactor, forwards
//! signals, and exits with the command's status (128+N after signal N).

use std::ffi::OsString;
use std::io::{IsTerminal, Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::sync::Arc;

use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGWINCH};
use signal_hook::iterator::SignalsInfo;
use signal_hook::iterator::exfiltrator::WithOrigin;

use crate::error::{Error, Kind, Result};
use crate::mask::{Masker, Patterns};

/// Variables `--no-inherit` keeps from the parent.
pub const KEPT_WITHOUT_INHERIT: &[&str] =
    &["PATH", "HOME", "USER", "LOGNAME", "LANG", "TERM", "TZ"];

/// Signals `--mask` forwards to the command.
pub const FORWARDED: [i32; 7] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH];

/// The parent's environment for the child: all of it, or the `--no-inherit` few, and never the
/// variables that unlock the vault.
pub fn base_environment(inherit: bool) -> Vec<(OsString, OsString)> {
    std::env::vars_os()
        .filter(|(k, _)| {
            let k = k.to_string_lossy();
            !crate::unlock::UNLOCK_VARS.contains(&k.as_ref())
                && (inherit || KEPT_WITHOUT_INHERIT.contains(&k.as_ref()))
        })
        .collect()
}

/// What a failure to start the command means: 127 not found, 126 not executable.
pub fn start_error(program: &OsString, err: std::io::Error) -> Error {
    let name = program.to_string_lossy();
    match err.kind() {
        std::io::ErrorKind::NotFound => {
            Error::new(Kind::Exit(127), format!("command not found: {name}"))
        }
        std::io::ErrorKind::PermissionDenied => Error::new(
            Kind::Exit(126),
            format!("cannot execute {name}: permission denied"),
        ),
        _ => Error::new(Kind::Exit(126), format!("cannot execute {name}: {err}")),
    }
}

pub fn command(program: &OsString, args: &[OsString], env: Vec<(OsString, OsString)>) -> Command {
    let mut cmd = Command::new(program);
    cmd.args(args).env_clear().envs(env);
    cmd
}

/// Keeps the descriptor of `--passphrase-fd N` from every program tresor starts (the command of
/// `run`, the session agent, git), by marking it close-on-exec. Call it before anything is
/// started; tresor itself still reads the passphrase through `/dev/fd/N` afterwards.
///
/// No safe Rust API can close or flag a descriptor by number (that needs an `OwnedFd` made with
/// `unsafe`), so this uses `close_fds`, whose `set_fds_cloexec` is safe: it flags every
/// descriptor from N up except those listed, and the list is every one above N. The
/// descriptors the user opened for the command itself are inherited as before.
/// Standard input, output and error are left alone here: see [`detach_key_stdin`].
pub fn seal_key_descriptor(passphrase_fd: Option<i32>) {
    let Some(fd) = passphrase_fd.filter(|fd| *fd > 2) else {
        return;
    };
    let above: Vec<i32> = close_fds::iter_open_fds(fd.saturating_add(1)).collect();
    close_fds::set_fds_cloexec(fd, &above);
}

/// With `--passphrase-fd 0`, standard input is the key source: the command gets /dev/null as
/// its standard input instead. Call it just before the command starts, after the unlock.
pub fn detach_key_stdin(passphrase_fd: Option<i32>) {
    if passphrase_fd == Some(0) {
        if let Ok(null) = std::fs::File::open("/dev/null") {
            let _ = rustix::stdio::dup2_stdin(&null);
        }
    }
}

/// Replaces this process with the command. Returns only when that fails.
pub fn exec(program: &OsString, args: &[OsString], env: Vec<(OsString, OsString)>) -> Error {
    let mut cmd = command(program, args, env);
    // The user's umask and core limit for the command; hardened again if the exec fails.
    let restored = crate::harden::for_child();
    let err = cmd.exec();
    drop(restored);
    start_error(program, err)
}

/// Runs the command as a child with its output redacted, and returns its exit code.
pub fn supervise(
    program: &OsString,
    args: &[OsString],
    env: Vec<(OsString, OsString)>,
    patterns: Option<Arc<Patterns>>,
) -> Result<u8> {
    // On a terminal the child stays in our process group, so job control and the terminal's
    // own Ctrl-C reach it directly; forwarding those too would deliver them twice. Elsewhere it
    // gets a group of its own, and every forwarded signal goes to that whole group.
    let on_terminal = std::io::stdin().is_terminal();
    // Handlers go in before the child exists: a TERM in between must not kill tresor alone.
    let mut signals = SignalsInfo::<WithOrigin>::new(FORWARDED)
        .map_err(|e| Error::general(format!("cannot install signal handlers: {e}")))?;
    let mut cmd = command(program, args, env);
    cmd.stdin(Stdio::inherit())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if !on_terminal {
        cmd.process_group(0);
    }
    // The user's umask and core limit for the command, and tresor's again once it is started.
    let restored = crate::harden::for_child();
    let spawned = cmd.spawn();
    drop(restored);
    let mut child = spawned.map_err(|e| start_error(program, e))?;
    let pid = rustix::process::Pid::from_child(&child);

    let handle = signals.handle();
    let forwarder = std::thread::spawn(move || {
        for origin in signals.forever() {
            // From the terminal (no sending process): the child, in our group, has it already.
            if on_terminal && origin.process.is_none() {
                continue;
            }
            let Some(sig) = rustix::process::Signal::from_named_raw(origin.signal) else {
                continue;
            };
            let _ = if on_terminal {
                rustix::process::kill_process(pid, sig)
            } else {
                rustix::process::kill_process_group(pid, sig)
            };
        }
    });

    let out = child.stdout.take().expect("piped");
    let err = child.stderr.take().expect("piped");
    let p1 = patterns.clone();
    let pump_out = std::thread::spawn(move || pump(out, std::io::stdout(), p1));
    let pump_err = std::thread::spawn(move || pump(err, std::io::stderr(), patterns));

    let status = child
        .wait()
        .map_err(|e| Error::general(format!("waiting for the command: {e}")))?;
    let _ = pump_out.join();
    let _ = pump_err.join();
    handle.close();
    let _ = forwarder.join();
    Ok(exit_code(status))
}

/// The exit code tresor passes on for a command it supervised: the command's own, or 128+N
/// when signal N ended it.
pub fn exit_code(status: std::process::ExitStatus) -> u8 {
    match (status.code(), status.signal()) {
        (Some(code), _) => code as u8,
        (None, Some(sig)) => (128 + sig) as u8,
        _ => 1,
    }
}

/// Copies one of the child's streams to ours, redacting values. If our side is closed, keeps
/// draining so the child never blocks on a full pipe.
pub fn pump(mut from: impl Read, mut to: impl Write, patterns: Option<Arc<Patterns>>) {
    let mut masker = patterns.map(Masker::new);
    let mut buf = zeroize::Zeroizing::new(vec![0u8; 64 * 1024]);
    let mut to_open = true;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        };
        let chunk = match &mut masker {
            Some(m) => m.feed(&buf[..n]),
            None => buf[..n].to_vec(),
        };
        if to_open && (to.write_all(&chunk).is_err() || to.flush().is_err()) {
            to_open = false;
        }
    }
    if let Some(m) = &mut masker {
        let rest = m.finish();
        if to_open {
            let _ = to.write_all(&rest).and_then(|_| to.flush());
        }
    }
}

/// How a supervised child ended, and the first signal another process sent tresor meanwhile
/// (forwarded to the child).
pub struct Ended {
    pub status: std::process::ExitStatus,
    pub signalled: Option<i32>,
}

impl Ended {
    /// The exit code tresor passes on: the child's, or 128+N after signal N.
    pub fn code(&self) -> u8 {
        exit_code(self.status)
    }
}

/// Starts `cmd` (stdio as the caller set it, in tresor's process group so that it keeps the
/// terminal) and waits for it, with INT, TERM, HUP, QUIT, USR1, USR2 and WINCH caught: tresor
/// outlives them, so that whatever it holds for the child (a file in memory) is cleaned up.
/// A signal from the terminal reaches the child by itself; one sent to tresor by another
/// process is forwarded to the child and reported in [`Ended::signalled`].
pub fn spawn_and_wait(mut cmd: Command, program: &OsString) -> Result<Ended> {
    let mut signals = SignalsInfo::<WithOrigin>::new(FORWARDED)
        .map_err(|e| Error::general(format!("cannot install signal handlers: {e}")))?;
    let restored = crate::harden::for_child();
    let spawned = cmd.spawn();
    drop(restored);
    let mut child = spawned.map_err(|e| start_error(program, e))?;
    let pid = rustix::process::Pid::from_child(&child);
    let first = Arc::new(std::sync::atomic::AtomicI32::new(0));
    let seen = first.clone();
    let handle = signals.handle();
    let forwarder = std::thread::spawn(move || {
        for origin in signals.forever() {
            if origin.process.is_none() {
                continue;
            }
            if origin.signal != SIGWINCH {
                let _ = seen.compare_exchange(
                    0,
                    origin.signal,
                    std::sync::atomic::Ordering::SeqCst,
                    std::sync::atomic::Ordering::SeqCst,
                );
            }
            if let Some(sig) = rustix::process::Signal::from_named_raw(origin.signal) {
                let _ = rustix::process::kill_process(pid, sig);
            }
        }
    });
    let status = child
        .wait()
        .map_err(|e| Error::general(format!("waiting for the command: {e}")))?;
    handle.close();
    let _ = forwarder.join();
    let sig = first.load(std::sync::atomic::Ordering::SeqCst);
    Ok(Ended {
        status,
        signalled: (sig != 0).then_some(sig),
    })
}
