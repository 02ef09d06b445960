#!/bin/sh
# `npm test` runs this first (pretest): it installs, from Debian's packages, the programs some
# tests drive for real, when they are missing:
#   chromium    /usr/bin/chromium: the HTML showback browser test (test/formats/html.browser.test.ts)
#   pre-commit  the pre-commit framework: the hook integration test (test/integration/pre-commit.test.ts)
#   postgresql  a PostgreSQL server: the SQL engine's differential test starts a scratch cluster
#               (test/engine/postgres.ts; as root it runs as the package's postgres user)
# Nothing is installed when both are present. Without apt-get it says what to install and fails.
set -eu
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v pre-commit >/dev/null 2>&1 || missing="$missing pre-commit"
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
[ -n "$missing" ] || exit 0

echo "attrib tests: installing Debian packages the tests need:$missing" >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "attrib tests: apt-get is not available; install$missing yourself (Chromium at /usr/bin/chromium), then run npm test again" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq >&2
# shellcheck disable=SC2086 # word splitting of the package list is intended
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >&2
echo "attrib tests: installed$missing" >&2
