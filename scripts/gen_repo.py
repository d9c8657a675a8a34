#!/usr/bin/env python3
"""Writes a case repo of N realistic cases for benchmarks: every kind and phase of the sample
repo, new ids, a share with errors, and a git history of a few hundred commits. The same seed
gives the same files.

    scripts/gen_repo.py DIR [N] [--seed S] [--errors PERCENT] [--commits C]
"""
import argparse
import os
import random
import shutil
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Mistakes people make by hand, each a (from, to) on a line that most cases have.
MISTAKES = [
    ("spår: ", "spar: "),                     # unknown-field (missing diacritics)
    ("datum: 20", "datum: TBD # 20"),          # placeholder
    ("förskrivning: rekvisition", "förskrivning: rekvistion"),  # invalid enum value
    ("indikation: ", "indikation: [ "),        # yaml-syntax
    ("atc: ", "atc: x"),                       # atc-format
]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("n", nargs="?", type=int, default=10000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--errors", type=float, default=5.0, help="share of files with a mistake, %%")
    p.add_argument("--commits", type=int, default=300)
    a = p.parse_args()
    rng = random.Random(a.seed)
    src = os.path.join(ROOT, "cases")
    samples = sorted(f for f in os.listdir(src) if f.endswith(".yaml"))
    texts = [open(os.path.join(src, f), encoding="utf-8").read() for f in samples]
    os.makedirs(os.path.join(a.dir, "cases"), exist_ok=True)
    shutil.copy(os.path.join(ROOT, "ordnat.toml"), os.path.join(a.dir, "ordnat.toml"))
    git = shutil.which("git") and a.commits > 0
    if git:
        run(a.dir, "init", "-q", "-b", "main")
    per_commit = max(1, a.n // max(1, a.commits))
    total_commits = -(-a.n // per_commit)
    day = 0
    for i in range(a.n):
        t = texts[i % len(texts)]
        old = next(l for l in t.splitlines() if l.startswith("id: "))[4:].strip()
        new = f"{2000 + i // 1000:04d}-{i % 1000:03d}"
        t = t.replace(f"id: {old}", f"id: {new}")
        # References to other sample cases would point nowhere in the generated repo.
        t = t.replace("ny_indikation_för: ", "# ny_indikation_för: ").replace("reviderar: ", "# reviderar: ")
        if rng.random() * 100 < a.errors:
            frm, to = rng.choice(MISTAKES)
            t = t.replace(frm, to, 1)
        name = samples[i % len(samples)].split("-", 2)[-1]
        with open(os.path.join(a.dir, "cases", f"{new}-{name}"), "w", encoding="utf-8") as f:
            f.write(t)
        if git and ((i + 1) % per_commit == 0 or i + 1 == a.n):
            day += 1
            # Commits spread evenly from 2024-01-02 to 2026-11-20, so that a report for a
            # meeting in late 2026 finds changes since the previous meeting.
            stamp = 1704196800 + (1795608000 - 1704196800) * day // total_commits
            env = dict(os.environ, GIT_AUTHOR_DATE=f"@{stamp} +0100", GIT_COMMITTER_DATE=f"@{stamp} +0100")
            run(a.dir, "add", "-A", env=env)
            run(a.dir, "-c", "user.name=ordnat-bench", "-c", "user.email=bench@example.invalid",
                "commit", "-q", "-m", f"Ärenden t.o.m. {new}", env=env)


def run(cwd, *args, env=None):
    subprocess.run(["git", *args], cwd=cwd, check=True, env=env)


if __name__ == "__main__":
    main()
