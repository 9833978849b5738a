import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of scripts/bench-zim-concurrency.sh: N MCP clients over HTTP (2025-11-25 sessions, one per client,
 * each with its own connection), each issuing mixed ZIM calls back to back — a full-text {@code zim_search} of one
 * or two random title words, a {@code zim_get} (summary view) of a random article, a {@code zim_browse} page under
 * a random two-character prefix — for a fixed time. Prints calls per second for each client count and the ratio to
 * one client, as JSON. Arguments: ENDPOINT ARCHIVE PATHS.txt WORDS.txt SECONDS CLIENTS... (a run of 8 clients warms
 * the server up first). Run with {@code java scripts/zim/BenchConcurrency.java …} (no dependencies). With
 * {@code -Dserver.pid=PID} it also reports the server's CPU time per run (from /proc): the cores it kept busy and
 * calls per CPU second, which tell contention (idle cores with clients waiting) from a machine busy with others.
 */
public final class BenchConcurrency {

    static final String PROTOCOL = "2025-11-25";
    /** The call mix, {@code -Dops=search,get,browse} (the default; any subset, in turn). */
    static final int[] OPS = java.util.Arrays.stream(System.getProperty("ops", "search,get,browse").split(","))
            .mapToInt(o -> switch (o.trim()) {
                case "search" -> 0;
                case "get" -> 1;
                case "browse" -> 2;
                default -> throw new IllegalArgumentException("unknown op " + o);
            }).toArray();

    record Result(long calls, long errors, double seconds, double serverCpuSeconds) {
    }

    /** The server's CPU time (user + system) in seconds from /proc, when {@code -Dserver.pid} names it; else -1. */
    static double serverCpu() {
        String pid = System.getProperty("server.pid");
        if (pid == null) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;   // utime, stime in clock ticks (USER_HZ 100)
        } catch (Exception e) {
            return -1;
        }
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String archive = args[1];
        List<String> paths = Files.readAllLines(Path.of(args[2])).stream().filter(s -> !s.isBlank()).toList();
        List<String> words = Files.readAllLines(Path.of(args[3])).stream().filter(s -> !s.isBlank()).toList();
        double seconds = Double.parseDouble(args[4]);
        List<Integer> counts = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            counts.add(Integer.parseInt(args[i]));
        }
        run(endpoint, archive, paths, words, Math.max(2, seconds), 8, 1);   // warm-up (JIT, caches)
        StringBuilder json = new StringBuilder("{\"seconds_per_run\": " + seconds + ", \"ops\": \""
                + System.getProperty("ops", "search,get,browse") + "\", \"runs\": [");
        double base = 0;
        for (int k = 0; k < counts.size(); k++) {
            int n = counts.get(k);
            Result r = run(endpoint, archive, paths, words, seconds, n, 100 + k);
            double rate = r.calls() / r.seconds();
            if (k == 0) {
                base = rate;
            }
            json.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                    "{\"clients\": %d, \"calls\": %d, \"errors\": %d, \"calls_per_s\": %.1f, \"ratio_to_first\": %.2f, "
                    + "\"server_cpu_s\": %.2f, \"server_cores_busy\": %.2f, \"calls_per_server_cpu_s\": %.1f}",
                    n, r.calls(), r.errors(), rate, rate / base, r.serverCpuSeconds(),
                    r.serverCpuSeconds() / r.seconds(), r.calls() / Math.max(0.01, r.serverCpuSeconds())));
        }
        json.append("]}");
        System.out.println(json);
    }

    static Result run(URI endpoint, String archive, List<String> paths, List<String> words, double seconds, int clients,
            long seed) throws Exception {
        AtomicLong calls = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Client> cs = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            cs.add(new Client(endpoint, archive, paths, words, new SplittableRandom(seed * 1000 + i)));
        }
        for (Client c : cs) {
            c.initialize();
        }
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> ts = new ArrayList<>();
        double cpu0 = serverCpu();
        long t0 = System.nanoTime();
        for (Client c : cs) {
            Thread t = new Thread(() -> {
                int op = 0;
                while (System.nanoTime() < deadline) {
                    try {
                        if (c.call(OPS[op++ % OPS.length])) {
                            calls.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
            t.start();
            ts.add(t);
        }
        for (Thread t : ts) {
            t.join();
        }
        double el = (System.nanoTime() - t0) / 1e9;
        double cpu = serverCpu() - cpu0;
        for (Client c : cs) {
            c.close();
        }
        return new Result(calls.get(), errors.get(), el, cpu0 < 0 ? -1 : cpu);
    }

    static final class Client {
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        final URI endpoint;
        final String archive;
        final List<String> paths;
        final List<String> words;
        final SplittableRandom rnd;
        String session;
        int id;

        Client(URI endpoint, String archive, List<String> paths, List<String> words, SplittableRandom rnd) {
            this.endpoint = endpoint;
            this.archive = archive;
            this.paths = paths;
            this.words = words;
            this.rnd = rnd;
        }

        HttpResponse<String> post(String body) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (session != null) {
                b.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", PROTOCOL);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        void initialize() throws Exception {
            HttpResponse<String> r = post("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                    + "\"protocolVersion\":\"" + PROTOCOL + "\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"bench-zim-concurrency\",\"version\":\"1\"}}}");
            session = r.headers().firstValue("Mcp-Session-Id")
                    .orElseThrow(() -> new IllegalStateException("no session: " + r.statusCode() + " " + r.body()));
            post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        }

        static String q(String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }

        boolean call(int op) throws Exception {
            String args = switch (op) {
                case 0 -> {
                    String query = words.get(rnd.nextInt(words.size()))
                            + (rnd.nextBoolean() ? " " + words.get(rnd.nextInt(words.size())) : "");
                    yield "{\"name\":\"zim_search\",\"arguments\":{\"zim_file_path\":" + q(archive) + ",\"query\":"
                            + q(query) + "}}";
                }
                case 1 -> "{\"name\":\"zim_get\",\"arguments\":{\"zim_file_path\":" + q(archive) + ",\"entry_path\":"
                        + q(paths.get(rnd.nextInt(paths.size()))) + ",\"view\":\"summary\"}}";
                default -> {
                    String p = paths.get(rnd.nextInt(paths.size()));
                    yield "{\"name\":\"zim_browse\",\"arguments\":{\"zim_file_path\":" + q(archive) + ",\"prefix\":"
                            + q(p.substring(0, Math.min(2, p.length()))) + ",\"limit\":50}}";
                }
            };
            HttpResponse<String> r = post("{\"jsonrpc\":\"2.0\",\"id\":" + (++id) + ",\"method\":\"tools/call\",\"params\":"
                    + args + "}");
            return r.statusCode() == 200 && r.body().contains("\"result\"") && !r.body().contains("\"isError\":true");
        }

        void close() {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10)).DELETE()
                        .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", PROTOCOL);
                http.send(b.build(), HttpResponse.BodyHandlers.discarding());
            } catch (Exception ignored) {
                // the server ends idle sessions itself
            }
        }
    }
}
