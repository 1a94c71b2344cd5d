//! `tresor scan`: look for the vault's own values and well-known key formats in files.

use std::io::IsTerminal;

use crate::cli::ScanArgs;
use crate::context::Context;
use crate::error::{Error, Kind, Result};
use crate::scan::{Needle, Scanner};

pub fn cmd_scan(ctx: &Context, args: ScanArgs) -> Result<()> {
    let mut vault = ctx.read_vault()?;
    let envs = if args.all_envs {
        vault.env_names()
    } else {
        vec![ctx.env_name()?]
    };
    let mut needles = Vec::new();
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
    vault.event(crate::audit::Event::new("scan").detail(format!(
        "{} of {}",
        crate::ui::count(needles.len(), "value"),
        envs.join(",")
    )));
    vault.commit()?;
    drop(vault);

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
    let report = if args.staged {
        let top = std::process::Command::new("git")
            .args(["rev-parse", "--show-toplevel"])
            .output()
            .map_err(|e| Error::general(format!("running git: {e}")))?;
        if !top.status.success() {
            return Err(Error::general("--staged needs a git repository")
                .with_hint("run it inside the repository"));
        }
        let root = String::from_utf8_lossy(&top.stdout).trim().to_string();
        scanner.scan_staged(std::path::Path::new(&root))
    } else {
        scanner.scan_paths(&args.paths, progress)
    }
    .map_err(|e| Error::general(format!("scan: {e}")))?;

    for e in &report.errors {
        ctx.ui.warn(&format!("{}: {}", e.path.display(), e.message));
    }
    if args.json {
        ctx.ui.out(
            &(serde_json::to_string(&report).map_err(|e| Error::general(format!("JSON: {e}")))?
                + "\n"),
        )?;
    } else {
        let mut out = String::new();
        for f in &report.findings {
            out.push_str(&f.to_string());
            out.push('\n');
        }
        ctx.ui.out(&out)?;
        ctx.ui.status(&format!(
            "Scanned {} file{} ({} bytes, {} binary skipped): {} finding{}",
            report.files_scanned,
            if report.files_scanned == 1 { "" } else { "s" },
            report.bytes_scanned,
            report.binary_skipped,
            report.findings.len(),
            if report.findings.len() == 1 { "" } else { "s" }
        ));
    }
    if report.findings.is_empty() {
        Ok(())
    } else {
        Err(Error::new(
            Kind::Findings,
            format!(
                "{} leaked secret{} or key{} found",
                report.findings.len(),
                if report.findings.len() == 1 { "" } else { "s" },
                if report.findings.len() == 1 { "" } else { "s" }
            ),
        )
        .with_hint("remove them, then rotate every vault secret named above (`tresor rotate NAME`), since it has leaked"))
    }
}
