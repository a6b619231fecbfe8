# The bad-data catalogue (docs/operations.md): every kind of broken input a national run
# meets, generated here, run through `heatstreet run`, and checked for its exit code, its
# message and the ingest counters in run.json. Rows are rejected and counted; files that
# cannot be read stop the run with exit 3 naming them and leave no output directory.
source "$(dirname "$0")/lib.bash"
H=$HEATSTREET_BIN
CFG=$HEATSTREET_SOURCE_DIR/config/heatstreet.yaml
D=$WORK/data
mkdir -p "$D"

HEADER=$REGISTER_HEADER
row() { register_row "$@"; }

# run_case WANT_EXIT INPUT [--set ...]: runs one rank over INPUT, rejects allowed;
# the output directory is $WORK/out-<input name, or $OUTNAME when set>.
run_case() {
  local want=$1 input=$2; shift 2
  OUTDIR=$WORK/out-${OUTNAME:-$(basename "$input")}
  expect_exit "$want" -- "$H" run --config "$CFG" --set "inputs.certificates=[$input]" \
    --set validation.max_reject_fraction=1 "$@" --out "$OUTDIR"
  if [[ $want -ne 0 ]]; then
    [[ ! -e $OUTDIR ]] || fail "$(basename "$input"): a failed run left $OUTDIR"
  fi
}

# counts k=v ...: the counters of the last run.
counts() { expect_counts "$OUTDIR/run.json" "$@"; }

# --- Files that are not a register file at all: exit 3 naming the file ---------------
: >"$D/empty.csv"
run_case 3 "$D/empty.csv"
expect_output "$D/empty.csv: the file is empty (no header row)"

echo "$HEADER" | sed 's/,POSTCODE,/,/' >"$D/no-postcode.csv"
row 1 | sed 's/,N1 0PN,/,/' >>"$D/no-postcode.csv"
run_case 3 "$D/no-postcode.csv"
expect_output "$D/no-postcode.csv: required column POSTCODE is missing from the header"

{ echo "$HEADER"; row 1; } | tr ',' ';' >"$D/semicolons.csv"
run_case 3 "$D/semicolons.csv"
expect_output "$D/semicolons.csv: required column CERTIFICATE_NUMBER or LMK_KEY is missing"
expect_output "single column containing ';'"

# Binary garbage (fixed seed, so the case is the same every time).
python3 -c "import random, sys; r = random.Random(7); sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(4096)))" >"$D/garbage.csv"
run_case 3 "$D/garbage.csv"
expect_output "$D/garbage.csv: required column"

head -c 600 /dev/zero >"$D/nul-only.csv"
run_case 3 "$D/nul-only.csv"
expect_output "$D/nul-only.csv: required column"

# A register zip with no certificates in it; bytes that are not a zip at all.
(cd "$D" && mkdir -p z/E09000019 && echo "LMK_KEY,IMPROVEMENT" >z/E09000019/recommendations.csv &&
  echo "Open Government Licence" >z/LICENCE.txt && cd z && zip -qr ../no-certificates.zip .)
run_case 3 "$D/no-certificates.zip"
expect_output "the zip archive $D/no-certificates.zip holds no certificates CSV"
head -c 2048 "$D/garbage.csv" >"$D/not-a.zip"
run_case 3 "$D/not-a.zip"
expect_output "cannot read zip archive $D/not-a.zip"

# A gzip cut short: refused, not read as a shorter file.
{ echo "$HEADER"; for k in $(seq 1 300); do row "$k"; done; } | gzip -c >"$D/full.csv.gz"
head -c $(($(stat -c %s "$D/full.csv.gz") / 2)) "$D/full.csv.gz" >"$D/truncated.csv.gz"
run_case 3 "$D/truncated.csv.gz"
expect_output "$D/truncated.csv.gz: cannot read the data, the file is truncated or corrupt"

# Unreadable where a file is expected. Tests run as root, so permissions do not stop a
# read: a pipe (whose read would block for ever) and a folder stand in for them.
mkfifo "$D/pipe.csv"
run_case 3 "$D/pipe.csv"
expect_output "'$D/pipe.csv': not a regular file or folder"
mkdir -p "$D/folder.csv"
run_case 3 "$D/folder.csv"
expect_output "'$D/folder.csv': no certificates.csv under this folder"
run_case 3 "$D/nowhere/certificates.csv"
expect_output "'$D/nowhere/certificates.csv': no such file or folder"

