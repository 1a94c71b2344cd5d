//! The command line as clap sees it: types only, no logic. Doc comments are the help text,
//! and the man pages and completion scripts are generated from these same definitions.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::ArgValueCompleter;

/// A command-line secrets vault: API keys in an encrypted SQLite file, one environment at a time.
#[derive(Parser, Debug)]
#[command(name = "tresor", version, max_term_width = 100)]
#[command(
    after_help = "Exit codes: 0 ok, 1 error, 2 usage, 3 could not unlock, 4 integrity failure, \
5 refused by policy, 6 findings."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command accepts, before or after the subcommand.
#[derive(Args, Debug, Clone, Default)]
pub struct GlobalArgs {
    /// Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub vault: Option<PathBuf>,
    /// Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]
    #[arg(short = 'e', long = "env", global = true, value_name = "NAME",
          add = ArgValueCompleter::new(crate::complete::env_names))]
    pub env: Option<String>,
    /// Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on
    /// the terminal) [env: TRESOR_IDENTITY_FILE]
    #[arg(long, global = true, value_name = "FILE")]
    pub identity: Option<PathBuf>,
    /// Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    /// Read the passphrase from file descriptor N
    #[arg(long, global = true, value_name = "N")]
    pub passphrase_fd: Option<i32>,
    /// Errors only: no reminders, warnings or progress
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Open a vault older than the last one seen (recorded)
    #[arg(long, global = true)]
    pub allow_rollback: bool,
    /// The vault key the vault (or bundle) must be signed with; pins it for this vault
    /// [env: TRESOR_VAULT_KEY]
    #[arg(long, global = true, value_name = "KEY")]
    pub vault_key: Option<String>,
    /// When to use colour (NO_COLOR is honoured)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Init(InitArgs),
    Env(EnvArgs),
    Set(SetArgs),
    Get(GetArgs),
    Edit(EditArgs),
    List(ListArgs),
    Rm(RmArgs),
    Cp(CopyArgs),
    Mv(MoveArgs),
    Generate(GenerateArgs),
    Rotate(RotateArgs),
    History(HistoryArgs),
    Revoke(RevokeArgs),
    Due(DueArgs),
    Run(RunArgs),
    Export(ExportArgs),
    Inject(InjectArgs),
    Import(ImportArgs),
    Access(AccessArgs),
    Bundle(BundleCmdArgs),
    Audit(AuditArgs),
    Status(StatusArgs),
    Scan(ScanArgs),
    Passwd(PasswdArgs),
    Rekey(RekeyArgs),
    Vault(VaultArgs),
    Unlock(UnlockArgs),
    /// End the session agent at once: the key is forgotten
    Lock,
    Allow(ProjectFileArgs),
    Deny(DenyArgs),
    Completions(CompletionsArgs),
    #[command(hide = true)]
    GenerateDocs(GenerateDocsArgs),
    #[command(hide = true)]
    AgentServe(AgentServeArgs),
    #[command(hide = true)]
    ClipServe(ClipServeArgs),
}

/// Create a new vault (environments dev, test and prod unless --envs)
///
/// The vault opens with a passphrase (asked twice on a terminal, or read from a passphrase
/// source), with the identity of any --recipient, or both. It never overwrites a vault.
#[derive(Args, Debug)]
pub struct InitArgs {
    /// Give full access to an age recipient: age1…, ssh-ed25519 …, ssh-rsa …, or a file holding one (repeatable)
    #[arg(long = "recipient", value_name = "R")]
    pub recipients: Vec<String>,
    /// No passphrase slot: only the recipients open the vault
    #[arg(long, requires = "recipients")]
    pub no_passphrase: bool,
    /// Environments to create, comma-separated
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "A,B,C",
        default_value = "dev,test,prod"
    )]
    pub envs: Vec<String>,
    /// Argon2id memory in MiB (19 to 4096)
    #[arg(long, value_name = "MIB", default_value_t = 64)]
    pub kdf_memory: u32,
    /// Argon2id iterations (2 to 20)
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub kdf_iterations: u32,
    /// Argon2id lanes (1 to 16)
    #[arg(long, value_name = "P", default_value_t = 4)]
    pub kdf_parallelism: u32,
}

