package io.burrow.mcp.zim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.burrow.mcp.testkit.zim.ZimArchiveBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing: thousands of damaged copies of real and built archives are opened and read in
 * every way; the only failure allowed is a {@link ZimException} (no other exception, no error, no
 * hang: each case has a time limit; no out-of-memory: clusters are capped at 8 MiB here).
 */
final class FuzzTest {

    private static final int CASES_PER_BASE = 700;
    private static final ZimOptions OPTIONS = ZimOptions.builder().maxClusterBytes(8 << 20).clusterCacheBytes(1 << 20)
            .build();
    private static ExecutorService worker;

    @BeforeAll
    static void start() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "zim-fuzz");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stop() {
        worker.shutdownNow();
    }

    private static Map<String, byte[]> bases() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("builder-zstd", TestArchives.wiki(ZimArchiveBuilder.Compression.ZSTD).toBytes());
        m.put("builder-xz", TestArchives.wiki(ZimArchiveBuilder.Compression.XZ).toBytes());
        m.put("builder-none-extended", TestArchives.wiki(ZimArchiveBuilder.Compression.NONE).extendedClusters(true).toBytes());
        m.put("peer-test-small", Fixtures.read(Fixtures.zim("peer-test-small")));
        m.put("peer-test-small-xz", Fixtures.read(Fixtures.zim("peer-test-small-xz")));
        return m;
    }

    /** One mutation: bit flips, interesting integers, zeroed or copied ranges, truncation. */
    static byte[] mutate(byte[] base, Random r) {
        byte[] b = base.clone();
        ByteBufferView v = new ByteBufferView(b);
        // most structure lies in the header, the dirents and the pointer lists (the file's end)
        int structureStart = (int) Math.max(0, Math.min(v.u64(32), v.u64(48)) - 6000);
        int n = 1 + r.nextInt(4);
        for (int k = 0; k < n; k++) {
            int pos = switch (r.nextInt(4)) {
                case 0 -> r.nextInt(80);
                case 1 -> structureStart + r.nextInt(Math.max(1, b.length - structureStart));
                default -> r.nextInt(b.length);
            };
            switch (r.nextInt(7)) {
                case 0 -> b[pos] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[pos] = (byte) r.nextInt(256);
                case 2 -> v.putInt(pos, new int[] {0, -1, 1, 0x7FFFFFFF, 0x80000000, b.length, b.length - 16,
                        0xFFFF}[r.nextInt(8)]);
                case 3 -> v.putLong(pos, new long[] {0, -1, 80, b.length, b.length + 1L, 1L << 40,
                        Long.MAX_VALUE}[r.nextInt(7)]);
                case 4 -> Arrays.fill(b, pos, Math.min(b.length, pos + 1 + r.nextInt(64)), (byte) 0);
                case 5 -> {
                    int src = r.nextInt(b.length);
                    int len = Math.min(1 + r.nextInt(32), Math.min(b.length - src, b.length - pos));
                    System.arraycopy(b, src, b, pos, len);
                }
                default -> {
                    return Arrays.copyOf(b, r.nextInt(b.length));
                }
            }
        }
        return b;
    }

    /** Little-endian access that ignores writes past the end. */
    private record ByteBufferView(byte[] b) {
        long u64(int pos) {
            return pos + 8 <= b.length ? TestArchives.le(b).getLong(pos) : 0;
        }

        void putInt(int pos, int v) {
            if (pos + 4 <= b.length) {
                TestArchives.le(b).putInt(pos, v);
            }
        }

        void putLong(int pos, long v) {
            if (pos + 8 <= b.length) {
                TestArchives.le(b).putLong(pos, v);
            }
        }
    }

    /** Reads everything the API offers; counts the typed errors. */
    static int exercise(byte[] bytes, boolean checkOnOpen) {
        AtomicInteger errors = new AtomicInteger();
        ZimArchive zim;
        try {
            zim = TestArchives.open(bytes, OPTIONS.toBuilder().checkIntegrityOnOpen(checkOnOpen).build());
        } catch (ZimException e) {
            return 1;
        }
        try (zim) {
            List<Runnable> ops = new ArrayList<>();
            ops.add(() -> zim.articleCount());
            ops.add(() -> zim.mediaCount());
            ops.add(() -> zim.metadataKeys().forEach(k -> zim.metadata(k)));
            ops.add(() -> zim.counter());
            ops.add(() -> zim.illustrationSizes().forEach(s -> zim.illustration(s).map(Item::content)));
            ops.add(() -> zim.mainEntry().map(e -> e.item().content()));
            ops.add(() -> zim.findEntry("index.html").map(e -> e.item().text()));
            ops.add(() -> zim.findEntry("A/wiki/Zurich.html").map(e -> e.item().size()));
            ops.add(() -> zim.findByTitlePrefix("A").limit(20).forEach(Entry::title));
            ops.add(() -> zim.findByPathPrefix("wiki/").limit(20).forEach(Entry::path));
            ops.add(() -> zim.findEntryByTitle("Zürich"));
            ops.add(() -> zim.randomEntry(new Random(1)).item().content());
            ops.add(() -> zim.hasFulltextIndex());
            ops.add(() -> zim.hasTitleIndex());
            ops.add(() -> zim.verifyChecksum());
            ops.add(() -> zim.checkIntegrity(true));
            ops.add(() -> zim.entriesByTitle().forEach(Entry::title));
            for (int i = 0; i < Math.min(zim.allEntryCount(), 400); i++) {
                int idx = i;
                ops.add(() -> {
                    Entry e = zim.entryAt(idx);
                    e.path();
                    e.title();
                    if (e.isRedirect()) {
                        e.redirectEntry();
                    }
                    Item it = e.item();
                    it.mimeType();
                    it.directAccess();
                    byte[] c = it.content();
                    byte[] part = new byte[Math.min(c.length, 16)];
                    it.read(0, part, 0, part.length);
                });
            }
            for (Runnable op : ops) {
                try {
                    op.run();
                } catch (ZimException e) {
                    errors.incrementAndGet();
                }
            }
        }
        return errors.get();
    }

    @Test
    void mutatedArchives_failOnlyWithZimExceptions() throws Exception {
        Map<String, byte[]> bases = bases();
        int cases = 0;
        int failingCases = 0;
        long seed = 20261125L;
        for (Map.Entry<String, byte[]> base : bases.entrySet()) {
            Random r = new Random(seed ^ base.getKey().hashCode());
            for (int i = 0; i < CASES_PER_BASE; i++) {
                byte[] m = mutate(base.getValue(), r);
                boolean check = i % 5 == 0;
                String label = base.getKey() + " case " + i;
                Future<Integer> f = worker.submit(() -> exercise(m, check));
                try {
                    if (f.get(20, TimeUnit.SECONDS) > 0) {
                        failingCases++;
                    }
                } catch (TimeoutException e) {
                    f.cancel(true);
                    fail(label + ": no answer within 20 s (hang)");
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new AssertionError(label + ": unexpected " + e.getCause(), e.getCause());
                }
                cases++;
            }
        }
        System.err.printf("zim fuzz: %d mutated archives, %d raised ZimException somewhere, %d read cleanly%n",
                cases, failingCases, cases - failingCases);
        assertThat(cases).isEqualTo(CASES_PER_BASE * bases.size());
        assertThat(failingCases).isGreaterThan(cases / 4);
    }

    @Test
    void unmutatedBases_readCleanly() {
        bases().forEach((name, b) -> assertThat(exercise(b, true)).as(name).isZero());
    }
}
