#!/usr/bin/env bash
# Benchmarks regen (the jar, the launcher and mvn exec:java) against its floors, and kustomize for scale.
# Every regen runs in a scratch copy of the specs under a temporary directory; the repository's
# own tree is only read. See bench/README.md.
#
#   bench/run.sh                   measure and print a Markdown table of medians
#   bench/run.sh --write-results   also write the table to bench/results.md
#
# The commands run in rounds (each once per round, one after another) and each is compared to its floor
# by the median of the rounds' ratios or differences, so machine drift moves both sides alike.
# Environment: BENCH_WARMUP (2) and BENCH_RUNS (10) rounds of the java/jar/kustomize commands,
# BENCH_MVN_WARMUP (1) and BENCH_MVN_RUNS (5) of the Maven ones, BENCH_ENVS (30) for the scaling run.
# JAVA (java), MVN (mvn) and KUSTOMIZE (a kustomize binary) override the commands used. Needs python3.
set -euo pipefail
shopt -s nullglob

write_results=0
for arg in "$@"; do
    case $arg in
        --write-results) write_results=1 ;;
        -h | --help)
            sed -n '2,14s/^# \{0,1\}//p' "$0"
            exit 0
            ;;
        *)
            echo "run.sh: unknown argument: $arg (try --help)" >&2
            exit 2
            ;;
    esac
done

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

WARMUP=${BENCH_WARMUP:-2}
RUNS=${BENCH_RUNS:-10}
MVN_WARMUP=${BENCH_MVN_WARMUP:-1}
MVN_RUNS=${BENCH_MVN_RUNS:-5}
BIG_ENVS=${BENCH_ENVS:-30}
JAVA=${JAVA:-java}
MVN=${MVN:-mvn}

BENCH=run.sh
# shellcheck source=bench/lib.sh
source bench/lib.sh

command -v "$JAVA" >/dev/null || die "$JAVA not found"
command -v "$MVN" >/dev/null || die "$MVN not found"
command -v python3 >/dev/null || die "python3 not found"

JAR=$ROOT/tools/target/code-story-gitops.jar
LAUNCHER=$ROOT/bin/code-story-gitops
JAVA_HOME_FOR_LAUNCHER=$(launcher_java_home "$JAVA")
ensure_jar "$JAR"