/// Manage environments
#[derive(Args, Debug)]
pub struct EnvArgs {
    #[command(subcommand)]
    pub command: EnvCommand,
}

#[derive(Subcommand, Debug)]
pub enum EnvCommand {
    /// List environments and how many secrets each holds
    List(EnvListArgs),
    /// Add an environment
    Add(EnvAddArgs),
    /// Remove an environment (one that holds secrets needs --force)
    Rm(EnvRmArgs),
    /// Require two factors for an environment: the vault passphrase and an age identity
    Protect(EnvProtectArgs),
    /// Back to one factor for an environment
    Unprotect(EnvUnprotectArgs),
}

#[derive(Args, Debug)]
pub struct EnvProtectArgs {
    /// The environment to protect
    #[arg(add = ArgValueCompleter::new(crate::complete::env_names))]
    pub name: String,
    /// The second factor's recipient
    #[arg(long, value_name = "R", long_help = crate::recipient::FORMS)]
    pub recipient: String,
}

#[derive(Args, Debug)]
pub struct EnvUnprotectArgs {
    /// The protected environment
    #[arg(add = ArgValueCompleter::new(crate::complete::env_names))]
    pub name: String,
}

#[derive(Args, Debug)]
pub struct EnvListArgs {
    /// One JSON document: [{"name","secrets","protected_by"}]; protected_by is the label of
    /// the second factor of a protected environment, else null
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct EnvAddArgs {
    /// Environment name: lower-case letters, digits, `_` and `-`, up to 32
    pub name: String,
}

#[derive(Args, Debug)]
pub struct EnvRmArgs {
    /// The environment to remove
    #[arg(add = ArgValueCompleter::new(crate::complete::env_names))]
    pub name: String,
    /// Also delete every secret in it (asks for confirmation on a terminal)
    #[arg(long)]
    pub force: bool,
    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
    pub yes: bool,
}

/// Expiry and rotation schedule of a new version.
#[derive(Args, Debug, Default, Clone)]
pub struct ScheduleArgs {
    /// Expiry date: YYYY-MM-DD or RFC 3339
    #[arg(long, value_name = "DATE", conflicts_with = "expires_in")]
    pub expires: Option<String>,
    /// Expire after this long: 30s 15m 12h 90d 2w 1y
    #[arg(long, value_name = "DUR")]
    pub expires_in: Option<String>,
    /// Rotation schedule: due this long after each new version
    #[arg(long, value_name = "DUR")]
    pub rotate_every: Option<String>,
    /// A note kept (encrypted) with the version
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

/// Store a secret (a new version when the name exists)
///
/// The value is read from standard input when it is not a terminal, from --from-file, or from
/// a hidden prompt asked twice. It is never taken from the command line.
#[derive(Args, Debug)]
pub struct SetArgs {
    /// Secret name: letters, digits and `_`, not starting with a digit, up to 128
    #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub name: String,
    /// Read the value from FILE
    #[arg(long, value_name = "FILE")]
    pub from_file: Option<PathBuf>,
    /// Keep a trailing newline of the input
    #[arg(long)]
    pub keep_newline: bool,
    #[command(flatten)]
    pub schedule: ScheduleArgs,
    /// Refused: values are never taken from the command line
    #[arg(hide = true, value_name = "VALUE", allow_hyphen_values = true)]
    pub value: Vec<OsString>,
}

/// Print a secret's value and a newline
#[derive(Args, Debug)]
pub struct GetArgs {
    /// The secret to print
    #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub name: String,
    /// Read version N instead of the latest
    #[arg(long, value_name = "N")]
    pub version: Option<i64>,
    /// No newline after the value
    #[arg(short = 'n')]
    pub no_newline: bool,
    /// Print the value even when it is revoked
    #[arg(long)]
    pub allow_revoked: bool,
    /// Copy the value to the clipboard instead of printing it
    #[arg(short = 'c', long)]
    pub clip: bool,
    /// Clear the clipboard after DUR, if it still holds the value
    /// [default: config `clear_after`, else 45s]
    #[arg(long, value_name = "DUR", requires = "clip")]
    pub clear_after: Option<String>,
    /// Allow stdout to be a regular file
    #[arg(long)]
    pub allow_file: bool,
    #[command(flatten)]
    pub source: BundleArgs,
    /// Refused: values are never taken from the command line
    #[arg(hide = true, value_name = "VALUE", allow_hyphen_values = true)]
    pub value: Vec<OsString>,
}

/// Change a secret in $VISUAL or $EDITOR (a new version only if the text changed)
///
/// The value is written to a file in a private folder in memory ($XDG_RUNTIME_DIR, else
/// /dev/shm; made 0700), which is removed however the editor ends. A folder that is not on a
/// tmpfs is refused unless --allow-disk. A new NAME starts empty. One trailing newline the
/// editor adds is dropped, unless --keep-newline. Expiry, rotation schedule, note and recipe
/// carry over to the new version; the rotation schedule restarts.
#[derive(Args, Debug)]
pub struct EditArgs {
    /// The secret to edit (a new version is stored only if the text changed)
    #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub name: String,
    /// Accept a folder on disk for the file when there is none in memory
    #[arg(long)]
    pub allow_disk: bool,
    /// Keep a trailing newline the editor added
    #[arg(long)]
    pub keep_newline: bool,
    #[command(flatten)]
    pub schedule: ScheduleArgs,
    /// Refused: values are never taken from the command line
    #[arg(hide = true, value_name = "VALUE", allow_hyphen_values = true)]
    pub value: Vec<OsString>,
}

/// List secrets: names, versions, dates and states, never values
///
/// PATTERN is a glob on names (`STRIPE_*`, `*_KEY`, `DB_?`, `[A-C]*`); without `*`, `?` or
/// `[` it matches names that contain it. The filters combine: a secret is listed when it
/// passes all of them.
#[derive(Args, Debug)]
pub struct ListArgs {
    /// Only names matching this glob (or containing this text)
    #[arg(value_name = "PATTERN", add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub pattern: Option<String>,
    /// Only what `tresor due` lists: expired, overdue, or due within the reminder window
    #[arg(long)]
    pub due: bool,
    /// Only expired secrets
    #[arg(long)]
    pub expired: bool,
    /// Only secrets not read (get, run, export, bundle export) for DUR, counting from their
    /// creation when never read
    #[arg(long, value_name = "DUR")]
    pub unused: Option<String>,
    /// Every environment, not only the current one
    #[arg(long)]
    pub all_envs: bool,
    /// Include revoked secrets
    #[arg(long)]
    pub revoked: bool,
    /// One JSON document
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub source: BundleArgs,
}

/// Delete a secret and all its versions
#[derive(Args, Debug)]
pub struct RmArgs {
    /// The secret to delete, with all its versions (asks for confirmation on a terminal)
    #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub name: String,
    /// Do not ask for confirmation
    #[arg(short = 'y', long)]
    pub yes: bool,
    /// Refused: values are never taken from the command line
    #[arg(hide = true, value_name = "VALUE", allow_hyphen_values = true)]
    pub value: Vec<OsString>,
}

/// Copy a secret to another environment (--to) or name, with its schedule, recipe and note
///
/// The current version is copied with its expiry, rotation date and schedule, lifetime,
/// generator recipe, note and origin; the copy's history starts at version 1. The source
/// environment is -e/--env.
#[derive(Args, Debug)]
pub struct CopyArgs {
    /// The secret to copy or move (its current version, with its dates, schedule, recipe and note)
    #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub name: String,
    /// The name at the destination [default: NAME]
    #[arg(value_name = "NEW")]
    pub new_name: Option<String>,
    /// The destination environment [default: the source environment]
    #[arg(long, value_name = "ENV", add = ArgValueCompleter::new(crate::complete::env_names))]
    pub to: Option<String>,
    /// Add a new version to a secret that exists at the destination
    #[arg(long)]
    pub overwrite: bool,
    /// Refused: values are never taken from the command line
    #[arg(hide = true, value_name = "VALUE", allow_hyphen_values = true)]
    pub value: Vec<OsString>,
}

/// Move a secret to another environment (--to), or rename it (`mv OLD NEW`)
///
/// As `cp`, then the source and all its versions are deleted, in the same transaction.
#[derive(Args, Debug)]
pub struct MoveArgs {
    #[command(flatten)]
    pub copy: CopyArgs,
}

/// Generate a random value from the OS CSPRNG and store it
///
/// Prints the name, environment, length and entropy; the value only with --print. The recipe
/// is kept (encrypted) so that `tresor rotate` can make the next value the same way.
#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// The secret to store the generated value under (a new name; see --force)
    #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub name: String,
    /// Number of characters, not counting --prefix
    #[arg(long, value_name = "N", default_value_t = 32)]
    pub length: usize,
    /// alnum, alpha, lower, upper, digits, hex, base64url, ascii (printable, no space) or custom:CHARS
    #[arg(long, value_name = "CHARSET", default_value = "alnum")]
    pub charset: String,
    /// Text put before the random part, such as sk_live_ (not counted as entropy)
    #[arg(long, value_name = "TEXT")]
    pub prefix: Option<String>,
    /// A random UUID (version 4) instead of characters
    #[arg(long, conflicts_with_all = ["length", "charset"])]
    pub uuid: bool,
    /// Also print the value on stdout
    #[arg(long)]
    pub print: bool,
    /// With --print: allow stdout to be a regular file
    #[arg(long, requires = "print")]
    pub allow_file: bool,
    /// Replace an existing secret of that name (its recipe and value); `rotate` makes a new
    /// value from the recipe it has
    #[arg(long)]
    pub force: bool,
    /// Accept a value under 64 bits of entropy
    #[arg(long)]
    pub weak: bool,
    #[command(flatten)]
    pub schedule: ScheduleArgs,
    /// Refused: values are never taken from the command line
    #[arg(hide = true, value_name = "VALUE", allow_hyphen_values = true)]
    pub value: Vec<OsString>,
}

/// Store a new version of a secret: regenerated from its recipe, or read like `set`
///
/// Without --from-file, a secret made by `generate` is regenerated the same way; any other
/// secret is read from standard input or a hidden prompt (`--from-file -` reads standard input
/// even for a generated secret). The rotation schedule restarts.
#[derive(Args, Debug)]
pub struct RotateArgs {
    /// The secret to give a new version
    #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub name: String,
    /// Read the new value from FILE (`-`: standard input) instead of the recipe
    #[arg(long, value_name = "FILE")]
    pub from_file: Option<PathBuf>,
    /// Keep a trailing newline of the input
    #[arg(long)]
    pub keep_newline: bool,
    /// Keep the previous value valid this long (`run` injects it as NAME_PREVIOUS)
    #[arg(long, value_name = "DUR")]
    pub grace: Option<String>,
    #[command(flatten)]
    pub schedule: ScheduleArgs,
    /// Refused: values are never taken from the command line
    #[arg(hide = true, value_name = "VALUE", allow_hyphen_values = true)]
    pub value: Vec<OsString>,
}

/// Show every version of a secret: dates, origin and state, never values
#[derive(Args, Debug)]
pub struct HistoryArgs {
    /// The secret whose versions to list
    #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub name: String,
    /// One JSON document: [{"version","created","origin","state"}]
    #[arg(long)]
    pub json: bool,
    /// Refused: values are never taken from the command line
    #[arg(hide = true, value_name = "VALUE", allow_hyphen_values = true)]
    pub value: Vec<OsString>,
}

/// Revoke a secret: it is never handed out again
#[derive(Args, Debug)]
pub struct RevokeArgs {
    /// The secret to mark revoked (its latest version)
    #[arg(add = ArgValueCompleter::new(crate::complete::secret_names))]
    pub name: String,
    /// Why (kept in the history and audit log)
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    /// Refused: values are never taken from the command line
    #[arg(hide = true, value_name = "VALUE", allow_hyphen_values = true)]
    pub value: Vec<OsString>,
}

/// List expired, overdue and soon-due secrets; exit 6 when any is expired or overdue
#[derive(Args, Debug)]
pub struct DueArgs {
    /// Every environment, not only the current one
    #[arg(long, conflicts_with = "bundle")]
    pub all_envs: bool,
    /// Count as due what falls due within DUR [default: config `remind_within`, else 14d]
    #[arg(long, value_name = "DUR")]
    pub within: Option<String>,
    /// One JSON document: [{"env","name","reason","at","kind"}]; reason is expired, overdue or
    /// due; kind is secret or grant (a grant that ends within the window, name its label);
    /// with --bundle, kind is secret or bundle (name null) and days_left is added
    #[arg(long)]
    pub json: bool,
    /// Check a bundle instead of the vault (on a CI runner): exit 6 when the bundle or one of
    /// its secrets expires within the window
    #[arg(long, value_name = "FILE")]
    pub bundle: Option<PathBuf>,
    /// Open a bundle that no vault key pins (its origin is then unverified)
    #[arg(long, requires = "bundle")]
    pub allow_unpinned: bool,
}

/// Run a command with the environment's secrets in its environment
///
/// On Unix tresor replaces itself with the command (same PID; the command's own signals and
/// exit status). The variables that unlock the vault are removed from its environment. Revoked
/// secrets are skipped with a warning; an expired one stops the run (exit 5). During a rotation
/// grace period the previous value is injected too, as NAME_PREVIOUS.
#[derive(Args, Debug)]
pub struct RunArgs {
    /// Inject only these secrets (a missing one is an error)
    #[arg(long, value_delimiter = ',', value_name = "A,B",
          add = ArgValueCompleter::new(crate::complete::secret_name_list))]
    pub only: Vec<String>,
    /// Put PREFIX before every injected name
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,
    /// Inject the variables of a dotenv file instead, resolving tresor://NAME and tresor://ENV/NAME references
    #[arg(long, value_name = "FILE")]
    pub env_file: Option<PathBuf>,
    /// Start from an empty environment but PATH HOME USER LOGNAME LANG TERM TZ
    #[arg(long)]
    pub no_inherit: bool,
    /// Inject expired secrets too (with a warning) instead of refusing to run
    #[arg(long)]
    pub allow_expired: bool,
    /// Also write secret NAME to a private file in memory (0600) and put its path in VAR
    /// [default: NAME_FILE]; removed when the command exits (tresor stays as parent). Repeatable
    #[arg(long = "file", value_name = "NAME[=VAR]")]
    pub files: Vec<String>,
    /// Accept a folder on disk for the --file files when there is none in memory
    #[arg(long, requires = "files")]
    pub allow_disk: bool,
    /// Stay as parent and replace every injected value in the command's output with ********
    /// (on a terminal, the command gets a pseudo-terminal of its own)
    #[arg(long)]
    pub mask: bool,
    #[command(flatten)]
    pub source: BundleArgs,
    /// The command and its arguments (after `--`)
    #[arg(
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "CMD"
    )]
    pub command: Vec<OsString>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Dotenv,
    Json,
    Shell,
}

