#!/usr/bin/env bash
# Installs what attune needs to build, run and test on Debian 12, and nothing
# that is already there. Safe to run again: a second run only checks.
# Used by `make run` and `make test`; never prompts.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config
  libsoci-dev libsqlite3-dev sqlite3 libpq-dev libboost1.81-dev
  libkainjow-mustache-dev libtomlplusplus-dev nlohmann-json3-dev libsodium-dev
  libspdlog-dev libcli11-dev libhowardhinnant-date-dev libdate-tz3 tzdata
  libgtest-dev libgmock-dev libbenchmark-dev
  chromium wrk curl libfaketime libcurl4-openssl-dev python3-aiosmtpd libzip-dev
  postgresql-15 postgresql-client-15
  liboath-dev libqrencode-dev
  libjwt-dev libssl-dev
)
# Node.js and npm may come from elsewhere (a distribution of Node that bundles
# npm conflicts with Debian's npm package): only install them when missing.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "attune: installing Debian packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Browser assets and test drivers from npm, pinned by package-lock.json.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "attune: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
