#!/usr/bin/env bash
# The end-to-end suite in one command (also `npm run test:e2e`). It assumes `npm ci` and `npm run compile`
# have run; it packages the .vsix itself (`npm run package`, whose prepublish step is `tsc -b`).
#   1. toolchain: Debian chromium, libkrb5-dev, neovim; Node 24, code-server 4.139.1 (= VS Code 1.139.1) and
#      playwright-core from the npm registry into E2E_DIR (default /tmp/vscode-e2e), see install-tools.sh
#   2. the .vsix: packaged, and holds what it must and nothing it must not
#   3. the extension's Mocha suite in code-server's real extension host (test/e2e/*.ts)
#   4. the .vsix installed with --install-extension, then the UI smoke check (ui-smoke.js)
#   5. Neovim 0.7.2 as a second LSP client, against `node out/server/src/lsp/server.js --stdio` and
#      `node bin/mt-pii.js lsp --stdio`
# Every check prints `CHECK PASS …` or `CHECK FAIL …`; the last line is `N passed, M failed`.
# Exit: 0 all passed; 1 a check failed; 3 the toolchain could not be installed (a line `E2E SKIPPED: …`).
# Env: E2E_DIR (tool cache), E2E_OUT (logs + screenshots, default /tmp/mt-pii-e2e), SHOT_DIR (screenshots,
#      default E2E_OUT), PORT (default: a free port per stage; if set, the UI stage uses PORT+1), VSIX (use this .vsix, skip packaging).
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${E2E_OUT:-/tmp/mt-pii-e2e}
export SHOT_DIR=${SHOT_DIR:-$OUT}
PORT=${PORT:-}
rm -rf "$OUT"; mkdir -p "$OUT" "$SHOT_DIR"
t0=$(date +%s); lap() { echo "[run-all] $1 (+$(( $(date +%s) - t0 ))s)"; }
passed=0; failed=0; failures=()

# Run one stage, show its output, and count its CHECK lines. A stage that exits non-zero without any
# CHECK FAIL line (a crash, a time-out) counts as one failed check, so nothing breaks silently.
stage() {
  local name=$1; shift
  local log="$OUT/$name.log" rc=0
  lap "stage $name"
  "$@" > "$log" 2>&1 || rc=$?
  cat "$log"
  local p f
  p=$(grep -c '^CHECK PASS ' "$log"); f=$(grep -c '^CHECK FAIL ' "$log")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "CHECK FAIL $name: exited with $rc ($([ "$rc" = 124 ] && echo 'time-out' || echo 'see the log above'))" | tee -a "$log"
    f=1
  fi
  if [ "$rc" -eq 0 ] && [ "$f" -gt 0 ]; then echo "[run-all] $name exited 0 but reported failures"; fi
  passed=$((passed + p)); failed=$((failed + f))
  while IFS= read -r line; do failures+=("$line"); done < <(grep '^CHECK FAIL ' "$log")
  lap "stage $name: $p passed, $f failed"
}

# 1. Toolchain. Failing to install it is "could not run" (exit 3), never "passed".
bash "$HERE/install-tools.sh" 2>&1 | tee "$OUT/install-tools.log"
tools_rc=${PIPESTATUS[0]}
if [ "$tools_rc" -ne 0 ]; then
  grep -q '^E2E SKIPPED:' "$OUT/install-tools.log" \
    || echo "E2E SKIPPED: the toolchain installer stopped with exit $tools_rc (see the log above)"
  exit 3
fi
lap "toolchain ready"

for f in out/client/src/extension.js out/server/src/lsp/server.js out/test/e2e/index.js out/test/e2e/extension.test.js; do
  if [ ! -f "$ROOT/$f" ]; then
    echo "CHECK FAIL build: $f is missing; run \`npm ci && npm run compile\` first"
    echo "0 passed, 1 failed"
    exit 1
  fi
done

