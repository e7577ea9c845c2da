#!/usr/bin/env bash
# External scans of the running app, logged in: wapiti (crawl + attack modules) and sqlmap (chosen parameters
# of pages, forms and API). Starts the Release build with demo data on a throwaway SQLite database on 127.0.0.1,
# publishes one demo list (so the public pages exist), logs in, scans, stops the app.
# Reports go to artifacts/scans/ (gitignored): wapiti-<user>.json, sqlmap/<target>.log, app.log, summary.txt.
#
#   scripts/security-scan.sh                      # everything, about 30-40 minutes on 2 cores
#   WAPITI_USERS=demo.partyoffice SQLMAP_TARGETS="register api-risk-points" scripts/security-scan.sh
#
# Settings (environment): PORT (5099), SKIP_BUILD=1, WAPITI_USERS ("demo.partyoffice demo.commission"; "" for none),
# WAPITI_CRAWL_TIME (180 s per user), WAPITI_ATTACK_TIME (45 s per module), SQLMAP_TIME (300 s per target),
# SQLMAP_TARGETS (all; names below), SQLMAP_LEVEL (2), SQLMAP_RISK (1).
# Needs root (or sudo) once to install wapiti, sqlmap, jq with apt-get.
set -euo pipefail
. "$(dirname "$0")/lib-app.sh"
cd "$LF_ROOT"

PORT=${PORT:-5099}
OUT=$LF_ROOT/artifacts/scans
WORK=$(mktemp -d /tmp/lianfang-scan.XXXXXX)
WAPITI_USERS=${WAPITI_USERS-demo.partyoffice demo.commission}  # empty: no wapiti
WAPITI_CRAWL_TIME=${WAPITI_CRAWL_TIME:-180}
WAPITI_ATTACK_TIME=${WAPITI_ATTACK_TIME:-45}
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
trap 'lf_stop; cp "$WORK/app.log" "$OUT/app.log" 2>/dev/null; rm -rf "$WORK"' EXIT
echo "== app on $PORT (data in $WORK)"
lf_start "$WORK" "$PORT"
lf_publish_demo
B=$LF_BASE
echo "   published list $LF_PUBLIC_LIST of unit $LF_PUBLIC_UNIT, verification code $LF_VERIFY_CODE"

