
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
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
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
            cand edit 'Change a secret in $VISUAL or $EDITOR (a new version only if the text changed)'
            cand list 'List secrets: names, versions, dates and states, never values'
            cand rm 'Delete a secret and all its versions'
            cand cp 'Copy a secret to another environment (--to) or name, with its schedule, recipe and note'
            cand mv 'Move a secret to another environment (--to), or rename it (`mv OLD NEW`)'
            cand generate 'Generate a random value from the OS CSPRNG and store it'
            cand rotate 'Store a new version of a secret: regenerated from its recipe, or read like `set`'
            cand history 'Show every version of a secret: dates, origin and state, never values'
            cand revoke 'Revoke a secret: it is never handed out again'
            cand due 'List expired, overdue and soon-due secrets; exit 6 when any is expired or overdue'
            cand run 'Run a command with the environment''s secrets in its environment'
            cand export 'Print secrets to stdout as dotenv, JSON or shell `export` lines'
            cand inject 'Render a template to stdout with its {{ tresor://NAME }} references replaced by values'
            cand import 'Import secrets from a dotenv or JSON file (all or nothing)'
            cand access 'Give others access: read-only grants of one environment to an age recipient'
            cand bundle 'Bundles: one environment''s secrets encrypted to an age recipient, for machines without the vault'
            cand audit 'Show the tamper-evident audit log (newest last), or check it with `audit verify`'
            cand status 'Vault, environments, due and expired keys, unused keys, grants, audit state, unusual use'
            cand scan 'Find the vault''s own values (every version, in raw, base64, hex and URL-encoded form) and the key formats of 150+ providers in files, staged changes or the whole git history; never prints the match; exit 6 on findings'
            cand passwd 'Change the vault passphrase (the old one stops working at once)'
            cand rekey 'New root and environment keys; everything re-encrypted in one transaction'
            cand vault 'Work on the vault as a whole: copy it between a file and PostgreSQL'
            cand unlock 'Unlock once and keep the keys in a background agent until idle for DUR'
            cand lock 'End the session agent at once: the key is forgotten'
            cand allow 'Use a project file (.tresor.toml) as it is now: its env, env_file and vault apply'
            cand deny 'Stop using a project file (.tresor.toml): forget that it was allowed'
            cand completions 'Print the completion script for a shell'
            cand generate-docs 'Write the man pages and completion scripts under DIR (for packaging and the repository)'
            cand agent-serve 'The session agent''s own process (started by `tresor unlock`)'
            cand clip-serve 'The clipboard helper''s own process (started by `tresor get --clip`; the value comes on standard input)'
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
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
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
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List environments and how many secrets each holds'
            cand add 'Add an environment'
            cand rm 'Remove an environment (one that holds secrets needs --force)'
            cand protect 'Require two factors for an environment: the vault passphrase and an age identity'
            cand unprotect 'Back to one factor for an environment'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;env;list'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --json 'One JSON document: [{"name","secrets","protected_by"}]; protected_by is the label of the second factor of a protected environment, else null'
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
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
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
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --force 'Also delete every secret in it (asks for confirmation on a terminal)'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;env;protect'= {
            cand --recipient 'The second factor''s recipient'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;env;unprotect'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
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
            cand protect 'Require two factors for an environment: the vault passphrase and an age identity'
            cand unprotect 'Back to one factor for an environment'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;env;help;list'= {
        }
        &'tresor;env;help;add'= {
        }
        &'tresor;env;help;rm'= {
        }
        &'tresor;env;help;protect'= {
        }
        &'tresor;env;help;unprotect'= {
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
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
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
            cand --clear-after 'Clear the clipboard after DUR, if it still holds the value [default: config `clear_after`, else 45s]'
            cand --bundle 'Read secrets from this bundle (made by `tresor bundle export`), with an age identity'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -n 'No newline after the value'
            cand --allow-revoked 'Print the value even when it is revoked'
            cand -c 'Copy the value to the clipboard instead of printing it'
            cand --clip 'Copy the value to the clipboard instead of printing it'
            cand --allow-file 'Allow stdout to be a regular file'
            cand --allow-unpinned 'Open a bundle that no vault key pins (--vault-key, TRESOR_VAULT_KEY, or the key pinned here for its vault): its origin is then unverified'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;edit'= {
            cand --expires 'Expiry date: YYYY-MM-DD or RFC 3339'
            cand --expires-in 'Expire after this long: 30s 15m 12h 90d 2w 1y'
            cand --rotate-every 'Rotation schedule: due this long after each new version'
            cand --note 'A note kept (encrypted) with the version'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --allow-disk 'Accept a folder on disk for the file when there is none in memory'
            cand --keep-newline 'Keep a trailing newline the editor added'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;list'= {
            cand --unused 'Only secrets not read (get, run, export, bundle export) for DUR, counting from their creation when never read'
            cand --bundle 'Read secrets from this bundle (made by `tresor bundle export`), with an age identity'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --due 'Only what `tresor due` lists: expired, overdue, or due within the reminder window'
            cand --expired 'Only expired secrets'
            cand --all-envs 'Every environment, not only the current one'
            cand --revoked 'Include revoked secrets'
            cand --json 'One JSON document'
            cand --allow-unpinned 'Open a bundle that no vault key pins (--vault-key, TRESOR_VAULT_KEY, or the key pinned here for its vault): its origin is then unverified'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;rm'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;cp'= {
            cand --to 'The destination environment [default: the source environment]'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --overwrite 'Add a new version to a secret that exists at the destination'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;mv'= {
            cand --to 'The destination environment [default: the source environment]'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --overwrite 'Add a new version to a secret that exists at the destination'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
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
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --uuid 'A random UUID (version 4) instead of characters'
            cand --print 'Also print the value on stdout'
            cand --allow-file 'With --print: allow stdout to be a regular file'
            cand --force 'Replace an existing secret of that name (its recipe and value); `rotate` makes a new value from the recipe it has'
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
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
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
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
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
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;due'= {
            cand --within 'Count as due what falls due within DUR [default: config `remind_within`, else 14d]'
            cand --bundle 'Check a bundle instead of the vault (on a CI runner): exit 6 when the bundle or one of its secrets expires within the window'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --all-envs 'Every environment, not only the current one'
            cand --json 'One JSON document: [{"env","name","reason","at","kind"}]; reason is expired, overdue or due; kind is secret or grant (a grant that ends within the window, name its label); with --bundle, kind is secret or bundle (name null) and days_left is added'
            cand --allow-unpinned 'Open a bundle that no vault key pins (its origin is then unverified)'
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
            cand --file 'Also write secret NAME to a private file in memory (0600) and put its path in VAR [default: NAME_FILE]; removed when the command exits (tresor stays as parent). Repeatable'
            cand --bundle 'Read secrets from this bundle (made by `tresor bundle export`), with an age identity'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --no-inherit 'Start from an empty environment but PATH HOME USER LOGNAME LANG TERM TZ'
            cand --allow-expired 'Inject expired secrets too (with a warning) instead of refusing to run'
            cand --allow-disk 'Accept a folder on disk for the --file files when there is none in memory'
            cand --mask 'Stay as parent and replace every injected value in the command''s output with ******** (on a terminal, the command gets a pseudo-terminal of its own)'
            cand --allow-unpinned 'Open a bundle that no vault key pins (--vault-key, TRESOR_VAULT_KEY, or the key pinned here for its vault): its origin is then unverified'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;export'= {
            cand --only 'Export only these secrets'
            cand --format 'Output format'
            cand --dialect 'With --format dotenv: quote for this reader'
            cand --bundle 'Read secrets from this bundle (made by `tresor bundle export`), with an age identity'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --allow-file 'Allow stdout to be a regular file'
            cand --allow-unpinned 'Open a bundle that no vault key pins (--vault-key, TRESOR_VAULT_KEY, or the key pinned here for its vault): its origin is then unverified'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;inject'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --allow-file 'Allow stdout to be a regular file'
            cand --allow-expired 'Use expired secrets too (with a warning) instead of refusing'
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
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --overwrite 'Add a new version to secrets that exist'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;access'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand grant 'Let an age identity read one environment (-e/--env), and nothing else'
            cand list 'List grants'
            cand revoke 'Remove a grant and re-key its environment'
            cand add 'Give an age recipient full access (like `init --recipient`)'
            cand remove 'Remove a full-access recipient, then re-key the whole vault'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;access;grant'= {
            cand --recipient 'The grantee''s recipient'
            cand --name 'A label for the grant, such as ci-test'
            cand --expires-in 'The grant stops working after this long'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;access;list'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --json 'One JSON document: [{"label","env","recipient","created","expires_at"}]'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;access;revoke'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;access;add'= {
            cand --recipient 'The recipient to give full access'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;access;remove'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;access;help'= {
            cand grant 'Let an age identity read one environment (-e/--env), and nothing else'
            cand list 'List grants'
            cand revoke 'Remove a grant and re-key its environment'
            cand add 'Give an age recipient full access (like `init --recipient`)'
            cand remove 'Remove a full-access recipient, then re-key the whole vault'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;access;help;grant'= {
        }
        &'tresor;access;help;list'= {
        }
        &'tresor;access;help;revoke'= {
        }
        &'tresor;access;help;add'= {
        }
        &'tresor;access;help;remove'= {
        }
        &'tresor;access;help;help'= {
        }
        &'tresor;bundle'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand export 'Write a signed, encrypted bundle of the environment''s active secrets to stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;bundle;export'= {
            cand --recipient 'Who can open it'
            cand --only 'Only these secrets'
            cand --expires-in 'The bundle is refused after this long'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --armor 'ASCII armour (PEM-like text) instead of binary'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;bundle;help'= {
            cand export 'Write a signed, encrypted bundle of the environment''s active secrets to stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;bundle;help;export'= {
        }
        &'tresor;bundle;help;help'= {
        }
        &'tresor;audit'= {
            cand --name 'Only events about this secret'
            cand --action 'Only this action (get, set, run, revoke, …)'
            cand --since 'Only events since DATE (YYYY-MM-DD, RFC 3339) or for the last DUR (such as 24h)'
            cand --limit 'Only the last N events'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --json 'One JSON document: [{"seq","time","actor","via","action","env","name","version","detail"}]'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand verify 'Walk the MAC chain and the header''s record of its end; exit 4 naming the first bad event'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;audit;verify'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;audit;help'= {
            cand verify 'Walk the MAC chain and the header''s record of its end; exit 4 naming the first bad event'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;audit;help;verify'= {
        }
        &'tresor;audit;help;help'= {
        }
        &'tresor;status'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --json 'One JSON document, for monitoring'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;scan'= {
            cand --format 'Output format: text, json (one document) or sarif (SARIF 2.1.0, for code scanning)'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --all-envs 'Look for the values of every environment, not only the current one'
            cand --staged 'Scan what git has staged (for a pre-commit hook) instead of PATHs'
            cand --history 'Scan the lines added by every commit reachable in the git repository (each finding once, with the commit that added it) instead of PATHs'
            cand --json 'Same as --format json: {"findings":[{"path","line","column","kind",…}],…}'
            cand --no-patterns 'Only the vault''s values, not the key formats'
            cand --no-vault 'Only the key formats: do not unlock the vault'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;passwd'= {
            cand --new-passphrase-file 'Read the new passphrase from FILE (whole content minus one trailing newline)'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;rekey'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;vault'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand copy 'Copy the vault, verified, into a new file or PostgreSQL database'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;vault;copy'= {
            cand --to 'The new vault: a file path, or a postgres:// or postgresql:// URL'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;vault;help'= {
            cand copy 'Copy the vault, verified, into a new file or PostgreSQL database'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;vault;help;copy'= {
        }
        &'tresor;vault;help;help'= {
        }
        &'tresor;unlock'= {
            cand --timeout 'Idle timeout: the agent exits after this long without a request'
            cand --max-lifetime 'Maximum lifetime: the agent exits this long after it started, even if in use [default: config `agent_max_lifetime`, else 8h]'
            cand --envs 'Hold only these environments'' keys, not the root key (a command that the agent serves can then read nothing else, and write nothing); `-e ENV` does the same for one'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand --include-protected 'Also hold the keys of protected environments (asks for both factors now); otherwise every command that opens one still needs its second factor'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;lock'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;allow'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tresor;deny'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;completions'= {
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
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
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;agent-serve'= {
            cand --socket 'socket'
            cand --timeout 'timeout'
            cand --max-lifetime 'max-lifetime'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
            cand --color 'When to use colour (NO_COLOR is honoured)'
            cand -q 'Errors only: no reminders, warnings or progress'
            cand --quiet 'Errors only: no reminders, warnings or progress'
            cand --allow-rollback 'Open a vault older than the last one seen (recorded)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tresor;clip-serve'= {
            cand --clear-after 'Seconds before the clipboard is cleared'
            cand --vault 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]'
            cand --config 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]'
            cand -e 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --env 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]'
            cand --identity 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]'
            cand --passphrase-file 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]'
            cand --passphrase-fd 'Read the passphrase from file descriptor N'
            cand --vault-key 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]'
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
            cand edit 'Change a secret in $VISUAL or $EDITOR (a new version only if the text changed)'
            cand list 'List secrets: names, versions, dates and states, never values'
            cand rm 'Delete a secret and all its versions'
            cand cp 'Copy a secret to another environment (--to) or name, with its schedule, recipe and note'
            cand mv 'Move a secret to another environment (--to), or rename it (`mv OLD NEW`)'
            cand generate 'Generate a random value from the OS CSPRNG and store it'
            cand rotate 'Store a new version of a secret: regenerated from its recipe, or read like `set`'
            cand history 'Show every version of a secret: dates, origin and state, never values'
            cand revoke 'Revoke a secret: it is never handed out again'
            cand due 'List expired, overdue and soon-due secrets; exit 6 when any is expired or overdue'
            cand run 'Run a command with the environment''s secrets in its environment'
            cand export 'Print secrets to stdout as dotenv, JSON or shell `export` lines'
            cand inject 'Render a template to stdout with its {{ tresor://NAME }} references replaced by values'
            cand import 'Import secrets from a dotenv or JSON file (all or nothing)'
            cand access 'Give others access: read-only grants of one environment to an age recipient'
            cand bundle 'Bundles: one environment''s secrets encrypted to an age recipient, for machines without the vault'
            cand audit 'Show the tamper-evident audit log (newest last), or check it with `audit verify`'
            cand status 'Vault, environments, due and expired keys, unused keys, grants, audit state, unusual use'
            cand scan 'Find the vault''s own values (every version, in raw, base64, hex and URL-encoded form) and the key formats of 150+ providers in files, staged changes or the whole git history; never prints the match; exit 6 on findings'
            cand passwd 'Change the vault passphrase (the old one stops working at once)'
            cand rekey 'New root and environment keys; everything re-encrypted in one transaction'
            cand vault 'Work on the vault as a whole: copy it between a file and PostgreSQL'
            cand unlock 'Unlock once and keep the keys in a background agent until idle for DUR'
            cand lock 'End the session agent at once: the key is forgotten'
            cand allow 'Use a project file (.tresor.toml) as it is now: its env, env_file and vault apply'
            cand deny 'Stop using a project file (.tresor.toml): forget that it was allowed'
            cand completions 'Print the completion script for a shell'
            cand generate-docs 'Write the man pages and completion scripts under DIR (for packaging and the repository)'
            cand agent-serve 'The session agent''s own process (started by `tresor unlock`)'
            cand clip-serve 'The clipboard helper''s own process (started by `tresor get --clip`; the value comes on standard input)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tresor;help;init'= {
        }
        &'tresor;help;env'= {
            cand list 'List environments and how many secrets each holds'
            cand add 'Add an environment'
            cand rm 'Remove an environment (one that holds secrets needs --force)'
            cand protect 'Require two factors for an environment: the vault passphrase and an age identity'
            cand unprotect 'Back to one factor for an environment'
        }
        &'tresor;help;env;list'= {
        }
        &'tresor;help;env;add'= {
        }
        &'tresor;help;env;rm'= {
        }
        &'tresor;help;env;protect'= {
        }
        &'tresor;help;env;unprotect'= {
        }
        &'tresor;help;set'= {
        }
        &'tresor;help;get'= {
        }
        &'tresor;help;edit'= {
        }
        &'tresor;help;list'= {
        }
        &'tresor;help;rm'= {
        }
        &'tresor;help;cp'= {
        }
        &'tresor;help;mv'= {
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
        &'tresor;help;inject'= {
        }
        &'tresor;help;import'= {
        }
        &'tresor;help;access'= {
            cand grant 'Let an age identity read one environment (-e/--env), and nothing else'
            cand list 'List grants'
            cand revoke 'Remove a grant and re-key its environment'
            cand add 'Give an age recipient full access (like `init --recipient`)'
            cand remove 'Remove a full-access recipient, then re-key the whole vault'
        }
        &'tresor;help;access;grant'= {
        }
        &'tresor;help;access;list'= {
        }
        &'tresor;help;access;revoke'= {
        }
        &'tresor;help;access;add'= {
        }
        &'tresor;help;access;remove'= {
        }
        &'tresor;help;bundle'= {
            cand export 'Write a signed, encrypted bundle of the environment''s active secrets to stdout'
        }
        &'tresor;help;bundle;export'= {
        }
        &'tresor;help;audit'= {
            cand verify 'Walk the MAC chain and the header''s record of its end; exit 4 naming the first bad event'
        }
        &'tresor;help;audit;verify'= {
        }
        &'tresor;help;status'= {
        }
        &'tresor;help;scan'= {
        }
        &'tresor;help;passwd'= {
        }
        &'tresor;help;rekey'= {
        }
        &'tresor;help;vault'= {
            cand copy 'Copy the vault, verified, into a new file or PostgreSQL database'
        }
        &'tresor;help;vault;copy'= {
        }
        &'tresor;help;unlock'= {
        }
        &'tresor;help;lock'= {
        }
        &'tresor;help;allow'= {
        }
        &'tresor;help;deny'= {
        }
        &'tresor;help;completions'= {
        }
        &'tresor;help;generate-docs'= {
        }
        &'tresor;help;agent-serve'= {
        }
        &'tresor;help;clip-serve'= {
        }
        &'tresor;help;help'= {
        }
    ]
    $completions[$command]
}
