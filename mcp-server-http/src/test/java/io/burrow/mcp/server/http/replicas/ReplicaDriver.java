package io.burrow.mcp.server.http.replicas;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The client side of {@code scripts/replicas/replica-test.sh}: drives Burrow replicas that the script started
 * behind HAProxy, prints the figures and writes them as JSON; exits 1 when a rule was broken. It runs on the HTTP
 * launcher's jar plus these test classes (JDK and Jackson only; {@code gemini} also the test kit's classes):
 *
 * <pre>
 * java -cp mcp-server-http-VERSION.jar:test-classes io.burrow.mcp.server.http.replicas.ReplicaDriver load \
 *   --endpoint http://127.0.0.1:PORT/mcp --replicas r1,r2,r3 --kill-pid PID --kill-name r2 --report FILE
 * </pre>
 *
 * {@code load}: see {@link LoadRun}. {@code gemini}: see {@link GeminiTrustRun} (needs the test kit's classes on
 * the class path too). Options: {@code --token}, {@code --modern-clients} (6), {@code
 * --legacy-clients} (6), {@code --warmup-seconds} (3), {@code --seconds} (20), {@code --kill-at-seconds} (8),
 * {@code --think-ms} (10).
 */
public final class ReplicaDriver {

    private ReplicaDriver() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !(args[0].equals("load") || args[0].equals("gemini"))) {
            System.err.println("usage: ReplicaDriver load --endpoint URL --replicas r1,r2,r3 --kill-pid PID "
                    + "--kill-name NAME [--report FILE] [options]\n"
                    + "       ReplicaDriver gemini --replica-endpoints r1=URL,r2=URL,… [--token T] [--report FILE]");
            System.exit(2);
        }
        Map<String, String> opt = options(Arrays.copyOfRange(args, 1, args.length));
        if (args[0].equals("gemini")) {
            gemini(opt);
            return;
        }
        LoadRun.Options o = new LoadRun.Options(URI.create(required(opt, "endpoint")), opt.get("token"),
                List.of(required(opt, "replicas").split(",")),
                Integer.parseInt(opt.getOrDefault("modern-clients", "6")),
                Integer.parseInt(opt.getOrDefault("legacy-clients", "6")),
                Duration.ofSeconds(Long.parseLong(opt.getOrDefault("warmup-seconds", "3"))),
                Duration.ofSeconds(Long.parseLong(opt.getOrDefault("seconds", "20"))),
                Duration.ofMillis((long) (Double.parseDouble(opt.getOrDefault("kill-at-seconds", "8")) * 1000)),
                Long.parseLong(required(opt, "kill-pid")), required(opt, "kill-name"),
                Duration.ofMillis(Long.parseLong(opt.getOrDefault("think-ms", "10"))));
        Map<String, Object> report = new LoadRun(o).run();
        if (opt.containsKey("report")) {
            Files.writeString(Path.of(opt.get("report")),
                    McpHttp.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        }
        List<?> violations = (List<?>) report.get("violations");
        System.out.println(summary(o, report));
        System.exit(violations.isEmpty() ? 0 : 1);
    }

    /** {@code gemini}: see {@link GeminiTrustRun}. */
    private static void gemini(Map<String, String> opt) throws Exception {
        Map<String, URI> endpoints = new java.util.LinkedHashMap<>();
        for (String e : required(opt, "replica-endpoints").split(",")) {
            String[] kv = e.split("=", 2);
            endpoints.put(kv[0], URI.create(kv[1]));
        }
        Map<String, Object> report = new GeminiTrustRun(endpoints, opt.get("token")).run();
        if (opt.containsKey("report")) {
            Files.writeString(Path.of(opt.get("report")),
                    McpHttp.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        }
        List<?> violations = (List<?>) report.get("violations");
        ((List<?>) report.get("steps")).forEach(s -> System.out.println("gemini: " + s));
        System.out.println(violations.isEmpty() ? "gemini: trust decisions and identities are shared by every replica"
                : "gemini: VIOLATIONS:");
        violations.forEach(v -> System.out.println("  - " + v));
        System.exit(violations.isEmpty() ? 0 : 1);
    }

    /** The figures, for people. */
    static String summary(LoadRun.Options o, Map<String, Object> r) {
        Map<?, ?> m = (Map<?, ?>) r.get("modern");
        Map<?, ?> l = (Map<?, ?>) r.get("legacy");
        StringBuilder b = new StringBuilder();
        b.append(String.format("%d replicas behind the balancer; %s killed (SIGKILL) at %.1f s of %d s, gone %d ms "
                        + "later%n", o.replicas().size(), o.killName(), o.killAt().toMillis() / 1000.0,
                o.duration().toSeconds(), r.get("killed_after_ms")));
        b.append(String.format("calls %s (2026-07-28: %s, 2025-11-25: %s), failures %s%n", r.get("calls"),
                m.get("calls"), l.get("calls"), r.get("failures")));
        b.append(String.format("latency p50 %s ms, p99 %s ms, max %s ms%n", r.get("p50_ms"), r.get("p99_ms"),
                r.get("max_ms")));
        b.append(String.format("2026-07-28: p99 %s ms; re-sent by clients %s; served before the kill %s, after %s%n",
                m.get("p99_ms"), m.get("retries"), m.get("served_before_kill"), m.get("served_after_kill")));
        b.append(String.format("2025-11-25: p99 %s ms; sessions %s, lost %s and re-initialized %s; re-sent by "
                        + "clients %s; served before the kill %s, after %s%n", l.get("p99_ms"),
                l.get("sessions_opened"), l.get("sessions_lost"), l.get("reinitialized"), l.get("retries"),
                l.get("served_before_kill"), l.get("served_after_kill")));
        List<?> violations = (List<?>) r.get("violations");
        b.append(violations.isEmpty() ? "violations: none" : "VIOLATIONS:");
        violations.forEach(v -> b.append(System.lineSeparator()).append("  - ").append(v));
        return b.toString();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
            }
            m.put(args[i].substring(2), args[i + 1]);
        }
        return m;
    }

    private static String required(Map<String, String> opt, String name) {
        String v = opt.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }
}
