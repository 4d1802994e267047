#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what it needs, starts what is not running.
# PostgreSQL: the machine's server at 127.0.0.1:5432 when it answers, else a private one started here.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
VENV=${VENV:-.venv}

if [ -z "${ANCI_TEST_PG_URL:-}" ] && ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    pgdir=$(mktemp -d /tmp/anci-pg.XXXXXX)
    chown nobody "$pgdir" 2>/dev/null || true
    as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
    port=$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    as_pg "$pgbin/initdb" -D "$pgdir/data" -U postgres -A trust >/dev/null
    as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1" -l "$pgdir/log" -w start >/dev/null
    trap 'as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$pgdir"' EXIT
    export ANCI_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
    echo "test: started a private PostgreSQL on port $port" >&2
fi

"$VENV/bin/python" -m pytest "$@"
