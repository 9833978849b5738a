package io.burrow.mcp.zim;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.testkit.zim.ZimArchiveBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The byte-bounded, shared, concurrent cluster cache. */
final class ClusterCacheTest {

    private static byte[] bigArchive(ZimArchiveBuilder.Compression c) {
        ZimArchiveBuilder b = ZimArchiveBuilder.create().compression(c).clusterSize(64 << 10);
        Random r = new Random(1);
        for (int i = 0; i < 120; i++) {
            StringBuilder s = new StringBuilder();
            while (s.length() < 8000) {
                s.append("word").append(r.nextInt(5000)).append(' ');
            }
            b.addHtml("p" + i + ".html", "Page " + i, s.toString());
        }
        return b.toBytes();
    }

    @Test
    void cache_staysWithinItsByteBudget() {
        byte[] bytes = bigArchive(ZimArchiveBuilder.Compression.ZSTD);
        ClusterCache cache = ClusterCache.ofBytes(200 << 10);
        try (ZimArchive zim = TestArchives.open(bytes, ZimOptions.builder().clusterCache(cache).build())) {
            assertThat(zim.clusterCount()).isGreaterThan(10);
            for (Entry e : zim.entriesByPath().toList()) {
                e.item().content();
                assertThat(cache.weightedSize()).isLessThanOrEqualTo(200 << 10);
            }
            assertThat(cache.size()).isBetween(1L, 4L);
            assertThat(cache.missCount()).isGreaterThanOrEqualTo(zim.clusterCount());
        }
    }

    @Test
    void cache_isSharedBetweenArchivesAndDroppedOnClose() {
        byte[] bytes = bigArchive(ZimArchiveBuilder.Compression.XZ);
        ClusterCache cache = ClusterCache.ofBytes(64L << 20);
        ZimOptions o = ZimOptions.builder().clusterCache(cache).build();
        try (ZimArchive a = TestArchives.open(bytes, o)) {
            try (ZimArchive b = TestArchives.open(bytes, o)) {
                a.entry("p1.html").item().content();
                b.entry("p1.html").item().content();
                assertThat(cache.size()).isEqualTo(2);
                long hits = cache.hitCount();
                a.entry("p1.html").item().content();
                assertThat(cache.hitCount()).isGreaterThan(hits);
            }
            assertThat(cache.size()).isEqualTo(1);
        }
        assertThat(cache.size()).isZero();
    }

    @Test
    void disabledCache_stillReadsEverything() {
        byte[] bytes = bigArchive(ZimArchiveBuilder.Compression.ZSTD);
        try (ZimArchive zim = TestArchives.open(bytes, ZimOptions.builder().clusterCacheBytes(0).build());
                ZimArchive ref = TestArchives.open(bytes)) {
            for (Entry e : ref.entriesByPath().toList()) {
                assertThat(zim.entry(e.path()).item().content()).isEqualTo(e.item().content());
            }
            assertThat(zim.clusterCache().size()).isZero();
        }
    }

    @Test
    void concurrentReaders_seeTheSameBytes() throws Exception {
        for (ZimArchiveBuilder.Compression c : ZimArchiveBuilder.Compression.values()) {
            byte[] bytes = bigArchive(c);
            try (ZimArchive ref = TestArchives.open(bytes);
                    ZimArchive zim = TestArchives.open(bytes, ZimOptions.builder().clusterCacheBytes(300 << 10).build())) {
                List<Entry> entries = ref.entriesByPath().toList();
                List<byte[]> expected = entries.stream().map(e -> e.item().content()).toList();
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                    List<Future<Integer>> fs = new ArrayList<>();
                    for (int t = 0; t < 4; t++) {
                        int seed = t;
                        fs.add(pool.submit(() -> {
                            Random r = new Random(seed);
                            int ok = 0;
                            for (int i = 0; i < 300; i++) {
                                int k = r.nextInt(entries.size());
                                byte[] got = zim.entry(entries.get(k).path()).item().content();
                                if (java.util.Arrays.equals(got, expected.get(k))) {
                                    ok++;
                                }
                            }
                            return ok;
                        }));
                    }
                    for (Future<Integer> f : fs) {
                        assertThat(f.get()).isEqualTo(300);
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }
}
