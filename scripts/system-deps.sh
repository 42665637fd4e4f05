#!/usr/bin/env bash
# The Debian packages the tests need: Chromium for Playwright, and the real cluster daemons
# the lab runs (PLATFORM.md). Installs what is missing when run as root; otherwise says
# exactly what to install. Never skips silently: a missing package fails the test command.
set -euo pipefail
PKGS=(chromium openssh-server openssh-client corosync pacemaker pacemaker-cli-utils crmsh pcs
      corosync-qnetd corosync-qdevice drbd-utils resource-agents fence-agents lvm2 iproute2 procps psmisc)
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "test: missing Debian packages: ${missing[*]}; run as root, or first: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "test: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
