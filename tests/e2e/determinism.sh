# The whole output is the same on 1, 2, 3 and 4 ranks, for any chunk size and worker
# count: results.h5 (h5diff), every table and both maps.
source "$(dirname "$0")/lib.bash"
data=$WORK/data
synth_small "$data" 30000 21

run_on 1 "$data" "$WORK/ref" --set run.chunk_size=50000 --set run.workers=1 >/dev/null
[[ -f $WORK/ref/results.h5 && -f $WORK/ref/tiers.tif && -f $WORK/ref/tables/scenario_summary.csv ]] ||
  fail "the reference run wrote no complete output"
i=0
for n in 2 3 4; do
  for chunk in 1 7 50000; do
    for workers in 1 2; do
      # Every rank count with a few combinations of chunk size and worker count.
      i=$((i + 1))
      (( (i + n) % 2 == 0 )) || continue
      run_on $n "$data" "$WORK/o-$n-$chunk-$workers" --set run.chunk_size=$chunk \
        --set run.workers=$workers >/dev/null
      same_results "$WORK/ref" "$WORK/o-$n-$chunk-$workers"
      echo "same results: $n ranks, chunk $chunk, $workers worker(s)"
    done
  done
done
echo "determinism: passed"
