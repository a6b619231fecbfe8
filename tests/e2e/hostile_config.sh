# Hostile catalogue, configuration: whatever the file, check-config and run refuse it the
# same way (exit 2), at once, naming the file, the line or override, and the key.
source "$(dirname "$0")/lib.bash"
H=$HEATSTREET_BIN
C=$WORK/c.yaml

# A duplicated key is refused with both lines (yaml-cpp alone keeps the first).
printf 'spatial:\n  grid:\n    cell_size_m: 100\n    cell_size_m: 200\n' > "$C"
expect_exit 2 -- "$H" check-config "$C"
expect_output "c.yaml:4: key 'cell_size_m' is given twice in the same map (also at line 3)"
printf 'inputs:\n  postcodes: a.csv\noutput:\n  maps: true\ninputs:\n  hnpd: b.csv\n' > "$C"
expect_exit 2 -- "$H" check-config "$C"
expect_output "c.yaml:5: key 'inputs' is given twice"
expect_exit 2 -- "$H" run --config "$C" --out "$WORK/never"
expect_output "given twice"
echo "hostile_config: duplicate keys"

# Not a configuration file: a directory, a device, an oversized file, an alias bomb.
expect_exit 2 -- "$H" check-config "$WORK"
expect_output "is a directory"
expect_exit 2 -- timeout 20 "$H" check-config /dev/zero
expect_output "not a regular file"
head -c 2000000 /dev/zero | tr '\0' '#' > "$WORK/big.yaml"
expect_exit 2 -- timeout 20 "$H" check-config "$WORK/big.yaml"
expect_output "larger than 1024 KiB"
{
  echo 'a: &a [x, x, x, x, x, x, x, x, x]'
  prev=a
  for l in b c d e f g h i; do
    echo "$l: &$l [*$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev]"
    prev=$l
  done
} > "$WORK/bomb.yaml"
start=$(date +%s)
expect_exit 2 -- timeout 60 "$H" check-config "$WORK/bomb.yaml"
expect_output "expands to more than"
(( $(date +%s) - start < 10 )) || fail "the alias bomb took $(( $(date +%s) - start )) s to refuse"
echo "hostile_config: directory, device, oversized file, alias bomb refused"

# Scenario names become HDF5 groups and file names.
printf 'scenarios:\n  "a/b":\n    measures: [loft_insulation_topup]\n' > "$C"
expect_exit 2 -- "$H" check-config "$C"
expect_output "scenario name 'a/b' is not allowed"
echo "hostile_config: unsafe scenario name refused"

# Money, energy and price keys have sane ranges.
printf 'costs:\n  ashp_installation: 1e308\n' > "$C"
expect_exit 2 -- "$H" check-config "$C"
expect_output "c.yaml:2: costs.ashp_installation: value 1e+308 is out of range"
expect_exit 2 -- "$H" check-config "$HEATSTREET_SOURCE_DIR/config/heatstreet.yaml" \
  --set prices.profiles.january_client_report_provisional.gas_gbp_per_kwh=1e300
expect_output "--set prices.profiles.january_client_report_provisional.gas_gbp_per_kwh"
expect_exit 2 -- "$H" check-config "$HEATSTREET_SOURCE_DIR/config/heatstreet.yaml" \
  --set heat_network.tariff_per_kwh=.inf
echo "hostile_config: money and price ranges"

# check-config refuses what run would refuse.
expect_exit 2 -- "$H" check-config "$HEATSTREET_SOURCE_DIR/config/heatstreet.yaml" \
  --set spatial.grid.buffer_radius_m=0
expect_output "buffer_radius_m: must be a positive length"
echo "hostile_config: check-config and run agree"

# Errors name where the value came from: a built-in default is not a line of the user's
# file, and a --set typo is the --set's.
printf 'spatial:\n  tiers:\n    tier3_min_density_gwh_km2: 1\n' > "$C"
expect_exit 2 -- "$H" check-config "$C"
expect_output "c.yaml (built-in default): spatial.tiers.tier4_min_density_gwh_km2"
expect_exit 2 -- "$H" check-config "$C" --set spatial.grid.cell_sise_m=5
expect_output "--set spatial.grid.cell_sise_m: unknown key 'spatial.grid.cell_sise_m' (did you mean 'spatial.grid.cell_size_m'?)"
echo "hostile_config: error locations"

# An environment variable that cannot be read is a usage error, not ignored.
expect_exit 2 -- env HEATSTREET_AGREE_TIMEOUT=soon "$H" check-config "$HEATSTREET_SOURCE_DIR/config/heatstreet.yaml"
expect_output "HEATSTREET_AGREE_TIMEOUT='soon'"
expect_exit 2 -- env HEATSTREET_AGREE_TIMEOUT=-1 "$H" check-config "$HEATSTREET_SOURCE_DIR/config/heatstreet.yaml"
echo "hostile_config: HEATSTREET_AGREE_TIMEOUT checked"
