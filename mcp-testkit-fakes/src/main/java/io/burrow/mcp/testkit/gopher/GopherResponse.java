package io.burrow.mcp.testkit.gopher;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A scripted answer of a {@link FakeGopherServer}: the bytes to send and how to send them. Immutable;
 * the {@code with…} methods return modified copies.
 *
 * <pre>{@code
 * GopherResponse.text("Hello\r\n");                          // a file, sent as is, then the connection closes
 * GopherResponse.dotTerminatedText("a\r\n.\r\nb\r\n");      // dot-stuffed and ended with ".\r\n"
 * GopherResponse.menu("0About\t/about.txt\t127.0.0.1\t70"); // menu lines + ".\r\n"
 * GopherResponse.bytes(png).withThrottle(16, Duration.ofMillis(50)); // trickled: 16 bytes every 50 ms
 * GopherResponse.text("x".repeat(1000)).withCloseAfter(100);          // closed mid-response
 * GopherResponse.stall();                                   // reads the request, never answers
 * GopherResponse.endless("spam\r\n");                       // streams until the client hangs up
 * GopherResponse.refuse();                                  // resets the connection before reading
 * }</pre>
 */
public final class GopherResponse {

    enum Mode { NORMAL, STALL, ENDLESS, REFUSE }

    private final byte[] body;
    private final Mode mode;
    private final Duration delay;
    private final int throttleBytes;
    private final Duration throttlePeriod;
    private final int closeAfter;
    private final boolean reset;

    private GopherResponse(byte[] body, Mode mode, Duration delay, int throttleBytes, Duration throttlePeriod,
            int closeAfter, boolean reset) {
        this.body = body;
        this.mode = mode;
        this.delay = delay;
        this.throttleBytes = throttleBytes;
        this.throttlePeriod = throttlePeriod;
        this.closeAfter = closeAfter;
        this.reset = reset;
    }

    private static GopherResponse of(byte[] body, Mode mode) {
        return new GopherResponse(body, mode, Duration.ZERO, 0, Duration.ZERO, -1, false);
    }

    /** These exact bytes, then the server closes the connection. */
    public static GopherResponse bytes(byte[] body) {
        return of(body.clone(), Mode.NORMAL);
    }

    /** Text sent as UTF-8 exactly as given (no terminator, no dot-stuffing), as Gophernicus serves files. */
    public static GopherResponse text(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8), Mode.NORMAL);
    }

    /**
     * Text framed as RFC 1436 describes: LF becomes CRLF, lines starting with {@code .} are
     * dot-stuffed, and a {@code .} line ends it.
     */
    public static GopherResponse dotTerminatedText(String text) {
        StringBuilder b = new StringBuilder();
        String normalised = text.replace("\r\n", "\n");
        if (normalised.endsWith("\n")) {
            normalised = normalised.substring(0, normalised.length() - 1);
        }
        for (String line : normalised.split("\n", -1)) {
            b.append(line.startsWith(".") ? "." + line : line).append("\r\n");
        }
        b.append(".\r\n");
        return of(b.toString().getBytes(StandardCharsets.UTF_8), Mode.NORMAL);
    }

    /** Menu lines (TAB-separated fields, without line ends), each followed by CRLF, then {@code .}. */
    public static GopherResponse menu(String... lines) {
        return menu(Arrays.asList(lines));
    }

    /** Menu lines, each followed by CRLF, then {@code .}. */
    public static GopherResponse menu(List<String> lines) {
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            b.append(line).append("\r\n");
        }
        b.append(".\r\n");
        return of(b.toString().getBytes(StandardCharsets.UTF_8), Mode.NORMAL);
    }

    /** Reads the request, then sends nothing and keeps the connection open until the server closes. */
    public static GopherResponse stall() {
        return of(new byte[0], Mode.STALL);
    }

    /** Sends {@code chunk} over and over until the client disconnects or the server closes. */
    public static GopherResponse endless(String chunk) {
        return endless(chunk.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code chunk} over and over until the client disconnects or the server closes. */
    public static GopherResponse endless(byte[] chunk) {
        if (chunk.length == 0) {
            throw new IllegalArgumentException("chunk must not be empty");
        }
        return of(chunk.clone(), Mode.ENDLESS);
    }

    /**
     * Resets the connection as soon as it is accepted, before reading anything: the client sees a
     * connection reset. (For "connection refused", connect to {@link FakeGopherServer#closedPort()}.)
     */
    public static GopherResponse refuse() {
        return of(new byte[0], Mode.REFUSE);
    }

    /** Waits this long after reading the request before the first byte. */
    public GopherResponse withDelay(Duration delay) {
        return new GopherResponse(body, mode, Objects.requireNonNull(delay), throttleBytes, throttlePeriod, closeAfter,
                reset);
    }

    /** Sends {@code bytes} bytes, then sleeps {@code period}, until done: a slow (slow-loris) server. */
    public GopherResponse withThrottle(int bytes, Duration period) {
        if (bytes < 1) {
            throw new IllegalArgumentException("bytes must be >= 1");
        }
        return new GopherResponse(body, mode, delay, bytes, Objects.requireNonNull(period), closeAfter, reset);
    }

    /** Closes the connection (FIN) after sending {@code bytes} bytes of the body. */
    public GopherResponse withCloseAfter(int bytes) {
        return new GopherResponse(body, mode, delay, throttleBytes, throttlePeriod, bytes, false);
    }

    /** Resets the connection (RST) after sending {@code bytes} bytes of the body. */
    public GopherResponse withResetAfter(int bytes) {
        return new GopherResponse(body, mode, delay, throttleBytes, throttlePeriod, bytes, true);
    }

    /** The body bytes (a copy). */
    public byte[] body() {
        return body.clone();
    }

    byte[] rawBody() {
        return body;
    }

    Mode mode() {
        return mode;
    }

    Duration delay() {
        return delay;
    }

    int throttleBytes() {
        return throttleBytes;
    }

    Duration throttlePeriod() {
        return throttlePeriod;
    }

    int closeAfter() {
        return closeAfter;
    }

    boolean reset() {
        return reset;
    }

    @Override
    public String toString() {
        return "GopherResponse[" + mode + ", " + body.length + " bytes]";
    }
}
