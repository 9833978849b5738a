package io.burrow.mcp.zim.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.fetch.FetchScope;
import io.burrow.mcp.core.net.Deadline;
import io.burrow.mcp.core.spi.Cancellation;
import io.burrow.mcp.testkit.zim.ZimArchiveBuilder;
import io.burrow.mcp.zim.ZimArchive;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search stops when its request ends: on an archive built with {@link ZimArchiveBuilder} around the 5,000-document
 * synthetic Xapian database (and its 5,000 entries), a search whose client cancels after a few checks throws
 * {@code CANCELLED} at the next check instead of matching to the end, and a passed deadline gives {@code TIMEOUT}.
 */
final class SearchCancellationTest {

    /** Matches most of the 5,000 documents: the match loop runs thousands of steps. */
    private static final String BROAD = "protocol OR archive OR search OR index OR reader OR article OR title";

    @TempDir
    static Path dir;

    private static ZimArchive zim;

    @BeforeAll
    static void build() {
        ZimArchiveBuilder b = ZimArchiveBuilder.create().fulltextIndex(glass());
        for (int i = 0; i < 5000; i++) {
            String path = String.format("doc/%05d.html", i);
            b.addHtml(path, "Document number " + i, "<html><body><p>Document " + i + "</p></body></html>");
        }
        zim = ZimArchive.open(b.build(dir.resolve("synthetic.zim")));
    }

    @AfterAll
    static void close() {
        zim.close();
    }

    private static byte[] glass() {
        try (InputStream in = new GZIPInputStream(
                SearchCancellationTest.class.getResourceAsStream("/search/synthetic/synthetic.glass.gz"))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client that gives up after {@code polls} looks (never, for a negative count), counting every look. */
    private static final class GivesUp implements Cancellation {
        final AtomicInteger polls = new AtomicInteger();
        private final int after;

        GivesUp(int after) {
            this.after = after;
        }

        @Override
        public boolean isCancelled() {
            return polls.incrementAndGet() > after && after >= 0;
        }

        @Override
        public Registration onCancel(Runnable action) {
            return () -> { };
        }
    }

    private static SearchRequest broad() {
        return SearchRequest.of(BROAD).withSnippets(false);
    }

    @Test
    void search_runsToTheEnd_whenNobodyCancels() {
        GivesUp never = new GivesUp(-1);
        SearchResults r = ZimSearcher.open(zim).search(broad(), new FetchScope(null, never));

        assertThat(r.total()).isGreaterThan(4000);
        assertThat(r.results()).hasSize(10);
        assertThat(r.results().get(0).path()).startsWith("doc/");
        assertThat(never.polls.get()).as("checks over the whole match").isGreaterThan(10);
        assertThat(r).usingRecursiveComparison().isEqualTo(ZimSearcher.open(zim).search(broad()));
    }

    @Test
    void search_cancelledMidWay_stopsAtTheNextCheckWithCancelled() {
        GivesUp afterThree = new GivesUp(3);

        assertThatThrownBy(() -> ZimSearcher.open(zim).search(broad(), new FetchScope(null, afterThree)))
                .isInstanceOfSatisfying(BurrowException.class, e -> assertThat(e.code()).isEqualTo("CANCELLED"));
        assertThat(afterThree.polls.get()).as("stopped at the first check after the cancellation").isEqualTo(4);
    }

    @Test
    void search_pastItsDeadline_stopsWithTimeout() {
        Deadline passed = new Deadline(System.nanoTime() - 1, Duration.ofSeconds(2));

        assertThatThrownBy(() -> ZimSearcher.open(zim).search(broad(), new FetchScope(passed, new GivesUp(-1))))
                .isInstanceOfSatisfying(BurrowException.class, e -> {
                    assertThat(e.code()).isEqualTo("TIMEOUT");
                    assertThat(e.getMessage()).contains("2 seconds");
                });
    }

    @Test
    void suggest_cancelled_stopsWithCancelled() {
        assertThatThrownBy(() -> ZimSearcher.open(zim).suggest("doc", 0, 10, new FetchScope(null, new GivesUp(0))))
                .isInstanceOfSatisfying(BurrowException.class, e -> assertThat(e.code()).isEqualTo("CANCELLED"));
    }
}
