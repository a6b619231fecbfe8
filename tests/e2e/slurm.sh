# jobs/heatstreet.sbatch on a real single-node SLURM (munge, slurmctld, slurmd started by
# this test and stopped at its end): the job completes and its results equal mpirun's.
# Reported as skipped (exit 77) where SLURM cannot run here, never as passed.
source "$(dirname "$0")/lib.bash"
state=$WORK/slurm
slurm=$HEATSTREET_SOURCE_DIR/tests/slurm/local-slurm
set +e
"$slurm" start "$state"
rc=$?
set -e
if [[ $rc -eq 77 ]]; then echo "SKIPPED: SLURM cannot run here (see above)"; exit 77; fi
[[ $rc -eq 0 ]] || fail "the local SLURM did not start"
trap '"$slurm" stop "$state"; rm -rf "$WORK"' EXIT

data=$WORK/data
synth_small "$data" 20000 41
run_on 3 "$data" "$WORK/mpirun" >/dev/null

cfg=$WORK/job.yaml
cat > "$cfg" <<YAML
inputs:
  certificates: [$data/certificates]
  postcodes: $data/postcodes.csv
  hnpd: $data/hnpd.csv
  zones: [$data/zones.gpkg]
YAML
cd "$WORK"
set +e
HEATSTREET_BIN=$HEATSTREET_BIN sbatch --wait -n 3 --output="$WORK/job-%j.out" \
  "$HEATSTREET_SOURCE_DIR/jobs/heatstreet.sbatch" "$cfg" "$WORK/slurm-out" > "$WORK/sbatch.out" 2>&1
rc=$?
set -e
job=$(grep -o '[0-9]\+' "$WORK/sbatch.out" | head -1)
[[ $rc -eq 0 ]] || fail "sbatch --wait exited $rc: $(cat "$WORK/sbatch.out" "$WORK"/job-*.out 2>/dev/null)"
state_line=$(scontrol show job "$job" 2>/dev/null | grep -o 'JobState=[A-Z]*' || true)
[[ -z $state_line || $state_line == JobState=COMPLETED ]] || fail "job $job ended $state_line"
grep -q "3 tasks" "$WORK"/job-"$job".out || fail "the job did not run 3 tasks: $(cat "$WORK"/job-"$job".out)"
same_results "$WORK/mpirun" "$WORK/slurm-out"
echo "slurm: job $job completed on 3 tasks; results equal the mpirun run"
