#!/usr/bin/env bash
# HeatStreet on one workstation or laptop with mpirun.
#
#   jobs/workstation.sh CONFIG OUTPUT_DIR [extra heatstreet run options...]
#
# Environment: HEATSTREET_RANKS (default: one rank per physical core),
# HEATSTREET_WORKERS (threads per rank, default 1), HEATSTREET_CHUNK_SIZE,
# HEATSTREET_PROFILE=1, HEATSTREET_BIN (default build/heatstreet),
# HEATSTREET_INPUT_MB (certificate input size for the memory check; by default measured
# from the files the configuration names).
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

# Pre-flight: expected peak memory against what is available. Measured by scripts/bench
# (docs/operations.md): each rank peaks at about 40 MB plus 1 KB per dwelling it models,
# and the ranks share the dwellings evenly. With the default stock about one certificate
# in eight of the register's mix is modelled, 0.13 x the certificate bytes in all; the
# check allows 100 MB per rank plus a third of the certificate bytes (uncompressed), a
# margin for wider selections. A selection that keeps nearly every certificate needs up
# to 0.8 x: check it with HEATSTREET_INPUT_MB set to 2.5 x the input's MB.
input_bytes() {
  local line paths p total=0 n
  line=$("$bin" check-config "$config" --dump 2>/dev/null | grep -m1 '^  certificates:' || true)
  paths=$(sed -e 's/^  certificates: *\[//' -e 's/\]$//' -e 's/, */\n/g' <<<"$line")
  while IFS= read -r p; do
    [[ -n $p ]] || continue
    if [[ $p == *.zip ]] && command -v unzip >/dev/null; then
      n=$(unzip -l "$p" 2>/dev/null | tail -1 | awk '{print $1}')
    else
      n=$(du -scbL "$p" 2>/dev/null | tail -1 | cut -f1)
    fi
    total=$(( total + ${n:-0} ))
  done <<<"$paths"
  echo "$total"
}
if [[ -n ${HEATSTREET_INPUT_MB:-} ]]; then input_mb=$HEATSTREET_INPUT_MB
else input_mb=$(( $(input_bytes) / 1000000 )); fi
need_mb=$(( ranks * 100 + input_mb / 3 ))
avail_mb=$(( $(awk '/MemAvailable/ {print $2}' /proc/meminfo) / 1024 ))
echo "workstation.sh: $ranks rank(s) x $HEATSTREET_WORKERS worker(s); ${input_mb} MB of certificates;" \
  "expected peak memory ${need_mb} MB, available ${avail_mb} MB"
if (( need_mb > avail_mb )); then
  echo "workstation.sh: not enough memory for ${input_mb} MB of certificates on $ranks ranks;" \
    "free memory or narrow the inputs (HEATSTREET_INPUT_MB overrides the estimate)" >&2
  exit 4
fi

# One rank per core, bound to it; more ranks than cores cannot be bound.
extra=(--bind-to core --map-by core)
(( ranks > cores )) && extra=(--oversubscribe --bind-to none)
[[ $(id -u) -eq 0 ]] && extra+=(--allow-run-as-root)
exec mpirun -n "$ranks" "${extra[@]}" \
  "$bin" run --config "$config" --out "$out" "$@"