# The same refusal reaches every rank: three ranks, one exit code, one message.
expect_exit 3 -- "$MPIEXEC" -n 3 --oversubscribe "$H" run --config "$CFG" \
  --set "inputs.certificates=[$D/truncated.csv.gz, $D/full.csv.gz]" --out "$WORK/out-3ranks"
expect_output "truncated or corrupt"
[[ ! -e $WORK/out-3ranks ]] || fail "a failed 3-rank run left its output directory"

# --- Files that read, with bad rows rejected and counted ------------------------------
echo "$HEADER" >"$D/header-only.csv"
run_case 0 "$D/header-only.csv"
counts rows_read=0 malformed_rows=0 kept=0

# Duplicated column: the leftmost TOTAL_FLOOR_AREA is read (85 kept, 10 fails V2).
{ echo "$HEADER,TOTAL_FLOOR_AREA"; row 1 85 | sed 's/$/,5000/'; row 2 10 | sed 's/$/,90/'; } >"$D/duplicate-column.csv"
run_case 0 "$D/duplicate-column.csv"
counts rows_read=2 implausible_floor_areas=1 kept=1

# NUL bytes: inside free text they are text; inside a number the number is invalid.
{ echo "$HEADER"; row 1 | sed 's/Upper/Up\x00per/'; row 2 '8\x005'; row 3; } | sed 's/\\x00/\x00/g' >"$D/nul-bytes.csv"
run_case 0 "$D/nul-bytes.csv"
counts rows_read=3 malformed_rows=1 kept=2

# Invalid UTF-8 in free text is carried as bytes; nothing is rejected for it.
{ echo "$HEADER"; row 1; row 2 | sed 's/Upper/Upp\xff\xfeer/'; row 3 | sed 's/Solid/\xc3\x28olid/'; } >"$D/invalid-utf8.csv"
run_case 0 "$D/invalid-utf8.csv"
counts rows_read=3 malformed_rows=0 kept=3

# The last row cut off mid-way (no line end): too few fields, rejected.
{ echo "$HEADER"; row 1; row 2; row 3 | cut -c1-60 | tr -d '\n'; } >"$D/truncated-row.csv"
run_case 0 "$D/truncated-row.csv"
counts rows_read=3 malformed_rows=1 kept=2

# A quote opened in the last row and never closed: the row runs to the end of the file.
{ echo "$HEADER"; row 1; row 2; row 3 | sed 's/"3 Upper Street"/"3 Upper Street/'; } >"$D/unterminated-quote.csv"
run_case 0 "$D/unterminated-quote.csv"
counts rows_read=3 malformed_rows=1 kept=2
# An unbalanced quote earlier in a file cannot be told from a quoted line break: RFC 4180
# joins the next line to the row (4 lines, 3 rows); here the joined row still has the
# header's field count, so it is read as one certificate.
{ echo "$HEADER"; row 1; row 2; echo 'K3,"3 Upper Street,N1 0PN,100003'; row 4; } >"$D/unbalanced-quote.csv"
run_case 0 "$D/unbalanced-quote.csv"
counts rows_read=3 malformed_rows=0 kept=3

# A 10 MB field: the row is over the 1 MiB limit and rejected; its neighbours are read.
# The file is over the 8 MiB split size, so on 3 ranks it is cut into byte ranges inside
# that field: the counters must not change.
{
  echo "$HEADER"; row 1
  printf 'K2,"'; head -c 10485760 /dev/zero | tr '\0' 'x'; printf '",'; row 2 | cut -d, -f3-
  row 3
} >"$D/huge-field.csv"
run_case 0 "$D/huge-field.csv"
counts rows_read=3 malformed_rows=1 kept=2
expect_exit 0 -- "$MPIEXEC" -n 3 --oversubscribe "$H" run --config "$CFG" \
  --set "inputs.certificates=[$D/huge-field.csv]" --set validation.max_reject_fraction=1 \
  --out "$WORK/out-huge-3ranks"
