# Hostile catalogue, output directory (docs/operations.md, "What a failure leaves"):
# --force never removes the working directory, a directory holding an input, or anything
# HeatStreet did not write; two runs on one output cannot overwrite each other; a
# trailing slash or "." names the directory it names.
source "$(dirname "$0")/lib.bash"
data=$WORK/data
synth_small "$data" 20000 71

# A run from inside a directory of the user's, with --out . --force: refused before any
# work, and the user's file is still there.
mkdir -p "$WORK/mine"
echo "precious" > "$WORK/mine/notes.txt"
( cd "$WORK/mine" && expect_exit 4 -- run_on 1 "$data" . --force && echo "$OUT" ) >"$WORK/dot.log" ||
  fail "--out . --force: $(cat "$WORK/dot.log")"
grep -q "working directory" "$WORK/dot.log" || fail "--out . --force: $(cat "$WORK/dot.log")"
grep -q "ingest: started" "$WORK/dot.log" && fail "--out . --force started work"
[[ $(cat "$WORK/mine/notes.txt") == precious ]] || fail "--out . --force removed the user's file"
echo "hostile_output: --out . --force refused, nothing removed"

# --force onto the folder that holds the inputs: refused, inputs intact.
before=$(find "$data" -type f | sort | xargs sha256sum)
expect_exit 4 -- run_on 1 "$data" "$data" --force
expect_output "holds the input"
[[ $(find "$data" -type f | sort | xargs sha256sum) == "$before" ]] || fail "--force changed the inputs"
echo "hostile_output: --force onto the inputs refused, inputs intact"

# --force onto a directory HeatStreet did not write: refused, untouched.
mkdir -p "$WORK/other" && echo x > "$WORK/other/file"
expect_exit 4 -- run_on 1 "$data" "$WORK/other" --force
expect_output "HeatStreet did not write it"
[[ -f $WORK/other/file ]] || fail "--force removed a directory HeatStreet did not write"
# Nor a file in its place, nor a leftover "<dir>.partial" of someone else's.
echo x > "$WORK/afile"
expect_exit 4 -- run_on 1 "$data" "$WORK/afile" --force
[[ -f $WORK/afile ]] || fail "--force removed a file"
mkdir -p "$WORK/fresh.partial" && echo x > "$WORK/fresh.partial/keep"
expect_exit 4 -- run_on 1 "$data" "$WORK/fresh"
expect_output "cannot be cleared"
[[ -f $WORK/fresh.partial/keep ]] || fail "a run cleared a .partial directory it did not write"
echo "hostile_output: directories, files and .partial not written by HeatStreet are kept"

# --force onto HeatStreet's own output: replaced.
run_on 1 "$data" "$WORK/out" >/dev/null || fail "first run failed"
run_on 1 "$data" "$WORK/out" --force >/dev/null || fail "--force onto an earlier result failed"
[[ -f $WORK/out/results.h5 && ! -e $WORK/out.replaced && ! -e $WORK/out.lock ]] ||
  fail "--force left $(ls "$WORK")"
echo "hostile_output: --force replaces an earlier result"

# A trailing slash names the same directory: the run completes where it should.
expect_exit 0 -- run_on 1 "$data" "$WORK/slash/"
[[ -f $WORK/slash/results.h5 && ! -e $WORK/slash.partial ]] || fail "trailing slash: $(ls "$WORK")"
echo "hostile_output: trailing slash"

# Two runs on the same output at once: the second fails at once (exit 4) naming the
# holder; the first completes with its own, whole results.
run_on 2 "$data" "$WORK/shared" >"$WORK/first.log" 2>&1 &
first=$!
wait_for_line "$WORK/first.log" "preflight: done" "$first"
signal_ranks STOP "$first"  # held mid-run, whatever the machine's speed
expect_exit 4 -- run_on 1 "$data" "$WORK/shared"
signal_ranks CONT "$first"
expect_output "is in use by heatstreet process"
wait $first || fail "the first run failed: $(cat "$WORK/first.log")"
same_results "$WORK/out" "$WORK/shared"
echo "hostile_output: a second run on a busy output is refused; the first completes"
