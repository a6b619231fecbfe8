# A stage failing on rank 2 of 4 ends every rank promptly with the same exit code and
# one message naming the rank; no rank hangs (ctest's timeout guards the whole test).
source "$(dirname "$0")/lib.bash"
H=$HEATSTREET_BIN
cfg=$HEATSTREET_SOURCE_DIR/config/heatstreet.yaml
run4() { "$MPIEXEC" -n 4 --oversubscribe "$@"; }

start=$(date +%s)
expect_exit 3 -- run4 env HEATSTREET_TEST_FAIL_STAGE=preflight@2 \
  "$H" run --config "$cfg" --set 'inputs.certificates=[x.csv]' --out "$WORK/out"
elapsed=$(( $(date +%s) - start ))
expect_output "heatstreet: error (rank 2): injected failure in stage 'preflight'"
count=$(grep -c "heatstreet: error" <<<"$OUT" || true)
[[ $count -eq 1 ]] || fail "expected one error message, got $count:
$OUT"
grep -q "MPI_ABORT" <<<"$OUT" && fail "the job was aborted instead of ending cleanly:
$OUT"
[[ $elapsed -lt 60 ]] || fail "ranks took ${elapsed}s to end"
[[ ! -e "$WORK/out" ]] || fail "a failed run left an output directory"

# The same failure on rank 0 and on the last rank.
expect_exit 3 -- run4 env HEATSTREET_TEST_FAIL_STAGE=preflight@0 \
  "$H" run --config "$cfg" --set 'inputs.certificates=[x.csv]' --out "$WORK/out"
expect_output "(rank 0)"
expect_exit 3 -- run4 env HEATSTREET_TEST_FAIL_STAGE=preflight@3 \
  "$H" run --config "$cfg" --set 'inputs.certificates=[x.csv]' --out "$WORK/out"
expect_output "(rank 3)"

# Configuration errors are found identically on every rank and printed once.
expect_exit 2 -- run4 "$H" check-config "$cfg" --set run.workers=0
count=$(grep -c "heatstreet: error" <<<"$OUT" || true)
[[ $count -eq 1 ]] || fail "expected one error message, got $count:
$OUT"
echo "error_agreement (agreed): passed"

# The failing rank's partners are stuck in a collective it never joins: after the
# agreement timeout the failing rank reports and ends the whole job with its code.
start=$(date +%s)
expect_exit 3 -- run4 env HEATSTREET_AGREE_TIMEOUT=2 HEATSTREET_TEST_FAIL_STAGE=preflight@2:collective \
  "$H" run --config "$cfg" --set 'inputs.certificates=[x.csv]' --out "$WORK/out"
elapsed=$(( $(date +%s) - start ))
expect_output "heatstreet: error (rank 2): injected failure in stage 'preflight'"
[[ $elapsed -lt 30 ]] || fail "ranks took ${elapsed}s to end"
[[ ! -e "$WORK/out" ]] || fail "a failed run left an output directory"
echo "error_agreement (stuck partners): passed"
