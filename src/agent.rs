//! The session agent: `tresor unlock` leaves a small background process that holds the vault's
//! root key (never the passphrase) and hands it to later commands of the same user over a Unix
//! socket, until it has been idle for its timeout, has lived for its maximum lifetime, or
//! `tresor lock` ends it.
//!
//! - The socket lives in a 0700 folder: `$XDG_RUNTIME_DIR/tresor/`, or `/tmp/tresor-UID/` when
//!   there is no runtime folder (refused unless it is ours and 0700).
//! - Every connection's peer credentials are checked: another user gets nothing. Any process
//!   of the same user, though, can ask for the key (the command that `run` starts included).
//! - The agent is non-dumpable (set for every tresor process at start). The buffers that hold
//!   the key are `mlock`ed (through `region`, whose `lock` is a safe wrapper; rustix's `mlock`
//!   is `unsafe`); when that fails (`RLIMIT_MEMLOCK`, no privilege) `unlock` warns and `status`
//!   says so. `mlockall` is not used: it fails whenever the whole process (binary, libraries,
//!   stacks) exceeds the limit, which under the usual 8 MiB limit is always.
//! - Time is counted on `CLOCK_BOOTTIME`, which goes on during suspend: an agent whose idle
//!   timeout or lifetime passed while the laptop slept exits at once on resume.
//! - The key is read from the parent through a pipe (never argv or the environment), into a
//!   buffer of the announced size, never through a buffered reader; each reply carrying the
//!   key is written once into a buffer of its exact size, and zeroed before the agent exits.
//! - One agent per vault file: the socket's name is a hash of the vault's path.
//!
//! Protocol (version [`PROTOCOL`]): one JSON request line `{"v":2,"op":"key"|"status"|"lock"}`,
//! one JSON reply line `{"v":2,"body":{…}}`. Rules that hold across versions: a request of
//! another version is answered with the agent's own `v` and no key; `{"op":"lock"}` stops an
//! agent of any version. A client that meets another version ignores that agent (commands fall
//! back to the other key sources with a note) and `tresor unlock` replaces it; nothing of its
//! reply is read but the version.

use std::io::{Read, Write};
use std::os::fd::AsFd;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};
use sha2::Digest;
use zeroize::{Zeroize, Zeroizing};

use crate::crypto::Key;
use crate::error::{Error, Result};

/// The version of the request and reply shapes below. Bump it on any change to them.
pub const PROTOCOL: u32 = 2;

/// Default maximum lifetime of an agent: it exits this long after it started, used or not.
pub const DEFAULT_MAX_LIFETIME: i64 = 8 * 3600;
/// How long an agent waits idle before it forgets the key, as `unlock --timeout` takes it.
pub const DEFAULT_IDLE_TIMEOUT: &str = "15m";

/// The most the agent reads of its input: the root key and every protected environment's key
/// (about 110 bytes each), with room for thousands of them.
const MAX_INPUT: usize = 1 << 20;

/// The most a client reads of a reply: a key reply is about as large as the agent's input.
const MAX_REPLY: usize = MAX_INPUT + 4096;

/// Keys of protected environments an agent holds: (environment id, epoch, key).
pub type ProtectedKeys = Vec<([u8; 16], i64, Key)>;

// ---------------------------------------------------------------------------------------------
// Wire types

/// What a client asks.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Key,
    Status,
    Lock,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Request {
    v: u32,
    op: Op,
}

