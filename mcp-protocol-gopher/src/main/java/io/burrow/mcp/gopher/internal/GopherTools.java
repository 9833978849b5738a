package io.burrow.mcp.gopher.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.ToolCall;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolHints;
import io.burrow.mcp.core.spi.ToolResult;
import io.burrow.mcp.gopher.GopherResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code gopher_fetch} and {@code gopher_batch_fetch} tools. */
public final class GopherTools {

    /** The most URLs of one batch (gopher-mcp's limit). */
    public static final int MAX_BATCH = 50;

    private static final Logger LOG = LoggerFactory.getLogger(GopherTools.class);

    private GopherTools() {
    }

    /**
     * A stored result's wire form and text rendering, computed once per stored (cached) result, and the last tree
     * served for it: hits with the same request information get the very same tree, which the server then does not
     * validate again.
     */
    private static final class Rendered {
        final ObjectNode wire;
        final String text;
        volatile Hit last;

        Rendered(ObjectNode wire, String text) {
            this.wire = wire;
            this.text = text;
        }

        ObjectNode tree(GopherResult.RequestInfo info) {
            Hit h = last;
            if (h == null || !h.info().equals(info)) {
                ObjectNode out = wire.objectNode();
                out.setAll(wire);
                out.set("request_info", Json.toTree(info));
                h = new Hit(info, out);
                last = h;
            }
            return h.tree();
        }
    }

    private record Hit(GopherResult.RequestInfo info, ObjectNode tree) {
    }

    /** {@code gopher_fetch {url}}. */
    public static ToolDefinition fetchTool(GopherFetcher fetcher) {
        // keyed by the identity of the cached result (weak keys compare by identity): a cache hit reuses
        // the JSON tree and the text instead of serialising the same menu again
        Cache<GopherResult, Rendered> rendered = fetcher.caching()
                ? Caffeine.newBuilder().weakKeys().maximumSize(Math.max(16, fetcher.settings().maxCacheEntries())).build()
                : null;
        return ToolDefinition.builder("gopher_fetch")
                .title("Fetch a Gopher item")
                .description("Fetch one gopher:// URL from Gopherspace (a menu, a text file, a search or a binary). "
                        + "Use it to browse Gopher: start at a server's root menu (gopher://host/), then follow the "
                        + "next_url of menu items. Menus return items (info lines included), text returns the "
                        + "document, type-7 searches take the query after '?', binaries return only size and MIME "
                        + "type. Interactive items (telnet, CSO) cannot be fetched. Reaches external hosts; results "
                        + "are cached for a few minutes. For several URLs at once use gopher_batch_fetch.")
                .inputSchema(Schemas.FETCH_INPUT)
                .outputSchema(Schemas.fetchOutput())
                .hints(ToolHints.READ_ONLY_NETWORK)
                .handler(call -> {
                    GopherFetcher.Outcome o = fetcher.fetchOutcome(call.args().string("url"));
                    if (rendered == null) {
                        GopherResult r = o.result();
                        return ToolResult.of(r, Renderer.render(r));
                    }
                    Rendered r = rendered.get(o.stored(),
                            s -> new Rendered((ObjectNode) Json.toTree(s), Renderer.render(s)));
                    return ToolResult.of(r.tree(o.info()), r.text);
                })
                .build();
    }

    /** {@code gopher_batch_fetch {urls}}. */
    public static ToolDefinition batchTool(GopherFetcher fetcher, ExecutorService executor, int concurrency) {
        return ToolDefinition.builder("gopher_batch_fetch")
                .title("Fetch several Gopher items")
                .description("Fetch up to " + MAX_BATCH + " gopher:// URLs concurrently, for example every text "
                        + "item of a menu. Returns {\"results\": [...]} in the order of the input, each exactly what "
                        + "gopher_fetch returns for that URL; a failed URL gives a kind=error entry without failing "
                        + "the others. Sends progress notifications when the client asks for them.")
                .inputSchema(Schemas.BATCH_INPUT)
                .outputSchema(Schemas.batchOutput())
                .hints(ToolHints.READ_ONLY_NETWORK)
                .handler(call -> batch(call, fetcher, executor, concurrency))
                .build();
    }

    static ToolResult batch(ToolCall call, GopherFetcher fetcher, ExecutorService executor, int concurrency) {
        List<String> urls = call.args().strings("urls");
        int n = urls.size();
        if (n > MAX_BATCH) {
            throw new InvalidRequestException("Too many URLs in batch request: " + n + " (max " + MAX_BATCH + ")",
                    "Split the URLs into batches of at most " + MAX_BATCH + ".");
        }
        Object[] results = new Object[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        int workers = Math.min(Math.max(1, concurrency), n);
        CountDownLatch finished = new CountDownLatch(workers);
        Runnable worker = () -> {
            try {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    results[i] = fetchOne(fetcher, urls.get(i));
                    synchronized (done) { // progress must increase: count and notify together
                        int d = done.incrementAndGet();
                        call.progress(d, (double) n, "Fetched " + d + " of " + n);
                    }
                }
            } finally {
                finished.countDown();
            }
        };
        for (int w = 0; w < workers; w++) {
            try {
                executor.execute(worker);
            } catch (RejectedExecutionException e) {
                worker.run(); // the pool is shutting down: do the work here
            }
        }
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BurrowException(ErrorCodes.INTERNAL_ERROR, "Batch interrupted");
        }
        List<Object> list = new ArrayList<>(Arrays.asList(results));
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("results", list);
        return ToolResult.of(structured, render(urls, list));
    }

    private static Object fetchOne(GopherFetcher fetcher, String url) {
        try {
            return fetcher.fetch(url);
        } catch (BurrowException e) {
            return e.toResultBody();
        } catch (RuntimeException e) {
            LOG.error("gopher batch fetch failed unexpectedly", e);
            return new BurrowException(ErrorCodes.FETCH_ERROR, "Unexpected error while fetching").toResultBody();
        }
    }

    private static String render(List<String> urls, List<Object> results) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < results.size(); i++) {
            b.append(i == 0 ? "" : "\n\n").append("=== [").append(i + 1).append('/').append(results.size()).append("] ")
                    .append(urls.get(i)).append(" ===\n");
            Object r = results.get(i);
            if (r instanceof GopherResult g) {
                b.append(Renderer.render(g));
            } else if (r instanceof Map<?, ?> m && m.get("error") instanceof Map<?, ?> err) {
                b.append("Error ").append(err.get("code")).append(": ").append(err.get("message"));
                if (err.get("hint") != null) {
                    b.append("\nHint: ").append(err.get("hint"));
                }
            }
        }
        return b.toString();
    }
}