/// The reader a dotenv export is quoted for (tresor reads both).
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DotenvDialect {
    /// python-dotenv (and node dotenv wherever one quoting suits both)
    #[default]
    Python,
    /// node dotenv and dotenvx: backtick quotes, no escapes but \n and \r
    Node,
}

/// Print secrets to stdout as dotenv, JSON or shell `export` lines
///
/// Refuses (exit 5) when stdout is a regular file, unless --allow-file: tresor never writes
/// plaintext secrets to disk on its own.
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Export only these secrets
    #[arg(long, value_delimiter = ',', value_name = "A,B",
          add = ArgValueCompleter::new(crate::complete::secret_name_list))]
    pub only: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ExportFormat::Dotenv)]
    pub format: ExportFormat,
    /// With --format dotenv: quote for this reader
    #[arg(long, value_enum, default_value_t = DotenvDialect::Python)]
    pub dialect: DotenvDialect,
    /// Allow stdout to be a regular file
    #[arg(long)]
    pub allow_file: bool,
    #[command(flatten)]
    pub source: BundleArgs,
}

/// Render a template to stdout with its {{ tresor://NAME }} references replaced by values
///
/// References are `{{ tresor://NAME }}` (this environment) and `{{ tresor://ENV/NAME }}`;
/// everything else is copied as it is. Every reference must exist. Refuses (exit 5) when stdout
/// is a regular file, unless --allow-file.
#[derive(Args, Debug)]
pub struct InjectArgs {
    /// The template file, or - for standard input [default: standard input]
    #[arg(value_name = "TEMPLATE")]
    pub template: Option<PathBuf>,
    /// Allow stdout to be a regular file
    #[arg(long)]
    pub allow_file: bool,
    /// Use expired secrets too (with a warning) instead of refusing
    #[arg(long)]
    pub allow_expired: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    Dotenv,
    Json,
}

