package io.burrow.mcp.gemini.internal;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.FetchException;
import io.burrow.mcp.core.fetch.Connection;
import io.burrow.mcp.gemini.ClientIdentityStore;
import io.burrow.mcp.gemini.GeminiErrors;
import io.burrow.mcp.gemini.GeminiUrl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One Gemini exchange over TLS, on a connection the backend's {@link io.burrow.mcp.core.fetch.Upstream}
 * opened: handshake with SNI set to the host name (TLS 1.2 or 1.3, no CA validation: the caller verifies
 * the certificate with TOFU before anything is sent), send the request line, read the header and a
 * bounded body. Every blocking read gets the time left as its timeout, and the connection closes the
 * sockets when the deadline passes or the request is cancelled, so a stalled handshake or a trickling
 * body cannot outlast it. Thread-safe; SSL contexts (one without a client certificate, one per identity)
 * are reused so TLS sessions can be resumed.
 */
public final class GeminiTransport {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final int READ_CHUNK = 16 * 1024;

    /** Verifies the server certificate after the handshake and before the request is sent. */
    @FunctionalInterface
    public interface CertificateCheck {
        /**
         * @return the TOFU verdict to report
         * @throws BurrowException to refuse the server
         */
        io.burrow.mcp.gemini.TofuStore.Verdict verify(X509Certificate leaf);
    }

    /** What to keep of a 2x body. */
    public enum BodyMode {
        /** Keep the bytes (up to the cap). */
        KEEP,
        /** Keep text bodies; of others count the bytes (up to the cap) and keep only the first few for sniffing. */
        COUNT_BINARY
    }

    /**
     * What came back.
     *
     * @param header the response header
     * @param body the body (2x only; with {@link BodyMode#COUNT_BINARY} and a binary type, only its first bytes), else empty
     * @param size body bytes received
     * @param truncated whether the body was cut at the cap or by an abrupt close
     * @param tlsVersion negotiated protocol
     * @param cipher negotiated cipher suite
     * @param verdict the certificate check's verdict
     */
    public record Exchange(ResponseHeader header, byte[] body, long size, boolean truncated, String tlsVersion,
            String cipher, io.burrow.mcp.gemini.TofuStore.Verdict verdict) {
    }

    /** Made on the first exchange without an identity: initialising TLS costs start-up some 300 classes. */
    private volatile SSLContext anonymous;
    private final ConcurrentHashMap<String, SSLContext> withIdentity = new ConcurrentHashMap<>();

    public GeminiTransport() {
    }

    private SSLContext anonymous() {
        SSLContext c = anonymous;
        if (c == null) {
            synchronized (this) {
                c = anonymous;
                if (c == null) {
                    c = context(null);
                    anonymous = c;
                }
            }
        }
        return c;
    }

