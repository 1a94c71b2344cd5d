# Shared by bench/run.sh, bench/run_exec.sh and bench/run_agent.sh (sourced, not run): what to
# build, a private environment for tresor, waiting for a quiet machine, and the vaults.
#
# Knobs common to every script (environment variables, all optional):
#   BENCH_REV=HEAD          the revision to measure: `git archive` of it is unpacked into
#                           $BENCH_SRC_DIR/src-REV (default /tmp/tresor-bench, outside the
#                           repository so that its cargo config does not apply) and built
#                           there (target dir bench/work/target), so edits in the working
#                           tree during a run cannot leak in.
#                           BENCH_REV=worktree builds the working tree as it is instead.
#   BENCH_MAX_BUSY=20       before each round, wait until the machine's CPU use (all processes,
#                           sampled over 2 s) is under this percentage...
#   BENCH_MAX_LOAD=1.0      ...and the 1-minute load average (`uptime`) is under this...
#   BENCH_QUIET_WAIT=120    ...for at most this many seconds per round...
#   BENCH_QUIET_BUDGET=600  ...and this many seconds per script; then measure anyway (recorded)
#   BENCH_KEEP=1            keep the temporary vaults under bench/work/ afterwards
#
# Results go to bench/results/LABEL/SUITE/ (gitignored), LABEL being the short revision
# (with "+worktree" when the working tree was built).

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
QUIET_LEFT=${BENCH_QUIET_BUDGET:-600}

log() { printf '\n== %s\n' "$*" >&2; }

# CPU use of the whole machine over 2 s, in percent (from /proc/stat).
busy_pct() {
    local a b c d e f g h t1 i1 t2 i2
    read -r _ a b c d e f g h _ </proc/stat
    t1=$((a + b + c + d + e + f + g + h)); i1=$((d + e))
    sleep 2
    read -r _ a b c d e f g h _ </proc/stat
    t2=$((a + b + c + d + e + f + g + h)); i2=$((d + e))
    echo $((100 - 100 * (i2 - i1) / (t2 > t1 ? t2 - t1 : 1)))
}

load1() { cut -d' ' -f1 /proc/loadavg; }

# True when the 1-minute load average is at or above the limit.
load_high() { awk -v l="$(load1)" -v m="${BENCH_MAX_LOAD:-1.0}" 'BEGIN { exit !(l >= m) }'; }

# The machine is shared: wait (within limits) for other work to calm down, and record how busy
# it was when each round started: "LABEL BUSY% LOAD1" lines in $RESULTS/load.txt.
wait_quiet() {   # wait_quiet LABEL
    local max=${BENCH_MAX_BUSY:-20} limit=${BENCH_QUIET_WAIT:-120} start=$SECONDS b
    b=$(busy_pct)
    while { [ "$b" -gt "$max" ] || load_high; } && [ $((SECONDS - start)) -lt "$limit" ] &&
        [ $((SECONDS - start)) -lt "$QUIET_LEFT" ]; do
        echo "   machine ${b}% busy, load $(load1); waiting for < ${max}% and < ${BENCH_MAX_LOAD:-1.0}" >&2
        sleep 5
        b=$(busy_pct)
    done
    QUIET_LEFT=$((QUIET_LEFT - (SECONDS - start)))
    if [ "$QUIET_LEFT" -lt 0 ]; then QUIET_LEFT=0; fi
    if [ "$b" -gt "$max" ] || load_high; then
        echo "   WARNING: machine still ${b}% busy, load $(load1); measuring anyway" >&2
    fi
    echo "$1 $b $(load1)" >>"$RESULTS/load.txt"
}

need_hyperfine() {
    if ! command -v hyperfine >/dev/null 2>&1; then
        log "installing hyperfine"
        apt-get update && apt-get install -y hyperfine
    fi
    command -v python3 >/dev/null 2>&1 || { echo "bench: python3 is needed" >&2; exit 1; }
}

