#!/usr/bin/env bash
# External scans of the running app, logged in: wapiti (crawl + attack modules, as every role) and sqlmap (chosen
# parameters of pages, forms and API). Starts the Release build with demo data on a throwaway SQLite database on
# 127.0.0.1, publishes one demo list (so the public pages exist), logs in, scans, stops the app.
# Reports go to artifacts/scans/ (gitignored): wapiti-<user>.json and .log, sqlmap/<target>.log, app.log, summary.txt.
#
#   scripts/security-scan.sh                      # everything: 11 wapiti users and, alongside, 20 sqlmap targets
#   WAPITI_USERS=demo.partyoffice SQLMAP_TARGETS="register api-risk-points" scripts/security-scan.sh
#
# Settings (environment): PORT (5099; sqlmap's app on PORT+1), SKIP_BUILD=1,
#   WAPITI_USERS (one demo account per role, below; "" for no wapiti), WAPITI_MODULES (below),
#   WAPITI_CRAWL_TIME (90 s per user), WAPITI_ATTACK_TIME (20 s per module and user: a budget every module keeps,
#   see scripts/wapiti-budgeted.py), SQLMAP_TIME (300 s per target), SQLMAP_TARGETS (all; names below),
#   SQLMAP_LEVEL (2), SQLMAP_RISK (1), SQLMAP_ALONGSIDE (1: sqlmap runs on an app of its own while wapiti scans the
#   roles; 0: after them).
# Time: a wapiti user takes at most crawl + 15 x attack budget (3-4 minutes with the defaults: the quick modules
# end in seconds), so the 11 roles about 40 minutes; the 20 sqlmap targets, at most SQLMAP_TIME each, take about
# 10 alongside.
# The app starts afresh (new database) after a user who keeps accounts (demo.admin, demo.secadmin: its scan may
# reset passwords or take grants away); sqlmap has an app and database of its own.
# Needs root (or sudo) once to install wapiti, sqlmap, jq with apt-get.
set -euo pipefail
. "$(dirname "$0")/lib-app.sh"
cd "$LF_ROOT"

PORT=${PORT:-5099}
OUT=$LF_ROOT/artifacts/scans
WORK=$(mktemp -d /tmp/lianfang-scan.XXXXXX)
# One account per role; the account keepers last, so that what their scans change hits no other role's scan.
WAPITI_USERS=${WAPITI_USERS-demo.staff demo.depthead demo.leader demo.principal demo.partyoffice demo.agency \
demo.commission demo.helper demo.auditor demo.secadmin demo.admin}  # empty: no wapiti
WAPITI_MODULES=${WAPITI_MODULES:-sql,blindsql,xss,permanentxss,exec,file,redirect,crlf,csrf,methods,http_headers,cookieflags,csp,backup,htaccess}
WAPITI_CRAWL_TIME=${WAPITI_CRAWL_TIME:-90}
WAPITI_ATTACK_TIME=${WAPITI_ATTACK_TIME:-20}
SQLMAP_TIME=${SQLMAP_TIME:-300}
SQLMAP_LEVEL=${SQLMAP_LEVEL:-2}
SQLMAP_RISK=${SQLMAP_RISK:-1}

missing=()
for tool in wapiti sqlmap jq curl; do command -v $tool >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

