//! Output: data to stdout, status, warnings and errors to stderr (doc/cli.md §6). A broken pipe on
//! stdout is a normal outcome (the reader has what it wanted, `tresor list | head -1`): nothing
//! more is written to stdout and the command ends as it would have, with 0 if it succeeded.
//! Secret values leave the process through [`Ui::reveal`] only.

use std::io::{IsTerminal, Write};

use crate::cli::ColorChoice;
use crate::error::{Error, Result};

pub struct Ui {
    pub quiet: bool,
    color: bool,
    pub stdout_tty: bool,
    /// The reader of stdout went away: later output is dropped.
    stdout_closed: std::cell::Cell<bool>,
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
            stdout_closed: std::cell::Cell::new(false),
        }
    }

    fn write_stdout(&self, bytes: &[u8]) -> Result<()> {
        if self.stdout_closed.get() {
            return Ok(());
        }
        let mut out = std::io::stdout().lock();
        match out.write_all(bytes).and_then(|_| out.flush()) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.stdout_closed.set(true);
                Ok(())
            }
            Err(e) => Err(Error::io("standard output", e)),
        }
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

/// Whether `c` must not reach a terminal or a line-based reader as it is: control characters
/// (C0 with tab and newline, DEL, C1), line and paragraph separators, and the bidirectional
/// and zero-width formatting characters that reorder or hide text.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// `s` made safe to print as one field of one line: every character of [`needs_escape`]
/// written visibly (`\n`, `\t`, `\r`, `\x1b`, `\u{202e}`), and `\` as `\\` so that the escaped
/// form cannot be forged. Text stored by someone else (audit events written without a key or
/// by a grant holder, labels, notes) goes through this before it is shown.
pub fn escape(s: &str) -> std::borrow::Cow<'_, str> {
    escape_with(s, true)
}

/// [`escape`] without doubling `\`: for error messages, which quote paths and dotenv text
/// where a backslash means itself, and which no program parses field by field.
pub fn escape_controls(s: &str) -> std::borrow::Cow<'_, str> {
    escape_with(s, false)
}

fn escape_with(s: &str, backslash: bool) -> std::borrow::Cow<'_, str> {
    if !s
        .chars()
        .any(|c| needs_escape(c) || (backslash && c == '\\'))
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' if backslash => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) && (c as u32) < 0x80 => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A JSON document (as serde_json writes it) with the characters serde leaves as they are but
/// a terminal may act on (DEL, C1 controls, bidirectional and zero-width formatting) written as
/// `\uXXXX` escapes; serde already escapes the rest. Such characters can only be inside
/// strings, so the document means the same.
pub fn json_safe(doc: String) -> String {
    // C0 controls are escaped by serde inside strings; outside them only JSON's own
    // whitespace (the final newline) can occur, and must stay.
    let unsafe_in_json = |c: char| needs_escape(c) && c as u32 >= 0x7f;
    if !doc.chars().any(unsafe_in_json) {
        return doc;
    }
    let mut out = String::with_capacity(doc.len() + 16);
    for c in doc.chars() {
        if unsafe_in_json(c) {
            // Outside the BMP nothing needs it: every character above is in it.
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Lays out rows as aligned columns (for terminals) or tab-separated fields (for pipes). Every
/// cell is [`escape`]d: a newline or tab in a field cannot make a row or a column of its own,
/// and no escape sequence reaches the terminal.
pub fn table(header: &[&str], rows: &[Vec<String>], aligned: bool, ui: &Ui) -> String {
    let mut t = Table::new(header, rows.len());
    for r in rows {
        // A row has as many cells as the header, so that a short or long row cannot shift the
        // ones after it.
        debug_assert_eq!(r.len(), header.len());
        let cells = r.iter().map(String::as_str).chain(std::iter::repeat(""));
        for c in cells.take(header.len()) {
            t.cell(c);
        }
    }
    t.render(aligned, ui)
}

/// A [`table`] filled cell by cell, row after row, into one buffer: `list` at 100,000 secrets
/// has 600,000 cells, and a `String` for each (allocated, then freed one by one) was a fifth
/// of its time.
pub struct Table<'h> {
    header: &'h [&'h str],
    /// The escaped cells, one after another.
    text: String,
    /// Where each cell ends in `text`.
    ends: Vec<usize>,
}

impl<'h> Table<'h> {
    /// An empty table with room for about `rows` rows.
    pub fn new(header: &'h [&'h str], rows: usize) -> Table<'h> {
        Table {
            header,
            text: String::with_capacity(rows * 12 * header.len()),
            ends: Vec::with_capacity(rows * header.len()),
        }
    }

    /// The next cell (a row has as many as the header), escaped.
    pub fn cell(&mut self, c: &str) {
        self.text.push_str(&escape(c));
        self.ends.push(self.text.len());
    }

    fn cells(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(a, &b)| &self.text[a..b])
    }

    /// Aligned columns under a bold header, or tab-separated fields without one.
    pub fn render(&self, aligned: bool, ui: &Ui) -> String {
        let columns = self.header.len().max(1);
        let mut out = String::with_capacity(self.text.len() + self.ends.len() * 2 + 64);
        if !aligned {
            for (k, c) in self.cells().enumerate() {
                out.push_str(c);
                out.push(if k % columns + 1 == columns {
                    '\n'
                } else {
                    '\t'
                });
            }
            return out;
        }
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for (k, c) in self.cells().enumerate() {
            widths[k % columns] = widths[k % columns].max(c.chars().count());
        }
        // One line: cells padded to their column's width plus two spaces, the last one not,
        // and no trailing blanks.
        let line = |out: &mut String, cells: &[&str]| {
            let start = out.len();
            for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
                out.push_str(c);
                if i + 1 < cells.len() {
                    let pad = w - c.chars().count() + 2;
                    out.extend(std::iter::repeat_n(' ', pad));
                }
            }
            let kept = out[start..].trim_end().len();
            out.truncate(start + kept);
            out.push('\n');
        };
        let mut head = String::new();
        line(&mut head, self.header);
        out.push_str(&ui.bold(head.trim_end()));
        out.push('\n');
        let mut row: Vec<&str> = Vec::with_capacity(columns);
        for c in self.cells() {
            row.push(c);
            if row.len() == columns {
                line(&mut out, &row);
                row.clear();
            }
        }
        out
    }
}

