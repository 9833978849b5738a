package io.burrow.mcp.gopher.internal;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.FetchException;
import io.burrow.mcp.core.fetch.Connection;
import io.burrow.mcp.gopher.GopherUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * One Gopher exchange over a connection the backend's {@link io.burrow.mcp.core.fetch.Upstream} opened: send
 * the request line, read to EOF or to the size cap. Every blocking read takes its timeout from the fetch's
 * deadline (a slow-loris server that trickling bytes still hits it), and the connection is closed under
 * the read when the deadline passes or the request is cancelled. Error messages are client-safe: they
 * never contain an address.
 */
public final class GopherTransport {

    /**
     * The bytes read.
     *
     * @param data the buffer; the first {@code length} bytes are the response
     * @param length the number of bytes kept (at most the cap)
     * @param overflow whether the server sent more than the cap (the rest was not read)
     */
    public record Response(byte[] data, int length, boolean overflow) {
    }

    private static final int CHUNK = 16 * 1024;

    /** Runs the exchange on an open connection. */
    public Response exchange(Connection connection, GopherUrl url, int maxBytes) {
        try {
            connection.beforeBlocking();
            OutputStream out = connection.socket().getOutputStream();
            out.write(url.requestLine());
            out.flush();
            return read(connection, maxBytes);
        } catch (IOException e) {
            BurrowException cause = connection.failure(e);
            throw cause != null ? cause : FetchException.failed("Connection failed while talking to the server", e);
        }
    }

    private static Response read(Connection connection, int maxBytes) throws IOException {
        InputStream in = connection.socket().getInputStream();
        int limit = maxBytes + 1; // one byte more tells an oversize response from an exact fit
        byte[] buf = new byte[Math.min(limit, CHUNK)];
        int len = 0;
        while (len < limit) {
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(limit, (long) buf.length * 2));
            }
            connection.beforeBlocking();
            int n;
            try {
                n = in.read(buf, len, buf.length - len);
            } catch (IOException e) {
                BurrowException cause = connection.failure(e);
                throw cause != null ? cause
                        : new FetchException(ErrorCodes.FETCH_ERROR, "Connection lost while reading the response", e);
            }
            if (n < 0) {
                connection.throwIfOver(); // closed under the read for the deadline or a cancellation
                break;
            }
            len += n;
            if (connection.deadline().expired() && len < limit) {
                throw connection.deadline().timeout();
            }
        }
        boolean overflow = len > maxBytes;
        return new Response(buf, Math.min(len, maxBytes), overflow);
    }
}
