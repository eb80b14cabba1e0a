#!/usr/bin/env bash
# Long randomized pmxcfs chaos run on a 3-node lab (real corosync): writers on every node, random
# cuts, heals and kill -9 of pmxcfs and corosync, then heal and check that no acknowledged write was
# lost, no node diverged and nothing was acknowledged without quorum.
#   bash scripts/chaos.sh [--seconds N] [--seed S] [--no-build]
# Default 600 s with a fresh seed. The report (and every node's logs) lands in $PVE_CHAOS_REPORT_DIR
# (default /tmp); the seed is printed and repeats the same schedule with --seed.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=600
seed=""
build=1
while (($#)); do
  case $1 in
    --seconds) seconds=${2:?--seconds needs a value}; shift 2 ;;
    --seed) seed=${2:?--seed needs a value}; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "chaos.sh: unknown option '$1' (use --seconds N, --seed S, --no-build)" >&2; exit 2 ;;
  esac
done
for value in "$seconds" ${seed:+"$seed"}; do
  [[ $value =~ ^[1-9][0-9]*$ ]] || { echo "chaos.sh: '$value' is not a positive whole number" >&2; exit 2; }
done

if ((build)); then
  bash scripts/setup.sh
  bash scripts/build.sh
fi
export PVE_ARTIFACTS="$PWD/artifacts/bin" PVE_LAB_REQUIRED=1 PVE_CHAOS_SECONDS="$seconds"
if [[ -n $seed ]]; then export PVE_CHAOS_SEED="$seed"; fi
exec dotnet test tests/PveCluster.Integration.Tests -c "${CONFIG:-Release}" --no-build -nologo \
  --filter "FullyQualifiedName~CfsChaosTests" --logger "console;verbosity=detailed"
