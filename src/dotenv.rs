//! Reading and writing env files ("dotenv"), for `import --format dotenv`,
//! `export --format dotenv|shell` and `run --env-file`.
//!
//! This module exists because the values in these files are secrets. The reader has to take
//! them exactly as written, with no variable expansion, and its errors must never echo them. The
//! writer has to quote any value so that it reads back byte for byte, both here and in other
//! dotenv readers. No other part of tresor reads or writes this format.
//!
//! # Why not `dotenvy`
//!
//! `dotenvy` 0.15.7 (the maintained fork of `dotenv`) was checked, iterator API included
//! (`from_read_iter`), and it does not fit:
//! - It expands `$VAR` and `${VAR}` in unquoted and double-quoted values from earlier lines and
//!   from the process environment (`std::env::var`), and the iterator API has no way to turn
//!   that off. `KEY=pa$word` is read as `pa` followed by the value of `$word`, and
//!   `KEY="pa$word"` is a parse error.
//! - `Error::LineParse(String, usize)` holds the whole line, value included, and its `Display`
//!   prints it (`Error parsing line: '"sk_live_…"', error at line index: 16`). An error would
//!   write the secret to the terminal or a log. It gives no line number either, only a character
//!   index inside the logical line.
//! - Double-quoted values accept only `\n \\ \' \" \$` and `\ ` as escapes. `\t` and `\r` are
//!   errors, so a value that contains a carriage return cannot be written at all.
//! - An unquoted value with a space in it (`KEY=a b`) is an error, and duplicate keys are not
//!   reported.
//!
//! The hand-written parser below is small, runs in linear time and never panics (property-tested).
//!
//! # Dialect read by [`parse`]
//! - Blank lines and `#` comment lines. An optional `export ` before the key. Spaces and tabs
//!   around the key and around `=`. A leading UTF-8 BOM is skipped.
//! - Keys match `^[A-Za-z_][A-Za-z0-9_]*$`. tresor's stricter name rule is checked elsewhere.
//! - `KEY=unquoted value`: the value runs to the end of the line, surrounding spaces and tabs
//!   trimmed. A `#` preceded by a space or tab starts a comment, so `KEY= #x` is empty while
//!   `KEY=a#b` is `a#b`. Backslashes and quotes inside the value are literal.
//! - `KEY='single quoted'`: raw text up to the next `'`, with no escapes. It may span lines.
//! - ``KEY=`backtick quoted` ``: the same, up to the next backtick (node dotenv and dotenvx write
//!   and read these), so ``A=`x #y` # c`` is `x #y`.
//! - `KEY="double quoted"`: the escapes `\n \t \r \" \\ \$` and nothing else (any other escape is
//!   an error). It may span lines, and a literal line break inside the quotes is kept as `\n`.
//! - After a closing quote, only spaces, tabs and an optional `# comment` may follow.
//! - `KEY=` is the empty value (`import` skips empty values with a note naming them).
//! - There is no interpolation: `$` is always a literal `$`.
//! - Line endings may be `\n`, `\r\n` or a lone `\r`. A line break inside quotes always reads as
//!   `\n`, the same as Python's universal newlines. python-dotenv reads files that way too.
//! - A key that appears twice is an error that names the key and both lines.
//!
//! [`ParseError`] gives a 1-based line and a 1-based column (counted in characters). Its
//! message never contains any part of a value and may name the key.
//!
//! # Quoting rules of [`format_dotenv`]
//! Output must read back identically here and in python-dotenv (1.x, `dotenv_values`, whose
//! regex parser was studied and tested against), so each value gets the first form that fits:
//! 1. **Bare** (`KEY=value`) when the value contains only ASCII letters, digits and
//!    `_ - . / : @ % + , =`. This covers ports, URLs without a query string, base64 and hex.
//! 2. **Single quotes** (`KEY='value'`) when the value is empty, or contains no `'`, no `\`, no
//!    CR and no LF. Both readers take such values raw. (python-dotenv decodes `\\` and `\'`
//!    inside single quotes, so backslashes cannot go there. It reads a raw CR as a line break.)
//! 3. **Double quotes** otherwise, with `\` → `\\`, `"` → `\"`, LF → `\n`, CR → `\r`,
//!    TAB → `\t`. Those five escapes mean the same in both readers. `$` is never escaped:
//!    python-dotenv keeps `\$` as two characters. Other characters, control characters and
//!    non-ASCII included, are written as they are. Output stays one line per entry.
//!
//! A value that ends in `\` is a problem for python-dotenv in both quoted forms. Its
//! backtracking regex takes the `\"` (or `\'`) at the end as an escaped quote and runs on to the
//! next quote anywhere later in the file, which garbles this entry and the ones after it. For
//! such values the writer uses, in order: a bare value if both readers take it raw (one line,
//! no leading space, quote or `#`, no ` #`, no control characters or non-space whitespace);
//! double quotes if no later line contains `"`; single quotes if the value allows them
//! (no `'`, no CR, no other `\`) and no later line contains `'`. Beyond that (two or more such
//! values that also contain a line break, say) only this parser reads the file exactly.
//!
//! python-dotenv also expands `${NAME}` and `${NAME:-default}` in values of every quoting form by
//! default (`interpolate=True`), and offers no escape for it. A value containing such a pattern
//! reads back exactly only with `interpolate=False`. `tests/dotenv_python_check.py` runs the
//! Python side.
//!
//! # [`Dialect::Node`] (`export --dialect node`)
//! node `dotenv` (its default parser: one regex over the whole file after `\r\n` and `\r` became
//! `\n`) reads single-quoted and backtick-quoted values raw, decodes only `\n` and `\r` inside
//! double quotes (`\\`, `\"` and `\t` stay two characters), and takes a quote after a `\` as
//! escaped. Each value gets the first form that fits: bare; single quotes (no `'`, no CR, not
//! ending in `\`); backticks (no backtick, no CR, not ending in `\`); double quotes with `\n`
//! and `\r` (no `\`, no `"`). A value that fits none (it holds a `'`, a backtick and a `\` or
//! `"`, for instance) cannot be read back by node dotenv at all; it is written in double quotes
//! for tresor, and `export` names it in a warning. tresor's own parser reads every form exactly.
//!
//! The default dialect also chooses single quotes for a value with a `\` that python-dotenv
//! keeps there (no `\\`, not at the end, no `'` or line break), and writes a tab raw inside
//! double quotes: node dotenv reads those exactly too.
//!
//! # [`format_shell`]
//! `export KEY='value'` lines, where each `'` in the value becomes `'\''` (POSIX single-quote
//! escaping). That is safe to `eval` in bash, zsh and dash: nothing inside single quotes is
//! expanded. An empty `''` is never directly followed by another `'`, so zsh's `RC_QUOTES`
//! option (`''` inside quotes means `'`) does not change how it reads.
//!
//! The writers size their output buffer exactly before writing, so the secret-bearing `String`
//! is never reallocated, which would leave stray copies behind. Parsed values are
//! [`Zeroizing`], and their buffers are allocated once, at most as large as their source text.

