
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'tresor' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'tresor'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'tresor' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a new vault (environments dev, test and prod unless --envs)')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Manage environments')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Store a secret (a new version when the name exists)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print a secret''s value and a newline')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a secret in $VISUAL or $EDITOR (a new version only if the text changed)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List secrets: names, versions, dates and states, never values')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a secret and all its versions')
            [CompletionResult]::new('cp', 'cp', [CompletionResultType]::ParameterValue, 'Copy a secret to another environment (--to) or name, with its schedule, recipe and note')
            [CompletionResult]::new('mv', 'mv', [CompletionResultType]::ParameterValue, 'Move a secret to another environment (--to), or rename it (`mv OLD NEW`)')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Generate a random value from the OS CSPRNG and store it')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Store a new version of a secret: regenerated from its recipe, or read like `set`')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show every version of a secret: dates, origin and state, never values')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a secret: it is never handed out again')
            [CompletionResult]::new('due', 'due', [CompletionResultType]::ParameterValue, 'List expired, overdue and soon-due secrets; exit 6 when any is expired or overdue')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command with the environment''s secrets in its environment')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print secrets to stdout as dotenv, JSON or shell `export` lines')
            [CompletionResult]::new('inject', 'inject', [CompletionResultType]::ParameterValue, 'Render a template to stdout with its {{ tresor://NAME }} references replaced by values')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import secrets from a dotenv or JSON file (all or nothing)')
            [CompletionResult]::new('access', 'access', [CompletionResultType]::ParameterValue, 'Give others access: read-only grants of one environment to an age recipient')
            [CompletionResult]::new('bundle', 'bundle', [CompletionResultType]::ParameterValue, 'Bundles: one environment''s secrets encrypted to an age recipient, for machines without the vault')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Show the tamper-evident audit log (newest last), or check it with `audit verify`')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Vault, environments, due and expired keys, unused keys, grants, audit state, unusual use')
            [CompletionResult]::new('scan', 'scan', [CompletionResultType]::ParameterValue, 'Find the vault''s own values (every version, in raw, base64, hex and URL-encoded form) and the key formats of 150+ providers in files, staged changes or the whole git history; never prints the match; exit 6 on findings')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Change the vault passphrase (the old one stops working at once)')
            [CompletionResult]::new('rekey', 'rekey', [CompletionResultType]::ParameterValue, 'New root and environment keys; everything re-encrypted in one transaction')
            [CompletionResult]::new('vault', 'vault', [CompletionResultType]::ParameterValue, 'Work on the vault as a whole: copy it between a file and PostgreSQL')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Unlock once and keep the keys in a background agent until idle for DUR')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'End the session agent at once: the key is forgotten')
            [CompletionResult]::new('allow', 'allow', [CompletionResultType]::ParameterValue, 'Use a project file (.tresor.toml) as it is now: its env, env_file and vault apply')
            [CompletionResult]::new('deny', 'deny', [CompletionResultType]::ParameterValue, 'Stop using a project file (.tresor.toml): forget that it was allowed')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell')
            [CompletionResult]::new('generate-docs', 'generate-docs', [CompletionResultType]::ParameterValue, 'Write the man pages and completion scripts under DIR (for packaging and the repository)')
            [CompletionResult]::new('agent-serve', 'agent-serve', [CompletionResultType]::ParameterValue, 'The session agent''s own process (started by `tresor unlock`)')
            [CompletionResult]::new('clip-serve', 'clip-serve', [CompletionResultType]::ParameterValue, 'The clipboard helper''s own process (started by `tresor get --clip`; the value comes on standard input)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;init' {
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'Give full access to an age recipient: age1…, ssh-ed25519 …, ssh-rsa …, or a file holding one (repeatable)')
            [CompletionResult]::new('--envs', '--envs', [CompletionResultType]::ParameterName, 'Environments to create, comma-separated')
            [CompletionResult]::new('--kdf-memory', '--kdf-memory', [CompletionResultType]::ParameterName, 'Argon2id memory in MiB (19 to 4096)')
            [CompletionResult]::new('--kdf-iterations', '--kdf-iterations', [CompletionResultType]::ParameterName, 'Argon2id iterations (2 to 20)')
            [CompletionResult]::new('--kdf-parallelism', '--kdf-parallelism', [CompletionResultType]::ParameterName, 'Argon2id lanes (1 to 16)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--no-passphrase', '--no-passphrase', [CompletionResultType]::ParameterName, 'No passphrase slot: only the recipients open the vault')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;env' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List environments and how many secrets each holds')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an environment')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove an environment (one that holds secrets needs --force)')
            [CompletionResult]::new('protect', 'protect', [CompletionResultType]::ParameterValue, 'Require two factors for an environment: the vault passphrase and an age identity')
            [CompletionResult]::new('unprotect', 'unprotect', [CompletionResultType]::ParameterValue, 'Back to one factor for an environment')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;env;list' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON document: [{"name","secrets","protected_by"}]; protected_by is the label of the second factor of a protected environment, else null')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;env;add' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;env;rm' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Also delete every secret in it (asks for confirmation on a terminal)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;env;protect' {
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'The second factor''s recipient')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;env;unprotect' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;env;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List environments and how many secrets each holds')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an environment')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove an environment (one that holds secrets needs --force)')
            [CompletionResult]::new('protect', 'protect', [CompletionResultType]::ParameterValue, 'Require two factors for an environment: the vault passphrase and an age identity')
            [CompletionResult]::new('unprotect', 'unprotect', [CompletionResultType]::ParameterValue, 'Back to one factor for an environment')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;env;help;list' {
            break
        }
        'tresor;env;help;add' {
            break
        }
        'tresor;env;help;rm' {
            break
        }
        'tresor;env;help;protect' {
            break
        }
        'tresor;env;help;unprotect' {
            break
        }
        'tresor;env;help;help' {
            break
        }
        'tresor;set' {
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Read the value from FILE')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'Expiry date: YYYY-MM-DD or RFC 3339')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Expire after this long: 30s 15m 12h 90d 2w 1y')
            [CompletionResult]::new('--rotate-every', '--rotate-every', [CompletionResultType]::ParameterName, 'Rotation schedule: due this long after each new version')
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'A note kept (encrypted) with the version')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--keep-newline', '--keep-newline', [CompletionResultType]::ParameterName, 'Keep a trailing newline of the input')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;get' {
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Read version N instead of the latest')
            [CompletionResult]::new('--clear-after', '--clear-after', [CompletionResultType]::ParameterName, 'Clear the clipboard after DUR, if it still holds the value [default: config `clear_after`, else 45s]')
            [CompletionResult]::new('--bundle', '--bundle', [CompletionResultType]::ParameterName, 'Read secrets from this bundle (made by `tresor bundle export`), with an age identity')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'No newline after the value')
            [CompletionResult]::new('--allow-revoked', '--allow-revoked', [CompletionResultType]::ParameterName, 'Print the value even when it is revoked')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Copy the value to the clipboard instead of printing it')
            [CompletionResult]::new('--clip', '--clip', [CompletionResultType]::ParameterName, 'Copy the value to the clipboard instead of printing it')
            [CompletionResult]::new('--allow-file', '--allow-file', [CompletionResultType]::ParameterName, 'Allow stdout to be a regular file')
            [CompletionResult]::new('--allow-unpinned', '--allow-unpinned', [CompletionResultType]::ParameterName, 'Open a bundle that no vault key pins (--vault-key, TRESOR_VAULT_KEY, or the key pinned here for its vault): its origin is then unverified')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;edit' {
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'Expiry date: YYYY-MM-DD or RFC 3339')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Expire after this long: 30s 15m 12h 90d 2w 1y')
            [CompletionResult]::new('--rotate-every', '--rotate-every', [CompletionResultType]::ParameterName, 'Rotation schedule: due this long after each new version')
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'A note kept (encrypted) with the version')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--allow-disk', '--allow-disk', [CompletionResultType]::ParameterName, 'Accept a folder on disk for the file when there is none in memory')
            [CompletionResult]::new('--keep-newline', '--keep-newline', [CompletionResultType]::ParameterName, 'Keep a trailing newline the editor added')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;list' {
            [CompletionResult]::new('--unused', '--unused', [CompletionResultType]::ParameterName, 'Only secrets not read (get, run, export, bundle export) for DUR, counting from their creation when never read')
            [CompletionResult]::new('--bundle', '--bundle', [CompletionResultType]::ParameterName, 'Read secrets from this bundle (made by `tresor bundle export`), with an age identity')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--due', '--due', [CompletionResultType]::ParameterName, 'Only what `tresor due` lists: expired, overdue, or due within the reminder window')
            [CompletionResult]::new('--expired', '--expired', [CompletionResultType]::ParameterName, 'Only expired secrets')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Every environment, not only the current one')
            [CompletionResult]::new('--revoked', '--revoked', [CompletionResultType]::ParameterName, 'Include revoked secrets')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON document')
            [CompletionResult]::new('--allow-unpinned', '--allow-unpinned', [CompletionResultType]::ParameterName, 'Open a bundle that no vault key pins (--vault-key, TRESOR_VAULT_KEY, or the key pinned here for its vault): its origin is then unverified')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;rm' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;cp' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The destination environment [default: the source environment]')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--overwrite', '--overwrite', [CompletionResultType]::ParameterName, 'Add a new version to a secret that exists at the destination')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;mv' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The destination environment [default: the source environment]')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--overwrite', '--overwrite', [CompletionResultType]::ParameterName, 'Add a new version to a secret that exists at the destination')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;generate' {
            [CompletionResult]::new('--length', '--length', [CompletionResultType]::ParameterName, 'Number of characters, not counting --prefix')
            [CompletionResult]::new('--charset', '--charset', [CompletionResultType]::ParameterName, 'alnum, alpha, lower, upper, digits, hex, base64url, ascii (printable, no space) or custom:CHARS')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Text put before the random part, such as sk_live_ (not counted as entropy)')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'Expiry date: YYYY-MM-DD or RFC 3339')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Expire after this long: 30s 15m 12h 90d 2w 1y')
            [CompletionResult]::new('--rotate-every', '--rotate-every', [CompletionResultType]::ParameterName, 'Rotation schedule: due this long after each new version')
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'A note kept (encrypted) with the version')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--uuid', '--uuid', [CompletionResultType]::ParameterName, 'A random UUID (version 4) instead of characters')
            [CompletionResult]::new('--print', '--print', [CompletionResultType]::ParameterName, 'Also print the value on stdout')
            [CompletionResult]::new('--allow-file', '--allow-file', [CompletionResultType]::ParameterName, 'With --print: allow stdout to be a regular file')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing secret of that name (its recipe and value); `rotate` makes a new value from the recipe it has')
            [CompletionResult]::new('--weak', '--weak', [CompletionResultType]::ParameterName, 'Accept a value under 64 bits of entropy')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;rotate' {
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Read the new value from FILE (`-`: standard input) instead of the recipe')
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'Keep the previous value valid this long (`run` injects it as NAME_PREVIOUS)')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'Expiry date: YYYY-MM-DD or RFC 3339')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Expire after this long: 30s 15m 12h 90d 2w 1y')
            [CompletionResult]::new('--rotate-every', '--rotate-every', [CompletionResultType]::ParameterName, 'Rotation schedule: due this long after each new version')
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'A note kept (encrypted) with the version')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--keep-newline', '--keep-newline', [CompletionResultType]::ParameterName, 'Keep a trailing newline of the input')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;history' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON document: [{"version","created","origin","state"}]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;revoke' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (kept in the history and audit log)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;due' {
            [CompletionResult]::new('--within', '--within', [CompletionResultType]::ParameterName, 'Count as due what falls due within DUR [default: config `remind_within`, else 14d]')
            [CompletionResult]::new('--bundle', '--bundle', [CompletionResultType]::ParameterName, 'Check a bundle instead of the vault (on a CI runner): exit 6 when the bundle or one of its secrets expires within the window')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Every environment, not only the current one')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON document: [{"env","name","reason","at","kind"}]; reason is expired, overdue or due; kind is secret or grant (a grant that ends within the window, name its label); with --bundle, kind is secret or bundle (name null) and days_left is added')
            [CompletionResult]::new('--allow-unpinned', '--allow-unpinned', [CompletionResultType]::ParameterName, 'Open a bundle that no vault key pins (its origin is then unverified)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;run' {
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Inject only these secrets (a missing one is an error)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Put PREFIX before every injected name')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Inject the variables of a dotenv file instead, resolving tresor://NAME and tresor://ENV/NAME references')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Also write secret NAME to a private file in memory (0600) and put its path in VAR [default: NAME_FILE]; removed when the command exits (tresor stays as parent). Repeatable')
            [CompletionResult]::new('--bundle', '--bundle', [CompletionResultType]::ParameterName, 'Read secrets from this bundle (made by `tresor bundle export`), with an age identity')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--no-inherit', '--no-inherit', [CompletionResultType]::ParameterName, 'Start from an empty environment but PATH HOME USER LOGNAME LANG TERM TZ')
            [CompletionResult]::new('--allow-expired', '--allow-expired', [CompletionResultType]::ParameterName, 'Inject expired secrets too (with a warning) instead of refusing to run')
            [CompletionResult]::new('--allow-disk', '--allow-disk', [CompletionResultType]::ParameterName, 'Accept a folder on disk for the --file files when there is none in memory')
            [CompletionResult]::new('--mask', '--mask', [CompletionResultType]::ParameterName, 'Stay as parent and replace every injected value in the command''s output with ******** (on a terminal, the command gets a pseudo-terminal of its own)')
            [CompletionResult]::new('--allow-unpinned', '--allow-unpinned', [CompletionResultType]::ParameterName, 'Open a bundle that no vault key pins (--vault-key, TRESOR_VAULT_KEY, or the key pinned here for its vault): its origin is then unverified')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;export' {
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Export only these secrets')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--dialect', '--dialect', [CompletionResultType]::ParameterName, 'With --format dotenv: quote for this reader')
            [CompletionResult]::new('--bundle', '--bundle', [CompletionResultType]::ParameterName, 'Read secrets from this bundle (made by `tresor bundle export`), with an age identity')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--allow-file', '--allow-file', [CompletionResultType]::ParameterName, 'Allow stdout to be a regular file')
            [CompletionResult]::new('--allow-unpinned', '--allow-unpinned', [CompletionResultType]::ParameterName, 'Open a bundle that no vault key pins (--vault-key, TRESOR_VAULT_KEY, or the key pinned here for its vault): its origin is then unverified')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;inject' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--allow-file', '--allow-file', [CompletionResultType]::ParameterName, 'Allow stdout to be a regular file')
            [CompletionResult]::new('--allow-expired', '--allow-expired', [CompletionResultType]::ParameterName, 'Use expired secrets too (with a warning) instead of refusing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;import' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Input format [default: json for *.json, else dotenv]')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--overwrite', '--overwrite', [CompletionResultType]::ParameterName, 'Add a new version to secrets that exist')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;access' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Let an age identity read one environment (-e/--env), and nothing else')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List grants')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Remove a grant and re-key its environment')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Give an age recipient full access (like `init --recipient`)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a full-access recipient, then re-key the whole vault')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;access;grant' {
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'The grantee''s recipient')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A label for the grant, such as ci-test')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'The grant stops working after this long')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;access;list' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON document: [{"label","env","recipient","created","expires_at"}]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;access;revoke' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;access;add' {
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'The recipient to give full access')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;access;remove' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;access;help' {
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Let an age identity read one environment (-e/--env), and nothing else')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List grants')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Remove a grant and re-key its environment')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Give an age recipient full access (like `init --recipient`)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a full-access recipient, then re-key the whole vault')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;access;help;grant' {
            break
        }
        'tresor;access;help;list' {
            break
        }
        'tresor;access;help;revoke' {
            break
        }
        'tresor;access;help;add' {
            break
        }
        'tresor;access;help;remove' {
            break
        }
        'tresor;access;help;help' {
            break
        }
        'tresor;bundle' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write a signed, encrypted bundle of the environment''s active secrets to stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;bundle;export' {
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'Who can open it')
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Only these secrets')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'The bundle is refused after this long')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--armor', '--armor', [CompletionResultType]::ParameterName, 'ASCII armour (PEM-like text) instead of binary')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;bundle;help' {
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write a signed, encrypted bundle of the environment''s active secrets to stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;bundle;help;export' {
            break
        }
        'tresor;bundle;help;help' {
            break
        }
        'tresor;audit' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Only events about this secret')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'Only this action (get, set, run, revoke, …)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only events since DATE (YYYY-MM-DD, RFC 3339) or for the last DUR (such as 24h)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Only the last N events')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON document: [{"seq","time","actor","via","action","env","name","version","detail"}]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Walk the MAC chain and the header''s record of its end; exit 4 naming the first bad event')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;audit;verify' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;audit;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Walk the MAC chain and the header''s record of its end; exit 4 naming the first bad event')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;audit;help;verify' {
            break
        }
        'tresor;audit;help;help' {
            break
        }
        'tresor;status' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON document, for monitoring')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;scan' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text, json (one document) or sarif (SARIF 2.1.0, for code scanning)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--all-envs', '--all-envs', [CompletionResultType]::ParameterName, 'Look for the values of every environment, not only the current one')
            [CompletionResult]::new('--staged', '--staged', [CompletionResultType]::ParameterName, 'Scan what git has staged (for a pre-commit hook) instead of PATHs')
            [CompletionResult]::new('--history', '--history', [CompletionResultType]::ParameterName, 'Scan the lines added by every commit reachable in the git repository (each finding once, with the commit that added it) instead of PATHs')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Same as --format json: {"findings":[{"path","line","column","kind",…}],…}')
            [CompletionResult]::new('--no-patterns', '--no-patterns', [CompletionResultType]::ParameterName, 'Only the vault''s values, not the key formats')
            [CompletionResult]::new('--no-vault', '--no-vault', [CompletionResultType]::ParameterName, 'Only the key formats: do not unlock the vault')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;passwd' {
            [CompletionResult]::new('--new-passphrase-file', '--new-passphrase-file', [CompletionResultType]::ParameterName, 'Read the new passphrase from FILE (whole content minus one trailing newline)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;rekey' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;vault' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy the vault, verified, into a new file or PostgreSQL database')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;vault;copy' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The new vault: a file path, or a postgres:// or postgresql:// URL')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;vault;help' {
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy the vault, verified, into a new file or PostgreSQL database')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;vault;help;copy' {
            break
        }
        'tresor;vault;help;help' {
            break
        }
        'tresor;unlock' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Idle timeout: the agent exits after this long without a request')
            [CompletionResult]::new('--max-lifetime', '--max-lifetime', [CompletionResultType]::ParameterName, 'Maximum lifetime: the agent exits this long after it started, even if in use [default: config `agent_max_lifetime`, else 8h]')
            [CompletionResult]::new('--envs', '--envs', [CompletionResultType]::ParameterName, 'Hold only these environments'' keys, not the root key (a command that the agent serves can then read nothing else, and write nothing); `-e ENV` does the same for one')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('--include-protected', '--include-protected', [CompletionResultType]::ParameterName, 'Also hold the keys of protected environments (asks for both factors now); otherwise every command that opens one still needs its second factor')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;lock' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;allow' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tresor;deny' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;completions' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;generate-docs' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;agent-serve' {
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'socket')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'timeout')
            [CompletionResult]::new('--max-lifetime', '--max-lifetime', [CompletionResultType]::ParameterName, 'max-lifetime')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;clip-serve' {
            [CompletionResult]::new('--clear-after', '--clear-after', [CompletionResultType]::ParameterName, 'Seconds before the clipboard is cleared')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: TRESOR_VAULT] [default: $XDG_DATA_HOME/tresor/vault.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: TRESOR_CONFIG] [default: $XDG_CONFIG_HOME/tresor/config.toml]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment to work in [env: TRESOR_ENV] [default: config `default_env`, else dev]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (X25519 or SSH key; a passphrase-protected one asks on the terminal) [env: TRESOR_IDENTITY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from FILE (whole content minus one trailing newline) [env: TRESOR_PASSPHRASE_FILE]')
            [CompletionResult]::new('--passphrase-fd', '--passphrase-fd', [CompletionResultType]::ParameterName, 'Read the passphrase from file descriptor N')
            [CompletionResult]::new('--vault-key', '--vault-key', [CompletionResultType]::ParameterName, 'The vault key the vault (or bundle) must be signed with; pins it for this vault [env: TRESOR_VAULT_KEY]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Errors only: no reminders, warnings or progress')
            [CompletionResult]::new('--allow-rollback', '--allow-rollback', [CompletionResultType]::ParameterName, 'Open a vault older than the last one seen (recorded)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tresor;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a new vault (environments dev, test and prod unless --envs)')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Manage environments')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Store a secret (a new version when the name exists)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print a secret''s value and a newline')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a secret in $VISUAL or $EDITOR (a new version only if the text changed)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List secrets: names, versions, dates and states, never values')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a secret and all its versions')
            [CompletionResult]::new('cp', 'cp', [CompletionResultType]::ParameterValue, 'Copy a secret to another environment (--to) or name, with its schedule, recipe and note')
            [CompletionResult]::new('mv', 'mv', [CompletionResultType]::ParameterValue, 'Move a secret to another environment (--to), or rename it (`mv OLD NEW`)')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Generate a random value from the OS CSPRNG and store it')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Store a new version of a secret: regenerated from its recipe, or read like `set`')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show every version of a secret: dates, origin and state, never values')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a secret: it is never handed out again')
            [CompletionResult]::new('due', 'due', [CompletionResultType]::ParameterValue, 'List expired, overdue and soon-due secrets; exit 6 when any is expired or overdue')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command with the environment''s secrets in its environment')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print secrets to stdout as dotenv, JSON or shell `export` lines')
            [CompletionResult]::new('inject', 'inject', [CompletionResultType]::ParameterValue, 'Render a template to stdout with its {{ tresor://NAME }} references replaced by values')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import secrets from a dotenv or JSON file (all or nothing)')
            [CompletionResult]::new('access', 'access', [CompletionResultType]::ParameterValue, 'Give others access: read-only grants of one environment to an age recipient')
            [CompletionResult]::new('bundle', 'bundle', [CompletionResultType]::ParameterValue, 'Bundles: one environment''s secrets encrypted to an age recipient, for machines without the vault')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Show the tamper-evident audit log (newest last), or check it with `audit verify`')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Vault, environments, due and expired keys, unused keys, grants, audit state, unusual use')
            [CompletionResult]::new('scan', 'scan', [CompletionResultType]::ParameterValue, 'Find the vault''s own values (every version, in raw, base64, hex and URL-encoded form) and the key formats of 150+ providers in files, staged changes or the whole git history; never prints the match; exit 6 on findings')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Change the vault passphrase (the old one stops working at once)')
            [CompletionResult]::new('rekey', 'rekey', [CompletionResultType]::ParameterValue, 'New root and environment keys; everything re-encrypted in one transaction')
            [CompletionResult]::new('vault', 'vault', [CompletionResultType]::ParameterValue, 'Work on the vault as a whole: copy it between a file and PostgreSQL')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Unlock once and keep the keys in a background agent until idle for DUR')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'End the session agent at once: the key is forgotten')
            [CompletionResult]::new('allow', 'allow', [CompletionResultType]::ParameterValue, 'Use a project file (.tresor.toml) as it is now: its env, env_file and vault apply')
            [CompletionResult]::new('deny', 'deny', [CompletionResultType]::ParameterValue, 'Stop using a project file (.tresor.toml): forget that it was allowed')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell')
            [CompletionResult]::new('generate-docs', 'generate-docs', [CompletionResultType]::ParameterValue, 'Write the man pages and completion scripts under DIR (for packaging and the repository)')
            [CompletionResult]::new('agent-serve', 'agent-serve', [CompletionResultType]::ParameterValue, 'The session agent''s own process (started by `tresor unlock`)')
            [CompletionResult]::new('clip-serve', 'clip-serve', [CompletionResultType]::ParameterValue, 'The clipboard helper''s own process (started by `tresor get --clip`; the value comes on standard input)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tresor;help;init' {
            break
        }
        'tresor;help;env' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List environments and how many secrets each holds')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an environment')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove an environment (one that holds secrets needs --force)')
            [CompletionResult]::new('protect', 'protect', [CompletionResultType]::ParameterValue, 'Require two factors for an environment: the vault passphrase and an age identity')
            [CompletionResult]::new('unprotect', 'unprotect', [CompletionResultType]::ParameterValue, 'Back to one factor for an environment')
            break
        }
        'tresor;help;env;list' {
            break
        }
        'tresor;help;env;add' {
            break
        }
        'tresor;help;env;rm' {
            break
        }
        'tresor;help;env;protect' {
            break
        }
        'tresor;help;env;unprotect' {
            break
        }
        'tresor;help;set' {
            break
        }
        'tresor;help;get' {
            break
        }
        'tresor;help;edit' {
            break
        }
        'tresor;help;list' {
            break
        }
        'tresor;help;rm' {
            break
        }
        'tresor;help;cp' {
            break
        }
        'tresor;help;mv' {
            break
        }
        'tresor;help;generate' {
            break
        }
        'tresor;help;rotate' {
            break
        }
        'tresor;help;history' {
            break
        }
        'tresor;help;revoke' {
            break
        }
        'tresor;help;due' {
            break
        }
        'tresor;help;run' {
            break
        }
        'tresor;help;export' {
            break
        }
        'tresor;help;inject' {
            break
        }
        'tresor;help;import' {
            break
        }
        'tresor;help;access' {
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Let an age identity read one environment (-e/--env), and nothing else')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List grants')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Remove a grant and re-key its environment')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Give an age recipient full access (like `init --recipient`)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a full-access recipient, then re-key the whole vault')
            break
        }
        'tresor;help;access;grant' {
            break
        }
        'tresor;help;access;list' {
            break
        }
        'tresor;help;access;revoke' {
            break
        }
        'tresor;help;access;add' {
            break
        }
        'tresor;help;access;remove' {
            break
        }
        'tresor;help;bundle' {
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write a signed, encrypted bundle of the environment''s active secrets to stdout')
            break
        }
        'tresor;help;bundle;export' {
            break
        }
        'tresor;help;audit' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Walk the MAC chain and the header''s record of its end; exit 4 naming the first bad event')
            break
        }
        'tresor;help;audit;verify' {
            break
        }
        'tresor;help;status' {
            break
        }
        'tresor;help;scan' {
            break
        }
        'tresor;help;passwd' {
            break
        }
        'tresor;help;rekey' {
            break
        }
        'tresor;help;vault' {
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy the vault, verified, into a new file or PostgreSQL database')
            break
        }
        'tresor;help;vault;copy' {
            break
        }
        'tresor;help;unlock' {
            break
        }
        'tresor;help;lock' {
            break
        }
        'tresor;help;allow' {
            break
        }
        'tresor;help;deny' {
            break
        }
        'tresor;help;completions' {
            break
        }
        'tresor;help;generate-docs' {
            break
        }
        'tresor;help;agent-serve' {
            break
        }
        'tresor;help;clip-serve' {
            break
        }
        'tresor;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
