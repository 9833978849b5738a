package io.burrow.mcp.testkit.gemini;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.burrow.mcp.testkit.fakes.internal.ClientCloses;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A scriptable Gemini server for tests: TLS on {@code 127.0.0.1} and an ephemeral port, with a generated
 * self-signed certificate that a test can {@linkplain #rotateCertificate() rotate} or
 * {@linkplain #useCertificate replace} (to exercise trust-on-first-use), responses taken from a queue
 * ({@link #enqueue}) or computed by a {@link GeminiDispatcher}, failure effects (stall, trickle, close
 * mid-response, malformed header, endless body: see {@link GeminiResponse}), and every request recorded
 * with the fingerprint of the client certificate it presented. It asks every client for a certificate
 * and accepts any. Bound to loopback only; {@link #close()} stops it. No test-framework dependency.
 *
 * <pre>{@code
 * try (FakeGeminiServer server = FakeGeminiServer.start()) {
 *     server.enqueue(GeminiResponse.success("text/gemini", "# Hello\n"));
 *     fetch(server.url("/"));                                  // gemini://localhost:PORT/
 *     RecordedGeminiRequest request = server.takeRequest();
 *     assertEquals("/", request.path());
 *     assertNull(request.clientCertificateFingerprint());
 * }
 * }</pre>
 *
 * <p>URLs name host {@code localhost} by default; a client under test must be allowed to reach
 * loopback addresses, or resolve another name (see {@link #url(String, String)}) to {@code 127.0.0.1}.
 */
public final class FakeGeminiServer implements AutoCloseable {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] FILLER = "endless body line for a client that must stop reading somewhere\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket serverSocket;
    private final ExecutorService threads;
    private final BlockingQueue<GeminiResponse> queue = new LinkedBlockingQueue<>();
    private final BlockingQueue<RecordedGeminiRequest> requests = new LinkedBlockingQueue<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final ClientCloses clientCloses = new ClientCloses();
    private volatile GeminiDispatcher dispatcher = this::fromQueue;
    private volatile ServerCertificate certificate;
    private volatile SSLContext context;
    private volatile boolean closed;

    private FakeGeminiServer(ServerCertificate certificate) throws IOException {
        useCertificate(certificate);
        this.serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-gemini-" + serverSocket.getLocalPort() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        threads.execute(this::acceptLoop);
    }

    /** Starts a server with a fresh certificate for {@code localhost}. */
    public static FakeGeminiServer start() {
        return start(ServerCertificate.generate());
    }

    /** Starts a server presenting {@code certificate}. */
    public static FakeGeminiServer start(ServerCertificate certificate) {
        try {
            return new FakeGeminiServer(Objects.requireNonNull(certificate, "certificate"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind a loopback port", e);
        }
    }

    /** The port. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** {@code gemini://localhost:PORT} + {@code path}. */
    public String url(String path) {
        return url("localhost", path);
    }

    /** {@code gemini://HOST:PORT} + {@code path}, for clients that resolve {@code host} to loopback. */
    public String url(String host, String path) {
        return "gemini://" + host + ":" + port() + (path.startsWith("/") ? path : "/" + path);
    }

    /** Queues a response for the default dispatcher; responses are used in order, one per request. */
    public void enqueue(GeminiResponse response) {
        queue.add(Objects.requireNonNull(response, "response"));
    }

    /**
     * Replaces the queue with a dispatcher; it may be called from several connection threads at once.
     *
     * @return this server
     */
    public FakeGeminiServer dispatcher(GeminiDispatcher dispatcher) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        return this;
    }

    /** The certificate presented now. */
    public ServerCertificate certificate() {
        return certificate;
    }

    /** The SHA-256 fingerprint of the certificate presented now. */
    public String fingerprint() {
        return certificate.fingerprint();
    }

    /** Presents a new certificate from the next connection on; returns it. */
    public ServerCertificate rotateCertificate() {
        ServerCertificate next = ServerCertificate.generate();
        useCertificate(next);
        return next;
    }

    /** Presents {@code certificate} from the next connection on (a new TLS context: old sessions do not resume). */
    public void useCertificate(ServerCertificate certificate) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "fake".toCharArray();
            ks.setKeyEntry("server", certificate.keyPair().getPrivate(), pw, new Certificate[] {certificate.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(kmf.getKeyManagers(), new TrustManager[] {new AcceptAnyClient()}, null);
            this.context = c;
            this.certificate = certificate;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot use the certificate", e);
        }
    }

    /** Waits up to ten seconds for the next request. */
    public RecordedGeminiRequest takeRequest() {
        RecordedGeminiRequest r = takeRequest(Duration.ofSeconds(10));
        if (r == null) {
            throw new IllegalStateException("no request arrived within 10 seconds");
        }
        return r;
    }

    /** Waits up to {@code timeout} for the next request; {@code null} if none came. */
    public RecordedGeminiRequest takeRequest(Duration timeout) {
        try {
            return requests.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Requests received so far. */
    public int requestCount() {
        return sequence.get();
    }

    /** Connections accepted so far (a connection closed before its request has none). */
    public int connectionCount() {
        return connections.get();
    }

    /**
     * How many connections the client closed while the server held them unanswered
     * ({@link GeminiResponse#stall()}): a client that gave up, timed out or was cancelled.
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

    private GeminiResponse fromQueue(RecordedGeminiRequest request) {
        GeminiResponse r = queue.poll();
        return r != null ? r : GeminiResponse.of(51, "FakeGeminiServer: no response enqueued");
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = serverSocket.accept();
                connections.incrementAndGet();
                open.add(s);
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                if (!closed) {
                    sleepQuietly(Duration.ofMillis(10));
                }
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    private void serve(Socket plain) {
        try (plain) {
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, (InputStream) null, true);
            tls.setUseClientMode(false);
            tls.setWantClientAuth(true);
            tls.setEnabledProtocols(List.of("TLSv1.3", "TLSv1.2").toArray(String[]::new));
            tls.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
            tls.startHandshake();
            String line = readLine(tls.getInputStream());
            if (line == null) {
                return;
            }
            SSLSession session = tls.getSession();
            RecordedGeminiRequest request = new RecordedGeminiRequest(line, clientFingerprint(session),
                    serverName(session), session.getProtocol(), sequence.getAndIncrement(), Instant.now());
            requests.add(request);
            GeminiResponse response = dispatcher.dispatch(request);
            write(plain, tls, response);
        } catch (IOException | RuntimeException e) {
            // the client went away or the test closed the server: nothing to report
        } finally {
            open.remove(plain);
        }
    }

    private void write(Socket plain, SSLSocket tls, GeminiResponse r) throws IOException {
        OutputStream out = tls.getOutputStream();
        if (r.stalls()) {
            tls.setSoTimeout(0);
            InputStream in = tls.getInputStream();
            try {
                while (!closed && in.read() >= 0) {
                    // hold the connection until the client closes it
                }
            } catch (IOException e) {
                // reset by the client, or closed by close()
            }
            if (!closed) {
                clientCloses.add();
            }
            return;
        }
        byte[] payload = r.payload();
        int limit = r.closeAfterBytes() >= 0 ? Math.min(r.closeAfterBytes(), payload.length) : payload.length;
        int chunk = r.trickleBytes() > 0 ? r.trickleBytes() : Math.max(1, limit);
        for (int off = 0; off < limit; off += chunk) {
            out.write(payload, off, Math.min(chunk, limit - off));
            out.flush();
            if (r.trickleBytes() > 0) {
                sleepQuietly(r.trickleDelay());
            }
        }
        if (r.closeAfterBytes() >= 0) {
            plain.setSoLinger(true, 0); // reset, without close_notify
            plain.close();
            return;
        }
        if (r.endless()) {
            try {
                while (!closed) {
                    out.write(FILLER);
                }
            } catch (SocketException e) {
                return; // the client stopped reading and closed
            }
        }
        out.flush();
        tls.close(); // close_notify, then TCP close
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            if (b.size() > 4096) {
                return new String(b.toByteArray(), StandardCharsets.UTF_8);
            }
            b.write(c);
        }
        return null;
    }

    private static String clientFingerprint(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded()));
        } catch (SSLPeerUnverifiedException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String serverName(SSLSession session) {
        if (session instanceof ExtendedSSLSession ext) {
            for (SNIServerName n : ext.getRequestedServerNames()) {
                if (n instanceof SNIHostName h) {
                    return h.getAsciiName();
                }
            }
        }
        return null;
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops accepting, closes every open connection and the worker threads. Idempotent. */
    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        threads.shutdownNow();
    }

    /** Requests a client certificate and accepts any: tests assert on the recorded fingerprint. */
    private static final class AcceptAnyClient extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
