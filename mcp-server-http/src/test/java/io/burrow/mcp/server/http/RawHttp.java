package io.burrow.mcp.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what the JDK client will not send: request targets as written
 * ({@code /./mcp}, {@code %2e}, absolute form), bodies that are not UTF-8, a chosen local address
 * (any of 127.0.0.0/8, to play several clients), and partial requests left hanging.
 */
final class RawHttp {

    /** A response as read off the wire; {@code status} 0 if the connection closed before a status line. */
    record Response(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The body as JSON; of an event stream, the last message. */
        JsonNode json() {
            String text = body;
            if (String.valueOf(header("Content-Type")).startsWith("text/event-stream")) {
                text = body.lines().filter(l -> l.startsWith("data:")).reduce((a, b) -> b).orElse("").substring(5);
            }
            try {
                return Json.parse(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body);
            }
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }

    private RawHttp() {
    }

    /** A connection from {@code localAddress} (for example 127.0.0.2) to 127.0.0.1:{@code port}. */
    static Socket connect(String localAddress, int port) {
        try {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setTcpNoDelay(true);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A POST of {@code body} to {@code target}, with the headers an MCP client sends. */
    static byte[] post(int port, String target, byte[] body, Map<String, String> headers) {
        StringBuilder head = new StringBuilder("POST ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Accept: application/json, text/event-stream\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    static byte[] post(int port, String target, String body, Map<String, String> headers) {
        return post(port, target, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** A GET of {@code target}. */
    static byte[] get(int port, String target) {
        return ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends {@code request} on a new connection from 127.0.0.1 and reads one response. */
    static Response exchange(int port, byte[] request) {
        return exchange("127.0.0.1", port, request, Duration.ofSeconds(20));
    }

    /** Sends {@code request} on a new connection from {@code localAddress} and reads one response. */
    static Response exchange(String localAddress, int port, byte[] request, Duration timeout) {
        try (Socket s = connect(localAddress, port)) {
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            return read(s, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads one response from {@code s}: status line, headers, then a body by Content-Length, chunked, or
     * up to the end of the stream.
     */
    static Response read(Socket s, Duration timeout) throws IOException {
        s.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        InputStream in = s.getInputStream();
        String statusLine = line(in);
        if (statusLine == null) {
            return new Response(0, Map.of(), "");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l; (l = line(in)) != null && !l.isEmpty(); ) {
            int colon = l.indexOf(':');
            if (colon > 0) {
                headers.merge(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = headers.get("content-length");
        if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length)));
        } else if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            for (String size; (size = line(in)) != null; ) {
                int n = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
                if (n == 0) {
                    line(in);
                    break;
                }
                body.write(in.readNBytes(n));
                line(in);
            }
        } else if (status >= 200 && status != 204 && status != 304) {
            in.transferTo(body);
        }
        return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    /** Whether the server closed {@code s} (end of stream or reset) within {@code timeout}, reading what it sent. */
    static boolean closedWithin(Socket s, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        try {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            while (true) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                s.setSoTimeout((int) Math.max(1, left / 1_000_000));
                try {
                    if (in.read(buf) < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    return false;
                }
            }
        } catch (IOException e) {
            return true; // reset
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }
}
