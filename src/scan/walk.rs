//! Walking folders and reading files for [`Scanner::scan_paths`], with a progress spinner.
//!
//! It exists to keep the file system out of the engine: `ignore`'s parallel walker honours
//! `.gitignore`, `.ignore` and git's exclude files even outside a git repository, scans hidden
//! files (`.env`!) but not `.git/`, and uses both cores; each thread reuses one read buffer. A
//! path given explicitly is scanned even when ignored. Files whose first 8 KiB hold a NUL byte
//! are binary and skipped, counted in [`ScanReport::binary_skipped`]; each file is read whole.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::engine::Scanner;
use super::{BINARY_PROBE_LEN, Finding, ScanError, ScanReport};

impl Scanner {
    /// Walks `paths` (files or folders) in parallel, honouring ignore files, and scans every
    /// text file. Fails only when a path given does not exist; unreadable files are listed in
    /// [`ScanReport::errors`]. `progress`: draw a spinner on stderr once the scan has taken
    /// more than a moment (pass it only when stderr is a terminal).
    pub fn scan_paths(&self, paths: &[PathBuf], progress: bool) -> io::Result<ScanReport> {
        let default = [PathBuf::from(".")];
        let paths = if paths.is_empty() {
            &default[..]
        } else {
            paths
        };
        for p in paths {
            if let Err(e) = std::fs::symlink_metadata(p) {
                return Err(io::Error::new(e.kind(), format!("{}: {e}", p.display())));
            }
        }
        let mut builder = ignore::WalkBuilder::new(&paths[0]);
        for p in &paths[1..] {
            builder.add(p);
        }
        builder
            .hidden(false)
            .parents(true)
            .ignore(true)
            .git_ignore(true)
            .git_global(true)
            .git_exclude(true)
            .require_git(false)
            .follow_links(false)
            .filter_entry(|e| e.file_name() != ".git");

        let progress = Progress::start(progress);
        let totals = Totals::default();
        let findings = Mutex::new(Vec::new());
        let errors = Mutex::new(Vec::new());
        builder.build_parallel().run(|| {
            let mut buf = Vec::new();
            let mut hits = Vec::new();
            let mut local = Vec::new();
            let (totals, findings, errors, progress) = (&totals, &findings, &errors, &progress);
            Box::new(move |entry| {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        lock(errors).push(walk_error(e));
                        return ignore::WalkState::Continue;
                    }
                };
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    return ignore::WalkState::Continue;
                }
                let path = tidy(entry.path());
                match read_text(entry.path(), &mut buf) {
                    Ok(true) => {
                        let allowed = self.scan_into(&path, &buf, &mut hits, &mut local);
                        totals.allowed.fetch_add(allowed, Ordering::Relaxed);
                        totals.file(buf.len());
                        progress.add(buf.len());
                        if !local.is_empty() {
                            lock(findings).append(&mut local);
                        }
                    }
                    Ok(false) => {
                        totals.binary.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(e) => lock(errors).push(ScanError {
                        path,
                        message: e.to_string(),
                    }),
                }
                // A big file should not keep its buffer alive for the rest of the walk.
                if buf.capacity() > 64 << 20 {
                    buf = Vec::new();
                }
                ignore::WalkState::Continue
            })
        });
        progress.finish();
        let mut errors = errors.into_inner().unwrap_or_else(|e| e.into_inner());
        errors.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(totals.report(
            findings.into_inner().unwrap_or_else(|e| e.into_inner()),
            errors,
        ))
    }
}

pub(super) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn walk_error(e: ignore::Error) -> ScanError {
    fn path_of(e: &ignore::Error) -> Option<&Path> {
        match e {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                path_of(err)
            }
            _ => None,
        }
    }
    ScanError {
        path: path_of(&e).map(tidy).unwrap_or_default(),
        message: e.to_string(),
    }
}

/// `./src/a.rs` → `src/a.rs`: the walker joins the root `.` to every path.
fn tidy(p: &Path) -> PathBuf {
    let mut c = p.components();
    if c.next() == Some(Component::CurDir) && c.clone().next().is_some() {
        c.as_path().to_path_buf()
    } else {
        p.to_path_buf()
    }
}

/// Reads `path` into `buf`; `Ok(false)` (and an unspecified `buf`) for a binary file, which
/// is not read past its first [`BINARY_PROBE_LEN`] bytes.
fn read_text(path: &Path, buf: &mut Vec<u8>) -> io::Result<bool> {
    let mut file = File::open(path)?;
    buf.clear();
    (&mut file).take(BINARY_PROBE_LEN as u64).read_to_end(buf)?;
    if buf.contains(&0) {
        return Ok(false);
    }
    if buf.len() == BINARY_PROBE_LEN {
        file.read_to_end(buf)?;
    }
    Ok(true)
}

pub(super) fn is_binary(data: &[u8]) -> bool {
    data[..data.len().min(BINARY_PROBE_LEN)].contains(&0)
}

/// Turns byte offsets into 1-based (line, byte column), for offsets in increasing order,
#[derive(Default)]
pub(super) struct Totals {
    pub(super) files: AtomicU64,
    pub(super) allowed: AtomicU64,
    pub(super) bytes: AtomicU64,
    pub(super) binary: AtomicU64,
}

impl Totals {
    pub(super) fn file(&self, len: usize) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(len as u64, Ordering::Relaxed);
    }

    pub(super) fn report(&self, mut findings: Vec<Finding>, errors: Vec<ScanError>) -> ScanReport {
        findings.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.what).cmp(&(&b.path, b.line, b.column, &b.what))
        });
        findings.dedup();
        ScanReport {
            findings,
            files_scanned: self.files.load(Ordering::Relaxed),
            bytes_scanned: self.bytes.load(Ordering::Relaxed),
            binary_skipped: self.binary.load(Ordering::Relaxed),
            allowed: self.allowed.load(Ordering::Relaxed),
            commits_scanned: 0,
            errors,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Progress

/// A spinner on stderr with files and bytes scanned, shown only if the scan is still running
/// after [`Progress::DELAY`], so quick scans print nothing.
pub(super) struct Progress {
    bar: Option<indicatif::ProgressBar>,
    files: AtomicU64,
    done: Option<std::sync::mpsc::Sender<()>>,
    shower: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    const DELAY: Duration = Duration::from_millis(300);

    pub(super) fn start(enabled: bool) -> Progress {
        if !enabled {
            return Progress {
                bar: None,
                files: AtomicU64::new(0),
                done: None,
                shower: None,
            };
        }
        let bar = indicatif::ProgressBar::hidden();
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} scanning: {msg} files, {bytes} ({binary_bytes_per_sec})",
        ) {
            bar.set_style(style);
        }
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let shown = bar.clone();
        let shower = std::thread::spawn(move || {
            if rx.recv_timeout(Progress::DELAY) == Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
                shown.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(120));
            }
        });
        Progress {
            bar: Some(bar),
            files: AtomicU64::new(0),
            done: Some(tx),
            shower: Some(shower),
        }
    }

    pub(super) fn add(&self, bytes: usize) {
        if let Some(bar) = &self.bar {
            let files = self.files.fetch_add(1, Ordering::Relaxed) + 1;
            bar.inc(bytes as u64);
            bar.set_message(files.to_string());
        }
    }

    pub(super) fn finish(mut self) {
        drop(self.done.take());
        if let Some(t) = self.shower.take() {
            let _ = t.join();
        }
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
