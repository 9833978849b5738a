package io.burrow.mcp.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.net.Deadline;
import io.burrow.mcp.core.net.HostPolicy;
import io.burrow.mcp.core.net.NameResolver;
import io.burrow.mcp.core.spi.Cancellation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one connect loop: every checked address in turn, within the deadline, closed on cancellation. */
final class UpstreamTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        scheduler.shutdownNow();
    }

    private Upstream upstream(String host, String... addresses) {
        return upstream(0, host, addresses);
    }

    private Upstream upstream(int perHost, String host, String... addresses) {
        NameResolver resolver = name -> {
            if (!name.equals(host)) {
                throw new UnknownHostException(name);
            }
            List<InetAddress> out = new ArrayList<>();
            for (String a : addresses) {
                out.add(InetAddress.getByName(a));
            }
            return out;
        };
        NetworkSettings d = NetworkSettings.defaults();
        NetworkSettings local = new NetworkSettings(d.maxResponseSize(), d.timeoutSeconds(), false, 0, 1, 0, Set.of(),
                Set.of(), true, false, 0, 0, 5, 40, 0, 0, 200, 0, 30, perHost);
        return Upstream.of(local, HostPolicy.create(local.networkRules(), resolver), null, Ticker.systemTicker(),
                scheduler);
    }

    private ServerSocket listen(String address, int port, int backlog) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName(address), port), backlog);
        toClose.add(s);
        return s;
    }

    @Test
    void aRefusedAddress_isFollowedByTheNext() throws Exception {
        ServerSocket good = listen("127.0.0.1", 0, 50);
        try (Connection c = upstream("two.test", "127.0.0.2", "127.0.0.1").open("two.test", good.getLocalPort(),
                Deadline.after(Duration.ofSeconds(5)), Cancellation.NONE)) {
            assertThat(c.socket().getInetAddress().getHostAddress()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void anUnresponsiveAddress_getsItsShareOfTheDeadline_thenTheNextIsTried() throws Exception {
        ServerSocket good = listen("127.0.0.1", 0, 50);
        int port = good.getLocalPort();
        listen("127.0.0.2", port, 1); // never accepts: once its queue is full, connections to it hang
        for (int i = 0; i < 8; i++) {
            Socket filler = new Socket();
            toClose.add(filler);
            try {
                filler.connect(new InetSocketAddress("127.0.0.2", port), 200);
            } catch (IOException e) {
                break; // the queue is full
            }
        }
        long t0 = System.nanoTime();
        try (Connection c = upstream("two.test", "127.0.0.2", "127.0.0.1").open("two.test", port,
                Deadline.after(Duration.ofSeconds(4)), Cancellation.NONE)) {
            assertThat(c.socket().getInetAddress().getHostAddress()).isEqualTo("127.0.0.1");
        }
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(1_500L, 3_500L);
    }

    @Test
    void onlyTheAddressesThePolicyChecked_areTried() {
        assertThatThrownBy(() -> upstream("mixed.test", "127.0.0.1", "169.254.169.254").open("mixed.test", 70,
                Deadline.after(Duration.ofSeconds(5)), Cancellation.NONE))
                .isInstanceOf(BurrowException.class).satisfies(e -> assertThat(((BurrowException) e).code())
                        .isEqualTo("BLOCKED"));
    }

    @Test
    void aCancellation_closesTheConnection() throws Exception {
        ServerSocket good = listen("127.0.0.1", 0, 50);
        List<Runnable> callbacks = new CopyOnWriteArrayList<>();
        boolean[] cancelled = {false};
        Cancellation cancellation = new Cancellation() {
            @Override
            public boolean isCancelled() {
                return cancelled[0];
            }

            @Override
            public Registration onCancel(Runnable action) {
                callbacks.add(action);
                return () -> callbacks.remove(action);
            }
        };
        try (Connection c = upstream("one.test", "127.0.0.1").open("one.test", good.getLocalPort(),
                Deadline.after(Duration.ofSeconds(30)), cancellation); Socket peer = good.accept()) {
            cancelled[0] = true;
            callbacks.forEach(Runnable::run);
            peer.setSoTimeout(2000);
            assertThat(peer.getInputStream().read()).isEqualTo(-1); // the client side is closed
            assertThatThrownBy(() -> c.socket().getInputStream().read()).isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(c.failure((IOException) e).code()).isEqualTo("CANCELLED"));
        }
        assertThat(callbacks).isEmpty(); // closing the connection unregisters it
    }

    @Test
    void theDeadline_closesAReadThatWouldBlock() throws Exception {
        ServerSocket good = listen("127.0.0.1", 0, 50);
        try (Connection c = upstream("one.test", "127.0.0.1").open("one.test", good.getLocalPort(),
                Deadline.after(Duration.ofMillis(500)), Cancellation.NONE); Socket peer = good.accept()) {
            assertThat(peer.isConnected()).isTrue();
            long t0 = System.nanoTime();
            c.socket().setSoTimeout(0); // a read without its own timeout still ends at the deadline
            assertThatThrownBy(() -> c.socket().getInputStream().read()).isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(c.failure((IOException) e).code()).isEqualTo("TIMEOUT"));
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_000L);
        }
    }

    @Test
    void aBusyHost_makesTheNextCallerWaitWithinItsDeadline_thenRateLimited_whileOtherHostsGoOn() throws Exception {
        ServerSocket busy = listen("127.0.0.1", 0, 50);
        ServerSocket other = listen("127.0.0.1", 0, 50);
        Upstream upstream = upstream(2, "one.test", "127.0.0.1");
        Deadline long_ = Deadline.after(Duration.ofSeconds(30));
        Connection first = upstream.open("one.test", busy.getLocalPort(), long_, Cancellation.NONE);
        Connection second = upstream.open("one.test", busy.getLocalPort(), long_, Cancellation.NONE);
        assertThat(upstream.inFlight("one.test", busy.getLocalPort())).isEqualTo(2);

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> upstream.open("one.test", busy.getLocalPort(), Deadline.after(Duration.ofMillis(300)),
                Cancellation.NONE)).isInstanceOf(BurrowException.class).satisfies(e -> {
                    BurrowException b = (BurrowException) e;
                    assertThat(b.code()).isEqualTo("RATE_LIMITED");
                    assertThat(b.getMessage()).contains("one.test:" + busy.getLocalPort(), "at most 2");
                    assertThat(b.details()).containsEntry("retry_after_seconds", 1);
                });
        assertThat((System.nanoTime() - t0) / 1_000_000).as("waited for its deadline").isBetween(250L, 5_000L);
        assertThat(upstream.health().get("per_host").toString()).contains("hosts_at_limit=1", "refused_total=1");

        // another port of the host is another host for the cap, and it is not held up
        try (Connection c = upstream.open("one.test", other.getLocalPort(), Deadline.after(Duration.ofMillis(300)),
                Cancellation.NONE)) {
            assertThat(c.socket().isConnected()).isTrue();
        }

        // a waiter gets the slot as soon as one is freed
        var waiter = java.util.concurrent.CompletableFuture.supplyAsync(() -> upstream.open("one.test",
                busy.getLocalPort(), Deadline.after(Duration.ofSeconds(10)), Cancellation.NONE));
        Thread.sleep(200);
        assertThat(waiter).isNotDone();
        first.close();
        try (Connection c = waiter.get(5, java.util.concurrent.TimeUnit.SECONDS)) {
            assertThat(upstream.inFlight("one.test", busy.getLocalPort())).isEqualTo(2);
        }
        second.close();
        assertThat(upstream.inFlight("one.test", busy.getLocalPort())).isZero();
        assertThat(upstream.health().get("per_host").toString()).contains("hosts_busy=0");
    }

    @Test
    void aFailedConnect_freesTheHostSlot() {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Upstream upstream = upstream(1, "one.test", "127.0.0.1");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> upstream.open("one.test", closed, Deadline.after(Duration.ofSeconds(2)),
                    Cancellation.NONE)).isInstanceOf(BurrowException.class)
                    .satisfies(e -> assertThat(((BurrowException) e).code()).isEqualTo("FETCH_ERROR"));
        }
        assertThat(upstream.inFlight("one.test", closed)).isZero();
    }
}
