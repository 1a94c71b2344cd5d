//! `run --mask` with a terminal on stdout: the command gets a pseudo-terminal of its own, its
//! output is masked there, keys and window size reach it, and the terminal is left as it was.
//! Python's `pty`/`termios` modules play the user's terminal.

use crate::support::*;

/// Runs argv[2:] on a new pty as its controlling terminal, answers the command's prompts,
/// and prints the output (repr), the exit code and whether the terminal's modes came back.
const DRIVER: &str = r#"
import os, sys, time, termios, struct, fcntl, subprocess, select, signal
how = sys.argv[1]
master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', 33, 101, 0, 0))
before = termios.tcgetattr(slave)
def ctty():
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
p = subprocess.Popen(sys.argv[2:], stdin=slave, stdout=slave, stderr=slave, preexec_fn=ctty)
out, step = b'', 0
deadline = time.time() + 30
while time.time() < deadline:
    r, _, _ = select.select([master], [], [], 0.1)
    if r:
        try:
            d = os.read(master, 65536)
        except OSError:
            break
        if not d:
            break
        out += d
    if step == 0 and b'ready' in out:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 120, 0, 0))
        time.sleep(0.5)
        os.write(master, b'hello\n')
        step = 1
    if step == 1 and b'waiting' in out:
        if how == 'int':
            os.write(master, b'\x03')
        else:
            os.kill(p.pid, signal.SIGTERM)
        step = 2
    if p.poll() is not None and not r:
        break
print(repr(out))
print('code', p.wait())
print('restored', before == termios.tcgetattr(slave))
"#;

const COMMAND: &str = r#"printf 'value=%s\n' "$MASKED"; [ -t 0 ] && [ -t 1 ] && [ -t 2 ] && echo on-a-tty; stty size; echo ready; read l; echo "got:$l"; stty size; trap 'echo caught-int; exit 7' INT; trap 'echo caught-term; exit 9' TERM; echo waiting; while :; do sleep 0.1; done"#;

fn drive(how: &str) -> (String, String) {
    let tv = TestVault::new();
    let value = canary();
    tv.set("MASKED", &value);
    // The driver is python3, with the test vault's environment (identity, HOME).
    let env = tv.std_cmd();
    let mut c = std::process::Command::new("python3");
    c.env_clear()
        .args(["-c", DRIVER, how, BIN])
        .args(["run", "--mask", "--", "sh", "-c", COMMAND]);
    for (k, v) in env.get_envs() {
        if let Some(v) = v {
            c.env(k, v);
        }
    }
    let out = c.output().unwrap();
    assert!(out.status.success(), "driver: {}", stderr(&out));
    (String::from_utf8(out.stdout).unwrap(), value)
}

#[test]
fn mask_on_a_terminal_keeps_the_terminal_and_masks_it() {
    if std::process::Command::new("python3")
        .arg("-V")
        .output()
        .is_err()
    {
        eprintln!("skipped: python3 is not installed (.ci/run installs it)");
        return;
    }
    let (out, value) = drive("int");
    assert!(!out.contains(&value), "{out}");
    assert!(out.contains("value=********"), "{out}");
    assert!(
        out.contains("on-a-tty"),
        "the command sees a terminal: {out}"
    );
    assert!(out.contains("33 101"), "the window size: {out}");
    assert!(out.contains("got:hello"), "keys reach the command: {out}");
    assert!(
        out.contains("40 120"),
        "a resize reaches the command: {out}"
    );
    assert!(
        out.contains("caught-int"),
        "Ctrl-C reaches the command: {out}"
    );
    assert!(out.contains("code 7"), "the command's exit code: {out}");
    assert!(out.contains("restored True"), "raw mode is undone: {out}");
}

#[test]
fn mask_on_a_terminal_forwards_term_and_restores_the_terminal() {
    if std::process::Command::new("python3")
        .arg("-V")
        .output()
        .is_err()
    {
        eprintln!("skipped: python3 is not installed (.ci/run installs it)");
        return;
    }
    let (out, value) = drive("term");
    assert!(!out.contains(&value), "{out}");
    assert!(out.contains("caught-term"), "{out}");
    assert!(out.contains("code 9"), "{out}");
    assert!(out.contains("restored True"), "{out}");
}
