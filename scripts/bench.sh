#!/usr/bin/env bash
# Benchmark: generate a repo of N cases (default 10 000) from the sample repo and time
# `ordnat check` on it (wall time and peak memory). Not part of the tests.
set -euo pipefail
n=${1:-10000}
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$root/ordnat.toml" "$dir/"
mkdir -p "$dir/cases"
python3 - "$root/cases" "$dir/cases" "$n" <<'PY'
import os, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = sorted(f for f in os.listdir(src) if f.endswith(".yaml"))
texts = [open(os.path.join(src, f), encoding="utf-8").read() for f in files]
for i in range(n):
    t = texts[i % len(texts)]
    old = next(l for l in t.splitlines() if l.startswith("id: "))[4:]
    new = f"9{i:06d}"
    t = t.replace(f"id: {old}", f"id: {new}").replace("ny_indikation_för: ", "# ny_indikation_för: ").replace("reviderar: ", "# reviderar: ")
    open(os.path.join(dst, f"{new}.yaml"), "w", encoding="utf-8").write(t)
PY
cargo build --release -q --manifest-path "$root/Cargo.toml"
cd "$dir"
/usr/bin/time -f "%e s, %M kB peak" "$root/target/release/ordnat" check --today 2026-11-23 --format concise | tail -1
