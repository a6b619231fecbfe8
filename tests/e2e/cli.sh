# Command line: version, help, usage errors and configuration errors with exit codes.
source "$(dirname "$0")/lib.bash"
H=$HEATSTREET_BIN

expect_exit 0 -- "$H" --version
expect_output "heatstreet "
expect_output "revision"
expect_exit 0 -- "$H" --help
expect_output "check-config"
expect_exit 0 -- "$H" run --help
expect_output "--config"

expect_exit 2 -- "$H"
expect_output "subcommand is required"
expect_exit 2 -- "$H" frobnicate
expect_exit 2 -- "$H" run
expect_output "--config is required"
expect_exit 2 -- "$H" run --config "$HEATSTREET_SOURCE_DIR/config/heatstreet.yaml" --bogus

expect_exit 0 -- "$H" check-config "$HEATSTREET_SOURCE_DIR/config/heatstreet.yaml"
expect_output "configuration is valid"

printf 'filters:\n  sampel_window:\n    start: 2020-01-01\n' > "$WORK/misspelt.yaml"
expect_exit 2 -- "$H" check-config "$WORK/misspelt.yaml"
expect_output "misspelt.yaml:2: unknown key 'filters.sampel_window' (did you mean 'filters.sample_window'?)"

expect_exit 2 -- "$H" check-config "$WORK/does-not-exist.yaml"
expect_output "does-not-exist.yaml: no such configuration file"

expect_exit 2 -- "$H" check-config "$HEATSTREET_SOURCE_DIR/config/heatstreet.yaml" --set run.chunk_size=0
expect_output "--set run.chunk_size"
expect_exit 2 -- env HEATSTREET_WORKERS=two "$H" check-config "$HEATSTREET_SOURCE_DIR/config/heatstreet.yaml"
expect_output "HEATSTREET_WORKERS='two'"
expect_exit 2 -- env HEATSTREET_PROFILE=maybe "$H" check-config "$HEATSTREET_SOURCE_DIR/config/heatstreet.yaml"

expect_exit 0 -- env HEATSTREET_CHUNK_SIZE=7 "$H" check-config "$HEATSTREET_SOURCE_DIR/config/heatstreet.yaml" --dump
expect_output "chunk_size: 7"

# A run with no register files is a configuration error naming the key.
expect_exit 2 -- "$H" run --config "$HEATSTREET_SOURCE_DIR/config/heatstreet.yaml" --out "$WORK/out"
expect_output "inputs.certificates"
[[ ! -e "$WORK/out" ]] || fail "a failed run left an output directory"

# An existing output directory is refused before any work unless --force.
mkdir -p "$WORK/existing"
expect_exit 4 -- "$H" run --config "$HEATSTREET_SOURCE_DIR/config/heatstreet.yaml" \
  --set 'inputs.certificates=[x.csv]' --out "$WORK/existing"
expect_output "already exists"
echo "cli: all checks passed"
