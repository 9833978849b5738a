package io.burrow.mcp.gopher;

import com.github.benmanes.caffeine.cache.Ticker;
import io.burrow.mcp.core.fetch.FetchScope;
import io.burrow.mcp.core.fetch.NetworkSettings;
import io.burrow.mcp.core.fetch.Upstream;

import io.burrow.mcp.gopher.tools.GopherSettings;
import static io.burrow.mcp.gopher.TestSupport.code;
import static io.burrow.mcp.gopher.TestSupport.fetch;
import static io.burrow.mcp.gopher.TestSupport.structured;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.net.HostPolicy;
import io.burrow.mcp.core.net.NameResolver;
import io.burrow.mcp.core.net.NetworkRules;
import io.burrow.mcp.gopher.internal.GopherFetcher;
import io.burrow.mcp.testkit.FakeTicker;
import io.burrow.mcp.testkit.ToolCallResult;
import io.burrow.mcp.testkit.gopher.FakeGopherServer;
import io.burrow.mcp.testkit.gopher.GopherResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class GopherCacheTest {

    private final FakeGopherServer gopher = new FakeGopherServer().start();
    private final FakeTicker ticker = new FakeTicker();
    private final BurrowServer server = TestSupport.builder(Map.of("GOPHER_CACHE_TTL_SECONDS", "60")).ticker(ticker)
            .build();

    @AfterEach
    void close() {
        server.close();
        gopher.close();
    }

    @Test
    void secondFetch_isServedFromCache_untilTheTtlPasses() {
        gopher.enqueue(GopherResponse.text("v1"));
        gopher.enqueue(GopherResponse.text("v2"));
        JsonNode first = structured(fetch(server, gopher.url('0', "/doc")));
        JsonNode second = structured(fetch(server, gopher.url('0', "/doc")));
        assertThat(second.path("text").asText()).isEqualTo("v1");
        assertThat(second.path("request_info").path("cached").asBoolean()).isTrue();
        assertThat(first.path("request_info").has("cached")).isFalse();
        assertThat(second.path("request_info").path("timestamp")).isEqualTo(first.path("request_info").path("timestamp"));
        assertThat(gopher.requestCount()).isEqualTo(1);

        ticker.advance(Duration.ofSeconds(61));
        assertThat(structured(fetch(server, gopher.url('0', "/doc"))).path("text").asText()).isEqualTo("v2");
        assertThat(gopher.requestCount()).isEqualTo(2);
    }

    @Test
    void equivalentUrls_shareOneEntry() {
        gopher.enqueue(gopher.menu().info("root").build());
        String base = "gopher://127.0.0.1:" + gopher.port();
        fetch(server, base);
        for (String u : new String[] {base + "/", base + "/1", base + "/1/", "GOPHER://127.0.0.1:" + gopher.port() + "/#top"}) {
            JsonNode s = structured(fetch(server, u));
            assertThat(s.path("kind").asText()).isEqualTo("menu");
            assertThat(s.path("request_info").path("cached").asBoolean()).isTrue();
            // the memoised rendering of the cached result carries this call's request, not the first one's
            assertThat(s.path("request_info").path("url").asText()).isEqualTo(GopherUrl.parse(u).toUrl());
        }
        assertThat(gopher.requestCount()).isEqualTo(1);
    }

    @Test
    void searchesWithDifferentQueries_areDifferentEntries() {
        gopher.enqueue(gopher.menu().info("a").build());
        gopher.enqueue(gopher.menu().info("b").build());
        fetch(server, gopher.url('7', "/s?a"));
        assertThat(structured(fetch(server, gopher.url('7', "/s?b"))).path("items").get(0).path("title").asText())
                .isEqualTo("b");
        assertThat(gopher.requestCount()).isEqualTo(2);
    }

    @Test
    void errors_areNotCached() {
        // a reset may reach the client while it connects (then the fetch tries again) or on its first read
        try (BurrowServer noRetries = TestSupport.server(Map.of("GOPHER_CONNECT_RETRIES", "0"))) {
            gopher.enqueue(GopherResponse.refuse());
            gopher.enqueue(GopherResponse.text("recovered"));
            assertThat(code(fetch(noRetries, gopher.url('0', "/flaky")))).isEqualTo("FETCH_ERROR");
            assertThat(structured(fetch(noRetries, gopher.url('0', "/flaky"))).path("text").asText())
                    .isEqualTo("recovered");
        }
    }

    @Test
    void aResetWhileConnecting_orOnTheFirstRead_isFinalOnceBytesWereSent() {
        // retries on: the fetch may connect again after a reset during the handshake, never once connected
        gopher.enqueue(GopherResponse.refuse());
        gopher.enqueue(GopherResponse.text("recovered"));
        String first = code(fetch(server, gopher.url('0', "/flaky")));
        if (first.isEmpty()) { // reset while connecting: retried, and the retry got the next answer
            assertThat(gopher.connectionCount()).isEqualTo(2);
        } else {
            assertThat(first).isEqualTo("FETCH_ERROR");
            assertThat(gopher.connectionCount()).as("connected, then reset: no retry").isEqualTo(1);
            assertThat(structured(fetch(server, gopher.url('0', "/flaky"))).path("text").asText())
                    .isEqualTo("recovered");
        }
    }

    private static GopherFetcher fetcher(NetworkRules rules, Cache<String, GopherResult> cache, NameResolver resolver) {
        return new GopherFetcher(GopherSettings.defaults(), Upstream.of(NetworkSettings.defaults(),
                HostPolicy.create(rules, resolver), cache, Ticker.systemTicker(), SCHEDULER), null, Clock.systemUTC());
    }

    private static final java.util.concurrent.ScheduledExecutorService SCHEDULER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "gopher-cache-test");
                t.setDaemon(true);
                return t;
            });

    @Test
    void cacheHit_checksTheHostPolicyAgain() {
        // two fetchers sharing one cache: the second has a tighter policy, as after a configuration change
        Cache<String, GopherResult> cache = Caffeine.newBuilder().maximumSize(10).build();
        NameResolver resolver = NameResolver.system();
        GopherFetcher open = fetcher(new NetworkRules(true, Set.of(), Set.of(), NetworkRules.DANGEROUS_PORTS), cache,
                resolver);
        GopherFetcher strict = fetcher(new NetworkRules(false, Set.of(), Set.of(), NetworkRules.DANGEROUS_PORTS), cache,
                resolver);
        GopherFetcher allowlisted = fetcher(new NetworkRules(true, Set.of("gopher.example"), Set.of(),
                NetworkRules.DANGEROUS_PORTS), cache, resolver);
        gopher.enqueue(GopherResponse.text("secret"));
        String url = gopher.url('0', "/internal");
        assertThat(open.fetch(url, FetchScope.NONE)).isInstanceOf(GopherResult.Text.class);
        assertThat(cache.estimatedSize()).isEqualTo(1);
        for (GopherFetcher f : new GopherFetcher[] {strict, allowlisted}) {
            try {
                f.fetch(url, FetchScope.NONE);
                throw new AssertionError("a cached answer bypassed the host policy");
            } catch (BurrowException e) {
                assertThat(e.code()).isEqualTo("BLOCKED");
            }
        }
        assertThat(gopher.requestCount()).isEqualTo(1);
    }

    @Test
    void cacheDisabled_fetchesEveryTime() {
        try (BurrowServer uncached = TestSupport.server(Map.of("GOPHER_CACHE_ENABLED", "false"))) {
            gopher.enqueue(GopherResponse.text("1"));
            gopher.enqueue(GopherResponse.text("2"));
            fetch(uncached, gopher.url('0', "/x"));
            assertThat(structured(fetch(uncached, gopher.url('0', "/x"))).path("text").asText()).isEqualTo("2");
        }
    }

    @Test
    void cacheStatistics_appearInHealth() {
        gopher.enqueue(GopherResponse.text("x"));
        fetch(server, gopher.url('0', "/x"));
        fetch(server, gopher.url('0', "/x"));
        JsonNode health = ToolCallResult.of(server.callTool("health", null)).structured();
        assertThat(health.toString()).contains("gopher.responses");
    }
}
