//! Scanning what git holds: the staged contents of files (`scan --staged`, the pre-commit
//! hook), and every commit reachable in a repository (`scan --history`).
//!
//! It exists because a secret committed once stays in the history after it is deleted from
//! the work tree: a scanner that only reads files misses every leak already pushed. It drives
//! the `git` command line (`cat-file --batch`, `log -p`) rather than a git library: git is
//! there wherever a repository is, and it already knows packs, alternates, shallow clones and
//! the user's configuration.
//!
//! History: `git log --all --reverse -p -U0` lists every commit reachable from any ref, oldest
//! first, with the lines each added (no context lines; a merge shows no diff, its content
//! comes from its parents; renames are detected, so moving a file reports nothing new). The
//! added lines of each file in each commit are put together in a buffer, scanned like a
//! file, and each finding's line mapped back to the line in that commit's version of the file.
//! A finding (same rule or secret, same path, same fingerprint) is reported once, with the
//! first commit that added it.

use std::collections::HashSet;
use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::Ordering;

use super::engine::Scanner;
use super::walk::{Totals, is_binary};
use super::{Finding, ScanError, ScanReport};

impl Scanner {
    /// Scans what is staged in the git repository at (or above) `repo_root`: the index
    /// contents of every added, copied, modified or renamed file, as `git commit` would record
    /// them. Paths are reported relative to the top of the work tree, as git prints them.
    /// The environment is inherited, so a pre-commit hook's `GIT_INDEX_FILE` is honoured.
    pub fn scan_staged(&self, repo_root: &Path) -> io::Result<ScanReport> {
        let names = git_output(
            repo_root,
            &[
                "diff",
                "--cached",
                "--name-only",
                "-z",
                "--diff-filter=ACMR",
            ],
        )?;
        let paths: Vec<PathBuf> = names
            .split(|&b| b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| PathBuf::from(String::from_utf8_lossy(p).into_owned()))
            .collect();
        let totals = Totals::default();
        let mut findings = Vec::new();
        let mut hits = Vec::new();
        let mut errors = Vec::new();
        for (path, blob) in staged_blobs(repo_root, &paths)? {
            let allowed = match blob {
                Blob::Text(data) => {
                    let allowed = self.scan_into(&path, &data, &mut hits, &mut findings);
                    totals.file(data.len());
                    allowed
                }
                Blob::Binary => {
                    totals.binary.fetch_add(1, Ordering::Relaxed);
                    0
                }
                Blob::Missing => {
                    errors.push(ScanError {
                        path,
                        message: "not a file in the index (a submodule?)".to_string(),
                    });
                    0
                }
            };
            totals.allowed.fetch_add(allowed, Ordering::Relaxed);
        }
        Ok(totals.report(findings, errors))
    }

    /// Scans the lines added by every commit reachable from any ref of the repository at (or
    /// above) `repo_root`; each finding is reported once, with the oldest commit that added
    /// it. Paths are relative to the top of the work tree. `progress`: a bar of commits on
    /// stderr (pass it only when stderr is a terminal).
    pub fn scan_history(&self, repo_root: &Path, progress: bool) -> io::Result<ScanReport> {
        let total: u64 =
            String::from_utf8_lossy(&git_output(repo_root, &["rev-list", "--all", "--count"])?)
                .trim()
                .parse()
                .unwrap_or(0);
        let bar = if progress {
            // Hidden until the scan has taken a moment (see `History::read`).
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(total),
                indicatif::ProgressDrawTarget::hidden(),
            );
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{bar:30} {pos}/{len} commits, {msg} findings ({elapsed})",
            ) {
                bar.set_style(style);
            }
            bar.set_message("0");
            Some(bar)
        } else {
            None
        };
        let mut child = git_command(repo_root)
            .args([
                "-c",
                "core.quotePath=false",
                "log",
                "--all",
                "--reverse",
                "-p",
                "-U0",
                "-M",
                "--no-color",
                "--no-ext-diff",
                "--no-textconv",
                "--src-prefix=a/",
                "--dst-prefix=b/",
                "--format=commit %H",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| io::Error::new(e.kind(), format!("could not run git: {e}")))?;
        let mut stderr = child.stderr.take().expect("piped");
        let err_reader = std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = stderr.read_to_end(&mut s);
            s
        });
        let stdout = io::BufReader::with_capacity(1 << 20, child.stdout.take().expect("piped"));
        let mut state = History {
            scanner: self,
            seen: HashSet::new(),
            findings: Vec::new(),
            hits: Vec::new(),
            commits: 0,
            bytes: 0,
            allowed: 0,
            commit: String::new(),
            file: None,
            buf: Vec::new(),
            lines: Vec::new(),
            bar: bar.as_ref(),
            started: std::time::Instant::now(),
            shown: false,
        };
        let result = state.read(stdout);
        let status = child.wait()?;
        let err = err_reader.join().unwrap_or_default();
        if let Some(bar) = &bar {
            bar.finish_and_clear();
        }
        result?;
        if !status.success() {
            return Err(io::Error::other(format!(
                "git log failed: {}",
                String::from_utf8_lossy(&err).trim()
            )));
        }
        let History {
            findings,
            commits,
            bytes,
            allowed,
            ..
        } = state;
        Ok(ScanReport {
            findings,
            files_scanned: 0,
            bytes_scanned: bytes,
            binary_skipped: 0,
            commits_scanned: commits,
            allowed,
            errors: Vec::new(),
        })
    }
}

