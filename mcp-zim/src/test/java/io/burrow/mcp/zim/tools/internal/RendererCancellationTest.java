package io.burrow.mcp.zim.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.fetch.FetchScope;
import io.burrow.mcp.core.net.Deadline;
import io.burrow.mcp.core.spi.Cancellation;
import io.burrow.mcp.zim.internal.Checkpoint;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The renderer stops at its next check once its request ends: while jsoup parses the page (once per chunk it reads),
 * and then every {@value Checkpoint#EVERY} blocks.
 */
final class RendererCancellationTest {

    private static final String PAGE;

    static {
        StringBuilder b = new StringBuilder("<html><body><h1>Page</h1>");
        for (int i = 0; i < 5000; i++) {
            b.append("<p>Paragraph ").append(i).append("</p>");
        }
        PAGE = b.append("</body></html>").toString();
    }

    /** Gives up after {@code after} looks (never when negative), counting them. */
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

    private static Article render(Cancellation c, Deadline d) {
        return ArticleParser.parse(PAGE, "page.html", path -> null, p -> p, Checkpoint.of(new FetchScope(d, c)));
    }

    /** How many checks a whole render makes. */
    private static int checksOfAWholeRender() {
        GivesUp never = new GivesUp(-1);
        Article a = render(never, null);
        assertThat(a.markdown()).contains("Paragraph 4999");
        return never.polls.get();
    }

    @Test
    void aRenderNobodyCancels_checksAsItGoes_andRendersAll() {
        assertThat(checksOfAWholeRender()).as("the parse's chunks and one check per %s blocks", Checkpoint.EVERY)
                .isGreaterThanOrEqualTo(5000 / Checkpoint.EVERY);
    }

    @Test
    void aRenderCancelledWhileParsing_stopsAtTheNextChunk() {
        GivesUp atOnce = new GivesUp(0);

        assertThatThrownBy(() -> render(atOnce, null))
                .isInstanceOfSatisfying(BurrowException.class, e -> assertThat(e.code()).isEqualTo("CANCELLED"));
        assertThat(atOnce.polls.get()).isEqualTo(1);
    }

    @Test
    void aRenderCancelledAmongItsBlocks_stopsAtTheNextCheck() {
        int whole = checksOfAWholeRender();
        GivesUp nearTheEnd = new GivesUp(whole - 3); // the last checks are the blocks'

        assertThatThrownBy(() -> render(nearTheEnd, null))
                .isInstanceOfSatisfying(BurrowException.class, e -> assertThat(e.code()).isEqualTo("CANCELLED"));
        assertThat(nearTheEnd.polls.get()).isEqualTo(whole - 2);
    }

    @Test
    void aRenderPastItsDeadline_stopsWithTimeout() {
        assertThatThrownBy(() -> render(new GivesUp(-1), new Deadline(System.nanoTime() - 1, Duration.ofSeconds(1))))
                .isInstanceOfSatisfying(BurrowException.class, e -> assertThat(e.code()).isEqualTo("TIMEOUT"));
    }
}
