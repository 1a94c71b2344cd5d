//! `run --mask` when tresor's stdout is a terminal: the command runs on a pseudo-terminal of
//! its own, so it still sees a terminal (colours, line editing, progress bars), and tresor
//! copies what it writes there to the real terminal through the redactor. The command is the
//! leader of a new session with the pty as its controlling terminal (through `pty-process`,
//! whose safe API wraps the `setsid`/`TIOCSCTTY` that `pre_exec` needs).
//!
//! Standard input, when it is a terminal, is put in raw mode and copied to the pty, so keys
//! such as Ctrl-C and Ctrl-Z reach the command through the pty's own line discipline (once).
//! Raw mode is restored on every way out: the command ending, an error, a panic, and the
//! signals tresor catches (INT, TERM, HUP, QUIT, USR1, USR2 and WINCH; the first six are
//! forwarded to the command's process group, WINCH resizes the pty, which tells the command).
//! When stderr is a terminal too it shares the pty (as it shares the terminal); otherwise it
//! stays a pipe, masked on its own.

use std::ffi::OsString;
use std::io::{IsTerminal, Read, Write};
use std::os::fd::AsFd;
use std::sync::Arc;
use std::time::Duration;

use rustix::termios::{OptionalActions, Termios, tcgetattr, tcgetwinsize, tcsetattr};
use signal_hook::consts::signal::SIGWINCH;
use signal_hook::iterator::SignalsInfo;
use signal_hook::iterator::exfiltrator::WithOrigin;

use crate::error::{Error, Result};
use crate::mask::Patterns;

/// Puts the terminal on standard input back as it was when dropped.
struct RawMode {
    saved: Termios,
}

impl RawMode {
    fn enter() -> Option<RawMode> {
        let stdin = std::io::stdin();
        let saved = tcgetattr(stdin.as_fd()).ok()?;
        let mut raw = saved.clone();
        raw.make_raw();
        tcsetattr(stdin.as_fd(), OptionalActions::Now, &raw).ok()?;
        Some(RawMode { saved })
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = tcsetattr(std::io::stdin().as_fd(), OptionalActions::Now, &self.saved);
    }
}

/// The size of the terminal on stdout, for the pty.
fn size() -> Option<pty_process::Size> {
    let ws = tcgetwinsize(std::io::stdout().as_fd()).ok()?;
    (ws.ws_row > 0 && ws.ws_col > 0).then(|| pty_process::Size::new(ws.ws_row, ws.ws_col))
}

fn pty_error(e: pty_process::Error) -> Error {
    Error::general(format!("cannot set up a pseudo-terminal: {e}"))
        .with_hint("run without --mask, or with its output to a pipe (`| cat`)")
}

/// Runs the command on a pty with its output redacted; returns its exit code.
pub fn supervise_pty(
    program: &OsString,
    args: &[OsString],
    env: Vec<(OsString, OsString)>,
    patterns: Option<Arc<Patterns>>,
) -> Result<u8> {
    let interactive = std::io::stdin().is_terminal();
    let stderr_shared = std::io::stderr().is_terminal();
    let mut signals = SignalsInfo::<WithOrigin>::new(crate::exec::FORWARDED)
        .map_err(|e| Error::general(format!("cannot install signal handlers: {e}")))?;
    let (pty, pts) = pty_process::blocking::open().map_err(pty_error)?;
    if let Some(s) = size() {
        pty.resize(s).map_err(pty_error)?;
    }
    let mut cmd = pty_process::blocking::Command::new(program)
        .args(args)
        .env_clear()
        .envs(env);
    if !interactive {
        cmd = cmd.stdin(std::process::Stdio::inherit());
    }
    if !stderr_shared {
        cmd = cmd.stderr(std::process::Stdio::piped());
    }
    let restored = crate::harden::for_child();
    let spawned = cmd.spawn(pts);
    drop(restored);
    let mut child = spawned.map_err(|e| match e {
        pty_process::Error::Io(io) => crate::exec::start_error(program, io),
        other => pty_error(other),
    })?;
    let pid = rustix::process::Pid::from_child(&child);
    // From here on the terminal is raw until `raw` is dropped, on every path out.
    let raw = if interactive { RawMode::enter() } else { None };
    let pty = Arc::new(pty);

    let handle = signals.handle();
    let resize = pty.clone();
    let forwarder = std::thread::spawn(move || {
        for origin in signals.forever() {
            if origin.signal == SIGWINCH {
                if let Some(s) = size() {
                    let _ = resize.resize(s);
                }
                continue;
            }
            if let Some(sig) = rustix::process::Signal::from_named_raw(origin.signal) {
                // The command leads its own session and process group.
                let _ = rustix::process::kill_process_group(pid, sig);
            }
        }
    });
    if interactive {
        let input = pty.clone();
        // Never joined: it may sit in a read of the terminal when the command is gone.
        std::thread::spawn(move || {
            let mut buf = zeroize::Zeroizing::new(vec![0u8; 4096]);
            let mut stdin = std::io::stdin().lock();
            loop {
                match stdin.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if (&*input).write_all(&buf[..n]).is_err() {
                            break;
                        }
                    }
                }
            }
        });
    }
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let output = pty.clone();
    let p1 = patterns.clone();
    std::thread::spawn(move || {
        // A pty master reads EIO once no process holds the terminal: that is its end.
        pump_pty(&output, p1);
        let _ = done_tx.send(());
    });
    let pump_err = child
        .stderr
        .take()
        .map(|err| std::thread::spawn(move || crate::exec::pump(err, std::io::stderr(), patterns)));

    let status = child.wait();
    // The output ends when every process on the pty is gone; a background process that keeps
    // it open does not keep tresor waiting long.
    let _ = done_rx.recv_timeout(Duration::from_secs(2));
    if let Some(p) = pump_err {
        let _ = p.join();
    }
    drop(raw);
    handle.close();
    let _ = forwarder.join();
    let status = status.map_err(|e| Error::general(format!("waiting for the command: {e}")))?;
    Ok(crate::exec::exit_code(status))
}

/// Copies the pty's output to stdout, redacted, until the pty is closed.
fn pump_pty(pty: &pty_process::blocking::Pty, patterns: Option<Arc<Patterns>>) {
    crate::exec::pump(pty, std::io::stdout(), patterns);
}
