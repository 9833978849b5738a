package io.burrow.mcp.zim.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory watcher and the library's other scheduled tasks outlive whatever one run throws; the archives are
 * opened on first use, not when the library opens.
 */
final class ArchiveLibraryWatchTest {

    @TempDir
    Path dir;

    private static Path fixture(String name) {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("fixtures/zim"))) {
            p = p.getParent();
        }
        return p.resolve("fixtures/zim").resolve(name + ".zim");
    }

    @Test
    void aTaskThatThrowsAnErrorOnce_keepsRunning() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            AtomicInteger runs = new AtomicInteger();
            CountDownLatch third = new CountDownLatch(3);
            scheduler.scheduleWithFixedDelay(ArchiveLibrary.surviving("a test task", () -> {
                third.countDown();
                if (runs.incrementAndGet() == 1) {
                    throw new InternalError("a fault occurred in a recent unsafe memory access operation");
                }
                if (runs.get() == 2) {
                    throw new IllegalStateException("and a plain failure");
                }
            }), 0, 10, TimeUnit.MILLISECONDS);
            assertThat(third.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void watcherWhoseRunThrowsAnError_stillPicksUpArchivesAddedLater() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger notified = new AtomicInteger();
        Runnable onChange = () -> {
            if (notified.incrementAndGet() == 1) {
                throw new StackOverflowError(); // (an Error: not caught by a catch of RuntimeException)
            }
        };
        Files.copy(fixture("peer-test-small"), dir.resolve("a.zim"));
        try (ArchiveLibrary lib = ArchiveLibrary.open(List.of(dir), false, 1 << 20, 1, onChange, scheduler)) {
            assertThat(lib.all()).extracting(LoadedArchive::name).containsExactly("a.zim"); // a client looked
            Files.copy(fixture("peer-test-small-noft"), dir.resolve("b.zim")); // the next run notifies: Error
            waitFor(() -> notified.get() >= 1);
            Files.copy(fixture("peer-test-small-none"), dir.resolve("c.zim"));
            waitFor(() -> lib.all().stream().anyMatch(l -> l.name().equals("c.zim")));
            assertThat(lib.all()).extracting(LoadedArchive::name).containsExactly("a.zim", "b.zim", "c.zim");
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void archivesAreOpenedOnFirstUse_notWhenTheLibraryOpens() throws Exception {
        AtomicInteger notified = new AtomicInteger();
        try (ArchiveLibrary lib = ArchiveLibrary.open(List.of(dir), false, 1 << 20, 0, notified::incrementAndGet,
                null)) {
            // copied after open, with no watcher and no rescan: served because nothing was scanned before
            Files.copy(fixture("peer-test-small"), dir.resolve("a.zim"));
            Files.writeString(dir.resolve("broken.zim"), "not an archive");

            assertThat(lib.failures()).extracting(FailedArchive::name).containsExactly("broken.zim");
            assertThat(lib.all()).extracting(LoadedArchive::name).containsExactly("a.zim");
            assertThat(lib.resolve(null).name()).isEqualTo("a.zim");
            assertThat(notified).as("no client saw a list before the first scan").hasValue(0);
        }
    }

    @Test
    void theDemoIsOpenedOnFirstUse() {
        try (ArchiveLibrary lib = ArchiveLibrary.open(List.of(), true, 1 << 20, 0, () -> { }, null)) {
            assertThat(lib.servesDemo()).isTrue();
            assertThat(lib.all()).extracting(LoadedArchive::name).containsExactly(ArchiveLibrary.DEMO_NAME);
        }
        try (ArchiveLibrary lib = ArchiveLibrary.open(List.of(), false, 1 << 20, 0, () -> { }, null)) {
            assertThat(lib.servesDemo()).isFalse();
            assertThat(lib.all()).isEmpty();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(50);
        }
    }
}
