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

/// The variables tresor reads, for every man page's ENVIRONMENT section: (name, meaning).
pub const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "TRESOR_VAULT",
        "The vault file, as --vault (which beats it); default $XDG_DATA_HOME/tresor/vault.db.",
    ),
    (
        "TRESOR_CONFIG",
        "The config file, as --config; default $XDG_CONFIG_HOME/tresor/config.toml.",
    ),
    (
        "TRESOR_ENV",
        "The environment, as -e/--env (which beats it; it beats the config's default_env).",
    ),
    (
        "TRESOR_IDENTITY_FILE",
        "A file of age identities (or an unencrypted SSH key) that unlocks the vault, as --identity.",
    ),
    (
        "TRESOR_IDENTITY",
        "The text of an age identity (AGE-SECRET-KEY-1...) that unlocks the vault.",
    ),
    (
        "TRESOR_PASSPHRASE_FILE",
        "A file whose content (less one trailing newline) is the passphrase, as --passphrase-file.",
    ),
    (
        "TRESOR_PASSPHRASE",
        "The passphrase itself. Removed, with every other unlock variable, from the environment of the command run starts.",
    ),
    (
        "TRESOR_VAULT_KEY",
        "The vault key (tresor-vk1-...) that bundles and grants must be signed by, as --vault-key.",
    ),
    (
        "TRESOR_NOW",
        "An RFC 3339 time that replaces the clock, in test builds only (debug builds and the test-clock feature); a release build ignores it with a warning.",
    ),
    (
        "NO_COLOR",
        "When set and not empty, no colour (as --color never).",
    ),
    (
        "COMPLETE",
        "Set to a shell name (bash, zsh, fish, elvish, powershell), makes tresor print that shell's dynamic completion registration, or (with _CLAP_COMPLETE_INDEX, set by that script) the completions of a command line; names come only from a running session agent.",
    ),
    ("HOME", "Where the XDG defaults below start."),
    (
        "XDG_DATA_HOME",
        "Base of the default vault path (default ~/.local/share).",
    ),
    (
        "XDG_CONFIG_HOME",
        "Base of the default config path (default ~/.config).",
    ),
    (
        "XDG_STATE_HOME",
        "Where tresor keeps what it has seen of each vault (generations and pinned vault keys) (default ~/.local/state).",
    ),
    (
        "XDG_RUNTIME_DIR",
        "Where the session agent's socket lives ($XDG_RUNTIME_DIR/tresor/; else /tmp/tresor-UID/).",
    ),
    (
        "TZ",
        "The time zone of times shown in tables (else /etc/localtime); JSON times are UTC.",
    ),
    (
        "USER, LOGNAME",
        "The user named in audit events (with the host name).",
    ),
];

/// The ENVIRONMENT section in roff.
fn environment_section() -> String {
    let esc = |t: &str| t.replace('\\', "\\e").replace('-', "\\-");
    let mut out = String::from(".SH ENVIRONMENT\n");
    for (name, text) in ENVIRONMENT {
        out.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", esc(name), esc(text)));
    }
    out
}

/// The help subcommand off, at every level: it has no page, so no page names it.
fn without_help_subcommand(cmd: clap::Command) -> clap::Command {
    cmd.disable_help_subcommand(true)
        .mut_subcommands(without_help_subcommand)
}

/// Every man page: `tresor.1` and `tresor-SUB[-SUB].1` for each visible subcommand.
pub fn man_pages() -> Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = without_help_subcommand(crate::cli::Cli::command());
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
    // ENVIRONMENT goes before VERSION (or at the end), as man-pages(7) orders sections.
    let text = String::from_utf8(buf).expect("roff is UTF-8");
    let page = match text.find("\n.SH VERSION") {
        Some(i) => format!(
            "{}\n{}{}",
            &text[..i],
            environment_section(),
            &text[i + 1..]
        ),
        None => format!("{text}{}", environment_section()),
    };
    pages.push((format!("{name}.1"), page.into_bytes()));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every visible positional argument of every command has a description in its man page.
    #[test]
    fn every_positional_is_described() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for a in cmd.get_positionals().filter(|a| !a.is_hide_set()) {
                if a.get_help().is_none() && a.get_long_help().is_none() {
                    missing.push(format!("{path} <{}>", a.get_id()));
                }
            }
            for s in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
                walk(s, &format!("{path} {}", s.get_name()), missing);
            }
        }
        let mut cmd = crate::cli::Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        walk(&cmd, "tresor", &mut missing);
        assert!(missing.is_empty(), "undescribed: {missing:?}");
    }

    #[test]
    fn pages_have_an_environment_section_and_name_no_help_page() {
        let pages = man_pages().unwrap();
        for (name, page) in &pages {
            let text = String::from_utf8_lossy(page);
            assert!(text.contains(".SH ENVIRONMENT"), "{name}");
            assert!(!text.contains("help(1)"), "{name}");
        }
        let top = String::from_utf8_lossy(&pages[0].1).into_owned();
        for v in [
            "TRESOR_IDENTITY",
            "TRESOR_PASSPHRASE",
            "TRESOR_NOW",
            "COMPLETE",
            "TRESOR_VAULT_KEY",
            "NO_COLOR",
        ] {
            assert!(top.contains(&format!("\\fB{v}")), "{v}");
        }
    }
}