/// `1 secret`, `2 secrets`: a count and its noun, singular for one.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_makes_every_control_visible() {
        assert_eq!(escape("plain text, ünïcode"), "plain text, ünïcode");
        assert_eq!(escape("a\nb\tc\rd"), "a\\nb\\tc\\rd");
        assert_eq!(escape("\x1b[31mred\x1b[0m"), "\\x1b[31mred\\x1b[0m");
        assert_eq!(escape("\x07\x7f\u{9b}"), "\\x07\\x7f\\u{9b}");
        assert_eq!(escape("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(escape("x\u{2028}y"), "x\\u{2028}y");
        // The escaped form cannot be typed in to pass for an escape.
        assert_eq!(escape("\\n"), "\\\\n");
        for s in ["\n", "\x1b", "\u{85}", "\t"] {
            assert!(!escape(s).chars().any(|c| c.is_control()), "{s:?}");
        }
        assert_eq!(escape_controls("C:\\x\n\x1b"), "C:\\x\\n\\x1b");
    }

    #[test]
    fn json_safe_keeps_the_document() {
        let v = serde_json::json!({"d": "a\u{7f}b\u{9b}c\u{202e}d\ne\x1b"});
        let doc = json_safe(v.to_string() + "\n");
        assert!(doc.ends_with("}\n"), "{doc}");
        let inner = doc.trim_end();
        assert!(
            !inner.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{doc}"
        );
        let back: serde_json::Value = serde_json::from_str(&doc).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn a_table_aligns_columns_by_characters_and_pipes_fields() {
        let ui = Ui {
            quiet: true,
            color: false,
            stdout_tty: false,
            stdout_closed: std::cell::Cell::new(false),
        };
        let mut t = Table::new(&["NAME", "V"], 2);
        for c in ["é_long", "1", "A", "22"] {
            t.cell(c);
        }
        assert_eq!(t.render(true, &ui), "NAME    V\né_long  1\nA       22\n");
        assert_eq!(t.render(false, &ui), "é_long\t1\nA\t22\n");
        assert_eq!(Table::new(&["NAME"], 0).render(false, &ui), "");
    }

    #[test]
    fn table_cells_cannot_make_rows_or_columns() {
        let ui = Ui {
            quiet: true,
            color: false,
            stdout_tty: false,
            stdout_closed: std::cell::Cell::new(false),
        };
        let rows = vec![vec!["1".to_string(), "x\n2\tforged\x1b[2J".to_string()]];
        for aligned in [false, true] {
            let out = table(&["A", "B"], &rows, aligned, &ui);
            let body: Vec<&str> = out.lines().filter(|l| !l.starts_with('A')).collect();
            assert_eq!(body.len(), 1, "{out}");
            assert!(!out.contains('\x1b'), "{out:?}");
            if !aligned {
                assert_eq!(body[0].split('\t').count(), 2, "{out:?}");
            }
        }
    }
}