use std::collections::HashMap;
use std::fmt;

use zeroize::Zeroizing;

/// One `KEY=value` binding read from an env file.
#[derive(Clone, PartialEq, Eq)]
pub struct Entry {
    /// The variable name, matching `^[A-Za-z_][A-Za-z0-9_]*$`.
    pub key: String,
    /// The value, decoded.
    pub value: Zeroizing<String>,
    /// The 1-based line on which the key stands.
    pub line: usize,
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry")
            .field("key", &self.key)
            .field("value", &"<redacted>")
            .field("line", &self.line)
            .finish()
    }
}

/// Where and why an env file could not be read. The message never contains any part of a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// What is wrong. It may name a key but never includes value text.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for ParseError {}

/// Parses an env file (see the module documentation for the dialect).
pub fn parse(text: &str) -> Result<Vec<Entry>, ParseError> {
    let mut p = Parser::new(text);
    let mut entries = Vec::new();
    let mut first_line: HashMap<String, usize> = HashMap::new();
    loop {
        p.skip_hspace();
        match p.peek() {
            None => break,
            Some('\n' | '\r') => {
                p.bump();
                continue;
            }
            Some('#') => {
                p.skip_to_eol();
                continue;
            }
            Some(_) => {}
        }
        let (key, key_at) = p.key()?;
        p.skip_hspace();
        if p.peek() != Some('=') {
            return Err(p.error_here("expected `=` after the variable name"));
        }
        if let Some(&first) = first_line.get(&key) {
            return Err(p.error_at(
                key_at,
                format!(
                    "duplicate key `{key}` (first set on line {first}, again on line {})",
                    key_at.line
                ),
            ));
        }
        p.bump();
        let spaced = p.skip_hspace();
        let value = match p.peek() {
            Some('"') => {
                let v = p.double_quoted(&key)?;
                p.after_closing_quote(&key)?;
                v
            }
            Some(q @ ('\'' | '`')) => {
                let v = p.raw_quoted(&key, q)?;
                p.after_closing_quote(&key)?;
                v
            }
            _ => p.unquoted(spaced),
        };
        first_line.insert(key.clone(), key_at.line);
        entries.push(Entry {
            key,
            value,
            line: key_at.line,
        });
    }
    Ok(entries)
}

/// A position in the source: byte offset, 1-based line and the byte offset where that line starts.
#[derive(Clone, Copy)]
struct Mark {
    pos: usize,
    line: usize,
    line_start: usize,
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    line: usize,
    line_start: usize,
}

impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Self {
        let start = if src.starts_with('\u{feff}') { 3 } else { 0 };
        Parser {
            src,
            pos: start,
            line: 1,
            line_start: start,
        }
    }

    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    /// Consumes one character, counting `\n`, `\r\n` and a lone `\r` as one line break.
    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' || (c == '\r' && self.peek() != Some('\n')) {
            self.line += 1;
            self.line_start = self.pos;
        }
        Some(c)
    }

    fn mark(&self) -> Mark {
        Mark {
            pos: self.pos,
            line: self.line,
            line_start: self.line_start,
        }
    }

    fn error_at(&self, at: Mark, message: impl Into<String>) -> ParseError {
        ParseError {
            line: at.line,
            column: self.src[at.line_start..at.pos].chars().count() + 1,
            message: message.into(),
        }
    }

    fn error_here(&self, message: impl Into<String>) -> ParseError {
        self.error_at(self.mark(), message)
    }

    /// Skips spaces and tabs; tells whether there were any.
    fn skip_hspace(&mut self) -> bool {
        let start = self.pos;
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.pos += 1;
        }
        self.pos > start
    }

    /// Moves to the next line break (or the end), without consuming it.
    fn skip_to_eol(&mut self) {
        let rest = &self.src[self.pos..];
        self.pos += rest.find(['\n', '\r']).unwrap_or(rest.len());
    }

    fn word(&mut self) -> &'a str {
        let rest = &self.src[self.pos..];
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        self.pos += len;
        &rest[..len]
    }

    /// Reads the key, after an optional `export` prefix. Never echoes what it rejects: a line
    /// without `=` may well be a pasted secret.
    fn key(&mut self) -> Result<(String, Mark), ParseError> {
        let mut at = self.mark();
        let mut name = self.word();
        if name == "export" && matches!(self.peek(), Some(' ' | '\t')) {
            let after_export = self.pos;
            self.skip_hspace();
            if self
                .peek()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            {
                at = self.mark();
                name = self.word();
            } else {
                // `export = value`: a key named `export`.
                self.pos = after_export;
            }
        }
        if name.is_empty() {
            return Err(self.error_at(
                at,
                "expected a variable name (a letter or `_`, then letters, digits or `_`)",
            ));
        }
        if name.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(self.error_at(at, "a variable name must not start with a digit"));
        }
        match self.peek() {
            None | Some(' ' | '\t' | '=' | '\n' | '\r') => Ok((name.to_owned(), at)),
            Some(_) => Err(self.error_here(
                "invalid character in a variable name (allowed: letters, digits and `_`)",
            )),
        }
    }

    /// An unquoted value: to the end of the line or a `#` that follows a space or tab (also the
    /// spaces after `=`), trailing spaces and tabs trimmed. Leaves the parser at the line break.
    fn unquoted(&mut self, spaced: bool) -> Zeroizing<String> {
        let rest = &self.src[self.pos..];
        let mut end = rest.len();
        let mut after_space = spaced;
        for (i, c) in rest.char_indices() {
            if c == '\n' || c == '\r' || (c == '#' && after_space) {
                end = i;
                break;
            }
            after_space = c == ' ' || c == '\t';
        }
        let raw = rest[..end].trim_end_matches([' ', '\t']);
        let mut value = Zeroizing::new(String::with_capacity(raw.len()));
        value.push_str(raw);
        self.pos += end;
        self.skip_to_eol();
        value
    }

    /// A double-quoted value; the parser stands on the opening quote.
    fn double_quoted(&mut self, key: &str) -> Result<Zeroizing<String>, ParseError> {
        let open = self.mark();
        self.bump();
        // First find the closing quote, so the value's buffer is allocated once.
        let mut chars = self.src[self.pos..].char_indices();
        let mut len = None;
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => {
                    len = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let Some(len) = len else {
            return Err(self.error_at(
                open,
                format!("unterminated double-quoted value of `{key}` (no closing `\"`)"),
            ));
        };
        let end = self.pos + len;
        let mut value = Zeroizing::new(String::with_capacity(len));
        while self.pos < end {
            let at = self.mark();
            match self.bump() {
                Some('\\') => match self.bump() {
                    Some('n') => value.push('\n'),
                    Some('t') => value.push('\t'),
                    Some('r') => value.push('\r'),
                    Some('"') => value.push('"'),
                    Some('\\') => value.push('\\'),
                    Some('$') => value.push('$'),
                    _ => {
                        return Err(self.error_at(
                            at,
                            format!(
                                "invalid escape sequence in the double-quoted value of `{key}` \
                                 (allowed: \\n \\t \\r \\\" \\\\ \\$)"
                            ),
                        ));
                    }
                },
                Some('\r') => {
                    if self.peek() == Some('\n') {
                        self.bump();
                    }
                    value.push('\n');
                }
                Some(c) => value.push(c),
                None => break,
            }
        }
        self.bump(); // the closing quote
        Ok(value)
    }

    /// A single-quoted or backtick-quoted value (node dotenv, dotenvx): raw up to the next
    /// `quote`; the parser stands on the opening quote.
    fn raw_quoted(&mut self, key: &str, quote: char) -> Result<Zeroizing<String>, ParseError> {
        let open = self.mark();
        self.bump();
        let Some(len) = self.src[self.pos..].find(quote) else {
            let kind = if quote == '`' {
                "backtick-quoted"
            } else {
                "single-quoted"
            };
            return Err(self.error_at(
                open,
                format!("unterminated {kind} value of `{key}` (no closing `{quote}`)"),
            ));
        };
        let end = self.pos + len;
        let mut value = Zeroizing::new(String::with_capacity(len));
        while self.pos < end {
            match self.bump() {
                Some('\r') => {
                    if self.peek() == Some('\n') {
                        self.bump();
                    }
                    value.push('\n');
                }
                Some(c) => value.push(c),
                None => break,
            }
        }
        self.bump(); // the closing quote
        Ok(value)
    }

    /// After a closing quote: spaces, tabs and an optional comment up to the line break.
    fn after_closing_quote(&mut self, key: &str) -> Result<(), ParseError> {
        self.skip_hspace();
        match self.peek() {
            None | Some('\n' | '\r') => Ok(()),
            Some('#') => {
                self.skip_to_eol();
                Ok(())
            }
            Some(_) => Err(self.error_here(format!(
                "unexpected text after the closing quote of `{key}` (only a `#` comment may follow)"
            ))),
        }
    }
}

