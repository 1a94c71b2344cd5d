//! The session agent: `tresor unlock` leaves a small background process that holds the vault's
//! root key (never the passphrase) in locked memory and hands it to later commands of the same
//! user over a Unix socket, until it has been idle for its timeout or `tresor lock` ends it.
//!
//! - The socket lives in a 0700 folder: `$XDG_RUNTIME_DIR/tresor/`, or `/tmp/tresor-UID/` when
//!   there is no runtime folder (refused unless it is ours and 0700).
//! - Every connection's peer credentials are checked: another user gets nothing.
//! - The agent is non-dumpable (set for every tresor process at start) and `mlockall`s its
//!   memory so the key is never swapped; the key is zeroed before it exits.
//! - One agent per vault file: the socket's name is a hash of the vault's path.
//!
//! Protocol: one JSON request line, one JSON reply line.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use sha2::Digest;
use zeroize::Zeroizing;

use crate::crypto::Key;
use crate::error::{Error, Result};

/// What a running agent says about itself.
pub struct AgentStatus {
    pub pid: i64,
    pub expires_at: i64,
    pub idle_timeout: i64,
}

/// The socket of the agent for the vault at `vault`; the folder is made only with `create`.
pub fn socket_path(vault: &Path, create: bool) -> Result<PathBuf> {
    let canonical = std::fs::canonicalize(vault).unwrap_or_else(|_| vault.to_path_buf());
    let hash = sha2::Sha256::digest(canonical.as_os_str().as_encoded_bytes());
    Ok(socket_dir(create)?.join(format!("agent-{}.sock", hex::encode(&hash[..8]))))
}

/// The agent's folder, created 0700 if missing; refused if someone else owns it or others can
/// enter it.
fn socket_dir(create: bool) -> Result<PathBuf> {
    let uid = rustix::process::getuid().as_raw();
    let dir = match std::env::var_os("XDG_RUNTIME_DIR")
        .filter(|d| !d.is_empty() && Path::new(d).is_absolute())
    {
        Some(d) => PathBuf::from(d).join("tresor"),
        None => std::env::temp_dir().join(format!("tresor-{uid}")),
    };
    if !dir.exists() {
        if !create {
            return Ok(dir);
        }
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&dir)
            .map_err(|e| Error::io(dir.display(), e))?;
    }
    let meta = std::fs::symlink_metadata(&dir).map_err(|e| Error::io(dir.display(), e))?;
    if !meta.is_dir() || meta.uid() != uid || meta.permissions().mode() & 0o077 != 0 {
        return Err(Error::general(format!(
            "{} is not a private folder of this user (0700)",
            dir.display()
        ))
        .with_hint("remove it, or set XDG_RUNTIME_DIR to a private folder"));
    }
    Ok(dir)
}

fn request(socket: &Path, req: &Value) -> Option<Value> {
    let mut s = UnixStream::connect(socket).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    s.set_write_timeout(Some(Duration::from_secs(2))).ok()?;
    let mut line = serde_json::to_vec(req).ok()?;
    line.push(b'\n');
    s.write_all(&line).ok()?;
    let mut reply = Zeroizing::new(String::new());
    BufReader::new(s).read_line(&mut reply).ok()?;
    let v: Value = serde_json::from_str(&reply).ok()?;
    (v["ok"] == true).then_some(v)
}

/// The root key from a running agent, with its vault id and how it was unlocked. `None` when
/// no agent answers (none runs, it timed out, or the socket is stale).
/// Keys of protected environments an agent holds: (environment id, epoch, key).
pub type ProtectedKeys = Vec<([u8; 16], i64, Key)>;

pub fn fetch_key(vault: &Path) -> Option<(Key, [u8; 16], String, ProtectedKeys)> {
    let socket = socket_path(vault, false).ok()?;
    if !socket.exists() {
        return None;
    }
    let v = request(&socket, &json!({"op": "key"}))?;
    let key = Zeroizing::new(STANDARD.decode(v["key"].as_str()?).ok()?);
    let vault_id: [u8; 16] = hex::decode(v["vault_id"].as_str()?).ok()?.try_into().ok()?;
    let mut protected = Vec::new();
    for p in v["protected"].as_array().into_iter().flatten() {
        let id: [u8; 16] = hex::decode(p["env_id"].as_str()?).ok()?.try_into().ok()?;
        let k = Zeroizing::new(STANDARD.decode(p["key"].as_str()?).ok()?);
        protected.push((id, p["epoch"].as_i64()?, Key::from_slice(&k)?));
    }
    Some((
        Key::from_slice(&key)?,
        vault_id,
        v["via"].as_str().unwrap_or("agent").to_string(),
        protected,
    ))
}

