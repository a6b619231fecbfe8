# SIGTERM (as SLURM sends it at the time limit) stops a run at the next stage boundary:
# every rank exits 130 with one message, and no complete output directory is left.
source "$(dirname "$0")/lib.bash"
H=$HEATSTREET_BIN
data=$WORK/data
"$MPIEXEC" -n 2 --oversubscribe "$H" synth --n 200000 --seed 5 --out "$data" >/dev/null

set +e
"$MPIEXEC" -n 3 --oversubscribe "$H" run --config "$HEATSTREET_SOURCE_DIR/config/example.yaml" \
  --set "inputs.certificates=[$data/certificates]" --set "inputs.postcodes=$data/postcodes.csv" \
  --out "$WORK/out" >"$WORK/log" 2>&1 &
job=$!
# Signal the ranks themselves, as SLURM does, once the first stage has begun.
wait_for_line "$WORK/log" "ingest: started" "$job"
signal_ranks TERM "$job"
wait $job
rc=$?
set -e
[[ $rc -eq 130 ]] || fail "interrupted run exited $rc, expected 130: $(cat "$WORK/log")"
grep -q "interrupted by SIGTERM before stage" "$WORK/log" || fail "no interrupt message: $(cat "$WORK/log")"
[[ $(grep -c "heatstreet: error" "$WORK/log") -eq 1 ]] || fail "expected one message: $(cat "$WORK/log")"
[[ ! -e "$WORK/out" ]] || fail "an interrupted run left a complete-looking output directory"
echo "interrupt: passed"
