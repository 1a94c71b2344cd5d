//! `tresor allow` and `tresor deny`: trust or forget a project file (see `crate::project`).
//! They need no vault and no config.

use std::path::PathBuf;

use crate::cli::{GlobalArgs, ProjectFileArgs};
use crate::error::{Error, Result};
use crate::project;
use crate::ui::Ui;

/// The project file named by PATH (a file, or a folder to search upward from), else the one
/// found from the current folder.
fn locate(args: &ProjectFileArgs) -> Result<PathBuf> {
    let start = match &args.path {
        Some(p) if p.is_file() => {
            return std::fs::canonicalize(p).map_err(|e| Error::io(p.display(), e));
        }
        Some(p) => p.clone(),
        None => std::env::current_dir().map_err(|e| Error::io("the current folder", e))?,
    };
    project::find(&start).ok_or_else(|| {
        Error::general(format!(
            "no {} in {} or any folder above it",
            project::FILE_NAME,
            start.display()
        ))
    })
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

pub fn cmd_allow(global: &GlobalArgs, args: &ProjectFileArgs) -> Result<()> {
    let ui = Ui::new(global.color, global.quiet);
    let file = locate(args)?;
    let state = crate::context::state_dir()?;
    let p = project::allow(&state, &file, home().as_deref())?;
    let mut sets = Vec::new();
    if let Some(e) = &p.env {
        sets.push(format!("environment {e}"));
    }
    if let Some(f) = &p.env_file {
        sets.push(format!("env file {}", f.display()));
    }
    if let Some(v) = &p.vault {
        sets.push(format!("vault {}", v.display()));
    }
    ui.status(&format!(
        "Allowed {}{}",
        file.display(),
        if sets.is_empty() {
            " (it sets nothing)".to_string()
        } else {
            format!(": {}", sets.join(", "))
        }
    ));
    Ok(())
}

pub fn cmd_deny(global: &GlobalArgs, args: &ProjectFileArgs) -> Result<()> {
    let ui = Ui::new(global.color, global.quiet);
    let file = locate(args)?;
    let state = crate::context::state_dir()?;
    if project::deny(&state, &file)? {
        ui.status(&format!(
            "Denied {}: it is ignored from now on",
            file.display()
        ));
    } else {
        ui.status(&format!(
            "{} was not allowed; nothing to do",
            file.display()
        ));
    }
    Ok(())
}
