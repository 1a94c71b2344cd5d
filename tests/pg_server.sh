#!/usr/bin/env bash
# A throwaway PostgreSQL server for the PostgreSQL test suite: its own data folder, a Unix
# socket in a temporary folder, run by an unprivileged user (nobody when started as root).
# No TCP, unless PG_SERVER_TLS=1: then also a TLS-only listener on 127.0.0.1 with a throwaway
# CA (TRESOR_TEST_POSTGRES_TLS, TRESOR_TEST_POSTGRES_CA; plain TCP is refused). The server skips
# fsync unless PG_SERVER_DURABLE=1. `start` prints the lines to eval (TRESOR_TEST_POSTGRES and
# the folder to stop); `stop DIR` stops it and removes the folder.
#
#   eval "$(tests/pg_server.sh start)"; cargo test --test postgres; tests/pg_server.sh stop "$TRESOR_PG_DIR"
set -euo pipefail

bindir() {
  if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
    dirname "$(command -v pg_ctl)"
    return
  fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  [ -n "$d" ] || { echo "pg_server.sh: no PostgreSQL found (apt-get install postgresql)" >&2; exit 1; }
  echo "$d"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
  else
    "$@"
  fi
}

case "${1:-}" in
  start)
    bin=$(bindir)
    dir=$(mktemp -d "${TMPDIR:-/tmp}/tresor-pg.XXXXXX")
    chmod 0755 "$dir"
    [ "$(id -u)" = 0 ] && chown 65534:65534 "$dir"
    # initdb and postgres look up the current folder: one the server's user can read.
    cd "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U tresor_admin --auth=trust -E UTF8 --locale=C.UTF-8 \
      --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    opts="-c listen_addresses='' -k $dir -c max_connections=200"
    if [ "${PG_SERVER_TLS:-0}" = 1 ]; then
      port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
      (
        cd "$dir"
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
          -subj /CN=tresor-test-ca -keyout ca.key -out ca.crt
        openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost \
          -keyout server.key -out server.csr
        printf 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >ext.cnf
        openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
          -extfile ext.cnf -out server.crt
        chmod 0600 server.key
        [ "$(id -u)" = 0 ] && chown 65534:65534 server.key server.crt
        true
      ) >"$dir/openssl.log" 2>&1 || { cat "$dir/openssl.log" >&2; exit 1; }
      # TCP without TLS is refused, so that a test connecting over TCP shows TLS was used.
      as_owner sed -i '1i hostnossl all all all reject' "$dir/data/pg_hba.conf"
      opts="-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 -c ssl=on"
      opts="$opts -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key"
    fi
    if [ "${PG_SERVER_DURABLE:-0}" != 1 ]; then
      opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$opts" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "export TRESOR_PG_DIR=$dir"
    echo "export TRESOR_TEST_POSTGRES='postgresql://tresor_admin@/postgres?host=$dir${port:+&port=$port}'"
    if [ -n "${port:-}" ]; then
      echo "export TRESOR_TEST_POSTGRES_TLS='postgresql://tresor_admin@localhost:$port/postgres'"
      echo "export TRESOR_TEST_POSTGRES_CA=$dir/ca.crt"
    fi
    ;;
  stop)
    dir=${2:?usage: pg_server.sh stop DIR}
    [ -d "$dir/data" ] || exit 0
    cd "$dir"
    as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
