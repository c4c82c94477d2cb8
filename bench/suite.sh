#!/usr/bin/env bash
# Benchmarks the test command, `mvn -B verify` from a clean tree (compile, every test, then `verify` on the
# repository), against Maven's floor, `mvn -B -q validate`, in a scratch clone of the committed HEAD (the
# work tree and its tools/target are left alone; uncommitted changes are not measured).
#
#   bench/suite.sh            measure and print the medians and their ratio
#
# The two commands run in rounds, one after the other within a round, and the ratio is the median of the
# rounds' ratios: a machine whose speed drifts during the run moves both sides alike.
# Environment: BENCH_WARMUP (1) warm-up rounds, BENCH_RUNS (3) measured rounds; MVN (mvn) the Maven command,
# e.g. MVN="mvn -o" offline. Needs git and python3.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

WARMUP=${BENCH_WARMUP:-1}
RUNS=${BENCH_RUNS:-3}
MVN=${MVN:-mvn}

BENCH=suite.sh
# shellcheck source=bench/lib.sh
source bench/lib.sh
help_only "$0" 11 "$@"

command -v git >/dev/null || die "git not found"
command -v python3 >/dev/null || die "python3 not found"

TMP=$(mktemp -d -t suite-bench.XXXXXX)
BENCH_TMP=$TMP
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

git clone -q "$ROOT" "$TMP/repo" || die "cannot clone $ROOT"
REPO=$(q "$TMP/repo")

define floor "$MVN -B -q validate (Maven's floor)" "" "(cd $REPO && $MVN -B -q validate)"
define suite "$MVN -B verify, from a clean tree" "" "(cd $REPO && $MVN -B -q clean verify)"

rounds suite "$WARMUP" "$RUNS" floor suite

echo
summary suite:ratio:45
echo
echo "Medians of $RUNS rounds after $WARMUP warm-up; $(nproc 2>/dev/null || echo '?') CPUs;" \
    "$(java -version 2>&1 | head -n 1); $(git -C "$ROOT" log -1 --format='%h')."
