# Hostile catalogue, the run itself: a resubmitted job after a stop during ingest just
# runs, a refused resume names the input that differs, an encrypted archive says so, and
# a stopped rank ends the job with a message instead of hanging it.
source "$(dirname "$0")/lib.bash"
data=$WORK/data
synth_small "$data" 60000 81
run_on 2 "$data" "$WORK/ref" >/dev/null

# SIGTERM during ingest (before any checkpoint), then the same job again with --resume,
# as a resubmitted SLURM job does: it starts over and completes.
interrupt_at "$WORK/term.log" "ingest: started" -- run_on 2 "$data" "$WORK/out"
[[ $RC -eq 130 ]] || fail "the stopped run exited $RC: $(cat "$WORK/term.log")"
expect_exit 0 -- run_on 2 "$data" "$WORK/out" --resume
expect_output "nothing to resume"
same_results "$WORK/ref" "$WORK/out"
echo "hostile_run: --resume after a stop during ingest starts over and completes"

# A resume refused for its inputs names the file that differs.
interrupt_at "$WORK/late.log" "scenario fabric_only: started" -- run_on 2 "$data" "$WORK/late"
# A register file more in the same folder: the configuration is unchanged, the inputs not.
extra=$data/certificates/domestic-extra
mkdir -p "$extra"
head -1 "$(ls "$data"/certificates/*/certificates.csv | head -1)" > "$extra/certificates.csv"
expect_exit 3 -- run_on 2 "$data" "$WORK/late" --resume
expect_output "input $extra/certificates.csv was not an input of the interrupted run"
rm -r "$extra"
echo "hostile_run: a refused resume names the input"

# An encrypted archive is named as such, not as a corrupt one.
mkdir -p "$WORK/zip"
cp "$(ls "$data"/certificates/*/certificates.csv | head -1)" "$WORK/zip/certificates.csv"
(cd "$WORK/zip" && zip -q -P secret locked.zip certificates.csv)
expect_exit 3 -- run_on 1 "$data" "$WORK/locked" --set "inputs.certificates=[$WORK/zip/locked.zip]"
expect_output "is encrypted (member certificates.csv needs a password)"
echo "hostile_run: encrypted zip named"

# A stopped rank: the progress watchdog ends the job with a message.
set +e
run_on 2 "$data" "$WORK/stopped" --set run.stall_timeout_s=5 >"$WORK/stop.log" 2>&1 &
job=$!
wait_for_line "$WORK/stop.log" "ingest: started" "$job"
victim=$(for p in $(pgrep -P "$job"; pgrep -P "$(pgrep -P "$job" | head -1)" 2>/dev/null); do
  [[ $(cat /proc/$p/comm 2>/dev/null) == heatstreet ]] && echo "$p"; done | tail -1)
[[ -n $victim ]] || fail "no rank process found to stop"
kill -STOP "$victim"
stopped_at=$(date +%s)
wait $job
rc=$?
set -e
kill -KILL "$victim" 2>/dev/null || true
elapsed=$(( $(date +%s) - stopped_at ))
[[ $rc -ne 0 ]] || fail "the job with a stopped rank exited 0"
(( elapsed < 60 )) || fail "the job took ${elapsed}s to end after a rank was stopped"
grep -q "no progress for" "$WORK/stop.log" || fail "no watchdog message: $(cat "$WORK/stop.log")"
[[ ! -e $WORK/stopped ]] || fail "a stalled run left a complete-looking output directory"
echo "hostile_run: a stopped rank ends the job after ${elapsed}s with a message"
