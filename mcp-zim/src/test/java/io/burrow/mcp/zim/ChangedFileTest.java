package io.burrow.mcp.zim;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.core.ErrorCodes;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An archive file truncated, rewritten, replaced, extended or removed while it is open: reads fail with a
 * {@link ZimException} (never the {@link InternalError} a mapped read past the new end of the file raises), and
 * {@link ZimArchive#hasChanged()} sees every kind of change.
 */
final class ChangedFileTest {

    private static final ZimOptions NO_CACHE = ZimOptions.builder().clusterCacheBytes(0).build();

    @TempDir
    Path dir;

    private Path copy(String fixture) throws Exception {
        return Files.copy(Fixtures.zim(fixture), dir.resolve("a.zim"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void truncate(Path file, long size) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    /** Reads every entry (lookup, content, checksum); returns the codes of the failures, in any order. */
    private static Set<String> readEverything(ZimArchive zim, List<String> paths) {
        Set<String> codes = new java.util.TreeSet<>();
        for (String p : paths) {
            try {
                zim.findEntry(p).ifPresent(e -> e.item().content());
            } catch (ZimException e) {
                codes.add(e.code());
            }
        }
        try {
            zim.verifyChecksum();
        } catch (ZimException e) {
            codes.add(e.code());
        }
        return codes;
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "4096", "half", "minus16"})
    void truncatedWhileOpen_readsFailWithZimExceptions_neverAnInternalError(String at) throws Exception {
        for (String fixture : Fixtures.VARIANTS) {
            Path f = copy(fixture);
            long size = Files.size(f);
            try (ZimArchive zim = ZimArchive.open(f, NO_CACHE)) {
                List<String> paths = zim.entriesByPath().map(Entry::path).toList();
                assertThat(zim.hasChanged()).isFalse();
                long cut = switch (at) {
                    case "half" -> size / 2;
                    case "minus16" -> size - 16;
                    default -> Long.parseLong(at);
                };
                truncate(f, cut);
                assertThat(zim.hasChanged()).as(fixture).isTrue();
                Set<String> codes = readEverything(zim, paths); // an InternalError would fail the test here
                assertThat(codes).as(fixture + " cut at " + cut)
                        .isSubsetOf(ZimErrors.CHANGED.name(), ZimErrors.FORMAT_ERROR.name(), ErrorCodes.NOT_FOUND.name());
                if (cut <= size / 2) { // (bytes still cached, such as the last page of a file cut 16 bytes short, may
                    // still be read: they are the archive as it was opened)
                    assertThat(codes).as(fixture + " cut at " + cut).contains(ZimErrors.CHANGED.name());
                }
            }
        }
    }

    @Test
    void truncatedUnderConcurrentReaders_everyReaderEndsWithResultsOrZimExceptions() throws Exception {
        Path f = copy("peer-test-small-none"); // stored clusters: every read maps the file
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ZimArchive zim = ZimArchive.open(f, NO_CACHE)) {
            List<String> paths = zim.entriesByPath().map(Entry::path).toList();
            AtomicBoolean stop = new AtomicBoolean();
            Set<String> seen = ConcurrentHashMap.newKeySet();
            CountDownLatch running = new CountDownLatch(4);
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                readers.add(pool.submit(() -> {
                    running.countDown();
                    while (!stop.get()) {
                        seen.addAll(readEverything(zim, paths));
                    }
                    return null;
                }));
            }
            running.await();
            Thread.sleep(100);
            truncate(f, Files.size(f) / 3);
            Thread.sleep(300);
            stop.set(true);
            for (Future<?> r : readers) {
                r.get(30, TimeUnit.SECONDS); // an InternalError would come out here as an ExecutionException
            }
            assertThat(seen).contains(ZimErrors.CHANGED.name());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void replacedByRename_keepsReadingTheOldFile_butHasChanged() throws Exception {
        Path f = copy("peer-test-small");
        try (ZimArchive zim = ZimArchive.open(f, NO_CACHE)) {
            Path other = Files.copy(Fixtures.zim("peer-test-small-noft"), dir.resolve("new.zim.tmp"));
            Files.move(other, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertThat(zim.hasChanged()).isTrue();
            assertThat(zim.entry("wiki/Mars.html").item().text()).contains("Mars"); // the old inode is still open
            assertThat(zim.verifyChecksum()).isTrue();
        }
    }

    @Test
    void removed_extended_orRewrittenInPlaceWithTheSameSizeAndTime_hasChanged() throws Exception {
        Path f = copy("peer-test-small");
        try (ZimArchive zim = ZimArchive.open(f, NO_CACHE)) {
            Files.delete(f);
            assertThat(zim.hasChanged()).isTrue();
            assertThat(zim.entry("wiki/Mars.html").item().text()).contains("Mars");
        }
        f = copy("peer-test-small");
        try (ZimArchive zim = ZimArchive.open(f, NO_CACHE)) {
            Files.write(f, new byte[] {0}, StandardOpenOption.APPEND);
            assertThat(zim.hasChanged()).isTrue();
        }
        f = copy("peer-test-small");
        FileTime mtime = Files.getLastModifiedTime(f);
        try (ZimArchive zim = ZimArchive.open(f, NO_CACHE)) {
            Thread.sleep(20);
            byte[] b = Files.readAllBytes(f);
            b[b.length - 1] ^= 1; // one byte of the checksum, same size
            Files.write(f, b); // truncate and write, as cp does
            Files.setLastModifiedTime(f, mtime); // as cp -p does
            assertThat(zim.hasChanged()).isTrue();
        }
    }

    @Test
    void evictCachedClusters_dropsThisArchivesClustersOnly() throws Exception {
        ClusterCache shared = ClusterCache.ofBytes(64 << 20);
        ZimOptions options = ZimOptions.builder().clusterCache(shared).build();
        try (ZimArchive a = ZimArchive.open(Fixtures.zim("peer-test-small"), options);
                ZimArchive b = ZimArchive.open(Fixtures.zim("peer-test-small-xz"), options)) {
            a.entry("wiki/Mars.html").item().content();
            long afterA = shared.size();
            b.entry("wiki/Mars.html").item().content();
            long total = shared.size();
            assertThat(afterA).isPositive();
            assertThat(total).isGreaterThan(afterA);
            a.evictCachedClusters();
            assertThat(shared.size()).isEqualTo(total - afterA);
            b.evictCachedClusters();
            assertThat(shared.size()).isZero();
        }
    }
}
