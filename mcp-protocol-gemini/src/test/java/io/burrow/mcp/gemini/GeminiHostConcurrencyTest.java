package io.burrow.mcp.gemini;

import static io.burrow.mcp.gemini.GeminiTestSupport.callRaw;
import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.testkit.ToolCallResult;
import io.burrow.mcp.testkit.gemini.FakeGeminiServer;
import io.burrow.mcp.testkit.gemini.GeminiResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Politeness: at most GEMINI_MAX_CONCURRENT_PER_HOST (default 5, gopher-mcp's) connections to one host at once.
 * Another host name served by the same capsule is a host of its own and is served meanwhile.
 */
final class GeminiHostConcurrencyTest {

    @TempDir
    Path dir;

    private final FakeGeminiServer capsule = FakeGeminiServer.start();
    private final AtomicInteger busyNow = new AtomicInteger();
    private final AtomicInteger busyMost = new AtomicInteger();
    private final AtomicInteger busyRequests = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private BurrowServer server;

    GeminiHostConcurrencyTest() {
        capsule.dispatcher(request -> {
            if ("other.test".equals(request.serverName())) {
                return GeminiResponse.success("text/gemini", "# quick\n");
            }
            busyRequests.incrementAndGet();
            busyMost.accumulateAndGet(busyNow.incrementAndGet(), Math::max);
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                busyNow.decrementAndGet();
            }
            return GeminiResponse.success("text/gemini", "# slow " + request.path() + "\n");
        });
    }

    @AfterEach
    void close() {
        release.countDown();
        callers.shutdownNow();
        if (server != null) {
            server.close();
        }
        capsule.close();
    }

    private List<Future<ToolCallResult>> fetchBusy(int n) {
        List<Future<ToolCallResult>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String url = capsule.url("capsule.test", "/page" + i);
            calls.add(callers.submit(() -> callRaw(server, "gemini_fetch", "url", url)));
        }
        return calls;
    }

    private void awaitBusy(int n) throws InterruptedException {
        for (int i = 0; i < 200 && busyRequests.get() < n; i++) {
            Thread.sleep(25);
        }
        assertThat(busyRequests.get()).isEqualTo(n);
    }

    @Test
    void byDefault_atMostFiveConnectionsToOneHost_whileAnotherHostIsServed() throws Exception {
        server = GeminiTestSupport.server(dir, Map.of("GEMINI_CACHE_ENABLED", "false",
                "GEMINI_REQUESTS_PER_MINUTE", "0", "GEMINI_TIMEOUT_SECONDS", "20"));
        List<Future<ToolCallResult>> calls = fetchBusy(8);
        awaitBusy(5);
        Thread.sleep(300); // room for a sixth connection, were the cap not there
        assertThat(busyRequests.get()).isEqualTo(5);
        assertThat(capsule.connectionCount()).isEqualTo(5);

        ToolCallResult quick = callRaw(server, "gemini_fetch", "url", capsule.url("other.test", "/"));
        assertThat(quick.isError()).as("%s", quick.structured()).isFalse();
        assertThat(quick.text()).contains("quick");
        assertThat(busyRequests.get()).as("the busy host still holds its callers").isEqualTo(5);

        release.countDown();
        for (Future<ToolCallResult> f : calls) {
            ToolCallResult r = f.get(20, TimeUnit.SECONDS);
            assertThat(r.isError()).as("%s", r.structured()).isFalse();
        }
        assertThat(busyRequests.get()).isEqualTo(8);
        assertThat(busyMost.get()).isEqualTo(5);
    }

    @Test
    void zero_turnsTheCapOff() throws Exception {
        server = GeminiTestSupport.server(dir, Map.of("GEMINI_CACHE_ENABLED", "false",
                "GEMINI_REQUESTS_PER_MINUTE", "0", "GEMINI_TIMEOUT_SECONDS", "20", "GEMINI_MAX_CONCURRENT_PER_HOST", "0"));
        List<Future<ToolCallResult>> calls = fetchBusy(7);
        awaitBusy(7);
        release.countDown();
        for (Future<ToolCallResult> f : calls) {
            assertThat(f.get(20, TimeUnit.SECONDS).isError()).isFalse();
        }
        assertThat(busyMost.get()).isEqualTo(7);
    }
}
