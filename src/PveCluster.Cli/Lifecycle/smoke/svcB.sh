#!/bin/sh
# PVE_SERVICE_CONTROL stand-in for smoke node B: corosync in its netns with private /etc/corosync, /run, /var/lib/corosync.
# pve-cluster start imitates pmxcfs: copies the cluster /etc/pve from A and makes A install + reload corosync.conf.
echo "B: $1 $2" >> /tmp/sm2/svc.log
case "$2:$1" in
  corosync:start|corosync:restart)
    [ -f /tmp/sm2/B/cs.pid ] && kill "$(cat /tmp/sm2/B/cs.pid)" 2>/dev/null && sleep 1
    ip netns exec smB sh -c 'mount --bind /tmp/sm2/B/corosync /etc/corosync; mount -t tmpfs tmpfs /run; mount -t tmpfs tmpfs /var/lib/corosync; exec corosync -f' >/tmp/sm2/B/cs.out 2>&1 &
    echo $! > /tmp/sm2/B/cs.pid ;;
  corosync:status) [ -f /tmp/sm2/B/cs.pid ] && kill -0 "$(cat /tmp/sm2/B/cs.pid)" 2>/dev/null ;;
  pve-cluster:start)
    # stand-in for pmxcfs: B receives the cluster's /etc/pve, A installs the new corosync.conf and reloads
    cp -a /tmp/sm2/A/pve/. /tmp/sm2/B/pve/
    cp /tmp/sm2/A/pve/corosync.conf /tmp/sm2/A/corosync/corosync.conf
    ip netns exec smA corosync-cfgtool -R >> /tmp/sm2/svc.log 2>&1 ;;
  *:status) exit 1 ;;
  *) exit 0 ;;
esac
