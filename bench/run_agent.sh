#!/usr/bin/env bash
# `tresor get` at 1,000 secrets, three ways of unlocking: through the session agent
# (`tresor unlock`), with an age identity, and with a passphrase file (default KDF). See
# bench/README.md, "get through the agent".
#
# Usage: bench/run_agent.sh
#
# Knobs (environment variables, all optional; more in bench/lib.sh):
#   BENCH_SIZE=1000     secrets in each vault
#   BENCH_ROUNDS=4      rounds; each is ONE hyperfine invocation of the three, order rotated
#
# The agent runs under a private XDG_RUNTIME_DIR (0700, inside the scratch folder); it is
# started with `tresor unlock --timeout 30m --passphrase-file`, and `tresor lock` ends it when
# the script exits, whatever happens. Results: bench/results/REV/agent/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

N=${BENCH_SIZE:-1000}
ROUNDS=${BENCH_ROUNDS:-4}

need_hyperfine
bench_build agent bench_fill
bench_env
write_meta bench/run_agent.sh

# Two vaults of the same shape (identity and passphrase slots, N secrets). The agent serves one
# vault file and is tried before any other key source, so it gets a vault of its own: on the
# other one, --identity and --passphrase-file are what unlock.
log "vaults with $N secrets and a passphrase slot"
make_vault "$WORK/agent.db" "$N" passphrase
make_vault "$WORK/direct.db" "$N" passphrase

log "starting the agent"
CLEANUP+=("\"$TRESOR\" lock --vault \"$WORK/agent.db\" >&2")
"$TRESOR" unlock --timeout 30m --vault "$WORK/agent.db" --passphrase-file "$PASS"
ls -la "$XDG_RUNTIME_DIR/tresor" >&2

KEY=$(key_for "$N")
AGENT_CMD="$TRESOR get $KEY --vault $WORK/agent.db"
ID_CMD="$TRESOR get $KEY --vault $WORK/direct.db --identity $ID"
PASS_CMD="$TRESOR get $KEY --vault $WORK/direct.db --passphrase-file $PASS"

# The agent's `get` must really go through the agent: its audit event says how it unlocked.
"$TRESOR" get "$KEY" --vault "$WORK/agent.db" >/dev/null
via=$("$TRESOR" audit --limit 1 --json --vault "$WORK/agent.db" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)[-1]["via"])')
case $via in
    agent*) log "the agent's get unlocked via: $via" ;;
    *) echo "bench/run_agent.sh: the agent's get unlocked via \"$via\", not the agent" >&2; exit 1 ;;
esac

short() { sed -e "s|$TRESOR|tresor|g" -e "s|$WORK/||g"; }
printf 'get-agent@%s\t%s\nget-identity@%s\t%s\nget-passphrase@%s\t%s\n' \
    "$N" "$(echo "$AGENT_CMD" | short)" "$N" "$(echo "$ID_CMD" | short)" \
    "$N" "$(echo "$PASS_CMD" | short)" >"$RESULTS/commands.txt"

names=("get-agent@$N" "get-identity@$N" "get-passphrase@$N")
cmds=("$AGENT_CMD" "$ID_CMD" "$PASS_CMD")
for round in $(seq 1 "$ROUNDS"); do
    k=$(((round - 1) % 3))
    args=()
    for i in $k $(((k + 1) % 3)) $(((k + 2) % 3)); do
        args+=(-n "${names[$i]}" "${cmds[$i]}")
    done
    log "get: agent vs identity vs passphrase, round $round of $ROUNDS"
    wait_quiet "agent/$round"
    hyperfine -N --warmup 3 --style basic --min-runs 10 --max-runs 100 \
        --export-json "$RESULTS/agent-$round.json" "${args[@]}"
done

python3 "$ROOT/bench/report.py" agent "$RESULTS"
