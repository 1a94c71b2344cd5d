#!/usr/bin/env bash
# Benchmark of the `scan` engine (src/scan/) against ripgrep and the secret scanners that the
# package registries offer. See bench/scan/README.md for the results and how to read them.
#
# Usage: bench/scan/run.sh
#
# Knobs (environment variables, all optional):
#   SCAN_BENCH_DIR=DIR      where the tree, the tools and the results go
#                           (default: ${TMPDIR:-/tmp}/tresor-scan-bench; about 250 MB)
#   SCAN_BENCH_MB=200       size of the generated tree's text, in MB
#   SCAN_BENCH_RUNS=5       timed runs of each fast command (after one warm-up run)
#   SCAN_BENCH_SLOW_RUNS=1  timed runs of ripsecrets, trufflehog3 and detect-secrets, which take
#                           minutes each on the full tree (detect-secrets about 15)
#   SCAN_BENCH_SKIP="detect-secrets trufflehog3"   scanners to leave out
#   SCAN_BENCH_MAX_BUSY=25  before each group, wait until the machine's CPU use (all processes,
#                           over 2 s) is under this percentage, for at most
#   SCAN_BENCH_QUIET_WAIT=120  seconds; then measure anyway (the load is recorded)
#
# Installs what is missing: hyperfine and ripgrep (apt), ripsecrets (cargo install, several
# minutes of compiling), detect-secrets and trufflehog3 (pip, in a venv under SCAN_BENCH_DIR).
# Writes hyperfine's JSON exports and summary.md to SCAN_BENCH_DIR/results and prints the
# summary.
set -euo pipefail

# cargo_executable, busy_pct and log (it also moves to the repository's root and sets ROOT);
# this script has its own wait_quiet, with its own limits.
source "$(dirname "$0")/../lib.sh"
WORK=${SCAN_BENCH_DIR:-${TMPDIR:-/tmp}/tresor-scan-bench}
MB=${SCAN_BENCH_MB:-200}
RUNS=${SCAN_BENCH_RUNS:-5}
SLOW_RUNS=${SCAN_BENCH_SLOW_RUNS:-1}
SKIP=" ${SCAN_BENCH_SKIP:-} "
RESULTS=$WORK/results
STARTED=$(date -u +%Y-%m-%dT%H:%MZ)
mkdir -p "$WORK" "$RESULTS"
: >"$RESULTS/load.txt"
rm -f "$RESULTS/fast.json" "$RESULTS/slow.json"

skipped() { [[ $SKIP == *" $1 "* ]]; }

wait_quiet() {
    local waited=0 busy
    while :; do
        busy=$(busy_pct)
        if ((busy < ${SCAN_BENCH_MAX_BUSY:-25})) || ((waited >= ${SCAN_BENCH_QUIET_WAIT:-120})); then
            echo "$1: CPU busy ${busy}% before measuring (waited ${waited}s)" | tee -a "$RESULTS/load.txt" >&2
            return
        fi
        sleep 3
        waited=$((waited + 5))
    done
}

# --- tools -------------------------------------------------------------------------------------
APT_UPDATED=
apt_install() {
    command -v "$1" >/dev/null && return
    log "installing $2 (apt)"
    [[ -n $APT_UPDATED ]] || { apt-get update -q >&2; APT_UPDATED=1; }
    apt-get install -y -q "$2" >&2
}
apt_install hyperfine hyperfine
apt_install rg ripgrep

export PATH=$WORK/cargo-root/bin:$WORK/venv/bin:$PATH
if ! skipped ripsecrets && ! command -v ripsecrets >/dev/null; then
    log "installing ripsecrets (cargo install; compiles for a few minutes)"
    cargo install ripsecrets --locked --root "$WORK/cargo-root" >&2
fi
if { ! skipped detect-secrets && ! command -v detect-secrets >/dev/null; } ||
    { ! skipped trufflehog3 && ! command -v trufflehog3 >/dev/null; }; then
    log "installing detect-secrets and trufflehog3 (pip, in $WORK/venv)"
    [[ -x $WORK/venv/bin/pip ]] || python3 -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install -q detect-secrets trufflehog3 >&2
fi

log "building the engine (cargo build --release --example bench_scan)"
bench_scan=$(cargo_executable bench_scan --locked --release --example bench_scan)
mkdir -p "$WORK/bin"
# A copy, so that concurrent builds in target/ cannot change what is measured.
cp "$bench_scan" "$WORK/bin/bench_scan"

