package io.burrow.mcp.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCode;
import io.burrow.mcp.core.spi.ProtocolClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link ProtocolClient} must follow, as tests. The subclass runs a fake server on
 * 127.0.0.1 that answers {@link #reachableUri()} every time, and supplies a client allowed to reach it
 * (loopback addresses are refused by default, so allow local hosts in its settings):
 *
 * <pre>{@code
 * final class GopherClientContractTest extends ProtocolClientContract {
 *     @AutoClose
 *     final FakeGopherServer gopher = new FakeGopherServer().start().dispatcher(r -> GopherResponse.text("hello\r\n"));
 *     @AutoClose
 *     final BurrowServer server = BurrowServer.builder().module(new GopherModule())
 *             .configSources(ConfigSources.empty().withEnv(Map.of("GOPHER_ALLOW_LOCAL_HOSTS", "true"))).build();
 *
 *     protected ProtocolClient<?> client() { return server.client("gopher"); }
 *     protected String reachableUri() { return gopher.url("/0/hello.txt"); }
 * }
 * }</pre>
 *
 * The rules: lower-case schemes; a result for a reachable URI, also from eight threads at once; every failure
 * a {@link BurrowException} of the right {@linkplain ErrorCode.Kind kind}, never another exception: a URI of
 * another scheme or a malformed one is {@code INVALID}, a cloud metadata address {@code REFUSED} (whatever the
 * settings allow), a closed port {@code UNAVAILABLE}.
 */
public abstract class ProtocolClientContract {

    /** The client under test. */
    protected abstract ProtocolClient<?> client();

    /** A URI the subclass's fake server answers, every time it is fetched. */
    protected abstract String reachableUri();

    private String scheme() {
        return client().schemes().iterator().next();
    }

    @Test
    void schemes_areLowerCase() {
        assertFalse(client().schemes().isEmpty(), "a client fetches at least one scheme");
        client().schemes().forEach(s -> assertEquals(s.toLowerCase(Locale.ROOT), s, "schemes are lower case"));
    }

    @Test
    void fetch_reachableUri_givesAResult() {
        assertNotNull(client().fetch(reachableUri()));
    }

    @Test
    void fetch_fromEightThreadsAtOnce_givesEveryoneAResult() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> client().fetch(reachableUri())));
            }
            for (Future<?> f : results) {
                assertNotNull(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fetch_anotherScheme_isInvalid() {
        assertFails("burrow-no-such-scheme://example.org/", ErrorCode.Kind.INVALID);
    }

    @Test
    void fetch_malformedUris_areInvalid() {
        String s = scheme();
        for (String uri : List.of("", " ", s + ":", s + "://", s + "://[::1/", s + "://host:99999/", s + "://ho st/",
                s + "://%zz/", s + "://host/\u0000", s + "://" + "a".repeat(70_000) + "/")) {
            assertFails(uri, ErrorCode.Kind.INVALID);
        }
    }

    @Test
    void fetch_cloudMetadataAddress_isRefused() {
        assertFails(scheme() + "://169.254.169.254/", ErrorCode.Kind.REFUSED);
    }

    @Test
    void fetch_closedPort_isUnavailable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertFails(scheme() + "://127.0.0.1:" + port + "/", ErrorCode.Kind.UNAVAILABLE);
    }

    private void assertFails(String uri, ErrorCode.Kind kind) {
        String shown = uri.length() > 80 ? uri.substring(0, 80) + "…" : uri;
        try {
            client().fetch(uri);
            fail("fetching " + shown + " should fail with a " + kind + " error");
        } catch (BurrowException e) {
            assertEquals(kind, e.errorCode().kind(), shown + " failed with " + e.code() + ": " + e.getMessage());
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "the error has a message");
        } catch (RuntimeException e) {
            fail("fetching " + shown + " threw " + e + " instead of a BurrowException", e);
        }
    }
}
