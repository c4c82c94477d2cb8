"""Reads the times bench/lib.sh's rounds wrote ("GROUP ROUND KEY START END" per line) and reports on them.

  rounds.py summary TIMES LABELS NO_RATIO SPEC...   a Markdown table (see summary in bench/lib.sh)
  rounds.py per-round TIMES GROUP EXPRESSION        the median over a group's rounds of an expression of its
                                                    commands' seconds
"""
import collections
import statistics
import sys


def load(times):
    """{(group, round): {key: seconds}} of the measured rounds, and the (group, key) pairs in the order first run."""
    rounds = collections.defaultdict(dict)
    order = []
    for line in open(times):
        group, number, key, start, end = line.split()
        if group.startswith("warmup-"):
            continue
        rounds[(group, number)][key] = float(end) - float(start)
        if (group, key) not in order:
            order.append((group, key))
    return rounds, order


def summary(times, label_file, no_ratio, specs):
    modes = {}
    for spec in specs:
        group, mode, *limit = spec.split(":")
        modes[group] = (mode, float(limit[0]) if limit else None)
    rounds, order = load(times)
    order = [(group, key) for group, key in order if group in modes]
    labels = dict(line.rstrip("\n").split("\t", 1) for line in open(label_file))
    first = {}
    for group, key in order:
        first.setdefault(group, key)
    print("| measurement | median | range | against the first of its group |")
    print("|---|---:|---:|---:|")
    for group, key in order:
        runs = [r for (g, _), r in rounds.items() if g == group]
        values = [r[key] for r in runs]
        base = first[group]
        mode, limit = modes[group]
        if key == base:
            versus = "floor"
        elif key in no_ratio:
            versus = "—"
        elif mode == "diff":
            versus = f"{statistics.median(r[key] - r[base] for r in runs):+.2f} s"
        else:
            ratio = statistics.median(r[key] / r[base] for r in runs)
            versus = f"{ratio:.1f}×" if limit is None else \
                f"{ratio:.2f}× ({'meets' if ratio <= limit else 'misses'} ≤ {limit:.2f}×)"
        print(f"| {labels.get(key, key)} | {statistics.median(values):.3f} s | "
              f"{min(values):.2f}–{max(values):.2f} s | {versus} |")


def per_round(times, wanted, expression):
    rounds, _ = load(times)
    print(statistics.median(eval(expression, {}, dict(r)) for (group, _), r in rounds.items() if group == wanted))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "summary":
        summary(args[0], args[1], set(args[2].split()), args[3:])
    elif command == "per-round":
        per_round(*args)
    else:
        sys.exit(f"rounds.py: unknown command {command}")