/// Import secrets from a dotenv or JSON file (all or nothing)
///
/// An existing name is an error unless --overwrite, which adds a new version. The source file
/// still holds the plaintext afterwards: delete it securely.
#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The file to read, or - for standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Input format [default: json for *.json, else dotenv]
    #[arg(long, value_enum)]
    pub format: Option<ImportFormat>,
    /// Add a new version to secrets that exist
    #[arg(long)]
    pub overwrite: bool,
}

/// Read from a bundle instead of the vault.
#[derive(Args, Debug, Default, Clone)]
pub struct BundleArgs {
    /// Read secrets from this bundle (made by `tresor bundle export`), with an age identity
    #[arg(long, value_name = "FILE")]
    pub bundle: Option<PathBuf>,
    /// Open a bundle that no vault key pins (--vault-key, TRESOR_VAULT_KEY, or the key pinned
    /// here for its vault): its origin is then unverified
    #[arg(long, requires = "bundle")]
    pub allow_unpinned: bool,
}

/// Give others access: read-only grants of one environment to an age recipient
#[derive(Args, Debug)]
pub struct AccessArgs {
    #[command(subcommand)]
    pub command: AccessCommand,
}

#[derive(Subcommand, Debug)]
pub enum AccessCommand {
    /// Let an age identity read one environment (-e/--env), and nothing else
    Grant(AccessGrantArgs),
    /// List grants
    List(AccessListArgs),
    /// Remove a grant and re-key its environment
    Revoke(AccessRevokeArgs),
    /// Give an age recipient full access (like `init --recipient`)
    Add(AccessAddArgs),
    /// Remove a full-access recipient, then re-key the whole vault
    Remove(AccessRemoveArgs),
}

