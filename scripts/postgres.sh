#!/usr/bin/env bash
# A throwaway PostgreSQL for tests and benchmarks, on 127.0.0.1 only.
#   scripts/postgres.sh start DIR [PORT]  → prints a connection string (an existing DIR/data is started again, not re-created)
#   scripts/postgres.sh stop DIR
# Tests trade durability for speed (fsync off); LIANFANG_PG_DURABLE=1 starts it as production runs it (fsync on), for
# benchmarks.
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?directory}; port=${3:-$(shuf -i 40000-49999 -n 1)}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
case "$cmd" in
  start)
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    [ -d "$dir/data" ] || as_pg "$bin/initdb -D $dir/data -A trust -U lianfang -E UTF8 --locale=C.UTF-8" >/dev/null
    fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${LIANFANG_PG_DURABLE:-0}" = 1 ] && fast=""
    as_pg "$bin/pg_ctl -D $dir/data -l $dir/log -o \"-p $port -k $dir -c listen_addresses=127.0.0.1 $fast\" -w start" >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=lianfang;Database=postgres"
    ;;
  stop)
    as_pg "$bin/pg_ctl -D $dir/data -m fast stop" >/dev/null
    ;;
esac