# cargo_executable NAME CARGO_BUILD_ARGS...: runs `cargo build CARGO_BUILD_ARGS...` in the current
# folder and prints the path of the executable NAME it built, which cargo reports: the project's
# cargo config names an explicit target (a static build), so binaries lie under
# target/x86_64-unknown-linux-musl/release (target/x86_64-unknown-linux-gnu/release for
# revisions before f4afb4b, target/release before the static build).
cargo_executable() {
    local name=$1 exe
    shift
    exe=$(cargo build "$@" --message-format=json-render-diagnostics |
        python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == sys.argv[1] and m.get("executable"):
        print(m["executable"])' "$name")
    [ -x "$exe" ] || { echo "bench: the build in $PWD made no executable $name" >&2; exit 1; }
    printf '%s\n' "$exe"
}

# cargo_build_tresor SRC TARGET_DIR CARGO_ARGS...: a release build of tresor (and the examples
# named in the arguments) in SRC; prints the binary's path.
cargo_build_tresor() {
    local src=$1 target=$2
    shift 2
    (cd "$src" && CARGO_TARGET_DIR=$target cargo_executable tresor --locked --release --bin tresor "$@")
}

# bench_build SUITE EXAMPLE...: builds tresor and the named examples (release) and sets
# TRESOR, EXAMPLES (their folder), LABEL and RESULTS (emptied).
bench_build() {
    local suite=$1 rev src target ex args=()
    shift
    for ex in "$@"; do args+=(--example "$ex"); done
    if [ "${BENCH_REV:-HEAD}" = worktree ]; then
        rev=$(git rev-parse --short HEAD)
        LABEL=$rev+worktree
        log "building the working tree (release): tresor $*"
        TRESOR=$(cargo_build_tresor "$ROOT" "$ROOT/target" "${args[@]}")
    else
        rev=$(git rev-parse --short "${BENCH_REV:-HEAD}")
        LABEL=$rev
        # Outside the repository: cargo merges the .cargo/config.toml of every folder above
        # the one it builds in, so a revision unpacked under bench/work would be built with the
        # working tree's settings too (a static build for a revision that had none).
        src=${BENCH_SRC_DIR:-${TMPDIR:-/tmp}/tresor-bench}/src-$rev
        if [ ! -f "$src/Cargo.toml" ]; then
            log "unpacking $rev into $src"
            rm -rf "$src"
            mkdir -p "$src"
            git archive "$rev" | tar -x -C "$src"
        fi
        # The bench examples are the revision's own when it has them (they use its API);
        # a revision without one gets the working tree's.
        mkdir -p "$src/examples"
        for ex in "$@"; do
            if ! git cat-file -e "$rev:examples/$ex.rs" 2>/dev/null; then
                cp "$ROOT/examples/$ex.rs" "$src/examples/"
            fi
        done
        # Every revision shares one target folder (the dependencies are built once), and
        # cargo tells a crate's builds apart by its sources' mtimes relative to its package
        # folder, not by the folder: `git archive` dates the files at the commit, so a
        # revision built after another, or again after one, was taken for fresh and kept
        # the other's binary (seen here: a "before/after" of one binary). Dating the
        # sources now rebuilds tresor itself every time, about two minutes.
        find "$src" -name '*.rs' -exec touch {} +
        log "building $rev from $src (release): tresor $*"
        target=$ROOT/bench/work/target
        TRESOR=$(cargo_build_tresor "$src" "$target" "${args[@]}")
    fi
    EXAMPLES=$(dirname "$TRESOR")/examples
    RESULTS=$ROOT/bench/results/$LABEL/$suite
    mkdir -p "$RESULTS"
    rm -f "$RESULTS"/*.json "$RESULTS"/*.txt "$RESULTS"/summary.md "$RESULTS"/meta.json
}

# fresh_copy PATH NAME: copies the executable PATH to $WORK/bin/NAME and prints the copy's
# path. Every measured program runs from a copy made just before the measurement: on this
# machine a binary written minutes or hours earlier starts measurably slower than a fresh copy
# of the same bytes (the page cache's cold pages are reclaimed and come back differently:
# 3.56 against 3.19 ms for one `run` at 10, interleaved, bench/README.md "Speed pass 3"), so a
# tool installed long ago would be judged against a tresor just built.
fresh_copy() {
    mkdir -p "$WORK/bin"
    cp "$1" "$WORK/bin/$2"
    printf '%s\n' "$WORK/bin/$2"
}

# bench_env: a private world for tresor (no user config, vault, state or agent is touched), in
# WORK, removed on exit unless BENCH_KEEP=1. Also makes the age identity ID / RECIPIENT.
bench_env() {
    mkdir -p "$ROOT/bench/work"
    WORK=$(mktemp -d "$ROOT/bench/work/run.XXXXXX")
    # hyperfine -N splits command lines on whitespace: the work folder must not contain any.
    case $WORK in *[[:space:]]*) echo "bench: $WORK contains whitespace" >&2; exit 1 ;; esac
    trap bench_cleanup EXIT
    local v
    for v in TRESOR_VAULT TRESOR_CONFIG TRESOR_ENV TRESOR_IDENTITY TRESOR_IDENTITY_FILE \
        TRESOR_PASSPHRASE TRESOR_PASSPHRASE_FILE TRESOR_NOW TRESOR_VAULT_KEY; do
        unset "$v"
    done
    export XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/data XDG_STATE_HOME=$WORK/state \
        XDG_RUNTIME_DIR=$WORK/runtime XDG_CACHE_HOME=$WORK/cache
    mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_RUNTIME_DIR" \
        "$XDG_CACHE_HOME"
    chmod 700 "$XDG_RUNTIME_DIR"
    ID=$WORK/identity.txt
    RECIPIENT=$("$EXAMPLES/bench_fill" --keygen "$ID")
    PASS=$WORK/passphrase.txt
    printf 'correct horse battery staple\n' >"$PASS"
}

# Scripts may add their own clean-up steps (run before the folder goes) to this array.
CLEANUP=()
bench_cleanup() {
    local c
    for c in "${CLEANUP[@]}"; do eval "$c" || true; done
    if [ "${BENCH_KEEP:-0}" = 1 ]; then
        echo "kept $WORK" >&2
    else
        rm -rf "$WORK"
    fi
}

key_for() { printf 'KEY_%06d' $(($1 / 2)); }   # a secret in the middle of a fill

# make_vault PATH N [passphrase]: a vault with N secrets in `dev` (KEY_000000…, 40 hex chars
# each), unlocked by the identity ID, and also by the passphrase PASS with "passphrase" (default
# KDF). Checked with a `get` so that a broken vault fails here and not inside hyperfine.
make_vault() {
    local path=$1 n=$2
    if [ "${3:-}" = passphrase ]; then
        "$TRESOR" -q init --recipient "$RECIPIENT" --passphrase-file "$PASS" --vault "$path"
    else
        "$TRESOR" -q init --no-passphrase --recipient "$RECIPIENT" --vault "$path"
    fi
    "$EXAMPLES/bench_fill" "$path" "$ID" "$n" 2>&1 | tee -a "$RESULTS/fill.txt" >&2
    "$TRESOR" get "$(key_for "$n")" --vault "$path" --identity "$ID" >/dev/null
}

# write_meta: what was measured, where and when, as $RESULTS/meta.json (read by report.py).
write_meta() {
    local dirty=false
    if [ "${BENCH_REV:-HEAD}" = worktree ] &&
        [ -n "$(git status --porcelain -- src Cargo.toml Cargo.lock 2>/dev/null)" ]; then
        dirty=true
    fi
    python3 - "$RESULTS/meta.json" "$LABEL" "$dirty" "$1" <<PY
import json, sys
path, label, dirty, script = sys.argv[1:5]
json.dump({
    "date": "$(date -u '+%Y-%m-%d %H:%M UTC')",
    "script": script,
    "code": label,
    "uncommitted_src_changes": dirty == "true",
    "machine": "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/ {print $2 " GiB RAM"}'), $(uname -sr)",
    "hyperfine": "$(hyperfine --version | cut -d' ' -f2)",
    "rustc": "$(rustc --version | cut -d' ' -f2)",
}, open(path, "w"), indent=1)
PY
}
