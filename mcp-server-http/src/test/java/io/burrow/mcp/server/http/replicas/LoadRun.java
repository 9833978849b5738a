package io.burrow.mcp.server.http.replicas;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load through the load balancer while one replica is killed. Every client re-sends, up to three times, a request
 * that the balancer could not deliver (502, 503, 504) or whose connection closed without an answer (which HAProxy
 * does, unlogged, when a reused connection to a replica dies before answering, so that the client may retry).
 * 2026-07-28 clients hold no session: any replica answers. 2025-11-25 clients hold a session each and, told that
 * it is gone (404, {@code -32001}), initialize again and repeat the call once, as the specification asks of them.
 * Every other outcome is a failure.
 *
 * <p>What must hold, else it is a violation: no call fails; before the kill, 2026-07-28 calls reach every replica
 * (no affinity) and every 2025-11-25 call reaches the replica that opened its session (affinity); a session is lost
 * only after the kill and only on the killed replica, and at least one is (or the kill proved nothing).
 */
final class LoadRun {

    /** The calls the clients make in turn: reads of the demo archive, the same on every replica. */
    private static final List<String[]> CALLS = List.of(
            new String[] {"tools/call", "{\"name\":\"zim_search\",\"arguments\":{\"query\":\"gopher\",\"limit\":5}}"},
            new String[] {"resources/read", "{\"uri\":\"zim://burrow-demo.zim/wiki/Gopher.html\"}"},
            new String[] {"tools/call", "{\"name\":\"zim_search\",\"arguments\":{\"query\":\"gemini capsule\"}}"},
            new String[] {"tools/call", "{\"name\":\"zim_get\",\"arguments\":{\"entry_path\":\"wiki/Burrow.html\","
                    + "\"max_content_length\":2000}}"},
            new String[] {"tools/list", "{}"});
    private static final int ATTEMPTS = 4;
    private static final int MAX_CALLS_PER_CLIENT = 20_000;

    record Options(URI endpoint, String token, List<String> replicas, int modernClients, int legacyClients,
            Duration warmup, Duration duration, Duration killAt, long killPid, String killName, Duration think) {
    }

    /** Counters of one protocol generation. */
    static final class Stats {
        final LongAdder calls = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder retries = new LongAdder();
        final ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        final Map<String, LongAdder> servedBeforeKill = new ConcurrentHashMap<>();
        final Map<String, LongAdder> servedAfterKill = new ConcurrentHashMap<>();

        Map<String, Object> figures() {
            Map<String, Object> f = new java.util.LinkedHashMap<>();
            f.put("calls", calls.sum());
            f.put("failures", failures.sum());
            f.put("retries", retries.sum());
            f.putAll(percentiles(new ArrayList<>(micros)));
            f.put("served_before_kill", sums(servedBeforeKill));
            f.put("served_after_kill", sums(servedAfterKill));
            return f;
        }
    }

    private final Options o;
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failureSamples = Collections.synchronizedList(new ArrayList<>());
    final Stats modern = new Stats();
    final Stats legacy = new Stats();
    private final LongAdder sessionsLost = new LongAdder();
    private final LongAdder reinitialized = new LongAdder();
    private final Map<String, LongAdder> sessionsOpened = new ConcurrentHashMap<>();
    private long start;
    private volatile long killedAt = Long.MAX_VALUE;
    private volatile long killConfirmedMillis = -1; // from the signal to the process gone

    LoadRun(Options o) {
        this.o = o;
    }