pub fn status(vault: &Path) -> Option<AgentStatus> {
    let socket = socket_path(vault, false).ok()?;
    if !socket.exists() {
        return None;
    }
    let v = request(&socket, &json!({"op": "status"}))?;
    Some(AgentStatus {
        pid: v["pid"].as_i64()?,
        expires_at: v["expires_at"].as_i64()?,
        idle_timeout: v["idle_timeout"].as_i64()?,
    })
}

/// Asks the agent to forget its key and exit. `false` when none was running.
pub fn lock(vault: &Path) -> bool {
    let Ok(socket) = socket_path(vault, false) else {
        return false;
    };
    socket.exists() && request(&socket, &json!({"op": "lock"})).is_some()
}

/// Starts an agent for `vault` holding `root`, as a detached process running
/// `tresor agent-serve`. Returns its pid once it listens.
pub fn spawn(
    vault: &Path,
    root: &Key,
    vault_id: &[u8; 16],
    via: &str,
    timeout: i64,
    protected: &ProtectedKeys,
) -> Result<u32> {
    let socket = socket_path(vault, true)?;
    let exe = std::env::current_exe()
        .map_err(|e| Error::general(format!("cannot find tresor's own binary: {e}")))?;
    let mut child = std::process::Command::new(exe)
        .arg("agent-serve")
        .arg("--socket")
        .arg(&socket)
        .arg("--timeout")
        .arg(timeout.to_string())
        .env_clear()
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|e| Error::general(format!("cannot start the agent: {e}")))?;
    // The key goes through a pipe: never argv, never the environment.
    let mut msg = Zeroizing::new(
        serde_json::to_vec(&json!({
            "key": STANDARD.encode(root.expose()),
            "vault_id": hex::encode(vault_id),
            "via": via,
            "protected": protected
                .iter()
                .map(|(id, epoch, k)| json!({"env_id": hex::encode(id), "epoch": epoch, "key": STANDARD.encode(k.expose())}))
                .collect::<Vec<_>>(),
        }))
        .map_err(|e| Error::general(format!("agent: {e}")))?,
    );
    msg.push(b'\n');
    let mut stdin = child.stdin.take().expect("piped");
    stdin
        .write_all(&msg)
        .map_err(|e| Error::general(format!("cannot hand the key to the agent: {e}")))?;
    drop(stdin);
    let mut ready = String::new();
    let _ = BufReader::new(child.stdout.take().expect("piped")).read_line(&mut ready);
    if ready.trim() != "ready" {
        return Err(Error::general("the agent did not start"));
    }
    Ok(child.id())
}

use std::os::unix::process::CommandExt;

/// The most the agent reads of its input: the root key and every protected environment's key
/// (about 110 bytes each), with room for thousands of them.
const MAX_INPUT: u64 = 1 << 20;

/// What `unlock` hands the agent on its stdin.
#[derive(serde::Deserialize)]
struct AgentInput {
    key: Zeroizing<String>,
    #[serde(default)]
    vault_id: String,
    #[serde(default)]
    via: Option<String>,
    /// Protected environments' keys, only when `unlock --include-protected` asked for it.
    #[serde(default)]
    protected: Vec<ProtectedEntry>,
}

#[derive(serde::Deserialize, serde::Serialize)]
struct ProtectedEntry {
    env_id: String,
    epoch: i64,
    key: Zeroizing<String>,
}

/// The agent's answer to a `key` request.
#[derive(serde::Serialize)]
struct KeyReply<'a> {
    ok: bool,
    key: &'a str,
    vault_id: &'a str,
    via: &'a str,
    protected: &'a [ProtectedEntry],
}