[ "${SKIP_BUILD:-}" = 1 ] || { echo "== build (Release)"; lf_build; }
mkdir -p "$OUT/sqlmap"
rm -rf "$OUT"/wapiti-* "$OUT"/sqlmap/* "$OUT"/summary.txt

# Scanners send thousands of requests from one address and post the feedback form over and over:
# the per-address limits are lifted for the scan (they are tested elsewhere), nothing else changes.
export Lianfang__LoginPerMinute=1000000 Lianfang__PublicPerMinute=1000000 Lianfang__FeedbackPerHour=1000000
export Lianfang__Warnings__SweepMinutes=0
export Lianfang__Security__MfaRequiredFor=  # the scanner signs in with passwords; TOTP is tested on its own
rm -f "$OUT"/app*.log
# One app at a time per process (lib-app.sh keeps its pid): app_start DIR PORT LOG stops the one running (its log
# appended to $OUT/LOG) and starts another on a new database with the demo data and one published list.
APP_DIR= APP_LOG=
app_stop() { [ -n "$LF_PID" ] || return 0; lf_stop; cat "$APP_DIR/app.log" >> "$OUT/$APP_LOG"; }
app_start() {
  app_stop
  APP_DIR=$1 APP_LOG=$3
  echo "== app on $2 (data in $1) $(date +%T)"
  echo "---- app started $(date -Is)" >> "$OUT/$APP_LOG"
  lf_start "$1" "$2"
  lf_publish_demo
  B=$LF_BASE
  echo "   published list $LF_PUBLIC_LIST of unit $LF_PUBLIC_UNIT, verification code $LF_VERIFY_CODE"
}
SQ_PID=
trap 'app_stop; [ -z "$SQ_PID" ] || { kill "$SQ_PID" 2>/dev/null; wait "$SQ_PID"; }; rm -rf "$WORK"' EXIT

# ---------------------------------------------------------------- wapiti
# Debian's wapiti 3.0.4, through scripts/wapiti-budgeted.py: -x fixed for Python 3.11, a module budget that holds,
# log lines for the summary ("[*] Crawl ended", "[*] Module NAME ended").
wapiti_all() {
n_modules=$(tr ',' '\n' <<< "$WAPITI_MODULES" | grep -c .)
app_start "$WORK/wapiti" "$PORT" app.log
fresh=0
for user in $WAPITI_USERS; do
  [ "$fresh" = 1 ] && { app_start "$WORK/wapiti" "$PORT" app.log; fresh=0; }
  echo "== wapiti as $user (crawl ${WAPITI_CRAWL_TIME}s, ${WAPITI_ATTACK_TIME}s per module) $(date +%T)"
  lf_cookie "$user" "$WORK/$user.jar" || { echo "   login as $user failed: not scanned" | tee "$OUT/wapiti-$user.log"; continue; }
  # wapiti's JSON cookie file: {domain: {path: {name: {value, expires, secure, port, version}}}}
  awk -F'\t' 'NF==7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { print $6 "\t" $7 }' "$WORK/$user.jar" \
    | jq -R -s 'split("\n") | map(select(length > 0) | split("\t")) | {"127.0.0.1": {"/": (map({(.[0]): {value: .[1], expires: null, secure: false, port: null, version: 0}}) | add)}}' \
    > "$WORK/$user.cookies.json"
  token=$(lf_token "$user")
  starts=(/ /Register "/Register?q=审批&categoryCode=decision&levelCode=important&sort=level" "/Lists/Edit?id=$LF_PUBLIC_LIST"
          /Inbox /Reports/Dashboard /Org /Supervision /Complaints /Warnings /Powers /Audit /Schemes /Campaigns
          /Admin/Users /Account/Manage
          "/public/units/$LF_PUBLIC_UNIT" "/public/feedback?unit=$LF_PUBLIC_UNIT" "/Verify?code=$LF_VERIFY_CODE"
          "/api/v1/risk-points?q=审批" "/api/v1/reports/summary?orgUnitId=$LF_PUBLIC_UNIT" /api/v1/inbox /openapi/v1.json)
  sargs=(); for s in "${starts[@]}"; do sargs+=(-s "$B$s"); done
  # Logout would end the session; the bearer header only counts under /api (the cookie everywhere else).
  # The module budget is kept by wapiti-budgeted.py (wapiti's --max-attack-time is left off: it only looks between
  # two resources); timeout is the last resort should a module hang on one request.
  WAPITI_MODULE_BUDGET=$WAPITI_ATTACK_TIME \
  timeout $((WAPITI_CRAWL_TIME + n_modules * (WAPITI_ATTACK_TIME + 60) + 300)) \
    /usr/bin/python3 "$LF_ROOT/scripts/wapiti-budgeted.py" -u "$B/" --scope folder "${sargs[@]}" \
    -c "$WORK/$user.cookies.json" -H "Authorization: Bearer $token" \
    -x "$B/Account/Logout*" -x "$B/Account/Login*" -m "$WAPITI_MODULES" \
    --max-scan-time "$WAPITI_CRAWL_TIME" --max-links-per-page 60 -t 30 \
    --flush-session --store-session "$WORK/wapiti-session" --store-config "$WORK/wapiti-config" --no-bugreport \
    -f json -o "$OUT/wapiti-$user.json" -v 1 > "$OUT/wapiti-$user.log" 2>&1 \
    || echo "   wapiti ended with $?" | tee -a "$OUT/wapiti-$user.log"
  kill -0 "$LF_PID" 2>/dev/null && curl -sf -o /dev/null -b "$WORK/$user.jar" "$B/Inbox" \
    || echo "   WARNING: app down or session gone after wapiti" | tee -a "$OUT/wapiti-$user.log"
  case $user in demo.admin|demo.secadmin) fresh=1 ;; esac
done
app_stop
}

# ---------------------------------------------------------------- sqlmap
# On an app of its own (a new database): the role scans move lists along and post forms, the keepers' scans
# change accounts.
sqlmap_all() {
app_start "$WORK/sqlmap-app" "$1" app-sqlmap.log
echo "== sqlmap (level $SQLMAP_LEVEL, risk $SQLMAP_RISK, ${SQLMAP_TIME}s per target) $(date +%T)"
# A draft list the party office writes (the unit list of 人民医院), for the point editor and the point API.
DRAFT=$(curl -sf -H "Authorization: Bearer $(lf_token demo.partyoffice)" "$B/api/v1/campaigns/1/lists" \
  | jq -r "[.[] | select(.scope==\"Unit\" and .status==\"Draft\" and .id != $LF_PUBLIC_LIST)][0].id")

# Every target signs in afresh right before it runs: a page session ends after 30 idle minutes and a bearer
# token after an hour, less than all the targets take.
sqlmap_run() { # name, who (cookie:USER, bearer:USER or -), then sqlmap arguments
  local name=$1 who=$2; shift 2
  case " ${SQLMAP_TARGETS:-all} " in *" all "*|*" $name "*) ;; *) return 0 ;; esac
  echo "   $name $(date +%T)"
  local auth=()
  case $who in
    cookie:*) lf_cookie "${who#cookie:}" "$WORK/sqlmap.jar" && auth=(--cookie "$(lf_cookie_header "$WORK/sqlmap.jar")" --drop-set-cookie) ;;
    bearer:*) auth=(--headers "Authorization: Bearer $(lf_token "${who#bearer:}")") ;;
  esac
  # --csrf-url (forms) does not go with --threads
  local threads=(--threads 4); case " $* " in *" --csrf-url "*) threads=() ;; esac
  TERM=dumb timeout "$SQLMAP_TIME" sqlmap --batch --level "$SQLMAP_LEVEL" --risk "$SQLMAP_RISK" "${threads[@]}" --flush-session \
    --output-dir "$WORK/sqlmap" --disable-coloring --timeout 30 "${auth[@]}" "$@" > "$OUT/sqlmap/$name.log" 2>&1 \
    || echo "     (ended with $?; 124 = time limit)" | tee -a "$OUT/sqlmap/$name.log"
}

sqlmap_run register      cookie:demo.partyoffice -u "$B/Register?campaignId=1&orgUnitId=$LF_PUBLIC_UNIT&q=审批事项&categoryCode=decision&levelCode=important&sort=level&page=1" -p "q,categoryCode,levelCode,sort,orgUnitId"
sqlmap_run register-q2   cookie:demo.partyoffice -u "$B/Register?q=审批" -p q   # two characters: the LIKE path instead of FTS5
sqlmap_run org-search    cookie:demo.partyoffice -u "$B/Org?id=$LF_PUBLIC_UNIT&q=财务" -p q
sqlmap_run warnings      cookie:demo.partyoffice -u "$B/Warnings?rule=overdue" -p rule
sqlmap_run scheme        cookie:demo.partyoffice -u "$B/Schemes/Detail?code=shaoxing-2018" -p code
sqlmap_run suggest       cookie:demo.partyoffice -u "$B/Lists/Edit?id=$DRAFT&handler=Suggest&Input.CategoryCode=decision" -p "Input.CategoryCode"
sqlmap_run audit-page    cookie:demo.auditor -u "$B/Audit?entityType=RiskList&userName=demo.partyoffice" -p "entityType,userName"
sqlmap_run admin-users   cookie:demo.admin -u "$B/Admin/Users?q=demo" -p q
sqlmap_run verify        - -u "$B/Verify?code=$LF_VERIFY_CODE" -p code
sqlmap_run public-unit   - -u "$B/public/units/$LF_PUBLIC_UNIT*"
sqlmap_run api-risk-points bearer:demo.partyoffice -u "$B/api/v1/risk-points?campaignId=1&orgUnitId=$LF_PUBLIC_UNIT&q=审批事项&categoryCode=decision&levelCode=important&sort=level&page=1&pageSize=50" -p "q,categoryCode,levelCode,sort"
sqlmap_run api-list-points bearer:demo.partyoffice -u "$B/api/v1/lists/$LF_PUBLIC_LIST/risk-points?q=审批&categoryCode=decision&levelCode=important&sort=level" -p "q,categoryCode,levelCode,sort"
sqlmap_run api-warnings  bearer:demo.partyoffice -u "$B/api/v1/warnings?orgUnitId=$LF_PUBLIC_UNIT&rule=overdue" -p rule
sqlmap_run api-audit     bearer:demo.auditor -u "$B/api/v1/audit?entityType=RiskList&userName=demo.partyoffice" -p "entityType,userName"
sqlmap_run api-scheme    bearer:demo.partyoffice -u "$B/api/v1/schemes/shaoxing-2018*"
# Forms: sqlmap fetches a fresh antiforgery token (and cookie) from the page before every request.
# The login uses an unknown user name, so no demo account gets locked out.
sqlmap_run login         - -u "$B/Account/Login" --data "Input.UserName=scan.nobody&Input.Password=not-the-password&returnUrl=%2F&__RequestVerificationToken=x" \
  --csrf-token __RequestVerificationToken --csrf-url "$B/Account/Login" -p "Input.UserName,Input.Password,returnUrl"
# A wrong password answers 401, which sqlmap takes for "stop" unless told otherwise.
sqlmap_run api-token     - --ignore-code 401 -u "$B/api/v1/auth/token" --data '{"userName":"scan.nobody","password":"not-the-password","totpCode":"123456"}' -p "userName,password,totpCode"
sqlmap_run feedback      - -u "$B/public/feedback?unit=$LF_PUBLIC_UNIT" --data "Input.Content=窗口办事要好处费&Input.ContactName=张三&Input.Contact=13800000000&__RequestVerificationToken=x" \
  --csrf-token __RequestVerificationToken --csrf-url "$B/public/feedback?unit=$LF_PUBLIC_UNIT" -p "Input.Content,Input.ContactName,Input.Contact"
sqlmap_run point-form    cookie:demo.partyoffice -u "$B/Lists/Edit?id=$DRAFT" \
  --data "Input.CategoryCode=decision&Input.LevelCode=general&Input.Description=采购验收把关不严&Input.Manifestation=验收走过场&Input.Measures=1．双人验收&Input.Basis=制度&Input.Focus=验收&Input.Leader=孙伟&Input.Persons=王芳&__RequestVerificationToken=x" \
  --csrf-token __RequestVerificationToken --csrf-url "$B/Lists/Edit?id=$DRAFT" -p "Input.CategoryCode,Input.LevelCode,Input.Description,Input.Leader"
sqlmap_run api-point     bearer:demo.partyoffice -u "$B/api/v1/lists/$DRAFT/risk-points" \
  --data '{"categoryCode":"decision","levelCode":"general","description":"采购验收把关不严","manifestation":"验收走过场","sources":["单位自查"],"measures":[{"text":"双人验收"}],"supervision":{"basis":"制度","focus":"验收","methods":["查阅资料"]},"responsible":{"leader":"孙伟","department":null,"persons":["王芳"]}}' \
  -p "categoryCode,levelCode,description"
echo "== sqlmap done $(date +%T)"
app_stop
}

# ---------------------------------------------------------------- run
# sqlmap runs alongside the role scans (SQLMAP_ALONGSIDE=1, the default) on its own app (PORT+1), or after them.
if [ -n "$(echo $WAPITI_USERS)" ] && [ "${SQLMAP_ALONGSIDE:-1}" = 1 ]; then
  ( trap 'app_stop' EXIT; trap 'exit 143' TERM; sqlmap_all $((PORT + 1)) ) &
  SQ_PID=$!
  wapiti_all
  wait "$SQ_PID" || echo "== sqlmap part ended with $?"
  SQ_PID=
else
  [ -z "$(echo $WAPITI_USERS)" ] || wapiti_all
  sqlmap_all "$PORT"
fi

# ---------------------------------------------------------------- summary
{
  echo "Scan of $(git rev-parse --short HEAD 2>/dev/null || echo '?') on $(date -Is)"
  echo "wapiti: crawl ${WAPITI_CRAWL_TIME} s, ${WAPITI_ATTACK_TIME} s per module; sqlmap: ${SQLMAP_TIME} s per target"
  for user in $WAPITI_USERS; do
    f=$OUT/wapiti-$user.json log=$OUT/wapiti-$user.log
    echo
    if grep -q "^   login as .* failed" "$log" 2>/dev/null; then echo "wapiti as $user: login failed, not scanned"; continue; fi
    crawl=$(grep -o 'Crawl ended: .*' "$log" 2>/dev/null | sed 's/^Crawl ended: //' || true)
    grep -q "Max scan time was reached" "$log" 2>/dev/null && crawl="$crawl (stopped at its budget)"
    echo "wapiti as $user: ${crawl:-crawl did not end}"
    grep -E "^   (wapiti ended with|WARNING)" "$log" 2>/dev/null | sed 's/^   /  /' || true
    for m in $(tr ',' ' ' <<< "$WAPITI_MODULES"); do
      ended=$(grep -o "Module $m ended: .*" "$log" 2>/dev/null | head -1 | sed "s/^Module $m ended: //" || true)
      if [ -n "$ended" ]; then
        printf '  %-13s ended: %s\n' "$m" "$ended"
      elif grep -qE "Launching module $m\$" "$log" 2>/dev/null; then printf '  %-13s STARTED, DID NOT END\n' "$m"
      else printf '  %-13s NOT STARTED\n' "$m"; fi
    done
    [ -f "$f" ] && jq -r '(.vulnerabilities, .anomalies, .additionals) | to_entries[] | select(.value | length > 0)
      | "  \(.key): \(.value | length)" , (.value[] | "    \(.method) \(.path) [\(.parameter)] \(.info | gsub("\n"; " ") | .[0:160])")' "$f"
  done
  echo; echo "sqlmap:"
  for f in "$OUT"/sqlmap/*.log; do
    n=$(basename "$f" .log)
    if grep -q "is vulnerable\|appears to be injectable\|sqlmap identified the following injection" "$f"; then r="INJECTABLE?"
    elif grep -q "all tested parameters do not appear to be injectable" "$f"; then r="not injectable"
    else r="inconclusive: $(grep -E '\[(CRITICAL|ERROR)\]|ended with' "$f" | tail -1 | cut -c1-140 || true)"; fi
    # An unchanged request already refused (403 for the wrong user, 400 for a bad body) means the target tested little.
    base=$(grep -o "responded with an HTTP error code ([0-9]*)" "$f" | head -1 | grep -o "[0-9][0-9][0-9]" || true)
    [ -z "$base" ] || r="$r (the unchanged request got $base)"
    echo "  $n: $r"
  done
} | tee "$OUT/summary.txt"
echo "== reports in $OUT"
