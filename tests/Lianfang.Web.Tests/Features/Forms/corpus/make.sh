#!/usr/bin/env bash
# Regenerates the LibreOffice-made test files from their HTML sources (needs soffice).
set -euo pipefail
cd "$(dirname "$0")"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
for html in *.html; do
  stem=${html%.html}
  soffice -env:UserInstallation=file://$profile --headless --convert-to 'docx:MS Word 2007 XML' "$html" >/dev/null
  mv "$stem.docx" "$stem-libreoffice.docx"
  soffice -env:UserInstallation=file://$profile --headless --infilter="HTML (StarCalc)" --convert-to xlsx "$html" >/dev/null
  mv "$stem.xlsx" "$stem-libreoffice.xlsx"
done
