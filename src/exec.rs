//! Starting the command of `tresor run`. Without `--mask`, tresor replaces itself with the
//! command (execve: same PID, the command's own signals and exit status). With `--mask`, it
//! stays as parent: pipes the command's stdout and stderr through the redactor, forwards
//! signals, and exits with the command's status (128+N after signal N).

use std::collections::{HashMap, HashSet};
use std::ffi::{CStr, CString, OsStr, OsString};
use std::io::{IsTerminal, Read, Write};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
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

/// A command's environment: the parent's variables that no added one replaces, then the added
/// ones. Of two variables with one name the later wins, as with std's `Command`.
pub struct ChildEnv {
    inherited: Vec<(OsString, OsString)>,
    added: Vec<(OsString, OsString)>,
}

impl ChildEnv {
    /// The parent's environment (all of it, or the `--no-inherit` few, never the variables that
    /// unlock the vault) with `added` on top. `added_unique` says that no name appears twice in
    /// `added`, which spares hashing every name of a large environment.
    ///
    /// Replaced variables are found with one lookup per added name in a map of the parent's
    /// few dozen names (comparing every pair was quadratic: most of a `run` at 10,000 secrets).
    pub fn new(inherit: bool, mut added: Vec<(OsString, OsString)>, added_unique: bool) -> Self {
        let mut inherited = base_environment(inherit);
        let mut dropped = vec![false; inherited.len()];
        let mut index: HashMap<&OsStr, usize> = HashMap::with_capacity(inherited.len());
        for (i, (k, _)) in inherited.iter().enumerate() {
            if let Some(earlier) = index.insert(k.as_os_str(), i) {
                dropped[earlier] = true;
            }
        }
        for (k, _) in &added {
            if let Some(&i) = index.get(k.as_os_str()) {
                dropped[i] = true;
            }
        }
        drop(index);
        let mut dropped = dropped.into_iter();
        inherited.retain(|_| !dropped.next().unwrap_or(false));
        if !added_unique {
            let mut seen = HashSet::with_capacity(added.len());
            let mut keep: Vec<bool> = added
                .iter()
                .rev()
                .map(|(k, _)| seen.insert(k.as_os_str()))
                .collect();
            drop(seen);
            keep.reverse();
            let mut keep = keep.into_iter();
            added.retain(|_| keep.next().unwrap_or(true));
        }
        ChildEnv { inherited, added }
    }

    /// Wipes every value: for an environment that no command got.
    fn wipe(self) {
        for (_, value) in self.inherited.into_iter().chain(self.added) {
            drop(zeroize::Zeroizing::new(value.into_vec()));
        }
    }

    /// Every variable, the parent's first: for a `Command`.
    pub fn into_pairs(self) -> Vec<(OsString, OsString)> {
        let mut all = self.inherited;
        all.extend(self.added);
        all
    }
}

/// Replaces this process with the command. Returns only when that fails.
///
/// The environment goes to `execve` as one buffer of `NAME=value` strings. std's `Command`
/// copied every variable three times and sorted them into two maps, a quarter of a `run` at
/// 10,000 secrets (bench/README.md, "Speed pass"). The program is looked up as `execvp` does,
/// in the `PATH` of that environment.
pub fn exec(program: &OsString, args: &[OsString], env: ChildEnv) -> Error {
    let err = exec_with(program, args, &env);
    // Reached only when no exec happened: after one, the values died with the process's
    // memory, without a free and a wipe each (a tenth of `exec` at 1,000 secrets).
    env.wipe();
    err
}

