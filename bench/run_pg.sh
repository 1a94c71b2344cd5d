#!/usr/bin/env bash
# The team vault against the file: `get`, `set` and `run -- true` at 1,000 and 10,000 secrets
# on a local PostgreSQL (Unix socket, durable settings) and on SQLite, the PostgreSQL round
# trips each command makes, and the throughput of 8 concurrent writers on each. See
# bench/README.md.
#
# Usage: bench/run_pg.sh
#
# Knobs (environment variables, all optional; more in bench/lib.sh):
#   BENCH_SIZES="1000 10000"   sizes to measure
#   BENCH_ROUNDS=2             rounds of get/set/run (all sizes and both backends in each)
#   BENCH_WRITES=50            `set`s per writer in the throughput test (8 writers)
#
# Starts its own PostgreSQL server (tests/pg_server.sh, PG_SERVER_DURABLE=1: fsync and
# synchronous commit on, as SQLite's synchronous=FULL) and stops it. Round trips are counted by
# the client (TRESOR_DEBUG_ROUND_TRIPS=1: one per request sent, connection set-up not counted).
# Writes JSON exports, commands.txt, load.txt, meta.json, roundtrips.txt, throughput.txt and
# summary.md to bench/results/REV/pg/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SIZES=${BENCH_SIZES:-1000 10000}
ROUNDS=${BENCH_ROUNDS:-2}
WRITES=${BENCH_WRITES:-50}

need_hyperfine
bench_build pg bench_fill
bench_env
write_meta bench/run_pg.sh
VALUE=$WORK/value.txt
printf '%s\n' "$(head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$VALUE"

# Socket only (pg_url below names no port), and fsync on as in production.
pg_env=$(PG_SERVER_TLS=0 PG_SERVER_DURABLE=1 "$ROOT/tests/pg_server.sh" start)
eval "$pg_env"
CLEANUP+=("\"$ROOT/tests/pg_server.sh\" stop \"$TRESOR_PG_DIR\"")
ADMIN=$TRESOR_TEST_POSTGRES
pg_url() { echo "postgresql://tresor_admin@/$1?host=$TRESOR_PG_DIR"; }

# ---- vaults: N secrets in a file and in a database (two vaults: a copy would share the vault id,
# and using one would make the other look like an older copy of it) ------------------------------
for n in $SIZES; do
    log "vaults with $n secrets (file and PostgreSQL)"
    make_vault "$WORK/v$n.db" "$n"
    psql "$ADMIN" -qc "CREATE DATABASE bench_$n" >/dev/null
    make_vault "$(pg_url "bench_$n")" "$n"
done

HF=(hyperfine -N --warmup 3 --style basic)
vault_of() { if [ "$1" = pg ]; then pg_url "bench_$2"; else echo "$WORK/v$2.db"; fi; }
get_cmd() { echo "$TRESOR get $(key_for "$2") --vault $(vault_of "$1" "$2") --identity $ID"; }
set_cmd() { echo "$TRESOR -q set BENCH_SET --from-file $VALUE --vault $(vault_of "$1" "$2") --identity $ID"; }
run_cmd() { echo "$TRESOR -q run --vault $(vault_of "$1" "$2") --identity $ID -- true"; }

short() { sed -e "s|$TRESOR|tresor|g" -e "s|$WORK/||g" -e "s|$TRESOR_PG_DIR|PGSOCKET|g"; }
for n in $SIZES; do
    for b in sqlite pg; do
        for op in get set run; do
            printf '%s-%s@%s\t%s\n' "$op" "$b" "$n" "$("${op}_cmd" "$b" "$n" | short)"
        done
    done
done >"$RESULTS/commands.txt"

for round in $(seq 1 "$ROUNDS"); do
    for op in get set run; do
        cmds=()
        for n in $SIZES; do
            for b in sqlite pg; do cmds+=(-n "$op-$b@$n" "$("${op}_cmd" "$b" "$n")"); done
        done
        log "$op, round $round of $ROUNDS"
        wait_quiet "$op/$round"
        extra=()
        [ "$op" = set ] && extra=(--max-runs 60)
        "${HF[@]}" "${extra[@]}" --export-json "$RESULTS/$op-$round.json" "${cmds[@]}"
    done
done

# ---- round trips per command (PostgreSQL) ------------------------------------------------------
log "round trips per command"
for n in $SIZES; do
    for op in get set run; do
        # shellcheck disable=SC2046
        rt=$(TRESOR_DEBUG_ROUND_TRIPS=1 $("${op}_cmd" pg "$n") 2>&1 >/dev/null |
            sed -n 's/^tresor: \([0-9]*\) PostgreSQL round trips$/\1/p' | tail -n1)
        printf '%s@%s\t%s\n' "$op" "$n" "$rt"
    done
done | tee "$RESULTS/roundtrips.txt"

# ---- 8 concurrent writers --------------------------------------------------------------------
log "8 concurrent writers x $WRITES sets"
n=$(echo "$SIZES" | awk '{print $1}')
for b in sqlite pg; do
    v=$(vault_of "$b" "$n")
    start=$(date +%s.%N)
    pids=()
    for w in $(seq 1 8); do
        (for i in $(seq 1 "$WRITES"); do
            "$TRESOR" -q set "W${w}_$((i % 5))" --from-file "$VALUE" --vault "$v" --identity "$ID" ||
                exit 1
        done) &
        pids+=($!)
    done
    # A writer that failed would make the rate look better than it is: none may.
    failed=0
    for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
    end=$(date +%s.%N)
    if ((failed)); then echo "bench: $failed of 8 writers failed ($b)" >&2; exit 1; fi
    "$TRESOR" -q audit verify --vault "$v" --identity "$ID"
    awk -v b="$b" -v s="$start" -v e="$end" -v c=$((8 * WRITES)) \
        'BEGIN { printf "%s\t%d sets in %.1f s\t%.1f sets/s\n", b, c, e - s, c / (e - s) }'
done | tee "$RESULTS/throughput.txt"

# ---- summary -----------------------------------------------------------------------------------
python3 - "$RESULTS" "$SIZES" "$ROUNDS" <<'PY' | tee "$RESULTS/summary.md"
import json, statistics, sys
res, sizes, rounds = sys.argv[1], sys.argv[2].split(), int(sys.argv[3])
times = {}
for op in ("get", "set", "run"):
    for r in range(1, rounds + 1):
        for x in json.load(open(f"{res}/{op}-{r}.json"))["results"]:
            times.setdefault(x["command"], []).extend(x["times"])
rt = dict(l.rstrip("\n").split("\t") for l in open(f"{res}/roundtrips.txt"))
print("| command | SQLite median ms | PostgreSQL median ms | PostgreSQL round trips |")
print("|---|---:|---:|---:|")
for op in ("get", "set", "run"):
    for n in sizes:
        s = statistics.median(times[f"{op}-sqlite@{n}"]) * 1000
        p = statistics.median(times[f"{op}-pg@{n}"]) * 1000
        print(f"| `{op}` at {int(n):,} | {s:.1f} | {p:.1f} | {rt.get(f'{op}@{n}', '?')} |")
print()
for l in open(f"{res}/throughput.txt"):
    b, what, rate = l.rstrip("\n").split("\t")
    print(f"- 8 concurrent writers, {'PostgreSQL' if b == 'pg' else 'SQLite'}: {what}, {rate}")
PY
