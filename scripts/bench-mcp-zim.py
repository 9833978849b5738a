#!/usr/bin/env python3
"""MCP-level ZIM benchmark with a real client: start-up, first-call and repeated-call latencies of the ZIM tools.

Spawns each server as an MCP host does and speaks JSON-RPC to it (2025-11-25: initialize, then tools/call), one
client issuing sequential calls, on one archive (default: the Python 3.11 docs archive of scripts/zim/make-zim-docs.sh):

- Burrow over stdio: `java -jar mcp-server-stdio-….jar --zim-dir DIR` (the README's plain command);
- Burrow over Streamable HTTP: `java -jar mcp-server-http-….jar --port P --zim-dir DIR` (POST /mcp, session header);
- openzim-mcp (advanced tool mode, stdio) when its command is found (`openzim-mcp` on PATH or $OPENZIM_MCP): it is
  a Python 3.12 package needing python-libzim >= 3.9, neither of which Debian 12 ships, so scripts/ci does not
  install it; without it the script says so and measures Burrow alone.

For each server: process start until `initialize` is answered (median of --starts runs), then in one process the
first call of each tool call below and the median of --repeat repeated calls. Prints a table and writes JSON.

Usage: python3 scripts/bench-mcp-zim.py [--zim FILE] [--starts 5] [--repeat 30] [--out target/bench-mcp-zim.json]
"""
import argparse, http.client, json, os, shutil, socket, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ap = argparse.ArgumentParser()
ap.add_argument("--zim", default=os.path.join(ROOT, "mcp-zim/target/zim-docs/python3.11-doc.zim"))
ap.add_argument("--starts", type=int, default=5)
ap.add_argument("--repeat", type=int, default=30)
ap.add_argument("--out", default=os.path.join(ROOT, "target/bench-mcp-zim.json"))
ap.add_argument("--stdio-jar", default=os.path.join(ROOT, "mcp-server-stdio/target/mcp-server-stdio-0.1.0-SNAPSHOT.jar"))
ap.add_argument("--http-jar", default=os.path.join(ROOT, "mcp-server-http/target/mcp-server-http-0.1.0-SNAPSHOT.jar"))
args = ap.parse_args()
ZIM = os.path.abspath(args.zim)
DIR, NAME = os.path.dirname(ZIM), os.path.basename(ZIM)

INIT = {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "bench-mcp-zim", "version": "1"}}


class Stdio:
    """A server process spoken to over stdin/stdout, one JSON-RPC line each way."""

    def __init__(self, cmd, env=None):
        self.t0 = time.perf_counter()
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                  env=env)
        self.next_id = 0

    def request(self, method, params):
        self.next_id += 1
        rid = self.next_id
        self.p.stdin.write((json.dumps({"jsonrpc": "2.0", "id": rid, "method": method, "params": params}) + "\n").encode())
        self.p.stdin.flush()
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise RuntimeError("server ended")
            msg = json.loads(line)
            if msg.get("id") == rid:
                return msg

    def notify(self, method):
        self.p.stdin.write((json.dumps({"jsonrpc": "2.0", "method": method}) + "\n").encode())
        self.p.stdin.flush()

    def close(self):
        try:
            self.p.stdin.close()
            self.p.wait(timeout=20)
        except Exception:
            self.p.kill()


