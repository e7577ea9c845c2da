#!/usr/bin/env bash
# Signs in through the login page and prints the auth cookie as "name=value".
#   bench/login.sh BASE_URL USER PASSWORD
set -euo pipefail
base=${1:?base url}; user=${2:?user}; password=${3:?password}
jar=$(mktemp); trap 'rm -f "$jar"' EXIT
token=$(curl -sf -c "$jar" "$base/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -sf -b "$jar" -c "$jar" -o /dev/null "$base/Account/Login" \
  --data-urlencode "Input.UserName=$user" --data-urlencode "Input.Password=$password" \
  --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "returnUrl=/"
cookie=$(awk '$6 ~ /^\.AspNetCore\.Identity|^lianfang|Auth/ {print $6"="$7}' "$jar" | head -1)
[ -n "$cookie" ] || { echo "login failed for $user" >&2; exit 1; }
echo "$cookie"
