#!/usr/bin/env bash
# Installs, when missing, what the build and tests use from Debian: npm (front-end packages), Chromium (browser tests), CJK fonts
# (readable screenshots), PostgreSQL (the Postgres suite), LibreOffice and poppler (the export tests read the files we write
# and PDF export converts through soffice), slapd and ldap-utils (directory sign-in against a real OpenLDAP), nginx and iproute2
# (the two-node and offline-install tests). Needs root for apt-get.
set -euo pipefail
need=()
command -v npm >/dev/null || need+=(nodejs npm)
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need+=(fonts-noto-cjk)  # not -q: an early exit makes fc-list fail under pipefail
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
[ -x /usr/sbin/slapd ] || need+=(slapd)
command -v ldapmodify >/dev/null || need+=(ldap-utils)
command -v openssl >/dev/null || need+=(openssl)
[ -x /usr/sbin/nginx ] || need+=(nginx)
command -v ip >/dev/null || [ -x /usr/sbin/ip ] || need+=(iproute2)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
