# Shared by scripts/security-scan.sh and bench/soak.sh (source it, do not run it):
# start the Release build with demo data on a throwaway SQLite database, log in, stop it again.
#   lf_start DIR PORT      app in the background, pid in $LF_PID, waits for /healthz
#   lf_stop                stops that app (only that pid)
#   lf_cookie USER JAR     logs in through the Razor login page (antiforgery token) into a curl cookie jar
#   lf_token USER          prints a bearer token from POST /api/v1/auth/token
#   lf_publish_demo        approves and publishes 卫健委's unit list, so the public pages have something;
#                          sets LF_PUBLIC_UNIT, LF_PUBLIC_LIST and LF_VERIFY_CODE (a signature's code for /Verify)
# Variables: LF_BASE (http://127.0.0.1:PORT), LF_PASSWORD (demo password). Extra app settings come from the
# caller's environment (e.g. Lianfang__LoginPerMinute).

LF_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LF_PASSWORD=${LF_PASSWORD:-Lianfang-demo-2026}
LF_PID=

lf_build() {
  (cd "$LF_ROOT" && dotnet build Lianfang.slnx -c Release --nologo -v quiet) >/dev/null
}

lf_start() {
  local dir=$1 port=$2
  LF_BASE=http://127.0.0.1:$port
  mkdir -p "$dir"
  rm -f "$dir"/l.db "$dir"/l.db-*
  # The content root is the project directory (wwwroot, presets); everything written goes to $dir.
  (cd "$LF_ROOT/src/Lianfang.Web" && \
    Lianfang__Demo=true ConnectionStrings__Default="Data Source=$dir/l.db" Lianfang__IntegrityKeysPath="$dir/keys" \
    LIANFANG_ADMIN_PASSWORD="${LIANFANG_ADMIN_PASSWORD:-Scan-admin-$(date +%s)-pw}" \
    exec dotnet bin/Release/net10.0/Lianfang.Web.dll --urls "$LF_BASE") >"$dir/app.log" 2>&1 &
  LF_PID=$!
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "$LF_BASE/healthz" && return 0
    kill -0 "$LF_PID" 2>/dev/null || { echo "app exited, see $dir/app.log" >&2; tail -20 "$dir/app.log" >&2; return 1; }
    sleep 1
  done
  echo "app did not answer /healthz within 120 s" >&2; return 1
}

lf_stop() {
  [ -n "$LF_PID" ] && kill "$LF_PID" 2>/dev/null && wait "$LF_PID" 2>/dev/null
  LF_PID=
  return 0
}

lf_cookie() {
  local user=$1 jar=$2 token
  rm -f "$jar"
  token=$(curl -sf -c "$jar" -b "$jar" "$LF_BASE/Account/Login" \
    | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  [ -n "$token" ] || { echo "no antiforgery token on the login page" >&2; return 1; }
  local code
  code=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' -X POST "$LF_BASE/Account/Login" \
    --data-urlencode "Input.UserName=$user" --data-urlencode "Input.Password=$LF_PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "returnUrl=/")
  [ "$code" = 302 ] && grep -q $'\tlianfang\t' "$jar" || { echo "login as $user failed ($code)" >&2; return 1; }
}

# "name=value; name=value" of a curl cookie jar (HttpOnly lines start with #HttpOnly_).
lf_cookie_header() {
  awk -F'\t' 'NF==7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$1"
}

lf_token() {
  curl -sf -X POST "$LF_BASE/api/v1/auth/token" -H 'content-type: application/json' \
    -d "{\"userName\":\"$1\",\"password\":\"$LF_PASSWORD\"}" | jq -r .accessToken
}

lf_publish_demo() {
  local po pr ag he unit list until
  po=$(lf_token demo.partyoffice); pr=$(lf_token demo.principal); ag=$(lf_token demo.agency); he=$(lf_token demo.helper)
  unit=$(curl -sf -H "Authorization: Bearer $po" "$LF_BASE/api/v1/org-units" | jq -r '.[] | select(.name=="示范市卫生健康委员会") | .id')
  list=$(curl -sf -H "Authorization: Bearer $po" "$LF_BASE/api/v1/campaigns" | jq -r '.[0].id' \
    | xargs -I{} curl -sf -H "Authorization: Bearer $po" "$LF_BASE/api/v1/campaigns/{}/lists" \
    | jq -r ".[] | select(.scope==\"Unit\" and .orgUnitId==$unit) | .id")
  until=$(date -d '+300 days' +%F)
  local post=(curl -sf -o /dev/null -X POST -H 'content-type: application/json')
  # shaoxing-2018's unit list: 代表帮查、专家助查、纪检监察机构协查 (the party office invites a helper and closes the
  # stage once the helper and the agency have commented), 主要领导把关, 派驻机构审核 (the five items checked).
  "${post[@]}" -H "Authorization: Bearer $po" -d '{"comment":"提交审核"}' "$LF_BASE/api/v1/lists/$list/submit" &&
  "${post[@]}" -H "Authorization: Bearer $po" -d '{"userName":"demo.helper"}' "$LF_BASE/api/v1/lists/$list/invitations" &&
  "${post[@]}" -H "Authorization: Bearer $he" -d '{"comment":"建议增加供应商轮换机制"}' "$LF_BASE/api/v1/lists/$list/comments" &&
  "${post[@]}" -H "Authorization: Bearer $ag" -d '{"comment":"协查：无补充"}' "$LF_BASE/api/v1/lists/$list/comments" &&
  "${post[@]}" -H "Authorization: Bearer $po" -d '{"decision":"approve","comment":"同意"}' "$LF_BASE/api/v1/lists/$list/review" &&
  "${post[@]}" -H "Authorization: Bearer $pr" -d '{"decision":"approve","comment":"同意"}' "$LF_BASE/api/v1/lists/$list/review" &&
  "${post[@]}" -H "Authorization: Bearer $ag" -d '{"decision":"approve","comment":"同意","checkedItems":["description","measures","supervision","level","responsible"]}' "$LF_BASE/api/v1/lists/$list/review" &&
  "${post[@]}" -H "Authorization: Bearer $po" -d "{\"until\":\"$until\"}" "$LF_BASE/api/v1/lists/$list/publish" ||
    { echo "publishing the demo unit list $list failed" >&2; return 1; }
  LF_PUBLIC_UNIT=$unit LF_PUBLIC_LIST=$list
  LF_VERIFY_CODE=$(curl -sf -H "Authorization: Bearer $po" "$LF_BASE/api/v1/lists/$list/history" | jq -r '.[-1].verificationCode')
}
