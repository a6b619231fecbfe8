# Shared helpers for the end-to-end tests (sourced, not run: it has no test of its own).
set -euo pipefail
: "${HEATSTREET_BIN:?}" "${HEATSTREET_SOURCE_DIR:?}"
MPIEXEC=${MPIEXEC:-mpiexec}
source "$HEATSTREET_SOURCE_DIR/scripts/mpi-env"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/heatstreet-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# expect_exit CODE -- command...: runs the command, keeps its output in $OUT.
expect_exit() {
  local want=$1; shift; [[ $1 == -- ]] && shift
  set +e
  OUT=$("$@" 2>&1)
  local got=$?
  set -e
  [[ $got -eq $want ]] || fail "'$*' exited $got, expected $want; output:
$OUT"
}

expect_output() {
  grep -qF -- "$1" <<<"$OUT" || fail "output lacks '$1'; output:
$OUT"
}

# same_results DIR_A DIR_B: the two output directories hold the same results: results.h5
# equal (h5diff) but for the run's own provenance (configuration text with its output
# directory, start and end time, rank count), identical tables and identical maps.
same_results() {
  local a=$1 b=$2 diffs
  set +e
  diffs=$(h5diff "$a/results.h5" "$b/results.h5" 2>&1)
  local rc=$?
  set -e
  [[ $rc -le 1 ]] || fail "h5diff could not compare $a and $b: $diffs"
  local unexpected
  unexpected=$(grep -E '^(attribute|dataset|group|Not comparable|<)' <<<"$diffs" |
    grep -vE '^attribute: <(configuration|start_time|end_time|ranks) of </>> and <(configuration|start_time|end_time|ranks) of </>>$' || true)
  [[ -z $unexpected ]] || fail "results differ between $a and $b:
$unexpected"
  diff -r "$a/tables" "$b/tables" >/dev/null || fail "tables differ between $a and $b: $(diff -r "$a/tables" "$b/tables" | head -20)"
  for map in heat_density.tif tiers.tif; do
    cmp -s "$a/$map" "$b/$map" || fail "$map differs between $a and $b"
  done
}

# synth_small DIR N SEED: a small synthetic London register.
synth_small() {
  "$MPIEXEC" -n 2 --oversubscribe "$HEATSTREET_BIN" synth --n "$2" --seed "$3" --out "$1" >/dev/null
}

# run_on N DATA OUT [options...]: the pipeline on N ranks over a synth register.
run_on() {
  local n=$1 data=$2 out=$3
  shift 3
  "$MPIEXEC" -n "$n" --oversubscribe "$HEATSTREET_BIN" run \
    --config "$HEATSTREET_SOURCE_DIR/config/example.yaml" \
    --set "inputs.certificates=[$data/certificates]" --set "inputs.postcodes=$data/postcodes.csv" \
    --set "inputs.hnpd=$data/hnpd.csv" --set "inputs.zones=[$data/zones.gpkg]" \
    --out "$out" "$@"
}

# wait_for_line FILE TEXT PID: waits until FILE holds TEXT (up to 5 minutes, since
# sanitizer builds run several times slower); fails if PID ends first or time runs out.
wait_for_line() {
  local file=$1 text=$2 pid=$3
  for _ in $(seq 6000); do
    grep -qF -- "$text" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || fail "the job ended before printing '$text': $(cat "$file")"
    sleep 0.05
  done
  fail "'$text' did not appear within 5 minutes: $(cat "$file")"
}

# signal_ranks SIGNAL PID: sends SIGNAL to the heatstreet processes below PID (the ranks,
# as SLURM signals the tasks), not to the MPI launcher and not to other tests' processes.
signal_ranks() {
  local sig=$1 pids=$2 all=() next
  while [[ -n $pids ]]; do
    all+=($pids)
    next=$(for p in $pids; do pgrep -P "$p" || true; done)
    pids=$next
  done
  for p in "${all[@]}"; do
    [[ $(cat "/proc/$p/comm" 2>/dev/null) == heatstreet ]] && kill -s "$sig" "$p" 2>/dev/null || true
  done
}

# interrupt_at LOG TEXT -- command...: starts the command in the background (output to
# LOG), sends SIGTERM to its ranks once LOG holds TEXT, as SLURM does at a time limit,
# and waits for it; its exit code is left in $RC.
interrupt_at() {
  local log=$1 text=$2 job
  shift 2; [[ $1 == -- ]] && shift
  set +e
  "$@" >"$log" 2>&1 &
  job=$!
  wait_for_line "$log" "$text" "$job"
  signal_ranks TERM "$job"
  wait $job
  RC=$?
  set -e
}

# expect_counts RUN_JSON name=value ...: the counters of a run's run.json.
expect_counts() {
  python3 - "$@" <<'PY' || fail "counters of $1: see above"
import json, sys
c = json.load(open(sys.argv[1]))["counts"]
bad = [f"{k}={c.get(k)} (expected {v})" for k, v in (a.split("=") for a in sys.argv[2:])
       if c.get(k) != int(v)]
if bad:
    print("wrong counters: " + ", ".join(bad)); sys.exit(1)
PY
}

# The columns of the small hand-written registers of the catalogues.
REGISTER_HEADER='LMK_KEY,ADDRESS,POSTCODE,UPRN,LOCAL_AUTHORITY,PROPERTY_TYPE,BUILT_FORM,CONSTRUCTION_AGE_BAND,LODGEMENT_DATE,TOTAL_FLOOR_AREA,CURRENT_ENERGY_RATING,CURRENT_ENERGY_EFFICIENCY,ENERGY_CONSUMPTION_CURRENT,CO2_EMISSIONS_CURRENT,WALLS_DESCRIPTION,MAINHEAT_DESCRIPTION,LATITUDE,LONGITUDE'
# register_row K [FLOOR_AREA] [ENERGY] [LODGEMENT_DATE] [LATITUDE] [LONGITUDE] [POSTCODE]
# [UPRN]: one certificate inside the default stock (an Islington pre-1900 mid-terrace
# house); an empty floor area, energy or date takes the default, an empty coordinate,
# postcode or UPRN stays empty.
register_row() {
  echo "K$1,\"$1 Upper Street\",${7-N1 0PN},${8-$((100000 + $1))},E09000019,House,Mid-Terrace,England and Wales: before 1900,${4:-2020-06-01},${2:-85},D,60,${3:-250},3.0,\"Solid brick, as built, no insulation (assumed)\",\"Boiler and radiators, mains gas\",${5-51.54},${6--0.10}"
}
