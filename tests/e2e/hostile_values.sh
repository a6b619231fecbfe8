# Hostile catalogue, values the files state but that cannot be used: each is counted in
# the validation report (run.json and /validation) and named, with file and line, in a
# warning; none changes an answer silently, and none can blow up the grid.
source "$(dirname "$0")/lib.bash"
D=$WORK/data
mkdir -p "$D"
# row K UPRN LODGEMENT_DATE POSTCODE: a house of the default stock without coordinates.
row() { register_row "$1" "" "" "$3" "" "" "$4" "$2"; }
{
  echo "$REGISTER_HEADER"
  for k in 1 2 3 4 5 6; do row $k $((100000 + k)) 2020-06-01 "N1 0PN"; done
  row 7 100007 01/06/2020 "N1 0PN"     # a date in another form (line 8)
  row 8 100008 2099-01-01 "N1 0PN"     # a date in the future (line 9)
  row 9 10A23 2020-06-01 "N1 0PN"      # a UPRN with a letter (line 10)
  row 10 100010 2020-06-01 "ZZ1 1ZZ"   # a postcode whose centroid is off the grid
  row 11 100011 2020-06-01 "ZZ2 2ZZ"   # another, far off
} > "$D/certs.csv"
# Register coordinates off the grid (0, 0 is in the Gulf of Guinea), postcode unknown.
{ echo "$REGISTER_HEADER"; register_row 12 "" "" "" 0 0 "ZZ3 3ZZ"; } > "$D/offgrid.csv"
cat > "$D/postcodes.csv" <<'CSV'
postcode,easting,northing
N1 0PN,531500,184200
ZZ1 1ZZ,5000000,5000000
N1 0PN,531900,184900
ZZ2 2ZZ,-9999999,99999999
CSV
cat > "$D/hnpd.csv" <<'CSV'
Ref ID,Site Name,Region,Development Status,Development Status (short),X-coordinate,Y-coordinate
HN1,Good scheme,London,Operational,Operational,531400,184100
HN2,Mistyped scheme,London,Operational,Operational,531 400 m,184100
HN3,Off the grid,London,Operational,Operational,9531400,184100
HN4,Planned scheme,London,Planning Permission Granted,Planning Permission Granted,532000,185000
HN5,No coordinates yet,London,Planning Permission Granted,Planning Permission Granted,,
CSV

run_values() {
  expect_exit 0 -- "$HEATSTREET_BIN" run --config "$HEATSTREET_SOURCE_DIR/config/heatstreet.yaml" --set "inputs.certificates=[$D/certs.csv${EXTRA:-}]" \
    --set "inputs.postcodes=$D/postcodes.csv" --set "inputs.hnpd=$D/hnpd.csv" \
    --set validation.max_reject_fraction=1 --out "$WORK/out" "$@"
}
EXTRA=",$D/offgrid.csv" run_values

# counts k=v ...: the counters in run.json.
counts() { expect_counts "$WORK/out/run.json" "$@"; }
counts unreadable_lodgement_dates=1 future_dates=1 uprns_not_numeric=1 \
  postcode_rows_off_grid=2 postcodes_with_conflicting_rows=1 \
  hnpd_rows_unreadable_coordinates=2 coordinates_outside_grid=1 kept=12 located_by_postcode=9 \
  unlocated=3
expect_output "1 lodgement date(s) not in the form YYYY-MM-DD, read as missing; first at $D/certs.csv:8: LODGEMENT_DATE '01/06/2020'"
expect_output "1 date(s) after today"
expect_output "certs.csv:9: LODGEMENT_DATE '2099-01-01'"
expect_output "1 UPRN(s) that are not whole numbers"
expect_output "certs.csv:10: UPRN '10A23'"
expect_output "2 postcode row(s) with a centroid off the British National Grid (0-700000, 0-1300000 m) left out; first at $D/postcodes.csv:3: ZZ1 1ZZ (5000000, 5000000)"
expect_output "1 postcode(s) of the dwellings have rows with different centroids; the first row of each is used (first: N1 0PN)"
expect_output "2 row(s) with coordinates that cannot be read or lie off the British National Grid"
expect_output "first at line 3: X-coordinate '531 400 m'"
expect_output "1 certificate(s) with LATITUDE/LONGITUDE off the British National Grid left unlocated; first at $D/offgrid.csv:2"
# The same counters are in the results file.
validation=$(h5dump -g /validation "$WORK/out/results.h5")
grep -q postcode_rows_off_grid <<<"$validation" ||
  fail "/validation lacks postcode_rows_off_grid"
# The grid stays the size of the dwellings' area, not of the stray points.
size=$(gdalinfo "$WORK/out/tiers.tif" | sed -n 's/^Size is \([0-9]*\), \([0-9]*\)$/\1 \2/p')
read -r w h <<<"$size"
(( w < 100 && h < 100 )) || fail "the grid grew to $w x $h cells"
echo "hostile_values: dates, UPRNs, postcode centroids and HNPD coordinates counted and named"

# The predecessor's methodology reads the same files with the same counters.
rm -rf "$WORK/out"
run_values --set model.methodology=heatstreet-python
counts unreadable_lodgement_dates=1 postcode_rows_off_grid=2 hnpd_rows_unreadable_coordinates=2
echo "hostile_values: heatstreet-python too"
