#!/usr/bin/env bash
# Benchmarks regen (the jar and mvn exec:java) against its floors, and kustomize for scale.
# Every regen runs in a scratch copy of the specs under a temporary directory; the repository's
# own tree is only read. See bench/README.md.
#
#   bench/run.sh                   measure and print a Markdown table of medians
#   bench/run.sh --write-results   also write the table to bench/results.md
#
# Run counts (environment): BENCH_WARMUP (2), BENCH_RUNS (10) for java/jar/kustomize runs,
# BENCH_MVN_WARMUP (1), BENCH_MVN_RUNS (5) for Maven runs, BENCH_ENVS (30) for the scaling run.
# JAVA (java), MVN (mvn) and KUSTOMIZE (a kustomize binary) override the commands used;
# BENCH_TIMER=loop times with a bash loop even when hyperfine is installed.
set -euo pipefail
shopt -s nullglob

write_results=0
for arg in "$@"; do
    case $arg in
        --write-results) write_results=1 ;;
        -h | --help)
            sed -n '2,12s/^# \{0,1\}//p' "$0"
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

die() {
    echo "run.sh: $*" >&2
    exit 1
}
# quotes one word for a command line (hyperfine -N splits its commands like a POSIX shell)
q() { printf '%q' "$1"; }

command -v "$JAVA" >/dev/null || die "$JAVA not found"
command -v "$MVN" >/dev/null || die "$MVN not found"

JAR=$ROOT/tools/target/code-story-gitops.jar
LAUNCHER=$ROOT/bin/code-story-gitops
# the launcher takes its java from JAVA_HOME: point it at the JDK of $JAVA
JAVA_HOME_FOR_LAUNCHER=$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA")")")")
if [[ ! -f $JAR ]]; then
    echo "==> building the jar (mvn -B -q package -DskipTests)"
    "$MVN" -B -q package -DskipTests
fi
[[ -f $JAR ]] || die "the build did not produce tools/target/code-story-gitops.jar"

