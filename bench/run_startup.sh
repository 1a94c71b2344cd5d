#!/usr/bin/env bash
# Process start-up: `tresor --version` and `tresor get` at 10 secrets, wall time (hyperfine -N
# medians), minor page faults (`/usr/bin/time -f %R`, median of BENCH_RSS_RUNS runs) and what
# the dynamic loader has to relocate (readelf). See bench/README.md, "Start-up".
#
# Usage: bench/run_startup.sh
#
# Knobs (environment variables, all optional; more in bench/lib.sh: BENCH_REV, quiet waits):
#   BENCH_ROUNDS=3        hyperfine rounds (each holds both commands, order rotated)
#   BENCH_RSS_RUNS=20     runs of /usr/bin/time per command for the page-fault median
#
# Results: bench/results/REV/startup/ (hyperfine JSON, faults.txt, relocs.txt, summary.md).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROUNDS=${BENCH_ROUNDS:-3}
FAULT_RUNS=${BENCH_RSS_RUNS:-20}

need_hyperfine
command -v /usr/bin/time >/dev/null 2>&1 || { apt-get update && apt-get install -y time; }
bench_build startup bench_fill
bench_env
write_meta bench/run_startup.sh

log "vault with 10 secrets"
make_vault "$WORK/v10.db" 10

version_cmd="$TRESOR --version"
get_cmd="$TRESOR get $(key_for 10) --vault $WORK/v10.db --identity $ID"

# What the loader does before main: relative relocations (RELA entries, or the RELR table).
{
    echo "binary_bytes $(stat -c %s "$TRESOR")"
    readelf -d "$TRESOR" | awk '/RELACOUNT/ {print "relacount", $3} /\(RELRSZ\)/ {print "relr_bytes", $3}'
    rela=$(readelf -S -W "$TRESOR" | sed -n 's/.*\.rela\.dyn *RELA *[0-9a-f]* [0-9a-f]* \([0-9a-f]*\).*/\1/p')
    [ -n "$rela" ] && echo "rela_dyn_bytes $((16#$rela))"
} | tee "$RESULTS/relocs.txt" >&2

for round in $(seq 1 "$ROUNDS"); do
    wait_quiet "round $round"
    if [ $((round % 2)) = 1 ]; then order=("$version_cmd" "$get_cmd"); else order=("$get_cmd" "$version_cmd"); fi
    hyperfine -N --warmup 5 --min-runs 30 --style basic \
        --export-json "$RESULTS/round$round.json" "${order[@]}" >&2
done

# Minor page faults, median of FAULT_RUNS runs each.
median_faults() {
    local i
    for i in $(seq 1 "$FAULT_RUNS"); do
        /usr/bin/time -f %R "$@" 2>&1 >/dev/null | tail -n 1
    done | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}
{
    echo "version $(median_faults $version_cmd)"
    echo "get10 $(median_faults $get_cmd)"
} | tee "$RESULTS/faults.txt" >&2

python3 - "$RESULTS" "$LABEL" <<'PY' | tee "$RESULTS/summary.md"
import glob, json, statistics, sys
results, label = sys.argv[1:3]
times = {}
for path in sorted(glob.glob(f"{results}/round*.json")):
    for r in json.load(open(path))["results"]:
        key = "version" if r["command"].endswith("--version") else "get10"
        times.setdefault(key, []).extend(r["times"])
faults = dict(line.split() for line in open(f"{results}/faults.txt"))
relocs = dict(line.split() for line in open(f"{results}/relocs.txt"))
print(f"### Start-up, {label}\n")
print("| | median wall | minor page faults (median) |")
print("|---|---:|---:|")
for key, name in [("version", "`tresor --version`"), ("get10", "`tresor get` at 10 secrets")]:
    print(f"| {name} | {statistics.median(times[key]) * 1000:.2f} ms | {faults[key]} |")
print()
print(", ".join(f"{k} {v}" for k, v in relocs.items()))
PY
