#!/usr/bin/env bash
# HeatStreet on one workstation or laptop with mpirun.
#
#   jobs/workstation.sh CONFIG OUTPUT_DIR [extra heatstreet run options...]
#
# Environment: HEATSTREET_RANKS (default: one rank per physical core),
# HEATSTREET_WORKERS (threads per rank, default 1), HEATSTREET_CHUNK_SIZE,
# HEATSTREET_PROFILE=1, HEATSTREET_BIN (default build/heatstreet),
# HEATSTREET_DWELLINGS (expected dwellings, for the memory check; default 1000000).
set -euo pipefail
config=${1:?usage: jobs/workstation.sh CONFIG OUTPUT_DIR [options]}
out=${2:?usage: jobs/workstation.sh CONFIG OUTPUT_DIR [options]}
shift 2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${HEATSTREET_BIN:-$here/build/heatstreet}
[[ -x $bin ]] || { echo "workstation.sh: $bin not found; run ./scripts/build" >&2; exit 2; }

cores=$(lscpu -p=core 2>/dev/null | grep -v '^#' | sort -u | wc -l)
[[ $cores -ge 1 ]] || cores=$(nproc)
ranks=${HEATSTREET_RANKS:-$cores}
export HEATSTREET_WORKERS=${HEATSTREET_WORKERS:-1}

# Pre-flight: expected need (docs/operations.md) against available memory.
dwellings=${HEATSTREET_DWELLINGS:-1000000}
need_mb=$(( ranks * 500 + dwellings * 300 / 1000000 ))
avail_mb=$(( $(awk '/MemAvailable/ {print $2}' /proc/meminfo) / 1024 ))
echo "workstation.sh: $ranks rank(s) x $HEATSTREET_WORKERS worker(s); expected memory ${need_mb} MB, available ${avail_mb} MB"
if (( need_mb > avail_mb )); then
  echo "workstation.sh: not enough memory for $ranks ranks and $dwellings dwellings; use fewer ranks (HEATSTREET_RANKS)" >&2
  exit 4
fi

# One rank per core, bound to it; more ranks than cores cannot be bound.
extra=(--bind-to core --map-by core)
(( ranks > cores )) && extra=(--oversubscribe --bind-to none)
[[ $(id -u) -eq 0 ]] && extra+=(--allow-run-as-root)
exec mpirun -n "$ranks" "${extra[@]}" \
  "$bin" run --config "$config" --out "$out" "$@"
