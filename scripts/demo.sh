#!/usr/bin/env bash
# The main job: builds everything, boots three fresh Proxmox-style hosts in network namespaces and
# turns them into a cluster exactly as an administrator would: `pvecm create` on n1, `pvecm add`
# on n2 and n3 (through n1's API, pinned to its certificate fingerprint, with root's password).
set -euo pipefail
cd "$(dirname "$0")/.."
# DEMO_BIN=DIR runs already published binaries (pvelab, pvecm, pmxcfs, pvedaemon, pveproxy) instead of building.
if [[ -n ${DEMO_BIN:-} ]]; then
  BIN=$(cd "$DEMO_BIN" && pwd)
else
  bash scripts/setup.sh
  bash scripts/build.sh
  BIN="$PWD/artifacts/bin"
fi
PVELAB="$BIN/pvelab"
export PVE_ARTIFACTS="$BIN"
CLUSTER=${DEMO_CLUSTER:-demo}
PASSWORD=${DEMO_ROOT_PASSWORD:-labroot}
STATE=/run/pvelab/demo-lab-id   # which lab the last demo left running

# A previous demo's lab would hold its subnet and daemons: remove it first.
if [[ -f $STATE ]]; then
  old=$(cat "$STATE")
  if "$PVELAB" list | grep -q "^$old "; then
    echo "demo: removing the previous demo lab $old"
    "$PVELAB" down --lab "$old"
  fi
  rm -f "$STATE"
fi

LAB=$("$PVELAB" up 3 --standalone --root-password "$PASSWORD")
echo "$LAB" >"$STATE"
export PVELAB_ID=$LAB
node_ip() { "$PVELAB" exec "$1" sh -c 'ip -4 -o addr show dev eth0 | awk "{print \$4}" | cut -d/ -f1'; }
N1_IP=$(node_ip 1)

echo
echo "=== n1: pvecm create $CLUSTER"
"$PVELAB" exec 1 pvecm create "$CLUSTER"

# The fingerprint each joining node pins: n1's API certificate, read on n1 itself.
FINGERPRINT=$("$PVELAB" exec 1 openssl x509 -noout -fingerprint -sha256 -in /etc/pve/nodes/n1/pve-ssl.pem | sed 's/^.*=//')
PWFILE=$(mktemp /tmp/pvelab-demo-password.XXXXXX)   # /tmp is shared with the nodes
trap 'rm -f "$PWFILE"' EXIT
chmod 600 "$PWFILE"
printf '%s\n' "$PASSWORD" >"$PWFILE"

for node in 2 3; do
  echo
  echo "=== n$node: pvecm add $N1_IP --fingerprint $FINGERPRINT"
  "$PVELAB" exec "$node" pvecm add "$N1_IP" --fingerprint "$FINGERPRINT" --password-file "$PWFILE"
done

echo
echo "=== n1: pvecm status"
"$PVELAB" exec 1 pvecm status

cat <<INFO

Cluster '$CLUSTER' runs on lab $LAB (nodes n1..n3, link0 ${N1_IP%.*}.0/24).
  GUI:        https://$N1_IP:8006/   login: root (realm pam), password: $PASSWORD
              (any node works: https://${N1_IP%.*}.2:8006/ ...; the certificate is the lab CA's)
  API:        https://$N1_IP:8006/api2/json
              (pveproxy serves it as www-data; pvedaemon runs the privileged calls as root;
               /nodes/n2/... asked on n1 is answered by n2)
  CA:         $PVELAB exec 1 cat /etc/pve/pve-root-ca.pem
  a shell:    $PVELAB exec 1 bash      (ssh root@$N1_IP works too)
  tear down:  $PVELAB down --lab $LAB
INFO
