package io.burrow.mcp.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.net.Deadline;
import io.burrow.mcp.core.spi.Cancellation;
import io.burrow.mcp.core.spi.ClientRequest;
import io.burrow.mcp.core.spi.ToolCall;
import io.burrow.mcp.core.spi.ToolDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class BatchFetchToolTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static NetworkSettings settings(int concurrency, int deadlineSeconds) {
        NetworkSettings d = NetworkSettings.defaults();
        return new NetworkSettings(d.maxResponseSize(), d.timeoutSeconds(), true, 300, 1000, 50000, Set.of(), Set.of(),
                false, false, 0, 0, concurrency, deadlineSeconds, 0, 0, 200, 0, 30, 0);
    }

    private ToolDefinition tool(BatchFetchTool.Fetch fetch, int concurrency, int deadlineSeconds) {
        return BatchFetchTool.builder("x_batch_fetch", fetch).title("t").description("d")
                .urls("Up to 50 x:// URLs", "An x:// URL", List.of("x://a", "x://b"))
                .render((urls, results) -> urls.size() + " urls").settings(settings(concurrency, deadlineSeconds), "X")
                .executor(pool).build();
    }

    /** A fetch that waits, as a fetch from a server that never answers does, until its scope ends it. */
    private static Object hang(FetchScope scope) {
        while (!scope.over()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        scope.cancellation().throwIfCancelled();
        throw scope.deadline().timeout();
    }

    @Test
    void results_keepInputOrder_withErrorsInPlace_andNoMinimumOfUrls() throws Exception {
        ToolDefinition t = tool((url, scope) -> {
            if (url.contains("bad")) {
                throw new InvalidRequestException("bad url");
            }
            return Map.of("kind", "text", "url", url);
        }, 3, 40);
        List<String> urls = List.of("x://1", "x://bad", "x://3", "x://4");
        Call call = new Call(urls, Duration.ofSeconds(30));
        JsonNode results = Json.toTree(t.handler().call(call).structured()).path("results");
        assertThat(results).hasSize(4);
        assertThat(results.get(0).path("url").asText()).isEqualTo("x://1");
        assertThat(results.get(1).path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(results.get(3).path("url").asText()).isEqualTo("x://4");
        assertThat(call.progress).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(Json.toTree(t.handler().call(new Call(List.of(), Duration.ofSeconds(30))).structured())
                .path("results")).isEmpty();
        assertThat(Json.<JsonNode>valueToTree(t.inputSchema())).isEqualTo(Json.parse("""
                {"type":"object","properties":{"urls":{"type":"array","description":"Up to 50 x:// URLs",
                 "items":{"type":"string","description":"An x:// URL"},"examples":[["x://a","x://b"]]}},
                 "required":["urls"]}"""));
        ToolDefinition refreshing = BatchFetchTool.builder("y_batch_fetch", (url, scope, refresh) -> Map.of())
                .description("d").urls("Up to 50 y:// URLs", null).render((u, r) -> "").settings(settings(1, 40), "Y")
                .executor(pool).build();
        assertThat(Json.<JsonNode>valueToTree(refreshing.inputSchema())).isEqualTo(Json.parse("""
                {"type":"object","properties":{"urls":{"type":"array","description":"Up to 50 y:// URLs",
                 "items":{"type":"string"}},
                 "refresh":{"type":"boolean","description":"Bypass the cache and replace the cached answers (default false)."}},
                 "required":["urls"]}"""));
        assertThatThrownBy(() -> t.handler().call(new Call(Collections.nCopies(51, "x://a"), Duration.ofSeconds(30))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("51 (max 50)");
    }

    @Test
    void aBatchOfUnansweredUrls_answersByItsDeadline_withTimeoutItemsInPlace() {
        AtomicInteger started = new AtomicInteger();
        ToolDefinition t = tool((url, scope) -> {
            started.incrementAndGet();
            if (url.equals("x://fast")) {
                return Map.of("kind", "text");
            }
            if (url.equals("x://deaf")) { // ignores its deadline: the batch fills its place in anyway
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Map.of("kind", "late");
            }
            return hang(scope);
        }, 5, 1);
        List<String> urls = new ArrayList<>(List.of("x://fast", "x://deaf"));
        IntStream.range(0, 30).forEach(i -> urls.add("x://hang/" + i));
        long t0 = System.nanoTime();
        JsonNode results = Json.toTree(t.handler().call(new Call(urls, Duration.ofSeconds(55))).structured())
                .path("results");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(ms).isBetween(900L, 3000L);
        assertThat(results).hasSize(32);
        assertThat(results.get(0).path("kind").asText()).isEqualTo("text");
        for (int i = 1; i < 32; i++) {
            assertThat(results.get(i).path("error").path("code").asText()).as("item " + i).isEqualTo("TIMEOUT");
        }
        assertThat(results.get(31).path("error").path("message").asText()).contains("batch deadline of 1 seconds");
        assertThat(results.get(31).path("error").path("hint").asText()).contains("X_BATCH_DEADLINE_SECONDS");
        assertThat(started.get()).isLessThan(32); // URLs not started by the deadline are not fetched at all
    }

    @Test
    void theBatch_endsBeforeTheRequestDeadline_whenThatComesFirst() {
        ToolDefinition t = tool((url, scope) -> hang(scope), 2, 40);
        long t0 = System.nanoTime();
        JsonNode results = Json.toTree(t.handler().call(new Call(List.of("x://a", "x://b", "x://c"),
                Duration.ofMillis(2500))).structured()).path("results");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(2500);
        assertThat(results).allSatisfy(r -> assertThat(r.path("error").path("code").asText()).isEqualTo("TIMEOUT"));
    }

    @Test
    void aCancelledBatch_stopsItsFetchesAndStartsNoMore() throws Exception {
        AtomicInteger started = new AtomicInteger();
        List<String> ended = new CopyOnWriteArrayList<>();
        CountDownLatch twoRunning = new CountDownLatch(2);
        ToolDefinition t = tool((url, scope) -> {
            started.incrementAndGet();
            twoRunning.countDown();
            try {
                return hang(scope);
            } catch (BurrowException e) {
                ended.add(e.code());
                throw e;
            }
        }, 2, 40);
        Call call = new Call(IntStream.range(0, 10).mapToObj(i -> "x://" + i).toList(), Duration.ofSeconds(55));
        pool.execute(() -> {
            try {
                twoRunning.await();
            } catch (InterruptedException e) {
                return;
            }
            call.cancel();
        });
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> t.handler().call(call)).isInstanceOf(BurrowException.class)
                .satisfies(e -> assertThat(((BurrowException) e).code()).isEqualTo(ErrorCodes.CANCELLED.name()));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(2000);
        Thread.sleep(100);
        assertThat(started.get()).isEqualTo(2);
        assertThat(ended).containsOnly("CANCELLED").hasSize(2);
    }

    /** A tool call with a deadline and a cancellation, recording progress. */
    private static final class Call implements ToolCall, Cancellation {
        final List<Double> progress = new CopyOnWriteArrayList<>();
        private final ObjectNode args = Json.object();
        private final Deadline deadline;
        private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();
        private volatile boolean cancelled;

        Call(List<String> urls, Duration deadline) {
            urls.forEach(args.putArray("urls")::add);
            if (urls.isEmpty()) {
                args.putArray("urls");
            }
            this.deadline = Deadline.after(deadline);
        }

        void cancel() {
            cancelled = true;
            onCancel.forEach(Runnable::run);
        }

        @Override
        public String toolName() {
            return "x_batch_fetch";
        }

        @Override
        public ObjectNode arguments() {
            return args;
        }

        @Override
        public boolean progressRequested() {
            return true;
        }

        @Override
        public void progress(double p, Double total, String message) {
            progress.add(p);
        }

        @Override
        public void log(LogLevel level, String message) {
        }

        @Override
        public String clientId() {
            return "test";
        }

        @Override
        public Cancellation cancellation() {
            return this;
        }

        @Override
        public Deadline deadline() {
            return deadline;
        }

        @Override
        public Map<String, ObjectNode> askAll(List<ClientRequest> requests) {
            return Map.of();
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public Registration onCancel(Runnable action) {
            onCancel.add(action);
            if (cancelled) {
                action.run();
            }
            return () -> onCancel.remove(action);
        }
    }
}
