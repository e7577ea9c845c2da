#!/usr/bin/env bash
# Installs Lianfang from this unpacked package, or upgrades an installation made by an earlier one. Needs no network.
#   ./install.sh --prefix DIR [--user USER] [--keep N]
# Layout: DIR/releases/<version>/ (the app), DIR/app → the current release, DIR/bin/lianfang, DIR/etc/ (settings,
# systemd unit, nginx site) and DIR/data/ (SQLite database, 廉政档案 key ring, backups), which upgrades leave alone.
# An upgrade backs up the database and migrates it (`lianfang migrate`) before the new release is used; stop the
# nodes first. If the migration fails, DIR/app points at the previous release again.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=$(cat "$here/VERSION")
prefix= user=$(id -un) keep=2
usage() { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64; }
while [ $# -gt 0 ]; do
  case $1 in
    --prefix) prefix=${2:?}; shift 2 ;;
    --prefix=*) prefix=${1#*=}; shift ;;
    --user) user=${2:?}; shift 2 ;;
    --keep) keep=${2:?}; shift 2 ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
[ -n "$prefix" ] || usage
[ "$(uname -sm)" = "Linux x86_64" ] || { echo "this package is for Linux x86_64, not $(uname -sm)" >&2; exit 1; }
id "$user" >/dev/null 2>&1 || { echo "no such user: $user (create it: useradd --system --home-dir $prefix/data lianfang)" >&2; exit 1; }

# What the app needs from the system; the Debian packages are named in README.md. Missing ICU stops the app, so it stops
# the install; missing LibreOffice or CJK fonts only lose PDF export and Chinese in PDFs.
missing=()
ldconfig -p 2>/dev/null | grep 'libicuuc\.so' >/dev/null || { echo "ICU is missing (Debian 12: apt-get install libicu72)" >&2; exit 1; }
ldconfig -p 2>/dev/null | grep 'libssl\.so\.3' >/dev/null || missing+=(libssl3)
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui libreoffice-calc-nogui)
fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] || echo "note: not installed: ${missing[*]} (PDF export needs LibreOffice, Chinese in PDFs the CJK fonts)" >&2

if command -v systemctl >/dev/null && systemctl list-units --state=active --plain --no-legend 'lianfang@*' 2>/dev/null | grep . >/dev/null; then
  echo "Lianfang nodes are running: stop them first (systemctl stop 'lianfang@*')" >&2; exit 1
fi

mkdir -p "$prefix"/releases "$prefix"/bin "$prefix"/etc "$prefix"/data/backups
prefix=$(cd "$prefix" && pwd)
previous=$(readlink "$prefix/app" 2>/dev/null || true)

# The release is copied under a temporary name and renamed, so a half-copied release is never used.
rm -rf "$prefix/releases/.$version"
cp -a "$here/app" "$prefix/releases/.$version"
if [ -d "$prefix/releases/$version" ]; then rm -rf "$prefix/releases/$version.old" && mv "$prefix/releases/$version" "$prefix/releases/$version.old"; fi
mv "$prefix/releases/.$version" "$prefix/releases/$version"
rm -rf "$prefix/releases/$version.old"

install -m 755 "$here/bin/lianfang" "$prefix/bin/lianfang"
[ -f "$prefix/etc/lianfang.env" ] || install -m 640 "$here/etc/lianfang.env" "$prefix/etc/lianfang.env"  # the operator's settings stay
sed "s|@PREFIX@|$prefix|g; s|@USER@|$user|g" "$here/etc/lianfang@.service" >"$prefix/etc/lianfang@.service"
cp "$here/etc/nginx-lianfang.conf" "$prefix/etc/nginx-lianfang.conf"
cp "$here/README.md" "$prefix/README.md"

switch() { ln -sfn "$1" "$prefix/app.new" && mv -T "$prefix/app.new" "$prefix/app"; }
switch "releases/$version"
if [ -n "$previous" ]; then
  echo "Upgrading $previous → releases/$version: backing up and migrating the database"
  if ! "$prefix/bin/lianfang" migrate; then
    switch "$previous"
    echo "The migration failed; $prefix/app points at $previous again. The backup taken before it is in $prefix/data/backups." >&2
    exit 1
  fi
fi
[ "$user" = "$(id -un)" ] || chown -R "$user" "$prefix/data"
echo "$version" >"$prefix/VERSION"

# Keep the current release and the ones before it, up to --keep in all (a way back if the new one misbehaves).
ls -1t "$prefix/releases" | { grep -vx "$version" || true; } | tail -n +"$keep" | while read -r old; do rm -rf "${prefix:?}/releases/$old"; done

cat <<MSG
Lianfang $version is installed in $prefix.
  Start:     $prefix/bin/lianfang --urls http://127.0.0.1:8081     (the first start prints the administrators' passwords)
  Settings:  $prefix/etc/lianfang.env (PostgreSQL, proxies, key certificate)
  Service:   cp $prefix/etc/lianfang@.service /etc/systemd/system/ && systemctl daemon-reload && systemctl enable --now lianfang@8081
  nginx:     $prefix/etc/nginx-lianfang.conf
MSG
