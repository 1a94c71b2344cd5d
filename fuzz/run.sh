#!/usr/bin/env bash
# Runs tresor's fuzz targets, each for a fixed number of executions, and fails if any crashes.
#
#   fuzz/run.sh                   every target
#   fuzz/run.sh dotenv_parse ...  the named targets
#
# Environment:
#   RUNS=N         executions per target (default 1000000)
#   SANITIZER=S    cargo fuzz sanitizer: address (default) or none (about twice as fast)
#   FUZZ_ARGS=...  extra libFuzzer flags, e.g. "-max_total_time=600" or "-seed=1"
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`). cargo fuzz passes nightly-only flags
# to rustc; with a stable toolchain RUSTC_BOOTSTRAP=1 lets it accept them (set here).
# Builds go through fuzz/rustc-wrapper.sh (no coverage instrumentation or debug assertions in
# the crypto primitive crates, about 2x faster for the targets that encrypt) into their own
# target directory, fuzz/target/wrapped, so they never mix with plain `cargo fuzz` builds
# (cargo does not rebuild when only RUSTC_WRAPPER changes).
#
# Each target reads the committed seeds in fuzz/seeds/TARGET and grows its own corpus in
# fuzz/corpus/TARGET; crashes go to fuzz/artifacts/TARGET/ and the full libFuzzer output to
# fuzz/artifacts/logs/TARGET.log (all three are git-ignored). A crash input belongs in
# fuzz/regressions/TARGET/, which tests/fuzz_regressions.rs replays.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

export RUSTC_BOOTSTRAP=1
export RUSTC_WRAPPER="$here/rustc-wrapper.sh"
target_dir="$here/target/wrapped"
runs="${RUNS:-1000000}"
sanitizer="${SANITIZER:-address}"
read -r -a extra <<< "${FUZZ_ARGS:-}"

if [ $# -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list)
else
    targets=("$@")
fi

mkdir -p artifacts/logs
for t in "${targets[@]}"; do
    if [ ! -f "fuzz_targets/$t.rs" ]; then
        echo "run.sh: no fuzz target named $t (see: cargo fuzz list)" >&2
        exit 2
    fi
done
echo "== building (sanitizer $sanitizer)"
if ! cargo fuzz build -s "$sanitizer" --target-dir "$target_dir" >artifacts/logs/build.log 2>&1; then
    grep -E "^(error|warning)" -A12 artifacts/logs/build.log | head -60 >&2
    echo "run.sh: the build failed; full output in fuzz/artifacts/logs/build.log" >&2
    exit 2
fi

summary=()
failed=0
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "seeds/$t" "artifacts/$t"
    log="artifacts/logs/$t.log"
    echo "== $t: $runs runs (sanitizer $sanitizer); log in fuzz/$log"
    start=$(date +%s)
    set +e
    cargo fuzz run -s "$sanitizer" --target-dir "$target_dir" "$t" "corpus/$t" "seeds/$t" -- \
        -runs="$runs" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
        "${extra[@]}" >"$log" 2>&1
    rc=$?
    set -e
    secs=$(( $(date +%s) - start ))
    done_runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
    if [ $rc -eq 0 ]; then
        result="ok"
    else
        result="FAILED (exit $rc)"
        failed=1
        grep -E "panicked at|ERROR: libFuzzer|ERROR: AddressSanitizer|SUMMARY|Test unit written|Base64" "$log" | head -20 >&2 || true
        tail -5 "$log" >&2
    fi
    line=$(printf '%-20s %10s runs %6ss  %s' "$t" "${done_runs:-?}" "$secs" "$result")
    echo "$line"
    summary+=("$line")
done

echo
echo "== summary"
printf '%s\n' "${summary[@]}"
exit $failed
