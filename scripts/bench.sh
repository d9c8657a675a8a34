#!/usr/bin/env bash
# Benchmark (never part of the tests): generate a repo of N cases (default 10 000) with
# scripts/gen_repo.py (same seed, same files; a share with errors; a git history), then time
# `ordnat check` (and `ordnat report` when it exists) on it, with peak memory, against a bare
# single-core parse of the same files with the same YAML library (benches/bare_parse.rs), and
# print the ratios. With CALLGRIND=1 the parser's events alone (benches/bare_parse.rs --events) are
# counted too: the floor under any reader built on that parser. With CALLGRIND=1 it also counts instructions with valgrind on 1 000 cases,
# one thread, for check and the bare parse (repeatable on a noisy machine).
#
#     scripts/bench.sh [N]
set -euo pipefail
n=${1:-10000}
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 "$root/scripts/gen_repo.py" "$dir/repo" "$n"
cargo build --release -q --manifest-path "$root/Cargo.toml"
cargo bench -q --manifest-path "$root/Cargo.toml" --bench bare_parse --no-run 2>/dev/null
bare_bin=$(ls -t "$root"/target/release/deps/bare_parse-* | grep -v '\.d$' | head -1)
ordnat="$root/target/release/ordnat"
cd "$dir/repo"

measure() { # label, command…: prints "label: S s, M MB" and sets $secs
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$dir/time" "$@" >/dev/null 2>&1 || true
    read -r secs kb < <(tail -n 1 "$dir/time")
    printf '%-28s %7.2f s %8.1f MB\n' "$label" "$secs" "$(echo "$kb / 1024" | bc -l)"
}

echo "$n ärenden, $(nproc) kärnor"
measure "bare parse (1 kärna)" "$bare_bin" cases; bare=$secs
measure "ordnat check" "$ordnat" check --today 2026-11-23 --format concise; check=$secs
if "$ordnat" report --help >/dev/null 2>&1; then
    measure "ordnat report" "$ordnat" report --today 2026-11-23 --format json; report=$secs
    echo "report / check: $(echo "$report / $check" | bc -l | cut -c1-5)"
fi
echo "check / bare parse: $(echo "$check / $bare" | bc -l | cut -c1-5)"

if [ "${CALLGRIND:-0}" = 1 ]; then
    python3 "$root/scripts/gen_repo.py" "$dir/small" 1000 --commits 0
    cd "$dir/small"
    count() {
        valgrind --tool=callgrind --callgrind-out-file="$dir/cg.out" "$@" >/dev/null 2>"$dir/cg.err" || true
        grep -o 'Collected : [0-9]*' "$dir/cg.err" | grep -o '[0-9]*'
    }
    c=$(RAYON_NUM_THREADS=1 count "$ordnat" check --today 2026-11-23 --format concise)
    b=$(count "$bare_bin" cases)
    e=$(count "$bare_bin" cases --events)
    echo "callgrind, 1 000 ärenden: parserns händelser enbart $e instruktioner"
    echo "callgrind, 1 000 ärenden, 1 tråd: check $c, bare parse $b instruktioner; check / bare: $(echo "$c / $b" | bc -l | cut -c1-5)"
fi
