#!/usr/bin/env bash
# The end-to-end suite in one command (also `npm run test:e2e`). It assumes `npm ci` and `npm run compile`
# have run; it packages the .vsix itself (`npm run package`: tsc -b, esbuild bundles, vsce).
#   1. vsix: packaged; under 5 MB; ships the bundles, rules/, syntaxes/, icon, README, LICENSE and nothing
#      else (no node_modules, no sources, no tests); the manifest is fit for the Marketplace
#   2. nvim-vsix: the language server exactly as the .vsix ships it, unpacked into an empty folder (no
#      node_modules anywhere above it), driven by Neovim 0.7.2 as an LSP client
#   3. toolchain: Debian chromium, libkrb5-dev, neovim; Node 24, code-server 4.139.1 (= VS Code 1.139.1) and
#      playwright-core from the npm registry into E2E_DIR (default /tmp/vscode-e2e), see install-tools.sh
#   4. extension-host: the .vsix installed into code-server, then the Mocha suite (test/e2e/) inside its
#      real extension host, with the installed folder as the extension under test
#   5. vsix-ui: the .vsix installed into a fresh code-server, the workbench driven in headless Chromium as a
#      user would (ui-smoke.js): squiggle, Problems panel, hover with its citation, screenshot
#   6. electron: the same suite through @vscode/test-electron (desktop VS Code). It needs VS Code's download
#      host; where that is unreachable (as on the project's CI machine) it says `E2E SKIPPED` loudly and
#      counts as neither passed nor failed
#   7. nvim-server, nvim-cli: Neovim against `node out/server/src/lsp/server.js --stdio` and `mt-pii lsp --stdio`
# Every check prints `CHECK PASS …` or `CHECK FAIL …`; the last line is `N passed, M failed`, preceded by a
# loud `SKIPPED` list when a stage could not run here.
# Exit: 0 all passed; 1 a check failed; 3 nothing failed but a stage could not run (see the SKIPPED list).
# Env: E2E_DIR (tool cache), E2E_OUT (logs, screenshots, the .vsix; default /tmp/mt-pii-e2e), SHOT_DIR
#      (screenshots, default E2E_OUT), PORT (default: a free port per stage; if set, the UI stage uses
#      PORT+1), VSIX (use this .vsix, skip packaging), E2E_ELECTRON=0 (leave out the electron stage).
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${E2E_OUT:-/tmp/mt-pii-e2e}
export SHOT_DIR=${SHOT_DIR:-$OUT}
export E2E_DIR=${E2E_DIR:-/tmp/vscode-e2e}
PORT=${PORT:-}
rm -rf "$OUT"; mkdir -p "$OUT" "$SHOT_DIR"
t0=$(date +%s); lap() { echo "[run-all] $1 (+$(( $(date +%s) - t0 ))s)"; }
passed=0; failed=0; failures=(); skipped=()

# Run one stage, show its output, and count its CHECK lines. A stage that exits non-zero without any
# CHECK FAIL line (a crash, a time-out) counts as one failed check, so nothing breaks silently. A stage that
# exits 3 with an `E2E SKIPPED:` line could not run on this machine: listed loudly, counted in neither total.
stage() {
  local name=$1; shift
  local log="$OUT/$name.log" rc=0
  lap "stage $name"
  "$@" > "$log" 2>&1 || rc=$?
  cat "$log"
  local p f
  p=$(grep -c '^CHECK PASS ' "$log"); f=$(grep -c '^CHECK FAIL ' "$log")
  if [ "$rc" -eq 3 ] && [ "$f" -eq 0 ] && grep -q '^E2E SKIPPED:' "$log"; then
    skipped+=("$name: $(grep -m1 '^E2E SKIPPED:' "$log" | sed 's/^E2E SKIPPED: //')")
    lap "stage $name: SKIPPED (could not run here)"
    return
  fi
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "CHECK FAIL $name: exited with $rc ($([ "$rc" = 124 ] && echo 'time-out' || echo 'see the log above'))" | tee -a "$log"
    f=1
  fi
  if [ "$rc" -eq 0 ] && [ "$f" -gt 0 ]; then echo "[run-all] $name exited 0 but reported failures"; fi
  passed=$((passed + p)); failed=$((failed + f))
  while IFS= read -r line; do failures+=("$line"); done < <(grep '^CHECK FAIL ' "$log")
  lap "stage $name: $p passed, $f failed"
}

