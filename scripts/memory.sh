#!/usr/bin/env bash
# Memory benchmark (never part of the tests): generate a repo of N cases (default 100 000, no
# git history) with scripts/gen_repo.py, run every command that reads the whole repo on it once
# under /usr/bin/time -v, and print each command's peak memory (maximum resident set size)
# against the goal: under 200 MB at 100 000 cases (issue 26). The language server's memory once
# it has loaded the folder is measured by scripts/bench.sh (scripts/lsp_bench.py).
#
#     scripts/memory.sh [N]
#
# MB here is kilobytes as /usr/bin/time gives them divided by 1 000, as in docs/performance.md.
# The commands that write (`new`, `record --dry-run` writes nothing) run in the generated repo,
# which is removed at the end.
set -euo pipefail
n=${1:-100000}
goal_mb=${GOAL_MB:-200}
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 "$root/scripts/gen_repo.py" "$dir/repo" "$n" --commits 0 >/dev/null
cargo build --release -q --manifest-path "$root/Cargo.toml" --bin ordnat
ordnat="${CARGO_TARGET_DIR:-$root/target}/release/ordnat"
cd "$dir/repo"
today=2026-11-23
meeting=2026-12-03
# A case of the repo, by the id written in its file.
files=(cases/*.yaml)
id=$(sed -n 's/^id: *//p' "${files[0]}")

over=0
# peak LABEL COMMAND…: runs COMMAND once, standard out and error discarded, and prints its peak.
peak() {
    local label=$1; shift
    local status=0
    /usr/bin/time -v -o "$dir/time" "$ordnat" --today "$today" "$@" >/dev/null 2>"$dir/err" ||
        status=$?
    # 1 is findings (`check`); 2 is a usage error or a failure, which measures nothing.
    if [ "$status" -ge 2 ]; then
        echo "$label: avslutades med $status: $(head -1 "$dir/err")" >&2
        over=1
        return
    fi
    local kb
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$dir/time")
    local mark="ja"
    if [ "$kb" -ge $((goal_mb * 1000)) ]; then mark="NEJ"; over=1; fi
    printf '%-52s %6.1f MB  %s\n' "$label" "$(echo "$kb / 1000" | bc -l)" "$mark"
}

echo "$n ärenden, minnestopp per kommando (under $goal_mb MB?)"
peak "check" check --format concise
peak "check --fix --diff" check --fix --diff
for format in json csv markdown html table; do
    peak "report --format $format" report --format "$format"
done
peak "report --format xlsx" report --format xlsx --output "$dir/report.xlsx"
peak "report --public --format html" report --public --format html
peak "status --format json" status --format json
peak "status --format table" status --format table
peak "status --due 30 --format json" status --due 30 --format json
peak "checklist $id" checklist "$id"
peak "checklist --meeting $meeting --format markdown" checklist --meeting "$meeting" --format markdown
peak "agenda" agenda
peak "minutes --meeting $meeting" minutes --meeting "$meeting"
peak "brief $id" brief "$id"
peak "brief --meeting $meeting" brief --meeting "$meeting"
peak "calendar" calendar
peak "record --dry-run $id uppföljning" record --dry-run "$id" uppföljning --planerad 2031-06-01
peak "new" new --typ läkemedel --spår regionalt --indikation "Mätning" --substans mätmab \
    --förskrivning rekvisition
exit "$over"
