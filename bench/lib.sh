# Shared by bench/run.sh, bench/verify.sh and bench/suite.sh (sourced, in the repository root, with BENCH set to the
# script's name): error handling, the committed environments, the launcher's JDK, and timing in rounds
# (bench/rounds.py reads the times).
#
# Timing in rounds: `define` names a command (and what to run before it, untimed); `rounds` runs a group
# of them one after another, round after round; `summary` prints each one's median and the median of the
# rounds' ratios (or differences) to the group's first command. A machine whose speed drifts during the
# benchmark moves both sides of a ratio alike, which timing each command in a block of its own does not.

export LC_ALL=C # EPOCHREALTIME with a decimal point

die() {
    echo "$BENCH: $*" >&2
    exit 1
}

# help_only SCRIPT LAST ARG...: for a script that takes no argument: --help prints its header comment (lines 2 to
# LAST), anything else is refused
help_only() {
    local script=$1 last=$2
    shift 2
    case ${1:-} in
        "") ;;
        -h | --help)
            sed -n "2,${last}s/^# \\{0,1\\}//p" "$script"
            exit 0
            ;;
        *)
            echo "$BENCH: unknown argument: $1 (try --help)" >&2
            exit 2
            ;;
    esac
}

# quotes one word for a command line
q() { printf '%q' "$1"; }

# ENVS: the environments of the committed specs (overlays/<env>/env.yaml)
committed_envs() {
    local spec env
    ENVS=()
    for spec in overlays/*/env.yaml; do
        env=${spec#overlays/}
        ENVS+=("${env%/env.yaml}")
    done
    ((${#ENVS[@]} > 0)) || die "no environment specs (overlays/<env>/env.yaml) in $PWD"
}

# copy_specs DIR EXTRA: a directory holding copies of the committed specs and images files, plus EXTRA copies
# of staging's (as env01, env02...), each with host names, a managed database and Redis of its own
# (codestory-staging.* becomes codestory-env01.*, *.staging.codestory.dev *.env01.codestory.dev: two environments
# may not share one)
copy_specs() {
    local dir=$1 extra=$2 env i name
    for env in "${ENVS[@]}" $(for ((i = 1; i <= extra; i++)); do printf 'env%02d ' "$i"; done); do
        name=$env
        [[ -f overlays/$env/env.yaml ]] || name=staging
        mkdir -p "$dir/overlays/$env"
        sed "s/codestory-$name\./codestory-$env./g; s/\.$name\.codestory\.dev/.$env.codestory.dev/g" \
            "overlays/$name/env.yaml" >"$dir/overlays/$env/env.yaml"
        if [[ -d overlays/$name/images ]]; then
            cp -r "overlays/$name/images" "$dir/overlays/$env/images"
        fi
    done
}

# the launcher takes its java from JAVA_HOME: the JDK of the java command $1
launcher_java_home() { dirname "$(dirname "$(readlink -f "$(command -v "$1")")")"; }

# the jar, built when missing (a stale jar is not rebuilt: run mvn -B -q package -DskipTests after a change)
ensure_jar() {
    if [[ ! -f $1 ]]; then
        echo "==> building the jar (mvn -B -q package -DskipTests)"
        "${MVN:-mvn}" -B -q package -DskipTests
    fi
    [[ -f $1 ]] || die "the build did not produce $1"
}

# define KEY LABEL PREPARE COMMAND: PREPARE (may be empty) runs untimed before each run of COMMAND
declare -A PREPARE COMMAND
define() {
    [[ -n ${BENCH_TMP:-} ]] || die "define: BENCH_TMP is not set"
    printf '%s\t%s\n' "$1" "$2" >>"$BENCH_TMP/labels"
    PREPARE[$1]=$3
    COMMAND[$1]=$4
}

# round GROUP NUMBER KEY...: runs each command once, appending "GROUP NUMBER KEY START END" to the times
round() {
    local group=$1 number=$2 key t0 t1
    shift 2
    for key in "$@"; do
        if [[ -n ${PREPARE[$key]} ]]; then
            eval "${PREPARE[$key]}" >/dev/null 2>&1 || die "failed: ${PREPARE[$key]}"
        fi
        t0=$EPOCHREALTIME
        eval "${COMMAND[$key]}" >/dev/null 2>&1 || die "failed: ${COMMAND[$key]}"
        t1=$EPOCHREALTIME
        echo "$group $number $key $t0 $t1" >>"$BENCH_TMP/times"
    done
}

# rounds GROUP WARMUP RUNS KEY...: warm-up rounds are run and not counted
rounds() {
    local group=$1 warmup=$2 runs=$3 i
    shift 3
    echo "==> $group: $warmup warm-up and $runs measured rounds of: $*"
    for ((i = 1; i <= warmup; i++)); do
        round "warmup-$group" "$i" "$@"
    done
    for ((i = 1; i <= runs; i++)); do
        round "$group" "$i" "$@"
        echo "    round $i/$runs done"
    done
}

# summary SPEC...: a Markdown table, a row per command in the order first run. Each SPEC is
# GROUP:MODE[:LIMIT]: MODE "ratio" compares a group's commands to its first by the median of the rounds'
# ratios, "diff" by the median of their differences in seconds; LIMIT (ratio mode) marks the commands
# whose ratio is at most LIMIT as meeting it. Keys listed in BENCH_NO_RATIO get no comparison.
summary() {
    python3 bench/rounds.py summary "$BENCH_TMP/times" "$BENCH_TMP/labels" "${BENCH_NO_RATIO:-}" "$@"
}

# per_round GROUP EXPRESSION: the median over a group's rounds of a Python expression of its keys' seconds
per_round() {
    python3 bench/rounds.py per-round "$BENCH_TMP/times" "$1" "$2"
}
