//! Man pages and shell completion scripts, rendered from the clap definitions so the docs
//! cannot drift from the binary (`tresor generate-docs DIR`, checked by a test).

use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::error::{Error, Result};

pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::Elvish,
    Shell::PowerShell,
];

/// The completion script for `shell`.
pub fn completion(shell: Shell) -> Vec<u8> {
    let mut cmd = crate::cli::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "tresor", &mut out);
    out
}

/// File name of a shell's completion script in `completions/`.
pub fn completion_file(shell: Shell) -> &'static str {
    match shell {
        Shell::Bash => "tresor.bash",
        Shell::Zsh => "_tresor",
        Shell::Fish => "tresor.fish",
        Shell::Elvish => "tresor.elv",
        Shell::PowerShell => "_tresor.ps1",
        _ => "tresor.unknown",
    }
}

/// Every man page: `tresor.1` and `tresor-SUB[-SUB].1` for each visible subcommand.
pub fn man_pages() -> Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = crate::cli::Cli::command();
    cmd.build();
    let mut pages = Vec::new();
    render(&cmd, "tresor", &mut pages)?;
    Ok(pages)
}

fn render(cmd: &clap::Command, name: &str, pages: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
    let mut buf = Vec::new();
    let page_cmd = cmd
        .clone()
        .name(name.to_string())
        .bin_name(name.replace('-', " "));
    clap_mangen::Man::new(page_cmd)
        .render(&mut buf)
        .map_err(|e| Error::general(format!("rendering {name}.1: {e}")))?;
    pages.push((format!("{name}.1"), buf));
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        render(sub, &format!("{name}-{}", sub.get_name()), pages)?;
    }
    Ok(())
}

/// Writes `DIR/completions/*` and `DIR/man/*`.
pub fn write_all(dir: &Path) -> Result<()> {
    let comp = dir.join("completions");
    let man = dir.join("man");
    for d in [&comp, &man] {
        std::fs::create_dir_all(d).map_err(|e| Error::io(d.display(), e))?;
    }
    for shell in SHELLS {
        let p = comp.join(completion_file(shell));
        std::fs::write(&p, completion(shell)).map_err(|e| Error::io(p.display(), e))?;
    }
    for (name, page) in man_pages()? {
        let p = man.join(name);
        std::fs::write(&p, page).map_err(|e| Error::io(p.display(), e))?;
    }
    Ok(())
}