fn exec_with(program: &OsString, args: &[OsString], env: &ChildEnv) -> Error {
    let invalid = |what: &str| {
        start_error(
            program,
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("{what} holds a NUL byte"),
            ),
        )
    };
    let Ok(argv) = std::iter::once(program)
        .chain(args)
        .map(|a| CString::new(a.as_bytes()))
        .collect::<std::result::Result<Vec<CString>, _>>()
    else {
        return invalid("an argument");
    };
    let (buffer, ends) = match c_environment(env) {
        Ok(built) => built,
        Err(name) => return invalid(&format!("variable {}", name.to_string_lossy())),
    };
    let mut envp: Vec<&CStr> = Vec::with_capacity(ends.len());
    let mut start = 0;
    for end in ends {
        match CStr::from_bytes_with_nul(&buffer[start..end]) {
            Ok(var) => envp.push(var),
            Err(_) => return invalid("a variable"),
        }
        start = end;
    }
    if let Err(e) = reset_signals() {
        return Error::general(format!("cannot reset signal handling for the command: {e}"));
    }
    // The user's umask and core limit for the command; hardened again if the exec fails.
    let restored = crate::harden::for_child();
    let err = execvp_in(program.as_bytes(), &argv, &envp);
    drop(restored);
    start_error(program, err)
}

/// Every variable as `NAME=value\0`, one after another in one buffer (wiped if the exec
/// fails), and where each ends. Each value is copied once; the caller wipes the originals if
/// the exec fails. Returns the name of a variable that holds a NUL byte (a C string cannot).
fn c_environment(
    env: &ChildEnv,
) -> std::result::Result<(zeroize::Zeroizing<Vec<u8>>, Vec<usize>), OsString> {
    let count = env.inherited.len() + env.added.len();
    let size = env
        .inherited
        .iter()
        .chain(&env.added)
        .map(|(k, v)| k.len() + v.len() + 2)
        .sum();
    let mut buffer = zeroize::Zeroizing::new(Vec::with_capacity(size));
    let mut ends = Vec::with_capacity(count);
    for (name, value) in env.inherited.iter().chain(&env.added) {
        if name.as_bytes().contains(&0) || value.as_bytes().contains(&0) {
            return Err(name.clone());
        }
        buffer.extend_from_slice(name.as_bytes());
        buffer.push(b'=');
        buffer.extend_from_slice(value.as_bytes());
        buffer.push(0);
        ends.push(buffer.len());
    }
    Ok((buffer, ends))
}

/// What std's `Command` resets before an exec: no blocked signals, and SIGPIPE back to its
/// default action (Rust ignores it, and an ignored signal stays ignored across `execve`). A
/// handler does not survive `execve`, so installing one puts SIGPIPE back to the default for
/// the command, through a safe API.
fn reset_signals() -> std::io::Result<()> {
    nix::sys::signal::pthread_sigmask(
        nix::sys::signal::SigmaskHow::SIG_SETMASK,
        Some(&nix::sys::signal::SigSet::empty()),
        None,
    )?;
    signal_hook::flag::register(
        signal_hook::consts::SIGPIPE,
        Arc::new(std::sync::atomic::AtomicBool::new(false)),
    )?;
    Ok(())
}

/// `execvp` with an explicit environment, as glibc's `execvpe` does it except that `PATH` is
/// read from `envp` (as std's `Command` does): a name without `/` is tried in each `PATH`
/// folder (an empty one is the current folder; no `PATH`, `/bin:/usr/bin`), a file the kernel
/// cannot execute (ENOEXEC) is run by `/bin/sh`, and a folder where the file is not
/// executable is remembered as EACCES while the search goes on. Returns only on failure.
fn execvp_in(program: &[u8], argv: &[CString], envp: &[&CStr]) -> std::io::Error {
    use nix::errno::Errno;
    if program.is_empty() {
        return Errno::ENOENT.into();
    }
    if program.contains(&b'/') {
        return match CString::new(program) {
            Ok(path) => exec_file(&path, argv, envp),
            Err(_) => Errno::ENOENT.into(),
        };
    }
    let path = envp
        .iter()
        .find_map(|v| v.to_bytes().strip_prefix(b"PATH="))
        .unwrap_or(b"/bin:/usr/bin");
    let mut denied = false;
    for dir in path.split(|b| *b == b':') {
        let mut file = Vec::with_capacity(dir.len() + 1 + program.len());
        if !dir.is_empty() {
            file.extend_from_slice(dir);
            file.push(b'/');
        }
        file.extend_from_slice(program);
        let Ok(file) = CString::new(file) else {
            continue;
        };
        let err = exec_file(&file, argv, envp);
        match Errno::from_raw(err.raw_os_error().unwrap_or(0)) {
            Errno::EACCES => denied = true,
            Errno::ENOENT | Errno::ESTALE | Errno::ENOTDIR | Errno::ENODEV | Errno::ETIMEDOUT => {}
            _ => return err,
        }
    }
    if denied { Errno::EACCES } else { Errno::ENOENT }.into()
}

