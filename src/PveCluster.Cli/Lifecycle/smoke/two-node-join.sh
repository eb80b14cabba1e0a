#!/bin/sh
# Manual smoke test (not product code, not CI): two nodes in network namespaces, real corosync, real pve-api,
# pvecm create on A and pvecm add on B. Run as root: unshare -m -u -p --fork --mount-proc ./two-node-join.sh
# Needs the Cli and Api built into /tmp/art-pvecmlc (dotnet build ... --artifacts-path /tmp/art-pvecmlc) and the
# svcA.sh/svcB.sh service stand-ins copied to /tmp/sm2. The ticket in B/pw replaces root's PAM password.
mount -t tmpfs tmpfs /run
mkdir -p /run/netns
ip netns add smA; ip netns add smB
ip link add vA type veth peer name vB
ip link set vA netns smA; ip link set vB netns smB
ip -n smA addr add 10.77.0.1/24 dev vA; ip -n smA link set vA up; ip -n smA link set lo up
ip -n smB addr add 10.77.0.2/24 dev vB; ip -n smB link set vB up; ip -n smB link set lo up
BIN=/tmp/art-pvecmlc/bin
P=$BIN/PveCluster.Cli/debug/pvecm
envA="PVE_ETC_PVE=/tmp/sm2/A/pve PVE_COROSYNC_DIR=/tmp/sm2/A/corosync PVE_LIB_DIR=/tmp/sm2/A/lib PVE_SSH_DIR=/tmp/sm2/A/ssh PVE_SERVICE_CONTROL=/tmp/sm2/svcA.sh PVE_QUORUM_TIMEOUT=30"
envB="PVE_ETC_PVE=/tmp/sm2/B/pve PVE_COROSYNC_DIR=/tmp/sm2/B/corosync PVE_LIB_DIR=/tmp/sm2/B/lib PVE_SSH_DIR=/tmp/sm2/B/ssh PVE_SERVICE_CONTROL=/tmp/sm2/svcB.sh PVE_QUORUM_TIMEOUT=30"
echo "=== create on A"
ip netns exec smA unshare -u sh -c "hostname nodea; env $envA $P create sm2 --link0 10.77.0.1" | tail -4
echo '{"nodename":"nodea","version":1,"cluster":{"name":"sm2","version":1,"nodes":1,"quorate":1},"nodelist":{"nodea":{"id":1,"online":1,"ip":"10.77.0.1"}}}' > /tmp/sm2/A/pve/.members
ip netns exec smA env PVE_COROSYNC_DIR=/tmp/sm2/A/corosync dotnet $BIN/PveCluster.Api/debug/pve-api.dll --listen 0.0.0.0 --port 8006 --pve-dir /tmp/sm2/A/pve --node nodea --task-dir /tmp/sm2/A/tasks > /tmp/sm2/api.out 2>&1 &
sleep 4
FP=$(openssl x509 -in /tmp/sm2/A/pve/nodes/nodea/pve-ssl.pem -noout -fingerprint -sha256 | cut -d= -f2)
PLAIN=$(printf 'PVE:root@pam:%08X' $(date +%s))
SIG=$(printf '%s' "$PLAIN" | openssl dgst -sha256 -sign /tmp/sm2/A/pve/priv/authkey.key | base64 -w0)
echo "$PLAIN::$SIG" > /tmp/sm2/B/pw
echo "=== wrong fingerprint on B"
ip netns exec smB unshare -u sh -c "hostname nodeb; env $envB $P add 10.77.0.1 --link0 10.77.0.2 --fingerprint $(echo $FP | tr '0-9' '1-90') --password-file /tmp/sm2/B/pw"; echo "exit $?"
echo "=== add on B"
echo "local db" > /tmp/sm2/B/lib/config.db
ip netns exec smB unshare -u sh -c "hostname nodeb; env $envB $P add 10.77.0.1 --link0 10.77.0.2 --fingerprint $FP --password-file /tmp/sm2/B/pw </dev/null"; echo "exit $?"
sleep 2
echo "=== status on A"
ip netns exec smA $P status; ip netns exec smA corosync-quorumtool -l
ls /tmp/sm2/B/lib /tmp/sm2/B/pve/nodes
cat /tmp/sm2/svc.log
echo "=== delnode nodeb on A after B's corosync stopped"
kill "$(cat /tmp/sm2/B/cs.pid)"; sleep 3
ip netns exec smA unshare -u sh -c "hostname nodea; env $envA $P delnode nodeb"; echo "exit $?"
echo "nodeb in A's cluster conf: $(grep -c nodeb /tmp/sm2/A/pve/corosync.conf)"
ip netns exec smA unshare -u sh -c "hostname nodea; env $envA $P delnode nodea"; echo "exit $?"
