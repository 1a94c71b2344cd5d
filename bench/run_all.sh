#!/usr/bin/env bash
# Every benchmark of bench/README.md in a row, on one revision, then the plot and the one table:
#   bench/run.sh (vault core), bench/run_exec.sh (run vs floor and peers),
#   bench/run_agent.sh (get through the agent), bench/run_startup.sh (process start-up),
#   bench/plot.py, bench/report.py table; with BENCH_BASE=REV also bench/run_ab.sh (`run`
#   of REV and of BENCH_REV, interleaved).
# About 40 minutes on the idle 2-core bench machine, more while it waits for quiet.
# BENCH_REV (default HEAD) is resolved once, so all three measure the same code.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_REV=$(git rev-parse --short "${BENCH_REV:-HEAD}")
export BENCH_REV
bench/run.sh
bench/run_exec.sh
bench/run_agent.sh
bench/run_startup.sh
if [ -n "${BENCH_BASE:-}" ]; then
    bench/run_ab.sh
fi
python3 bench/plot.py "bench/results/$BENCH_REV" bench/latency.png
python3 bench/report.py table "bench/results/$BENCH_REV"/{core,exec,agent} \
    | tee "bench/results/$BENCH_REV/table.md"
