# Every dataset of a results file is documented in docs/output-format.md with its type,
# units and meaning (the generated list must equal the program's), and the datasets that
# scripts rely on are present with their types.
source "$(dirname "$0")/lib.bash"
H=$HEATSTREET_BIN
"$H" synth --n 5000 --seed 3 --out "$WORK/data" >/dev/null
"$H" run --config "$HEATSTREET_SOURCE_DIR/config/example.yaml" \
  --set "inputs.certificates=[$WORK/data/certificates]" --set "inputs.postcodes=$WORK/data/postcodes.csv" \
  --set "inputs.hnpd=$WORK/data/hnpd.csv" --set "inputs.zones=[$WORK/data/zones.gpkg]" \
  --out "$WORK/out" >/dev/null
"$H" inspect "$WORK/out/results.h5" --schema > "$WORK/schema.md"

python3 - "$HEATSTREET_SOURCE_DIR/docs/output-format.md" "$WORK/schema.md" <<'PY'
import re, sys
doc, schema = open(sys.argv[1]).read(), open(sys.argv[2]).read()
a, b = "<!-- schema:begin -->\n", "<!-- schema:end -->"
documented = doc[doc.index(a) + len(a):doc.index(b)]
if documented != schema:
    import difflib
    print("docs/output-format.md is out of date (run scripts/document-outputs):")
    print("".join(list(difflib.unified_diff(documented.splitlines(True), schema.splitlines(True)))[:60]))
    sys.exit(1)
# The contract's names, with their types.
types = {}
group = None
for line in schema.splitlines():
    m = re.match(r"#### `(.*)`", line)
    if m: group = m.group(1)
    m = re.match(r"\| `([^`]*)` \| (\w+) \|", line)
    if m: types[f"{group}/{m.group(1)}"] = m.group(2)
required = {
    "/properties/certificate_number": "string", "/properties/uprn": "int64",
    "/properties/local_authority": "string", "/properties/easting": "float64",
    "/properties/northing": "float64", "/properties/tier": "uint8",
    "/properties/heat_density_gwh_km2": "float64", "/properties/hn_ready": "uint8",
    "/properties/baseline_energy_kwh": "float64",
    "/scenarios/<name>/capital_cost_gbp": "float64", "/scenarios/<name>/post_energy_kwh": "float64",
    "/scenarios/<name>/annual_bill_savings_gbp": "float64", "/scenarios/<name>/co2_reduction_kg": "float64",
    "/scenarios/<name>/simple_payback_years": "float64", "/scenarios/<name>/epc_band_after": "uint8",
}
bad = [f"{k}: {types.get(k, 'missing')} (expected {v})" for k, v in required.items() if types.get(k) != v]
if bad:
    print("contract datasets wrong:", *bad, sep="\n  "); sys.exit(1)
print(f"output_schema: {len(types)} datasets documented; contract names present")
PY
# The root attribute `complete` is 1.
h5dump -a /complete "$WORK/out/results.h5" | grep -q "(0): 1" || fail "complete attribute is not 1"

# inspect shows the headline figures of a real run: tiers, readiness, scenarios.
expect_exit 0 -- "$H" inspect "$WORK/out/results.h5"
expect_output "Heat-network tiers"
expect_output "Heat-pump readiness"
expect_output "Tier 1: Ready now"
expect_output "heat_pump"
expect_exit 0 -- "$H" inspect "$WORK/out/results.h5" --scenario heat_pump
expect_output "capital_cost_gbp"
echo "output_schema: inspect shows the headline figures"
