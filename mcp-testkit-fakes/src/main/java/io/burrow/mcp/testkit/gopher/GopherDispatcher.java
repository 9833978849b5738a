package io.burrow.mcp.testkit.gopher;

/**
 * Chooses the response to each request of a {@link FakeGopherServer}. The default dispatcher serves
 * the {@linkplain FakeGopherServer#enqueue enqueued} responses in order; install your own with
 * {@link FakeGopherServer#setDispatcher} to answer by selector:
 *
 * <pre>{@code
 * server.dispatcher(request -> switch (request.selector()) {
 *     case "" -> server.menu().item('0', "About", "/about.txt").build();
 *     case "/about.txt" -> GopherResponse.text("Hello\r\n");
 *     default -> GopherResponse.text("Error: not found\r\n");
 * });
 * }</pre>
 *
 * Called on the server's connection threads, possibly concurrently: implementations must be thread-safe.
 */
@FunctionalInterface
public interface GopherDispatcher {

    /** The response to a request. Must not return {@code null}. */
    GopherResponse dispatch(RecordedGopherRequest request) throws InterruptedException;

    /**
     * The response the next connection will get, if it is known before its request is read, or
     * {@code null}. Only {@link GopherResponse#refuse()} uses it: a refused connection is reset
     * before anything is read.
     */
    default GopherResponse peek() {
        return null;
    }
}