class Http:
    """Burrow's HTTP launcher on a free loopback port, spoken to with POST /mcp (a 2025-11-25 session)."""

    def __init__(self, cmd_for_port):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        self.t0 = time.perf_counter()
        self.p = subprocess.Popen(cmd_for_port(self.port), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        self.session = None
        self.conn = None
        self.next_id = 0

    def request(self, method, params):
        self.next_id += 1
        body = json.dumps({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
        if self.session:
            headers["Mcp-Session-Id"] = self.session
            headers["MCP-Protocol-Version"] = "2025-11-25"
        while True:
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                self.conn.request("POST", "/mcp", body, headers)  # one kept-alive connection, as a client keeps
                r = self.conn.getresponse()
                data = r.read().decode()
                self.session = r.getheader("Mcp-Session-Id") or self.session
                if (r.getheader("Content-Type") or "").startswith("text/event-stream"):
                    msgs = [json.loads(l[5:]) for l in data.splitlines() if l.startswith("data:")]
                    return [m for m in msgs if m.get("id") == self.next_id][0]
                return json.loads(data)
            except ConnectionRefusedError:
                self.conn = None
                if method != "initialize":
                    raise
                if self.p.poll() is not None:
                    raise RuntimeError("HTTP server ended")
                time.sleep(0.005)

    def notify(self, method):
        headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream",
                   "Mcp-Session-Id": self.session, "MCP-Protocol-Version": "2025-11-25"}
        body = json.dumps({"jsonrpc": "2.0", "method": method}).encode()
        self.conn.request("POST", "/mcp", body, headers)
        self.conn.getresponse().read()

    def close(self):
        self.p.terminate()
        try:
            self.p.wait(timeout=20)
        except Exception:
            self.p.kill()


def start(factory):
    """Starts a server and initialises it; (server, ms from process start to the initialize answer)."""
    srv = factory()
    reply = srv.request("initialize", INIT)
    ms = (time.perf_counter() - srv.t0) * 1000
    assert "result" in reply, reply
    srv.notify("notifications/initialized")
    return srv, ms


def call(srv, tool, arguments):
    t0 = time.perf_counter()
    reply = srv.request("tools/call", {"name": tool, "arguments": arguments})
    ms = (time.perf_counter() - t0) * 1000
    if "result" not in reply or reply["result"].get("isError"):
        raise RuntimeError(f"{tool} failed: {json.dumps(reply)[:300]}")
    return reply["result"], ms


def top_path(result):
    sc = result.get("structuredContent")
    if sc and sc.get("results"):
        return sc["results"][0]["path"]
    text = result["content"][0]["text"]  # openzim-mcp answers JSON (or Markdown) text only
    try:
        return json.loads(text)["results"][0]["path"]
    except Exception:
        for line in text.splitlines():
            if "Path:" in line:
                return line.split("Path:", 1)[1].strip().strip("`")
    raise RuntimeError("no top hit in " + text[:200])


def measure(label, factory, zim_arg):
    starts = []
    for _ in range(args.starts):
        srv, ms = start(factory)
        starts.append(ms)
        srv.close()
    srv, ms = start(factory)
    starts.append(ms)
    out = {"server": label, "start_to_initialize_ms": {"median": round(statistics.median(starts), 1),
                                                       "runs": [round(x, 1) for x in starts]}, "calls": {}}
    try:
        base = {"zim_file_path": zim_arg}
        r, first = call(srv, "zim_search", dict(base, query="asyncio event loop"))
        path = top_path(r)
        plan = [("zim_search fulltext", "zim_search", dict(base, query="asyncio event loop"), first),
                ("zim_search, a second query", "zim_search", dict(base, query="context manager protocol"), None),
                ("zim_search title", "zim_search", dict(base, query="asyncio", mode="title"), None),
                ("zim_search suggest", "zim_search", dict(base, query="asyn", mode="suggest"), None),
                ("zim_get top hit", "zim_get", dict(base, entry_path=path), None),
                ("zim_browse", "zim_browse", dict(base, namespace="C", prefix="library/"), None),
                ("zim_links", "zim_links", dict(base, entry_path=path), None),
                ("zim_metadata", "zim_metadata", dict(base), None)]
        for label2, tool, a, first_ms in plan:
            try:
                if first_ms is None:
                    _, first_ms = call(srv, tool, a)
                rep = [call(srv, tool, a)[1] for _ in range(args.repeat)]
                out["calls"][label2] = {"first_ms": round(first_ms, 2), "repeated_median_ms": round(statistics.median(rep), 3)}
            except Exception as e:  # a tool the peer lacks or answers differently
                out["calls"][label2] = {"error": str(e)[:200]}
    finally:
        srv.close()
    return out


results = []
stdio_cmd = ["java", "-jar", args.stdio_jar, "--zim-dir", DIR]
results.append(measure("Burrow stdio", lambda: Stdio(stdio_cmd), NAME))
results.append(measure("Burrow HTTP", lambda: Http(lambda p: ["java", "-jar", args.http_jar, "--port", str(p),
                                                              "--zim-dir", DIR]), NAME))
ozm = os.environ.get("OPENZIM_MCP") or shutil.which("openzim-mcp")
if ozm:
    env = dict(os.environ, OPENZIM_MCP_TOOL_MODE="advanced")
    results.append(measure("openzim-mcp 3.1.1 stdio", lambda: Stdio([ozm, DIR], env), ZIM))
else:
    print("openzim-mcp: not installed (a Python 3.12 package needing python-libzim >= 3.9, which Debian 12 does not "
          "ship); measuring Burrow only. Set OPENZIM_MCP=/path/to/openzim-mcp to compare.", file=sys.stderr)

java = subprocess.run(["java", "-version"], capture_output=True, text=True)
jvm = []
for _ in range(args.starts):
    t0 = time.perf_counter()
    subprocess.run(["java", "-version"], capture_output=True)
    jvm.append((time.perf_counter() - t0) * 1000)
report = {"archive": NAME, "repeat": args.repeat, "starts": args.starts, "cpus": os.cpu_count(),
          "loadavg": os.getloadavg(), "java_version_ms": round(statistics.median(jvm), 1),
          "java": java.stderr.splitlines()[0] if java.stderr else "", "servers": results}
os.makedirs(os.path.dirname(args.out), exist_ok=True)
json.dump(report, open(args.out, "w"), indent=1)
print(f"archive {NAME}; load average {report['loadavg'][0]:.1f} on {report['cpus']} CPUs; `java -version` "
      f"{report['java_version_ms']} ms")
for r in results:
    print(f"\n{r['server']}: process start -> initialize answered, median {r['start_to_initialize_ms']['median']} ms")
    for k, v in r["calls"].items():
        if "error" in v:
            print(f"  {k:30s} error: {v['error']}")
        else:
            print(f"  {k:30s} first {v['first_ms']:9.2f} ms   repeated median {v['repeated_median_ms']:8.3f} ms")