    private static SSLContext context(KeyManager km) {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(km == null ? null : new KeyManager[] {km}, new TrustManager[] {new AcceptAnyServer()}, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }

    /**
     * Performs one exchange on an open connection.
     *
     * @param identity the client certificate to present, or {@code null}
     * @throws BurrowException {@code FETCH_ERROR}, {@code TIMEOUT}, {@code CANCELLED}, {@code TLS_ERROR},
     *     {@code PROTOCOL_ERROR}, or whatever the certificate check throws
     */
    public Exchange exchange(Connection connection, GeminiUrl url, ClientIdentityStore.Material identity,
            long maxBytes, BodyMode mode, CertificateCheck check) {
        SSLContext ctx = identity == null ? anonymous()
                : withIdentity.computeIfAbsent(Fingerprints.of(identity.certificate()),
                        k -> context(new IdentityKeyManager(identity)));
        try {
            SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(connection.socket(), url.host(), url.port(),
                    true);
            connection.layer(tls);
            SSLParameters params = tls.getSSLParameters();
            params.setProtocols(supported(tls.getSupportedProtocols()));
            if (!isIpLiteral(url.host())) {
                params.setServerNames(List.of(new SNIHostName(url.host())));
            }
            tls.setSSLParameters(params);
            tls.setUseClientMode(true);
            connection.beforeBlocking();
            try {
                tls.startHandshake();
            } catch (IOException e) {
                throw failure(e, connection, true);
            }
            connection.secured();
            SSLSession session = tls.getSession();
            X509Certificate leaf = leaf(session);
            io.burrow.mcp.gemini.TofuStore.Verdict verdict = check.verify(leaf);
            OutputStream out = tls.getOutputStream();
            out.write((url + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = tls.getInputStream();
            ResponseHeader header = readHeader(in, connection);
            if (header.category() != 2) {
                return new Exchange(header, new byte[0], 0, false, session.getProtocol(), session.getCipherSuite(),
                        verdict);
            }
            return readBody(in, connection, maxBytes, mode, header, session, verdict);
        } catch (IOException e) {
            throw failure(e, connection, false);
        }
    }

    private Exchange readBody(InputStream in, Connection connection, long maxBytes, BodyMode mode,
            ResponseHeader header, SSLSession session, io.burrow.mcp.gemini.TofuStore.Verdict verdict) throws IOException {
        MimeType mime = MimeType.parse(header.meta());
        boolean keep = mode == BodyMode.KEEP || mime == null || mime.type().equals("text");
        ByteArrayOutputStream body = new ByteArrayOutputStream(keep ? 8192 : 512);
        byte[] buf = new byte[READ_CHUNK];
        long size = 0;
        boolean truncated = false;
        while (true) {
            connection.beforeBlocking();
            int n;
            try {
                n = in.read(buf);
            } catch (IOException e) {
                BurrowException cause = connection.failure(e); // the deadline, or a cancellation
                if (cause != null) {
                    throw cause;
                }
                truncated = true; // closed without close_notify, or reset: what arrived may be incomplete
                break;
            }
            if (n < 0) {
                connection.throwIfOver(); // closed under the read for the deadline or a cancellation
                break;
            }
            long room = maxBytes - size;
            int take = (int) Math.min(n, room);
            if (keep) {
                body.write(buf, 0, take);
            } else if (body.size() < 512) {
                body.write(buf, 0, Math.min(take, 512 - body.size()));
            }
            size += take;
            if (take < n) {
                truncated = true;
                break;
            }
        }
        return new Exchange(header, body.toByteArray(), size, truncated, session.getProtocol(), session.getCipherSuite(),
                verdict);
    }

    private static ResponseHeader readHeader(InputStream in, Connection connection) throws IOException {
        byte[] line = new byte[ResponseHeader.MAX_LINE_BYTES];
        int len = 0;
        while (true) {
            connection.beforeBlocking();
            int b = in.read();
            if (b < 0) {
                connection.throwIfOver(); // closed under the read for the deadline or a cancellation
                throw ResponseHeader.malformed(len == 0 ? "the connection closed before a header"
                        : "the header is not terminated by CRLF");
            }
            if (b == '\n') {
                int end = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
                return ResponseHeader.parse(Arrays.copyOf(line, end));
            }
            if (len == line.length) {
                throw ResponseHeader.malformed("the header is longer than " + ResponseHeader.MAX_LINE_BYTES + " bytes");
            }
            line[len++] = (byte) b;
        }
    }

    private static BurrowException failure(IOException e, Connection connection, boolean handshake) {
        BurrowException cause = connection.failure(e);
        if (cause != null) {
            return cause;
        }
        if (handshake || e instanceof SSLHandshakeException) {
            return new BurrowException(GeminiErrors.TLS_ERROR, "The TLS handshake failed",
                    "The server may not speak TLS 1.2 or 1.3, or closed the connection during the handshake.", e);
        }
        if (e instanceof SSLException) {
            return new BurrowException(GeminiErrors.TLS_ERROR, "A TLS error ended the connection", null, e);
        }
        return FetchException.failed("The connection failed: " + (e instanceof SocketException ? "network error"
                : "I/O error"), e);
    }

    private static X509Certificate leaf(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate x) {
                return x;
            }
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            // fall through
        }
        throw new BurrowException(GeminiErrors.TLS_ERROR, "The server presented no certificate");
    }

    private static String[] supported(String[] available) {
        List<String> out = new ArrayList<>();
        for (String p : PROTOCOLS) {
            if (Arrays.asList(available).contains(p)) {
                out.add(p);
            }
        }
        return out.toArray(String[]::new);
    }

    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }

    /** Accepts every server certificate: Gemini trusts on first use, checked after the handshake. */
    static final class AcceptAnyServer extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // TOFU, not CA validation
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // TOFU, not CA validation
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // TOFU, not CA validation
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** Presents one identity to any server that asks, whatever issuers it names (they are self-signed). */
    static final class IdentityKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "identity";
        private final ClientIdentityStore.Material material;

        IdentityKeyManager(ClientIdentityStore.Material material) {
            this.material = material;
        }

        private String alias(String[] keyTypes) {
            String alg = material.privateKey().getAlgorithm();
            if (keyTypes == null) {
                return ALIAS;
            }
            for (String t : keyTypes) {
                if (t.equalsIgnoreCase(alg) || (alg.equals("EC") && t.startsWith("EC"))) {
                    return ALIAS;
                }
            }
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return alias(keyType);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return alias(keyType);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return alias(new String[] {keyType}) == null ? null : new String[] {ALIAS};
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? new X509Certificate[] {material.certificate()} : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? material.privateKey() : null;
        }
    }

}
