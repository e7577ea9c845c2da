#!/usr/bin/env bash
# The register page through nginx with one app node and with two, on one PostgreSQL with the demo data (issue 22).
#   bench/nodes.sh [DURATION]            # default 30s per run; CONNECTIONS (32), THREADS (2), SKIP_BUILD=1
# Signs in as demo.partyoffice through nginx and runs wrk on /Register, first with one node in nginx's upstream,
# then with two. Everything (nginx, both nodes, PostgreSQL, wrk) shares the machine's cores: on a 2-core machine two
# nodes add no CPU, so the figure shows what a second node costs or saves, not how it scales on separate machines.
set -euo pipefail
. "$(dirname "$0")/../scripts/lib-app.sh"
cd "$LF_ROOT"
DURATION=${1:-30s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
command -v wrk >/dev/null && [ -x /usr/sbin/nginx ] || {
  sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk nginx >/dev/null
}
[ "${SKIP_BUILD:-}" = 1 ] || { echo "== build (Release)"; lf_build; }

work=$(mktemp -d /tmp/lianfang-nodes.XXXXXX)
chmod 777 "$work"  # postgres and nginx's workers write inside
pids=() nginx_pid=
cleanup() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  scripts/postgres.sh stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/pg"
pg=$(scripts/postgres.sh start "$work/pg")
psql=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql
"$psql" -h 127.0.0.1 -p "$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$pg")" -U lianfang -d postgres -qc "CREATE DATABASE lianfang_bench" >/dev/null
export Database__Provider=Postgres ConnectionStrings__Default="${pg/Database=postgres/Database=lianfang_bench}"
export Lianfang__KnownProxies__0=127.0.0.1 Lianfang__LoginPerMinute=1000000 Lianfang__PublicPerMinute=1000000 Lianfang__Security__MfaRequiredFor=
export LIANFANG_ADMIN_PASSWORD=Bench-admin-2026-pw Logging__LogLevel__Default=Warning

node() { # PORT [extra settings…]
  (cd src/Lianfang.Web && exec env "${@:2}" dotnet bin/Release/net10.0/Lianfang.Web.dll --urls "http://127.0.0.1:$1") >"$work/node-$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 180); do curl -sf -o /dev/null "http://127.0.0.1:$1/healthz" && return 0; sleep 1; done
  echo "node $1 did not start" >&2; tail -20 "$work/node-$1.log" >&2; exit 1
}
a=$(shuf -i 21000-21999 -n 1) b=$(shuf -i 22000-22999 -n 1) port=$(shuf -i 23000-23999 -n 1)
node "$a" Lianfang__Demo=true
node "$b" Database__MigrateOnStart=false

run() { # label, upstream servers
  [ -n "$nginx_pid" ] && { kill "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true; }
  cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/body; proxy_temp_path $work/proxy; fastcgi_temp_path $work/fcgi; uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
  upstream lianfang { $2 keepalive 32; }
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://lianfang; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }
}
NGINX
  /usr/sbin/nginx -c "$work/nginx.conf" -p "$work" -g 'daemon off;' &
  nginx_pid=$!
  for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.1; done
  LF_BASE=http://127.0.0.1:$port
  lf_cookie demo.partyoffice "$work/jar"
  curl -sf -o /dev/null -H "Cookie: $(lf_cookie_header "$work/jar")" "$LF_BASE/Register"  # warm-up
  wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -H "Cookie: $(lf_cookie_header "$work/jar")" "$LF_BASE/Register" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: $(lf_cookie_header "$work/jar")" "$LF_BASE/Register" >"$work/wrk-$1.txt"
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ { print $2 }' "$work/wrk-$1.txt")
  p50=$(awk '$1 == "50%" { print $2 }' "$work/wrk-$1.txt")
  p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk-$1.txt")
  non2xx=$(awk '/Non-2xx/ { print $4 }' "$work/wrk-$1.txt")
  echo "| $1 | $rps | $p50 | $p99 | ${non2xx:-0} |"
}
echo "commit $(git rev-parse --short HEAD), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), wrk -t$THREADS -c$CONNECTIONS -d$DURATION, register page of demo.partyoffice"
echo "| nodes behind nginx | req/s | p50 | p99 | non-2xx |"
echo "|---|---:|---:|---:|---:|"
run "one" "server 127.0.0.1:$a;"
run "two" "server 127.0.0.1:$a; server 127.0.0.1:$b;"
