#!/usr/bin/env bash
# The long crash-consistency run: 1,000 SIGKILLs (or $1) at random moments of mutating commands,
# with the vault checked after each one (tests/cli/crash.rs). Each long run draws a new seed
# (the CI test always uses the same one); it is printed: pass it as $2 (or set
# TRESOR_CRASH_SEED) to repeat a run.
set -euo pipefail
cd "$(dirname "$0")/.."
export TRESOR_CRASH_ITERATIONS="${1:-1000}"
export TRESOR_CRASH_SEED="${2:-${TRESOR_CRASH_SEED:-0x$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')}}"
exec cargo test --locked --test cli crash::sigkill_leaves_every_command_all_or_nothing -- --exact --nocapture