#[derive(Args, Debug)]
pub struct AccessAddArgs {
    /// The recipient to give full access
    #[arg(long, value_name = "R", long_help = crate::recipient::FORMS)]
    pub recipient: String,
}

#[derive(Args, Debug)]
pub struct AccessRemoveArgs {
    /// The recipient's label (as `access list` shows it) or the recipient itself
    pub recipient: String,
}

#[derive(Args, Debug)]
pub struct AccessGrantArgs {
    /// The grantee's recipient
    #[arg(long, value_name = "R", long_help = crate::recipient::FORMS)]
    pub recipient: String,
    /// A label for the grant, such as ci-test
    #[arg(long, value_name = "LABEL")]
    pub name: String,
    /// The grant stops working after this long
    #[arg(long, value_name = "DUR")]
    pub expires_in: Option<String>,
}

#[derive(Args, Debug)]
pub struct AccessListArgs {
    /// One JSON document: [{"label","env","recipient","created","expires_at"}]
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct AccessRevokeArgs {
    /// The grant's label (see `tresor access list`)
    #[arg(add = ArgValueCompleter::new(crate::complete::grant_labels))]
    pub label: String,
}

/// Bundles: one environment's secrets encrypted to an age recipient, for machines without the vault
#[derive(Args, Debug)]
pub struct BundleCmdArgs {
    #[command(subcommand)]
    pub command: BundleCommand,
}

#[derive(Subcommand, Debug)]
pub enum BundleCommand {
    /// Write a signed, encrypted bundle of the environment's active secrets to stdout
    Export(BundleExportArgs),
}

#[derive(Args, Debug)]
pub struct BundleExportArgs {
    /// Who can open it
    #[arg(long, value_name = "R", long_help = crate::recipient::FORMS)]
    pub recipient: String,
    /// Only these secrets
    #[arg(long, value_delimiter = ',', value_name = "A,B",
          add = ArgValueCompleter::new(crate::complete::secret_name_list))]
    pub only: Vec<String>,
    /// The bundle is refused after this long
    #[arg(long, value_name = "DUR")]
    pub expires_in: Option<String>,
    /// ASCII armour (PEM-like text) instead of binary
    #[arg(long)]
    pub armor: bool,
}

