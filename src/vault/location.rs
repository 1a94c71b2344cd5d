//! Where a vault lives: an SQLite file, or a PostgreSQL database given by URL. Everything this
//! machine keeps about a vault (pinned key, last generation, session agent, KDF records) is
//! keyed by `Location::key`: the file's path, or the URL normalised and without its password,
//! which is also what every message shows.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A PostgreSQL vault, resolved by the command layer (`pgconf`: URL, `PG*` variables,
/// `~/.pgpass`, TLS).
#[derive(Clone)]
pub struct PgTarget {
    /// The connection settings, password included.
    pub config: ::postgres::Config,
    /// TLS for TCP connections (`sslmode` other than `disable`); `None`: no TLS.
    pub tls: Option<Arc<rustls::ClientConfig>>,
    /// `postgresql://user@host:port/dbname`: the vault's name in messages and records.
    pub shown: String,
}

impl std::fmt::Debug for PgTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

#[derive(Clone, Debug)]
pub enum Location {
    File(PathBuf),
    Postgres(Box<PgTarget>),
}

impl Location {
    /// Whether `text` names a PostgreSQL vault (`postgres://…` or `postgresql://…`).
    pub fn is_url(text: &str) -> bool {
        text.starts_with("postgres://") || text.starts_with("postgresql://")
    }

    /// The key of this machine's records about the vault, and its name in messages.
    pub fn key(&self) -> &Path {
        match self {
            Location::File(p) => p,
            Location::Postgres(t) => Path::new(&t.shown),
        }
    }

    /// The file, for a file vault.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Location::File(p) => Some(p),
            Location::Postgres(_) => None,
        }
    }
}

impl From<&Path> for Location {
    fn from(p: &Path) -> Location {
        Location::File(p.to_path_buf())
    }
}

impl From<&PathBuf> for Location {
    fn from(p: &PathBuf) -> Location {
        Location::File(p.clone())
    }
}

impl From<&Location> for Location {
    fn from(l: &Location) -> Location {
        l.clone()
    }
}