OUTDIR=$WORK/out-huge-3ranks counts rows_read=3 malformed_rows=1 kept=2

# Numbers (documented mode). "1,234" (a thousands separator), 1e999 (out of range), 0x55
# and 1_000 are not numbers and inf/-inf are no measurement: invalid numbers, rejected.
# NaN is a null token (a null floor area then fails V2); -0 is zero.
{
  echo "$HEADER"
  row 1 '"1,234"'; row 2 1e999; row 3 0x55; row 4 1_000; row 5 inf; row 6 -inf
  row 7 NaN; row 8 -0
  row 9 85 -0; row 10 85 NaN; row 11 85 inf; row 12 85 ' 250 '
} >"$D/numbers.csv"
run_case 0 "$D/numbers.csv"
# Rejected: rows 1-6 and 11 (invalid numbers); V2: rows 7 (null) and 8 (zero);
# kept: rows 9 (energy -0), 10 (null energy, not a required field) and 12 (blanks trimmed).
counts rows_read=12 malformed_rows=7 implausible_floor_areas=2 kept=3
# The predecessor's reading (python mode): "1,234", 1e999, 0x55, 1_000 become nulls, inf
# is kept as a number; V2 then fails rows 1-8 (null, infinite or zero areas).
OUTNAME=numbers-python run_case 0 "$D/numbers.csv" --set model.methodology=heatstreet-python
counts rows_read=12 malformed_rows=0 implausible_floor_areas=8 kept=4

# Impossible dates read as null: with an open sample window they are kept, with a
# window set they fall outside it.
{ echo "$HEADER"; row 1 85 250 2021-02-30; row 2 85 250 2021-13-01; row 3 85 250 2021-00-10;
  row 4 85 250 'not a date'; row 5 85 250 2021-06-01; } >"$D/dates.csv"
run_case 0 "$D/dates.csv"
counts rows_read=5 malformed_rows=0 kept=5
OUTNAME=dates-window run_case 0 "$D/dates.csv" --set filters.sample_window.start=2015-01-01
counts excluded_sample_window=4 kept=1

# Coordinates outside Great Britain: Paris, latitude 91, 0/0, Sydney, and latitude and
# longitude swapped, beside one good row and one with NaN coordinates.
{ echo "$HEADER"; row 1 85 250 2020-01-01 48.85 2.35; row 2 85 250 2020-01-01 91 0
  row 3 85 250 2020-01-01 0 0; row 4 85 250 2020-01-01 -33.9 151.2
  row 5 85 250 2020-01-01 -0.10 51.54; row 6 85 250 2020-01-01 NaN NaN; row 7; } >"$D/coordinates.csv"
run_case 0 "$D/coordinates.csv"
counts rows_read=7 kept=7 coordinates_outside_grid=5 located_by_coordinates=1 unlocated=6
grep -q "PROJ" <<<"$OUT" && fail "PROJ errors leaked to the output: $OUT"

# Unknown postcodes (no coordinates to fall back on): kept, unlocated. A blank postcode
# is a missing critical field (V5, validation.required_fields).
printf 'postcode,easting,northing\nN1 0PN,531500,183900\n' >"$D/postcodes.csv"
{ echo "$HEADER"; row 1 85 250 2020-01-01 '' ''; row 2 85 250 2020-01-01 '' '' 'ZZ9 9ZZ'
  row 3 85 250 2020-01-01 '' '' ''; row 4 85 250 2020-01-01 '' '' 'not a postcode'; } >"$D/postcodes-unknown.csv"
run_case 0 "$D/postcodes-unknown.csv" --set "inputs.postcodes=$D/postcodes.csv"
counts rows_read=4 missing_critical_fields=1 kept=3 located_by_postcode=1 unlocated=2

# --- Rejects over the threshold stop the run, naming the rules ------------------------
expect_exit 3 -- "$H" run --config "$CFG" --set "inputs.certificates=[$D/numbers.csv]" --out "$WORK/out-threshold"
expect_output "malformed_rows"
expect_output "max_reject_fraction"
[[ ! -e $WORK/out-threshold ]] || fail "a run stopped by rejects left its output directory"

echo "bad_data: all catalogue cases behaved as documented"
