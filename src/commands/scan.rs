//! `tresor scan`: look for the vault's own values and well-known key formats in files, in what
//! git has staged, or in every commit of the history.

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::cli::{ScanArgs, ScanFormat};
use crate::context::Context;
use crate::error::{Error, Kind, Result};
use crate::scan::{Allowlist, Needle, Scanner};

/// The top of the work tree of the git repository around the current folder.
fn git_top(flag: &str) -> Result<PathBuf> {
    let top = std::process::Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .stderr(std::process::Stdio::null())
        .output()
        .map_err(|e| Error::general(format!("running git: {e}")))?;
    if !top.status.success() {
        return Err(Error::general(format!("{flag} needs a git repository"))
            .with_hint("run it inside the repository"));
    }
    Ok(PathBuf::from(
        String::from_utf8_lossy(&top.stdout).trim().to_string(),
    ))
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

pub fn cmd_scan(ctx: &Context, args: ScanArgs) -> Result<()> {
    let mut needles = Vec::new();
    if !args.no_vault {
        let mut vault = ctx.read_vault()?;
        let envs = if args.all_envs {
            vault.env_names()
        } else {
            vec![ctx.env_name()?]
        };
        for env in &envs {
            let all = vault.all_versions(env);
            let Some(all) = super::skip_protected(ctx, &vault, env, args.all_envs, all)? else {
                continue;
            };
            for (name, version, state, value) in all {
                needles.push(Needle::new(
                    format!("{name} ({env}, version {version}, {state})"),
                    &value,
                ));
            }
        }
        vault.event(
            crate::audit::Event::new(crate::audit::Action::Scan).detail(format!(
                "{} of {}",
                crate::ui::count(needles.len(), "value"),
                envs.join(",")
            )),
        );
        vault.commit()?;
        drop(vault);
    }

    let scanner = Scanner::new(&needles, !args.no_patterns);
    drop(needles);
    if scanner.skipped_short() > 0 {
        ctx.ui.note(&format!(
            "{} shorter than {} bytes {} not searched for (too many false matches)",
            crate::ui::count(scanner.skipped_short(), "value"),
            crate::scan::MIN_NEEDLE_LEN,
            if scanner.skipped_short() == 1 {
                "is"
            } else {
                "are"
            }
        ));
    }
    let progress = !ctx.ui.quiet && std::io::stderr().is_terminal();
    let (report, base) = if args.staged {
        let root = git_top("--staged")?;
        (scanner.scan_staged(&root), root)
    } else if args.history {
        let root = git_top("--history")?;
        (scanner.scan_history(&root, progress), root)
    } else {
        (
            scanner.scan_paths(&args.paths, progress),
            PathBuf::from("."),
        )
    };
    let mut report = report.map_err(|e| Error::general(format!("scan: {e}")))?;
    let allow = Allowlist::load(&base).map_err(|e| Error::general(format!("scan: {e}")))?;
    for id in allow.unknown_rules() {
        ctx.ui.warn(&format!(
            "{}: rule:{id} names no rule (see `src/scan/rules.rs` or a finding's id)",
            crate::scan::IGNORE_FILE
        ));
    }
    report.apply(&allow);

    for e in &report.errors {
        ctx.ui.warn(&format!("{}: {}", e.path.display(), e.message));
    }
    let format = if args.json {
        ScanFormat::Json
    } else {
        args.format
    };
    match format {
        ScanFormat::Json => ctx.ui.out(
            &(serde_json::to_string(&report).map_err(|e| Error::general(format!("JSON: {e}")))?
                + "\n"),
        )?,
        ScanFormat::Sarif => ctx.ui.out(
            &(serde_json::to_string_pretty(&crate::scan::sarif(&report))
                .map_err(|e| Error::general(format!("SARIF: {e}")))?
                + "\n"),
        )?,
        ScanFormat::Text => {
            let out: String = report.findings.iter().map(crate::scan::text_line).collect();
            ctx.ui.out(&out)?;
            let what = if args.history {
                format!(
                    "Scanned {} commit{} ({} bytes of added lines)",
                    report.commits_scanned,
                    plural(report.commits_scanned),
                    report.bytes_scanned
                )
            } else {
                format!(
                    "Scanned {} file{} ({} bytes, {} binary skipped)",
                    report.files_scanned,
                    plural(report.files_scanned),
                    report.bytes_scanned,
                    report.binary_skipped
                )
            };
            let allowed = if report.allowed > 0 {
                format!(", {} allowed", report.allowed)
            } else {
                String::new()
            };
            let n = report.findings.len() as u64;
            ctx.ui
                .status(&format!("{what}: {n} finding{}{allowed}", plural(n)));
        }
    }
    if report.findings.is_empty() {
        Ok(())
    } else {
        let n = report.findings.len() as u64;
        Err(Error::new(
            Kind::Findings,
            format!("{n} leaked secret{} or key{} found", plural(n), plural(n)),
        )
        .with_hint("remove them, then rotate every vault secret named above (`tresor rotate NAME`) and revoke every key found at its provider, since it has leaked; to keep one on purpose, see `tresor scan --help` (tresor:allow, .tresorignore)"))
    }
}
