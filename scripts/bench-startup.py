#!/usr/bin/env python3
"""Start-up and cold first call of the stdio launcher, beside the JVM's own start-up.

Each run, interleaved: times `java -version` (the JVM's own start-up), then spawns `java [JVM options] -jar JAR`
(plus any extra launcher arguments), sends an MCP initialize request at once and measures until its answer arrives
on stdout (start-up); then, unless --no-call, sends notifications/initialized and one tools/call (default:
zim_search "asyncio event loop") and measures until its answer (the first call on a cold server).

Usage: python3 scripts/bench-startup.py JAR[,JAR…] [RUNS=10] [--jvm OPTION]... [--tool NAME --args JSON]
                                        [--no-call] [--pause MS] [-- extra launcher arguments]
--pause waits MS milliseconds between the initialize answer and the call, as a client that lists tools and lets a
model choose one does (default 0: the call follows at once, the worst case).
Several JARs (comma-separated; a JAR may carry its own JVM options after a '@', blank-separated, as in
`app.jar@-XX:SharedArchiveFile=app.jsa`) are run in turn within each run, so that they share the machine's state.
Beside wall times it prints the CPU time the JVM used until the answer (all its threads, from /proc), which
depends less on what else the machine is doing.
Example (the Python docs archive, built by scripts/zim/make-zim-docs.sh):
  python3 scripts/bench-startup.py mcp-server-stdio/target/mcp-server-stdio-0.1.0-SNAPSHOT.jar 10 \\
      -- --zim-dir target/zim-docs
Prints every run, then the medians and the ratio start-up / `java -version`.
"""
import json, os, statistics, subprocess, sys, time

args = sys.argv[1:]
extra = []
if "--" in args:
    i = args.index("--")
    args, extra = args[:i], args[i + 1:]
jvm, positional, tool, tool_args, call, pause = [], [], "zim_search", '{"query":"asyncio event loop"}', True, 0.0
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
    elif a == "--pause":
        pause = float(next(it)) / 1000
    else:
        positional.append(a)
jars = positional[0].split(",")
runs = int(positional[1]) if len(positional) > 1 else 10


def line(obj):
    return (json.dumps(obj) + "\n").encode()


init = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
    "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "bench-startup", "version": "1"}}}
first = {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
         "params": {"name": tool, "arguments": json.loads(tool_args)}}


def cpu_ms(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
    except OSError:
        return float("nan")


def java_version():
    """Wall and CPU time of `java -version` (CPU from the child's rusage)."""
    before = os.times()
    t0 = time.perf_counter()
    subprocess.run(["java"] + jvm + ["-version"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = (time.perf_counter() - t0) * 1000
    after = os.times()
    cpu = ((after.children_user - before.children_user) + (after.children_system - before.children_system)) * 1000
    return wall, cpu


def server(spec):
    jar, *own = spec.split("@")
    own = own[0].split() if own else []
    t0 = time.perf_counter()
    p = subprocess.Popen(["java"] + jvm + own + ["-jar", jar] + extra, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    p.stdin.write(line(init))
    p.stdin.flush()
    reply = json.loads(p.stdout.readline())
    start = (time.perf_counter() - t0) * 1000
    start_cpu = cpu_ms(p.pid)
    assert reply.get("id") == 1 and "result" in reply, reply
    first_ms = None
    if call:
        p.stdin.write(line({"jsonrpc": "2.0", "method": "notifications/initialized"}))
        p.stdin.flush()
        time.sleep(pause)
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
    return start, start_cpu, first_ms


jv, jv_cpu = [], []
st = {j: [] for j in jars}
st_cpu = {j: [] for j in jars}
fc = {j: [] for j in jars}
for n in range(runs):
    v, v_cpu = java_version()
    jv.append(v)
    jv_cpu.append(v_cpu)
    line_out = f"run {n + 1}: java -version {v:.0f} ms (cpu {v_cpu:.0f})"
    for j in jars:
        s, s_cpu, f = server(j)
        st[j].append(s)
        st_cpu[j].append(s_cpu)
        if f is not None:
            fc[j].append(f)
        line_out += f"; {os.path.basename(j)}: start-up {s:.0f} ms (cpu {s_cpu:.0f})" + (
            f", first {tool} {f:.0f} ms" if f is not None else "")
    print(line_out, flush=True)


def summary(xs):
    return f"{statistics.median(xs):.0f} ms (min {min(xs):.0f}, max {max(xs):.0f})"


print(f"java -version median: {summary(jv)}, cpu {statistics.median(jv_cpu):.0f} ms")
for j in jars:
    print(f"== {j}")
    print(f"median start-to-first-response: {summary(st[j])} over {runs} runs; cpu until then "
          f"{statistics.median(st_cpu[j]):.0f} ms")
    print(f"start-up / java -version: {statistics.median(st[j]) / statistics.median(jv):.1f}x wall, "
          f"{statistics.median(st_cpu[j]) / statistics.median(jv_cpu):.1f}x cpu")
    if fc[j]:
        print(f"first {tool} on a cold server, median: {summary(fc[j])}")
