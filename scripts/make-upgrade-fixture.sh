#!/usr/bin/env bash
# Remakes the upgrade fixture (tests/Lianfang.Web.Tests/Deployment/upgrade-fixture/): a database written by a release,
# which the upgrade tests bring up to the current code and check nothing was lost.
#   scripts/make-upgrade-fixture.sh [COMMIT]     (default HEAD; as root, with PostgreSQL installed)
# COMMIT is checked out in a temporary git worktree and built there, so the data is written by that release's code.
# For each provider it starts that build with demo data on a fresh database, then writes through the API what every
# table holds: a list signed at every stage with a 审定 that changed a level, its 公示 (SM2 sealed), a list waiting in
# review, a complaint, an inspection with a finding, rectification and evidence file, a disposition and 廉政档案 entries,
# a power with its flow, a 制度, an assessment, a 责任书, a unit's own scheme, a 002 campaign (交叉互查 pairs), the
# password policy, warnings and demo.staff's two-step verification. Output: lianfang.db.gz (SQLite), lianfang.sql.gz
# (pg_dump, plain SQL), the 廉政档案 key ring of each (keys-sqlite/, keys-postgres/) and manifest.json (what the tests expect to find).
set -euo pipefail
shopt -s inherit_errexit  # a failing call inside $(write_data) stops the script too
root=$(cd "$(dirname "$0")/.." && pwd)
ref=${1:-HEAD}
commit=$(git -C "$root" rev-parse "$ref")
out=$root/tests/Lianfang.Web.Tests/Deployment/upgrade-fixture
work=$(mktemp -d)
chmod 755 "$work"  # the postgres user reaches its data directory inside
pg_dir=$work/pg
app_pid=
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  [ -d "$pg_dir/data" ] && "$root/scripts/postgres.sh" stop "$pg_dir" >/dev/null 2>&1
  git -C "$root" worktree remove --force "$work/src" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ -n "${LIANFANG_FIXTURE_SOURCE:-}" ]; then
  # a checkout of COMMIT already built in Release (saves the build when one is at hand)
  [ "$(git -C "$LIANFANG_FIXTURE_SOURCE" rev-parse HEAD)" = "$commit" ] || { echo "$LIANFANG_FIXTURE_SOURCE is not at $commit" >&2; exit 1; }
  web=$LIANFANG_FIXTURE_SOURCE/src/Lianfang.Web
else
  echo "building $commit"
  git -C "$root" worktree add -q --detach "$work/src" "$commit"
  (cd "$work/src" && dotnet build src/Lianfang.Web -c Release --nologo -v quiet) >"$work/build.log" 2>&1 || { tail -30 "$work/build.log"; exit 1; }
  web=$work/src/src/Lianfang.Web
fi

mkdir -p "$pg_dir"
pg=$("$root/scripts/postgres.sh" start "$pg_dir")
admin_pw=Fixture-admin-2026
demo_pw=Lianfang-demo-2026
port=$(shuf -i 20000-29999 -n 1)
base=http://127.0.0.1:$port

start_app() { # provider, connection string, keys dir
  (cd "$web" && Database__Provider=$1 ConnectionStrings__Default=$2 Lianfang__IntegrityKeysPath=$3 Lianfang__Demo=true \
    LIANFANG_ADMIN_PASSWORD=$admin_pw LIANFANG_SECURITY_ADMIN_PASSWORD=$admin_pw LIANFANG_AUDITOR_PASSWORD=$admin_pw \
    Lianfang__Security__MfaRequiredFor= Lianfang__Security__Password__ChangeInitial=false Lianfang__Warnings__SweepMinutes=0 Lianfang__LoginPerMinute=10000 \
    exec dotnet bin/Release/net10.0/Lianfang.Web.dll --urls "$base") >"$work/app-$1.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "$base/healthz" && return 0
    kill -0 "$app_pid" 2>/dev/null || { tail -30 "$work/app-$1.log"; return 1; }
    sleep 1
  done
  echo "app did not start" >&2; return 1
}
stop_app() { kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=; }

