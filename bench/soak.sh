#!/usr/bin/env bash
# Soak: the Release build with demo data on a throwaway SQLite database, logged in as demo.partyoffice,
# under wrk on loopback (bench/soak.lua: home, register with filters and search, a list, inbox, dashboard,
# the register and summary API, a public unit page) while the app's RSS is sampled every 5 s.
#
#   bench/soak.sh [DURATION]          # default 10m; e.g. bench/soak.sh 1m
#
# Settings (environment): PORT (5199), CONNECTIONS (64), THREADS (2), SKIP_BUILD=1.
# The per-address limits on login and public pages are lifted for the run (wrk is one address sending
# thousands of requests a minute); everything else runs as configured by default.
# Writes artifacts/soak/rss.csv (seconds,rss_kb), wrk.txt and app.log; prints the figures.
# Holds /tmp/soak-running while it runs, so others on the machine can avoid benchmarking meanwhile.
set -euo pipefail
. "$(dirname "$0")/../scripts/lib-app.sh"
cd "$LF_ROOT"

DURATION=${1:-10m}
PORT=${PORT:-5199}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
OUT=$LF_ROOT/artifacts/soak
WORK=$(mktemp -d /tmp/lianfang-soak.XXXXXX)

command -v wrk >/dev/null && command -v jq >/dev/null || {
  sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk jq >/dev/null
}
[ "${SKIP_BUILD:-}" = 1 ] || { echo "== build (Release)"; lf_build; }
mkdir -p "$OUT"

export Lianfang__LoginPerMinute=1000000 Lianfang__PublicPerMinute=1000000 Lianfang__Security__MfaRequiredFor=  # the load tools sign in with passwords
marker=
sampler=
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null
  lf_stop
  cp "$WORK/app.log" "$OUT/app.log" 2>/dev/null || true
  [ -n "$marker" ] && rm -f /tmp/soak-running
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== app on $PORT"
lf_start "$WORK" "$PORT"
lf_publish_demo
lf_cookie demo.partyoffice "$WORK/jar"
export SOAK_COOKIE=$(lf_cookie_header "$WORK/jar") SOAK_TOKEN=$(lf_token demo.partyoffice)
export SOAK_UNIT=$LF_PUBLIC_UNIT SOAK_LIST=$LF_PUBLIC_LIST
export SOAK_CAMPAIGN=$(curl -sf -H "Authorization: Bearer $SOAK_TOKEN" "$LF_BASE/api/v1/campaigns" | jq -r '.[0].id')

[ -e /tmp/soak-running ] || { echo "$$ $(date -Is) bench/soak.sh $DURATION" > /tmp/soak-running; marker=1; }
echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION (app pid $LF_PID)"
echo "seconds,rss_kb" > "$OUT/rss.csv"
( start=$(date +%s)
  while kill -0 "$LF_PID" 2>/dev/null; do
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$LF_PID/status" 2>/dev/null) || break
    echo "$(( $(date +%s) - start )),$rss" >> "$OUT/rss.csv"
    sleep 5
  done ) &
sampler=$!

wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s bench/soak.lua "$LF_BASE" | tee "$OUT/wrk.txt"
sleep 1
kill "$sampler" 2>/dev/null; sampler=
alive=yes; kill -0 "$LF_PID" 2>/dev/null || alive="NO (crashed)"
errors_logged=$(grep -c '^fail:' "$WORK/app.log" || true)

# RSS: start, max, end; flat when the last third's max is within 10 % of the first third's max.
read -r rss_start rss_max rss_end first_max last_max < <(awk -F, 'NR > 1 { s[++n] = $2 }
  END { t = int(n / 3); if (t < 1) t = 1
        for (i = 1; i <= n; i++) { if (s[i] > m) m = s[i]; if (i <= t && s[i] > f) f = s[i]; if (i > n - t && s[i] > l) l = s[i] }
        print s[1], m, s[n], f, l }' "$OUT/rss.csv")
flat=$(awk -v f="$first_max" -v l="$last_max" 'BEGIN { print (l <= f * 1.10) ? "yes" : "NO" }')

line=$(grep '^SOAK ' "$OUT/wrk.txt"); val() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< " ${line#SOAK }"; }
{
  echo
  echo "== soak $DURATION, $CONNECTIONS connections, $THREADS wrk threads, $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "requests        $(val requests) in $(val duration_s) s = $(val rps) req/s"
  echo "latency         p50 $(val p50_ms) ms, p95 $(val p95_ms) ms, p99 $(val p99_ms) ms, max $(val max_ms) ms"
  echo "non-2xx/3xx     $(val non_2xx_3xx)   (3xx: $(val redirects); statuses: $(grep '^STATUS ' "$OUT/wrk.txt" | cut -d' ' -f2-))"
  echo "socket errors   $(val socket_errors) (connect $(val connect), read $(val read), write $(val write), timeout $(val timeout))"
  echo "RSS             start $((rss_start / 1024)) MB, max $((rss_max / 1024)) MB, end $((rss_end / 1024)) MB"
  echo "memory flat     $flat (max of first third $((first_max / 1024)) MB, of last third $((last_max / 1024)) MB)"
  echo "app alive       $alive; errors logged by the app: $errors_logged"
} | tee "$OUT/summary.txt"