committed_envs
((BIG_ENVS > ${#ENVS[@]})) || die "BENCH_ENVS ($BIG_ENVS) must exceed the ${#ENVS[@]} committed environments"
[[ -f overlays/staging/env.yaml ]] || die "the scaling run copies overlays/staging/env.yaml, which is missing"

KUSTOMIZE_CMD=()
if [[ -n ${KUSTOMIZE:-} ]]; then
    KUSTOMIZE_CMD=("$KUSTOMIZE" build)
elif command -v kustomize >/dev/null; then
    KUSTOMIZE_CMD=(kustomize build)
elif command -v kubectl >/dev/null; then
    KUSTOMIZE_CMD=(kubectl kustomize)
fi

TMP=$(mktemp -d -t regen-bench.XXXXXX)
BENCH_TMP=$TMP
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

# a scratch repository holding only the committed specs (plus $2 copies of staging's, as env01...)
scratch() {
    copy_specs "$TMP/$1" "${2:-0}"
    printf '%s\n' "$TMP/$1"
}

# deletes everything regen writes (plus its lock file and cache), leaving only the inputs: specs and images files
cat >"$TMP/reset-cold.sh" <<'EOF'
set -euo pipefail
shopt -s nullglob
dir=$1
find "$dir" -mindepth 1 -maxdepth 1 ! -name overlays -exec rm -rf {} +
find "$dir/overlays" -mindepth 1 -maxdepth 1 -name '*.secondary' -exec rm -rf {} +
find "$dir/overlays" -mindepth 2 -maxdepth 2 ! -name env.yaml ! -name images -exec rm -rf {} +
EOF

listing() { (cd "$1" && find . | LC_ALL=C sort); }

# runs a regen command once and insists its output matches: the benchmark measures what it claims
expect() {
    local what=$1 pattern=$2 cmd=$3 out
    out=$(eval "$cmd" 2>&1) || die "$what failed: $out"
    [[ $out =~ $pattern ]] || die "$what: expected output matching '$pattern', got: $out"
}

jar_regen() { printf '%s -jar %s regen --repo %s' "$(q "$JAVA")" "$(q "$JAR")" "$(q "$1")"; }
# the same with only the quick compiler
jar_regen_c1() { printf '%s -XX:TieredStopAtLevel=1 -jar %s regen --repo %s' "$(q "$JAVA")" "$(q "$JAR")" "$(q "$1")"; }
# the launcher: quick compiler and a class-data archive of the command's classes
launcher_regen() { printf 'env JAVA_HOME=%s %s regen --repo %s' "$(q "$JAVA_HOME_FOR_LAUNCHER")" "$(q "$LAUNCHER")" "$(q "$1")"; }
mvn_regen() { printf '%s -B -q -pl tools exec:java %s' "$(q "$MVN")" "$(q "-Dexec.args=regen --repo $1")"; }
cold_prepare() { printf 'bash %s %s' "$(q "$TMP/reset-cold.sh")" "$(q "$1")"; }
full_prepare() { printf 'rm -f %s' "$(q "$1/.regen-cache")"; }

n=${#ENVS[@]}
written="regen: $n environment\\(s\\) .*: [1-9][0-9]* file\\(s\\) written, 0 removed, 0 unchanged"
unchanged="regen: $n environment\\(s\\) .*: 0 file\\(s\\) written, 0 removed, [1-9][0-9]* unchanged"
up_to_date="regen: up to date"

# --- scratch repositories, each checked to do what its row claims -------------------------------
cold=$(scratch cold)
before=$(listing "$cold")
expect "cold regen" "$written" "$(jar_regen "$cold")"
eval "$(cold_prepare "$cold")"
[[ $(listing "$cold") == "$before" ]] || die "reset-cold.sh does not leave exactly the specs behind"

big=$(scratch big $((BIG_ENVS - n)))
expect "cold regen of $BIG_ENVS environments" \
    "regen: $BIG_ENVS environment\\(s\\) .*: [1-9][0-9]* file\\(s\\) written, 0 removed, 0 unchanged" \
    "$(jar_regen "$big")"

full=$(scratch full)
expect "first regen" "$written" "$(jar_regen "$full")"
eval "$(full_prepare "$full")"
expect "full regen" "$unchanged" "$(jar_regen "$full")"

# the launcher's first regen after a build writes its class-data archive: make it a full one
rm -f tools/target/code-story-gitops.regen.jsa
eval "$(full_prepare "$full")"
expect "full regen (launcher, writing its archive)" "$unchanged" "$(launcher_regen "$full")"
[[ -f tools/target/code-story-gitops.regen.jsa ]] || die "the launcher wrote no class-data archive"

warm=$(scratch warm)
expect "first regen" "$written" "$(jar_regen "$warm")"
expect "warm regen" "$up_to_date" "$(jar_regen "$warm")"

# Maven's runs get their own scratch repositories, so that no jar row leaves them a valid cache (the cache
# takes tools/target/classes, where exec:java runs the tool from, for the same code as the jar)
mvn_full=$(scratch mvn-full)
expect "first regen (jar)" "$written" "$(jar_regen "$mvn_full")"
eval "$(full_prepare "$mvn_full")"
expect "full regen (mvn exec:java)" "$unchanged" "$(mvn_regen "$mvn_full")"

mvn_warm=$(scratch mvn-warm)
expect "first regen (mvn exec:java)" "$written" "$(mvn_regen "$mvn_warm")"
expect "warm regen (mvn exec:java)" "$up_to_date" "$(mvn_regen "$mvn_warm")"

kustomize_cmd=
if ((${#KUSTOMIZE_CMD[@]})); then
    kustomize_loop="for env in ${ENVS[*]}; do $(printf '%q ' "${KUSTOMIZE_CMD[@]}")overlays/\$env >/dev/null || exit 1; done"
    kustomize_cmd="bash -c $(q "$kustomize_loop")"
    eval "$kustomize_cmd" || die "kustomize failed on the committed overlays: $kustomize_cmd"
fi

# --- measurements ------------------------------------------------------------------------------
define floor "java -version" "" "$(q "$JAVA") -version"
define cold "jar regen, cold ($n envs, only the inputs)" "$(cold_prepare "$cold")" "$(jar_regen "$cold")"
define full "jar regen, full (no cache, nothing to write)" "$(full_prepare "$full")" "$(jar_regen "$full")"
define full_c1 "jar regen, full, -XX:TieredStopAtLevel=1" "$(full_prepare "$full")" "$(jar_regen_c1 "$full")"
define launcher_full "bin/code-story-gitops regen, full" "$(full_prepare "$full")" "$(launcher_regen "$full")"
define warm "jar regen, warm no-op (cache valid)" "" "$(jar_regen "$warm")"
define launcher_warm "bin/code-story-gitops regen, warm no-op" "" "$(launcher_regen "$warm")"
define big "jar regen, cold ($BIG_ENVS envs, only the inputs)" "$(cold_prepare "$big")" "$(jar_regen "$big")"
jar_keys=(floor cold full full_c1 launcher_full warm launcher_warm big)
if [[ -n $kustomize_cmd ]]; then
    define kustomize "${KUSTOMIZE_CMD[*]}, $n overlays in a row" "" "$kustomize_cmd"
    jar_keys+=(kustomize)
fi
define mvn_floor "mvn -B -q validate" "" "$(q "$MVN") -B -q validate"
define mvn_full "mvn exec:java regen, full (no cache)" "$(full_prepare "$mvn_full")" "$(mvn_regen "$mvn_full")"
define mvn_warm "mvn exec:java regen, warm no-op" "" "$(mvn_regen "$mvn_warm")"

rounds jar "$WARMUP" "$RUNS" "${jar_keys[@]}"
rounds mvn "$MVN_WARMUP" "$MVN_RUNS" mvn_floor mvn_full mvn_warm

# --- report ------------------------------------------------------------------------------------
calc() { python3 -c "print(format($1, '$2'))"; }

report() {
    BENCH_NO_RATIO=kustomize summary jar:ratio mvn:diff
    echo
    local per_env_ratio marginal per_small per_big
    per_small=$(per_round jar "cold / $n * 1000")
    per_big=$(per_round jar "big / $BIG_ENVS * 1000")
    per_env_ratio=$(per_round jar "(big / $BIG_ENVS) / (cold / $n)")
    marginal=$(per_round jar "(big - cold) / ($BIG_ENVS - $n) * 1000")
    echo "Scaling (cold, medians of the rounds): $n envs $(calc "$per_small" .0f) ms/env, $BIG_ENVS envs" \
        "$(calc "$per_big" .0f) ms/env, ratio $(calc "$per_env_ratio" .2f) (≤ 1: no faster than linear);" \
        "each extra environment adds $(calc "$marginal" .0f) ms."
    echo
    echo "Medians of $RUNS rounds after $WARMUP warm-up (Maven: $MVN_RUNS after $MVN_WARMUP); a ratio or" \
        "difference is the median of the rounds' own; $(nproc 2>/dev/null || echo '?') CPUs;" \
        "$("$JAVA" -version 2>&1 | head -n 1)."
}

table=$(report)
echo
echo "$table"
if ((write_results)); then
    {
        echo "# regen benchmark results"
        echo
        echo "$(date -u +%Y-%m-%d), \`bench/run.sh --write-results\`; see README.md for how to read it."
        echo
        echo "$table"
    } >bench/results.md
    echo
    echo "==> wrote bench/results.md"
fi
