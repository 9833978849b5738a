package io.burrow.mcp.testkit.gemini;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * A scripted response of {@link FakeGeminiServer}: a header and body, or raw bytes, with optional
 * failure effects. Immutable; the {@code with…} methods return modified copies.
 *
 * <pre>{@code
 * server.enqueue(GeminiResponse.success("text/gemini", "# Hello\n=> /next Next\n"));
 * server.enqueue(GeminiResponse.of(30, "/moved"));
 * server.enqueue(GeminiResponse.success("text/plain", "slow").withTrickle(2, Duration.ofMillis(50)));
 * server.enqueue(GeminiResponse.raw("garbage\r\n"));       // malformed header
 * server.enqueue(GeminiResponse.stall());                   // never answers
 * server.enqueue(GeminiResponse.endless("text/plain"));     // body without end
 * }</pre>
 */
public final class GeminiResponse {

    private final byte[] payload;
    private final boolean stall;
    private final boolean endless;
    private final int trickleBytes;
    private final Duration trickleDelay;
    private final int closeAfterBytes;

    private GeminiResponse(byte[] payload, boolean stall, boolean endless, int trickleBytes, Duration trickleDelay,
            int closeAfterBytes) {
        this.payload = payload;
        this.stall = stall;
        this.endless = endless;
        this.trickleBytes = trickleBytes;
        this.trickleDelay = trickleDelay;
        this.closeAfterBytes = closeAfterBytes;
    }

    /** A header without body: {@code status meta\r\n} (input, redirect, failure and certificate statuses). */
    public static GeminiResponse of(int status, String meta) {
        return raw(header(status, meta));
    }

    /** Status 20 with a MIME type and a UTF-8 body. */
    public static GeminiResponse success(String mimeType, String body) {
        return success(mimeType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Status 20 with a MIME type and a body. */
    public static GeminiResponse success(String mimeType, byte[] body) {
        byte[] h = header(20, mimeType);
        byte[] all = Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return new GeminiResponse(all, false, false, 0, Duration.ZERO, -1);
    }

    /** Exactly these bytes, e.g. a malformed header. */
    public static GeminiResponse raw(String bytes) {
        return raw(bytes.getBytes(StandardCharsets.UTF_8));
    }

    /** Exactly these bytes. */
    public static GeminiResponse raw(byte[] bytes) {
        return new GeminiResponse(bytes.clone(), false, false, 0, Duration.ZERO, -1);
    }

    /** Reads the request, then sends nothing until the client gives up or the server closes. */
    public static GeminiResponse stall() {
        return new GeminiResponse(new byte[0], true, false, 0, Duration.ZERO, -1);
    }

    /** Status 20 with this MIME type and a body that never ends (until the client closes the connection). */
    public static GeminiResponse endless(String mimeType) {
        return new GeminiResponse(header(20, mimeType), false, true, 0, Duration.ZERO, -1);
    }

    private static byte[] header(int status, String meta) {
        if (status < 0 || status > 99) {
            throw new IllegalArgumentException("status must have two digits");
        }
        return (String.format("%02d", status) + (meta == null ? "" : " " + meta) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Sends the payload {@code bytes} at a time with {@code delay} between chunks. */
    public GeminiResponse withTrickle(int bytes, Duration delay) {
        if (bytes < 1) {
            throw new IllegalArgumentException("bytes must be >= 1");
        }
        return new GeminiResponse(payload, stall, endless, bytes, Objects.requireNonNull(delay), closeAfterBytes);
    }

    /**
     * Sends only the first {@code bytes} of the payload, then closes the TCP connection abruptly (a reset,
     * without TLS close_notify): a response cut mid-way.
     */
    public GeminiResponse withCloseAfter(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0");
        }
        return new GeminiResponse(payload, stall, endless, trickleBytes, trickleDelay, bytes);
    }

    byte[] payload() {
        return payload;
    }

    boolean stalls() {
        return stall;
    }

    boolean endless() {
        return endless;
    }

    int trickleBytes() {
        return trickleBytes;
    }

    Duration trickleDelay() {
        return trickleDelay;
    }

    int closeAfterBytes() {
        return closeAfterBytes;
    }

    @Override
    public String toString() {
        int end = 0;
        while (end < payload.length && payload[end] != '\n') {
            end++;
        }
        return "GeminiResponse[" + new String(payload, 0, end, StandardCharsets.UTF_8).strip()
                + (stall ? ", stall" : "") + (endless ? ", endless" : "") + "]";
    }
}
