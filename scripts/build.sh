#!/usr/bin/env bash
# Builds the solution and publishes the deployables (pvecm, pmxcfs, pveproxy, pvedaemon, pvelab), the web GUI
# and the tools
# (pve-bench-cfs, pve-fuzz) into
# artifacts/bin, where the lab runs them inside its node namespaces.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${CONFIG:-Release}
OUT=artifacts/bin
dotnet build PveCluster.slnx -c "$CONFIG" -nologo -clp:ErrorsOnly
mkdir -p "$OUT"
for proj in src/PveCluster.Cli src/PveCluster.Cfs src/PveCluster.Proxy src/PveCluster.Daemon src/PveCluster.Lab bench/PveCluster.Bench.Cfs fuzz/PveCluster.Fuzz src/PveCluster.DocGen; do
  dotnet publish "$proj" -c "$CONFIG" -o "$OUT" --no-build -nologo -clp:ErrorsOnly >/dev/null
done
# The web GUI (Blazor WebAssembly, trimmed, no AOT): static files pveproxy serves from gui/wwwroot beside its binary.
# Not --no-build: the publish step writes the content hashes into index.html. Old hashed files are removed first.
rm -rf "$OUT/gui"
dotnet publish src/PveCluster.Gui -c "$CONFIG" -o "$OUT/gui" -nologo -clp:ErrorsOnly >/dev/null
# pveproxy and pvedaemon once more, self-contained (the .NET runtime inside, none needed on the host), for
# their Debian package (scripts/package.sh): Debian has no .NET runtime package.
rm -rf artifacts/pve-api
for proj in src/PveCluster.Proxy src/PveCluster.Daemon; do
  dotnet publish "$proj" -c "$CONFIG" -r linux-x64 --self-contained -o artifacts/pve-api -nologo -clp:ErrorsOnly >/dev/null
done
# pmxcfs and pvecm as NativeAOT binaries (a third of the memory, no JIT at start); last, so that
# no later publish into $OUT (pve-fuzz references pmxcfs) can put the JIT builds back.
for proj in src/PveCluster.Cfs src/PveCluster.Cli src/PveCluster.Guests; do
  dotnet publish "$proj" -c "$CONFIG" --use-current-runtime -p:PublishAot=true -o "$OUT" -nologo -clp:ErrorsOnly >/dev/null
done
echo "build.sh: deployables in $OUT"
