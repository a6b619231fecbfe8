# Shared helpers for the end-to-end tests (sourced, not run: it has no test of its own).
set -euo pipefail
: "${HEATSTREET_BIN:?}" "${HEATSTREET_SOURCE_DIR:?}"
MPIEXEC=${MPIEXEC:-mpiexec}
source "$HEATSTREET_SOURCE_DIR/scripts/mpi-env"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/heatstreet-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# expect_exit CODE -- command...: runs the command, keeps its output in $OUT.
expect_exit() {
  local want=$1; shift; [[ $1 == -- ]] && shift
  set +e
  OUT=$("$@" 2>&1)
  local got=$?
  set -e
  [[ $got -eq $want ]] || fail "'$*' exited $got, expected $want; output:
$OUT"
}

expect_output() {
  grep -qF -- "$1" <<<"$OUT" || fail "output lacks '$1'; output:
$OUT"
}
