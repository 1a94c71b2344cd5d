#!/usr/bin/env bash
# `tresor run -- true` at 10, 1,000 and 10,000 secrets, against the floor (SQLite read + exec,
# no crypto: bench/floor_vault.c) and three peers that install from registries:
# envio (crates.io), dotenvx (npm) and `age -d` behind a shell wrapper (Debian). Also the peak
# RSS of each at 10,000. See bench/README.md, "run against the floor and the peers".
#
# Usage: bench/run_exec.sh
#
# Knobs (environment variables, all optional; more in bench/lib.sh):
#   BENCH_SIZES="10 1000 10000"  sizes
#   BENCH_ROUNDS=3               rounds; each round is ONE hyperfine invocation holding every
#                                tool at every size, in an order rotated from round to round
#   BENCH_PEERS="floor envio dotenvx age"  which of them to measure next to tresor
#   BENCH_MIN_RUNS=5 BENCH_MAX_RUNS=60     timed runs per command and round (hyperfine runs
#                                each command for 3 s within these bounds; 1 warm-up run)
#   BENCH_RSS_RUNS=10            runs of /usr/bin/time -f %M per tresor command (peers: 3)
#   BENCH_SEPARATE="dotenvx@10000"  commands too slow for the rounds (one dotenvx run at
#                                10,000 takes minutes: it decrypts each value with its own
#                                ECIES/secp256k1 operation in JavaScript): timed on their own
#                                afterwards, BENCH_SEPARATE_RUNS=1 run, no warm-up, no RSS
#   BENCH_FLOOR_SRC=PATH         floor_vault.c (default: bench/floor_vault.c)
#
# Missing tools are installed: libsqlite3-dev, age and time with apt-get, envio with
# `cargo install envio --locked` (several minutes of compiling), dotenvx with
# `npm install -g @dotenvx/dotenvx`. A peer that cannot be installed or set up is skipped and
# the reason written to skipped.txt. Results: bench/results/REV/exec/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SIZES=${BENCH_SIZES:-10 1000 10000}
ROUNDS=${BENCH_ROUNDS:-3}
PEERS=${BENCH_PEERS:-floor envio dotenvx age}
RSS_RUNS=${BENCH_RSS_RUNS:-10}
SEPARATE=${BENCH_SEPARATE-dotenvx@10000}
separate() { case " $SEPARATE " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
FLOOR_SRC=${BENCH_FLOOR_SRC:-$ROOT/bench/floor_vault.c}
LARGEST=${SIZES##* }

need_hyperfine
bench_build exec bench_fill
bench_env
TRESOR=$(fresh_copy "$TRESOR" tresor)
write_meta bench/run_exec.sh

skip() {   # skip PEER REASON
    echo "$1: $2" >>"$RESULTS/skipped.txt"
    log "skipping $1: $2"
    PEERS=$(echo " $PEERS " | sed "s/ $1 / /; s/^ //; s/ $//")
}
has() { case " $PEERS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
APT_UPDATED=0
apt_install() {
    if [ "$APT_UPDATED" = 0 ]; then apt-get update >&2 && APT_UPDATED=1; fi
    apt-get install -y "$@" >&2
}

# ---- the same N secrets as plaintext dotenv, for the floor and the peers -------------------
# Names KEY_000000…, values 40 random hex characters: the shape bench_fill gives tresor's vaults.
# Each smaller file is the head of the largest (envio's profiles below rely on it).
python3 -c '
import secrets, sys
n = int(sys.argv[1])
sys.stdout.write("".join(f"KEY_{i:06d}={secrets.token_hex(20)}\n" for i in range(n)))
' "$LARGEST" >"$WORK/plain-all.env"
for n in $SIZES; do head -n "$n" "$WORK/plain-all.env" >"$WORK/plain$n.env"; done

# ---- tresor: the same values, through `tresor import` --------------------------------------
for n in $SIZES; do
    log "tresor vault with $n secrets (tresor import)"
    "$TRESOR" -q init --no-passphrase --recipient "$RECIPIENT" --vault "$WORK/v$n.db"
    "$TRESOR" -q import "$WORK/plain$n.env" --vault "$WORK/v$n.db" --identity "$ID"
done

# ---- the floor ----------------------------------------------------------------------------
if has floor; then
    log "floor: compiling $FLOOR_SRC"
    if [ ! -f /usr/include/sqlite3.h ]; then apt_install libsqlite3-dev || true; fi
    if ! cc -O2 -o "$WORK/floor_vault" "$FLOOR_SRC" -lsqlite3; then
        skip floor "cc -O2 -o floor_vault $FLOOR_SRC -lsqlite3 failed"
    fi
fi
if has floor; then
    for n in $SIZES; do
        # A plain SQLite table secrets(env, name, value): N rows of 40-hex-character values.
        python3 - "$WORK/floor$n.db" "$WORK/plain$n.env" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("CREATE TABLE secrets(env TEXT, name TEXT, value)")
rows = [("dev",) + tuple(line.rstrip("\n").split("=", 1)) for line in open(sys.argv[2])]
db.executemany("INSERT INTO secrets VALUES (?, ?, ?)", rows)
db.commit()
PY
    done
fi

# ---- envio (crates.io): one profile per size, symmetric cipher, key in ENVIO_KEY ------------
if has envio && ! command -v envio >/dev/null 2>&1; then
    log "installing envio (cargo install envio --locked; compiling takes several minutes)"
    cargo install envio --locked >&2 || skip envio "cargo install envio --locked failed"
fi
if has envio; then
    log "envio: profiles"
    # Profiles live in ./.envio/ of the current folder, so hyperfine runs from $WORK/envio.
    # `envio create -k symmetric` draws a new key for each profile and prints it, and
    # `envio run` takes one key from ENVIO_KEY: so the first profile (KEY_000000..009) is made
    # with `create -e`, and the others are copies of it grown with `envio set` under the same key.
    # Values go through argv (`-e`/`set` KEY=VALUE), the only non-interactive way in: envio
    # 0.8's `--from-file` always asks which variables to keep.
    mkdir -p "$WORK/envio" "$XDG_CACHE_HOME/envio"
    # Every release build of envio checks GitHub for a newer version unless its cache (in
    # XDG_CACHE_HOME, postcard: version string, then an RFC 3339 time) says it did within 7
    # days. This machine reaches no such host, so the cache is seeded: "0.8.0", checked now.
    python3 -c '
import sys, datetime
v = b"0.8.0"
t = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
sys.stdout.buffer.write(bytes([len(v)]) + v + bytes([len(t)]) + t)' >"$XDG_CACHE_HOME/envio/cache.bin"
    (
        cd "$WORK/envio"
        envio init >/dev/null
        first=${SIZES%% *}
        mapfile -t kv <"$WORK/plain$first.env"
        out=$(envio create "p$first" -k symmetric -e "${kv[@]}" </dev/null 2>&1)
        key=$(printf '%s\n' "$out" | sed -n 's/.*Generated Symmetric Key: *//p' |
            sed 's/\x1b\[[0-9;]*m//g' | tr -d ' \r')
        [ -n "$key" ] || { printf '%s\n' "$out" >&2; exit 1; }
        printf '%s' "$key" >"$WORK/envio.key"
        for n in $SIZES; do
            [ "$n" = "$first" ] && continue
            cp ".envio/profiles/p$first.envio" ".envio/profiles/p$n.envio"
            # The first profile's variables are KEY_000000.., the first lines of every plain file.
            tail -n +"$((first + 1))" "$WORK/plain$n.env" >"$WORK/envio-rest.env"
            mapfile -t kv <"$WORK/envio-rest.env"
            ENVIO_KEY=$key envio set "p$n" "${kv[@]}" </dev/null >/dev/null
        done
    ) || skip envio "setting up the profiles failed (output above)"
fi
if has envio; then
    ENVIO_KEY=$(cat "$WORK/envio.key")
    export ENVIO_KEY
    ENVIO=$(fresh_copy "$(command -v envio)" envio)
fi

# ---- dotenvx (npm): an encrypted .env per size, one key pair, private key in DOTENV_PRIVATE_KEY
if has dotenvx && ! command -v dotenvx >/dev/null 2>&1; then
    log "installing dotenvx (npm install -g @dotenvx/dotenvx)"
    npm install -g @dotenvx/dotenvx >&2 || skip dotenvx "npm install -g @dotenvx/dotenvx failed"
fi
if has dotenvx; then
    log "dotenvx: encrypting the .env files"
    (
        # The first `encrypt` mints the key pair, in .env.keys of the CURRENT folder (not the
        # file's), hence the cd. The other files name that public key in their first line, so
        # `encrypt` uses it and makes no new pair.
        mkdir -p "$WORK/dotenvx/mint"
        cd "$WORK/dotenvx/mint"
        printf 'MINT=1\n' >.env
        dotenvx encrypt -f .env >&2
        pub=$(sed -n 's/^DOTENV_PUBLIC_KEY="\(.*\)"$/\1/p' .env)
        sed -n 's/^DOTENV_PRIVATE_KEY=//p' .env.keys >"$WORK/dotenvx.key"
        [ -n "$pub" ] && [ -s "$WORK/dotenvx.key" ] || { echo "no dotenvx key pair" >&2; exit 1; }
        for n in $SIZES; do
            mkdir -p "$WORK/dotenvx/$n"
            cd "$WORK/dotenvx/$n"
            { printf 'DOTENV_PUBLIC_KEY="%s"\n' "$pub"; cat "$WORK/plain$n.env"; } >.env
            DOTENV_PRIVATE_KEY=$(cat "$WORK/dotenvx.key") dotenvx encrypt -f .env >&2
            if [ -e .env.keys ] || ! grep -q '^KEY_000000=encrypted:' .env; then
                echo "dotenvx did not encrypt $WORK/dotenvx/$n/.env with the minted key" >&2
                exit 1
            fi
        done
    ) || skip dotenvx "encrypting the .env files failed (output above)"
fi
if has dotenvx; then
    DOTENV_PRIVATE_KEY=$(cat "$WORK/dotenvx.key")
    export DOTENV_PRIVATE_KEY
fi

# ---- age (Debian): an age-encrypted dotenv per size, decrypted and eval'ed by sh ------------
if has age && ! command -v age >/dev/null 2>&1; then
    apt_install age || skip age "apt-get install age failed"
fi
if has age; then
    log "age: encrypting the dotenv files"
    age-keygen -o "$WORK/age-key.txt" 2>/dev/null
    agepub=$(age-keygen -y "$WORK/age-key.txt")
    for n in $SIZES; do
        age -r "$agepub" -o "$WORK/env$n.age" "$WORK/plain$n.env"
    done
fi

command -v /usr/bin/time >/dev/null 2>&1 || apt_install time

# ---- the commands -------------------------------------------------------------------------
# cmd_TOOL N [PROGRAM]: the command line (hyperfine -N splits it like a shell would, quotes
# included). PROGRAM (default `true`) lets the check below run something that counts.
cmd_tresor() { echo "$TRESOR run --vault $WORK/v$1.db --identity $ID -- ${2:-true}"; }
cmd_floor() { echo "$WORK/floor_vault $WORK/floor$1.db dev ${2:-/bin/true}"; }
cmd_envio() { echo "$ENVIO run p$1 -- ${2:-true}"; }
cmd_dotenvx() { echo "$(command -v dotenvx) run -f $WORK/dotenvx/$1/.env -- ${2:-true}"; }
cmd_age() {
    if [ -n "${2:-}" ]; then
        echo "sh -c 'set -a; eval \"\$(age -d -i $WORK/age-key.txt $WORK/env$1.age)\"; exec $2'"
    else
        echo "sh -c 'set -a; eval \"\$(age -d -i $WORK/age-key.txt $WORK/env$1.age)\"; exec true'"
    fi
}
TOOLS="tresor $PEERS"

short() {
    sed -e "s|$TRESOR|tresor|g" -e "s|$WORK/bin/||g" -e "s|$WORK/||g" -e "s|$(dirname "$(command -v age || echo /x/age)")/||g" \
        -e "s|/usr/local/bin/||g" -e "s|$HOME/.cargo/bin/||g"
}

# Every command must inject exactly the N variables with their values: checked with a child
# that prints a checksum of its KEY_* variables, to compare with the plaintext file's.
cd "$WORK/envio" 2>/dev/null || cd "$WORK"
printf '#!/bin/sh\nenv | grep "^KEY_" | LC_ALL=C sort | md5sum\n' >"$WORK/sum.sh"
chmod +x "$WORK/sum.sh"
for tool in $TOOLS; do
    for n in $SIZES; do
        if [ "$tool" = floor ]; then
            # floor_vault prints the hex of a value's first 20 bytes: of the 40 characters' text.
            want=$(python3 -c '
import sys
for line in open(sys.argv[1]):
    k, v = line.rstrip("\n").split("=", 1)
    print(k + "=" + v[:20].encode().hex())' "$WORK/plain$n.env" | LC_ALL=C sort | md5sum)
        else
            want=$(LC_ALL=C sort "$WORK/plain$n.env" | md5sum)
        fi
        got=$(eval "$(cmd_"$tool" "$n" "$WORK/sum.sh")" 2>/dev/null || true)
        if [ "$got" != "$want" ]; then
            echo "bench/run_exec.sh: $tool at $n did not inject the $n values (checksum ${got:-none})" >&2
            exit 1
        fi
        printf '%s@%s\t%s\n' "$tool" "$n" "$(cmd_"$tool" "$n" | short)" >>"$RESULTS/commands.txt"
    done
done
log "every command injects the N values (checksums match)"

# ---- timing -------------------------------------------------------------------------------
HF=(hyperfine -N --warmup 1 --style basic --min-runs "${BENCH_MIN_RUNS:-5}"
    --max-runs "${BENCH_MAX_RUNS:-60}")
read -r -a tools <<<"$TOOLS"
for round in $(seq 1 "$ROUNDS"); do
    # Rotate the tools' order from round to round, so none always runs first or last.
    k=$(((round - 1) % ${#tools[@]}))
    order=("${tools[@]:$k}" "${tools[@]:0:$k}")
    cmds=()
    for n in $SIZES; do
        for tool in "${order[@]}"; do
            separate "$tool@$n" || cmds+=(-n "$tool@$n" "$(cmd_"$tool" "$n")")
        done
    done
    log "run -- true, round $round of $ROUNDS: ${order[*]}"
    wait_quiet "exec/$round"
    "${HF[@]}" --export-json "$RESULTS/exec-$round.json" "${cmds[@]}"
done
for name in $SEPARATE; do
    tool=${name%@*} n=${name#*@}
    has "$tool" || [ "$tool" = tresor ] || continue
    case " $SIZES " in *" $n "*) ;; *) continue ;; esac
    log "$name on its own: ${BENCH_SEPARATE_RUNS:-1} run(s)"
    wait_quiet "exec/$name"
    hyperfine -N --style basic --runs "${BENCH_SEPARATE_RUNS:-1}" \
        --export-json "$RESULTS/exec-separate-$tool-$n.json" -n "$name" "$(cmd_"$tool" "$n")"
done

# ---- peak RSS -----------------------------------------------------------------------------
log "peak RSS, $RSS_RUNS runs each"
wait_quiet "rss"
rss_of() {   # rss_of NAME COMMAND-LINE RUNS: one line "NAME KiB KiB ..." in rss.txt
    local name=$1 line=() i out
    eval "line=($2)"
    out=$name
    for i in $(seq 1 "$3"); do
        out="$out $(/usr/bin/time -f %M "${line[@]}" 2>&1 >/dev/null | tail -n 1)"
    done
    echo "$out" >>"$RESULTS/rss.txt"
}
for n in $SIZES; do rss_of "tresor@$n" "$(cmd_tresor "$n")" "$RSS_RUNS"; done
for tool in $PEERS; do
    separate "$tool@$LARGEST" && continue   # minutes per run: not worth it
    rss_of "$tool@$LARGEST" "$(cmd_"$tool" "$LARGEST")" 3
done

python3 "$ROOT/bench/report.py" exec "$RESULTS"