# --- data --------------------------------------------------------------------------------------
if [[ ! -f $WORK/tree.mb || $(cat "$WORK/tree.mb") != "$MB" ]]; then
    log "generating a ${MB} MB tree in $WORK/tree"
    rm -rf "$WORK/tree"
    python3 "$ROOT/bench/scan/gen_tree.py" "$WORK" "$MB"
    echo "$MB" >"$WORK/tree.mb"
fi
TREE=$WORK/tree
ENGINE="$WORK/bin/bench_scan $WORK/needles.txt $TREE"
: >"$WORK/no-values.txt"
RULES_ONLY="$WORK/bin/bench_scan $WORK/no-values.txt $TREE"

log "checking that the engine finds what was planted"
summary=$($ENGINE 2>&1 >/dev/null)
echo "$summary" >&2
found=$(sed -n 's/^findings=[0-9]* secrets=\([0-9]*\).*/\1/p' <<<"$summary")
if [[ $found != "$(cat "$WORK/expected.txt")" ]]; then
    echo "engine found $found vault values, expected $(cat "$WORK/expected.txt")" >&2
    exit 1
fi
echo "$summary" >"$RESULTS/engine.txt"
$RULES_ONLY 2>"$RESULTS/rules-only.txt" >/dev/null
cat "$RESULTS/rules-only.txt" >&2

# --- timings -----------------------------------------------------------------------------------
# Same file set for every tool where it can be said: hidden files included, .gitignore honoured
# outside a git repository, binary files skipped.
RG="rg -F -c --hidden --no-require-git"
log "fast group: the engine and ripgrep ($RUNS runs each)"
wait_quiet fast
hyperfine --warmup 1 --runs "$RUNS" --ignore-failure --style basic \
    --export-json "$RESULTS/fast.json" \
    -n "tresor scan engine" "$ENGINE" \
    -n "tresor scan engine, --no-patterns" "$ENGINE --no-patterns" \
    -n "tresor scan engine, key-format rules only" "$RULES_ONLY" \
    -n "rg -F, same $(wc -l <"$WORK/forms.txt") fixed strings" "$RG -f $WORK/forms.txt $TREE" \
    -n "rg -F, 1000 raw values only" "$RG -f $WORK/raw.txt $TREE" >&2

slow=()
skipped ripsecrets || slow+=(-n "ripsecrets" "ripsecrets $TREE")
skipped trufflehog3 || slow+=(-n "trufflehog3 --no-history" "trufflehog3 --no-history -z $TREE")
skipped detect-secrets || slow+=(-n "detect-secrets scan --all-files" "cd $TREE && detect-secrets scan --all-files .")
if ((${#slow[@]})); then
    log "slow group: the scanners ($SLOW_RUNS run each, no warm-up; the tree is in the page cache)"
    wait_quiet slow
    hyperfine --runs "$SLOW_RUNS" --ignore-failure --style basic --output null \
        --export-json "$RESULTS/slow.json" "${slow[@]}" >&2
fi

# --- summary -----------------------------------------------------------------------------------
{
    echo "started: $STARTED; ended: $(date -u +%Y-%m-%dT%H:%MZ); tree: $(cat "$WORK/tree.mb") MB of text, $(cat "$RESULTS/engine.txt")"
    echo "machine: $(nproc) cores; $(tr '\n' ';' <"$RESULTS/load.txt") load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "tresor: $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" status --porcelain -- src/scan | grep -q . && echo ', src/scan/ modified')"
    echo "versions: $(rg --version | head -1); $(hyperfine --version)$(command -v ripsecrets >/dev/null && echo "; $(ripsecrets --version)")$(command -v trufflehog3 >/dev/null && echo "; trufflehog3 $(trufflehog3 --version 2>&1 | tail -1)")$(command -v detect-secrets >/dev/null && echo "; detect-secrets $(detect-secrets --version)")"
    echo
    python3 - "$RESULTS" <<'EOF'
import json, os, sys
rows = []
for name in ("fast.json", "slow.json"):
    p = os.path.join(sys.argv[1], name)
    if os.path.exists(p):
        rows += json.load(open(p))["results"]
base = rows[0]["median"]
print("| command | runs | median (s) | user (s) | sys (s) | vs engine |")
print("|---|---:|---:|---:|---:|---:|")
for r in rows:
    print(f"| {r['command']} | {len(r['times'])} | {r['median']:.3f} | {r['user']:.3f} | {r['system']:.3f} | {r['median'] / base:.2f}x |")
EOF
} | tee "$RESULTS/summary.md"
