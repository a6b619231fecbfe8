# `heatstreet inspect` from the command line: refusals with exit code 3 and the file named,
# on one rank and on two (rank 0 reads, every rank ends with the same code).
source "$(dirname "$0")/lib.bash"
H=$HEATSTREET_BIN

expect_exit 0 -- "$H" inspect --help
expect_output "--scenario"
expect_exit 2 -- "$H" inspect
expect_output "file is required"

printf 'certificate_number,uprn\n1,2\n' > "$WORK/table.h5"
expect_exit 3 -- "$H" inspect "$WORK/table.h5"
expect_output "$WORK/table.h5: not an HDF5 file"
expect_exit 3 -- "$MPIEXEC" -n 2 "$H" inspect "$WORK/table.h5"
expect_output "$WORK/table.h5: not an HDF5 file"

expect_exit 3 -- "$H" inspect "$WORK/missing.h5"
expect_output "$WORK/missing.h5: no such results file"
echo "inspect: ok"