/// The state of reading `git log -p` output.
struct History<'a> {
    scanner: &'a Scanner,
    /// (path, rule or label, fingerprint) already reported.
    seen: HashSet<(PathBuf, super::FindingKind, String)>,
    findings: Vec<Finding>,
    hits: Vec<super::engine::Hit>,
    commits: u64,
    bytes: u64,
    allowed: u64,
    commit: String,
    /// The file whose added lines are being collected.
    file: Option<PathBuf>,
    /// Its added lines, each with its newline.
    buf: Vec<u8>,
    /// The line number, in the commit's version of the file, of each line in `buf`.
    lines: Vec<usize>,
    bar: Option<&'a indicatif::ProgressBar>,
    started: std::time::Instant,
    /// Whether the bar is drawn: only once the scan has taken more than a moment, so quick
    /// scans print nothing.
    shown: bool,
}

impl History<'_> {
    fn read(&mut self, mut r: impl BufRead) -> io::Result<()> {
        let mut line = Vec::new();
        // Lines left in the current hunk: (old, new); header lines are read only outside one.
        let (mut old_left, mut new_left) = (0usize, 0usize);
        let mut next_line = 0usize;
        loop {
            line.clear();
            if r.read_until(b'\n', &mut line)? == 0 {
                break;
            }
            if old_left > 0 || new_left > 0 {
                match line.first() {
                    Some(b'+') => {
                        let content = &line[1..];
                        self.buf.extend_from_slice(content);
                        if !content.ends_with(b"\n") {
                            self.buf.push(b'\n');
                        }
                        self.lines.push(next_line);
                        next_line += 1;
                        new_left = new_left.saturating_sub(1);
                    }
                    Some(b'-') => old_left = old_left.saturating_sub(1),
                    Some(b' ') => {
                        next_line += 1;
                        old_left = old_left.saturating_sub(1);
                        new_left = new_left.saturating_sub(1);
                    }
                    // "\ No newline at end of file", or something unexpected: end of hunk.
                    Some(b'\\') => {}
                    _ => {
                        old_left = 0;
                        new_left = 0;
                    }
                }
                continue;
            }
            if let Some(hash) = line.strip_prefix(b"commit ") {
                self.flush();
                self.commit = String::from_utf8_lossy(hash).trim().to_string();
                self.commits += 1;
                if let Some(bar) = self.bar {
                    bar.inc(1);
                    if !self.shown && self.started.elapsed() > std::time::Duration::from_millis(300)
                    {
                        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                        self.shown = true;
                    }
                }
            } else if line.starts_with(b"diff --git ") {
                self.flush();
            } else if let Some(path) = line.strip_prefix(b"+++ ") {
                self.flush();
                let path = trim_newline(path);
                self.file = if path == b"/dev/null" {
                    None
                } else {
                    let path = unquote(path);
                    Some(PathBuf::from(
                        String::from_utf8_lossy(path.strip_prefix(b"b/").unwrap_or(&path))
                            .into_owned(),
                    ))
                };
            } else if let Some(rest) = line.strip_prefix(b"@@ ") {
                // @@ -a[,b] +c[,d] @@
                let text = String::from_utf8_lossy(rest);
                let mut parts = text.split(' ');
                let count = |s: Option<&str>, sign: char| -> (usize, usize) {
                    let s = s.unwrap_or("").trim_start_matches(sign);
                    let mut it = s.split(',');
                    let start = it.next().and_then(|n| n.parse().ok()).unwrap_or(0);
                    let len = it.next().map_or(1, |n| n.parse().unwrap_or(0));
                    (start, len)
                };
                let (_, old_len) = count(parts.next(), '-');
                let (new_start, new_len) = count(parts.next(), '+');
                old_left = old_len;
                new_left = new_len;
                next_line = new_start;
            }
        }
        self.flush();
        Ok(())
    }

    /// Scans the added lines collected for the current file.
    fn flush(&mut self) {
        let Some(path) = self.file.take() else {
            self.buf.clear();
            self.lines.clear();
            return;
        };
        if self.buf.is_empty() || is_binary(&self.buf) {
            self.buf.clear();
            self.lines.clear();
            return;
        }
        self.bytes += self.buf.len() as u64;
        let mut found = Vec::new();
        self.allowed += self
            .scanner
            .scan_into(&path, &self.buf, &mut self.hits, &mut found);
        for mut f in found {
            f.line = self.lines.get(f.line - 1).copied().unwrap_or(f.line);
            let key = (f.path.clone(), f.what.clone(), f.fingerprint.clone());
            if self.seen.insert(key) {
                f.commit = Some(self.commit.clone());
                self.findings.push(f);
                if let Some(bar) = self.bar {
                    bar.set_message(self.findings.len().to_string());
                }
            }
        }
        self.buf.clear();
        self.lines.clear();
    }
}

