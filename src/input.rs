//! Reading a secret value (doc/cli.md §3): from standard input when it is not a terminal, from
//! `--from-file`, or from a hidden prompt asked twice. Never from the command line.

use std::io::{IsTerminal, Read};
use std::path::Path;

use zeroize::Zeroizing;

use crate::error::{Error, Result};

pub const MAX_VALUE: usize = 1024 * 1024;

/// Reads one value and checks it: UTF-8, 1 byte to 1 MiB, no NUL. One trailing newline is
/// removed unless `keep_newline`.
/// `--from-file -` reads standard input even where a recipe or a prompt would be used.
pub fn read_value(from_file: Option<&Path>, keep_newline: bool) -> Result<Zeroizing<Vec<u8>>> {
    let from_file_was_dash = from_file.is_some_and(|p| p.as_os_str() == "-");
    let mut buf = Zeroizing::new(Vec::new());
    let from_file = from_file.filter(|p| p.as_os_str() != "-");
    let explicit_stdin = from_file.is_none() && from_file_was_dash;
    if let Some(path) = from_file {
        let f = std::fs::File::open(path).map_err(|e| Error::io(path.display(), e))?;
        f.take(MAX_VALUE as u64 + 2)
            .read_to_end(&mut buf)
            .map_err(|e| Error::io(path.display(), e))?;
    } else if std::io::stdin().is_terminal() && !explicit_stdin {
        let v = crate::unlock::prompt_new("Value")?;
        buf.extend_from_slice(v.as_bytes());
        return check_value(buf);
    } else {
        std::io::stdin()
            .lock()
            .take(MAX_VALUE as u64 + 2)
            .read_to_end(&mut buf)
            .map_err(|e| Error::io("standard input", e))?;
    }
    if !keep_newline && buf.last() == Some(&b'\n') {
        buf.pop();
    }
    check_value(buf)
}

/// The rules every stored value obeys, whatever its source.
pub fn check_value(buf: Zeroizing<Vec<u8>>) -> Result<Zeroizing<Vec<u8>>> {
    if buf.is_empty() {
        return Err(Error::general("the value is empty")
            .with_hint("a value is 1 byte to 1 MiB of UTF-8 text"));
    }
    if buf.len() > MAX_VALUE {
        return Err(Error::general("the value is larger than 1 MiB")
            .with_hint("store large or binary material elsewhere and keep its key here"));
    }
    if buf.contains(&0) {
        return Err(Error::general("the value contains a NUL byte")
            .with_hint("store binary keys encoded, for example with base64"));
    }
    if std::str::from_utf8(&buf).is_err() {
        return Err(Error::general("the value is not UTF-8 text")
            .with_hint("store binary keys encoded, for example with base64"));
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_rules() {
        let ok = |v: &[u8]| check_value(Zeroizing::new(v.to_vec())).is_ok();
        assert!(ok(b"x"));
        assert!(ok("é\n\"=".as_bytes()));
        assert!(ok(&vec![b'a'; MAX_VALUE]));
        assert!(!ok(b""));
        assert!(!ok(b"a\0b"));
        assert!(!ok(&[0xff, 0xfe]));
        assert!(!ok(&vec![b'a'; MAX_VALUE + 1]));
    }
}
