#!/bin/sh
# PVE_SERVICE_CONTROL stand-in for smoke node A: corosync in its netns with private /etc/corosync, /run, /var/lib/corosync.
echo "A: $1 $2" >> /tmp/sm2/svc.log
case "$2:$1" in
  corosync:start|corosync:restart)
    [ -f /tmp/sm2/A/cs.pid ] && kill "$(cat /tmp/sm2/A/cs.pid)" 2>/dev/null && sleep 1
    ip netns exec smA sh -c 'mount --bind /tmp/sm2/A/corosync /etc/corosync; mount -t tmpfs tmpfs /run; mount -t tmpfs tmpfs /var/lib/corosync; exec corosync -f' >/tmp/sm2/A/cs.out 2>&1 &
    echo $! > /tmp/sm2/A/cs.pid ;;
  corosync:status) [ -f /tmp/sm2/A/cs.pid ] && kill -0 "$(cat /tmp/sm2/A/cs.pid)" 2>/dev/null ;;
  *:status) exit 1 ;;
  *) exit 0 ;;
esac
