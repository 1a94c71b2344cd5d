//! `get NAME --clip`: the value goes to the system clipboard (through `arboard`), never to
//! stdout, and is cleared after `--clear-after` (config `clear_after`, default 45 s) only if the
//! clipboard still holds it. The program that sets the clipboard must stay alive to
//! serve it, and the clearing must outlive `tresor get`, so a short-lived helper does both (as
//! gopass does): tresor starts itself again as `tresor clip-serve` (hidden), in a session of its
//! own, and hands it the value through a pipe on its standard input, never in its arguments or
//! environment. The helper sets the clipboard, says `ok` (or the error) on its stdout, detaches
//! from the pipes, sleeps, clears the clipboard if it still holds the value, and exits. It is
//! hardened as every tresor process is (not dumpable, no core).

use std::io::{BufRead, Read, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// The default `--clear-after`.
pub const DEFAULT_CLEAR_AFTER: i64 = 45;

/// Copies `value` to the clipboard through a helper that clears it after `clear_after`
/// seconds. Returns once the clipboard holds the value.
pub fn copy(value: &[u8], clear_after: i64) -> Result<()> {
    let exe = std::env::current_exe()
        .map_err(|e| Error::general(format!("cannot find the tresor program: {e}")))?;
    let mut child = Command::new(exe)
        .args(["clip-serve", "--clear-after", &clear_after.to_string()])
        .env_clear()
        .envs(crate::exec::base_environment(true))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| Error::general(format!("cannot start the clipboard helper: {e}")))?;
    {
        let mut stdin = child.stdin.take().expect("piped");
        stdin
            .write_all(value)
            .map_err(|e| Error::general(format!("clipboard helper: {e}")))?;
    }
    let mut line = String::new();
    let stdout = child.stdout.take().expect("piped");
    let _ = std::io::BufReader::new(stdout).read_line(&mut line);
    match line.trim_end() {
        "ok" => Ok(()),
        "" => {
            let _ = child.wait();
            Err(Error::general("the clipboard helper ended without a word"))
        }
        msg => {
            let _ = child.wait();
            Err(Error::general(format!(
                "cannot use the clipboard: {}",
                msg.strip_prefix("error: ").unwrap_or(msg)
            ))
            .with_hint(
                "on Linux the clipboard needs an X server (DISPLAY) or a Wayland compositor (WAYLAND_DISPLAY)",
            ))
        }
    }
}

/// The helper (`tresor clip-serve`). Its errors go to its stdout, which `copy` reads.
pub fn serve(clear_after: i64) -> Result<()> {
    // Its own session: the terminal closing or Ctrl-C in the shell does not end it early.
    let _ = rustix::process::setsid();
    let mut value = Zeroizing::new(Vec::new());
    std::io::stdin()
        .read_to_end(&mut value)
        .map_err(|e| Error::io("standard input", e))?;
    // Borrowed from the zeroizing buffer: no second copy of the value.
    let text = std::str::from_utf8(&value).map_err(|_| Error::general("not UTF-8"))?;
    let mut out = std::io::stdout();
    let mut clipboard = match arboard::Clipboard::new().and_then(|mut c| {
        c.set_text(text)?;
        Ok(c)
    }) {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(out, "error: {e}");
            return Err(Error::general(""));
        }
    };
    let _ = writeln!(out, "ok").and_then(|_| out.flush());
    // Let go of the pipes: `tresor get` is done.
    if let Ok(null) = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
    {
        let _ = rustix::stdio::dup2_stdin(&null);
        let _ = rustix::stdio::dup2_stdout(&null);
    }
    std::thread::sleep(Duration::from_secs(clear_after.max(0) as u64));
    let held = clipboard.get_text().map(Zeroizing::new);
    if held.is_ok_and(|h| crate::crypto::ct_eq(h.as_bytes(), text.as_bytes())) {
        let _ = clipboard.clear();
    }
    Ok(())
}
