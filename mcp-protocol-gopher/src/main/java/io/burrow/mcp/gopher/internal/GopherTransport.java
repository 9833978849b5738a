package io.burrow.mcp.gopher.internal;

import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.FetchException;
import io.burrow.mcp.core.net.Deadline;
import io.burrow.mcp.core.net.ResolvedTarget;
import io.burrow.mcp.gopher.GopherUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * One Gopher exchange over a blocking socket: connect to a checked address, send the request line,
 * read to EOF or to the size cap. Every blocking step takes its timeout from the one {@link Deadline}
 * (a slow-loris server that trickles bytes still hits it). Error messages are client-safe: they never
 * contain an address.
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

    /** Runs the exchange with the first checked address that accepts the connection. */
    public Response exchange(ResolvedTarget target, GopherUrl url, Deadline deadline, int maxBytes) {
        try (Socket socket = connect(target, deadline)) {
            OutputStream out = socket.getOutputStream();
            out.write(url.requestLine());
            out.flush();
            return read(socket, deadline, maxBytes);
        } catch (IOException e) {
            throw FetchException.failed("Connection failed while talking to the server", e);
        }
    }

    private static Socket connect(ResolvedTarget target, Deadline deadline) {
        IOException last = null;
        for (InetSocketAddress address : target.socketAddresses()) {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(address, deadline.remainingMillis());
                return socket;
            } catch (SocketTimeoutException e) {
                closeQuietly(socket);
                if (deadline.expired()) {
                    throw deadline.timeout();
                }
                last = e;
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
            } catch (RuntimeException e) {
                closeQuietly(socket);
                throw e;
            }
        }
        if (last instanceof SocketTimeoutException) {
            throw deadline.timeout();
        }
        String reason = last instanceof ConnectException ? "connection refused"
                : last instanceof NoRouteToHostException ? "no route to host"
                : last != null && String.valueOf(last.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("reset")
                        ? "connection reset" : "network error";
        throw new FetchException(ErrorCodes.FETCH_ERROR, "Connection failed: " + reason, last);
    }

    private static Response read(Socket socket, Deadline deadline, int maxBytes) throws IOException {
        InputStream in = socket.getInputStream();
        int limit = maxBytes + 1; // one byte more tells an oversize response from an exact fit
        byte[] buf = new byte[Math.min(limit, CHUNK)];
        int len = 0;
        while (len < limit) {
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(limit, (long) buf.length * 2));
            }
            socket.setSoTimeout(deadline.remainingMillis());
            int n;
            try {
                n = in.read(buf, len, buf.length - len);
            } catch (SocketTimeoutException e) {
                throw deadline.timeout();
            } catch (IOException e) {
                throw new FetchException(ErrorCodes.FETCH_ERROR, "Connection lost while reading the response", e);
            }
            if (n < 0) {
                break;
            }
            len += n;
            if (deadline.expired() && len < limit) {
                throw deadline.timeout();
            }
        }
        boolean overflow = len > maxBytes;
        return new Response(buf, Math.min(len, maxBytes), overflow);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