/// Just the version (and, for `lock`, the operation) of a request or reply of any version.
#[derive(Deserialize, Default)]
struct Probe {
    #[serde(default)]
    v: Option<u32>,
    #[serde(default)]
    op: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Reply {
    v: u32,
    body: Body,
}

/// The body of a reply: externally tagged, so that deserializing it buffers nothing.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Body {
    Key(KeyReply),
    Status(StatusReply),
    Locked,
    Refused(String),
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyReply {
    /// The root key, base64.
    key: Zeroizing<String>,
    /// The vault's id, hex.
    vault_id: String,
    /// How the commands that use this key were unlocked, for the audit log: "agent (…)".
    via: String,
    /// Protected environments' keys, only when `unlock --include-protected` asked for it; or,
    /// for a scoped agent (`unlock -e`), the keys of the environments it may open.
    protected: Vec<ProtectedEntry>,
    /// Started with `unlock -e`: no root key (`key` is empty), only `protected`'s keys.
    #[serde(default)]
    scoped: bool,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProtectedEntry {
    env_id: String,
    epoch: i64,
    key: Zeroizing<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusReply {
    pid: u32,
    vault_id: String,
    /// How the agent itself was unlocked ("passphrase", "identity …").
    origin: String,
    idle_timeout: i64,
    max_lifetime: i64,
    /// Unix time at which the agent exits unless it is used before (idle timeout or lifetime).
    expires_at: i64,
    /// Unix time at which the agent exits whatever happens (maximum lifetime).
    ends_at: i64,
    /// Whether the memory that holds the key is locked (not swappable).
    memory_locked: bool,
    memory_error: Option<String>,
    protected: usize,
    #[serde(default)]
    scoped: bool,
}

/// What `unlock` hands the agent on its stdin (after a line with its length).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AgentInput {
    v: u32,
    key: Zeroizing<String>,
    vault_id: String,
    via: String,
    protected: Vec<ProtectedEntry>,
    #[serde(default)]
    scoped: bool,
}

/// The agent's first line on its stdout, once it listens.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Ready {
    v: u32,
    memory_locked: bool,
    memory_error: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Client side

/// What a look for an agent found.
pub enum Found<T> {
    /// No agent answers (none runs, it timed out, the socket is stale or the folder unsafe).
    Nothing,
    Agent(T),
    /// An agent of another protocol version (another tresor build): not used.
    OtherVersion(Option<u32>),
}

/// The key an agent hands out.
pub struct AgentKey {
    /// The root key; `None` for a scoped agent (`unlock -e`), which holds only `protected`.
    pub key: Option<Key>,
    pub vault_id: [u8; 16],
    pub via: String,
    pub protected: ProtectedKeys,
}

/// What a running agent says about itself.
pub struct AgentStatus {
    pub pid: u32,
    pub origin: String,
    pub idle_timeout: i64,
    pub max_lifetime: i64,
    pub expires_at: i64,
    pub ends_at: i64,
    pub memory_locked: bool,
    pub memory_error: Option<String>,
    pub protected: usize,
    /// Started with `unlock -e`: it holds some environments' keys, not the root key.
    pub scoped: bool,
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

/// Reads up to and without the first `\n` (or to the end) into one zeroizing buffer, with no
/// buffered reader in between. The buffer starts at `first` bytes; when it must grow, the
/// bytes move to a new buffer and the old one is zeroed. More than `max` bytes: `None`.
fn read_line_zeroizing(r: &mut impl Read, first: usize, max: usize) -> Option<Zeroizing<Vec<u8>>> {
    let mut buf = Zeroizing::new(vec![0u8; first.min(max).max(1)]);
    let mut filled = 0;
    loop {
        if filled == buf.len() {
            if buf.len() >= max {
                return None;
            }
            let mut bigger = Zeroizing::new(vec![0u8; (buf.len() * 2).min(max)]);
            bigger[..filled].copy_from_slice(&buf[..filled]);
            buf = bigger;
        }
        let n = match r.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        };
        if let Some(nl) = buf[filled..filled + n].iter().position(|b| *b == b'\n') {
            filled += nl;
            break;
        }
        filled += n;
    }
    // Shorten in place: the bytes past `filled` are zeroed, the allocation stays.
    buf[filled..].zeroize();
    buf.truncate(filled);
    Some(buf)
}

/// One request to the agent of `vault`, one reply.
fn ask(vault: &Path, op: Op) -> Found<Reply> {
    let Ok(socket) = socket_path(vault, false) else {
        return Found::Nothing;
    };
    if !socket.exists() {
        return Found::Nothing;
    }
    let Ok(mut s) = UnixStream::connect(&socket) else {
        return Found::Nothing;
    };
    if s.set_read_timeout(Some(Duration::from_secs(2))).is_err()
        || s.set_write_timeout(Some(Duration::from_secs(2))).is_err()
    {
        return Found::Nothing;
    }
    let mut line = serde_json::to_vec(&Request { v: PROTOCOL, op }).expect("a plain struct");
    line.push(b'\n');
    if s.write_all(&line).is_err() {
        return Found::Nothing;
    }
    let Some(reply) = read_line_zeroizing(&mut s, 4096, MAX_REPLY) else {
        return Found::Nothing;
    };
    if reply.is_empty() {
        return Found::Nothing;
    }
    let probe: Probe = serde_json::from_slice(&reply).unwrap_or_default();
    if probe.v != Some(PROTOCOL) {
        return Found::OtherVersion(probe.v);
    }
    match serde_json::from_slice::<Reply>(&reply) {
        Ok(r) if r.v == PROTOCOL => Found::Agent(r),
        _ => Found::Nothing,
    }
}

fn decode_key(b64: &str) -> Option<Key> {
    let bytes = Zeroizing::new(STANDARD.decode(b64).ok()?);
    Key::from_slice(&bytes)
}

/// The root key from the agent of `vault`, with its vault id, how it was unlocked and the
/// protected environments' keys it holds.
pub fn fetch(vault: &Path) -> Found<AgentKey> {
    let r = match ask(vault, Op::Key) {
        Found::Agent(r) => r,
        Found::Nothing => return Found::Nothing,
        Found::OtherVersion(v) => return Found::OtherVersion(v),
    };
    let Body::Key(k) = r.body else {
        return Found::Nothing;
    };
    let parsed = (|| {
        let vault_id: [u8; 16] = hex::decode(&k.vault_id).ok()?.try_into().ok()?;
        let mut protected = Vec::with_capacity(k.protected.len());
        for p in &k.protected {
            let id: [u8; 16] = hex::decode(&p.env_id).ok()?.try_into().ok()?;
            protected.push((id, p.epoch, decode_key(&p.key)?));
        }
        let key = if k.scoped {
            None
        } else {
            Some(decode_key(&k.key)?)
        };
        Some(AgentKey {
            key,
            vault_id,
            via: k.via.clone(),
            protected,
        })
    })();
    match parsed {
        Some(a) => Found::Agent(a),
        None => Found::Nothing,
    }
}

/// The note a command prints when it ignores an agent of another version.
pub fn other_version_note(v: Option<u32>) -> String {
    let theirs = v.map_or_else(|| "1".to_string(), |v| v.to_string());
    format!(
        "ignoring the session agent for this vault: it speaks protocol {theirs}, this tresor \
         speaks {PROTOCOL} (another tresor build started it); `tresor unlock` replaces it"
    )
}

/// `fetch` without any output (for shell completion).
pub fn fetch_key_quiet(vault: &Path) -> Option<AgentKey> {
    match fetch(vault) {
        Found::Agent(a) => Some(a),
        _ => None,
    }
}

pub fn status(vault: &Path) -> Found<AgentStatus> {
    match ask(vault, Op::Status) {
        Found::Agent(Reply {
            body: Body::Status(s),
            ..
        }) => Found::Agent(AgentStatus {
            pid: s.pid,
            origin: s.origin,
            idle_timeout: s.idle_timeout,
            max_lifetime: s.max_lifetime,
            expires_at: s.expires_at,
            ends_at: s.ends_at,
            memory_locked: s.memory_locked,
            memory_error: s.memory_error,
            protected: s.protected,
            scoped: s.scoped,
        }),
        Found::Agent(_) | Found::Nothing => Found::Nothing,
        Found::OtherVersion(v) => Found::OtherVersion(v),
    }
}

/// Asks the agent to forget its key and exit; works with an agent of any protocol version.
/// `false` when none was running.
pub fn lock(vault: &Path) -> bool {
    let Ok(socket) = socket_path(vault, false) else {
        return false;
    };
    if !socket.exists() {
        return false;
    }
    let Ok(mut s) = UnixStream::connect(&socket) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    let _ = s.set_write_timeout(Some(Duration::from_secs(2)));
    let line = format!("{{\"v\":{PROTOCOL},\"op\":\"lock\"}}\n");
    if s.write_all(line.as_bytes()).is_err() {
        return false;
    }
    // Any answer (or the agent closing the connection as it exits) means it heard. An agent of
    // protocol 1 removes its socket only after answering: wait for that (briefly), so that a
    // new agent can bind the path at once.
    let _ = read_line_zeroizing(&mut s, 256, MAX_REPLY);
    let until = std::time::Instant::now() + Duration::from_secs(1);
    while socket.exists() && std::time::Instant::now() < until {
        std::thread::sleep(Duration::from_millis(10));
    }
    true
}

/// For the vault core: the agent's key no longer verifies the vault (after a `rekey` by a
/// tresor that did not refresh the agent, or a vault file replaced under it). Stops that agent
/// and returns the note to print before falling back to the other key sources; `None` when no
/// agent was running.
pub fn forget_stale(vault: &Path) -> Option<String> {
    lock(vault).then(|| {
        "the session agent held a key that no longer opens this vault (it was re-keyed or \
         replaced); stopped it, trying the other key sources (`tresor unlock` starts a new one)"
            .to_string()
    })
}

/// An agent just started.
pub struct Spawned {
    pub pid: u32,
    pub memory_locked: bool,
    pub memory_error: Option<String>,
}

impl Spawned {
    /// The warning to show when the key's memory could not be locked.
    pub fn memory_warning(&self) -> Option<String> {
        (!self.memory_locked).then(|| {
            format!(
                "the agent could not lock the memory that holds the key ({}): the key may be \
                 written to swap; raise the limit (`ulimit -l`, LimitMEMLOCK=) or use encrypted swap",
                self.memory_error.as_deref().unwrap_or("unknown error")
            )
        })
    }
}

/// How long an agent lives: the idle timeout and the maximum lifetime, in seconds.
#[derive(Clone, Copy, Debug)]
pub struct Lifetimes {
    pub idle: i64,
    pub max: i64,
}

fn encode_protected(protected: &ProtectedKeys) -> Vec<ProtectedEntry> {
    protected
        .iter()
        .map(|(id, epoch, k)| ProtectedEntry {
            env_id: hex::encode(id),
            epoch: *epoch,
            key: Zeroizing::new(STANDARD.encode(k.expose())),
        })
        .collect()
}

/// Starts an agent for `vault` holding `root` (and `protected`), or, with no root key, only
/// the environment keys in `protected` (a scoped agent, `unlock -e`), as a detached process
/// running `tresor agent-serve`. Returns once it listens.
pub fn spawn(
    vault: &Path,
    root: Option<&Key>,
    vault_id: &[u8; 16],
    via: &str,
    life: Lifetimes,
    protected: &ProtectedKeys,
) -> Result<Spawned> {
    let socket = socket_path(vault, true)?;
    let exe = std::env::current_exe()
        .map_err(|e| Error::general(format!("cannot find tresor's own binary: {e}")))?;
    let mut child = std::process::Command::new(exe)
        .arg("agent-serve")
        .arg("--socket")
        .arg(&socket)
        .arg("--timeout")
        .arg(life.idle.to_string())
        .arg("--max-lifetime")
        .arg(life.max.to_string())
        .env_clear()
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|e| Error::general(format!("cannot start the agent: {e}")))?;
    // The key goes through a pipe: never argv, never the environment. A line with the length
    // first, so that the agent reads it into one buffer of the right size.
    let input = AgentInput {
        v: PROTOCOL,
        key: Zeroizing::new(
            root.map(|r| STANDARD.encode(r.expose()))
                .unwrap_or_default(),
        ),
        vault_id: hex::encode(vault_id),
        via: via.to_string(),
        protected: encode_protected(protected),
        scoped: root.is_none(),
    };
    let msg = crate::zjson::to_vec(&input, 0).map_err(|e| Error::general(format!("agent: {e}")))?;
    drop(input);
    let mut stdin = child.stdin.take().expect("piped");
    stdin
        .write_all(format!("{}\n", msg.len()).as_bytes())
        .and_then(|_| stdin.write_all(&msg))
        .map_err(|e| Error::general(format!("cannot hand the key to the agent: {e}")))?;
    drop(stdin);
    drop(msg);
    let mut out = child.stdout.take().expect("piped");
    let line = read_line_zeroizing(&mut out, 512, 4096).unwrap_or_default();
    let ready: Ready = serde_json::from_slice(&line)
        .ok()
        .filter(|r: &Ready| r.v == PROTOCOL)
        .ok_or_else(|| {
            let _ = child.wait();
            Error::general("the agent did not start")
        })?;
    Ok(Spawned {
        pid: child.id(),
        memory_locked: ready.memory_locked,
        memory_error: ready.memory_error,
    })
}

/// What `refresh` did.
pub enum Refreshed {
    /// No agent ran for this vault.
    NoAgent,
    /// The old agent was replaced by one holding the new key, with the same idle timeout and
    /// what was left of its lifetime. `dropped_protected`: the old agent held protected
    /// environments' keys and the new one could not be given them.
    Restarted {
        spawned: Spawned,
        dropped_protected: bool,
    },
    /// The old agent was stopped and none replaces it, for this reason.
    Stopped(String),
}

/// After the root key of `vault` changed (`rekey`, `access remove`): an agent still holding
/// the old key would make every later command fail, so it is replaced by one holding `root`.
/// `protected` gives the protected environments' keys, asked for only when the old agent held
/// some (`None`: they could not be had; the new agent holds the root key only).
pub fn refresh(
    vault: &Path,
    root: &Key,
    vault_id: &[u8; 16],
    protected: impl FnOnce() -> Option<ProtectedKeys>,
) -> Refreshed {
    let st = match status(vault) {
        Found::Nothing => return Refreshed::NoAgent,
        Found::OtherVersion(_) => {
            lock(vault);
            return Refreshed::Stopped("it was started by another tresor build".into());
        }
        Found::Agent(st) => st,
    };
    lock(vault);
    if st.scoped {
        // Its environment keys are all replaced too, and it must never be handed the root key.
        return Refreshed::Stopped(
            "it held some environments' keys (`unlock -e`), all replaced".into(),
        );
    }
    let left = st.ends_at - unix_now();
    if left < 2 {
        return Refreshed::Stopped("its maximum lifetime was over".into());
    }
    let keys = if st.protected > 0 {
        protected()
    } else {
        Some(Vec::new())
    };
    let life = Lifetimes {
        idle: st.idle_timeout,
        max: left,
    };
    match spawn(
        vault,
        Some(root),
        vault_id,
        &st.origin,
        life,
        keys.as_ref().unwrap_or(&Vec::new()),
    ) {
        Ok(spawned) => Refreshed::Restarted {
            spawned,
            dropped_protected: keys.is_none(),
        },
        Err(e) => Refreshed::Stopped(format!("a new one did not start: {}", e.message)),
    }
}

// ---------------------------------------------------------------------------------------------
// The agent

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Time since boot, suspend included (`CLOCK_BOOTTIME`): `Instant` and `CLOCK_MONOTONIC` stop
/// while the machine sleeps, which would stretch an idle timeout by the length of the sleep.
pub fn boottime() -> Duration {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::Boottime);
    Duration::new(
        t.tv_sec.max(0) as u64,
        t.tv_nsec.clamp(0, 999_999_999) as u32,
    )
}

