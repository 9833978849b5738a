#!/usr/bin/env python3
"""Start-to-first-response time of the stdio launcher: spawns `java -jar JAR` (plus any extra arguments),
sends an MCP initialize request at once and measures until its response line arrives on stdout.

Usage: python3 scripts/bench-startup.py JAR [RUNS=10] [-- extra launcher arguments]
Prints every run and the median in milliseconds.
"""
import json, statistics, subprocess, sys, time

args = sys.argv[1:]
extra = []
if "--" in args:
    i = args.index("--")
    args, extra = args[:i], args[i + 1:]
jar = args[0]
runs = int(args[1]) if len(args) > 1 else 10
init = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
    "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench-startup", "version": "1"}}})
times = []
for n in range(runs):
    t0 = time.perf_counter()
    p = subprocess.Popen(["java", "-jar", jar] + extra, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    p.stdin.write((init + "\n").encode())
    p.stdin.flush()
    line = p.stdout.readline()
    ms = (time.perf_counter() - t0) * 1000
    p.stdin.close()
    p.wait(timeout=30)
    reply = json.loads(line)
    assert reply.get("id") == 1 and "result" in reply, reply
    times.append(ms)
    print(f"run {n + 1}: {ms:.0f} ms")
print(f"median start-to-first-response: {statistics.median(times):.0f} ms over {runs} runs "
      f"(min {min(times):.0f}, max {max(times):.0f})")
