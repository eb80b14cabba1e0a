#!/usr/bin/env bash
# Installs everything the project needs on a Debian 12 machine (idempotent; fast when done).
# Run as root. Used by scripts/test.sh, scripts/demo.sh and CI.
set -euo pipefail

APT_PACKAGES=(
  corosync corosync-qdevice corosync-qnetd   # the cluster engine (we talk to it via libcpg & co.)
  libfuse3-3 fuse3                           # /etc/pve is a FUSE file system
  iproute2 iptables util-linux procps        # the lab: netns, veth, bridges, nsenter/unshare
  libnetfilter-queue1                        # the lab: `pvelab delay` holds packets via NFQUEUE (no netem in the kernel)
  openssh-server openssh-client              # pvecm add works over ssh like on real hosts
  sqlite3                                    # inspecting pmxcfs databases by hand
  perl                                       # the pmxcfs chaos test's writers run inside the lab nodes (Time::HiRes)
  chromium                                   # the web GUI's end-to-end tests (Playwright drives Debian's browser)
  iputils-ping                               # pvecm preflight: link round trips with kernel timestamps
  debootstrap systemd-container              # the boot test: a Debian rootfs booted with systemd-nspawn (docs/real-hosts.md)
  groff-base init-system-helpers             # packaging tests: man pages through groff, deb-systemd-helper in dpkg --root
)

if [[ $(id -u) -ne 0 ]]; then
  echo "setup.sh: must run as root (installs packages, creates network namespaces)" >&2
  exit 1
fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # policy-rc.d keeps the packaged services (corosync, sshd, qnetd) from starting on the host:
  # the lab starts its own instances inside namespaces.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! command -v dotnet >/dev/null; then
  echo "setup.sh: the .NET 10 SDK is required (dotnet not on PATH)" >&2
  exit 1
fi

# The third-party npm client `proxmox-api` runs against a lab node in the API compatibility test
# (tests/clients/proxmox-api, pinned by its package-lock.json). Node.js and npm from Debian when missing.
if ! command -v npm >/dev/null; then
  echo "setup.sh: installing nodejs npm"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm; }
fi
proxmox_api_client="$(cd "$(dirname "$0")/.." && pwd)/tests/clients/proxmox-api"
if ! cmp -s "$proxmox_api_client/package-lock.json" "$proxmox_api_client/node_modules/.installed-lock.json"; then
  echo "setup.sh: npm ci in $proxmox_api_client"
  (cd "$proxmox_api_client" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$proxmox_api_client/package-lock.json" "$proxmox_api_client/node_modules/.installed-lock.json"
fi
