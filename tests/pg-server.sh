#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on 127.0.0.1, run the given command with
# BONSCLICS_TEST_DATABASE_URL pointing at it, then stop the server.
set -euo pipefail
initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
if [ -z "$initdb" ]; then
  echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi
bindir=$(dirname "$initdb")
port=${BONSCLICS_PG_PORT:-54329}
data=$(mktemp -d /tmp/bonsclics-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$data"
  as_pg=(runuser -u postgres --)
fi
"${as_pg[@]}" "$bindir/initdb" -D "$data/db" -U bonsclics --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$bindir/pg_ctl" -D "$data/db" -l "$data/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
cleanup() { "${as_pg[@]}" "$bindir/pg_ctl" -D "$data/db" -m fast stop >/dev/null 2>&1 || true; rm -rf "$data"; }
trap cleanup EXIT
"${as_pg[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U bonsclics bonsclics_test
export BONSCLICS_TEST_DATABASE_URL="postgresql://bonsclics@127.0.0.1:$port/bonsclics_test"
"$@"
