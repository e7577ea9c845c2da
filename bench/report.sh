#!/usr/bin/env bash
# Turns bench/data/results/ into the Markdown of bench/RESULTS.md (called by bench/run.sh).
#   bench/report.sh SIZES DBS     e.g. bench/report.sh small,city,province sqlite,postgres
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-small,city,province} dbs=${2:-sqlite,postgres} results=bench/data/results

val() { # db size key → the raw value
  local f="$results/$1-$2.txt"; [ -f "$f" ] && grep -m1 "^$3=" "$f" | cut -d= -f2- || true
}
js() { grep -o "\"$1\":[0-9.]*" <<< "$2" | cut -d: -f2 | awk '{printf "%g", $1}'; }
word() { awk -v n="$2" '{print $n}' <<< "$1"; }
Db() { [ "$1" = postgres ] && echo Postgres || echo Sqlite; }
label() { [ "$1" = postgres ] && echo PostgreSQL || echo SQLite; }

# metric db size → "figure" for one cell
cell() {
  local d; d=$(Db "$2")
  case $1 in
    register_p95) js p95 "$(val "$d" "$3" register)" ;;
    register_rps) js rps "$(val "$d" "$3" register)" ;;
    hello_rps) js rps "$(val "$d" "$3" hello)" ;;
    register_ratio | register_api_ratio)
      local key=${1%_ratio} r h; r=$(js rps "$(val "$d" "$3" "$key")"); h=$(js rps "$(val "$d" "$3" hello)")
      [ -n "$r" ] && [ -n "$h" ] && awk -v r="$r" -v h="$h" 'BEGIN {printf "%.1f %%", 100 * r / h}' ;;
    register_api_p95) js p95 "$(val "$d" "$3" register_api)" ;;
    register_api_rps) js rps "$(val "$d" "$3" register_api)" ;;
    search_p50) js p50 "$(val "$d" "$3" search)" ;;
    search_p95) js p95 "$(val "$d" "$3" search)" ;;
    summary_p50) js p50 "$(val "$d" "$3" summary)" ;;
    summary_p95) js p95 "$(val "$d" "$3" summary)" ;;
    docx) word "$(val "$d" "$3" export_docx)" 1 ;;
    xlsx) word "$(val "$d" "$3" export_xlsx)" 1 ;;
    import) word "$(val "$d" "$3" import)" 1 ;;
    import_rss) word "$(val "$d" "$3" import_rss_mb)" 1 ;;
    load_rss) val "$d" "$3" load_rss_mb ;;
    peak_rss) val "$d" "$3" peak_rss_mb ;;
    sweep) val "$d" "$3" sweep ;;
    generate) cat "$results/generate-$d-$3.seconds" 2>/dev/null || echo "—" ;;
    errors)
      local n=0 k j
      for k in register register_api search summary; do j=$(val "$d" "$3" "$k"); [ -n "$j" ] && n=$((n + $(js non2xx "$j") + $(js socketErrors "$j"))); done
      echo "$n" ;;
  esac
}

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')
echo "# Benchmark results"
echo
echo "Written by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit \`$(git rev-parse --short HEAD)\`."
echo "Machine: $(nproc) cores ($cpu), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --version), wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')."
echo "Load by wrk on the same machine (it takes CPU from the app); latencies in ms, memory as resident set (VmRSS) in MB."
echo
echo "## DESIGN.md §7 targets at \`province\` size"
echo
printf "| target | goal |"; for db in ${dbs//,/ }; do printf " %s |" "$(label "$db")"; done; echo
printf "|---|---|"; for _ in ${dbs//,/ }; do printf -- "---:|"; done; echo
row() { # title goal metric [suffix]
  printf "| %s | %s |" "$1" "$2"; for db in ${dbs//,/ }; do printf " %s%s |" "$(cell "$3" "$db" province)" "${4:-}"; done; echo
}
row "unit register page, p95 (8 connections)" "≤ 30 ms" register_p95 " ms"
row "unit register page, req/s (8 connections)" "≥ 1,500 (issue 18)" register_rps
row "Kestrel hello-world, req/s (same run, 8 connections)" "" hello_rps
row "register req/s as share of hello-world" "≥ 40 %" register_ratio
row "register API (page of 50, bearer token), req/s" "" register_api_rps
row "register API, p95 (8 connections)" "" register_api_p95 " ms"
row "register API req/s as share of hello-world" "≥ 10 % (issue 18)" register_api_ratio
row "province 汇总表 (summary API), median" "≤ 500 ms" summary_p50 " ms"
row "province 汇总表 (summary API), p95" "≤ 500 ms" summary_p95 " ms"
row "Chinese substring search over all descriptions, p95" "≤ 100 ms" search_p95 " ms"
row "export of a 1,000-point list, docx (median of 10)" "≤ 1,000 ms" docx " ms"
row "export of a 1,000-point list, xlsx (median of 10)" "≤ 500 ms" xlsx " ms"
row "import of a 10,000-row xlsx (median of 3)" "≤ 3,000 ms" import " ms"
row "resident memory during the imports" "≤ 300 MB" import_rss " MB"
row "resident memory under load (pages, search, summary)" "≤ 400 MB" load_rss " MB"
row "resident memory, peak of the whole run" "≤ 400 MB" peak_rss " MB"
row "non-2xx responses and socket errors under load" "0" errors
echo
echo "## Growth"
echo
printf "| figure |"; for db in ${dbs//,/ }; do for s in ${sizes//,/ }; do printf " %s %s |" "$(label "$db")" "$s"; done; done; echo
printf "|---|"; for _ in ${dbs//,/ }; do for _ in ${sizes//,/ }; do printf -- "---:|"; done; done; echo
grow() { printf "| %s |" "$1"; for db in ${dbs//,/ }; do for s in ${sizes//,/ }; do printf " %s |" "$(cell "$2" "$db" "$s")"; done; done; echo; }
grow "generate the data set (s)" generate
grow "register p95 (ms)" register_p95
grow "register req/s" register_rps
grow "register API req/s" register_api_rps
grow "register API p95 (ms)" register_api_p95
grow "hello-world req/s" hello_rps
grow "search p50 (ms)" search_p50
grow "search p95 (ms)" search_p95
grow "汇总表 median (ms)" summary_p50
grow "汇总表 p95 (ms)" summary_p95
grow "export docx 1,000 points (ms)" docx
grow "export xlsx 1,000 points (ms)" xlsx
grow "import 10,000 rows (ms)" import
grow "RSS during imports (MB)" import_rss
grow "RSS under load (MB)" load_rss
grow "warning sweep, every rule (ms)" sweep
echo
echo "Sizes: \`small\` 20 units, 400 departments, 2,000 people, ~10,000 points; \`city\` ×10; \`province\` 2,000 units,"
echo "40,000 departments, 200,000 people, ~1,000,000 points (\`dotnet run --project src/Lianfang.Web -- generate --size …\`)."
for f in "$results"/bdn/results/*-report-github.md; do
  [ -f "$f" ] || continue
  echo
  echo "## In-process (BenchmarkDotNet, ShortRun)"
  echo
  grep -v '^```' "$f" | sed -n '/^|/,$p' | sed "s/&#39;/'/g"
done
[ -f bench/ANALYSIS.md ] && { echo; cat bench/ANALYSIS.md; }
true
