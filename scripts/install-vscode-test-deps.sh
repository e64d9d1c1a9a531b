#!/usr/bin/env bash
# Installs what `npm run test:vscode` needs on a machine that cannot download VS Code
# (see ../shared/vscode-in-ci.md): Debian's Chromium (driven by playwright-core, no browser
# download) and code-server (a real VS Code 1.100 served to that browser), installed into a
# cache folder OUTSIDE the repository. Idempotent: each step is skipped when already done.
#
# Environment:
#   SHIPSHAPE_VSCODE_CACHE  cache folder (default ~/.cache/shipshape-vscode)
#   CODE_SERVER_VERSION     default 4.100.3 (the last release whose engines field is Node 20)
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE="${SHIPSHAPE_VSCODE_CACHE:-$HOME/.cache/shipshape-vscode}"
DEST="$CACHE/code-server-$VERSION"
APT_PACKAGES=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep chromium python3 make g++ pkg-config)

say() { printf 'install-vscode-test-deps: %s\n' "$*"; }

# 1. Debian packages (chromium is the browser; the rest builds code-server's native modules).
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  say "apt packages already installed (${APT_PACKAGES[*]})"
else
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  say "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  say "installed ${missing[*]}"
fi

# 2. code-server into the cache folder.
if [ -f "$DEST/node_modules/code-server/out/node/entry.js" ]; then
  say "code-server $VERSION already installed in $DEST"
  exit 0
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable); it first looks for
# a cached archive in $TMPDIR/vscode-ripgrep-cache-<package version>/. Offer Debian's rg there.
TMP="${TMPDIR:-/tmp}"
RG_TAG="v13.0.0-10"
staging="$(mktemp -d)"
cp "$(command -v rg)" "$staging/rg"
tar -czf "$staging/rg.tar.gz" -C "$staging" rg
for v in 1.15.9 1.15.10 1.15.11 1.15.12 1.15.13 1.15.14 1.15.15 1.15.16 1.16.0 1.16.1; do
  d="$TMP/vscode-ripgrep-cache-$v"
  mkdir -p "$d"
  [ -f "$d/ripgrep-$RG_TAG-x86_64-unknown-linux-musl.tar.gz" ] || cp "$staging/rg.tar.gz" "$d/ripgrep-$RG_TAG-x86_64-unknown-linux-musl.tar.gz"
done
rm -rf "$staging"
say "ripgrep cache prepared in $TMP/vscode-ripgrep-cache-<version>/ from $(command -v rg)"

say "npm install code-server@$VERSION into $DEST (takes a few minutes)"
mkdir -p "$DEST"
[ -f "$DEST/package.json" ] || echo '{"name":"shipshape-code-server","private":true}' > "$DEST/package.json"
start=$(date +%s)
(cd "$DEST" && npm_config_yes=true npm install "code-server@$VERSION" --unsafe-perm --no-audit --no-fund --loglevel=error)
test -f "$DEST/node_modules/code-server/out/node/entry.js" || { say "code-server install did not produce out/node/entry.js" >&2; exit 1; }
say "code-server $VERSION installed in $DEST in $(( $(date +%s) - start ))s"
