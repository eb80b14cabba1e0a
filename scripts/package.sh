#!/usr/bin/env bash
# Builds the Debian packages from what scripts/build.sh published (run it first), with dpkg-deb only:
#   pve-cluster_<ver>_amd64.deb  pmxcfs + pvecm (NativeAOT, in /usr/lib/pve-cluster), pve-cluster.service, man pages,
#                                bash completion
#   pve-api_<ver>_amd64.deb      pveproxy + pvedaemon (self-contained .NET, no runtime needed on the host),
#                                the web GUI, their units, PAM service, tmpfiles.d, man pages
#   pve-guests_<ver>_amd64.deb   pve-guests (NativeAOT) + pve-guests.service: guest cold start after quorum (docs/real-hosts.md)
# Usage: scripts/package.sh [--output DIR] [--version VERSION]   (default: artifacts/deb, version from the build)
# The package sources (control templates, maintainer scripts, units) are in packaging/.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
BIN=${PVE_ARTIFACTS:-$REPO/artifacts/bin}
API_BIN=$REPO/artifacts/pve-api
OUTPUT=$REPO/artifacts/deb
VERSION=

while (($#)); do
  case $1 in
    --output) OUTPUT=${2:?--output needs a directory}; shift 2 ;;
    --version) VERSION=${2:?--version needs a value}; shift 2 ;;
    *) echo "package.sh: unknown argument '$1' (usage: package.sh [--output DIR] [--version VERSION])" >&2; exit 2 ;;
  esac
done

for needed in "$BIN/pmxcfs" "$BIN/pvecm" "$BIN/pve-guests" "$BIN/libe_sqlite3.so" "$BIN/pve-docgen" "$BIN/gui/wwwroot/index.html" "$API_BIN/pveproxy" "$API_BIN/pvedaemon"; do
  [[ -e $needed ]] || { echo "package.sh: $needed is missing; run scripts/build.sh first" >&2; exit 1; }
done
# pmxcfs and pvecm must be the NativeAOT builds (no .NET runtime on the host), not the JIT ones beside pve-fuzz.
# An apphost is a few hundred KB; the AOT binaries carry the whole runtime (many MB).
for aot in pmxcfs pvecm; do
  if (($(stat -c %s "$BIN/$aot") < 4 * 1024 * 1024)); then
    echo "package.sh: $BIN/$aot is not a NativeAOT binary; run scripts/build.sh" >&2; exit 1
  fi
done

if [[ -z $VERSION ]]; then
  # The assemblies' version (1.0.0+<commit>) without the commit, plus the commit count and short hash
  # when this is a git checkout, so that every commit's packages upgrade the previous ones.
  VERSION=$("$BIN/pvecm" --version)
  VERSION=${VERSION%%+*}
  if count=$(git rev-list --count HEAD 2>/dev/null) && commit=$(git rev-parse --short=8 HEAD 2>/dev/null); then
    VERSION="$VERSION+git$count.$commit"
  fi
fi
[[ $VERSION =~ ^[0-9][A-Za-z0-9.+~-]*$ ]] || { echo "package.sh: '$VERSION' is not a Debian version" >&2; exit 2; }

