#!/usr/bin/env python3
"""Start-up and cold first call of the stdio launcher, beside the JVM's own start-up.

Each run, interleaved: times `java -version` (the JVM's own start-up), then spawns `java [JVM options] -jar JAR`
(plus any extra launcher arguments), sends an MCP initialize request at once and measures until its answer arrives
on stdout (start-up); then, unless --no-call, sends notifications/initialized and one tools/call (default:
zim_search "asyncio event loop") and measures until its answer (the first call on a cold server).

Usage: python3 scripts/bench-startup.py JAR [RUNS=10] [--jvm OPTION]... [--tool NAME --args JSON] [--no-call]
                                        [-- extra launcher arguments]
Example (the Python docs archive, built by scripts/zim/make-zim-docs.sh):
  python3 scripts/bench-startup.py mcp-server-stdio/target/mcp-server-stdio-0.1.0-SNAPSHOT.jar 10 \\
      -- --zim-dir target/zim-docs
Prints every run, then the medians and the ratio start-up / `java -version`.
"""
import json, statistics, subprocess, sys, time

args = sys.argv[1:]
extra = []
if "--" in args:
    i = args.index("--")
    args, extra = args[:i], args[i + 1:]
jvm, positional, tool, tool_args, call = [], [], "zim_search", '{"query":"asyncio event loop"}', True
it = iter(args)
for a in it:
    if a == "--jvm":
        jvm.append(next(it))
    elif a == "--tool":
        tool = next(it)
    elif a == "--args":
        tool_args = next(it)
    elif a == "--no-call":
        call = False
    else:
        positional.append(a)
jar = positional[0]
runs = int(positional[1]) if len(positional) > 1 else 10


def line(obj):
    return (json.dumps(obj) + "\n").encode()


init = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
    "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "bench-startup", "version": "1"}}}
first = {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
         "params": {"name": tool, "arguments": json.loads(tool_args)}}


def java_version():
    t0 = time.perf_counter()
    subprocess.run(["java"] + jvm + ["-version"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - t0) * 1000


def server():
    t0 = time.perf_counter()
    p = subprocess.Popen(["java"] + jvm + ["-jar", jar] + extra, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    p.stdin.write(line(init))
    p.stdin.flush()
    reply = json.loads(p.stdout.readline())
    start = (time.perf_counter() - t0) * 1000
    assert reply.get("id") == 1 and "result" in reply, reply
    first_ms = None
    if call:
        p.stdin.write(line({"jsonrpc": "2.0", "method": "notifications/initialized"}))
        t1 = time.perf_counter()
        p.stdin.write(line(first))
        p.stdin.flush()
        while True:
            reply = json.loads(p.stdout.readline())
            if reply.get("id") == 2:
                break
        first_ms = (time.perf_counter() - t1) * 1000
        result = reply.get("result", {})
        assert "result" in reply and not result.get("isError"), reply
    p.stdin.close()
    p.wait(timeout=30)
    return start, first_ms


jv, st, fc = [], [], []
for n in range(runs):
    v = java_version()
    s, f = server()
    jv.append(v)
    st.append(s)
    if f is not None:
        fc.append(f)
    print(f"run {n + 1}: java -version {v:.0f} ms, start-up {s:.0f} ms"
          + (f", first {tool} {f:.0f} ms" if f is not None else ""))


def summary(xs):
    return f"{statistics.median(xs):.0f} ms (min {min(xs):.0f}, max {max(xs):.0f})"


print(f"java -version median: {summary(jv)}")
print(f"median start-to-first-response: {summary(st)} over {runs} runs")
print(f"start-up / java -version: {statistics.median(st) / statistics.median(jv):.1f}x")
if fc:
    print(f"first {tool} on a cold server, median: {summary(fc)}")
