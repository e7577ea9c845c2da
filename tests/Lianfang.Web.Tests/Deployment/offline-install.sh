#!/usr/bin/env bash
# Run by OfflineInstallTests inside `unshare -n` as root: a network namespace with loopback only, like a machine on an
# isolated government network. Unpacks the package, installs it, starts it on SQLite and then on PostgreSQL (a server
# started inside the namespace), and signs in as admin with the password the first start prints.
#   offline-install.sh PACKAGE.tar.gz WORKDIR
set -euo pipefail
tarball=$1 work=$2
root=$(cd "$(dirname "$0")/../../.." && pwd)
ip link set lo up
# nothing but loopback, and no route anywhere else
[ "$(ip -o link show | grep -vc ': lo:' || true)" = 0 ] || { echo "the namespace has more than loopback" >&2; ip -o link show >&2; exit 1; }
if ip route get 192.0.2.1 >/dev/null 2>&1; then echo "the namespace has a route out" >&2; exit 1; fi

app= pg_dir=
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null && wait "$app" 2>/dev/null
  [ -n "$pg_dir" ] && "$root/scripts/postgres.sh" stop "$pg_dir" >/dev/null 2>&1
  return 0
}
trap cleanup EXIT

# start PORT LOG: the installed app in the background, waiting for its sign-in page
start() {
  "$work/opt/bin/lianfang" --urls "http://127.0.0.1:$1" >"$2" 2>&1 &
  app=$!
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/Account/Login")" = 200 ] && return 0
    kill -0 "$app" 2>/dev/null || { echo "the app exited:" >&2; cat "$2" >&2; exit 1; }
    sleep 0.2
  done
  echo "no sign-in page after 120 s" >&2; cat "$2" >&2; exit 1
}
stop() { kill "$app"; wait "$app" 2>/dev/null || true; app=; }

# sign_in BASE USER PASSWORD JAR → the page the signed-in home page leads to (Location of GET /)
sign_in() {
  local token code
  rm -f "$4"
  token=$(curl -sf -c "$4" -b "$4" "$1/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  code=$(curl -s -c "$4" -b "$4" -o /dev/null -w '%{http_code}' -X POST "$1/Account/Login" --data-urlencode "Input.UserName=$2" \
    --data-urlencode "Input.Password=$3" --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "returnUrl=/")
  [ "$code" = 302 ] || { echo "sign-in as $2 answered $code" >&2; exit 1; }
  curl -s -b "$4" -o /dev/null -w '%{redirect_url}' "$1/"
}

t0=$(date +%s.%N)
since() { awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $t0 }"; }
tar -xzf "$tarball" -C "$work"
echo "unpacked after $(since) s"
pkg=$(ls -d "$work"/lianfang-*/)
"$pkg/install.sh" --prefix "$work/opt" >"$work/install.log"
echo "installed after $(since) s"
# The shipped systemd unit and nginx site are valid as written (the site with a throwaway certificate in place).
mkdir -p "$work/units" "$work/nginx"
cp "$work/opt/etc/lianfang@.service" "$work/units/lianfang@8081.service"
systemd-analyze verify "$work/units/lianfang@8081.service"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/nginx/key" -out "$work/nginx/crt" -days 1 -subj /CN=lianfang 2>/dev/null
sed "s|/etc/nginx/tls/lianfang.crt|$work/nginx/crt|; s|/etc/nginx/tls/lianfang.key|$work/nginx/key|" "$work/opt/etc/nginx-lianfang.conf" >"$work/nginx/site.conf"
echo "pid $work/nginx/pid; error_log $work/nginx/error.log; events {} http { include $work/nginx/site.conf; }" >"$work/nginx/nginx.conf"
/usr/sbin/nginx -t -q -c "$work/nginx/nginx.conf" -p "$work/nginx"
start 5080 "$work/app.log"
echo "FIRST_PAGE_SECONDS=$(since)"
base=http://127.0.0.1:5080
[ -f "$work/opt/data/lianfang.db" ] || { echo "no SQLite database in data/" >&2; exit 1; }
password=$(grep -o '系统管理员：admin　初始密码：[A-Za-z0-9]*' "$work/app.log" | sed 's/.*：//')
[ -n "$password" ] || { echo "the first start printed no admin password:" >&2; cat "$work/app.log" >&2; exit 1; }

# The printed password signs in and is to be changed first (安全设置); the new one signs in, and admin is then asked
# for two-step verification.
next=$(sign_in "$base" admin "$password" "$work/jar")
[[ $next == */Account/Manage?password=initial ]] || { echo "after the first sign-in: $next" >&2; exit 1; }
token=$(curl -sf -b "$work/jar" -c "$work/jar" "$base/Account/Manage?password=initial" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
new_password="Offline-install-$(date +%s)"
curl -s -b "$work/jar" -c "$work/jar" -o /dev/null -X POST "$base/Account/Manage?handler=Password" \
  --data-urlencode "current=$password" --data-urlencode "next=$new_password" --data-urlencode "__RequestVerificationToken=$token"
next=$(sign_in "$base" admin "$new_password" "$work/jar2")
[[ $next == */Account/Manage?mfa=required ]] || { echo "after the password change: $next" >&2; exit 1; }
echo "SQLITE_SIGNED_IN"
curl -sf -o /dev/null "$base/lib/bootstrap/bootstrap.min.css" || { echo "front-end files are not served" >&2; exit 1; }
stop

# PostgreSQL, given Database__*: a server inside the namespace, the same installation.
pg_dir=$work/pg; mkdir -p "$pg_dir"
conn=$("$root/scripts/postgres.sh" start "$pg_dir" 5433)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
"$pg_bin/psql" -h 127.0.0.1 -p 5433 -U lianfang -d postgres -qc "CREATE DATABASE lianfang" >/dev/null
export Database__Provider=Postgres ConnectionStrings__Default="${conn/Database=postgres/Database=lianfang}"
start 5081 "$work/app-pg.log"
password=$(grep -o '系统管理员：admin　初始密码：[A-Za-z0-9]*' "$work/app-pg.log" | sed 's/.*：//')
next=$(sign_in http://127.0.0.1:5081 admin "$password" "$work/jar3")
[[ $next == */Account/Manage?password=initial ]] || { echo "PostgreSQL, after the first sign-in: $next" >&2; exit 1; }
echo "POSTGRES_SIGNED_IN"