/// Work on the vault as a whole: copy it between a file and PostgreSQL
#[derive(Args, Debug)]
pub struct VaultArgs {
    #[command(subcommand)]
    pub command: VaultCommand,
}

#[derive(Subcommand, Debug)]
pub enum VaultCommand {
    /// Copy the vault, verified, into a new file or PostgreSQL database
    ///
    /// Every row and the audit chain are verified first (as `audit verify`), then every row is
    /// copied byte for byte into the target, which must not hold a vault: an SQLite file path,
    /// or postgresql://USER@HOST/DATABASE (an empty database or schema; libpq's PG* variables,
    /// ~/.pgpass and sslmode apply). The copy keeps the vault id, its keys and passphrase, and
    /// its history; its vault key is pinned for the target on this machine. Copy back with
    /// `--vault postgresql://… vault copy --to FILE`. Use one of the two afterwards: each
    /// looks like an older copy of the other once the other has changed.
    Copy(VaultCopyArgs),
}

#[derive(Args, Debug)]
pub struct VaultCopyArgs {
    /// The new vault: a file path, or a postgres:// or postgresql:// URL
    #[arg(long, value_name = "PATH_OR_URL")]
    pub to: String,
}

/// Show the tamper-evident audit log (newest last), or check it with `audit verify`
#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AuditArgs {
    #[command(subcommand)]
    pub command: Option<AuditCommand>,
    /// Only events about this secret
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Only this action (get, set, run, revoke, …)
    #[arg(long, value_name = "ACTION")]
    pub action: Option<String>,
    /// Only events since DATE (YYYY-MM-DD, RFC 3339) or for the last DUR (such as 24h)
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Only the last N events
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// One JSON document: [{"seq","time","actor","via","action","env","name","version","detail"}]
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Walk the MAC chain and the header's record of its end; exit 4 naming the first bad event
    Verify,
}

