#!/usr/bin/env bash
# Runs the benchmarks of DESIGN.md §7 and writes bench/RESULTS.md.
#   bench/run.sh [--sizes small,city,province] [--dbs sqlite,postgres] [--duration SECONDS] [--warmup SECONDS] [--no-dotnet] [--no-sweep]
# Data sets are generated once into bench/data/ (SQLite files; a PostgreSQL cluster in bench/data/pg) and copied
# before each run, so imports never change them. Needs wrk and PostgreSQL (installed with apt-get when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=small,city,province dbs=sqlite,postgres duration=20 warmup=20 dotnet_bench=1 sweep=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;; --dbs) dbs=$2; shift 2 ;; --duration) duration=$2; shift 2 ;; --warmup) warmup=$2; shift 2 ;;
    --no-dotnet) dotnet_bench=0; shift ;;
    --no-sweep) sweep=0; shift ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done

sudo_if() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
need=""; for tool in wrk sqlite3 jq; do command -v $tool >/dev/null || need="$need $tool"; done
[[ $dbs == *postgres* ]] && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && need="$need postgresql"
[ -n "$need" ] && { sudo_if apt-get update -qq; sudo_if apt-get install -y -qq $need >/dev/null; }

dotnet build Lianfang.slnx -c Release --nologo -v quiet >/dev/null
web=$PWD/src/Lianfang.Web/bin/Release/net10.0/Lianfang.Web.dll
hello=$PWD/bench/HelloWorld/bin/Release/net10.0/HelloWorld.dll
tools=$PWD/bench/Lianfang.Benchmarks/bin/Release/net10.0/Lianfang.Benchmarks.dll
data=$PWD/bench/data; results=$data/results; mkdir -p "$results"
password=Lianfang-bench-2026 port=5299 base=http://127.0.0.1:5299
. scripts/lib-app.sh   # lf_cookie, lf_cookie_header, lf_token
LF_BASE=$base LF_PASSWORD=$password

pg_base=""
if [[ $dbs == *postgres* ]]; then
  mkdir -p "$data/pg"
  pg_base=$(LIANFANG_PG_DURABLE=1 scripts/postgres.sh start "$data/pg" 45433) # fsync on, as production runs it
  trap 'scripts/postgres.sh stop "$data/pg" >/dev/null 2>&1 || true' EXIT
fi
psql_() { psql -X -q -t -A "host=127.0.0.1 port=45433 user=lianfang dbname=postgres" -c "$1"; }

# ---- data sets -------------------------------------------------------------------------------------------------
generate() { # db size connection-string
  local start=$SECONDS
  ( cd src/Lianfang.Web && Database__Provider=$1 ConnectionStrings__Default="$3" dotnet "$web" generate --size "$2" ) \
    | grep -E "已生成|数据集|^  " > "$results/generate-$1-$2.log"
  echo "$((SECONDS - start))" > "$results/generate-$1-$2.seconds"
}
dataset() { # db size → prints the connection string of a fresh working copy
  local db=$1 size=$2
  if [ "$db" = Sqlite ]; then
    if [ ! -f "$data/$size.db.done" ]; then
      rm -f "$data/$size.db"*; generate Sqlite "$size" "Data Source=$data/$size.db" >&2
      sqlite3 "$data/$size.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null; touch "$data/$size.db.done"
    fi
    ( cd src/Lianfang.Web && ConnectionStrings__Default="Data Source=$data/$size.db" dotnet "$web" migrate >/dev/null )
    rm -f "$data/work.db"*; cp "$data/$size.db" "$data/work.db"
    echo "Data Source=$data/work.db"
  else
    if [ -z "$(psql_ "SELECT 1 FROM pg_database WHERE datname = 'bench_$size'")" ]; then
      psql_ "CREATE DATABASE bench_$size"; generate Postgres "$size" "${pg_base/Database=postgres/Database=bench_$size}" >&2
    fi
    ( cd src/Lianfang.Web && Database__Provider=Postgres ConnectionStrings__Default="${pg_base/Database=postgres/Database=bench_$size}" dotnet "$web" migrate >/dev/null )
    psql_ "DROP DATABASE IF EXISTS bench_work"; psql_ "CREATE DATABASE bench_work TEMPLATE bench_$size"
    echo "${pg_base/Database=postgres/Database=bench_work}"
  fi
}

