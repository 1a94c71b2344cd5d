# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_tresor_global_optspecs
    string join \n vault= config= e/env= identity= passphrase-file= passphrase-fd= q/quiet allow-rollback vault-key= color= h/help V/version
end

function __fish_tresor_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_tresor_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_tresor_using_subcommand
    set -l cmd (__fish_tresor_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c tresor -n "__fish_tresor_needs_command" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_needs_command" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_needs_command" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_needs_command" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_needs_command" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_needs_command" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_needs_command" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_needs_command" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_needs_command" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_needs_command" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_needs_command" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_needs_command" -s V -l version -d 'Print version'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "init" -d 'Create a new vault (environments dev, test and prod unless --envs)'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "env" -d 'Manage environments'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "set" -d 'Store a secret (a new version when the name exists)'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "get" -d 'Print a secret\'s value and a newline'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "edit" -d 'Change a secret in $VISUAL or $EDITOR (a new version only if the text changed)'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "list" -d 'List secrets: names, versions, dates and states, never values'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "rm" -d 'Delete a secret and all its versions'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "cp" -d 'Copy a secret to another environment (--to) or name, with its schedule, recipe and note'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "mv" -d 'Move a secret to another environment (--to), or rename it (`mv OLD NEW`)'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "generate" -d 'Generate a random value from the OS CSPRNG and store it'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "rotate" -d 'Store a new version of a secret: regenerated from its recipe, or read like `set`'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "history" -d 'Show every version of a secret: dates, origin and state, never values'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "revoke" -d 'Revoke a secret: it is never handed out again'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "due" -d 'List expired, overdue and soon-due secrets; exit 6 when any is expired or overdue'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "run" -d 'Run a command with the environment\'s secrets in its environment'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "export" -d 'Print secrets to stdout as dotenv, JSON or shell `export` lines'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "inject" -d 'Render a template to stdout with its {{ tresor://NAME }} references replaced by values'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "import" -d 'Import secrets from a dotenv or JSON file (all or nothing)'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "access" -d 'Give others access: read-only grants of one environment to an age recipient'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "bundle" -d 'Bundles: one environment\'s secrets encrypted to an age recipient, for machines without the vault'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "audit" -d 'Show the tamper-evident audit log (newest last), or check it with `audit verify`'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "status" -d 'Vault, environments, due and expired keys, unused keys, grants, audit state, unusual use'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "scan" -d 'Find the vault\'s own values (every version, in raw, base64, hex and URL-encoded form) and the key formats of 150+ providers in files, staged changes or the whole git history; never prints the match; exit 6 on findings'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "passwd" -d 'Change the vault passphrase (the old one stops working at once)'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "rekey" -d 'New root and environment keys; everything re-encrypted in one transaction'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "vault" -d 'Work on the vault as a whole: copy it between a file and PostgreSQL'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "unlock" -d 'Unlock once and keep the keys in a background agent until idle for DUR'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "lock" -d 'End the session agent at once: the key is forgotten'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "allow" -d 'Use a project file (.tresor.toml) as it is now: its env, env_file and vault apply'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "deny" -d 'Stop using a project file (.tresor.toml): forget that it was allowed'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "completions" -d 'Print the completion script for a shell'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "generate-docs" -d 'Write the man pages and completion scripts under DIR (for packaging and the repository)'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "agent-serve" -d 'The session agent\'s own process (started by `tresor unlock`)'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "clip-serve" -d 'The clipboard helper\'s own process (started by `tresor get --clip`; the value comes on standard input)'
complete -c tresor -n "__fish_tresor_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand init" -l recipient -d 'Give full access to an age recipient: age1…, ssh-ed25519 …, ssh-rsa …, or a file holding one (repeatable)' -r
complete -c tresor -n "__fish_tresor_using_subcommand init" -l envs -d 'Environments to create, comma-separated' -r
complete -c tresor -n "__fish_tresor_using_subcommand init" -l kdf-memory -d 'Argon2id memory in MiB (19 to 4096)' -r
complete -c tresor -n "__fish_tresor_using_subcommand init" -l kdf-iterations -d 'Argon2id iterations (2 to 20)' -r
complete -c tresor -n "__fish_tresor_using_subcommand init" -l kdf-parallelism -d 'Argon2id lanes (1 to 16)' -r
complete -c tresor -n "__fish_tresor_using_subcommand init" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand init" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand init" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand init" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand init" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand init" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand init" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand init" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand init" -l no-passphrase -d 'No passphrase slot: only the recipients open the vault'
complete -c tresor -n "__fish_tresor_using_subcommand init" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand init" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand env; and not __fish_seen_subcommand_from list add rm protect unprotect help" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and not __fish_seen_subcommand_from list add rm protect unprotect help" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and not __fish_seen_subcommand_from list add rm protect unprotect help" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand env; and not __fish_seen_subcommand_from list add rm protect unprotect help" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and not __fish_seen_subcommand_from list add rm protect unprotect help" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and not __fish_seen_subcommand_from list add rm protect unprotect help" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand env; and not __fish_seen_subcommand_from list add rm protect unprotect help" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand env; and not __fish_seen_subcommand_from list add rm protect unprotect help" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand env; and not __fish_seen_subcommand_from list add rm protect unprotect help" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand env; and not __fish_seen_subcommand_from list add rm protect unprotect help" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand env; and not __fish_seen_subcommand_from list add rm protect unprotect help" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand env; and not __fish_seen_subcommand_from list add rm protect unprotect help" -f -a "list" -d 'List environments and how many secrets each holds'
complete -c tresor -n "__fish_tresor_using_subcommand env; and not __fish_seen_subcommand_from list add rm protect unprotect help" -f -a "add" -d 'Add an environment'
complete -c tresor -n "__fish_tresor_using_subcommand env; and not __fish_seen_subcommand_from list add rm protect unprotect help" -f -a "rm" -d 'Remove an environment (one that holds secrets needs --force)'
complete -c tresor -n "__fish_tresor_using_subcommand env; and not __fish_seen_subcommand_from list add rm protect unprotect help" -f -a "protect" -d 'Require two factors for an environment: the vault passphrase and an age identity'
complete -c tresor -n "__fish_tresor_using_subcommand env; and not __fish_seen_subcommand_from list add rm protect unprotect help" -f -a "unprotect" -d 'Back to one factor for an environment'
complete -c tresor -n "__fish_tresor_using_subcommand env; and not __fish_seen_subcommand_from list add rm protect unprotect help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from list" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from list" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from list" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from list" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from list" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from list" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from list" -l json -d 'One JSON document: [{"name","secrets","protected_by"}]; protected_by is the label of the second factor of a protected environment, else null'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from list" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from add" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from add" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from add" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from add" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from add" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from add" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from add" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from add" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from add" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from rm" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from rm" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from rm" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from rm" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from rm" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from rm" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from rm" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from rm" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from rm" -l force -d 'Also delete every secret in it (asks for confirmation on a terminal)'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from rm" -s y -l yes -d 'Do not ask for confirmation'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from rm" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from protect" -l recipient -d 'The second factor\'s recipient' -r
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from protect" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from protect" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from protect" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from protect" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from protect" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from protect" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from protect" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from protect" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from protect" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from protect" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from protect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from unprotect" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from unprotect" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from unprotect" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from unprotect" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from unprotect" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from unprotect" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from unprotect" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from unprotect" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from unprotect" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from unprotect" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from unprotect" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "list" -d 'List environments and how many secrets each holds'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an environment'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove an environment (one that holds secrets needs --force)'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "protect" -d 'Require two factors for an environment: the vault passphrase and an age identity'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "unprotect" -d 'Back to one factor for an environment'
complete -c tresor -n "__fish_tresor_using_subcommand env; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand set" -l from-file -d 'Read the value from FILE' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand set" -l expires -d 'Expiry date: YYYY-MM-DD or RFC 3339' -r
complete -c tresor -n "__fish_tresor_using_subcommand set" -l expires-in -d 'Expire after this long: 30s 15m 12h 90d 2w 1y' -r
complete -c tresor -n "__fish_tresor_using_subcommand set" -l rotate-every -d 'Rotation schedule: due this long after each new version' -r
complete -c tresor -n "__fish_tresor_using_subcommand set" -l note -d 'A note kept (encrypted) with the version' -r
complete -c tresor -n "__fish_tresor_using_subcommand set" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand set" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand set" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand set" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand set" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand set" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand set" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand set" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand set" -l keep-newline -d 'Keep a trailing newline of the input'
complete -c tresor -n "__fish_tresor_using_subcommand set" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand set" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand get" -l version -d 'Read version N instead of the latest' -r
complete -c tresor -n "__fish_tresor_using_subcommand get" -l clear-after -d 'Clear the clipboard after DUR, if it still holds the value [default: config `clear_after`, else 45s]' -r
complete -c tresor -n "__fish_tresor_using_subcommand get" -l bundle -d 'Read secrets from this bundle (made by `tresor bundle export`), with an age identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand get" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand get" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand get" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand get" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand get" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand get" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand get" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand get" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand get" -s n -d 'No newline after the value'
complete -c tresor -n "__fish_tresor_using_subcommand get" -l allow-revoked -d 'Print the value even when it is revoked'
complete -c tresor -n "__fish_tresor_using_subcommand get" -s c -l clip -d 'Copy the value to the clipboard instead of printing it'
complete -c tresor -n "__fish_tresor_using_subcommand get" -l allow-file -d 'Allow stdout to be a regular file'
complete -c tresor -n "__fish_tresor_using_subcommand get" -l allow-unpinned -d 'Open a bundle that no vault key pins (--vault-key, TRESOR_VAULT_KEY, or the key pinned here for its vault): its origin is then unverified'
complete -c tresor -n "__fish_tresor_using_subcommand get" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand get" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand get" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand edit" -l expires -d 'Expiry date: YYYY-MM-DD or RFC 3339' -r
complete -c tresor -n "__fish_tresor_using_subcommand edit" -l expires-in -d 'Expire after this long: 30s 15m 12h 90d 2w 1y' -r
complete -c tresor -n "__fish_tresor_using_subcommand edit" -l rotate-every -d 'Rotation schedule: due this long after each new version' -r
complete -c tresor -n "__fish_tresor_using_subcommand edit" -l note -d 'A note kept (encrypted) with the version' -r
complete -c tresor -n "__fish_tresor_using_subcommand edit" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand edit" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand edit" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand edit" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand edit" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand edit" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand edit" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand edit" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand edit" -l allow-disk -d 'Accept a folder on disk for the file when there is none in memory'
complete -c tresor -n "__fish_tresor_using_subcommand edit" -l keep-newline -d 'Keep a trailing newline the editor added'
complete -c tresor -n "__fish_tresor_using_subcommand edit" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand edit" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand edit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand list" -l unused -d 'Only secrets not read (get, run, export, bundle export) for DUR, counting from their creation when never read' -r
complete -c tresor -n "__fish_tresor_using_subcommand list" -l bundle -d 'Read secrets from this bundle (made by `tresor bundle export`), with an age identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand list" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand list" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand list" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand list" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand list" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand list" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand list" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand list" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand list" -l due -d 'Only what `tresor due` lists: expired, overdue, or due within the reminder window'
complete -c tresor -n "__fish_tresor_using_subcommand list" -l expired -d 'Only expired secrets'
complete -c tresor -n "__fish_tresor_using_subcommand list" -l all-envs -d 'Every environment, not only the current one'
complete -c tresor -n "__fish_tresor_using_subcommand list" -l revoked -d 'Include revoked secrets'
complete -c tresor -n "__fish_tresor_using_subcommand list" -l json -d 'One JSON document'
complete -c tresor -n "__fish_tresor_using_subcommand list" -l allow-unpinned -d 'Open a bundle that no vault key pins (--vault-key, TRESOR_VAULT_KEY, or the key pinned here for its vault): its origin is then unverified'
complete -c tresor -n "__fish_tresor_using_subcommand list" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand list" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand rm" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rm" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rm" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand rm" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rm" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rm" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand rm" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand rm" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand rm" -s y -l yes -d 'Do not ask for confirmation'
complete -c tresor -n "__fish_tresor_using_subcommand rm" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand rm" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand rm" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand cp" -l to -d 'The destination environment [default: the source environment]' -r
complete -c tresor -n "__fish_tresor_using_subcommand cp" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand cp" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand cp" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand cp" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand cp" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand cp" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand cp" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand cp" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand cp" -l overwrite -d 'Add a new version to a secret that exists at the destination'
complete -c tresor -n "__fish_tresor_using_subcommand cp" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand cp" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand cp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand mv" -l to -d 'The destination environment [default: the source environment]' -r
complete -c tresor -n "__fish_tresor_using_subcommand mv" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand mv" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand mv" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand mv" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand mv" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand mv" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand mv" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand mv" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand mv" -l overwrite -d 'Add a new version to a secret that exists at the destination'
complete -c tresor -n "__fish_tresor_using_subcommand mv" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand mv" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand mv" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand generate" -l length -d 'Number of characters, not counting --prefix' -r
complete -c tresor -n "__fish_tresor_using_subcommand generate" -l charset -d 'alnum, alpha, lower, upper, digits, hex, base64url, ascii (printable, no space) or custom:CHARS' -r
complete -c tresor -n "__fish_tresor_using_subcommand generate" -l prefix -d 'Text put before the random part, such as sk_live_ (not counted as entropy)' -r
complete -c tresor -n "__fish_tresor_using_subcommand generate" -l expires -d 'Expiry date: YYYY-MM-DD or RFC 3339' -r
complete -c tresor -n "__fish_tresor_using_subcommand generate" -l expires-in -d 'Expire after this long: 30s 15m 12h 90d 2w 1y' -r
complete -c tresor -n "__fish_tresor_using_subcommand generate" -l rotate-every -d 'Rotation schedule: due this long after each new version' -r
complete -c tresor -n "__fish_tresor_using_subcommand generate" -l note -d 'A note kept (encrypted) with the version' -r
complete -c tresor -n "__fish_tresor_using_subcommand generate" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand generate" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand generate" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand generate" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand generate" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand generate" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand generate" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand generate" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand generate" -l uuid -d 'A random UUID (version 4) instead of characters'
complete -c tresor -n "__fish_tresor_using_subcommand generate" -l print -d 'Also print the value on stdout'
complete -c tresor -n "__fish_tresor_using_subcommand generate" -l allow-file -d 'With --print: allow stdout to be a regular file'
complete -c tresor -n "__fish_tresor_using_subcommand generate" -l force -d 'Replace an existing secret of that name (its recipe and value); `rotate` makes a new value from the recipe it has'
complete -c tresor -n "__fish_tresor_using_subcommand generate" -l weak -d 'Accept a value under 64 bits of entropy'
complete -c tresor -n "__fish_tresor_using_subcommand generate" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand generate" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand generate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l from-file -d 'Read the new value from FILE (`-`: standard input) instead of the recipe' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l grace -d 'Keep the previous value valid this long (`run` injects it as NAME_PREVIOUS)' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l expires -d 'Expiry date: YYYY-MM-DD or RFC 3339' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l expires-in -d 'Expire after this long: 30s 15m 12h 90d 2w 1y' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l rotate-every -d 'Rotation schedule: due this long after each new version' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l note -d 'A note kept (encrypted) with the version' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l keep-newline -d 'Keep a trailing newline of the input'
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand rotate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand history" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand history" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand history" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand history" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand history" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand history" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand history" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand history" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand history" -l json -d 'One JSON document: [{"version","created","origin","state"}]'
complete -c tresor -n "__fish_tresor_using_subcommand history" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand history" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand history" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand revoke" -l reason -d 'Why (kept in the history and audit log)' -r
complete -c tresor -n "__fish_tresor_using_subcommand revoke" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand revoke" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand revoke" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand revoke" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand revoke" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand revoke" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand revoke" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand revoke" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand revoke" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand revoke" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand revoke" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand due" -l within -d 'Count as due what falls due within DUR [default: config `remind_within`, else 14d]' -r
complete -c tresor -n "__fish_tresor_using_subcommand due" -l bundle -d 'Check a bundle instead of the vault (on a CI runner): exit 6 when the bundle or one of its secrets expires within the window' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand due" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand due" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand due" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand due" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand due" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand due" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand due" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand due" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand due" -l all-envs -d 'Every environment, not only the current one'
complete -c tresor -n "__fish_tresor_using_subcommand due" -l json -d 'One JSON document: [{"env","name","reason","at","kind"}]; reason is expired, overdue or due; kind is secret or grant (a grant that ends within the window, name its label); with --bundle, kind is secret or bundle (name null) and days_left is added'
complete -c tresor -n "__fish_tresor_using_subcommand due" -l allow-unpinned -d 'Open a bundle that no vault key pins (its origin is then unverified)'
complete -c tresor -n "__fish_tresor_using_subcommand due" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand due" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand due" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand run" -l only -d 'Inject only these secrets (a missing one is an error)' -r
complete -c tresor -n "__fish_tresor_using_subcommand run" -l prefix -d 'Put PREFIX before every injected name' -r
complete -c tresor -n "__fish_tresor_using_subcommand run" -l env-file -d 'Inject the variables of a dotenv file instead, resolving tresor://NAME and tresor://ENV/NAME references' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand run" -l file -d 'Also write secret NAME to a private file in memory (0600) and put its path in VAR [default: NAME_FILE]; removed when the command exits (tresor stays as parent). Repeatable' -r
complete -c tresor -n "__fish_tresor_using_subcommand run" -l bundle -d 'Read secrets from this bundle (made by `tresor bundle export`), with an age identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand run" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand run" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand run" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand run" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand run" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand run" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand run" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand run" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand run" -l no-inherit -d 'Start from an empty environment but PATH HOME USER LOGNAME LANG TERM TZ'
complete -c tresor -n "__fish_tresor_using_subcommand run" -l allow-expired -d 'Inject expired secrets too (with a warning) instead of refusing to run'
complete -c tresor -n "__fish_tresor_using_subcommand run" -l allow-disk -d 'Accept a folder on disk for the --file files when there is none in memory'
complete -c tresor -n "__fish_tresor_using_subcommand run" -l mask -d 'Stay as parent and replace every injected value in the command\'s output with ******** (on a terminal, the command gets a pseudo-terminal of its own)'
complete -c tresor -n "__fish_tresor_using_subcommand run" -l allow-unpinned -d 'Open a bundle that no vault key pins (--vault-key, TRESOR_VAULT_KEY, or the key pinned here for its vault): its origin is then unverified'
complete -c tresor -n "__fish_tresor_using_subcommand run" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand run" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand export" -l only -d 'Export only these secrets' -r
complete -c tresor -n "__fish_tresor_using_subcommand export" -l format -d 'Output format' -r -f -a "dotenv\t''
json\t''
shell\t''"
complete -c tresor -n "__fish_tresor_using_subcommand export" -l dialect -d 'With --format dotenv: quote for this reader' -r -f -a "python\t'python-dotenv (and node dotenv wherever one quoting suits both)'
node\t'node dotenv and dotenvx: backtick quotes, no escapes but \\n and \\r'"
complete -c tresor -n "__fish_tresor_using_subcommand export" -l bundle -d 'Read secrets from this bundle (made by `tresor bundle export`), with an age identity' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand export" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand export" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand export" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand export" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand export" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand export" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand export" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand export" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand export" -l allow-file -d 'Allow stdout to be a regular file'
complete -c tresor -n "__fish_tresor_using_subcommand export" -l allow-unpinned -d 'Open a bundle that no vault key pins (--vault-key, TRESOR_VAULT_KEY, or the key pinned here for its vault): its origin is then unverified'
complete -c tresor -n "__fish_tresor_using_subcommand export" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand export" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand inject" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand inject" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand inject" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand inject" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand inject" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand inject" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand inject" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand inject" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand inject" -l allow-file -d 'Allow stdout to be a regular file'
complete -c tresor -n "__fish_tresor_using_subcommand inject" -l allow-expired -d 'Use expired secrets too (with a warning) instead of refusing'
complete -c tresor -n "__fish_tresor_using_subcommand inject" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand inject" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand inject" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand import" -l format -d 'Input format [default: json for *.json, else dotenv]' -r -f -a "dotenv\t''
json\t''"
complete -c tresor -n "__fish_tresor_using_subcommand import" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand import" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand import" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand import" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand import" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand import" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand import" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand import" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand import" -l overwrite -d 'Add a new version to secrets that exist'
complete -c tresor -n "__fish_tresor_using_subcommand import" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand import" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand access; and not __fish_seen_subcommand_from grant list revoke add remove help" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and not __fish_seen_subcommand_from grant list revoke add remove help" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and not __fish_seen_subcommand_from grant list revoke add remove help" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and not __fish_seen_subcommand_from grant list revoke add remove help" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and not __fish_seen_subcommand_from grant list revoke add remove help" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and not __fish_seen_subcommand_from grant list revoke add remove help" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and not __fish_seen_subcommand_from grant list revoke add remove help" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and not __fish_seen_subcommand_from grant list revoke add remove help" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand access; and not __fish_seen_subcommand_from grant list revoke add remove help" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand access; and not __fish_seen_subcommand_from grant list revoke add remove help" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand access; and not __fish_seen_subcommand_from grant list revoke add remove help" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand access; and not __fish_seen_subcommand_from grant list revoke add remove help" -f -a "grant" -d 'Let an age identity read one environment (-e/--env), and nothing else'
complete -c tresor -n "__fish_tresor_using_subcommand access; and not __fish_seen_subcommand_from grant list revoke add remove help" -f -a "list" -d 'List grants'
complete -c tresor -n "__fish_tresor_using_subcommand access; and not __fish_seen_subcommand_from grant list revoke add remove help" -f -a "revoke" -d 'Remove a grant and re-key its environment'
complete -c tresor -n "__fish_tresor_using_subcommand access; and not __fish_seen_subcommand_from grant list revoke add remove help" -f -a "add" -d 'Give an age recipient full access (like `init --recipient`)'
complete -c tresor -n "__fish_tresor_using_subcommand access; and not __fish_seen_subcommand_from grant list revoke add remove help" -f -a "remove" -d 'Remove a full-access recipient, then re-key the whole vault'
complete -c tresor -n "__fish_tresor_using_subcommand access; and not __fish_seen_subcommand_from grant list revoke add remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from grant" -l recipient -d 'The grantee\'s recipient' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from grant" -l name -d 'A label for the grant, such as ci-test' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from grant" -l expires-in -d 'The grant stops working after this long' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from grant" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from grant" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from grant" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from grant" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from grant" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from grant" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from grant" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from grant" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from grant" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from grant" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from grant" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from list" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from list" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from list" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from list" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from list" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from list" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from list" -l json -d 'One JSON document: [{"label","env","recipient","created","expires_at"}]'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from list" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from revoke" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from revoke" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from revoke" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from revoke" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from revoke" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from revoke" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from revoke" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from revoke" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from revoke" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from add" -l recipient -d 'The recipient to give full access' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from add" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from add" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from add" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from add" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from add" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from add" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from add" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from add" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from add" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from remove" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from remove" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from remove" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from remove" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from remove" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from remove" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from remove" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from remove" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from remove" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "grant" -d 'Let an age identity read one environment (-e/--env), and nothing else'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "list" -d 'List grants'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Remove a grant and re-key its environment'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "add" -d 'Give an age recipient full access (like `init --recipient`)'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a full-access recipient, then re-key the whole vault'
complete -c tresor -n "__fish_tresor_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and not __fish_seen_subcommand_from export help" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and not __fish_seen_subcommand_from export help" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and not __fish_seen_subcommand_from export help" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and not __fish_seen_subcommand_from export help" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and not __fish_seen_subcommand_from export help" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and not __fish_seen_subcommand_from export help" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and not __fish_seen_subcommand_from export help" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and not __fish_seen_subcommand_from export help" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and not __fish_seen_subcommand_from export help" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and not __fish_seen_subcommand_from export help" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and not __fish_seen_subcommand_from export help" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and not __fish_seen_subcommand_from export help" -f -a "export" -d 'Write a signed, encrypted bundle of the environment\'s active secrets to stdout'
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and not __fish_seen_subcommand_from export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and __fish_seen_subcommand_from export" -l recipient -d 'Who can open it' -r
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and __fish_seen_subcommand_from export" -l only -d 'Only these secrets' -r
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and __fish_seen_subcommand_from export" -l expires-in -d 'The bundle is refused after this long' -r
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and __fish_seen_subcommand_from export" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and __fish_seen_subcommand_from export" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and __fish_seen_subcommand_from export" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and __fish_seen_subcommand_from export" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and __fish_seen_subcommand_from export" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and __fish_seen_subcommand_from export" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and __fish_seen_subcommand_from export" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and __fish_seen_subcommand_from export" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and __fish_seen_subcommand_from export" -l armor -d 'ASCII armour (PEM-like text) instead of binary'
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and __fish_seen_subcommand_from export" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write a signed, encrypted bundle of the environment\'s active secrets to stdout'
complete -c tresor -n "__fish_tresor_using_subcommand bundle; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l name -d 'Only events about this secret' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l action -d 'Only this action (get, set, run, revoke, …)' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l since -d 'Only events since DATE (YYYY-MM-DD, RFC 3339) or for the last DUR (such as 24h)' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l limit -d 'Only the last N events' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l json -d 'One JSON document: [{"seq","time","actor","via","action","env","name","version","detail"}]'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -f -a "verify" -d 'Walk the MAC chain and the header\'s record of its end; exit 4 naming the first bad event'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from verify" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from verify" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from verify" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from verify" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from verify" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from verify" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from verify" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from verify" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from verify" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Walk the MAC chain and the header\'s record of its end; exit 4 naming the first bad event'
complete -c tresor -n "__fish_tresor_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand status" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand status" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand status" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand status" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand status" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand status" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand status" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand status" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand status" -l json -d 'One JSON document, for monitoring'
complete -c tresor -n "__fish_tresor_using_subcommand status" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand status" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand status" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand scan" -l format -d 'Output format: text, json (one document) or sarif (SARIF 2.1.0, for code scanning)' -r -f -a "text\t''
json\t''
sarif\t''"
complete -c tresor -n "__fish_tresor_using_subcommand scan" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand scan" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand scan" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand scan" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand scan" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand scan" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand scan" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand scan" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand scan" -l all-envs -d 'Look for the values of every environment, not only the current one'
complete -c tresor -n "__fish_tresor_using_subcommand scan" -l staged -d 'Scan what git has staged (for a pre-commit hook) instead of PATHs'
complete -c tresor -n "__fish_tresor_using_subcommand scan" -l history -d 'Scan the lines added by every commit reachable in the git repository (each finding once, with the commit that added it) instead of PATHs'
complete -c tresor -n "__fish_tresor_using_subcommand scan" -l json -d 'Same as --format json: {"findings":[{"path","line","column","kind",…}],…}'
complete -c tresor -n "__fish_tresor_using_subcommand scan" -l no-patterns -d 'Only the vault\'s values, not the key formats'
complete -c tresor -n "__fish_tresor_using_subcommand scan" -l no-vault -d 'Only the key formats: do not unlock the vault'
complete -c tresor -n "__fish_tresor_using_subcommand scan" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand scan" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand scan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand passwd" -l new-passphrase-file -d 'Read the new passphrase from FILE (whole content minus one trailing newline)' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand passwd" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand passwd" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand passwd" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand passwd" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand passwd" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand passwd" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand passwd" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand passwd" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand passwd" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand passwd" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand passwd" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand rekey" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rekey" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rekey" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand rekey" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rekey" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand rekey" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand rekey" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand rekey" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand rekey" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand rekey" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand rekey" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -f -a "copy" -d 'Copy the vault, verified, into a new file or PostgreSQL database'
complete -c tresor -n "__fish_tresor_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand vault; and __fish_seen_subcommand_from copy" -l to -d 'The new vault: a file path, or a postgres:// or postgresql:// URL' -r
complete -c tresor -n "__fish_tresor_using_subcommand vault; and __fish_seen_subcommand_from copy" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand vault; and __fish_seen_subcommand_from copy" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand vault; and __fish_seen_subcommand_from copy" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand vault; and __fish_seen_subcommand_from copy" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand vault; and __fish_seen_subcommand_from copy" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand vault; and __fish_seen_subcommand_from copy" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand vault; and __fish_seen_subcommand_from copy" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand vault; and __fish_seen_subcommand_from copy" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand vault; and __fish_seen_subcommand_from copy" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand vault; and __fish_seen_subcommand_from copy" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand vault; and __fish_seen_subcommand_from copy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand vault; and __fish_seen_subcommand_from help" -f -a "copy" -d 'Copy the vault, verified, into a new file or PostgreSQL database'
complete -c tresor -n "__fish_tresor_using_subcommand vault; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand unlock" -l timeout -d 'Idle timeout: the agent exits after this long without a request' -r
complete -c tresor -n "__fish_tresor_using_subcommand unlock" -l max-lifetime -d 'Maximum lifetime: the agent exits this long after it started, even if in use [default: config `agent_max_lifetime`, else 8h]' -r
complete -c tresor -n "__fish_tresor_using_subcommand unlock" -l envs -d 'Hold only these environments\' keys, not the root key (a command that the agent serves can then read nothing else, and write nothing); `-e ENV` does the same for one' -r
complete -c tresor -n "__fish_tresor_using_subcommand unlock" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand unlock" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand unlock" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand unlock" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand unlock" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand unlock" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand unlock" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand unlock" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand unlock" -l include-protected -d 'Also hold the keys of protected environments (asks for both factors now); otherwise every command that opens one still needs its second factor'
complete -c tresor -n "__fish_tresor_using_subcommand unlock" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand unlock" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand unlock" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand lock" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand lock" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand lock" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand lock" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand lock" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand lock" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand lock" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand lock" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand lock" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand lock" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand lock" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand allow" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand allow" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand allow" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand allow" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand allow" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand allow" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand allow" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand allow" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand allow" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand allow" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand allow" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tresor -n "__fish_tresor_using_subcommand deny" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand deny" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand deny" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand deny" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand deny" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand deny" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand deny" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand deny" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand deny" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand deny" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand deny" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand completions" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand completions" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand completions" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand completions" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand completions" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand completions" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand completions" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand completions" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand completions" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand completions" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand completions" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand generate-docs" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand generate-docs" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand generate-docs" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand generate-docs" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand generate-docs" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand generate-docs" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand generate-docs" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand generate-docs" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand generate-docs" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand generate-docs" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand generate-docs" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand agent-serve" -l socket -r -F
complete -c tresor -n "__fish_tresor_using_subcommand agent-serve" -l timeout -r
complete -c tresor -n "__fish_tresor_using_subcommand agent-serve" -l max-lifetime -r
complete -c tresor -n "__fish_tresor_using_subcommand agent-serve" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand agent-serve" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand agent-serve" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand agent-serve" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand agent-serve" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand agent-serve" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand agent-serve" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand agent-serve" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand agent-serve" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand agent-serve" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand agent-serve" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand clip-serve" -l clear-after -d 'Seconds before the clipboard is cleared' -r
complete -c tresor -n "__fish_tresor_using_subcommand clip-serve" -l vault -d 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand clip-serve" -l config -d 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand clip-serve" -s e -l env -d 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]' -r
complete -c tresor -n "__fish_tresor_using_subcommand clip-serve" -l identity -d 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand clip-serve" -l passphrase-file -d 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]' -r -F
complete -c tresor -n "__fish_tresor_using_subcommand clip-serve" -l passphrase-fd -d 'Read the passphrase from file descriptor N' -r
complete -c tresor -n "__fish_tresor_using_subcommand clip-serve" -l vault-key -d 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]' -r
complete -c tresor -n "__fish_tresor_using_subcommand clip-serve" -l color -d 'When to use colour (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c tresor -n "__fish_tresor_using_subcommand clip-serve" -s q -l quiet -d 'Errors only: no reminders, warnings or progress'
complete -c tresor -n "__fish_tresor_using_subcommand clip-serve" -l allow-rollback -d 'Open a vault older than the last one seen (recorded)'
complete -c tresor -n "__fish_tresor_using_subcommand clip-serve" -s h -l help -d 'Print help'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "init" -d 'Create a new vault (environments dev, test and prod unless --envs)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "env" -d 'Manage environments'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "set" -d 'Store a secret (a new version when the name exists)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "get" -d 'Print a secret\'s value and a newline'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "edit" -d 'Change a secret in $VISUAL or $EDITOR (a new version only if the text changed)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "list" -d 'List secrets: names, versions, dates and states, never values'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "rm" -d 'Delete a secret and all its versions'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "cp" -d 'Copy a secret to another environment (--to) or name, with its schedule, recipe and note'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "mv" -d 'Move a secret to another environment (--to), or rename it (`mv OLD NEW`)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "generate" -d 'Generate a random value from the OS CSPRNG and store it'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "rotate" -d 'Store a new version of a secret: regenerated from its recipe, or read like `set`'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "history" -d 'Show every version of a secret: dates, origin and state, never values'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "revoke" -d 'Revoke a secret: it is never handed out again'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "due" -d 'List expired, overdue and soon-due secrets; exit 6 when any is expired or overdue'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "run" -d 'Run a command with the environment\'s secrets in its environment'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "export" -d 'Print secrets to stdout as dotenv, JSON or shell `export` lines'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "inject" -d 'Render a template to stdout with its {{ tresor://NAME }} references replaced by values'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "import" -d 'Import secrets from a dotenv or JSON file (all or nothing)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "access" -d 'Give others access: read-only grants of one environment to an age recipient'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "bundle" -d 'Bundles: one environment\'s secrets encrypted to an age recipient, for machines without the vault'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "audit" -d 'Show the tamper-evident audit log (newest last), or check it with `audit verify`'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "status" -d 'Vault, environments, due and expired keys, unused keys, grants, audit state, unusual use'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "scan" -d 'Find the vault\'s own values (every version, in raw, base64, hex and URL-encoded form) and the key formats of 150+ providers in files, staged changes or the whole git history; never prints the match; exit 6 on findings'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "passwd" -d 'Change the vault passphrase (the old one stops working at once)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "rekey" -d 'New root and environment keys; everything re-encrypted in one transaction'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "vault" -d 'Work on the vault as a whole: copy it between a file and PostgreSQL'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "unlock" -d 'Unlock once and keep the keys in a background agent until idle for DUR'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "lock" -d 'End the session agent at once: the key is forgotten'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "allow" -d 'Use a project file (.tresor.toml) as it is now: its env, env_file and vault apply'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "deny" -d 'Stop using a project file (.tresor.toml): forget that it was allowed'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "completions" -d 'Print the completion script for a shell'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "generate-docs" -d 'Write the man pages and completion scripts under DIR (for packaging and the repository)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "agent-serve" -d 'The session agent\'s own process (started by `tresor unlock`)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "clip-serve" -d 'The clipboard helper\'s own process (started by `tresor get --clip`; the value comes on standard input)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and not __fish_seen_subcommand_from init env set get edit list rm cp mv generate rotate history revoke due run export inject import access bundle audit status scan passwd rekey vault unlock lock allow deny completions generate-docs agent-serve clip-serve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "list" -d 'List environments and how many secrets each holds'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "add" -d 'Add an environment'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "rm" -d 'Remove an environment (one that holds secrets needs --force)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "protect" -d 'Require two factors for an environment: the vault passphrase and an age identity'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from env" -f -a "unprotect" -d 'Back to one factor for an environment'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "grant" -d 'Let an age identity read one environment (-e/--env), and nothing else'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "list" -d 'List grants'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "revoke" -d 'Remove a grant and re-key its environment'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "add" -d 'Give an age recipient full access (like `init --recipient`)'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "remove" -d 'Remove a full-access recipient, then re-key the whole vault'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from bundle" -f -a "export" -d 'Write a signed, encrypted bundle of the environment\'s active secrets to stdout'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Walk the MAC chain and the header\'s record of its end; exit 4 naming the first bad event'
complete -c tresor -n "__fish_tresor_using_subcommand help; and __fish_seen_subcommand_from vault" -f -a "copy" -d 'Copy the vault, verified, into a new file or PostgreSQL database'
