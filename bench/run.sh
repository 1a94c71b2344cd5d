#!/usr/bin/env bash
# Benchmark of the vault core (DESIGN.md "Speed"): get, list and set at 10, 1,000, 10,000 and
# 100,000 secrets, and passphrase unlock against bare Argon2id. See bench/README.md.
#
# Usage: bench/run.sh
#
# Knobs (environment variables, all optional; more in bench/lib.sh: BENCH_REV, waiting for a
# quiet machine, BENCH_KEEP):
#   BENCH_SIZES="10 1000"   sizes to measure (default: 10 1000 10000 100000; the goal ratios
#                           need 10, 10000 and 100000)
#   BENCH_ROUNDS=3          rounds of get/list/set (all sizes in each round); the kdf pair runs
#                           in BENCH_ROUNDS+2 rounds. Timings are pooled over rounds, so a burst
#                           of outside load hits every size alike instead of one of them.
#
# Writes hyperfine's JSON exports (one per operation and round), commands.txt, load.txt,
# fill.txt, meta.json, summary.md and figures.json to bench/results/REV/core/ (gitignored) and
# prints the summary. About 10 minutes on the 2-core bench machine when it is otherwise idle.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SIZES=${BENCH_SIZES:-10 1000 10000 100000}
ROUNDS=${BENCH_ROUNDS:-3}

need_hyperfine
bench_build core bench_fill bench_argon2
bench_env
write_meta bench/run.sh
ARGON=$EXAMPLES/bench_argon2
VALUE=$WORK/value.txt
printf '%s\n' "$(head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$VALUE"

# ---- vaults ------------------------------------------------------------------------------
for n in $SIZES; do
    log "vault with $n secrets"
    make_vault "$WORK/v$n.db" "$n"
done
log "vault with a passphrase slot (default KDF: m=64 MiB, t=3, p=4) and 10 secrets"
make_vault "$WORK/vpass.db" 10 passphrase
"$TRESOR" get KEY_000005 --vault "$WORK/vpass.db" --passphrase-file "$PASS" >/dev/null

# ---- benchmarks --------------------------------------------------------------------------
# -N: no intermediate shell; stdout and stderr go to /dev/null (hyperfine's default).
HF=(hyperfine -N --warmup 3 --style basic)

get_cmd() { echo "$TRESOR get $(key_for "$1") --vault $WORK/v$1.db --identity $ID"; }
list_cmd() { echo "$TRESOR list --vault $WORK/v$1.db --identity $ID"; }
# set re-sets one fixed name, BENCH_SET, in each vault: the first run creates it, every later
# run adds a version to it. At most 100 timed runs per round keep its version count small.
set_cmd() { echo "$TRESOR -q set BENCH_SET --from-file $VALUE --vault $WORK/v$1.db --identity $ID"; }
PASS_CMD="$TRESOR get KEY_000005 --vault $WORK/vpass.db --passphrase-file $PASS"

# commands.txt: NAME<TAB>command line, with the scratch paths shortened, for the README table.
short() { sed -e "s|$TRESOR|tresor|g" -e "s|$EXAMPLES/||g" -e "s|$WORK/||g"; }
for n in $SIZES; do
    for op in get list set; do
        printf '%s@%s\t%s\n' "$op" "$n" "$("${op}_cmd" "$n" | short)"
    done
done >"$RESULTS/commands.txt"
printf 'get-passphrase@10\t%s\nbare-argon2id\t%s\n' "$(echo "$PASS_CMD" | short)" \
    "$(echo "$ARGON" | short)" >>"$RESULTS/commands.txt"

bench_round() {   # bench_round OP ROUND EXTRA-HYPERFINE-ARGS...
    local op=$1 round=$2 cmds=() n
    shift 2
    for n in $SIZES; do
        cmds+=(-n "$op@$n" "$("${op}_cmd" "$n")")
    done
    log "$op, round $round of $ROUNDS"
    wait_quiet "$op/$round"
    "${HF[@]}" "$@" --export-json "$RESULTS/$op-$round.json" "${cmds[@]}"
}

for round in $(seq 1 "$ROUNDS"); do
    bench_round get "$round"
    bench_round list "$round"
    bench_round set "$round" --max-runs 100
done

# The two commands alternate within each round; more rounds, as their difference is small
# next to their run-to-run spread (Argon2id with p=4 keeps both cores busy).
KDF_ROUNDS=$((ROUNDS + 2))
for round in $(seq 1 "$KDF_ROUNDS"); do
    log "passphrase unlock vs bare Argon2id, round $round of $KDF_ROUNDS"
    wait_quiet "kdf/$round"
    pair=(-n "get-passphrase@10" "$PASS_CMD" -n "bare-argon2id" "$ARGON")
    if [ $((round % 2)) = 0 ]; then   # swap the order every other round
        pair=("${pair[@]:3:3}" "${pair[@]:0:3}")
    fi
    "${HF[@]}" --runs 10 --export-json "$RESULTS/kdf-$round.json" "${pair[@]}"
done

python3 "$ROOT/bench/report.py" core "$RESULTS"