fn is_valid_key(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Writes env-file text in which every value reads back exactly, here and in python-dotenv (see
/// the module documentation for the quoting rules and the limits on the Python side).
///
/// # Panics
/// If a key does not match `^[A-Za-z_][A-Za-z0-9_]*$`.
pub fn format_dotenv(entries: &[(&str, &str)]) -> String {
    format_dotenv_dialect(entries, Dialect::Python).0
}

/// The reader a dotenv file is written for, besides tresor itself (which reads both).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// python-dotenv (1.x), and node `dotenv` wherever one form suits both.
    Python,
    /// node `dotenv` (16 and later; tested with 18). dotenvx reads these forms the same way.
    Node,
}

/// `format_dotenv` for `dialect`; also returns the keys whose value that reader cannot read
/// back exactly in any form (they are written so that tresor reads them).
pub fn format_dotenv_dialect(entries: &[(&str, &str)], dialect: Dialect) -> (String, Vec<String>) {
    let forms = match dialect {
        Dialect::Python => dotenv_forms(entries),
        Dialect::Node => node_forms(entries),
    };
    let inexact: Vec<String> = entries
        .iter()
        .zip(&forms)
        .filter(|(_, f)| !f.1)
        .map(|((k, _), _)| k.to_string())
        .collect();
    let write = |out: &mut dyn Out| {
        for ((key, value), form) in entries.iter().zip(&forms) {
            out.put(key);
            out.put("=");
            write_value(out, value, form.0);
            out.put("\n");
        }
    };
    let mut count = Count(0);
    write(&mut count);
    let mut out = String::with_capacity(count.0);
    write(&mut out);
    debug_assert_eq!(out.len(), count.0);
    (out, inexact)
}

/// Writes `export KEY='value'` lines that are safe to `eval` in bash, zsh and dash.
///
/// # Panics
/// If a key does not match `^[A-Za-z_][A-Za-z0-9_]*$`.
pub fn format_shell(entries: &[(&str, &str)]) -> String {
    for (key, _) in entries {
        assert!(is_valid_key(key), "format_shell: invalid variable name");
    }
    let write = |out: &mut dyn Out| {
        for (key, value) in entries {
            out.put("export ");
            out.put(key);
            out.put("='");
            let mut rest = *value;
            while let Some(i) = rest.find('\'') {
                out.put(&rest[..i]);
                out.put("'\\''");
                rest = &rest[i + 1..];
            }
            out.put(rest);
            out.put("'\n");
        }
    };
    let mut count = Count(0);
    write(&mut count);
    let mut out = String::with_capacity(count.0);
    write(&mut out);
    debug_assert_eq!(out.len(), count.0);
    out
}

/// Output sink: a real `String`, or a byte counter used to size it first.
trait Out {
    fn put(&mut self, s: &str);
}

impl Out for String {
    fn put(&mut self, s: &str) {
        self.push_str(s);
    }
}

struct Count(usize);

impl Out for Count {
    fn put(&mut self, s: &str) {
        self.0 += s.len();
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Bare,
    Single,
    Double,
    Backtick,
}

/// The form of each value for node `dotenv`, and whether it reads it back exactly. Its parser
/// (one regex over the file, lines joined, `\r\n` and `\r` made `\n` first) takes single-quoted
/// and backtick-quoted values raw, and decodes only `\n` and `\r` in double-quoted ones. A
/// closing quote after a `\` counts as escaped, so a value that ends in `\` is never quoted.
fn node_forms(entries: &[(&str, &str)]) -> Vec<(Form, bool)> {
    entries
        .iter()
        .map(|(key, value)| {
            assert!(is_valid_key(key), "format_dotenv: invalid variable name");
            node_form(value)
        })
        .collect()
}

fn node_form(value: &str) -> (Form, bool) {
    if !value.is_empty() && value.bytes().all(is_bare_byte) {
        return (Form::Bare, true);
    }
    let ends_escaped = value.ends_with('\\');
    if !value.contains(['\'', '\r']) && !ends_escaped {
        return (Form::Single, true);
    }
    if !value.contains(['`', '\r']) && !ends_escaped {
        return (Form::Backtick, true);
    }
    // Double quotes: `\n` and `\r` are the only escapes, and nothing else may need one.
    if !value.contains(['\\', '"']) {
        return (Form::Double, true);
    }
    (Form::Double, false)
}

/// The form of each value, and whether python-dotenv reads it back exactly (interpolation
/// aside). Chosen from the last entry to the first, because a value that ends in `\` is safe in
/// python-dotenv only if the rest of the file has no quote of its kind.
fn dotenv_forms(entries: &[(&str, &str)]) -> Vec<(Form, bool)> {
    let mut forms = vec![(Form::Double, true); entries.len()];
    let mut later_double = false;
    let mut later_single = false;
    for (i, (key, value)) in entries.iter().enumerate().rev() {
        assert!(is_valid_key(key), "format_dotenv: invalid variable name");
        let form = choose_form(value, later_double, later_single);
        later_double |= form.0 == Form::Double || value.contains('"');
        later_single |= form.0 == Form::Single || value.contains('\'');
        forms[i] = form;
    }
    forms
}

fn choose_form(value: &str, later_double: bool, later_single: bool) -> (Form, bool) {
    if !value.is_empty() && value.bytes().all(is_bare_byte) {
        return (Form::Bare, true);
    }
    if !value.contains(['\'', '\\', '\r', '\n']) {
        return (Form::Single, true);
    }
    // A `\` that python-dotenv keeps in single quotes (it decodes only `\\` and `\'` there):
    // node dotenv reads that form raw too, where its double quotes would keep `\\`.
    if !value.contains(['\'', '\r', '\n']) && !value.contains("\\\\") && !value.ends_with('\\') {
        return (Form::Single, true);
    }
    if let Some(head) = value.strip_suffix('\\') {
        if bare_is_raw_in_both(value) {
            return (Form::Bare, true);
        }
        if !later_double {
            return (Form::Double, true);
        }
        if !later_single && !head.contains(['\'', '\\', '\r']) {
            return (Form::Single, true);
        }
        return (Form::Double, false);
    }
    (Form::Double, true)
}

fn is_bare_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"_-./:@%+,=".contains(&b)
}

/// Whether an unquoted value reads back unchanged in this parser and in python-dotenv (which
/// strips Unicode whitespace and treats any whitespace before `#` as the start of a comment).
fn bare_is_raw_in_both(value: &str) -> bool {
    !value.starts_with([' ', '\'', '"', '#', '`'])
        && !value.ends_with(' ')
        && !value.contains(" #")
        && !value
            .chars()
            .any(|c| c.is_control() || (c.is_whitespace() && c != ' '))
}

fn write_value(out: &mut dyn Out, value: &str, form: Form) {
    match form {
        Form::Bare => out.put(value),
        Form::Single => {
            out.put("'");
            out.put(value);
            out.put("'");
        }
        Form::Backtick => {
            out.put("`");
            out.put(value);
            out.put("`");
        }
        Form::Double => {
            // A tab stays raw: every reader keeps it, where node dotenv would keep `\t` as two
            // characters.
            out.put("\"");
            let mut rest = value;
            while let Some(i) = rest.find(['\\', '"', '\n', '\r']) {
                out.put(&rest[..i]);
                out.put(match rest.as_bytes()[i] {
                    b'\\' => "\\\\",
                    b'"' => "\\\"",
                    b'\n' => "\\n",
                    _ => "\\r",
                });
                rest = &rest[i + 1..];
            }
            out.put(rest);
            out.put("\"");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn values(text: &str) -> Vec<(String, String)> {
        parse(text)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .map(|e| (e.key, e.value.to_string()))
            .collect()
    }

    fn one(text: &str) -> String {
        let v = values(text);
        assert_eq!(v.len(), 1, "{text:?}");
        v[0].1.clone()
    }

    fn err(text: &str) -> ParseError {
        match parse(text) {
            Ok(v) => panic!("{text:?} parsed: {v:?}"),
            Err(e) => e,
        }
    }

    fn kv(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn blank_lines_comments_and_export() {
        let text = "\n# a comment\n   # indented comment\n\nA=1\nexport B=2\n\t export\tC = 3 \n";
        assert_eq!(values(text), kv(&[("A", "1"), ("B", "2"), ("C", "3")]));
        assert!(values("").is_empty());
        assert!(values("# only a comment").is_empty());
    }

    #[test]
    fn export_as_a_key() {
        assert_eq!(values("export=1\n"), kv(&[("export", "1")]));
        assert_eq!(values("export = 1\n"), kv(&[("export", "1")]));
        assert_eq!(values("export exporter=2"), kv(&[("exporter", "2")]));
    }

    #[test]
    fn unquoted_values() {
        assert_eq!(one("K=plain"), "plain");
        assert_eq!(one("K =  spaced value  \t"), "spaced value");
        assert_eq!(one("K=a#b"), "a#b");
        assert_eq!(one("K=a #comment"), "a");
        assert_eq!(one("K=a\t# comment"), "a");
        assert_eq!(one("K=#not a comment"), "#not a comment");
        assert_eq!(one("K= # a comment"), "");
        assert_eq!(one("K=a'b\"c\\d"), "a'b\"c\\d");
        assert_eq!(one("K=x=y==z"), "x=y==z");
        assert_eq!(one("K=héllo wörld ✓"), "héllo wörld ✓");
    }

    #[test]
    fn empty_values() {
        assert_eq!(
            values("A=\nB=''\nC=\"\"\nD=   \nE=\t# c"),
            kv(&[("A", ""), ("B", ""), ("C", ""), ("D", ""), ("E", "")])
        );
        assert_eq!(one("A="), "");
    }

    #[test]
    fn no_interpolation() {
        assert_eq!(
            values("A=1\nB=$A\nC=\"${A}\"\nD='$A'\nE=\"\\$A\"\nF=$HOME"),
            kv(&[
                ("A", "1"),
                ("B", "$A"),
                ("C", "${A}"),
                ("D", "$A"),
                ("E", "$A"),
                ("F", "$HOME")
            ])
        );
    }

    #[test]
    fn single_quoted_is_raw_and_may_span_lines() {
        assert_eq!(
            one(r"K='a\nb\\c\$d # not a comment'"),
            r"a\nb\\c\$d # not a comment"
        );
        assert_eq!(one("K='\"double\" inside'"), "\"double\" inside");
        assert_eq!(one("K='line1\nline2\n'  # comment"), "line1\nline2\n");
        assert_eq!(one("K='  padded  '"), "  padded  ");
    }

    #[test]
    fn double_quoted_escapes() {
        assert_eq!(one(r#"K="a\nb\tc\rd\"e\\f\$g""#), "a\nb\tc\rd\"e\\f$g");
        assert_eq!(one(r#"K="it's # not a comment""#), "it's # not a comment");
        assert_eq!(one(r#"K="ends with backslash\\""#), "ends with backslash\\");
        assert_eq!(one("K=\"  padded  \""), "  padded  ");
        assert_eq!(one("K=\"tab\there\""), "tab\there");
    }

    #[test]
    fn double_quoted_may_span_lines() {
        let text = "A=\"-----BEGIN KEY-----\nabc\n-----END KEY-----\n\"\nB=after\n";
        assert_eq!(
            values(text),
            kv(&[
                ("A", "-----BEGIN KEY-----\nabc\n-----END KEY-----\n"),
                ("B", "after")
            ])
        );
        let entries = parse(text).unwrap();
        assert_eq!(entries[1].line, 5);
    }

    #[test]
    fn comment_after_closing_quote() {
        assert_eq!(
            values("A=\"x\" # c\nB='y'#c\nC=\"z\"\t\t"),
            kv(&[("A", "x"), ("B", "y"), ("C", "z")])
        );
    }

    #[test]
    fn crlf_line_endings() {
        let text = "# c\r\nA=1\r\nB = \"two\"  \r\nC='x\r\ny'\r\nD=\"p\r\nq\"\r\n\r\nE=last";
        assert_eq!(
            values(text),
            kv(&[
                ("A", "1"),
                ("B", "two"),
                ("C", "x\ny"),
                ("D", "p\nq"),
                ("E", "last")
            ])
        );
        let lines: Vec<usize> = parse(text).unwrap().iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 3, 4, 6, 9]);
        // An escaped CR survives; a lone CR is a line break, as in Python's universal newlines.
        assert_eq!(one("K=\"a\\rb\"\r\n"), "a\rb");
        assert_eq!(values("A=1\rB=2\r"), kv(&[("A", "1"), ("B", "2")]));
    }

    #[test]
    fn bom_is_skipped() {
        assert_eq!(values("\u{feff}A=1\n"), kv(&[("A", "1")]));
        assert_eq!(err("\u{feff}A B=1").column, 3);
    }

    #[test]
    fn entry_lines_and_debug_redacts() {
        let entries = parse("\n\nA=1\n# c\nexport B='x\ny'\nC=3").unwrap();
        let lines: Vec<usize> = entries.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 5, 7]);
        let shown = format!("{entries:?}");
        assert!(
            shown.contains("<redacted>") && !shown.contains("x\\ny"),
            "{shown}"
        );
    }

    const CANARY: &str = "sk_live_CANARY42xyz";

    /// Parses `text` (with `{}` replaced by the canary), expects an error at `line`/`column`,
    /// and checks the canary is nowhere in the error.
    fn check_err(template: &str, line: usize, column: usize) -> ParseError {
        let text = template.replace("{}", CANARY);
        let e = err(&text);
        assert_eq!((e.line, e.column), (line, column), "{text:?}: {e}");
        let shown = format!("{e} {e:?}");
        for part in [CANARY, "CANARY", "sk_live", "42xyz"] {
            assert!(!shown.contains(part), "{text:?}: {shown}");
        }
        e
    }

    #[test]
    fn backtick_quotes_are_raw() {
        assert_eq!(one("A=`x #y` # c\n"), "x #y");
        assert_eq!(one("A=`it's \"q\" \\n`"), "it's \"q\" \\n");
        assert_eq!(one("A=`l1\nl2`\n"), "l1\nl2");
        let e = err("A=`open\n");
        assert!(
            e.message
                .contains("unterminated backtick-quoted value of `A`")
        );
    }

    #[test]
    fn errors_have_position_and_no_value() {
        let e = check_err("A=1\nB=\"{}\nC=2\n", 2, 3);
        assert!(
            e.message
                .contains("unterminated double-quoted value of `B`")
        );
        assert_eq!(
            e.to_string(),
            "line 2, column 3: unterminated double-quoted value of `B` (no closing `\"`)"
        );
        let e = check_err("A='{}\n\n", 1, 3);
        assert!(e.message.contains("unterminated single-quoted"), "{e}");
        let e = check_err("# c\n  K = \"{}\\q{}\"", 2, 27);
        assert!(e.message.contains("invalid escape"), "{e}");
        check_err("K=\"{}\\", 1, 3);
        let e = check_err("K=\"{}\"{}", 1, 24);
        assert!(e.message.contains("after the closing quote"), "{e}");
        check_err("K='{}' {}", 1, 25);
        // A pasted secret on a line of its own: no `=`.
        let e = check_err("A=1\n{}\n", 2, 20);
        assert!(e.message.contains("expected `=`"), "{e}");
        check_err("{} x", 1, 21);
        check_err("export {}", 1, 27);
        // Invalid characters in a key.
        let e = check_err("A=1\nsk-{}=x", 2, 3);
        assert!(e.message.contains("invalid character"), "{e}");
        let e = check_err("9{}=x", 1, 1);
        assert!(e.message.contains("digit"), "{e}");
        let e = check_err("  ={}", 1, 3);
        assert!(e.message.contains("expected a variable name"), "{e}");
        check_err("\"{}\"=x", 1, 1);
        check_err("A=1\n  é{}=2", 2, 3);
        // Columns count characters, not bytes.
        check_err("É=1", 1, 1);
        check_err("Aé=1", 1, 2);
        check_err("K=\"éé\"é{}", 1, 7);
    }

    #[test]
    fn duplicate_keys_name_the_key_and_both_lines() {
        let e = check_err("A=1\nB={}\n\nexport  B='{}'\n", 4, 9);
        assert_eq!(
            e.message,
            "duplicate key `B` (first set on line 2, again on line 4)"
        );
        let e = check_err("B=\"{}\n{}\"\nB={}", 3, 1);
        assert!(e.message.contains("line 1, again on line 3"), "{e}");
    }

    #[test]
    fn format_dotenv_forms() {
        let out = format_dotenv(&[
            ("PORT", "8080"),
            ("URL", "https://example.com/a-b_c.d:80@x%20+y,z="),
            ("EMPTY", ""),
            ("SPACE", "two words"),
            ("DOLLAR", "pa$word ${HOME}"),
            ("QUOTE", "it's \"quoted\""),
            ("MULTI", "line1\nline2\r\n\ttab\\"),
            ("HASH", "#x"),
        ]);
        assert_eq!(
            out,
            "PORT=8080\n\
             URL=https://example.com/a-b_c.d:80@x%20+y,z=\n\
             EMPTY=''\n\
             SPACE='two words'\n\
             DOLLAR='pa$word ${HOME}'\n\
             QUOTE=\"it's \\\"quoted\\\"\"\n\
             MULTI=\"line1\\nline2\\r\\n\ttab\\\\\"\n\
             HASH='#x'\n"
        );
    }

    #[test]
    fn trailing_backslash_forms() {
        // Bare when both readers take it raw.
        assert_eq!(format_dotenv(&[("A", r"C:\dir\")]), "A=C:\\dir\\\n");
        assert_eq!(format_dotenv(&[("A", r#"a "b" \"#)]), "A=a \"b\" \\\n");
        // Double quotes when nothing after it has a `"`...
        assert_eq!(
            format_dotenv(&[("A", " x\\"), ("B", "y z")]),
            "A=\" x\\\\\"\nB='y z'\n"
        );
        // ...else single quotes when possible...
        assert_eq!(
            format_dotenv(&[("A", " x\\"), ("B", "\"\n")]),
            "A=' x\\'\nB=\"\\\"\\n\"\n"
        );
        assert_eq!(
            dotenv_forms(&[("A", " x\\"), ("B", "\"\n")]),
            vec![(Form::Single, true), (Form::Double, true)]
        );
        // (A lone `"` would be single-quoted, and its `"` rules out double quotes before it.)
        assert_eq!(
            dotenv_forms(&[("A", " x\\"), ("B", "\"")]),
            vec![(Form::Double, false), (Form::Single, true)]
        );
        // ...else double quotes, exact here only.
        assert_eq!(
            dotenv_forms(&[("A", "\nx\\"), ("B", "'\n")]),
            vec![(Form::Double, false), (Form::Double, true)]
        );
        for entries in [
            &[("A", " x\\"), ("B", "y z")][..],
            &[("A", " x\\"), ("B", "\"\n")],
            &[("A", " x\\"), ("B", "\"")],
            &[("A", "\nx\\"), ("B", "'\n")],
            &[("A", r#"a "b" \"#)],
        ] {
            round_trip(entries);
        }
    }

    #[test]
    #[should_panic(expected = "invalid variable name")]
    fn format_dotenv_rejects_bad_keys() {
        format_dotenv(&[("A-B", "x")]);
    }

    #[test]
    #[should_panic(expected = "invalid variable name")]
    fn format_shell_rejects_bad_keys() {
        format_shell(&[("1A", "x")]);
    }

    #[test]
    fn format_shell_quoting() {
        assert_eq!(
            format_shell(&[
                ("A", "plain"),
                ("B", ""),
                ("C", "it's"),
                ("D", "''"),
                ("E", "$x\n`y`\\")
            ]),
            "export A='plain'\nexport B=''\nexport C='it'\\''s'\nexport D=''\\'''\\'''\n\
             export E='$x\n`y`\\'\n"
        );
    }

    fn round_trip(entries: &[(&str, &str)]) {
        let text = format_dotenv(entries);
        let parsed = parse(&text).unwrap_or_else(|e| panic!("{e} in {text:?}"));
        let got: Vec<(&str, &str)> = parsed
            .iter()
            .map(|e| (e.key.as_str(), e.value.as_str()))
            .collect();
        assert_eq!(got, entries, "{text:?}");
    }

    /// Strings over the characters that matter to env-file syntax.
    fn special_string() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "=", "\"", "'", "\\", "#", "$", "{", "}", "\n", "\r", "\t", " ", "export ", "export",
            "A", "b", "_", "1", "\\n", "\\\"", "\r\n", " #", "${A}", "é", "\u{a0}", "\u{2028}",
            "\u{1b}", "\u{b}", "\u{85}", "\u{feff}",
        ]);
        prop::collection::vec(pieces, 0..24).prop_map(|p| p.concat())
    }

    fn value_strategy() -> impl Strategy<Value = String> {
        prop_oneof![
            special_string(),
            any::<String>(),
            "[ -~]{0,40}",
            "[A-Za-z0-9+/=_.-]{1,40}",
        ]
        .prop_map(|s| s.replace('\0', ""))
    }

    fn key_strategy() -> impl Strategy<Value = String> {
        "[A-Za-z_][A-Za-z0-9_]{0,12}"
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn format_dotenv_round_trips(
            pairs in prop::collection::vec((key_strategy(), value_strategy()), 1..6)
        ) {
            let mut seen = std::collections::HashSet::new();
            let entries: Vec<(&str, &str)> = pairs
                .iter()
                .filter(|(k, _)| seen.insert(k.clone()))
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            round_trip(&entries);
        }

        #[test]
        fn parse_never_panics_on_any_string(text in any::<String>()) {
            let _ = parse(&text);
        }

        #[test]
        fn parse_never_panics_on_special_strings(text in special_string()) {
            if let Err(e) = parse(&text) {
                prop_assert!(e.line >= 1 && e.column >= 1);
            }
        }

        #[test]
        fn parse_never_panics_on_lines(
            lines in prop::collection::vec(
                (key_strategy(), special_string(), prop::sample::select(vec!["=", " = ", "", "\t="])),
                0..6,
            )
        ) {
            let text: String = lines
                .iter()
                .map(|(k, v, eq)| format!("{k}{eq}{v}\n"))
                .collect();
            let _ = parse(&text);
        }
    }

    const TRICKY_RANDOM_VALUES: usize = 400;

    /// Values that stress every reader: quotes, escapes, line breaks, `$`, `#`, Unicode.
    fn tricky_values() -> Vec<String> {
        let mut v: Vec<String> = [
            "",
            "plain",
            "two words",
            " lead",
            "trail ",
            "\tx\t",
            "it's",
            "\"dq\"",
            "'sq'",
            "both ' and \"",
            "back\\slash",
            "\\",
            "\\\\",
            "end\\",
            "\"end\\",
            "x\\\"",
            "a\\'b",
            "$",
            "$HOME",
            "${HOME}",
            "${X:-d}",
            "\\$x",
            "#",
            "#x",
            "a #b",
            "a#b",
            " #",
            "=",
            "==x",
            "line\nbreak",
            "\n",
            "\r",
            "\r\n",
            "cr\rin",
            "ends\n",
            "\u{1}\u{7}\u{1b}[31m\u{7f}",
            "\u{b}\u{c}\u{1c}\u{1d}\u{1e}\u{1f}\u{85}",
            "\u{a0}nbsp\u{a0}",
            "\u{2028}\u{2029}",
            "héllo wörld ✓ 🎉",
            "\u{feff}bom",
            "export X=1",
            "K=V",
            "-----BEGIN-----\nAB\n-----END-----\n",
            "\\n",
            "\\t",
            "\\\\n",
            "'\\''",
            "\"\\\"\"",
            "\\\n",
            " \\",
            "\n\\",
            "'\\",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Fixed-seed xorshift: mostly the special alphabet, sometimes any Unicode scalar value.
        let alphabet: Vec<char> = "=\"'\\#$ {}\n\r\tab:-Aé\u{a0}\u{1b}".chars().collect();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..TRICKY_RANDOM_VALUES {
            let len = next() % 16;
            let s: String = (0..len)
                .map(|_| {
                    let r = next();
                    if r % 4 == 0 {
                        char::from_u32((r >> 8) as u32 % 0x11_0000)
                            .filter(|&c| c != '\0')
                            .unwrap_or('?')
                    } else {
                        alphabet[(r >> 8) as usize % alphabet.len()]
                    }
                })
                .collect();
            v.push(s);
        }
        v
    }

    #[test]
    fn tricky_values_round_trip_together() {
        let values = tricky_values();
        let keys: Vec<String> = (0..values.len()).map(|i| format!("K{i}")).collect();
        let entries: Vec<(&str, &str)> = keys
            .iter()
            .zip(&values)
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        round_trip(&entries);
        for e in &entries {
            round_trip(&[*e]);
        }
    }

    /// `eval`s `format_shell` output in each POSIX-ish shell found and compares the variables.
    #[cfg(unix)]
    #[test]
    fn format_shell_evals_back_exactly() {
        use std::process::Command;
        let values: Vec<String> = tricky_values()
            .into_iter()
            .filter(|v| !v.contains('\0'))
            .collect();
        let keys: Vec<String> = (0..values.len()).map(|i| format!("K{i}")).collect();
        let entries: Vec<(&str, &str)> = keys
            .iter()
            .zip(&values)
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let exports = dir.path().join("exports.sh");
        let printer = dir.path().join("print.sh");
        std::fs::write(&exports, format_shell(&entries)).unwrap();
        let print: String = keys
            .iter()
            .map(|k| format!("printf '%s\\0' \"${k}\"\n"))
            .collect();
        std::fs::write(&printer, print).unwrap();
        let mut ran = 0;
        for shell in [
            &["sh"][..],
            &["bash"],
            &["dash"],
            &["zsh"],
            &["zsh", "-o", "rcquotes"],
        ] {
            let out = match Command::new(shell[0])
                .args(&shell[1..])
                .arg("-c")
                .arg("eval \"$(cat \"$1\")\"; . \"$2\"")
                .arg("sh")
                .arg(&exports)
                .arg(&printer)
                .output()
            {
                Ok(out) => out,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => panic!("{shell:?}: {e}"),
            };
            ran += 1;
            assert!(
                out.status.success(),
                "{shell:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let got: Vec<&[u8]> = out.stdout.split(|&b| b == 0).collect();
            for (i, v) in values.iter().enumerate() {
                assert_eq!(got[i], v.as_bytes(), "{shell:?}: value {i} {v:?}");
            }
        }
        assert!(ran > 0, "no shell found");
    }

    /// Reads `format_dotenv` output with python-dotenv through `tests/dotenv_python_check.py`.
    /// Needs python3 with python-dotenv, so it only runs on request:
    /// `cargo test --lib dotenv -- --ignored`.
    #[test]
    #[ignore = "needs python3 and python-dotenv"]
    fn python_dotenv_reads_format_dotenv_output() {
        use std::process::Command;
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/dotenv_python_check.py");
        let values = tricky_values();
        let keys: Vec<String> = (0..values.len()).map(|i| format!("K{i}")).collect();
        let entries: Vec<(&str, &str)> = keys
            .iter()
            .zip(&values)
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        // As few files as possible, each one that python-dotenv must read exactly: a value that
        // would make some entry inexact (see `choose_form`) starts the next file. A value alone
        // in a file is always exact. One more file holds everything, inexact entries included,
        // to check that the entries before the first inexact one still read back.
        let mut files: Vec<Vec<(&str, &str)>> = vec![vec![]];
        for e in &entries {
            let last = files.last_mut().unwrap();
            last.push(*e);
            if dotenv_forms(last).iter().any(|f| !f.1) {
                last.pop();
                files.push(vec![*e]);
            }
        }
        files.push(entries.clone());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("check.env");
        let mut checked = 0;
        for file in &files {
            // python-dotenv reads entries in order: those before the first inexact one are exact.
            let exact = dotenv_forms(file)
                .iter()
                .position(|f| !f.1)
                .unwrap_or(file.len());
            std::fs::write(&path, format_dotenv(file)).unwrap();
            for interpolate in [false, true] {
                let mut cmd = Command::new("python3");
                cmd.arg(script).arg(&path);
                if !interpolate {
                    cmd.arg("--no-interpolate");
                }
                let out = cmd.output().expect("python3");
                assert!(
                    out.status.success() || exact < file.len(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                let got: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_slice(&out.stdout).unwrap();
                for (k, v) in &file[..exact] {
                    let expands = v.contains("${") && v[v.find("${").unwrap()..].contains('}');
                    if interpolate && expands {
                        continue;
                    }
                    assert_eq!(got.get(*k).and_then(|g| g.as_str()), Some(*v), "{k}");
                    checked += 1;
                }
            }
        }
        eprintln!("{} files, {checked} values checked", files.len());
        assert!(checked > 2 * values.len(), "{checked}");
    }
}