/// One `execve` of `path`, and of `/bin/sh path ARGS…` when the kernel does not know the
/// file's format (a script without `#!`), as `execvp` does.
fn exec_file(path: &CStr, argv: &[CString], envp: &[&CStr]) -> std::io::Error {
    let Err(errno) = nix::unistd::execve(path, argv, envp);
    if errno != nix::errno::Errno::ENOEXEC {
        return errno.into();
    }
    let mut shell_argv: Vec<&CStr> = Vec::with_capacity(argv.len() + 1);
    shell_argv.push(c"/bin/sh");
    shell_argv.push(path);
    shell_argv.extend(argv.iter().skip(1).map(CString::as_c_str));
    let Err(_) = nix::unistd::execve(c"/bin/sh", &shell_argv, envp);
    errno.into()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(k: &str, v: &str) -> (OsString, OsString) {
        (k.into(), v.into())
    }

    fn names(env: &[(OsString, OsString)]) -> Vec<String> {
        env.iter()
            .map(|(k, v)| format!("{}={}", k.to_string_lossy(), v.to_string_lossy()))
            .collect()
    }

    #[test]
    fn added_variables_replace_inherited_ones_and_the_later_of_two_wins() {
        let added = vec![
            pair("ONE", "1"),
            pair("PATH", "/mine"),
            pair("ONE", "2"),
            pair("TWO", "x"),
        ];
        let env = ChildEnv::new(false, added, false);
        assert!(env.inherited.iter().all(|(k, _)| k != "PATH"));
        assert_eq!(names(&env.added), ["PATH=/mine", "ONE=2", "TWO=x"]);
        let all = env.into_pairs();
        assert_eq!(all.iter().filter(|(k, _)| k == "PATH").count(), 1);
        // Names said to be unique are passed as they are.
        let env = ChildEnv::new(false, vec![pair("A", "1"), pair("B", "2")], true);
        assert_eq!(names(&env.added), ["A=1", "B=2"]);
    }

    #[test]
    fn the_environment_is_one_buffer_of_c_strings() {
        let env = ChildEnv {
            inherited: vec![pair("HOME", "/h")],
            added: vec![pair("K", "v=1"), pair("EMPTY", "")],
        };
        let (buffer, ends) = c_environment(&env).unwrap();
        assert_eq!(&buffer[..], b"HOME=/h\0K=v=1\0EMPTY=\0");
        assert_eq!(ends, [8, 14, 21]);
        let nul = ChildEnv {
            inherited: vec![],
            added: vec![
                pair("OK", "1"),
                ("BAD".into(), OsString::from_vec(b"a\0b".to_vec())),
            ],
        };
        assert_eq!(c_environment(&nul).unwrap_err(), "BAD");
    }

    #[test]
    fn a_missing_program_is_not_found_and_a_folder_is_not_executable() {
        let argv = [CString::new("x").unwrap()];
        let envp = [c"PATH=/nonexistent-a:/nonexistent-b"];
        let err = execvp_in(b"no-such-program-anywhere", &argv, &envp);
        assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
        assert_eq!(
            execvp_in(b"", &argv, &envp).kind(),
            std::io::ErrorKind::NotFound
        );
        let err = execvp_in(b"/", &argv, &envp);
        assert_eq!(err.kind(), std::io::ErrorKind::PermissionDenied);
    }
}
