package io.burrow.mcp.core.fetch;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.net.Deadline;
import io.burrow.mcp.core.spi.Cancellation;
import io.burrow.mcp.core.spi.ToolCall;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolHints;
import io.burrow.mcp.core.spi.ToolResult;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch tool of a network backend ({@code gopher_batch_fetch}, {@code gemini_batch_fetch}): up to
 * {@link #MAX_URLS} URLs fetched a few at a time, results in input order, a failed URL an error entry
 * in its place without failing the others, increasing progress notifications.
 *
 * <p>The batch has an overall deadline ({@code <PREFIX>_BATCH_DEADLINE_SECONDS}, and never later than
 * a second before the request's own deadline): every fetch ends by then, and a URL not fetched in time
 * comes back as a {@code TIMEOUT} error in its place, so the client gets an answer before it gives up.
 * A cancelled call stops: no further URL is started and the fetches in flight are closed.
 *
 * <pre>{@code
 * ToolDefinition batch = BatchFetchTool.builder("gopher_batch_fetch", (url, scope) -> fetcher.fetch(url, scope))
 *         .title("Fetch several Gopher items").description("…")
 *         .urls("Up to 50 gopher:// URLs …", "A gopher:// URL …")
 *         .itemSchema(oneOfMenuTextBinaryError)
 *         .render(GopherRendering::batch)
 *         .settings(settings.network(), "GOPHER")
 *         .executor(context.executor())
 *         .build();
 * }</pre>
 */
public final class BatchFetchTool {

    /** The most URLs of one batch, for every backend. */
    public static final int MAX_URLS = 50;

    /** Time the batch allows itself before the request deadline, to answer in time. */
    static final Duration ANSWER_MARGIN = Duration.ofSeconds(1);

    /** Time after the batch deadline for fetches to report their own TIMEOUT before the batch fills them in. */
    private static final Duration GRACE = Duration.ofMillis(250);

    private static final Logger LOG = LoggerFactory.getLogger(BatchFetchTool.class);

    /** Fetches one URL under a scope (the batch deadline, the call's cancellation). */
    @FunctionalInterface
    public interface Fetch {
        /**
         * @return the result (a record serialised like the single-fetch tool's result)
         * @throws BurrowException on failure; it becomes the URL's error entry
         */
        Object fetch(String url, FetchScope scope);
    }

    /**
     * Fetches one URL under a scope, bypassing and replacing cached answers when the call asked for
     * {@code refresh}. A batch tool built with it has a boolean {@code refresh} argument.
     */
    @FunctionalInterface
    public interface RefreshingFetch {
        /**
         * @param refresh whether the call asked to bypass the cache
         * @return the result (a record serialised like the single-fetch tool's result)
         * @throws BurrowException on failure; it becomes the URL's error entry
         */
        Object fetch(String url, FetchScope scope, boolean refresh);
    }

    /** The text rendering of a batch: the URLs and, in the same order, their results or error bodies. */
    @FunctionalInterface
    public interface Render {
        String render(List<String> urls, List<Object> results);
    }

    private BatchFetchTool() {
    }

    /** A builder of the tool {@code name} fetching each URL with {@code fetch}. */
    public static Builder builder(String name, Fetch fetch) {
        Objects.requireNonNull(fetch, "fetch");
        return new Builder(name, (url, scope, refresh) -> fetch.fetch(url, scope), false);
    }

    /** A builder of the tool {@code name} with a {@code refresh} argument, fetching each URL with {@code fetch}. */
    public static Builder builder(String name, RefreshingFetch fetch) {
        return new Builder(name, fetch, true);
    }

    /** Builds a batch tool. */
    public static final class Builder {
        private final String name;
        private final RefreshingFetch fetch;
        private final boolean refreshable;
        private String title;
        private String description;
        private String urlsDescription;
        private String urlDescription;
        private List<List<String>> examples = List.of();
        private Map<String, Object> itemSchema = Map.of("type", "object");
        private Render render;
        private NetworkSettings settings;
        private String envPrefix;
        private ExecutorService executor;

        private Builder(String name, RefreshingFetch fetch, boolean refreshable) {
            this.name = Objects.requireNonNull(name, "name");
            this.fetch = Objects.requireNonNull(fetch, "fetch");
            this.refreshable = refreshable;
        }

        /** The tool's title. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** The tool's description. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * Descriptions of the {@code urls} argument and of one URL, with example lists.
         *
         * @param urlDescription the description of one URL, or {@code null}
         */
        @SafeVarargs
        public final Builder urls(String urlsDescription, String urlDescription, List<String>... examples) {
            this.urlsDescription = urlsDescription;
            this.urlDescription = urlDescription;
            this.examples = List.of(examples);
            return this;
        }

        /** The schema of one entry of {@code results} (a fetch result or an error). */
        public Builder itemSchema(Map<String, Object> itemSchema) {
            this.itemSchema = Objects.requireNonNull(itemSchema, "itemSchema");
            return this;
        }

        /** The text rendering of the results. */
        public Builder render(Render render) {
            this.render = render;
            return this;
        }

        /**
         * The settings giving the concurrency and the deadline of a batch.
         *
         * @param envPrefix the backend's environment prefix ({@code GOPHER}), named in hints
         */
        public Builder settings(NetworkSettings settings, String envPrefix) {
            this.settings = settings;
            this.envPrefix = envPrefix;
            return this;
        }

        /** The pool running the fetches (the module context's executor). */
        public Builder executor(ExecutorService executor) {
            this.executor = executor;
            return this;
        }

        /** The tool definition. */
        public ToolDefinition build() {
            Objects.requireNonNull(render, "render");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(executor, "executor");
            Run run = new Run(fetch, render, executor, settings.batchConcurrency(), settings.batchDeadline(),
                    envPrefix + "_BATCH_DEADLINE_SECONDS");
            return ToolDefinition.builder(name)
                    .title(title)
                    .description(description)
                    .inputSchema(inputSchema())
                    .outputSchema(outputSchema())
                    .hints(ToolHints.READ_ONLY_NETWORK)
                    .handler(run::call)
                    .build();
        }

        /** Built as maps, not through Jackson's trees: that conversion loads some 140 classes at start-up. */
        private Map<String, Object> inputSchema() {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("type", "string");
            if (urlDescription != null) {
                item.put("description", urlDescription);
            }
            Map<String, Object> urls = new LinkedHashMap<>();
            urls.put("type", "array");
            urls.put("description", urlsDescription);
            urls.put("items", item);
            if (!examples.isEmpty()) {
                urls.put("examples", examples.stream().map(List::copyOf).toList());
            }
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("urls", urls);
            if (refreshable) {
                Map<String, Object> refresh = new LinkedHashMap<>();
                refresh.put("type", "boolean");
                refresh.put("description", "Bypass the cache and replace the cached answers (default false).");
                properties.put("refresh", refresh);
            }
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "object");
            schema.put("properties", properties);
            schema.put("required", List.of("urls"));
            return schema;
        }

        private Map<String, Object> outputSchema() {
            Map<String, Object> results = new LinkedHashMap<>();
            results.put("type", "array");
            results.put("description", "One result per URL, in input order");
            results.put("items", itemSchema);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("type", "object");
            s.put("properties", Map.of("results", results));
            s.put("required", List.of("results"));
            return s;
        }
    }

    /** One configured tool's handler. */
    private record Run(RefreshingFetch fetch, Render render, ExecutorService executor, int concurrency, Duration deadline,
            String deadlineSetting) {

        ToolResult call(ToolCall call) {
            List<String> urls = call.args().strings("urls");
            int n = urls.size();
            if (n > MAX_URLS) {
                throw new InvalidRequestException("Too many URLs in batch request: " + n + " (max " + MAX_URLS + ")",
                        "Split the URLs into batches of at most " + MAX_URLS + ".");
            }
            boolean refresh = call.args().bool("refresh", false);
            Cancellation cancellation = call.cancellation();
            Deadline end = batchDeadline(call.deadline());
            FetchScope scope = new FetchScope(end, cancellation);
            AtomicReferenceArray<Object> results = new AtomicReferenceArray<>(n);
            AtomicInteger next = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            int workers = Math.min(Math.max(1, concurrency), n);
            CountDownLatch finished = new CountDownLatch(workers);
            // the request's context (its span) goes with the work: the fetches' spans are its children
            Runnable worker = Context.current().wrap(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < n && !scope.over(); i = next.getAndIncrement()) {
                        results.set(i, fetchOne(urls.get(i), scope, refresh));
                        synchronized (done) { // progress must increase: count and notify together
                            int d = done.incrementAndGet();
                            call.progress(d, (double) n, "Fetched " + d + " of " + n);
                        }
                    }
                } finally {
                    finished.countDown();
                }
            });
            List<Future<?>> futures = new ArrayList<>();
            try (Cancellation.Registration r = cancellation.onCancel(() -> {
                synchronized (futures) {
                    futures.forEach(f -> f.cancel(true)); // wakes workers waiting for a slot or a rate limit
                }
            })) {
                for (int w = 0; w < workers; w++) {
                    try {
                        Future<?> f = executor.submit(worker);
                        synchronized (futures) {
                            futures.add(f);
                        }
                    } catch (RejectedExecutionException e) {
                        worker.run(); // the pool is shutting down: do the work here
                    }
                }
                if (!finished.await(end.remaining().plus(GRACE).toNanos(), TimeUnit.NANOSECONDS)) {
                    LOG.debug("{} of {} batch fetches did not end by the batch deadline", n - done.get(), n);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancellation.throwIfCancelled();
                throw new BurrowException(ErrorCodes.CANCELLED, "The batch was interrupted");
            }
            cancellation.throwIfCancelled();
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Object r = results.get(i);
                list.add(r != null ? r : notFetched(end));
            }
            Map<String, Object> structured = new LinkedHashMap<>();
            structured.put("results", list);
            return ToolResult.of(structured, render.render(urls, list));
        }

        /** The batch's own deadline, or a margin before the request's if that comes first. */
        private Deadline batchDeadline(Deadline request) {
            Deadline own = Deadline.after(deadline);
            if (request == null) {
                return own;
            }
            Deadline answerBy = new Deadline(request.expiresAtNanos() - ANSWER_MARGIN.toNanos(), request.budget());
            return own.earliest(answerBy);
        }

        private Object fetchOne(String url, FetchScope scope, boolean refresh) {
            try {
                return fetch.fetch(url, scope, refresh);
            } catch (BurrowException e) {
                return e.toResultBody();
            } catch (RuntimeException e) {
                LOG.error("a batch fetch failed unexpectedly", e);
                return new BurrowException(ErrorCodes.FETCH_ERROR, "Unexpected error while fetching").toResultBody();
            }
        }

        private Map<String, Object> notFetched(Deadline end) {
            long ms = end.budget().toMillis();
            String budget = ms % 1000 == 0 ? (ms / 1000) + " seconds" : ms + " ms";
            return new BurrowException(ErrorCodes.TIMEOUT, "Not fetched: the batch deadline of " + budget
                    + " passed first", "Fetch the remaining URLs again, alone or in a smaller batch ("
                    + deadlineSetting + " sets the deadline).").toResultBody();
        }
    }
}
