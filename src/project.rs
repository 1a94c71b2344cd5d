//! Project settings: a `.tresor.toml` found from the current folder upward (as `.envrc` or
//! `.sops.yaml` are) sets the default environment, the env file `run` uses and the vault for
//! that project. A cloned repository must not be able to point tresor at its own vault or
//! inject variables into your commands by itself, so a project file is used only after
//! `tresor allow`, and again after any change to it (as `direnv allow`): the file's canonical
//! path and the SHA-256 of its content are recorded under `$XDG_STATE_HOME/tresor/allowed/`.
//! A file that is not allowed gets a one-line note and is ignored; `tresor deny` forgets it.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

pub const FILE_NAME: &str = ".tresor.toml";

/// What a project file may set. Any other key is an error that names it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The default environment (beaten by -e and TRESOR_ENV).
    pub env: Option<String>,
    /// The dotenv file `run` uses without --env-file or --only, relative to the project folder.
    pub env_file: Option<PathBuf>,
    /// The vault, relative to the project folder or `~/…` (beaten by --vault and TRESOR_VAULT).
    pub vault: Option<PathBuf>,
}

/// An allowed project file, its paths resolved.
#[derive(Debug)]
pub struct Project {
    pub env: Option<String>,
    pub env_file: Option<PathBuf>,
    pub vault: Option<PathBuf>,
}

/// The nearest `.tresor.toml` from `start` upward, canonicalised.
pub fn find(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        let p = d.join(FILE_NAME);
        if p.is_file() {
            return std::fs::canonicalize(&p).ok();
        }
        dir = d.parent();
    }
    None
}

fn hash_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Where the record of an allowed file lives: one file per project file, named by the hash of
/// its path, holding the hash of the allowed content and the path.
fn record_path(state: &Path, file: &Path) -> PathBuf {
    state
        .join("allowed")
        .join(hash_hex(file.as_os_str().as_encoded_bytes()))
}

/// Parses a project file's text and resolves its paths against its folder.
pub fn parse(file: &Path, text: &str, home: Option<&Path>) -> Result<Project> {
    let s: Settings = toml::from_str(text).map_err(|e| {
        Error::general(format!("{}: {}", file.display(), e.message().trim_end()))
            .with_hint("a project file knows the keys env, env_file and vault")
    })?;
    if let Some(e) = &s.env {
        crate::names::check_env_name(e)?;
    }
    let dir = file.parent().unwrap_or(Path::new("/"));
    let resolve = |p: PathBuf| -> Result<PathBuf> {
        match p.strip_prefix("~") {
            Ok(rest) => match home {
                Some(h) => Ok(h.join(rest)),
                None => Err(Error::general("HOME is not set")),
            },
            Err(_) => Ok(dir.join(p)),
        }
    };
    Ok(Project {
        env: s.env,
        env_file: s.env_file.map(resolve).transpose()?,
        vault: s.vault.map(resolve).transpose()?,
    })
}

/// What `allow` approves: the project file's content and, when it names an env file, that
/// file's content too (the env file decides which variables reach commands, so a change to it
/// after a `git pull` needs a new `allow` as much as a change to the project file).
fn approved_digest(file: &Path, content: &[u8], home: Option<&Path>) -> String {
    let mut all = content.to_vec();
    let env_file = std::str::from_utf8(content)
        .ok()
        .and_then(|text| parse(file, text, home).ok())
        .and_then(|p| p.env_file);
    if let Some(env_file) = env_file {
        all.push(0);
        match std::fs::read(&env_file) {
            Ok(bytes) => all.extend_from_slice(&bytes),
            Err(_) => all.extend_from_slice(b"\0missing"),
        }
    }
    hash_hex(&all)
}

/// Whether `file` is allowed with this exact content (and its env file's).
pub enum Verdict {
    Allowed,
    NotAllowed,
    Changed,
}

pub fn verdict(state: &Path, file: &Path, content: &[u8], home: Option<&Path>) -> Verdict {
    match std::fs::read_to_string(record_path(state, file)) {
        Ok(r) => {
            let want = approved_digest(file, content, home);
            if r.lines()
                .next()
                .is_some_and(|h| crate::crypto::ct_eq(h.as_bytes(), want.as_bytes()))
            {
                Verdict::Allowed
            } else {
                Verdict::Changed
            }
        }
        Err(_) => Verdict::NotAllowed,
    }
}

