#!/usr/bin/env python3
"""The language server's figures (scripts/bench.sh runs this; never part of the tests).

    lsp_bench.py ORDNAT REPO [ROUNDS] [EDITS]

Starts `ordnat lsp` in REPO as an editor would (initialize with the repo as the workspace
folder) and measures, each round:
  - the first diagnostics of the whole folder: from starting the process to the last of the
    case files' `publishDiagnostics` (every case file gets one, empty or not), beside the
    wall time of `ordnat check` on the same repo, run in the same round;
  - the server's memory once loaded: its peak resident set (VmHWM), beside check's peak;
  - EDITS one-character edits (default 200) of an open case file, alternately typing and
    deleting a letter in a text: from `didChange` sent to that file's `publishDiagnostics`
    (of that version) received; median and 95th percentile.
Prints one line per figure, and the targets of issue 28 beside them.
"""
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

TODAY = "2026-11-23"


def uri(path):
    return "file://" + urllib.parse.quote(str(path))


class Server:
    def __init__(self, ordnat, repo):
        env = dict(os.environ, ORDNAT_TODAY=TODAY)
        self.proc = subprocess.Popen([ordnat, "lsp"], cwd=repo, env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.next = 1

    def send(self, message):
        body = json.dumps(dict(message, jsonrpc="2.0")).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise EOFError("the server ended")
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        return json.loads(self.proc.stdout.read(length))

    def request(self, method, params):
        rid = self.next
        self.next += 1
        self.send({"id": rid, "method": method, "params": params})
        while True:
            m = self.read()
            if m.get("id") == rid and "method" not in m:
                return m

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def peak_kb(self):
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return 0

    def stop(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.proc.wait(timeout=60)


def check_run(ordnat, repo):
    start = time.perf_counter()
    out = subprocess.run(["/usr/bin/time", "-f", "%M", ordnat, "check", "--today", TODAY,
                          "--format", "concise"], cwd=repo, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    return wall, int(out.stderr.split()[-1])


def lsp_round(ordnat, repo, cases, edits):
    start = time.perf_counter()
    server = Server(ordnat, repo)
    root = uri(repo)
    server.request("initialize", {"processId": os.getpid(), "rootUri": root, "capabilities": {},
                                  "workspaceFolders": [{"uri": root, "name": "repo"}]})
    server.notify("initialized", {})
    waiting = {uri(c) for c in cases}
    while waiting:
        m = server.read()
        if m.get("method") == "textDocument/publishDiagnostics":
            waiting.discard(m["params"]["uri"])
    first = time.perf_counter() - start
    peak = server.peak_kb()

    # A case file opened, then typed in: a letter added to the end of a text and taken away.
    case = cases[len(cases) // 2]
    text = case.read_text(encoding="utf-8")
    lines = text.split("\n")
    line = next(i for i, l in enumerate(lines) if l.startswith("indikation:"))
    col = len(lines[line].encode("utf-16-le")) // 2
    doc = uri(case)
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": doc, "languageId": "yaml", "version": 1, "text": text}})
    while True:
        m = server.read()
        if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == doc:
            break
    times = []
    for n in range(edits):
        version = n + 2
        if n % 2 == 0:
            change = {"range": {"start": {"line": line, "character": col},
                                "end": {"line": line, "character": col}}, "text": "x"}
        else:
            change = {"range": {"start": {"line": line, "character": col},
                                "end": {"line": line, "character": col + 1}}, "text": ""}
        sent = time.perf_counter()
        server.notify("textDocument/didChange", {
            "textDocument": {"uri": doc, "version": version}, "contentChanges": [change]})
        while True:
            m = server.read()
            p = m.get("params") or {}
            if (m.get("method") == "textDocument/publishDiagnostics" and p.get("uri") == doc
                    and p.get("version") == version):
                break
        times.append(time.perf_counter() - sent)
    after = server.peak_kb()
    server.stop()
    return first, peak, after, times


def main():
    ordnat, repo = sys.argv[1], Path(sys.argv[2]).resolve()
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    edits = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    cases = sorted(p.resolve() for p in (repo / "cases").rglob("*.y*ml"))
    checks, loads, ratios, peaks, peak_ratios, all_edits, afters = [], [], [], [], [], [], []
    for _ in range(rounds):
        check_wall, check_kb = check_run(ordnat, repo)
        first, peak, after, times = lsp_round(ordnat, repo, cases, edits)
        checks.append(check_wall)
        loads.append(first)
        ratios.append(first / check_wall)
        peaks.append(peak)
        afters.append(after)
        peak_ratios.append(peak / check_kb)
        all_edits.extend(times)
    ms = sorted(t * 1000 for t in all_edits)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * len(ms))) - 1)]
    med = statistics.median
    print(f"ordnat lsp, {len(cases)} ärenden, median av {rounds} omgångar")
    print(f"  första diagnoserna för hela mappen: {med(loads):.3f} s "
          f"(check {med(checks):.3f} s); kvot {med(ratios):.2f} (mål ≤ 1,5; "
          f"spridning {min(ratios):.2f}–{max(ratios):.2f})")
    print(f"  minne efter inläsning: {med(peaks) / 1024:.1f} MB; kvot mot checks topp "
          f"{med(peak_ratios):.2f} (mål ≤ 2); efter {edits} ändringar {med(afters) / 1024:.1f} MB")
    print(f"  en ändring på ett tecken → diagnoser: median {med(ms):.1f} ms, "
          f"95:e percentilen {p95:.1f} ms över {len(ms)} ändringar (mål ≤ 20 ms)")


if __name__ == "__main__":
    main()
