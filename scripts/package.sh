#!/usr/bin/env bash
# Builds the offline release: artifacts/lianfang-<version>-linux-x64.tar.gz with the self-contained app (no .NET or npm
# on the target), its front-end files, bin/lianfang, install.sh, a systemd unit, an nginx site and a README.
#   scripts/package.sh [--out DIR]        (version: LIANFANG_VERSION, else <commit date>.<short commit>)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/artifacts
[ "${1:-}" = --out ] && out=$(mkdir -p "$2" && cd "$2" && pwd)
cd "$root"
dirty=$(git status --porcelain --untracked-files=no | grep -q . && echo -dirty || true)
version=${LIANFANG_VERSION:-$(git log -1 --format=%cd --date=format:%Y.%m.%d).$(git rev-parse --short=7 HEAD)$dirty}
name=lianfang-$version
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# The runtime packs come from NuGet at build time; the target needs nothing but the Debian libraries in the README.
dotnet publish src/Lianfang.Web -c Release -r linux-x64 --self-contained -p:InformationalVersion="$version" \
  -p:DebugType=none -p:GenerateDocumentationFile=false -p:EnforceCodeStyleInBuild=false -o "$stage/$name/app" --nologo -v quiet
# npm's manifests are published as content; the files they brought are in wwwroot/lib already.
rm -f "$stage/$name/app/package.json" "$stage/$name/app/package-lock.json"
[ -f "$stage/$name/app/wwwroot/lib/bootstrap/bootstrap.min.css" ] || { echo "wwwroot/lib is missing from the publish" >&2; exit 1; }

mkdir -p "$stage/$name/bin" "$stage/$name/etc"
install -m 755 deploy/install.sh "$stage/$name/install.sh"
install -m 755 deploy/lianfang "$stage/$name/bin/lianfang"
cp deploy/lianfang.env deploy/lianfang@.service deploy/nginx-lianfang.conf "$stage/$name/etc/"
sed "s/@VERSION@/$version/g" deploy/README.md >"$stage/$name/README.md"
echo "$version" >"$stage/$name/VERSION"

mkdir -p "$out"
tar -C "$stage" -czf "$out/$name-linux-x64.tar.gz.tmp" "$name"
mv "$out/$name-linux-x64.tar.gz.tmp" "$out/$name-linux-x64.tar.gz"
echo "$out/$name-linux-x64.tar.gz ($(du -h "$out/$name-linux-x64.tar.gz" | cut -f1))"
