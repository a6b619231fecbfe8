# Faults: a rank killed mid-run, a full output disk and an output directory that cannot
# be written. Each ends promptly with a non-zero code and a message, and never leaves a
# complete-looking output directory. Needs root for the small file systems it mounts
# (reported as skipped, exit 77, elsewhere).
source "$(dirname "$0")/lib.bash"
[[ $(id -u) -eq 0 ]] || { echo "SKIPPED: needs root to mount a small file system"; exit 77; }
data=$WORK/data
synth_small "$data" 150000 51
mounts=()
cleanup() {
  for m in "${mounts[@]}"; do umount "$m" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# 1. One rank killed (SIGKILL) mid-run: the job ends non-zero within seconds.
set +e
run_on 3 "$data" "$WORK/killed" >"$WORK/kill.log" 2>&1 &
job=$!
wait_for_line "$WORK/kill.log" "ingest: started" "$job"
victim=$(for p in $(pgrep -P "$job"; pgrep -P "$(pgrep -P "$job" | head -1)" 2>/dev/null); do
  [[ $(cat /proc/$p/comm 2>/dev/null) == heatstreet ]] && echo "$p"; done | tail -1)
[[ -n $victim ]] || fail "no rank process found to kill: $(cat "$WORK/kill.log")"
killed_at=$(date +%s)
kill -KILL "$victim"
wait $job
rc=$?
set -e
elapsed=$(( $(date +%s) - killed_at ))
[[ $rc -ne 0 ]] || fail "the job survived a killed rank"
(( elapsed < 30 )) || fail "the job took ${elapsed}s to end after a rank was killed"
[[ ! -e $WORK/killed ]] || fail "a killed run left a complete-looking output directory"
echo "faults: killed rank -> exit $rc after ${elapsed}s, no output directory"

# 2. Output disk full: exit 4 with a message, no complete output.
mkdir -p "$WORK/full"
mount -t tmpfs -o size=2m tmpfs "$WORK/full"
mounts+=("$WORK/full")
expect_exit 4 -- run_on 2 "$data" "$WORK/full/out"
expect_output "heatstreet: error"
expect_output "no space left on the device holding $WORK/full/out.partial"
[[ ! -e $WORK/full/out ]] || fail "a run on a full disk left a complete-looking output"
echo "faults: full disk -> exit 4"

# 3. Output directory not writable (read-only file system): exit 4 before any work.
mkdir -p "$WORK/ro"
mount -t tmpfs -o size=1m,ro tmpfs "$WORK/ro"
mounts+=("$WORK/ro")
expect_exit 4 -- run_on 2 "$data" "$WORK/ro/out"
expect_output "not writable"
grep -q "ingest: started" <<<"$OUT" && fail "work started although the output cannot be written"
echo "faults: read-only output -> exit 4 before any work"
