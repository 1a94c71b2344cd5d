#!/usr/bin/env bash
# Two builds of tresor compared on `run -- true` (and `list`, with BENCH_AB_COMMANDS), their
# runs interleaved: each round runs every
# binary once, in a random order, so that the machine's drift (this machine is shared, and its
# speed moves by 5-10 % within minutes) reaches both alike. hyperfine runs one command's runs
# in a block, then the next's, so a difference of a few percent between two builds is within
# its noise; this is how the changes of "Speed pass 3" in bench/README.md were judged.
#
#   BENCH_BASE=b59bf53 BENCH_REV=HEAD bench/run_ab.sh
#
# Knobs (environment variables, all optional; see bench/lib.sh for the common ones):
#   BENCH_BASE=HEAD~1        the revision to compare against (built like BENCH_REV)
#   BENCH_SIZES="10 1000"    secrets in the vault
#   BENCH_AB_ROUNDS=300      rounds per size (each round: one run of each build and command)
#   BENCH_AB_COMMANDS=run    `run` (`run -- true`) and/or `list`, measured in the same rounds
#
# Prints, per size, each build's median and 25th percentile in ms and its ratio to the base.
# Results: bench/results/LABEL/ab/ (times.json, summary.md).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
set -euo pipefail

SIZES=${BENCH_SIZES:-10 1000}
ROUNDS=${BENCH_AB_ROUNDS:-300}
COMMANDS=${BENCH_AB_COMMANDS:-run}
command -v python3 >/dev/null 2>&1 || { echo "bench: python3 is needed" >&2; exit 1; }

REV=${BENCH_REV:-HEAD}
BENCH_REV=${BENCH_BASE:-HEAD~1} bench_build ab bench_fill
# Both revisions build into one target folder, where cargo puts every build's binary at the
# same path: the base's is copied aside before the other build replaces it.
BASE_LABEL=$LABEL
BASE_BIN=$ROOT/bench/work/tresor-$BASE_LABEL
mkdir -p "$ROOT/bench/work"
cp "$TRESOR" "$BASE_BIN"
BENCH_REV=$REV bench_build ab bench_fill
bench_env
# Both from fresh copies, made at the same moment (see fresh_copy in lib.sh).
BASE_BIN=$(fresh_copy "$BASE_BIN" "tresor-$BASE_LABEL")
TRESOR=$(fresh_copy "$TRESOR" "tresor-$LABEL")

for n in $SIZES; do
    make_vault "$WORK/v$n.db" "$n"
done

wait_quiet ab
python3 - "$RESULTS" "$ROUNDS" "$WORK" "$ID" "$BASE_LABEL" "$BASE_BIN" "$LABEL" "$TRESOR" \
    "$COMMANDS" $SIZES <<'PY'
import json, os, random, statistics, sys, time

results, rounds, work, ident = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
builds = [(sys.argv[5], sys.argv[6]), (sys.argv[7], sys.argv[8])]
commands = sys.argv[9].split()
sizes = sys.argv[10:]
devnull = os.open(os.devnull, os.O_WRONLY)
ARGS = {"run": ["run"], "list": ["list"]}
TAIL = {"run": ["--", "true"], "list": []}


def once(binary, command, n):
    argv = [binary, *ARGS[command], "--vault", f"{work}/v{n}.db", "--identity", ident,
            *TAIL[command]]
    start = time.perf_counter_ns()
    pid = os.posix_spawn(binary, argv, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1)])
    _, status = os.waitpid(pid, 0)
    took = (time.perf_counter_ns() - start) / 1e6
    if status != 0:
        sys.exit(f"bench: {binary} {command} at {n} secrets failed ({status})")
    return took


times = {}
lines = [
    "| secrets | command | build | median ms | p25 ms | ÷ base |",
    "|---:|---|---|---:|---:|---:|",
]
for n in sizes:
    runs = [(c, label, binary) for c in commands for label, binary in builds]
    for c, _, binary in runs:
        for _ in range(5):  # warm the page cache and the vault's WAL
            once(binary, c, n)
    t = {(c, label): [] for c, label, _ in runs}
    for _ in range(rounds):
        random.shuffle(runs)
        for c, label, binary in runs:
            t[(c, label)].append(once(binary, c, n))
    times[n] = {f"{c} {label}": v for (c, label), v in t.items()}
    for c in commands:
        base = statistics.median(t[(c, builds[0][0])])
        for label, _ in builds:
            m = statistics.median(t[(c, label)])
            p25 = statistics.quantiles(t[(c, label)], n=4)[0]
            lines.append(f"| {n} | {c} | {label} | {m:.3f} | {p25:.3f} | {m / base:.3f} |")
with open(f"{results}/times.json", "w") as f:
    json.dump(times, f)
with open(f"{results}/summary.md", "w") as f:
    f.write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