ENVS=()
for spec in overlays/*/env.yaml; do
    env=${spec#overlays/}
    ENVS+=("${env%/env.yaml}")
done
((${#ENVS[@]} > 0)) || die "no environment specs (overlays/<env>/env.yaml) in $ROOT"
((BIG_ENVS > ${#ENVS[@]})) || die "BENCH_ENVS ($BIG_ENVS) must exceed the ${#ENVS[@]} committed environments"
[[ -f overlays/staging/env.yaml ]] || die "the scaling run copies overlays/staging/env.yaml, which is missing"

USE_HYPERFINE=0
if [[ ${BENCH_TIMER:-} != loop ]] && command -v hyperfine >/dev/null; then
    USE_HYPERFINE=1
    if command -v python3 >/dev/null; then
        median_of() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"; }
    elif command -v jq >/dev/null; then
        median_of() { jq -r '.results[0].median' "$1"; }
    else
        die "hyperfine's results need python3 or jq to read"
    fi
    TIMER="hyperfine $(hyperfine --version | awk '{print $2}')"
else
    TIMER="bash loop (date +%s%N; install hyperfine for better numbers)"
fi

KUSTOMIZE_CMD=()
if [[ -n ${KUSTOMIZE:-} ]]; then
    KUSTOMIZE_CMD=("$KUSTOMIZE" build)
elif command -v kustomize >/dev/null; then
    KUSTOMIZE_CMD=(kustomize build)
elif command -v kubectl >/dev/null; then
    KUSTOMIZE_CMD=(kubectl kustomize)
fi

TMP=$(mktemp -d -t regen-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

# a scratch repository holding only the committed specs (plus $2 copies of staging's, as env01...)
scratch() {
    local dir=$TMP/$1 extra=${2:-0} env i name
    for env in "${ENVS[@]}"; do
        mkdir -p "$dir/overlays/$env"
        cp "overlays/$env/env.yaml" "$dir/overlays/$env/env.yaml"
    done
    for ((i = 1; i <= extra; i++)); do
        printf -v name 'env%02d' "$i"
        mkdir -p "$dir/overlays/$name"
        cp overlays/staging/env.yaml "$dir/overlays/$name/env.yaml"
    done
    printf '%s\n' "$dir"
}

# deletes everything regen writes (plus its lock file and cache), leaving only the specs
cat >"$TMP/reset-cold.sh" <<'EOF'
set -euo pipefail
shopt -s nullglob
dir=$1
find "$dir" -mindepth 1 -maxdepth 1 ! -name overlays -exec rm -rf {} +
find "$dir/overlays" -mindepth 2 -maxdepth 2 ! -name env.yaml -exec rm -rf {} +
EOF

listing() { (cd "$1" && find . | LC_ALL=C sort); }

# runs a regen command once and insists its output matches: the benchmark measures what it claims
expect() {
    local what=$1 pattern=$2 cmd=$3 out
    out=$(eval "$cmd" 2>&1) || die "$what failed: $out"
    [[ $out =~ $pattern ]] || die "$what: expected output matching '$pattern', got: $out"
}

KEYS=()
declare -A LABEL MEDIAN

# bench KEY LABEL WARMUP RUNS PREPARE COMMAND: records the median in seconds
bench() {
    local key=$1 label=$2 warmup=$3 runs=$4 prepare=$5 cmd=$6
    KEYS+=("$key")
    LABEL[$key]=$label
    echo
    echo "==> $label"
    if ((USE_HYPERFINE)); then
        local args=(-N --warmup "$warmup" --runs "$runs" --command-name "$label" --export-json "$TMP/$key.json")
        [[ -n $prepare ]] && args+=(--prepare "$prepare")
        hyperfine "${args[@]}" "$cmd"
        MEDIAN[$key]=$(median_of "$TMP/$key.json")
    else
        local i t0 t1 times=()
        for ((i = 0; i < warmup + runs; i++)); do
            [[ -n $prepare ]] && { eval "$prepare" >/dev/null 2>&1 || die "prepare failed: $prepare"; }
            t0=$(date +%s%N)
            (eval "$cmd") >/dev/null 2>&1 || die "failed: $cmd"
            t1=$(date +%s%N)
            ((i < warmup)) || times+=($((t1 - t0)))
        done
        MEDIAN[$key]=$(printf '%s\n' "${times[@]}" | sort -n | awk '
            { t[NR] = $1 }
            END { if (NR % 2) printf "%.6f\n", t[(NR + 1) / 2] / 1e9; else printf "%.6f\n", (t[NR / 2] + t[NR / 2 + 1]) / 2e9 }')
        echo "  median: ${MEDIAN[$key]} s over $runs runs ($warmup warm-up)"
    fi
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

# exec:java runs the tool from tools/target/classes, a different fingerprint than the jar's:
# Maven's runs get their own scratch repositories
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
bench floor "java -version" "$WARMUP" "$RUNS" "" "$(q "$JAVA") -version"
bench cold "jar regen, cold ($n envs, only specs)" "$WARMUP" "$RUNS" "$(cold_prepare "$cold")" "$(jar_regen "$cold")"
bench full "jar regen, full (no cache, nothing to write)" "$WARMUP" "$RUNS" "$(full_prepare "$full")" "$(jar_regen "$full")"
bench full_c1 "jar regen, full, -XX:TieredStopAtLevel=1" "$WARMUP" "$RUNS" "$(full_prepare "$full")" "$(jar_regen_c1 "$full")"
bench launcher_full "bin/code-story-gitops regen, full" "$WARMUP" "$RUNS" "$(full_prepare "$full")" "$(launcher_regen "$full")"
bench warm "jar regen, warm no-op (cache valid)" "$WARMUP" "$RUNS" "" "$(jar_regen "$warm")"
bench launcher_warm "bin/code-story-gitops regen, warm no-op" "$WARMUP" "$RUNS" "" "$(launcher_regen "$warm")"
bench big "jar regen, cold ($BIG_ENVS envs, only specs)" "$WARMUP" "$RUNS" "$(cold_prepare "$big")" "$(jar_regen "$big")"
bench mvn_floor "mvn -B -q validate" "$MVN_WARMUP" "$MVN_RUNS" "" "$(q "$MVN") -B -q validate"
bench mvn_full "mvn exec:java regen, full (no cache)" "$MVN_WARMUP" "$MVN_RUNS" "$(full_prepare "$mvn_full")" "$(mvn_regen "$mvn_full")"
bench mvn_warm "mvn exec:java regen, warm no-op" "$MVN_WARMUP" "$MVN_RUNS" "" "$(mvn_regen "$mvn_warm")"
if [[ -n $kustomize_cmd ]]; then
    bench kustomize "${KUSTOMIZE_CMD[*]}, $n overlays in a row" "$WARMUP" "$RUNS" "" "$kustomize_cmd"
fi

# --- report ------------------------------------------------------------------------------------
calc() { python3 -c "print(format($1, '$2'))" 2>/dev/null || awk "BEGIN { printf \"%$2\", $1 }"; }
secs() { calc "${MEDIAN[$1]}" .3f; }

report() {
    local key vs
    echo "| measurement | median | vs its floor |"
    echo "|---|---:|---:|"
    for key in "${KEYS[@]}"; do
        case $key in
            floor | mvn_floor) vs="floor" ;;
            mvn_*) vs="$(calc "${MEDIAN[$key]} - ${MEDIAN[mvn_floor]}" +.2f) s" ;;
            kustomize) vs="—" ;;
            *) vs="$(calc "${MEDIAN[$key]} / ${MEDIAN[floor]}" .1f)×" ;;
        esac
        echo "| ${LABEL[$key]} | $(secs "$key") s | $vs |"
    done
    echo
    local per_small per_big
    per_small=$(calc "${MEDIAN[cold]} / $n * 1000" .0f)
    per_big=$(calc "${MEDIAN[big]} / $BIG_ENVS * 1000" .0f)
    echo "Scaling (cold): $n envs $per_small ms/env, $BIG_ENVS envs $per_big ms/env," \
        "ratio $(calc "(${MEDIAN[big]} / $BIG_ENVS) / (${MEDIAN[cold]} / $n)" .2f)" \
        "(≤ 1: no faster than linear); each extra environment adds" \
        "$(calc "(${MEDIAN[big]} - ${MEDIAN[cold]}) / ($BIG_ENVS - $n) * 1000" .0f) ms."
    echo
    echo "Medians; $TIMER; jar/java runs: $WARMUP warm-up + $RUNS runs, Maven runs: $MVN_WARMUP + $MVN_RUNS;" \
        "$(nproc 2>/dev/null || echo '?') CPUs; $("$JAVA" -version 2>&1 | head -n 1)."
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
