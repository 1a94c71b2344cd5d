//! Output: data to stdout, status, warnings and errors to stderr (SPEC §6). A broken pipe on
//! stdout ends the program quietly with 0. Secret values leave the process through
//! [`Ui::reveal`] only.

use std::io::{IsTerminal, Write};

use crate::cli::ColorChoice;
use crate::error::{Error, Kind, Result};

pub struct Ui {
    pub quiet: bool,
    color: bool,
    pub stdout_tty: bool,
}

impl Ui {
    pub fn new(choice: ColorChoice, quiet: bool) -> Ui {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color && std::io::stderr().is_terminal(),
        };
        Ui {
            quiet,
            color,
            stdout_tty: std::io::stdout().is_terminal(),
        }
    }

    fn write_stdout(&self, bytes: &[u8]) -> Result<()> {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes).and_then(|_| out.flush()).map_err(|e| {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                Error::new(Kind::BrokenPipe, "")
            } else {
                Error::io("standard output", e)
            }
        })
    }

    /// Data for stdout (never a secret value).
    pub fn out(&self, text: &str) -> Result<()> {
        self.write_stdout(text.as_bytes())
    }

    /// Ciphertext (a bundle) for stdout.
    pub fn out_bytes(&self, bytes: &[u8]) -> Result<()> {
        self.write_stdout(bytes)
    }

    /// The one place a secret value is written to stdout.
    pub fn reveal(&self, value: &[u8], newline: bool) -> Result<()> {
        let mut buf = zeroize::Zeroizing::new(Vec::with_capacity(value.len() + 1));
        buf.extend_from_slice(value);
        if newline {
            buf.push(b'\n');
        }
        self.write_stdout(&buf)
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// A status line on stderr ("Stored API_KEY in prod, version 2"), unless --quiet.
    pub fn status(&self, msg: &str) {
        if !self.quiet {
            to_stderr(&format!("{msg}\n"));
        }
    }

    pub fn warn(&self, msg: &str) {
        if !self.quiet {
            to_stderr(&format!("{} {msg}\n", self.paint("1;33", "warning:")));
        }
    }

    /// A reminder or notice on stderr, unless --quiet.
    pub fn note(&self, msg: &str) {
        if !self.quiet {
            to_stderr(&format!("{} {msg}\n", self.paint("1;36", "note:")));
        }
    }

    pub fn error(&self, err: &Error) {
        to_stderr(&format!(
            "{} {}\n",
            self.paint("1;31", "error:"),
            err.message
        ));
        for h in &err.hints {
            to_stderr(&format!("{} {h}\n", self.paint("1;36", "hint:")));
        }
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
}

/// Writes to stderr, ignoring failure: a closed or full stderr must not turn a finished
/// command into a panic (and there is nowhere left to report it).
pub fn to_stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Lays out rows as aligned columns (for terminals) or tab-separated fields (for pipes).
pub fn table(header: &[&str], rows: &[Vec<String>], aligned: bool, ui: &Ui) -> String {
    let mut out = String::new();
    if !aligned {
        for r in rows {
            out.push_str(&r.join("\t"));
            out.push('\n');
        }
        return out;
    }
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let mut l = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            if i + 1 == cells.len() {
                l.push_str(c);
            } else {
                l.push_str(c);
                l.push_str(&" ".repeat(w - c.chars().count() + 2));
            }
        }
        l.trim_end().to_string() + "\n"
    };
    let head = line(header.iter().map(|h| h.to_string()).collect());
    out.push_str(&ui.bold(head.trim_end()));
    out.push('\n');
    for r in rows {
        out.push_str(&line(r.clone()));
    }
    out
}