/// The project settings that apply from the current folder: `None` when there is no project
/// file or it is not allowed (then `note` is told why, in one line).
pub fn discover(
    state: Option<&Path>,
    home: Option<&Path>,
    note: &dyn Fn(&str),
) -> Result<Option<Project>> {
    let Ok(cwd) = std::env::current_dir() else {
        return Ok(None);
    };
    let Some(file) = find(&cwd) else {
        return Ok(None);
    };
    let Ok(content) = std::fs::read(&file) else {
        return Ok(None);
    };
    let verdict = match state {
        Some(s) => verdict(s, &file, &content, home),
        None => Verdict::NotAllowed,
    };
    match verdict {
        Verdict::Allowed => {
            let text = String::from_utf8(content)
                .map_err(|_| Error::general(format!("{}: not UTF-8 text", file.display())))?;
            parse(&file, &text, home).map(Some)
        }
        Verdict::NotAllowed => {
            note(&format!(
                "ignoring {} (not allowed): review it, then run `tresor allow` to use it",
                file.display()
            ));
            Ok(None)
        }
        Verdict::Changed => {
            note(&format!(
                "ignoring {}: it changed since it was allowed; review it, then run `tresor allow` again",
                file.display()
            ));
            Ok(None)
        }
    }
}

/// `tresor allow [FILE]`: records the file's content as allowed; returns what it sets.
pub fn allow(state: &Path, file: &Path, home: Option<&Path>) -> Result<Project> {
    let content = std::fs::read(file).map_err(|e| Error::io(file.display(), e))?;
    let text = std::str::from_utf8(&content)
        .map_err(|_| Error::general(format!("{}: not UTF-8 text", file.display())))?;
    let project = parse(file, text, home)?;
    let record = record_path(state, file);
    let dir = record.parent().expect("under allowed/");
    std::fs::DirBuilder::new()
        .recursive(true)
        .create(dir)
        .map_err(|e| Error::io(dir.display(), e))?;
    let tmp = dir.join(format!(".tmp-{}", std::process::id()));
    std::fs::write(
        &tmp,
        format!(
            "{}\n{}\n",
            approved_digest(file, &content, home),
            file.display()
        ),
    )
    .and_then(|_| std::fs::rename(&tmp, &record))
    .map_err(|e| Error::io(record.display(), e))?;
    Ok(project)
}

/// `tresor deny [FILE]`: forgets the file; returns whether it was allowed.
pub fn deny(state: &Path, file: &Path) -> Result<bool> {
    let record = record_path(state, file);
    match std::fs::remove_file(&record) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::io(record.display(), e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_against_the_project_folder() {
        let p = parse(
            Path::new("/src/app/.tresor.toml"),
            "env = \"test\"\nenv_file = \".env.tresor\"\nvault = \"~/v.db\"\n",
            Some(Path::new("/home/u")),
        )
        .unwrap();
        assert_eq!(p.env.as_deref(), Some("test"));
        assert_eq!(p.env_file.unwrap(), Path::new("/src/app/.env.tresor"));
        assert_eq!(p.vault.unwrap(), Path::new("/home/u/v.db"));
        assert!(parse(Path::new("/a/.tresor.toml"), "colour = 1\n", None).is_err());
        assert!(parse(Path::new("/a/.tresor.toml"), "env = \"BAD ENV\"\n", None).is_err());
    }

    #[test]
    fn a_changed_env_file_needs_a_new_allow() {
        let dir = tempfile::tempdir().unwrap();
        let (state, file) = (dir.path().join("state"), dir.path().join(".tresor.toml"));
        std::fs::write(&file, "env_file = \".env.tresor\"\n").unwrap();
        let env_file = dir.path().join(".env.tresor");
        std::fs::write(&env_file, "A=tresor://A\n").unwrap();
        allow(&state, &file, None).unwrap();
        let content = std::fs::read(&file).unwrap();
        assert!(matches!(
            verdict(&state, &file, &content, None),
            Verdict::Allowed
        ));
        std::fs::write(&env_file, "A=tresor://A\nLD_PRELOAD=/tmp/x.so\n").unwrap();
        assert!(matches!(
            verdict(&state, &file, &content, None),
            Verdict::Changed
        ));
        allow(&state, &file, None).unwrap();
        assert!(matches!(
            verdict(&state, &file, &content, None),
            Verdict::Allowed
        ));
    }
}
