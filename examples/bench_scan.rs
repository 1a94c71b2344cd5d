//! Runs the `scan` engine for bench/scan/run.sh: builds a [`Scanner`] from a file of values
//! (one a line; an empty file for the key-format rules alone) and scans the paths given, as `tresor scan` would after unlocking.
//!
//! Usage: bench_scan NEEDLES_FILE [--no-patterns] [--progress] [--list] PATH...
//!
//! Prints `findings=N secrets=N rules=N files=N bytes=N binary=N build_ms=N scan_ms=N` on stderr, the findings
//! themselves on stdout with `--list` (the format never includes a value).

use std::path::PathBuf;
use std::time::Instant;

use tresor::scan::{Needle, Scanner};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(needles_file) = args.next() else {
        eprintln!("usage: bench_scan NEEDLES_FILE [--no-patterns] [--progress] [--list] PATH...");
        std::process::exit(2);
    };
    let (mut patterns, mut progress, mut list) = (true, false, false);
    let mut paths = Vec::new();
    for a in args {
        match a.as_str() {
            "--no-patterns" => patterns = false,
            "--progress" => progress = true,
            "--list" => list = true,
            _ => paths.push(PathBuf::from(a)),
        }
    }
    let text = zeroize::Zeroizing::new(std::fs::read(&needles_file).expect("read needles"));
    let needles: Vec<Needle> = text
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .enumerate()
        .map(|(i, v)| Needle::new(format!("V{i} (bench, version 1, active)"), v))
        .collect();

    let t0 = Instant::now();
    let scanner = Scanner::new(&needles, patterns);
    let built = t0.elapsed();
    let report = scanner.scan_paths(&paths, progress).expect("scan");
    let scanned = t0.elapsed() - built;

    if list {
        for f in &report.findings {
            println!("{f}");
        }
    }
    let secrets = report
        .findings
        .iter()
        .filter(|f| matches!(f.what, tresor::scan::FindingKind::Secret { .. }))
        .count();
    eprintln!(
        "findings={} secrets={} rules={} files={} bytes={} binary={} errors={} build_ms={} scan_ms={}",
        report.findings.len(),
        secrets,
        scanner.rule_count(),
        report.files_scanned,
        report.bytes_scanned,
        report.binary_skipped,
        report.errors.len(),
        built.as_millis(),
        scanned.as_millis()
    );
}
