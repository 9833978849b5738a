package io.burrow.mcp.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash consistency of the TOFU store and the identity store: processes changing them
 * ({@link StoreCrashChild}) are killed with SIGKILL ({@link ProcessHandle#destroyForcibly()}) at random moments,
 * {@value #KILLS} times in all, and after every kill the stores are loaded in this process and compared with
 * what the killed process reported:
 *
 * <ul>
 *   <li>both stores load, and the files themselves are valid (never torn: no recovery needed);</li>
 *   <li>every change whose call returned ({@code acked}) is there: no pin accepted on first use or trusted is
 *       lost, no forgotten pin comes back, every created identity is registered, every deleted one is not;</li>
 *   <li>the one change in flight at the kill is either wholly there or wholly absent;</li>
 *   <li>every registered identity has its key and certificate (it can be presented), and the key file of an
 *       unregistered name exists only when the kill interrupted its change or the registry marks it for
 *       removal.</li>
 * </ul>
 *
 * Two such processes run at once on the same two stores (disjoint hosts and names), each killed and
 * restarted on its own, so the files are also written by two processes concurrently. One process makes many
 * changes before it is killed (a JVM start costs far more than a change); the whole run is bounded by
 * {@link #BUDGET} and fails if it cannot reach {@value #KILLS} kills within it.
 */
final class StoreCrashIT {

    private static final int KILLS = 200;
    private static final Duration BUDGET = Duration.ofMinutes(6);
    /** The kill comes 0 to this many milliseconds after the process reported ready. */
    private static final int MAX_DELAY_MILLIS = 300;

    @TempDir
    Path dir;

    private final AtomicInteger kills = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger inFlightApplied = new AtomicInteger();
    private final AtomicLong acked = new AtomicLong();

    @Test
    void killedWriters_loseNoAcknowledgedPinOrIdentity_andLeaveLoadableStores() throws Exception {
        Path tofu = dir.resolve("tofu.json");
        Path certs = dir.resolve("certs");
        long start = System.nanoTime();
        long deadline = start + BUDGET.toNanos();
        ExecutorService lanes = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (String lane : List.of("a", "b")) {
                Lane l = new Lane(lane, tofu, certs, new SplittableRandom(lane.hashCode() * 31L + System.nanoTime()));
                running.add(lanes.submit(() -> {
                    while (kills.get() < KILLS) {
                        assertThat(System.nanoTime()).as("%d kills within %s", KILLS, BUDGET).isLessThan(deadline);
                        l.killOnce();
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            lanes.shutdownNow();
        }
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        long removed = 0;
        for (Path log : List.of(dir.resolve("a.log"), dir.resolve("b.log"))) {
            try (Stream<String> lines = Files.lines(log)) {
                removed += lines.filter(s -> s.contains("temporary file(s) left beside"))
                        .mapToLong(s -> Long.parseLong(s.replaceAll(".*Removed (\\d+) temporary.*", "$1"))).sum();
            }
        }
        System.err.printf("StoreCrashIT: %d kills in %d s; %d changes acknowledged; %d kills interrupted a change "
                        + "(%d of those changes were on disk); %d temporary files of killed writers removed later%n",
                kills.get(), seconds, acked.get(), inFlight.get(), inFlightApplied.get(), removed);
        assertThat(kills.get()).isGreaterThanOrEqualTo(KILLS);
    }

    /** One kind of change as the child reports it. */
    private record Change(String verb, String subject, String fingerprint) {
        static Change parse(String[] words) {
            return new Change(words[1], words[2], words.length > 3 ? words[3] : null);
        }
    }

    /** One child process after another, with the state its acknowledged changes must have left. */
    private final class Lane {
        private final String name;
        private final Path tofu;
        private final Path certs;
        private final SplittableRandom random;
        private final Map<String, String> pins = new HashMap<>();
        private final Map<String, String> identities = new HashMap<>();
        private int run;

        Lane(String name, Path tofu, Path certs, SplittableRandom random) {
            this.name = name;
            this.tofu = tofu;
            this.certs = certs;
            this.random = random;
        }

        void killOnce() throws Exception {
            run++;
            Process p = start();
            LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("reader failed: " + e);
                }
            }, "store-crash-reader-" + name);
            reader.start();
            List<String> report = new ArrayList<>();
            try {
                String first = lines.poll(60, TimeUnit.SECONDS);
                assertThat(first).as("lane %s run %d: first line (log: %s)", name, run, logTail()).isEqualTo("ready");
                Thread.sleep(random.nextInt(MAX_DELAY_MILLIS + 1));
                assertThat(p.isAlive()).as("lane %s run %d: child alive until killed (log: %s)", name, run, logTail())
                        .isTrue();
            } finally {
                // SIGKILL through the handle: Process.destroyForcibly() would also close our end of the pipe, losing
                // the lines the child wrote just before it died (its last acknowledgements)
                p.toHandle().destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
                reader.join(30_000);
            }
            lines.drainTo(report);
            kills.incrementAndGet();
            check(report);
        }

        private Process start() throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // flags for a fast start: most of a child's life is its start
            List<String> command = List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                    "-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote", "-Xshare:auto", "-Xmx96m",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                    "-cp", System.getProperty("java.class.path"), StoreCrashChild.class.getName(),
                    tofu.toString(), certs.toString(), name, Long.toString(random.nextLong()));
            return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        }

        private Path log() {
            return dir.resolve(name + ".log");
        }

        private String logTail() {
            try {
                List<String> all = Files.readAllLines(log());
                return String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        /** Applies the acknowledged changes to the model and checks the stores against it. */
        private void check(List<String> report) throws IOException {
            Change pending = null;
            for (String line : report) {
                String[] w = line.split(" ");
                if (w[0].equals("begin")) {
                    pending = Change.parse(w);
                } else if (w[0].equals("acked")) {
                    Change c = Change.parse(w);
                    assertThat(pending).as("lane %s run %d: acked without begin: %s", name, run, line).isNotNull();
                    assertThat(c.subject()).isEqualTo(pending.subject());
                    apply(c);
                    acked.incrementAndGet();
                    pending = null;
                } else {
                    throw new AssertionError("lane " + name + " run " + run + ": unexpected line " + line);
                }
            }
            String context = "lane " + name + " run " + run + ", change in flight: " + pending;
            if (pending != null) {
                inFlight.incrementAndGet();
            }

            // the files themselves are valid: no write was torn, whatever recovery the stores could do
            for (Path f : List.of(tofu, certs.resolve("identities.json"))) {
                if (Files.exists(f)) {
                    JsonNode json = Json.parse(Files.readAllBytes(f));
                    assertThat(json != null && json.isObject()).as("%s: %s is a JSON object", context, f.getFileName())
                            .isTrue();
                }
            }

            Map<String, String> pinsOnDisk = new HashMap<>();
            for (TofuPin p : TofuStore.open(tofu, Clock.systemUTC()).list()) {
                if (p.host().startsWith(name + "-")) {
                    pinsOnDisk.put(p.key(), p.fingerprint());
                }
            }
            ClientIdentityStore store = ClientIdentityStore.open(certs, Clock.systemUTC(), 30);
            Map<String, String> idsOnDisk = new HashMap<>();
            for (ClientIdentity id : store.list()) {
                if (id.name().startsWith(name + "-")) {
                    idsOnDisk.put(id.name(), id.fingerprint());
                }
            }

            boolean applied = false;
            Set<String> keys = new HashSet<>(pins.keySet());
            keys.addAll(pinsOnDisk.keySet());
            for (String key : keys) {
                String expected = pins.get(key);
                String actual = pinsOnDisk.get(key);
                if (pending != null && pending.subject().equals(key) && isPinChange(pending)) {
                    String after = pending.verb().equals("forget") ? null : pending.fingerprint();
                    assertThat(Objects.equals(actual, expected) || Objects.equals(actual, after))
                            .as("%s: pin of %s is %s, expected %s or %s", context, key, actual, expected, after).isTrue();
                    applied = !Objects.equals(actual, expected);
                } else {
                    assertThat(actual).as("%s: pin of %s", context, key).isEqualTo(expected);
                }
            }
            Set<String> names = new HashSet<>(identities.keySet());
            names.addAll(idsOnDisk.keySet());
            for (String id : names) {
                String expected = identities.get(id);
                String actual = idsOnDisk.get(id);
                if (pending != null && pending.subject().equals(id) && !isPinChange(pending)) {
                    boolean ok = Objects.equals(actual, expected)
                            || (pending.verb().equals("create") ? actual != null : actual == null);
                    assertThat(ok).as("%s: identity %s is %s, expected %s or the change", context, id, actual, expected)
                            .isTrue();
                    applied = !Objects.equals(actual, expected);
                } else {
                    assertThat(actual).as("%s: identity %s", context, id).isEqualTo(expected);
                }
            }
            if (pending != null && applied) {
                inFlightApplied.incrementAndGet();
            }

            // every registered identity can be presented; unregistered names keep no key unless explained
            List<String> markedForRemoval = new ArrayList<>();
            Path registry = certs.resolve("identities.json");
            if (Files.exists(registry)) {
                Json.parse(Files.readAllBytes(registry)).path("pending").forEach(n -> markedForRemoval.add(n.asText()));
            }
            for (ClientIdentity id : store.list()) {
                if (id.name().startsWith(name + "-")) {
                    try {
                        store.material(id);
                    } catch (RuntimeException e) {
                        throw new AssertionError(context + ": registered identity " + id.name() + " cannot be presented: "
                                + e.getMessage() + " (" + e.getCause() + ")", e);
                    }
                }
            }
            for (int i = 0; i < StoreCrashChild.NAMES; i++) {
                String n = StoreCrashChild.name(name, i);
                boolean explained = idsOnDisk.containsKey(n) || markedForRemoval.contains(n)
                        || (pending != null && pending.subject().equals(n));
                if (!explained) {
                    assertThat(certs.resolve(n + ".key")).as("%s: key of unregistered %s", context, n).doesNotExist();
                }
            }

            // the next run starts from what is on disk
            pins.clear();
            pins.putAll(pinsOnDisk);
            identities.clear();
            identities.putAll(idsOnDisk);
        }

        private boolean isPinChange(Change c) {
            return c.verb().equals("pin") || c.verb().equals("match") || c.verb().equals("forget");
        }

        private void apply(Change c) {
            switch (c.verb()) {
                case "pin" -> pins.put(c.subject(), c.fingerprint());
                case "match" -> assertThat(pins.get(c.subject())).isEqualTo(c.fingerprint());
                case "forget" -> pins.remove(c.subject());
                case "create" -> identities.put(c.subject(), c.fingerprint());
                case "delete" -> identities.remove(c.subject());
                default -> throw new AssertionError("unknown change " + c);
            }
        }
    }
}