fn trim_newline(s: &[u8]) -> &[u8] {
    let s = s.strip_suffix(b"\n").unwrap_or(s);
    s.strip_suffix(b"\r").unwrap_or(s)
}

/// Undoes git's C-style quoting of an unusual path (`"a\tb"`, octal escapes).
fn unquote(s: &[u8]) -> Vec<u8> {
    let Some(inner) = s.strip_prefix(b"\"").and_then(|s| s.strip_suffix(b"\"")) else {
        return s.to_vec();
    };
    let mut out = Vec::with_capacity(inner.len());
    let mut i = 0;
    while i < inner.len() {
        let b = inner[i];
        if b != b'\\' || i + 1 == inner.len() {
            out.push(b);
            i += 1;
            continue;
        }
        let e = inner[i + 1];
        i += 2;
        match e {
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'r' => out.push(b'\r'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'v' => out.push(11),
            b'0'..=b'3' if inner.len() >= i + 2 => {
                let oct = [e, inner[i], inner[i + 1]];
                if oct.iter().all(|d| (b'0'..=b'7').contains(d)) {
                    out.push((oct[0] - b'0') * 64 + (oct[1] - b'0') * 8 + (oct[2] - b'0'));
                    i += 2;
                } else {
                    out.push(e);
                }
            }
            other => out.push(other),
        }
    }
    out
}

fn git_command(repo_root: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(repo_root).stdin(Stdio::null());
    cmd
}

fn git_output(repo_root: &Path, args: &[&str]) -> io::Result<Vec<u8>> {
    let out = git_command(repo_root)
        .args(args)
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| io::Error::new(e.kind(), format!("could not run git: {e}")))?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        return Err(io::Error::other(format!(
            "git {} failed: {}",
            args.first().unwrap_or(&""),
            msg.trim()
        )));
    }
    Ok(out.stdout)
}

enum Blob {
    Text(Vec<u8>),
    Binary,
    Missing,
}

/// The staged contents of `paths`, through one `git cat-file --batch` (one `git show` per
/// path for the rare name with a newline, which the batch protocol cannot carry).
fn staged_blobs(repo_root: &Path, paths: &[PathBuf]) -> io::Result<Vec<(PathBuf, Blob)>> {
    let mut out = Vec::with_capacity(paths.len());
    let (batch, odd): (Vec<&PathBuf>, Vec<&PathBuf>) = paths
        .iter()
        .partition(|p| !p.to_string_lossy().contains('\n'));
    if !batch.is_empty() {
        let mut child = git_command(repo_root)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| io::Error::new(e.kind(), format!("could not run git: {e}")))?;
        let mut stdin = child.stdin.take().expect("piped");
        let names: Vec<u8> = batch
            .iter()
            .flat_map(|p| format!(":{}\n", p.to_string_lossy()).into_bytes())
            .collect();
        // Written from another thread: git answers while it reads, and both pipes are finite.
        let writer = std::thread::spawn(move || stdin.write_all(&names));
        let mut stdout = io::BufReader::new(child.stdout.take().expect("piped"));
        let mut result = Ok(());
        for path in &batch {
            match read_batch_entry(&mut stdout) {
                Ok(blob) => out.push(((*path).clone(), blob)),
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        drop(stdout);
        let _ = writer.join();
        let status = child.wait()?;
        result?;
        if !status.success() {
            return Err(io::Error::other("git cat-file failed"));
        }
    }
    for path in odd {
        let spec = format!(":{}", path.to_string_lossy());
        let blob = match git_output(repo_root, &["show", &spec]) {
            Ok(data) if is_binary(&data) => Blob::Binary,
            Ok(data) => Blob::Text(data),
            Err(_) => Blob::Missing,
        };
        out.push((path.clone(), blob));
    }
    Ok(out)
}

/// One answer of `git cat-file --batch`: `<oid> <type> <size>\n<contents>\n` or
/// `<name> missing\n`.
fn read_batch_entry(r: &mut impl io::BufRead) -> io::Result<Blob> {
    let mut header = Vec::new();
    r.read_until(b'\n', &mut header)?;
    if header.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "git cat-file ended early",
        ));
    }
    let header = String::from_utf8_lossy(&header);
    let fields: Vec<&str> = header.trim_end().split(' ').collect();
    let size = match fields.as_slice() {
        [.., kind, size] if kind.len() > 1 && size.bytes().all(|b| b.is_ascii_digit()) => {
            let size: usize = size
                .parse()
                .map_err(|_| io::Error::other("git cat-file: bad size"))?;
            (size, *kind == "blob")
        }
        _ => return Ok(Blob::Missing),
    };
    let mut data = vec![0u8; size.0];
    r.read_exact(&mut data)?;
    let mut newline = [0u8; 1];
    r.read_exact(&mut newline)?;
    Ok(if !size.1 {
        Blob::Missing
    } else if is_binary(&data) {
        Blob::Binary
    } else {
        Blob::Text(data)
    })
}

#[cfg(test)]
mod tests;