/// Locks the pages of `buf`'s allocation in memory; on failure, says why.
fn lock_memory(buf: &[u8], cap: usize) -> std::result::Result<region::LockGuard, String> {
    region::lock(buf.as_ptr(), cap.max(1)).map_err(|e| {
        let limit = rustix::process::getrlimit(rustix::process::Resource::Memlock).current;
        match limit {
            Some(l) => format!("mlock: {e}; RLIMIT_MEMLOCK is {} KiB", l / 1024),
            None => format!("mlock: {e}"),
        }
    })
}

/// A zeroizing buffer and the lock on its pages; the lock is released before the buffer is
/// freed (fields drop in order).
struct Locked {
    /// Held for its `Drop` (munlock), which runs before the buffer's.
    _guard: Option<region::LockGuard>,
    buf: Zeroizing<Vec<u8>>,
}

impl Locked {
    /// A buffer of `cap` bytes of room, locked before anything is written to it.
    fn with_capacity(cap: usize) -> (Locked, Option<String>) {
        let buf = Zeroizing::new(Vec::with_capacity(cap.max(1)));
        match lock_memory(&buf, buf.capacity()) {
            Ok(g) => (
                Locked {
                    _guard: Some(g),
                    buf,
                },
                None,
            ),
            Err(e) => (Locked { _guard: None, buf }, Some(e)),
        }
    }
}