# 2. The .vsix.
package_vsix() {
  if [ -n "${VSIX:-}" ]; then
    cp "$VSIX" "$OUT/mt-pii-guard.vsix" && echo "CHECK PASS vsix: using $VSIX" || { echo "CHECK FAIL vsix: cannot read $VSIX"; return 1; }
  else
    (cd "$ROOT" && npm run package -- -o "$OUT/mt-pii-guard.vsix") > "$OUT/package.out" 2>&1 \
      && [ -f "$OUT/mt-pii-guard.vsix" ] \
      && echo "CHECK PASS vsix: npm run package made $(du -h "$OUT/mt-pii-guard.vsix" | cut -f1) $OUT/mt-pii-guard.vsix" \
      || { tail -30 "$OUT/package.out"; echo "CHECK FAIL vsix: npm run package failed"; return 1; }
  fi
  python3 - "$OUT/mt-pii-guard.vsix" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
# vsce stores LICENSE as LICENSE.txt
must = ['extension/package.json', 'extension/LICENSE.txt', 'extension/README.md', 'extension/out/client/src/extension.js',
        'extension/out/server/src/lsp/server.js', 'extension/rules/montana/citations.json',
        'extension/node_modules/vscode-languageclient/package.json', 'extension/node_modules/vscode-languageserver/package.json',
        'extension/node_modules/typescript/package.json']
never = ['extension/out/test/', 'extension/test/', 'extension/.ci/', 'extension/client/', 'extension/server/',
         'extension/node_modules/mocha/', 'extension/node_modules/@vscode/vsce/', 'extension/node_modules/@types/']
# Every file the manifest points at must ship too: main, grammars, JSON schemas, icon.
import json, posixpath
manifest = json.loads(zipfile.ZipFile(sys.argv[1]).read('extension/package.json'))
contributes = manifest.get('contributes', {})
refs = [manifest.get('main'), manifest.get('icon')] + [g.get('path') for g in contributes.get('grammars', [])] \
    + [j.get('url') for j in contributes.get('jsonValidation', []) if not str(j.get('url', '')).startswith(('http:', 'https:'))]
for r in refs:
    if r:
        path = posixpath.normpath(posixpath.join('extension', r))
        must.append(path if posixpath.splitext(path)[1] else path + '.js')
lower = {n.lower() for n in names}  # vsce stores README.md as readme.md
missing = [m for m in must if m.lower() not in lower]
shipped = sorted({n for n in names for p in never if n.startswith(p)})
if missing or shipped:
    print('CHECK FAIL vsix: contents: missing %s; must not ship %s' % (missing, shipped[:10]))
    sys.exit(1)
print('CHECK PASS vsix: contents (%d files: client, server, rules, production node_modules; no tests, sources or dev tools)' % len(names))
PY
}
stage vsix package_vsix

# 3. Extension-host tests (extensionDevelopmentPath = the repo).
stage extension-host env PORT="$PORT" timeout 900 bash "$HERE/vscode-e2e.sh" tests "$ROOT" "$ROOT/out/test/e2e/index.js" "$ROOT/test/e2e/workspace"

# 4. The .vsix as a user installs it, then the UI smoke check.
if [ -f "$OUT/mt-pii-guard.vsix" ]; then
  stage vsix-ui env PORT="${PORT:+$((PORT + 1))}" timeout 600 bash "$HERE/vscode-e2e.sh" ui "$OUT/mt-pii-guard.vsix" "$ROOT/test/e2e/workspace" "$HERE/ui-smoke.js"
else
  echo "CHECK FAIL vsix-ui: no .vsix to install"; failed=$((failed + 1)); failures+=("CHECK FAIL vsix-ui: no .vsix to install")
fi

# 5. Neovim against the server, started both ways.
nvim_check() {
  local label=$1 cmd=$2 ws
  ws=$(mktemp -d /tmp/mt-pii-nvim.XXXXXX)
  cp -r "$ROOT/test/e2e/workspace/." "$ws/"
  (cd "$ws" && XDG_DATA_HOME="$ws/.xdg" XDG_CACHE_HOME="$ws/.xdg" XDG_STATE_HOME="$ws/.xdg" XDG_CONFIG_HOME="$ws/.xdg" \
    LSP_CMD="$cmd" LABEL="$label" timeout 90 nvim --headless --clean -n -c "luafile $HERE/nvim-lsp-check.lua" login.ts < /dev/null)
  local rc=$?
  rm -rf "$ws"
  return $rc
}
stage nvim-server nvim_check server "node $ROOT/out/server/src/lsp/server.js --stdio"
stage nvim-cli nvim_check cli "node $ROOT/bin/mt-pii.js lsp --stdio"

lap "done; logs and screenshots in $OUT"
if [ "$failed" -gt 0 ]; then
  echo "Failed checks:"
  printf '  %s\n' "${failures[@]}"
fi
[ "$passed" -gt 0 ] || { echo "no check passed: treating as a failure"; failed=$((failed + 1)); }
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
