# A run stopped by SIGTERM during the scenario stage resumes with --resume and ends with
# results identical to an uninterrupted run (even on another rank count); a resume with a
# changed configuration or input is refused with a clear message.
source "$(dirname "$0")/lib.bash"
data=$WORK/data
synth_small "$data" 30000 31
run_on 2 "$data" "$WORK/ref" >/dev/null

# Stop with SIGTERM, as SLURM does at the time limit, once a scenario stage has begun.
interrupt_at "$WORK/log" "scenario fabric_only: started" -- run_on 3 "$data" "$WORK/out"
[[ $RC -eq 130 ]] || fail "interrupted run exited $RC: $(cat "$WORK/log")"
[[ ! -e $WORK/out && -f $WORK/out.partial/checkpoint/state.json ]] || fail "no resumable state left"

# A changed configuration or input is refused.
expect_exit 2 -- run_on 2 "$data" "$WORK/out" --resume --set spatial.grid.cell_size_m=250
expect_output "cannot resume: the configuration differs"
expect_output "cell_size_m"
cp -p "$data/postcodes.csv" "$WORK/postcodes.saved"
echo "ZZ9 9ZZ,500000,200000" >> "$data/postcodes.csv"
expect_exit 3 -- run_on 2 "$data" "$WORK/out" --resume
expect_output "cannot resume: input $data/postcodes.csv changed"
cp -p "$WORK/postcodes.saved" "$data/postcodes.csv"  # the original, with its time
# Nothing to resume (a resubmitted job that was stopped before its first checkpoint, or
# never started): the run starts from the beginning.
expect_exit 0 -- run_on 2 "$data" "$WORK/never" --resume
expect_output "nothing to resume"
same_results "$WORK/ref" "$WORK/never"

# The resume (on another rank count) completes and equals the uninterrupted run.
run_on 2 "$data" "$WORK/out" --resume >"$WORK/resume.log" 2>&1 || fail "resume failed: $(cat "$WORK/resume.log")"
grep -q "\[stage\] resume: done" "$WORK/resume.log" || fail "the resume did not start from the checkpoint"
grep -q "scenario baseline: started" "$WORK/resume.log" && fail "the resume redid a completed scenario"
[[ ! -e $WORK/out.partial ]] || fail "the resumed run left its temporary directory"
same_results "$WORK/ref" "$WORK/out"
echo "resume: passed"