finish() {
  lap "done; logs, screenshots and the .vsix in $OUT"
  if [ "$failed" -gt 0 ]; then
    echo "Failed checks:"
    printf '  %s\n' "${failures[@]}"
  fi
  if [ ${#skipped[@]} -gt 0 ]; then
    echo "=================================================================================================="
    echo "SKIPPED (could not run on this machine; nothing in them was tested):"
    printf '  %s\n' "${skipped[@]}"
    echo "=================================================================================================="
  fi
  [ "$passed" -gt 0 ] || { echo "no check passed: treating as a failure"; failed=$((failed + 1)); }
  echo "$passed passed, $failed failed"
  if [ "$failed" -gt 0 ]; then exit 1; fi
  if [ ${#skipped[@]} -gt 0 ]; then exit 3; fi
  exit 0
}

for f in out/server/src/lsp/server.js out/test/e2e/index.js out/test/e2e/extension.test.js; do
  if [ ! -f "$ROOT/$f" ]; then
    echo "CHECK FAIL build: $f is missing; run \`npm ci && npm run compile\` first"
    failed=$((failed + 1)); failures+=("CHECK FAIL build: $f is missing")
    finish
  fi
done

# 1. The .vsix.
VSIX_OUT="$OUT/mt-pii-guard.vsix"
package_vsix() {
  if [ -n "${VSIX:-}" ]; then
    cp "$VSIX" "$VSIX_OUT" && echo "CHECK PASS vsix: using $VSIX" || { echo "CHECK FAIL vsix: cannot read $VSIX"; return 1; }
  else
    local s=$(date +%s)
    (cd "$ROOT" && npm run package -- -o "$VSIX_OUT") > "$OUT/package.out" 2>&1 \
      && [ -f "$VSIX_OUT" ] \
      && echo "CHECK PASS vsix: npm run package made $VSIX_OUT in $(( $(date +%s) - s )) s" \
      || { tail -30 "$OUT/package.out"; echo "CHECK FAIL vsix: npm run package failed"; return 1; }
    grep -E 'WARNING|warning' "$OUT/package.out" || true
  fi
  python3 "$HERE/check-vsix.py" "$VSIX_OUT"
}
stage vsix package_vsix

# 2. The packaged server alone: unpacked into an empty scratch folder, so no node_modules can help it.
UNPACKED=$(mktemp -d /tmp/mt-pii-vsix.XXXXXX)
[ -f "$VSIX_OUT" ] && python3 -c "import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" "$VSIX_OUT" "$UNPACKED"
nvim_check() {
  local label=$1 cmd=$2 ws
  command -v nvim >/dev/null 2>&1 || { echo "E2E SKIPPED: nvim is not installed (install-tools.sh installs Debian's neovim)"; return 3; }
  ws=$(mktemp -d /tmp/mt-pii-nvim.XXXXXX)
  cp -r "$ROOT/test/e2e/workspace/." "$ws/"
  (cd "$ws" && XDG_DATA_HOME="$ws/.xdg" XDG_CACHE_HOME="$ws/.xdg" XDG_STATE_HOME="$ws/.xdg" XDG_CONFIG_HOME="$ws/.xdg" \
    LSP_CMD="$cmd" LABEL="$label" timeout 300 nvim --headless --clean -n -c "luafile $HERE/nvim-lsp-check.lua" login.ts < /dev/null)
  local rc=$?
  rm -rf "$ws"
  return $rc
}

# 3. Toolchain. Failing to install it means the code-server stages could not run: loud, never "passed".
bash "$HERE/install-tools.sh" 2>&1 | tee "$OUT/install-tools.log"
tools_rc=${PIPESTATUS[0]}
if [ "$tools_rc" -ne 0 ]; then
  why=$(grep -m1 '^E2E SKIPPED:' "$OUT/install-tools.log" | sed 's/^E2E SKIPPED: //')
  skipped+=("extension-host, vsix-ui: the toolchain could not be installed: ${why:-installer exit $tools_rc}")
else
  lap "toolchain ready"
fi

stage nvim-vsix nvim_check vsix "node $UNPACKED/extension/dist/server/src/lsp/server.js --stdio"

if [ "$tools_rc" -eq 0 ]; then
  if [ -f "$VSIX_OUT" ]; then
    # 4. The suite in code-server's extension host, on the installed .vsix.
    stage extension-host env PORT="$PORT" timeout 900 bash "$HERE/vscode-e2e.sh" tests "$VSIX_OUT" "$ROOT/out/test/e2e/index.js" "$ROOT/test/e2e/workspace"
    # 5. The .vsix as a user installs it, then the UI smoke check.
    stage vsix-ui env PORT="${PORT:+$((PORT + 1))}" timeout 600 bash "$HERE/vscode-e2e.sh" ui "$VSIX_OUT" "$ROOT/test/e2e/workspace" "$HERE/ui-smoke.js"
  else
    echo "CHECK FAIL extension-host, vsix-ui: no .vsix to install"; failed=$((failed + 1)); failures+=("CHECK FAIL extension-host, vsix-ui: no .vsix to install")
  fi
fi

# 6. The same suite through @vscode/test-electron (desktop VS Code), where VS Code can be downloaded.
electron_stage() {
  local runner=(node "$HERE/run-electron.js" "$VSIX_OUT")
  if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then runner=(xvfb-run -a "${runner[@]}"); fi
  VSCODE_TEST_CACHE="$E2E_DIR/vscode-test" timeout 900 "${runner[@]}"
}
if [ "${E2E_ELECTRON:-1}" != 0 ]; then stage electron electron_stage; fi

# 7. Neovim against the development build, started both ways.
stage nvim-server nvim_check server "node $ROOT/out/server/src/lsp/server.js --stdio"
stage nvim-cli nvim_check cli "node $ROOT/bin/mt-pii.js lsp --stdio"

rm -rf "$UNPACKED"
finish
