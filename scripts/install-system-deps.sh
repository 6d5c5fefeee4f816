#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing:
#   postgresql  (initdb/pg_ctl for the PostgreSQL contract tests)
#   chromium    (headless browser tests)
# Runs apt-get as root, or through sudo when available; otherwise says what is missing.
set -euo pipefail

need=()
if ! command -v pg_ctl >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  need+=(postgresql)
fi
if [ ! -x /usr/bin/chromium ]; then
  need+=(chromium)
fi
# `install-system-deps.sh bench` also brings wrk, the load generator of the API benchmark
if [ "${1:-}" = "bench" ] && ! command -v wrk >/dev/null 2>&1; then
  need+=(wrk)
fi
[ ${#need[@]} -eq 0 ] && { echo "system packages present"; exit 0; }

if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
  echo "missing Debian packages: ${need[*]} (run as root: apt-get install -y ${need[*]})" >&2
  exit 0
fi
echo "installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# the Debian package starts a cluster of its own on 5432; the tests start their own servers
if [[ " ${need[*]} " == *" postgresql "* ]] && command -v service >/dev/null 2>&1; then
  $SUDO service postgresql stop >/dev/null 2>&1 || true
fi
echo "installed: ${need[*]}"