/// Reads `len\n` and then exactly `len` bytes from `r` into a locked buffer.
fn read_input(r: &mut impl Read) -> Result<(Locked, Option<String>)> {
    let bad = || Error::general("bad agent input");
    let mut header = Vec::with_capacity(24);
    let mut byte = [0u8; 1];
    loop {
        match r.read(&mut byte) {
            Ok(1) if byte[0] == b'\n' => break,
            Ok(1) if header.len() < 20 => header.push(byte[0]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            _ => return Err(bad()),
        }
    }
    let len: usize = std::str::from_utf8(&header)
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|n| (1..=MAX_INPUT).contains(n))
        .ok_or_else(bad)?;
    let (mut input, err) = Locked::with_capacity(len);
    input.buf.resize(len, 0);
    r.read_exact(&mut input.buf)
        .map_err(|e| Error::io("agent input", e))?;
    Ok((input, err))
}

/// What one connection asked for.
enum Handled {
    Nothing,
    KeyGiven,
    Lock,
}

struct Agent<'a> {
    socket: &'a Path,
    key_reply: Locked,
    status: StatusReply,
    idle: Duration,
    ends: Duration,
    last_use: Duration,
    me: rustix::process::Uid,
}

impl Agent<'_> {
    fn deadline(&self) -> Duration {
        (self.last_use + self.idle).min(self.ends)
    }

    /// Forgets the key, removes the socket and exits.
    fn exit(&mut self) -> ! {
        self.key_reply.buf.zeroize();
        let _ = std::fs::remove_file(self.socket);
        std::process::exit(0)
    }

    fn reply(conn: &mut UnixStream, body: Body) {
        let mut line = serde_json::to_vec(&Reply { v: PROTOCOL, body }).expect("a plain reply");
        line.push(b'\n');
        let _ = conn.write_all(&line);
    }

    fn handle(&mut self, mut conn: UnixStream) -> Handled {
        // Only this user: anything else is dropped without a word.
        match rustix::net::sockopt::socket_peercred(&conn) {
            Ok(cred) if cred.uid == self.me => {}
            _ => return Handled::Nothing,
        }
        let _ = conn.set_nonblocking(false);
        let _ = conn.set_read_timeout(Some(Duration::from_secs(2)));
        let _ = conn.set_write_timeout(Some(Duration::from_secs(2)));
        let Some(line) = read_line_zeroizing(&mut conn, 256, 4096) else {
            return Handled::Nothing;
        };
        let probe: Probe = serde_json::from_slice(&line).unwrap_or_default();
        // `lock` is understood whatever the version, so any tresor can stop any agent. The
        // socket goes first, so that a new agent can take its place at once.
        if probe.op.as_deref() == Some("lock") {
            let _ = std::fs::remove_file(self.socket);
            Self::reply(&mut conn, Body::Locked);
            return Handled::Lock;
        }
        if probe.v != Some(PROTOCOL) {
            Self::reply(
                &mut conn,
                Body::Refused(format!("this agent speaks protocol {PROTOCOL}")),
            );
            return Handled::Nothing;
        }
        match serde_json::from_slice::<Request>(&line) {
            Ok(Request { op: Op::Key, .. }) => {
                let _ = conn.write_all(&self.key_reply.buf);
                Handled::KeyGiven
            }
            Ok(Request { op: Op::Status, .. }) => {
                let now = boottime();
                self.status.expires_at =
                    unix_now() + self.deadline().saturating_sub(now).as_secs() as i64;
                self.status.ends_at = unix_now() + self.ends.saturating_sub(now).as_secs() as i64;
                let body = Body::Status(StatusReply {
                    memory_error: self.status.memory_error.clone(),
                    vault_id: self.status.vault_id.clone(),
                    origin: self.status.origin.clone(),
                    ..self.status
                });
                Self::reply(&mut conn, body);
                Handled::Nothing
            }
            Ok(Request { op: Op::Lock, .. }) => unreachable!("handled above"),
            Err(_) => {
                Self::reply(&mut conn, Body::Refused("bad request".into()));
                Handled::Nothing
            }
        }
    }
}