# ---------------------------------------------------------------- wapiti
# Debian's wapiti 3.0.4 on Python 3.11 crashes on any -x (its wildcard regex puts "(?ms)" at the end,
# which 3.11 refuses), so it runs with that one function fixed.
WAPITI_PY='
import re, sys
import wapitiCore.net.crawler as crawler
crawler.wildcard_translate = lambda p: re.compile("(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in p) + r"\Z")
from importlib.metadata import distribution
main = next(e for e in distribution("wapiti3").entry_points if e.group == "console_scripts" and e.name == "wapiti").load()
sys.argv[0] = "wapiti"
sys.exit(main())'
for user in $WAPITI_USERS; do
  echo "== wapiti as $user (crawl ${WAPITI_CRAWL_TIME}s, ${WAPITI_ATTACK_TIME}s per module)"
  lf_cookie "$user" "$WORK/$user.jar"
  # wapiti's JSON cookie file: {domain: {path: {name: {value, expires, secure, port, version}}}}
  awk -F'\t' 'NF==7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { print $6 "\t" $7 }' "$WORK/$user.jar" \
    | jq -R -s 'split("\n") | map(select(length > 0) | split("\t")) | {"127.0.0.1": {"/": (map({(.[0]): {value: .[1], expires: null, secure: false, port: null, version: 0}}) | add)}}' \
    > "$WORK/$user.cookies.json"
  token=$(lf_token "$user")
  starts=(/ /Register "/Register?q=审批&categoryCode=decision&levelCode=important&sort=level" "/Lists/Edit?id=$LF_PUBLIC_LIST"
          /Inbox /Reports/Dashboard /Org /Supervision /Complaints /Warnings /Powers /Audit /Schemes /Campaigns
          "/public/units/$LF_PUBLIC_UNIT" "/public/feedback?unit=$LF_PUBLIC_UNIT" "/Verify?code=$LF_VERIFY_CODE"
          "/api/v1/risk-points?q=审批" "/api/v1/reports/summary?orgUnitId=$LF_PUBLIC_UNIT" /api/v1/inbox /openapi/v1.json)
  sargs=(); for s in "${starts[@]}"; do sargs+=(-s "$B$s"); done
  # Logout would end the session; the bearer header only counts under /api (the cookie everywhere else).
  timeout $((WAPITI_CRAWL_TIME + 20 * WAPITI_ATTACK_TIME + 300)) /usr/bin/python3 -c "$WAPITI_PY" -u "$B/" --scope folder "${sargs[@]}" \
    -c "$WORK/$user.cookies.json" -H "Authorization: Bearer $token" \
    -x "$B/Account/Logout*" -x "$B/Account/Login*" \
    -m "sql,blindsql,xss,permanentxss,exec,file,redirect,crlf,csrf,methods,http_headers,cookieflags,csp,backup,htaccess" \
    --max-scan-time "$WAPITI_CRAWL_TIME" --max-attack-time "$WAPITI_ATTACK_TIME" --max-links-per-page 60 -t 30 \
    --flush-session --store-session "$WORK/wapiti-session" --store-config "$WORK/wapiti-config" --no-bugreport \
    -f json -o "$OUT/wapiti-$user.json" -v 1 > "$OUT/wapiti-$user.log" 2>&1 || echo "   wapiti ended with $?"
  kill -0 "$LF_PID" 2>/dev/null && curl -sf -o /dev/null -b "$WORK/$user.jar" "$B/Inbox" \
    || echo "   WARNING: app down or session gone after wapiti"
done

# ---------------------------------------------------------------- sqlmap
echo "== sqlmap (level $SQLMAP_LEVEL, risk $SQLMAP_RISK, ${SQLMAP_TIME}s per target)"
lf_cookie demo.partyoffice "$WORK/po.jar"; lf_cookie demo.commission "$WORK/cm.jar"; lf_cookie demo.admin "$WORK/ad.jar"
PO_COOKIE=$(lf_cookie_header "$WORK/po.jar"); CM_COOKIE=$(lf_cookie_header "$WORK/cm.jar"); AD_COOKIE=$(lf_cookie_header "$WORK/ad.jar")
PO_TOKEN=$(lf_token demo.partyoffice); CM_TOKEN=$(lf_token demo.commission)
# A draft list the party office writes (the unit list of 人民医院), for the point editor and the point API.
DRAFT=$(curl -sf -H "Authorization: Bearer $PO_TOKEN" "$B/api/v1/campaigns/1/lists" \
  | jq -r "[.[] | select(.scope==\"Unit\" and .status==\"Draft\" and .id != $LF_PUBLIC_LIST)][0].id")

sqlmap_run() { # name, then sqlmap arguments
  local name=$1; shift
  case " ${SQLMAP_TARGETS:-all} " in *" all "*|*" $name "*) ;; *) return 0 ;; esac
  echo "   $name"
  # --csrf-url (forms) does not go with --threads
  local threads=(--threads 4); case " $* " in *" --csrf-url "*) threads=() ;; esac
  TERM=dumb timeout "$SQLMAP_TIME" sqlmap --batch --level "$SQLMAP_LEVEL" --risk "$SQLMAP_RISK" "${threads[@]}" --flush-session \
    --output-dir "$WORK/sqlmap" --disable-coloring --timeout 30 "$@" > "$OUT/sqlmap/$name.log" 2>&1 \
    || echo "     (ended with $?; 124 = time limit)" | tee -a "$OUT/sqlmap/$name.log"
}
PO=(--cookie "$PO_COOKIE" --drop-set-cookie)
API=(--headers "Authorization: Bearer $PO_TOKEN")

sqlmap_run register      "${PO[@]}" -u "$B/Register?campaignId=1&orgUnitId=$LF_PUBLIC_UNIT&q=审批事项&categoryCode=decision&levelCode=important&sort=level&page=1" -p "q,categoryCode,levelCode,sort,orgUnitId"
sqlmap_run register-q2   "${PO[@]}" -u "$B/Register?q=审批" -p q   # two characters: the LIKE path instead of FTS5
sqlmap_run org-search    "${PO[@]}" -u "$B/Org?id=$LF_PUBLIC_UNIT&q=财务" -p q
sqlmap_run warnings      "${PO[@]}" -u "$B/Warnings?rule=overdue" -p rule
sqlmap_run scheme        "${PO[@]}" -u "$B/Schemes/Detail?code=shaoxing-2018" -p code
sqlmap_run suggest       "${PO[@]}" -u "$B/Lists/Edit?id=$DRAFT&handler=Suggest&Input.CategoryCode=decision" -p "Input.CategoryCode"
sqlmap_run audit-page    --cookie "$CM_COOKIE" --drop-set-cookie -u "$B/Audit?entityType=RiskList&userName=demo.partyoffice" -p "entityType,userName"
sqlmap_run admin-users   --cookie "$AD_COOKIE" --drop-set-cookie -u "$B/Admin/Users?q=demo" -p q
sqlmap_run verify        -u "$B/Verify?code=$LF_VERIFY_CODE" -p code
sqlmap_run public-unit   -u "$B/public/units/$LF_PUBLIC_UNIT*"
sqlmap_run api-risk-points "${API[@]}" -u "$B/api/v1/risk-points?campaignId=1&orgUnitId=$LF_PUBLIC_UNIT&q=审批事项&categoryCode=decision&levelCode=important&sort=level&page=1&pageSize=50" -p "q,categoryCode,levelCode,sort"
sqlmap_run api-list-points "${API[@]}" -u "$B/api/v1/lists/$LF_PUBLIC_LIST/risk-points?q=审批&categoryCode=decision&levelCode=important&sort=level" -p "q,categoryCode,levelCode,sort"
sqlmap_run api-warnings  "${API[@]}" -u "$B/api/v1/warnings?orgUnitId=$LF_PUBLIC_UNIT&rule=overdue" -p rule
sqlmap_run api-audit     --headers "Authorization: Bearer $CM_TOKEN" -u "$B/api/v1/audit?entityType=RiskList&userName=demo.partyoffice" -p "entityType,userName"
sqlmap_run api-scheme    "${API[@]}" -u "$B/api/v1/schemes/shaoxing-2018*"
# Forms: sqlmap fetches a fresh antiforgery token (and cookie) from the page before every request.
# The login uses an unknown user name, so no demo account gets locked out.
sqlmap_run login         -u "$B/Account/Login" --data "Input.UserName=scan.nobody&Input.Password=not-the-password&returnUrl=%2F&__RequestVerificationToken=x" \
  --csrf-token __RequestVerificationToken --csrf-url "$B/Account/Login" -p "Input.UserName,Input.Password,returnUrl"
