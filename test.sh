#!/usr/bin/env bash
# Runs every test: unit, integration (SQLite and PostgreSQL) and browser tests.
# Installs what the tests need when missing (Chromium, CJK fonts, PostgreSQL, OpenLDAP; apt-get as root)
# and starts a throwaway PostgreSQL and OpenLDAP (slapd) on 127.0.0.1 for the run.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-test-deps.sh

pg_dir=$(mktemp -d)
ldap_dir=$(mktemp -d)
cleanup() {
  scripts/postgres.sh stop "$pg_dir" >/dev/null 2>&1 || true; rm -rf "$pg_dir"
  scripts/slapd.sh stop "$ldap_dir" >/dev/null 2>&1 || true; rm -rf "$ldap_dir"
}
trap cleanup EXIT
export LIANFANG_TEST_POSTGRES=$(scripts/postgres.sh start "$pg_dir")
export LIANFANG_TEST_LDAP=$(scripts/slapd.sh start "$ldap_dir")
export LDAPTLS_CACERT="$ldap_dir/cert.pem" # the LDAPS test trusts the throwaway server's certificate, as a site trusts its CA

dotnet tool restore >/dev/null
dotnet build Lianfang.slnx -c Release --nologo -v quiet
# Each provider's migrations must match the model.
for ctx in SqliteAppDbContext PostgresAppDbContext; do
  dotnet ef migrations has-pending-model-changes --project src/Lianfang.Web --context "$ctx" --no-build --configuration Release >/dev/null \
    || { echo "Pending model changes for $ctx: run scripts/add-migration.sh <Name>" >&2; exit 1; }
done
# Each project's whole report is kept in artifacts/test-logs; a failure is repeated at the end, where a log's tail shows it.
logs=artifacts/test-logs
mkdir -p "$logs"
failed=()
for project in tests/Lianfang.Core.Tests tests/Lianfang.Web.Tests tests/Lianfang.BrowserTests; do
  log="$logs/$(basename "$project").log"
  if ! dotnet test "$project" -c Release --no-build --nologo --logger "console;verbosity=normal" "$@" 2>&1 \
      | tee "$log" | grep -vE '^\s+(Passed|Test run for|A total of)'; then
    failed+=("$project")
  fi
done
if ((${#failed[@]})); then
  for project in "${failed[@]}"; do
    echo "=== Failed in $project (whole report: $logs/$(basename "$project").log) ==="
    # a failure's block: its "Failed <name>" line, the message and the first lines of the stack trace
    awk '/^  Failed [A-Za-z]/ {n = 40} n > 0 {print; n--}' "$logs/$(basename "$project").log"
  done
  exit 1
fi
echo "All tests passed."
