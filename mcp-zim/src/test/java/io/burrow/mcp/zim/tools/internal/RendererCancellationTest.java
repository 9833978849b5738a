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

/** The renderer stops at its next check once its request ends: every {@value Checkpoint#EVERY} blocks. */
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

    @Test
    void aRenderNobodyCancels_checksAsItGoes_andRendersAll() {
        GivesUp never = new GivesUp(-1);

        Article a = render(never, null);

        assertThat(a.markdown()).contains("Paragraph 4999");
        assertThat(never.polls.get()).isGreaterThanOrEqualTo(5000 / Checkpoint.EVERY);
    }

    @Test
    void aRenderCancelledMidWay_stopsAtTheNextCheck() {
        GivesUp afterThree = new GivesUp(3);

        assertThatThrownBy(() -> render(afterThree, null))
                .isInstanceOfSatisfying(BurrowException.class, e -> assertThat(e.code()).isEqualTo("CANCELLED"));
        assertThat(afterThree.polls.get()).isEqualTo(4);
    }

    @Test
    void aRenderPastItsDeadline_stopsWithTimeout() {
        assertThatThrownBy(() -> render(new GivesUp(-1), new Deadline(System.nanoTime() - 1, Duration.ofSeconds(1))))
                .isInstanceOfSatisfying(BurrowException.class, e -> assertThat(e.code()).isEqualTo("TIMEOUT"));
    }
}
