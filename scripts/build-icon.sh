#!/usr/bin/env bash
# Renders media/icon.svg to media/icon.png (256x256, transparent corners) with headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '<html><body style="margin:0;background:transparent">%s</body></html>' "$(cat media/icon.svg)" > "$tmp/icon.html"
chromium --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/profile" --hide-scrollbars \
  --default-background-color=00000000 --window-size=256,256 --screenshot="$PWD/media/icon.png" "file://$tmp/icon.html" 2>/dev/null
echo "media/icon.png: $(wc -c < media/icon.png) bytes"