/// Vault, environments, due and expired keys, unused keys, grants, audit state, unusual use
#[derive(Args, Debug)]
pub struct StatusArgs {
    /// One JSON document, for monitoring
    #[arg(long)]
    pub json: bool,
}

/// Find the vault's own values (every version, in raw, base64, hex and URL-encoded form) and
/// the key formats of 150+ providers in files, staged changes or the whole git history; never
/// prints the match; exit 6 on findings
///
/// A line holding `tresor:allow` is not reported; `.tresorignore` (in the current folder, or
/// the top of the repository for --staged and --history) lists paths (.gitignore globs),
/// `rule:ID` and finding fingerprints to leave out.
#[derive(Args, Debug)]
pub struct ScanArgs {
    /// Files or folders to scan [default: .]; .gitignore is honoured
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Look for the values of every environment, not only the current one
    #[arg(long)]
    pub all_envs: bool,
    /// Scan what git has staged (for a pre-commit hook) instead of PATHs
    #[arg(long, conflicts_with_all = ["paths", "history"])]
    pub staged: bool,
    /// Scan the lines added by every commit reachable in the git repository (each finding
    /// once, with the commit that added it) instead of PATHs
    #[arg(long, conflicts_with = "paths")]
    pub history: bool,
    /// Output format: text, json (one document) or sarif (SARIF 2.1.0, for code scanning)
    #[arg(long, value_enum, default_value_t = ScanFormat::Text, value_name = "FORMAT")]
    pub format: ScanFormat,
    /// Same as --format json: {"findings":[{"path","line","column","kind",…}],…}
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Only the vault's values, not the key formats
    #[arg(long)]
    pub no_patterns: bool,
    /// Only the key formats: do not unlock the vault
    #[arg(long, conflicts_with_all = ["no_patterns", "all_envs"])]
    pub no_vault: bool,
}

