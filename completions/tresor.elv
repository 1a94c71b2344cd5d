
use builtin;
use str;

set edit:completion:arg-completer[tresor] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'tresor'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'tresor'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or unencrypted SSH key) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create a new vault (environments dev, test and prod unless --envs)'
            cand env 'Manage environments'
            cand set 'Store a secret (a new version when the name exists)'
            cand get 'Print a secret''s value and a newline'
            cand list 'List secrets: names, versions, dates and states, never values'
            cand rm 'Delete a secret and all its versions'
            cand generate 'Generate a random value from the OS CSPRNG and store it'
            cand rotate 'Store a new version of a secret: regenerated from its recipe, or read like `set`'
            cand history 'Show every version of a secret: dates, origin and state, never values'
            cand revoke 'Revoke a secret: it is never handed out again'
            cand due 'List expired, overdue and soon-due secrets; exit 6 when any is expired or overdue'
            cand run 'Run a command with the environment''s secrets in its environment'
            cand export 'Print secrets to stdout as dotenv, JSON or shell `export` lines'
            cand import 'Import secrets from a dotenv or JSON file (all or nothing)'
            cand completions 'Print the completion script for a shell'
            cand generate-docs 'Write the man pages and completion scripts under DIR (for packaging and the repository)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;init'= {
            cand --recipient 'Give full access to an age recipient: age1…, ssh-ed25519 …, ssh-rsa …, or a file holding one (repeatable)'
            cand --envs 'Environments to create, comma-separated'
            cand --kdf-memory 'Argon2id memory in MiB (19 to 4096)'
            cand --kdf-iterations 'Argon2id iterations (2 to 20)'
            cand --kdf-parallelism 'Argon2id lanes (1 to 16)'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or unencrypted SSH key) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --no-passphrase 'No passphrase slot: only the recipients open the vault'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;env'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or unencrypted SSH key) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List environments and how many secrets each holds'
            cand add 'Add an environment'
            cand rm 'Remove an environment (one that holds secrets needs --force)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;env;list'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or unencrypted SSH key) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --json 'One JSON document: [{"name","secrets"}]'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;env;add'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or unencrypted SSH key) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;env;rm'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or unencrypted SSH key) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --force 'Also delete every secret in it'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;env;help'= {
            cand list 'List environments and how many secrets each holds'
            cand add 'Add an environment'
            cand rm 'Remove an environment (one that holds secrets needs --force)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;env;help;list'= {
        }
        &'tresor;env;help;add'= {
        }
        &'tresor;env;help;rm'= {
        }
        &'tresor;env;help;help'= {
        }
        &'tresor;set'= {
            cand --from-file 'Read the value from FILE'
            cand --expires 'Expiry date: YYYY-MM-DD or RFC 3339'
            cand --expires-in 'Expire after this long: 30s 15m 12h 90d 2w 1y'
            cand --rotate-every 'Rotation schedule: due this long after each new version'
            cand --note 'A note kept (encrypted) with the version'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or unencrypted SSH key) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --keep-newline 'Keep a trailing newline of the input'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;get'= {
            cand --version 'Read version N instead of the latest'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or unencrypted SSH key) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -n 'No newline after the value'
            cand --allow-revoked 'Print the value even when it is revoked'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;list'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or unencrypted SSH key) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --all-envs 'Every environment, not only the current one'
            cand --revoked 'Include revoked secrets'
            cand --json 'One JSON document'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;rm'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or unencrypted SSH key) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;generate'= {
            cand --length 'Number of characters, not counting --prefix'
            cand --charset 'alnum, alpha, lower, upper, digits, hex, base64url, ascii (printable, no space) or custom:CHARS'
            cand --prefix 'Text put before the random part, such as sk_live_ (not counted as entropy)'
            cand --expires 'Expiry date: YYYY-MM-DD or RFC 3339'
            cand --expires-in 'Expire after this long: 30s 15m 12h 90d 2w 1y'
            cand --rotate-every 'Rotation schedule: due this long after each new version'
            cand --note 'A note kept (encrypted) with the version'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or unencrypted SSH key) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --uuid 'A random UUID (version 4) instead of characters'
            cand --print 'Also print the value on stdout'
            cand --weak 'Accept a value under 64 bits of entropy'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;rotate'= {
            cand --from-file 'Read the new value from FILE (`-`: standard input) instead of the recipe'
            cand --grace 'Keep the previous value valid this long (`run` injects it as NAME_PREVIOUS)'
            cand --expires 'Expiry date: YYYY-MM-DD or RFC 3339'
            cand --expires-in 'Expire after this long: 30s 15m 12h 90d 2w 1y'
            cand --rotate-every 'Rotation schedule: due this long after each new version'
            cand --note 'A note kept (encrypted) with the version'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or unencrypted SSH key) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --keep-newline 'Keep a trailing newline of the input'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;history'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or unencrypted SSH key) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --json 'One JSON document: [{"version","created","origin","state"}]'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;revoke'= {
            cand --reason 'Why (kept in the history and audit log)'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or unencrypted SSH key) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;due'= {
            cand --within 'Count as due what falls due within DUR [default: config `remind_within`, else 14d]'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or unencrypted SSH key) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --all-envs 'Every environment, not only the current one'
            cand --json 'One JSON document: [{"env","name","reason","at"}]'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;run'= {
            cand --only 'Inject only these secrets (a missing one is an error)'
            cand --prefix 'Put PREFIX before every injected name'
            cand --env-file 'Inject the variables of a dotenv file instead, resolving tresor://NAME and tresor://ENV/NAME references'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or unencrypted SSH key) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --no-inherit 'Start from an empty environment but PATH HOME USER LOGNAME LANG TERM TZ'
            cand --allow-expired 'Inject expired secrets too (with a warning) instead of refusing to run'
            cand --mask 'Stay as parent and replace every injected value in the command''s output with ********'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;export'= {
            cand --only 'Export only these secrets'
            cand --format 'Output format'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or unencrypted SSH key) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --allow-file 'Allow stdout to be a regular file'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;import'= {
            cand --format 'Input format [default: json for *.json, else dotenv]'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or unencrypted SSH key) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --overwrite 'Add a new version to secrets that exist'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;completions'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or unencrypted SSH key) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;generate-docs'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or unencrypted SSH key) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;help'= {
            cand init 'Create a new vault (environments dev, test and prod unless --envs)'
            cand env 'Manage environments'
            cand set 'Store a secret (a new version when the name exists)'
            cand get 'Print a secret''s value and a newline'
            cand list 'List secrets: names, versions, dates and states, never values'
            cand rm 'Delete a secret and all its versions'
            cand generate 'Generate a random value from the OS CSPRNG and store it'
            cand rotate 'Store a new version of a secret: regenerated from its recipe, or read like `set`'
            cand history 'Show every version of a secret: dates, origin and state, never values'
            cand revoke 'Revoke a secret: it is never handed out again'
            cand due 'List expired, overdue and soon-due secrets; exit 6 when any is expired or overdue'
            cand run 'Run a command with the environment''s secrets in its environment'
            cand export 'Print secrets to stdout as dotenv, JSON or shell `export` lines'
            cand import 'Import secrets from a dotenv or JSON file (all or nothing)'
            cand completions 'Print the completion script for a shell'
            cand generate-docs 'Write the man pages and completion scripts under DIR (for packaging and the repository)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;help;init'= {
        }
        &'tresor;help;env'= {
            cand list 'List environments and how many secrets each holds'
            cand add 'Add an environment'
            cand rm 'Remove an environment (one that holds secrets needs --force)'
        }
        &'tresor;help;env;list'= {
        }
        &'tresor;help;env;add'= {
        }
        &'tresor;help;env;rm'= {
        }
        &'tresor;help;set'= {
        }
        &'tresor;help;get'= {
        }
        &'tresor;help;list'= {
        }
        &'tresor;help;rm'= {
        }
        &'tresor;help;generate'= {
        }
        &'tresor;help;rotate'= {
        }
        &'tresor;help;history'= {
        }
        &'tresor;help;revoke'= {
        }
        &'tresor;help;due'= {
        }
        &'tresor;help;run'= {
        }
        &'tresor;help;export'= {
        }
        &'tresor;help;import'= {
        }
        &'tresor;help;completions'= {
        }
        &'tresor;help;generate-docs'= {
        }
        &'tresor;help;help'= {
        }
    ]
    $completions[$command]
}
