#!/usr/bin/env bash
# The Debian packages the test suite needs, checked before any test runs: Chromium for the browser
# tests (driven by playwright-core, never a downloaded browser), the fonts its screenshots render
# with, and PostgreSQL for the server-mode tests (tests/pg-server.ts starts private clusters with
# initdb and pg_ctl). `npm test` (pretest) and .ci/run both call this one script.
#
# All present: a few file checks, no apt call. Missing, as root with apt-get: installs them.
# Missing otherwise: installs nothing, prints the apt command and fails, so no test runs half-equipped.
#
#   scripts/setup-system.sh           check, and install where allowed
#   scripts/setup-system.sh --check   check only; never install
#
# CXLOOP_SETUP_ROOT prefixes the checked paths (default: none, the machine itself). It exists to test
# the "missing" branch on a machine that has everything (tests/setup-system.test.ts).
set -euo pipefail

root="${CXLOOP_SETUP_ROOT:-}"
install=yes
case "${1:-}" in
  '') ;;
  --check) install=no ;;
  *)
    echo "usage: scripts/setup-system.sh [--check]" >&2
    exit 2
    ;;
esac

missing() {
  local need=()
  [ -x "$root/usr/bin/chromium" ] || need+=(chromium)
  [ -e "$root/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" ] || need+=(fonts-dejavu-core)
  compgen -G "$root/usr/lib/postgresql/*/bin/initdb" >/dev/null &&
    compgen -G "$root/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || need+=(postgresql)
  echo "${need[*]}"
}

need="$(missing)"
[ -z "$need" ] && exit 0

if [ "$install" = yes ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "cxloop tests: installing the Debian packages the tests use: $need"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086 # a list of package names
  apt-get install -y -qq --no-install-recommends $need >/dev/null
  still="$(missing)"
  if [ -n "$still" ]; then
    echo "cxloop tests: apt-get installed, but these are still missing: $still" >&2
    exit 1
  fi
  echo "cxloop tests: installed $need"
  exit 0
fi

sudo=''
[ "$(id -u)" = 0 ] || sudo='sudo '
{
  echo "cxloop tests: the test suite needs Debian packages that are not installed: $need"
  echo "  chromium           the dashboard and browser SDK tests (/usr/bin/chromium)"
  echo "  fonts-dejavu-core  the fonts the screenshots render with"
  echo "  postgresql         the server-mode tests (initdb and pg_ctl under /usr/lib/postgresql/*/bin)"
  echo "Install them, then run npm test again:"
  echo "  ${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends $need"
  if [ "$install" = yes ] && [ "$(id -u)" = 0 ]; then
    echo "(apt-get is not on PATH here, so they were not installed automatically.)"
  fi
  echo "Nothing was run. The unit tests need none of them: npm run test:unit"
} >&2
exit 1