/// How `scan` prints its findings.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScanFormat {
    Text,
    Json,
    Sarif,
}

/// Change the vault passphrase (the old one stops working at once)
///
/// Re-wraps the random root key: the time does not depend on the number of secrets. A vault
/// without a passphrase gets one.
#[derive(Args, Debug)]
pub struct PasswdArgs {
    /// Read the new passphrase from FILE (whole content minus one trailing newline)
    #[arg(long, value_name = "FILE")]
    pub new_passphrase_file: Option<PathBuf>,
}

/// New root and environment keys; everything re-encrypted in one transaction
///
/// Values read back unchanged. The vault key that signs bundles changes too: re-pin it.
#[derive(Args, Debug)]
pub struct RekeyArgs {}

/// Unlock once and keep the keys in a background agent until idle for DUR
///
/// Later commands for this vault get the key from the agent, before trying any identity or
/// passphrase, so they ask for nothing. The agent holds the root key, not the passphrase, in locked memory,
/// answers only this user (any process of this user, the command `run` starts included), and
/// forgets the key and exits after the idle timeout or its maximum lifetime.
#[derive(Args, Debug)]
pub struct UnlockArgs {
    /// Idle timeout: the agent exits after this long without a request
    #[arg(long, value_name = "DUR", default_value = crate::agent::DEFAULT_IDLE_TIMEOUT)]
    pub timeout: String,
    /// Maximum lifetime: the agent exits this long after it started, even if in use
    /// [default: config `agent_max_lifetime`, else 8h]
    #[arg(long, value_name = "DUR")]
    pub max_lifetime: Option<String>,
    /// Also hold the keys of protected environments (asks for both factors now); otherwise
    /// every command that opens one still needs its second factor
    #[arg(long)]
    pub include_protected: bool,
    /// Hold only these environments' keys, not the root key (a command that the agent serves
    /// can then read nothing else, and write nothing); `-e ENV` does the same for one
    #[arg(
        long,
        value_name = "ENV,…",
        value_delimiter = ',',
        conflicts_with = "include_protected"
    )]
    pub envs: Vec<String>,
}

/// The session agent's own process (started by `tresor unlock`).
#[derive(Args, Debug)]
pub struct AgentServeArgs {
    #[arg(long)]
    pub socket: PathBuf,
    #[arg(long)]
    pub timeout: i64,
    #[arg(long, default_value_t = crate::agent::DEFAULT_MAX_LIFETIME)]
    pub max_lifetime: i64,
}

/// Use a project file (.tresor.toml) as it is now: its env, env_file and vault apply
///
/// A .tresor.toml found from the current folder upward sets the default environment, the env
/// file `run` uses and the vault for that project, but only once allowed, and again after any
/// change (its path and the SHA-256 of its content are kept in $XDG_STATE_HOME/tresor/allowed/).
/// Review the file first: it decides which vault you unlock and what `run` injects.
#[derive(Args, Debug)]
pub struct ProjectFileArgs {
    /// The project file, or a folder to search upward from [default: the current folder]
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
}

/// Stop using a project file (.tresor.toml): forget that it was allowed
#[derive(Args, Debug)]
pub struct DenyArgs {
    #[command(flatten)]
    pub file: ProjectFileArgs,
}

/// The clipboard helper's own process (started by `tresor get --clip`; the value comes on
/// standard input).
#[derive(Args, Debug)]
pub struct ClipServeArgs {
    /// Seconds before the clipboard is cleared
    #[arg(long)]
    pub clear_after: i64,
}

/// Print the completion script for a shell
#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to print the script for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Write the man pages and completion scripts under DIR (for packaging and the repository)
#[derive(Args, Debug)]
pub struct GenerateDocsArgs {
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

#[cfg(test)]
mod tests {
    #[test]
    fn clap_definitions_are_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