# api METHOD PATH TOKEN [JSON] → the response body; any status outside 2xx stops the script with the body.
api() {
  local res code
  res=$(curl -s -w '\n%{http_code}' -X "$1" "$base$2" -H "Authorization: Bearer $3" -H 'content-type: application/json' ${4:+-d "$4"})
  code=${res##*$'\n'}; res=${res%$'\n'*}
  [[ $code == 2* ]] || { echo "$1 $2 → $code: $res" >&2; return 1; }
  printf '%s' "$res"
}
token() {
  local t
  t=$(curl -s -X POST "$base/api/v1/auth/token" -H 'content-type: application/json' -d "{\"userName\":\"$1\",\"password\":\"${2:-$demo_pw}\"}")
  jq -er .accessToken <<<"$t" || { echo "no token for $1: $t" >&2; return 1; }
}

write_data() { # → manifest fragment for this provider on stdout
  local po pr ag he cm st dh ad sa health finance list points p1 until pub inspection finding rect evidence_sha wang power
  po=$(token demo.partyoffice); pr=$(token demo.principal); ag=$(token demo.agency); he=$(token demo.helper)
  cm=$(token demo.commission); st=$(token demo.staff); ad=$(token admin $admin_pw); sa=$(token secadmin $admin_pw)
  health=$(api GET /api/v1/org-units "$po" | jq -r '.[] | select(.name=="示范市卫生健康委员会") | .id')
  finance=$(api GET /api/v1/org-units "$po" | jq -r ".[] | select(.name==\"财务处\" and .parentId==$health) | .id")
  local campaign; campaign=$(api GET /api/v1/campaigns "$po" | jq -r '.[0].id')
  list=$(api GET "/api/v1/campaigns/$campaign/lists" "$po" | jq -r ".[] | select(.scope==\"Unit\" and .orgUnitId==$health) | .id")
  points=$(api GET "/api/v1/lists/$list" "$po" | jq -c '[.riskPoints[].id]')
  p1=$(jq -r '.[0]' <<<"$points")

  # The unit list through every stage of shaoxing-2018, the 审定 lowering one level (a signed change), then 公示.
  api POST "/api/v1/lists/$list/submit" "$po" '{"comment":"提交审核"}' >/dev/null
  api POST "/api/v1/lists/$list/invitations" "$po" '{"userName":"demo.helper"}' >/dev/null
  api POST "/api/v1/lists/$list/comments" "$he" '{"comment":"建议增加供应商轮换机制"}' >/dev/null
  api POST "/api/v1/lists/$list/comments" "$ag" '{"comment":"协查：无补充"}' >/dev/null
  api POST "/api/v1/lists/$list/review" "$po" '{"decision":"approve","comment":"同意"}' >/dev/null
  api POST "/api/v1/lists/$list/review" "$pr" "{\"decision\":\"approve\",\"comment\":\"同意，调整一项等级\",\"levels\":[{\"pointId\":$p1,\"levelCode\":\"general\",\"reason\":\"已有集体决策制度\"}]}" >/dev/null
  api POST "/api/v1/lists/$list/review" "$ag" '{"decision":"approve","comment":"同意","checkedItems":["description","measures","supervision","level","responsible"]}' >/dev/null
  until=$(date -d '+300 days' +%F)
  api POST "/api/v1/lists/$list/publish" "$po" "{\"until\":\"$until\"}" >/dev/null

  # The staff member's own list with a 公开承诺, signed and waiting at its first stage.
  wang=$(api GET "/api/v1/org-units/$finance/people" "$po" | jq -r '.[] | select(.name=="王芳") | .id')
  local own; own=$(api GET "/api/v1/campaigns/$campaign/lists" "$po" | jq -r ".[] | select(.personId==$wang) | .id")
  api PUT "/api/v1/lists/$own/commitment" "$st" "{\"text\":\"严格落实防控措施，接受监督\",\"version\":$(api GET "/api/v1/lists/$own" "$st" | jq .version)}" >/dev/null
  api POST "/api/v1/lists/$own/submit" "$st" '{"comment":"本人提交"}' >/dev/null

  # Supervision: a complaint, an inspection with a finding, its rectification with evidence, reported and verified.
  local complaint; complaint=$(api POST /api/v1/complaints "$po" "{\"orgUnitId\":$health,\"riskPointId\":$p1,\"content\":\"反映采购中心询价不规范\",\"contactName\":\"匿名\"}" | jq -r .id)
  api POST "/api/v1/complaints/$complaint/triage" "$po" "{\"status\":\"Accepted\",\"note\":\"受理\",\"version\":$(api GET /api/v1/complaints "$po" | jq "(.items? // .)[] | select(.id==$complaint) | .version")}" >/dev/null
  inspection=$(api POST /api/v1/inspections "$ag" "{\"type\":\"SiteVisit\",\"orgUnitId\":$health,\"riskPointIds\":[$p1],\"subject\":\"实地走访采购中心\",\"record\":\"查阅询价记录\"}" | jq -r .id)
  local head; head=$(api GET "/api/v1/org-units/$finance/people" "$po" | jq -r '.[] | select(.name=="赵强") | .id')
  finding=$(api POST "/api/v1/inspections/$inspection/findings" "$ag" \
    "{\"description\":\"询价记录不完整\",\"riskPointId\":$p1,\"rectification\":{\"ownerOrgUnitId\":$finance,\"ownerPersonId\":$head,\"task\":\"补齐询价记录\",\"deadline\":\"$(date -d '+30 days' +%F)\"}}")
  rect=$(api GET /api/v1/rectifications "$ag" | jq -r '(.items? // .)[0].id')
  printf '%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%%%EOF\n' >"$work/evidence.pdf"
  evidence_sha=$(sha256sum "$work/evidence.pdf" | cut -d' ' -f1)
  local dh; dh=$(token demo.depthead)
  local res; res=$(curl -s -w '\n%{http_code}' -H "Authorization: Bearer $dh" -F "file=@$work/evidence.pdf;filename=整改材料.pdf" "$base/api/v1/rectifications/$rect/evidence")
  [[ ${res##*$'\n'} == 2* ]] || { echo "evidence upload → $res" >&2; return 1; }
  api POST "/api/v1/rectifications/$rect/submit" "$dh" '{"report":"已补齐询价记录"}' >/dev/null
  api POST "/api/v1/rectifications/$rect/verify" "$ag" '{"passed":true,"comment":"通过"}' >/dev/null
  api POST /api/v1/dispositions "$ag" "{\"personId\":$wang,\"form\":1,\"measure\":\"谈话提醒\",\"reason\":\"报销把关不严\",\"decidedOn\":\"$(date +%F)\"}" >/dev/null
  api POST "/api/v1/people/$wang/integrity-file/entries" "$st" '{"type":"Income","content":"年收入 123456 元"}' >/dev/null

  # Powers, 制度, assessment, 责任书, an own scheme, a 002 campaign (its 交叉互查 pairs), the password policy, warnings.
  power=$(api POST /api/v1/powers "$po" "{\"orgUnitId\":$health,\"category\":\"Licensing\",\"name\":\"医疗机构执业许可\",\"basis\":\"《医疗机构管理条例》\",\"disclosureScope\":\"Public\"}" | jq -r .id)
  api PUT "/api/v1/powers/$power/flow" "$po" "{\"steps\":[{\"key\":\"accept\",\"name\":\"受理\",\"actor\":\"窗口\"},{\"key\":\"decide\",\"name\":\"决定\",\"actor\":\"分管领导\"}],\"edges\":[{\"from\":\"accept\",\"to\":\"decide\"}],\"version\":$(api GET "/api/v1/powers/$power" "$po" | jq .power.version)}" >/dev/null
  api POST /api/v1/internal-rules "$po" "{\"campaignId\":$campaign,\"orgUnitId\":$health,\"name\":\"《报销管理办法》\",\"change\":\"New\",\"adoptedOn\":\"$(date +%F)\",\"riskPointIds\":[$p1]}" >/dev/null
  api POST "/api/v1/org-units/$health/responsibility-letters" "$po" "{\"personId\":$head,\"year\":$(date +%Y),\"duties\":\"落实本处室党风廉政建设责任\",\"issuedBy\":\"陈刚\",\"signedOn\":\"$(date +%F)\"}" >/dev/null
  api POST /api/v1/schemes "$po" "{\"basedOn\":\"shaoxing-2018\",\"code\":\"fixture-own\",\"name\":\"卫健委廉政风险防控方案\",\"orgUnitId\":$health}" >/dev/null
  api POST /api/v1/campaigns "$po" "{\"name\":\"交叉互查试点\",\"year\":$(date +%Y),\"schemeCode\":\"lianyun-finance\",\"rootOrgUnitId\":$health,\"deadline\":\"$(date -d '+60 days' +%F)\"}" >/dev/null
  # 003 (longsheng-2012) states a quarterly self-assessment: a campaign of it over the unit, then the unit's self-check.
  api POST /api/v1/campaigns "$po" "{\"name\":\"季度自查试点\",\"year\":$(date +%Y),\"schemeCode\":\"longsheng-2012\",\"rootOrgUnitId\":$health,\"deadline\":\"$(date -d '+60 days' +%F)\"}" >/dev/null
  api POST /api/v1/assessments "$po" "{\"orgUnitId\":$health,\"year\":$(date +%Y),\"kind\":\"Quarterly\",\"quarter\":1,\"items\":[{\"score\":25},{\"score\":25},{\"score\":25},{\"score\":25}]}" >/dev/null
  api PUT /api/v1/security/password-policy "$sa" '{"minLength":12,"expiryDays":90,"changeInitial":false,"maxFailedAttempts":5,"lockoutMinutes":15,"version":0}' >/dev/null
  api POST /api/v1/warnings/sweep "$ad" >/dev/null

  # demo.staff turns on two-step verification on 安全设置 (the authenticator key and recovery codes: UserTokens).
  local jar=$work/jar af totp_key
  rm -f "$jar"
  af=$(curl -sf -c "$jar" -b "$jar" "$base/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -sf -c "$jar" -b "$jar" -o /dev/null -X POST "$base/Account/Login" --data-urlencode "Input.UserName=demo.staff" \
    --data-urlencode "Input.Password=$demo_pw" --data-urlencode "__RequestVerificationToken=$af" --data-urlencode "returnUrl=/"
  local manage; manage=$(curl -sf -c "$jar" -b "$jar" "$base/Account/Manage")
  totp_key=$(grep -o '<code class="fs-6">[^<]*</code>' <<<"$manage" | sed 's/<[^>]*>//g; s/ //g')
  af=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$manage" | head -1 | sed 's/.*value="//;s/"$//')
  curl -sf -c "$jar" -b "$jar" -o /dev/null -X POST "$base/Account/Manage?handler=Enable" \
    --data-urlencode "code=$(totp "$totp_key")" --data-urlencode "__RequestVerificationToken=$af"
  curl -s -X POST "$base/api/v1/auth/token" -H 'content-type: application/json' -d "{\"userName\":\"demo.staff\",\"password\":\"$demo_pw\"}" \
    | grep -q 需要动态验证码 || { echo "two-step verification was not enabled for demo.staff" >&2; return 1; }

  # What the upgrade test checks afterwards.
  local history
  history=$(api GET "/api/v1/lists/$list/history" "$po")
  jq -n --argjson list "$list" --argjson own "$own" --argjson points "$points" --argjson history "$history" \
    --argjson rect "$rect" --arg sha "$evidence_sha" --argjson wang "$wang" --argjson power "$power" --arg totp "$totp_key" \
    '{list: $list, ownList: $own, points: $points, rectification: $rect, evidenceSha256: $sha, person: $wang, power: $power, staffTotpKey: $totp,
      signatures: [$history[] | select(.verificationCode != null) | {code: .verificationCode, stage, decision, contentHash}]}'
}

# totp BASE32KEY → the RFC 6238 code of now, as an authenticator app shows it
totp() { python3 -c 'import base64,hmac,struct,sys,time
k=base64.b32decode(sys.argv[1].upper()+"="*(-len(sys.argv[1])%8)); h=hmac.new(k,struct.pack(">Q",int(time.time())//30),"sha1").digest()
o=h[-1]&15; print("%06d"%((struct.unpack(">I",h[o:o+4])[0]&0x7fffffff)%1000000))' "$1"; }

count_sqlite() { sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'RiskPointsFts_%' AND name <> '__EFMigrationsLock' ORDER BY name" \
  | while read -r t; do echo "$t $(sqlite3 "$1" "SELECT count(*) FROM \"$t\"")"; done; }

rm -rf "$out.new"; mkdir -p "$out.new"
echo "SQLite"
start_app Sqlite "Data Source=$work/lianfang.db" "$out.new/keys-sqlite"
sqlite=$(write_data)
stop_app
count_sqlite "$work/lianfang.db" >"$work/counts-sqlite"
sqlite3 "$work/lianfang.db" "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE; VACUUM;" >/dev/null
gzip -9 -c "$work/lianfang.db" >"$out.new/lianfang.db.gz"

echo "PostgreSQL"
psql_() { "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/$1" -h 127.0.0.1 -p "$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$pg")" -U lianfang "${@:2}"; }
psql_ psql -d postgres -qc "CREATE DATABASE lianfang_fixture" >/dev/null
start_app Postgres "${pg/Database=postgres/Database=lianfang_fixture}" "$out.new/keys-postgres"
postgres=$(write_data)
stop_app
psql_ pg_dump -d lianfang_fixture --no-owner --no-privileges | gzip -9 >"$out.new/lianfang.sql.gz"

jq -n --arg commit "$commit" --arg made "$(date -u +%FT%TZ)" --arg pw "$demo_pw" --arg admin "$admin_pw" \
  --argjson sqlite "$sqlite" --argjson postgres "$postgres" \
  '{commit: $commit, made: $made, password: $pw, adminPassword: $admin, sqlite: $sqlite, postgres: $postgres}' >"$out.new/manifest.json"
rm -rf "$out"; mv "$out.new" "$out"
echo "Rows per table (SQLite):"; column -t "$work/counts-sqlite"
empty=$(awk '$2 == 0 { print $1 }' "$work/counts-sqlite" | tr '\n' ' ')
[ -z "$empty" ] || echo "Tables left empty: $empty"
du -sh "$out"/*
