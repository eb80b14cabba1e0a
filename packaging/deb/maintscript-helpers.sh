# Helpers shared by the maintainer scripts (scripts/package.sh puts this file where they say #HELPERS#).
# Units: the same steps as debhelper's dh_installsystemd snippets, through init-system-helpers. Everything
# honours DPKG_ROOT (dpkg --root --force-script-chrootless): then nothing runs on this host's systemd and
# accounts are looked up in the target's /etc/group.

# The gid of the www-data group (base-passwd creates it, always 33 on Debian); empty when it is missing.
www_data_gid() {
    if [ -n "${DPKG_ROOT:-}" ]; then
        awk -F: '$1 == "www-data" { print $3 }' "$DPKG_ROOT/etc/group" 2>/dev/null
    else
        getent group www-data | cut -d: -f3
    fi
}

# Stops the script when www-data is missing; $1: the package, $2: what needs the group.
require_www_data() {
    if [ -z "$(www_data_gid)" ]; then
        echo "$1: the group www-data does not exist (base-passwd creates it); $2" >&2
        exit 1
    fi
}

# True when systemd manages the system the package is installed into, right now.
systemd_running() {
    [ -z "${DPKG_ROOT:-}" ] && [ -d /run/systemd/system ]
}

# postinst: enable on first install (and on upgrades when the admin had not disabled the unit).
units_enable() {
    for unit in "$@"; do
        deb-systemd-helper unmask "$unit" >/dev/null || true
        if deb-systemd-helper --quiet was-enabled "$unit"; then
            deb-systemd-helper enable "$unit" >/dev/null || true
        else
            deb-systemd-helper update-state "$unit" >/dev/null || true
        fi
    done
}

# postinst: start after the first install, restart after an upgrade ($1: the previous version or empty).
units_start() {
    previous=$1
    shift
    systemd_running || return 0
    systemctl --system daemon-reload >/dev/null || true
    if [ -n "$previous" ]; then action=restart; else action=start; fi
    deb-systemd-invoke "$action" "$@" >/dev/null || true
}

# prerm remove: stop the units (in the order given).
units_stop() {
    systemd_running || return 0
    deb-systemd-invoke stop "$@" >/dev/null || true
}

# postrm: on remove mask the units (until purge or reinstall), on purge forget them and their links.
units_forget() {
    event=$1
    shift
    if [ "$event" = remove ] && systemd_running; then
        systemctl --system daemon-reload >/dev/null || true
    fi
    for unit in "$@"; do
        case $event in
            remove) deb-systemd-helper mask "$unit" >/dev/null || true ;;
            purge)
                deb-systemd-helper purge "$unit" >/dev/null || true
                deb-systemd-helper unmask "$unit" >/dev/null || true
                ;;
        esac
    done
}
