package io.burrow.mcp.testkit.gopher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import io.burrow.mcp.testkit.fakes.internal.ClientCloses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scriptable Gopher server for tests, in the style of OkHttp's MockWebServer: script the
 * responses, run the code under test against it, then verify the requests it received.
 *
 * <pre>{@code
 * try (FakeGopherServer server = new FakeGopherServer()) {
 *     server.enqueue(server.menu().info("Welcome").item('0', "About", "/about.txt").build());
 *     server.enqueue(GopherResponse.text("About this server\r\n"));
 *
 *     // run the code under test against server.url('1', "") and server.url('0', "/about.txt")
 *
 *     RecordedGopherRequest first = server.takeRequest();
 *     assertEquals("", first.selector());
 *     assertEquals("/about.txt", server.takeRequest().selector());
 * }
 * }</pre>
 *
 * <ul>
 *   <li>It binds {@code 127.0.0.1} on a free port (port 0) when {@link #start()} is called, or on the
 *       first call of {@link #port()} or {@link #url}.
 *   <li>Each connection carries one request line ({@code selector[TAB search[TAB gopher+]]CRLF}), which
 *       is recorded, then answered with the dispatcher's {@link GopherResponse} and closed.
 *   <li>By default responses are served in {@linkplain #enqueue enqueue} order; when the queue is empty a
 *       type-3 error menu is sent. {@link #setDispatcher} answers by request instead.
 *   <li>Failure effects: {@link GopherResponse#stall()}, {@link GopherResponse#withThrottle trickle},
 *       {@link GopherResponse#withCloseAfter close} or {@link GopherResponse#withResetAfter reset}
 *       mid-response, {@link GopherResponse#endless endless} streams, {@link GopherResponse#refuse() reset
 *       at accept}, and {@link #closedPort()} for a port that refuses connections.
 *   <li>{@link #close()} stops listening, releases stalled connections and closes every socket.
 * </ul>
 *
 * Thread-safe. Depends on nothing but the JDK, so it works with any test framework.
 */
public final class FakeGopherServer implements AutoCloseable {

    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final int REQUEST_READ_TIMEOUT_MS = 10_000;

    private final BlockingQueue<GopherResponse> queue = new LinkedBlockingQueue<>();
    private final BlockingQueue<RecordedGopherRequest> requests = new LinkedBlockingQueue<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requestCount = new AtomicInteger();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final ClientCloses clientCloses = new ClientCloses();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-gopher-server");
        t.setDaemon(true);
        return t;
    });
    private final GopherDispatcher queueDispatcher = new GopherDispatcher() {
        @Override
        public GopherResponse dispatch(RecordedGopherRequest request) {
            GopherResponse r = queue.poll();
            return r != null ? r : GopherResponse.menu("3No response enqueued for selector '" + request.selector()
                    + "'\t\terror.host\t1");
        }

        @Override
        public GopherResponse peek() {
            return queue.peek();
        }
    };
    private volatile GopherDispatcher dispatcher = queueDispatcher;
    private ServerSocket serverSocket;
    private volatile boolean shutdown;

    /** Creates a server; it binds on {@link #start()} or on first use of {@link #port()} / {@link #url}. */
    public FakeGopherServer() {
        // nothing bound yet
    }

    /**
     * Binds 127.0.0.1 on a free port and starts accepting; does nothing if already started.
     *
     * @return this server
     * @throws UncheckedIOException if binding fails
     * @throws IllegalStateException if the server was closed
     */
    public synchronized FakeGopherServer start() {
        return start(0);
    }

    /**
     * Binds 127.0.0.1 on {@code port} (0: a free one) and starts accepting; does nothing if already started.
     * A fixed port lets a test bring a server up where connections were refused a moment ago (a
     * {@link #closedPort()}), as a recovering upstream does.
     *
     * @return this server
     * @throws UncheckedIOException if binding fails
     * @throws IllegalStateException if the server was closed
     */
    public synchronized FakeGopherServer start(int port) {
        if (shutdown) {
            throw new IllegalStateException("server is closed");
        }
        if (serverSocket != null) {
            return this;
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            serverSocket = s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
        }
        threads.execute(this::acceptLoop);
        return this;
    }

    /** The host to connect to: {@code 127.0.0.1}. */
    public String host() {
        return "127.0.0.1";
    }

    /** The bound port (starts the server if needed). */
    public int port() {
        return start().serverSocket.getLocalPort();
    }

    /**
     * A URL of this server: {@code gopher://127.0.0.1:PORT/<type><selector>}. The selector is appended as
     * given; percent-encode characters such as spaces, {@code ?} and {@code #} yourself.
     */
    public String url(char type, String selector) {
        return "gopher://" + host() + ":" + port() + "/" + type + selector;
    }

    /**
     * {@code gopher://127.0.0.1:PORT} + {@code path}, where the path starts with the item type as in any
     * Gopher URL ({@code "/0/about.txt"}, {@code "/1/"}); as {@code FakeGeminiServer.url(path)}.
     */
    public String url(String path) {
        return "gopher://" + host() + ":" + port() + (path.startsWith("/") ? path : "/" + path);
    }

    /** The URL of the root menu: {@code gopher://127.0.0.1:PORT/}. */
    public String rootUrl() {
        return "gopher://" + host() + ":" + port() + "/";
    }

    /** Queues a response for the default dispatcher. */
    public void enqueue(GopherResponse response) {
        queue.add(Objects.requireNonNull(response, "response"));
    }

    /**
     * Replaces the dispatcher (the default serves the enqueued responses); it may be called from several
     * connection threads at once.
     *
     * @return this server
     */
    public FakeGopherServer dispatcher(GopherDispatcher dispatcher) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        return this;
    }

    /** A menu builder whose items point at this server unless told otherwise. */
    public MenuBuilder menu() {
        return new MenuBuilder(host(), port());
    }

    /**
     * The next recorded request, waiting for it as long as needed.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public RecordedGopherRequest takeRequest() throws InterruptedException {
        return requests.take();
    }

    /** The next recorded request, or {@code null} if none arrives within the timeout. */
    public RecordedGopherRequest takeRequest(long timeout, TimeUnit unit) throws InterruptedException {
        return requests.poll(timeout, unit);
    }

    /** The next recorded request, or {@code null} if none arrives within {@code timeout}. */
    public RecordedGopherRequest takeRequest(Duration timeout) {
        try {
            return requests.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * How many connections the client closed while the server held them unanswered
     * ({@link GopherResponse#stall()}): a client that gave up, timed out or was cancelled.
     */
    public int clientClosedCount() {
        return clientCloses.count();
    }

    /**
     * Waits until clients have closed {@code count} stalled connections in all.
     *
     * @return whether they did within {@code timeout}
     */
    public boolean awaitClientClosed(int count, Duration timeout) {
        return clientCloses.await(count, timeout);
    }

    /** How many requests were read so far (refused connections have none). */
    public int requestCount() {
        return requestCount.get();
    }

    /** How many connections were accepted so far. */
    public int connectionCount() {
        return connectionCount.get();
    }

    /**
     * A port on 127.0.0.1 that nothing listens on right now (bound and released), so connecting to it is
     * refused. Another process could take it in the meantime; tests on a busy machine should accept
     * either a refused connection or a failed fetch.
     */
    public static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void acceptLoop() {
        while (!shutdown) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return; // closed
            }
            connectionCount.incrementAndGet();
            open.add(socket);
            try {
                threads.execute(() -> serve(socket));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try {
            GopherResponse peeked = dispatcher.peek();
            if (peeked != null && peeked.mode() == GopherResponse.Mode.REFUSE) {
                dispatcher.dispatch(new RecordedGopherRequest("", null, null, new byte[0], false, -1));
                socket.setSoLinger(true, 0);
                return;
            }
            socket.setSoTimeout(REQUEST_READ_TIMEOUT_MS);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean terminated = readLine(socket.getInputStream(), line);
            byte[] raw = line.toByteArray();
            if (raw.length > 0 && raw[raw.length - 1] == '\r') {
                raw = java.util.Arrays.copyOf(raw, raw.length - 1);
            }
            RecordedGopherRequest request = RecordedGopherRequest.parse(raw, terminated,
                    requestCount.getAndIncrement());
            requests.add(request);
            GopherResponse response = dispatcher.dispatch(request);
            respond(socket, Objects.requireNonNull(response, "dispatcher returned null"));
        } catch (IOException | InterruptedException e) {
            // the client went away, or the server is closing
        } finally {
            open.remove(socket);
            closeQuietly(socket);
        }
    }

    private static boolean readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        while (line.size() < MAX_REQUEST_BYTES) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                return false;
            }
            if (b < 0) {
                return false;
            }
            if (b == '\n') {
                return true;
            }
            line.write(b);
        }
        return false;
    }

    private void respond(Socket socket, GopherResponse r) throws IOException, InterruptedException {
        if (!r.delay().isZero() && closed.await(r.delay().toNanos(), TimeUnit.NANOSECONDS)) {
            return;
        }
        OutputStream out = socket.getOutputStream();
        switch (r.mode()) {
            case STALL -> {
                socket.setSoTimeout(0);
                InputStream in = socket.getInputStream();
                try {
                    while (in.read() >= 0) {
                        // hold the connection until the client closes it
                    }
                } catch (IOException e) {
                    // reset by the client, or closed by close()
                }
                if (!shutdown) {
                    clientCloses.add();
                }
            }
            case ENDLESS -> {
                byte[] chunk = r.rawBody();
                while (!shutdown) {
                    writeThrottled(out, chunk, chunk.length, r);
                }
            }
            case REFUSE -> socket.setSoLinger(true, 0);
            default -> {
                byte[] body = r.rawBody();
                int n = r.closeAfter() >= 0 ? Math.min(r.closeAfter(), body.length) : body.length;
                writeThrottled(out, body, n, r);
                out.flush();
                if (r.closeAfter() >= 0 && r.reset()) {
                    socket.setSoLinger(true, 0);
                }
            }
        }
    }

    private void writeThrottled(OutputStream out, byte[] body, int n, GopherResponse r)
            throws IOException, InterruptedException {
        if (r.throttleBytes() <= 0) {
            out.write(body, 0, n);
            return;
        }
        for (int off = 0; off < n && !shutdown; off += r.throttleBytes()) {
            out.write(body, off, Math.min(r.throttleBytes(), n - off));
            out.flush();
            if (closed.await(r.throttlePeriod().toNanos(), TimeUnit.NANOSECONDS)) {
                return;
            }
        }
    }

    /** Stops listening, releases stalled connections and closes every open socket. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (shutdown) {
                return;
            }
            shutdown = true;
        }
        closed.countDown();
        if (serverSocket != null) {
            closeQuietly(serverSocket);
        }
        List<Socket> sockets = new ArrayList<>(open);
        sockets.forEach(FakeGopherServer::closeQuietly);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    /**
     * Builds a menu response: info lines and items, each line {@code type title TAB selector TAB host
     * TAB port}, ended with {@code .}.
     */
    public static final class MenuBuilder {
        private final String host;
        private final int port;
        private final List<String> lines = new ArrayList<>();

        /** A builder whose items point at {@code host:port} by default. */
        public MenuBuilder(String host, int port) {
            this.host = host;
            this.port = port;
        }

        /** An info line ({@code i}), as servers write them: {@code iText TAB TAB null.host TAB 1}. */
        public MenuBuilder info(String text) {
            lines.add("i" + text + "\t\tnull.host\t1");
            return this;
        }

        /** An item on the default host and port. */
        public MenuBuilder item(char type, String title, String selector) {
            return item(type, title, selector, host, port);
        }

        /** An item on another host. */
        public MenuBuilder item(char type, String title, String selector, String host, int port) {
            lines.add(type + title + "\t" + selector + "\t" + host + "\t" + port);
            return this;
        }

        /** A line exactly as given (for malformed menus); no line end. */
        public MenuBuilder raw(String line) {
            lines.add(line);
            return this;
        }

        /** The response: every line with CRLF, then {@code .}. */
        public GopherResponse build() {
            return GopherResponse.menu(lines);
        }
    }
}
