#!/usr/bin/env bash
# Installs Debian's chromium for the browser test of /docs (test/docs-browser.test.ts), unless it is
# already there. playwright-core drives it; we take the distribution's build rather than Playwright's
# download so CI fetches it from the same mirror as every other system package.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "install-chromium: /usr/bin/chromium is missing and this user cannot install packages; run this script as root" >&2
    exit 1
  fi
  SUDO=sudo
fi
# Through env, so the setting survives sudo: no prompt may stop an unattended run.
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
/usr/bin/chromium --version
