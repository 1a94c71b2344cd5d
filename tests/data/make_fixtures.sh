#!/usr/bin/env bash
# Makes the old-format vaults under tests/data/ with a tresor binary that writes that format:
#   tests/data/make_fixtures.sh FORMAT PATH-TO-OLD-TRESOR
# format 1: any build before commit 77c7f35; format 2: 77c7f35 up to the format-3 change;
# format 3 (tests/data/format3, only vault.db kept): a format-3 build whose snapshot buckets are
# in encoding 1, without listings (b36a4c6 made it; builds since write encoding 2).
# Each vault opens with the passphrase in passphrase.txt (KDF at the floor). It holds
#   dev:  A (versions 1 and 2), B
#   prod: C (revoked), D
# and the tampered copies replay C's rows from before its revocation (what an attacker with an
# old copy of the file does), or delete a version row. The tests (tests/cli/formats.rs) read,
# upgrade and refuse them.
set -euo pipefail
format=$1
bin=$2
out=$(cd "$(dirname "$0")" && pwd)/format$format
rm -rf "$out" && mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_STATE_HOME=$work/state TRESOR_VAULT=$work/vault.db
export TRESOR_PASSPHRASE_FILE=$out/passphrase.txt TRESOR_NOW=2026-06-01T00:00:00Z
printf 'fixture passphrase of format %s\n' "$format" > "$out/passphrase.txt"
"$bin" -q init --envs dev,prod --kdf-memory 19 --kdf-iterations 2
printf 'fixture-A-1' | "$bin" -q set A -e dev
printf 'fixture-A-2' | "$bin" -q set A -e dev
printf 'fixture-B-1' | "$bin" -q set B -e dev
printf 'fixture-C-1' | "$bin" -q set C -e prod
printf 'fixture-D-1' | "$bin" -q set D -e prod
sqlite3() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()' "$@"; }
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)")' "$work/vault.db"
cp "$work/vault.db" "$work/before-revoke.db"
"$bin" -q revoke C -e prod --reason "fixture: leaked"
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)")' "$work/vault.db"
cp "$work/vault.db" "$out/vault.db"
# Tampered: C's secret and version rows put back from the copy made before the revocation.
cp "$out/vault.db" "$out/replayed-revocation.db"
python3 - "$out/replayed-revocation.db" "$work/before-revoke.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("ATTACH ? AS old", (sys.argv[2],))
# The revoked secret is the one whose versions differ between the two copies.
ids = [r[0] for r in c.execute("SELECT v.secret_id FROM versions v JOIN old.versions o ON o.secret_id = v.secret_id AND o.version = v.version WHERE o.mac != v.mac")]
assert len(set(ids)) == 1, ids
sid = ids[0]
c.execute("DELETE FROM versions WHERE secret_id = ?", (sid,))
c.execute("INSERT INTO versions SELECT * FROM old.versions WHERE secret_id = ?", (sid,))
c.execute("DELETE FROM secrets WHERE id = ?", (sid,))
c.execute("INSERT INTO secrets SELECT * FROM old.secrets WHERE id = ?", (sid,))
c.commit()
PY
# Tampered: the first version of A deleted.
cp "$out/vault.db" "$out/deleted-version.db"
python3 - "$out/deleted-version.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
n = c.execute("DELETE FROM versions WHERE version = 1 AND secret_id IN (SELECT secret_id FROM versions WHERE version = 2)").rowcount
assert n == 1, n
c.commit()
PY
for f in "$out"/*.db; do
  python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.execute("PRAGMA journal_mode=DELETE")' "$f"
done
rm -f "$out"/*.db-wal "$out"/*.db-shm
python3 -c 'import sqlite3,sys; print(sys.argv[1], "user_version", sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version").fetchone()[0])' "$out/vault.db"
