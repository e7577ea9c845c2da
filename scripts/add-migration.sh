#!/usr/bin/env bash
# Adds a migration to both providers: scripts/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh <MigrationName>}
dotnet tool restore >/dev/null
for p in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project src/Lianfang.Web --context "${p}AppDbContext" --output-dir "Data/Migrations/$p"
done
