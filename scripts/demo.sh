#!/usr/bin/env bash
# The main job: builds everything and shows the cluster manager.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
artifacts/bin/pvecm --help