/// The agent's own loop (`tresor agent-serve`): reads the key from stdin, listens, answers the
/// same user only, and exits after `timeout` seconds without a request or `max_lifetime`
/// seconds after it started, whichever comes first.
pub fn serve(socket: &Path, timeout: i64, max_lifetime: i64) -> Result<()> {
    let started = boottime();
    // Straight from the fd: `Stdin` would keep a copy of the key in its own buffer.
    let stdin = std::io::stdin()
        .as_fd()
        .try_clone_to_owned()
        .map_err(|e| Error::io("agent input", e))?;
    let (input, input_err) = read_input(&mut std::fs::File::from(stdin))?;
    let msg: AgentInput =
        serde_json::from_slice(&input.buf).map_err(|_| Error::general("bad agent input"))?;
    drop(input);
    if msg.v != PROTOCOL {
        return Err(Error::general("bad agent input"));
    }
    let status = StatusReply {
        pid: std::process::id(),
        vault_id: msg.vault_id.clone(),
        origin: msg.via.clone(),
        idle_timeout: timeout,
        max_lifetime,
        expires_at: 0,
        ends_at: 0,
        memory_locked: false,
        memory_error: None,
        protected: msg.protected.len(),
        scoped: msg.scoped,
    };
    // The reply to a `key` request is built once, here, into a locked buffer of its size, so
    // that no request makes another copy.
    let reply = Reply {
        v: PROTOCOL,
        body: Body::Key(KeyReply {
            key: msg.key,
            vault_id: msg.vault_id,
            via: format!("agent ({})", msg.via),
            protected: msg.protected,
            scoped: msg.scoped,
        }),
    };
    let len = crate::zjson::len(&reply).map_err(|_| Error::general("bad agent input"))?;
    let (mut key_reply, reply_err) = Locked::with_capacity(len + 1);
    serde_json::to_writer(&mut *key_reply.buf, &reply)
        .map_err(|_| Error::general("bad agent input"))?;
    key_reply.buf.push(b'\n');
    drop(reply);
    let memory_error = reply_err.or(input_err);

    // A stale socket (no agent answers) is replaced; a live one means another agent runs.
    if socket.exists() {
        if UnixStream::connect(socket).is_ok() {
            return Err(Error::general("an agent already runs for this vault"));
        }
        let _ = std::fs::remove_file(socket);
    }
    let listener = UnixListener::bind(socket).map_err(|e| Error::io(socket.display(), e))?;
    let _ = std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o600));
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::io(socket.display(), e))?;
    let mut agent = Agent {
        socket,
        status: StatusReply {
            // Both buffers that ever held the key: the input (briefly) and the reply.
            memory_locked: memory_error.is_none(),
            memory_error: memory_error.clone(),
            ..status
        },
        key_reply,
        idle: Duration::from_secs(timeout.max(1) as u64),
        ends: started + Duration::from_secs(max_lifetime.max(1) as u64),
        last_use: started,
        me: rustix::process::getuid(),
    };
    let ready = Ready {
        v: PROTOCOL,
        memory_locked: agent.status.memory_locked,
        memory_error,
    };
    let mut line = serde_json::to_vec(&ready).expect("a plain struct");
    line.push(b'\n');
    let _ = std::io::stdout()
        .write_all(&line)
        .and_then(|_| std::io::stdout().flush());

    loop {
        let now = boottime();
        if now >= agent.deadline() {
            agent.exit();
        }
        // Wake at least every second: poll's own clock stops during suspend, so the deadline
        // is checked again on `CLOCK_BOOTTIME` soon after a resume.
        let wait = (agent.deadline() - now).min(Duration::from_secs(1));
        let timeout = rustix::event::Timespec {
            tv_sec: wait.as_secs() as _,
            tv_nsec: wait.subsec_nanos() as _,
        };
        let mut fds = [rustix::event::PollFd::new(
            &listener,
            rustix::event::PollFlags::IN,
        )];
        match rustix::event::poll(&mut fds, Some(&timeout)) {
            Ok(0) | Err(rustix::io::Errno::INTR) => continue,
            Ok(_) => {}
            Err(e) => return Err(Error::general(format!("agent: poll: {e}"))),
        }
        let Ok((conn, _)) = listener.accept() else {
            continue;
        };
        match agent.handle(conn) {
            Handled::Nothing => {}
            Handled::KeyGiven => agent.last_use = boottime(),
            Handled::Lock => agent.exit(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boottime_counts_like_proc_uptime() {
        // /proc/uptime is CLOCK_BOOTTIME; CLOCK_MONOTONIC falls behind it by every suspend.
        let uptime: f64 = std::fs::read_to_string("/proc/uptime")
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let ours = boottime().as_secs_f64();
        assert!((ours - uptime).abs() < 2.0, "{ours} vs {uptime}");
    }

    #[test]
    fn requests_and_replies_have_a_version() {
        let r = serde_json::to_string(&Request {
            v: PROTOCOL,
            op: Op::Key,
        })
        .unwrap();
        assert_eq!(r, format!("{{\"v\":{PROTOCOL},\"op\":\"key\"}}"));
        // A version-1 key reply (no `v`) is never taken for a current one.
        let old = br#"{"ok":true,"key":"AAAA","vault_id":"00","via":"x","protected":[]}"#;
        let probe: Probe = serde_json::from_slice(old).unwrap();
        assert_eq!(probe.v, None);
        assert!(serde_json::from_slice::<Reply>(old).is_err());
        let locked = serde_json::to_string(&Reply {
            v: PROTOCOL,
            body: Body::Locked,
        })
        .unwrap();
        assert_eq!(locked, format!("{{\"v\":{PROTOCOL},\"body\":\"locked\"}}"));
    }

    #[test]
    fn lines_are_read_without_leftover_copies() {
        let text = b"0123456789abcdef0123456789\nrest";
        let line = read_line_zeroizing(&mut &text[..], 4, 64).unwrap();
        assert_eq!(&line[..], b"0123456789abcdef0123456789");
        assert!(read_line_zeroizing(&mut &text[..], 4, 8).is_none());
        let mut input = &b"5\nhello"[..];
        let (buf, _) = read_input(&mut input).unwrap();
        assert_eq!(&buf.buf[..], b"hello");
        assert!(read_input(&mut &b"9999999999\nx"[..]).is_err());
    }
}
