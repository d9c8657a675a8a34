#!/usr/bin/env bash
# Benchmark (never part of the tests): generate a repo of N cases (default 10 000) with
# scripts/gen_repo.py (same seed, same files; a share with errors; a git history), then time
# `ordnat check` and `ordnat report` (as JSON, and as Markdown, the format written to a file)
# on it, with peak memory, against a bare single-core parse of the same files with the same
# YAML library (benches/bare_parse.rs), and print the ratios.
# Each round also runs two bare parses at once, to show how much the second core gives (on a
# virtual machine it can be far from a whole core, and it changes from minute to minute).
# Every command runs RUNS times (default 5), alternating, and the median is shown: wall-clock
# times on a shared machine are noisy. The ratios are the medians of the ratios within each
# round (bare, check and report run back to back), so that a machine that is slower for a
# while weighs on both sides of a ratio alike.
#
# Then the language server (scripts/lsp_bench.py): the first diagnostics of the whole folder
# beside check's time, its memory once loaded beside check's peak, and the time from a
# one-character edit to that file's diagnostics over 200 edits (LSP=0 leaves it out).
#
# With CALLGRIND=1 it also counts instructions with valgrind on 1 000 cases, one thread
# (repeatable on a noisy machine): check, the bare parse, and the parser's events alone
# (`--events`), the floor under any reader built on that parser.
#
#     scripts/bench.sh [N]
set -euo pipefail
n=${1:-10000}
runs=${RUNS:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 "$root/scripts/gen_repo.py" "$dir/repo" "$n"
cargo build --release -q --manifest-path "$root/Cargo.toml"
cargo bench -q --manifest-path "$root/Cargo.toml" --bench bare_parse --no-run 2>/dev/null
newest() { ls -t "$root"/target/release/deps/"$1"-* | grep -v '\.d$' | head -1; }
bare_bin=$(newest bare_parse)
ordnat="$root/target/release/ordnat"
cd "$dir/repo"

# once LABEL COMMAND…: one run; appends "seconds kilobytes cpu-seconds faults" to $dir/LABEL: the
# wall time to the tenth of a millisecond, around /usr/bin/time, which gives the peak memory, the
# processor time (user and system, with the git processes the command waits for) and the minor
# page faults (and adds the same millisecond or so to every command); standard out and error
# discarded.
once() {
    local label=$1; shift
    python3 - "$dir/time" "$@" >> "$dir/$label" <<'PY'
import subprocess, sys, time
start = time.perf_counter()
subprocess.run(["/usr/bin/time", "-f", "%M %U %S %R", "-o", sys.argv[1], *sys.argv[2:]],
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - start
kb, user, system, faults = open(sys.argv[1]).read().split()[-4:]
print(f"{wall:.4f} {kb} {float(user) + float(system):.2f} {faults}")
PY
}

# pair COMMAND…: two runs at the same time; appends the wall time until both are done to
# $dir/pair. Against the same command run alone it shows how much a second core gives right now:
# two cores of a virtual machine can share one physical core, or the host can be busy.
pair() {
    python3 - "$@" >> "$dir/pair" <<'PY'
import subprocess, sys, time
start = time.perf_counter()
runs = [subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(2)]
for r in runs:
    r.wait()
print(f"{time.perf_counter() - start:.4f}")
PY
}

# median LABEL COLUMN: the median of a column of $dir/LABEL.
median() { sort -n -k "$2" "$dir/$1" | awk -v c="$2" '{v[NR]=$c} END {print v[int((NR+1)/2)]}'; }

for _ in $(seq "$runs"); do
    once bare "$bare_bin" cases
    pair "$bare_bin" cases
    once check "$ordnat" check --today 2026-11-23 --format concise
    once report "$ordnat" report --today 2026-11-23 --format json
    # Standard out is not a terminal: the default format, Markdown, as the committee's
    # report is written to a file.
    once markdown "$ordnat" report --today 2026-11-23
done

echo "$n ärenden, $(nproc) kärnor, median av $runs körningar"
for label in bare check report markdown; do
    case $label in
        bare) name="naken tolkning (1 kärna)";;
        check) name="ordnat check";;
        report) name="ordnat report (JSON)";;
        markdown) name="ordnat report (Markdown)";;
    esac
    printf '%-28s %7.3f s %8.1f MB %7.2f s processortid %7d sidfel\n' "$name" "$(median $label 1)" \
        "$(echo "$(median $label 2) / 1024" | bc -l)" "$(median $label 3)" "$(median $label 4)"
done
ratio() { echo "$1 / $2" | bc -l | cut -c1-5; }
# spread DECIMALS: the median of the numbers on standard in, with their smallest and largest.
spread() {
    sort -n | awk -v d="$1" '{v[NR]=$1} END {
        f = "%." d "f"; printf f " (spridning " f "–" f ")\n", v[int((NR+1)/2)], v[1], v[NR]}'
}
# paired A B [COLUMN]: the median of A/B over the rounds (of wall time, or of COLUMN).
paired() {
    paste "$dir/$1" "$dir/$2" | awk -v c="${3:-1}" -v w="$(head -1 "$dir/$1" | wc -w)" \
        '{print $c / $(c + w)}' | spread 3
}
echo "check / naken tolkning: $(paired check bare)"
# Two bare parses take as long as one when the second core is a whole core (2,00), twice as
# long when it gives nothing (1,00).
echo "två kärnor ger (två nakna tolkningar samtidigt mot en): $(paste "$dir/bare" "$dir/pair" |
    awk '{print 2 * $1 / $5}' | spread 2)"
echo "report / check (JSON): $(paired report check)"
echo "report / check (JSON), processortid: $(paired report check 3)"
echo "report / check (Markdown): $(paired markdown check)"
echo "report / check (Markdown), processortid: $(paired markdown check 3)"

if [ "${LSP:-1}" = 1 ]; then
    python3 "$root/scripts/lsp_bench.py" "$ordnat" "$dir/repo" "$runs" 200
fi

if [ "${CALLGRIND:-0}" = 1 ]; then
    python3 "$root/scripts/gen_repo.py" "$dir/small" 1000 --commits 0
    cd "$dir/small"
    count() {
        valgrind --tool=callgrind --callgrind-out-file="$dir/cg.out" "$@" >/dev/null 2>"$dir/cg.err" || true
        grep -o 'Collected : [0-9]*' "$dir/cg.err" | grep -o '[0-9]*'
    }
    c=$(RAYON_NUM_THREADS=1 count "$ordnat" check --today 2026-11-23 --format concise)
    r=$(RAYON_NUM_THREADS=1 count "$ordnat" report --today 2026-11-23 --format json)
    m=$(RAYON_NUM_THREADS=1 count "$ordnat" report --today 2026-11-23 --format markdown)
    s=$(RAYON_NUM_THREADS=1 count "$ordnat" status --today 2026-11-23 --format json)
    b=$(count "$bare_bin" cases)
    e=$(count "$bare_bin" cases --events)
    echo "callgrind, 1 000 ärenden, 1 tråd (instruktioner):"
    echo "  check $c; naken tolkning $b; parserns händelser enbart $e"
    echo "  report (JSON) $r; report (Markdown) $m; status (JSON) $s"
    echo "  check / naken tolkning: $(ratio "$c" "$b")"
    echo "  report / check: JSON $(ratio "$r" "$c"), Markdown $(ratio "$m" "$c")"
fi