WORK=$(mktemp -d /tmp/pve-package.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUTPUT"

# Man pages and bash completion, generated from the programs' command-line definitions.
"$BIN/pve-docgen" --output "$WORK/docs" --package-version "$VERSION"

# install_file MODE SOURCE DEST
install_file() { install -D -m "$1" "$2" "$3"; }

# control PACKAGE ROOT: fills packaging/deb/PACKAGE/control with the version and installed size; copies the
# maintainer scripts and conffiles.
control() {
  local package=$1 root=$2 size
  mkdir -p "$root/DEBIAN"
  size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
  sed -e "s/@VERSION@/$VERSION/g" -e "s/@INSTALLED_SIZE@/$size/" "packaging/deb/$package/control" > "$root/DEBIAN/control"
  for script in preinst postinst prerm postrm; do
    if [[ -e packaging/deb/$package/$script ]]; then
      # #HELPERS# becomes the shared helpers (like debhelper's #DEBHELPER#).
      sed -e '/^#HELPERS#$/{r packaging/deb/maintscript-helpers.sh' -e 'd}' "packaging/deb/$package/$script" > "$root/DEBIAN/$script"
      chmod 0755 "$root/DEBIAN/$script"
    fi
  done
  [[ -e packaging/deb/$package/conffiles ]] && install -m 0644 "packaging/deb/$package/conffiles" "$root/DEBIAN/conffiles"
  (cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
  chmod 0644 "$root/DEBIAN/md5sums"
}

# man PAGE SECTION ROOT
man() { install -D -m 0644 /dev/null "$3/usr/share/man/man$2/$1.$2.gz"; gzip -9n < "$WORK/docs/$1.$2" > "$3/usr/share/man/man$2/$1.$2.gz"; }

docs() {
  local package=$1 root=$2
  install_file 0644 packaging/deb/copyright "$root/usr/share/doc/$package/copyright"
}

build() {
  local package=$1 root=$2
  control "$package" "$root"
  # Root-owned files whatever user builds; no fakeroot needed.
  # zstd: seconds for pve-api's ~100 MB where xz takes minutes on a loaded 2-core machine (dpkg >= 1.21.18 reads it).
  dpkg-deb --root-owner-group -Zzstd --build "$root" "$OUTPUT/${package}_${VERSION}_amd64.deb" >/dev/null
  echo "package.sh: $OUTPUT/${package}_${VERSION}_amd64.deb"
}

# --- pve-cluster
root=$WORK/pve-cluster
# In their own directory with the native library the AOT pmxcfs loads from beside its real path (SQLite);
# /usr/bin has links.
install_file 0755 "$BIN/pmxcfs" "$root/usr/lib/pve-cluster/pmxcfs"
install_file 0755 "$BIN/pvecm" "$root/usr/lib/pve-cluster/pvecm"
install_file 0644 "$BIN/libe_sqlite3.so" "$root/usr/lib/pve-cluster/libe_sqlite3.so"
mkdir -p "$root/usr/bin"
ln -s ../lib/pve-cluster/pmxcfs "$root/usr/bin/pmxcfs"
ln -s ../lib/pve-cluster/pvecm "$root/usr/bin/pvecm"
install_file 0644 packaging/systemd/pve-cluster.service "$root/lib/systemd/system/pve-cluster.service"
install_file 0644 packaging/systemd/corosync.service.d/pve-cluster.conf "$root/lib/systemd/system/corosync.service.d/pve-cluster.conf"
install_file 0644 "$WORK/docs/pvecm.bash-completion" "$root/usr/share/bash-completion/completions/pvecm"
man pvecm 1 "$root"
man pmxcfs 8 "$root"
docs pve-cluster "$root"
build pve-cluster "$root"

# --- pve-api
root=$WORK/pve-api
mkdir -p "$root/usr/lib/pve-api"
cp -a "$API_BIN/." "$root/usr/lib/pve-api/"
rm -rf "$root/usr/lib/pve-api/gui" "$root/usr/lib/pve-api/pam"
find "$root/usr/lib/pve-api" \( -name '*.pdb' -o -name '*.xml' \) -delete
cp -a "$BIN/gui" "$root/usr/lib/pve-api/gui"
find "$root/usr/lib/pve-api" -type d -exec chmod 0755 {} +
find "$root/usr/lib/pve-api" -type f -exec chmod 0644 {} +
chmod 0755 "$root/usr/lib/pve-api/pveproxy" "$root/usr/lib/pve-api/pvedaemon"
mkdir -p "$root/usr/bin"
ln -s ../lib/pve-api/pveproxy "$root/usr/bin/pveproxy"
ln -s ../lib/pve-api/pvedaemon "$root/usr/bin/pvedaemon"
install_file 0644 "$API_BIN/pam/pve-api" "$root/etc/pam.d/pve-api"
install_file 0644 packaging/systemd/pvedaemon.service "$root/lib/systemd/system/pvedaemon.service"
install_file 0644 packaging/systemd/pveproxy.service "$root/lib/systemd/system/pveproxy.service"
install_file 0644 packaging/tmpfiles.d/pve-api.conf "$root/usr/lib/tmpfiles.d/pve-api.conf"
man pveproxy 8 "$root"
man pvedaemon 8 "$root"
docs pve-api "$root"
build pve-api "$root"

# --- pve-guests
root=$WORK/pve-guests
install_file 0755 "$BIN/pve-guests" "$root/usr/bin/pve-guests"
install_file 0644 packaging/systemd/pve-guests.service "$root/lib/systemd/system/pve-guests.service"
docs pve-guests "$root"
build pve-guests "$root"