    /** Runs the load; returns the report (figures and violations). */
    Map<String, Object> run() throws Exception {
        warmUp();
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < o.legacyClients(); i++) {
            // one at a time, so that round robin spreads the sessions over every replica
            sessions.add(Session.open(new McpHttp(o.endpoint(), o.token())));
            sessionsOpened.computeIfAbsent(sessions.get(i).replica, k -> new LongAdder()).increment();
        }
        for (String r : o.replicas()) {
            if (!sessionsOpened.containsKey(r)) {
                violation("no 2025-11-25 session was opened on " + r + ": " + sums(sessionsOpened));
            }
        }
        start = System.nanoTime();
        long end = start + o.duration().toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < o.modernClients(); i++) {
            int n = i;
            threads.add(start("modern-" + i, () -> modernClient(n, end)));
        }
        for (int i = 0; i < o.legacyClients(); i++) {
            Session s = sessions.get(i);
            int n = i;
            threads.add(start("legacy-" + i, () -> legacyClient(n, s, end)));
        }
        Thread killer = start("killer", this::kill);
        for (Thread t : threads) {
            t.join(o.duration().toMillis() + 120_000);
        }
        killer.join(30_000);
        return report();
    }

    /** Calls through the balancer until every replica has answered a few times (the JIT warms, checks go UP). */
    private void warmUp() throws Exception {
        McpHttp mcp = new McpHttp(o.endpoint(), o.token());
        Map<String, Integer> seen = new TreeMap<>();
        long deadline = System.nanoTime() + o.warmup().toNanos() + TimeUnit.SECONDS.toNanos(60);
        long minEnd = System.nanoTime() + o.warmup().toNanos();
        int i = 0;
        while (System.nanoTime() < minEnd || !o.replicas().stream().allMatch(r -> seen.getOrDefault(r, 0) >= 5)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every replica answered through the balancer within the "
                        + "warm-up: " + seen);
            }
            String[] call = CALLS.get(i++ % CALLS.size());
            try {
                McpHttp.Answer a = mcp.modern(call[0], params(call[1]));
                if (a.ok() && a.replica() != null) {
                    seen.merge(a.replica(), 1, Integer::sum);
                }
            } catch (IOException e) {
                // the balancer or a replica is not ready yet
            }
            Thread.sleep(5);
        }
    }

    private void kill() {
        try {
            Thread.sleep(o.killAt().toMillis());
            Optional<ProcessHandle> p = ProcessHandle.of(o.killPid());
            if (p.isEmpty()) {
                violation("replica " + o.killName() + " (pid " + o.killPid() + ") was not running at the kill");
                return;
            }
            killedAt = System.nanoTime();
            p.get().destroyForcibly(); // SIGKILL
            p.get().onExit().get(10, TimeUnit.SECONDS);
            killConfirmedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        } catch (Exception e) {
            violation("killing " + o.killName() + " failed: " + e);
        }
    }

    /** One request, re-sent (after 100, 200, 400 ms) while the balancer could not deliver it or the connection broke. */
    private McpHttp.Answer attempt(Stats stats, Exchange exchange) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                McpHttp.Answer a = exchange.send();
                if (attempt == ATTEMPTS || !(a.status() == 502 || a.status() == 503 || a.status() == 504)) {
                    return a;
                }
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
            stats.retries.increment();
            Thread.sleep(100L << (attempt - 1));
        }
    }

    private interface Exchange {
        McpHttp.Answer send() throws IOException, InterruptedException;
    }

    private void modernClient(int n, long end) {
        McpHttp mcp = new McpHttp(o.endpoint(), o.token());
        for (int i = 0; i < MAX_CALLS_PER_CLIENT && System.nanoTime() < end; i++) {
            String[] call = CALLS.get((n + i) % CALLS.size());
            long t0 = System.nanoTime();
            String problem;
            String replica = null;
            try {
                McpHttp.Answer a = attempt(modern, () -> mcp.modern(call[0], params(call[1])));
                problem = a.ok() ? null : a.describe();
                replica = a.replica();
            } catch (IOException e) {
                problem = e.toString();
            } catch (InterruptedException e) {
                return;
            }
            finish(modern, t0, replica, problem, "2026-07-28 " + call[0]);
            pause(o.think().toMillis());
        }
    }

    private void legacyClient(int n, Session first, long end) {
        Session s = first;
        for (int i = 0; i < MAX_CALLS_PER_CLIENT && System.nanoTime() < end; i++) {
            String[] call = CALLS.get((n + i) % CALLS.size());
            long t0 = System.nanoTime();
            String problem;
            String replica = null;
            try {
                Session current = s;
                McpHttp.Answer a = attempt(legacy, () -> current.call(call));
                if (a.status() == 404 && a.rpcCode() == -32001) {
                    lost(s, a);
                    s = Session.of(current.mcp, attempt(legacy, current.mcp::initialize));
                    reinitialized.increment();
                    Session fresh = s;
                    a = attempt(legacy, () -> fresh.call(call));
                }
                problem = a.ok() ? null : a.describe();
                if (a.ok()) {
                    replica = a.replica();
                    if (!s.replica.equals(replica)) {
                        violation("a call of a session opened on " + s.replica + " was served by " + replica);
                    }
                }
            } catch (IOException | IllegalStateException e) {
                problem = e.toString();
            } catch (InterruptedException e) {
                return;
            }
            finish(legacy, t0, replica, problem, "2025-11-25 " + call[0]);
            pause(o.think().toMillis());
        }
    }

    private void lost(Session s, McpHttp.Answer a) {
        sessionsLost.increment();
        if (System.nanoTime() < killedAt) {
            violation("a session on " + s.replica + " was lost before any replica was killed: " + a.describe());
        } else if (!s.replica.equals(o.killName())) {
            violation("a session on " + s.replica + ", which was not killed, was lost: " + a.describe());
        }
    }

    private void finish(Stats stats, long t0, String replica, String problem, String what) {
        long now = System.nanoTime();
        stats.calls.increment();
        stats.micros.add(TimeUnit.NANOSECONDS.toMicros(now - t0));
        if (problem != null) {
            stats.failures.increment();
            if (failureSamples.size() < 20) {
                failureSamples.add(String.format("%.2f s: %s: %s", (now - start) / 1e9, what, problem));
            }
        } else {
            (now < killedAt ? stats.servedBeforeKill : stats.servedAfterKill)
                    .computeIfAbsent(replica, k -> new LongAdder()).increment();
        }
    }

    private Map<String, Object> report() {
        if (killConfirmedMillis < 0) {
            violation("the replica " + o.killName() + " was not seen to die");
        }
        for (String r : o.replicas()) {
            if (!modern.servedBeforeKill.containsKey(r)) {
                violation("no 2026-07-28 call reached " + r + " before the kill: " + sums(modern.servedBeforeKill));
            }
        }
        if (sessionsLost.sum() == 0) {
            violation("no 2025-11-25 session was lost: the kill did not hit a session in use");
        }
        long failures = modern.failures.sum() + legacy.failures.sum();
        if (failures > 0) {
            violation(failures + " calls failed: " + failureSamples);
        }
        List<Long> all = new ArrayList<>(modern.micros);
        all.addAll(legacy.micros);
        Map<String, Object> r = new java.util.LinkedHashMap<>();
        r.put("replicas", o.replicas());
        r.put("killed", o.killName());
        r.put("seconds", o.duration().toSeconds());
        r.put("kill_at_seconds", o.killAt().toMillis() / 1000.0);
        r.put("killed_after_ms", killConfirmedMillis);
        r.put("calls", modern.calls.sum() + legacy.calls.sum());
        r.put("failures", failures);
        r.putAll(percentiles(all));
        r.put("modern", modern.figures());
        Map<String, Object> l = new java.util.LinkedHashMap<>(legacy.figures());
        l.put("sessions", o.legacyClients());
        l.put("sessions_opened", sums(sessionsOpened));
        l.put("sessions_lost", sessionsLost.sum());
        l.put("reinitialized", reinitialized.sum());
        r.put("legacy", l);
        r.put("failure_samples", List.copyOf(failureSamples));
        r.put("violations", List.copyOf(violations));
        return r;
    }

    /** p50, p99 and max of latencies in microseconds, as milliseconds. */
    static Map<String, Object> percentiles(List<Long> micros) {
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        if (micros.isEmpty()) {
            return p;
        }
        Collections.sort(micros);
        p.put("p50_ms", micros.get((int) Math.ceil(micros.size() * 0.50) - 1) / 1000.0);
        p.put("p99_ms", micros.get((int) Math.ceil(micros.size() * 0.99) - 1) / 1000.0);
        p.put("max_ms", micros.get(micros.size() - 1) / 1000.0);
        return p;
    }

    private static Map<String, Long> sums(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static ObjectNode params(String json) {
        try {
            return (ObjectNode) McpHttp.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Keeps the first 50 violations (a broken rule repeats on every call). */
    private void violation(String v) {
        synchronized (violations) {
            if (violations.size() < 50) {
                violations.add(v);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A 2025-11-25 session and the replica that opened it. */
    private record Session(McpHttp mcp, String id, String replica) {

        static Session open(McpHttp mcp) throws IOException, InterruptedException {
            return of(mcp, mcp.initialize());
        }

        static Session of(McpHttp mcp, McpHttp.Answer a) {
            if (!a.ok() || a.sessionId() == null || a.replica() == null) {
                throw new IllegalStateException("initialize failed: " + a.describe());
            }
            return new Session(mcp, a.sessionId(), a.replica());
        }

        McpHttp.Answer call(String[] call) throws IOException, InterruptedException {
            return mcp.legacy(id, call[0], params(call[1]));
        }
    }
}