# ---- the app and its memory ----------------------------------------------------------------------------------
app_pid="" sampler=""
start_app() { # db connection-string
  ( cd src/Lianfang.Web && ASPNETCORE_ENVIRONMENT=Production Database__Provider=$1 ConnectionStrings__Default="$2" \
    Lianfang__Warnings__SweepMinutes=0 Lianfang__Security__MfaRequiredFor= Lianfang__LoginPerMinute=100000 Lianfang__PublicPerMinute=1000000 \
    Logging__LogLevel__Default=Warning exec dotnet "$web" --urls "$base" ) > "$results/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 120); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.5; done
  : > "$results/rss.kb"
  ( while kill -0 "$app_pid" 2>/dev/null; do awk '/VmRSS/ {print $2}' "/proc/$app_pid/status" >> "$results/rss.kb" 2>/dev/null; sleep 0.2; done ) &
  sampler=$!
}
stop_app() { kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; kill "$sampler" 2>/dev/null || true; }
rss_mark() { wc -l < "$results/rss.kb"; }
rss_peak_since() { tail -n +"$(( $1 + 1 ))" "$results/rss.kb" | sort -n | tail -1 | awk '{printf "%d", $1/1024}'; }

login_cookie() { lf_cookie "$1" "$results/cookies.txt" && lf_cookie_header "$results/cookies.txt"; }
wrk_run() { # connections header paths-file → JSON line
  PATHS_FILE=$3 HEADER=$2 wrk -t"$(( $1 < 2 ? 1 : 2 ))" -c"$1" -d"${duration}s" --timeout 10s -s bench/wrk/paths.lua "$4" | tail -1
}
# Timings of a command run N times → "median p95" in ms.
times_ms() { sort -n | awk '{a[NR]=$1} END {m=a[int((NR+1)/2)]; p=a[int(NR*0.95+0.999)]; printf "%.0f %.0f", m*1000, p*1000}'; }
urlencode() { local LC_ALL=C s=$1 i c; for ((i = 0; i < ${#s}; i++)); do c=${s:i:1}; case $c in [a-zA-Z0-9._~-]) printf %s "$c" ;; *) printf '%%%02X' "'$c" ;; esac; done; }

run_one() { # db size
  local db=$1 size=$2 out="$results/$1-$2.txt" conn
  echo "== $db $size" >&2
  conn=$(dataset "$db" "$size")
  : > "$out"
  put() { echo "$1=$2" >> "$out"; }

  # Kestrel hello-world: the yardstick of the register page, measured in the same run.
  ( exec dotnet "$hello" --urls http://127.0.0.1:5298 ) >/dev/null 2>&1 & local hello_pid=$!
  for _ in $(seq 60); do curl -sf http://127.0.0.1:5298/ >/dev/null && break; sleep 0.5; done
  echo / > "$results/hello.paths"
  put hello "$(wrk_run 8 "" "$results/hello.paths" http://127.0.0.1:5298)"
  kill "$hello_pid"; wait "$hello_pid" 2>/dev/null || true

  start_app "$db" "$conn"
  local unit_cookie commission_token unit_token admin_token unit campaign=1
  unit_cookie=$(login_cookie bench.unit); commission_token=$(lf_token bench.commission); unit_token=$(lf_token bench.unit); admin_token=$(lf_token bench.admin)
  unit=$(curl -sf -H "Authorization: Bearer $unit_token" "$base/api/v1/org-units" | grep -o '"id":[0-9]*,"name":"[^"]*","kind":"Unit"' | head -1 | grep -o '[0-9]*' | head -1)
  put unit "$unit"

  # A unit's register page, 50 a page, with the filters people use.
  : > "$results/register.paths"
  for q in "" "&categoryCode=decision" "&categoryCode=power&levelCode=important" "&sort=level" "&sort=category&page=3" "&tier=Middle" "&status=Approved&page=2" "&page=5"; do
    echo "/Register?campaignId=$campaign&orgUnitId=$unit$q" >> "$results/register.paths"
  done
  # The same pages of 50 through the API, as an integrating system reads them (bearer token).
  sed 's|^/Register?|/api/v1/risk-points?pageSize=50\&|' "$results/register.paths" > "$results/register-api.paths"
  # Measured warm, as a server runs for days: the runtime compiles its hot code again, optimised, over the first tens of
  # seconds of load (tiered compilation), and a cold figure measures that rather than the page.
  PATHS_FILE=$results/register.paths HEADER="Cookie: $unit_cookie" wrk -t2 -c8 -d"${warmup}s" -s bench/wrk/paths.lua "$base" >/dev/null
  PATHS_FILE=$results/register-api.paths HEADER="Authorization: Bearer $unit_token" wrk -t2 -c8 -d"${warmup}s" -s bench/wrk/paths.lua "$base" >/dev/null
  local mark; mark=$(rss_mark)
  put register "$(wrk_run 8 "Cookie: $unit_cookie" "$results/register.paths" "$base")"
  put register_api "$(wrk_run 8 "Authorization: Bearer $unit_token" "$results/register-api.paths" "$base")"

  # Chinese substring search over every description in the province.
  : > "$results/search.paths"
  for term in 政府采购 财务报销 化整为零 公务接待 评标专家 医保基金 暗箱操作 优亲厚友 公车使用 收受回扣; do
    echo "/api/v1/risk-points?campaignId=$campaign&q=$(urlencode "$term")&pageSize=50" >> "$results/search.paths"
  done
  put search "$(wrk_run 2 "Authorization: Bearer $commission_token" "$results/search.paths" "$base")"

  # The province's 汇总表 (summary figures over every point).
  echo "/api/v1/reports/summary?campaignId=$campaign" > "$results/summary.paths"
  put summary "$(wrk_run 1 "Authorization: Bearer $commission_token" "$results/summary.paths" "$base")"
  put load_rss_mb "$(rss_peak_since "$mark")"

  # Import of a 10,000-row xlsx into new lists of the unit (three runs), then a 1,000-point list exported.
  [ -f "$data/import-10000.xlsx" ] || dotnet "$tools" make-import "$data/import-10000.xlsx" 10000
  [ -f "$data/import-1000.xlsx" ] || dotnet "$tools" make-import "$data/import-1000.xlsx" 1000
  local posts; posts=$(curl -sf -H "Authorization: Bearer $unit_token" "$base/api/v1/org-units/$unit/posts" | grep -o '"id":[0-9]*' | cut -d: -f2 | head -4)
  local lists=() p
  for p in $posts; do
    lists+=("$(curl -sf -X POST -H "Authorization: Bearer $unit_token" -H 'content-type: application/json' \
      "$base/api/v1/campaigns/$campaign/lists" -d "{\"orgUnitId\":$unit,\"postId\":$p}" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)")
  done
  local before; before=$(awk 'END {printf "%d", $1/1024}' "$results/rss.kb"); mark=$(rss_mark)
  local import_times=""
  for l in "${lists[@]:0:3}"; do
    import_times+=$(curl -s -o "$results/import.json" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $unit_token" \
      -F "file=@$data/import-10000.xlsx;filename=清单.xlsx" "$base/api/v1/lists/$l/import")$'\n'
    grep -q '"imported":10000' "$results/import.json" || { echo "import failed: $(head -c 500 "$results/import.json")" >&2; exit 1; }
  done
  put import "$(awk '{print $2}' <<< "$import_times" | grep . | times_ms)"
  put import_rss_mb "$(rss_peak_since "$mark") $before"

  local export_list=${lists[3]}
  curl -sf -o /dev/null -H "Authorization: Bearer $unit_token" -F "file=@$data/import-1000.xlsx;filename=清单.xlsx" "$base/api/v1/lists/$export_list/import"
  for fmt in docx xlsx; do
    put "export_$fmt" "$(for _ in $(seq 10); do curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $unit_token" \
      "$base/api/v1/lists/$export_list/export?format=$fmt"; done | times_ms)"
  done

  # Every warning rule over the whole province, once.
  [ "$sweep" = 1 ] && put sweep "$(curl -s -o /dev/null -w '%{time_total}' -X POST -H "Authorization: Bearer $admin_token" "$base/api/v1/warnings/sweep" | awk '{printf "%.0f", $1*1000}')"
  put peak_rss_mb "$(sort -n "$results/rss.kb" | tail -1 | awk '{printf "%d", $1/1024}')"
  stop_app
  cat "$out" >&2
}

for db in ${dbs//,/ }; do
  for size in ${sizes//,/ }; do
    run_one "$([ "$db" = postgres ] && echo Postgres || echo Sqlite)" "$size"
  done
done

if [ "$dotnet_bench" = 1 ]; then
  ( cd "$results" && dotnet "$tools" --filter '*' --exporters github --artifacts "$results/bdn" ) > "$results/bdn.log" 2>&1
fi
bench/report.sh "$sizes" "$dbs" > bench/RESULTS.md
echo "Wrote bench/RESULTS.md" >&2