# A wrong password answers 401, which sqlmap takes for "stop" unless told otherwise.
sqlmap_run api-token     --ignore-code 401 -u "$B/api/v1/auth/token" --data '{"userName":"scan.nobody","password":"not-the-password","totpCode":"123456"}' -p "userName,password,totpCode"
sqlmap_run feedback      -u "$B/public/feedback?unit=$LF_PUBLIC_UNIT" --data "Input.Content=窗口办事要好处费&Input.ContactName=张三&Input.Contact=13800000000&__RequestVerificationToken=x" \
  --csrf-token __RequestVerificationToken --csrf-url "$B/public/feedback?unit=$LF_PUBLIC_UNIT" -p "Input.Content,Input.ContactName,Input.Contact"
sqlmap_run point-form    "${PO[@]}" -u "$B/Lists/Edit?id=$DRAFT" \
  --data "Input.CategoryCode=decision&Input.LevelCode=normal&Input.Description=采购验收把关不严&Input.Manifestation=验收走过场&Input.Measures=1．双人验收&Input.Basis=制度&Input.Focus=验收&Input.Leader=孙伟&Input.Persons=王芳&__RequestVerificationToken=x" \
  --csrf-token __RequestVerificationToken --csrf-url "$B/Lists/Edit?id=$DRAFT" -p "Input.CategoryCode,Input.LevelCode,Input.Description,Input.Leader"
sqlmap_run api-point     "${API[@]}" -u "$B/api/v1/lists/$DRAFT/risk-points" \
  --data '{"categoryCode":"decision","levelCode":"normal","description":"采购验收把关不严","manifestation":"验收走过场","sources":["单位自查"],"measures":[{"text":"双人验收"}],"supervision":{"basis":"制度","focus":"验收","methods":["查阅资料"]},"responsible":{"leader":"孙伟","department":null,"persons":["王芳"]}}' \
  -p "categoryCode,levelCode,description"

# ---------------------------------------------------------------- summary
{
  echo "Scan of $(git rev-parse --short HEAD 2>/dev/null || echo '?') on $(date -Is)"
  for user in $WAPITI_USERS; do
    f=$OUT/wapiti-$user.json
    echo; echo "wapiti as $user: $(jq '[.infos.crawled_pages // empty] | length' "$f" 2>/dev/null || echo '?') crawled pages"
    [ -f "$f" ] && jq -r '(.vulnerabilities, .anomalies, .additionals) | to_entries[] | select(.value | length > 0)
      | "  \(.key): \(.value | length)" , (.value[] | "    \(.method) \(.path) [\(.parameter)] \(.info | gsub("\n"; " ") | .[0:160])")' "$f"
  done
  echo; echo "sqlmap:"
  for f in "$OUT"/sqlmap/*.log; do
    n=$(basename "$f" .log)
    if grep -q "is vulnerable\|appears to be injectable\|sqlmap identified the following injection" "$f"; then r="INJECTABLE?"
    elif grep -q "all tested parameters do not appear to be injectable" "$f"; then r="not injectable"
    else r="inconclusive: $(grep -E '\[(CRITICAL|ERROR)\]|ended with' "$f" | tail -1 | cut -c1-140 || true)"; fi
    echo "  $n: $r"
  done
} | tee "$OUT/summary.txt"
echo "== reports in $OUT"