/// The agent's own loop (`tresor agent-serve`): reads the key from stdin, listens, answers the
/// same user only, and exits after `timeout` seconds without a request.
pub fn serve(socket: &Path, timeout: i64) -> Result<()> {
    let _ = rustix::mm::mlockall(
        rustix::mm::MlockAllFlags::CURRENT | rustix::mm::MlockAllFlags::FUTURE,
    );
    // The keys arrive as one JSON line and are parsed straight into zeroizing fields; the
    // reply to a `key` request is built once, here, so that no request makes another copy.
    let mut input = Zeroizing::new(String::new());
    std::io::stdin()
        .lock()
        .take(MAX_INPUT)
        .read_line(&mut input)
        .map_err(|e| Error::io("agent input", e))?;
    let msg: AgentInput =
        serde_json::from_str(&input).map_err(|_| Error::general("bad agent input"))?;
    drop(input);
    let via = format!("agent ({})", msg.via.as_deref().unwrap_or("agent"));
    let reply = KeyReply {
        ok: true,
        key: &msg.key,
        vault_id: &msg.vault_id,
        via: &via,
        protected: &msg.protected,
    };
    // Room for the whole reply up front: a growing buffer would leave copies behind.
    let mut key_reply = Zeroizing::new(Vec::with_capacity(MAX_INPUT as usize + 256));
    serde_json::to_writer(&mut *key_reply, &reply)
        .map_err(|_| Error::general("bad agent input"))?;
    drop(msg);

    // A stale socket (no agent answers) is replaced; a live one means another agent runs.
    if socket.exists() {
        if UnixStream::connect(socket).is_ok() {
            return Err(Error::general("an agent already runs for this vault"));
        }
        let _ = std::fs::remove_file(socket);
    }
    let listener = UnixListener::bind(socket).map_err(|e| Error::io(socket.display(), e))?;
    let _ = std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o600));
    let me = rustix::process::getuid();
    let idle = Duration::from_secs(timeout.max(1) as u64);
    let state = Arc::new(Mutex::new((Some(key_reply), Instant::now() + idle)));

    // The idle timer: forget the key, remove the socket, exit.
    {
        let state = state.clone();
        let socket = socket.to_path_buf();
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(200));
                let mut s = state.lock().expect("not poisoned");
                if Instant::now() >= s.1 {
                    s.0 = None;
                    let _ = std::fs::remove_file(&socket);
                    std::process::exit(0);
                }
            }
        });
    }
    let _ = std::io::stdout()
        .write_all(b"ready\n")
        .and_then(|_| std::io::stdout().flush());

    for conn in listener.incoming() {
        let Ok(mut conn) = conn else { continue };
        // Only this user: anything else is dropped without a word.
        match rustix::net::sockopt::socket_peercred(&conn) {
            Ok(cred) if cred.uid == me => {}
            _ => continue,
        }
        let _ = conn.set_read_timeout(Some(Duration::from_secs(2)));
        let mut line = Zeroizing::new(String::new());
        if BufReader::new(&mut conn)
            .take(4096)
            .read_line(&mut line)
            .is_err()
        {
            continue;
        }
        let req: Value = serde_json::from_str(&line).unwrap_or(Value::Null);
        let mut s = state.lock().expect("not poisoned");
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        let reply = match req["op"].as_str() {
            Some("key") => {
                s.1 = Instant::now() + idle;
                match &s.0 {
                    Some(r) => Zeroizing::new(String::from_utf8_lossy(r).into_owned()),
                    None => Zeroizing::new(json!({"ok": false}).to_string()),
                }
            }
            Some("status") => {
                let left = s.1.saturating_duration_since(Instant::now()).as_secs() as i64;
                Zeroizing::new(
                    json!({"ok": true, "pid": std::process::id(), "expires_at": now + left, "idle_timeout": timeout})
                        .to_string(),
                )
            }
            Some("lock") => {
                s.0 = None;
                let _ = conn.write_all(b"{\"ok\":true}\n");
                let _ = std::fs::remove_file(socket);
                std::process::exit(0);
            }
            _ => Zeroizing::new(json!({"ok": false}).to_string()),
        };
        drop(s);
        let _ = conn.write_all(reply.as_bytes());
        let _ = conn.write_all(b"\n");
    }
    Ok(())
}
