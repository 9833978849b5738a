package io.burrow.mcp.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.protocol.Client;
import io.burrow.mcp.core.protocol.Exchange;
import io.burrow.mcp.core.protocol.Reply;
import io.burrow.mcp.core.protocol.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One POST (or GET stream) and its response: a single JSON body if the answer comes first, or an event
 * stream ({@code text/event-stream}) once a message must go out before it (progress, a question to the
 * client, a subscription event) or the request runs longer than a heartbeat. Writes from any thread
 * are queued and written in order, without blocking the caller.
 */
final class HttpExchange implements Exchange {

    private static final Logger LOG = LoggerFactory.getLogger(HttpExchange.class);
    private static final ObjectWriter WRITER = Json.writer();
    private static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.US_ASCII);

    private enum State { PENDING, STREAMING, DONE }

    private final Request request;
    private final Response response;
    private final Client client;
    private final boolean acceptsStream;
    private final Writer writer;
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();
    private final Runnable ended;
    final long startedNanos = System.nanoTime();
    private State state = State.PENDING;
    private long lastWriteNanos = startedNanos;
    private volatile boolean longLived;
    private volatile boolean closed;

    /**
     * @param ended runs once when the exchange has ended, however it ended
     */
    HttpExchange(Request request, Response response, Callback callback, Client client, Runnable ended) {
        this.request = request;
        this.response = response;
        this.client = client;
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        this.acceptsStream = accept == null || accept.contains("text/event-stream") || accept.contains("*/*");
        this.ended = ended;
        this.writer = new Writer(callback);
        request.addFailureListener(failure -> clientGone());
    }

    @Override
    public Transport transport() {
        return Transport.HTTP;
    }

    @Override
    public Client client() {
        return client;
    }

    @Override
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    boolean isLongLived() {
        return longLived;
    }

    @Override
    public void longLived() {
        longLived = true;
    }

    @Override
    public void send(JsonNode message) {
        synchronized (this) {
            if (state == State.DONE || !startStream()) {
                return;
            }
            lastWriteNanos = System.nanoTime();
            writer.offer(event(message), false);
        }
    }

    /**
     * The answer. The exchange ends here, once, whatever happens while the answer is written: if writing
     * throws (even an Error, such as a fault of memory-mapped file access the JVM raises in whatever the
     * faulting thread runs next), the response is failed and the connection closed, never left open.
     */
    @Override
    public void reply(JsonNode message, Reply reply) {
        boolean end = false;
        try {
            synchronized (this) {
                if (state == State.DONE) {
                    return;
                }
                State was = state;
                state = State.DONE;
                end = true;
                try {
                    if (was == State.PENDING) {
                        response.setStatus(reply.httpStatus());
                        headers("application/json");
                        if (reply.sessionId() != null) {
                            response.getHeaders().put("Mcp-Session-Id", reply.sessionId());
                        }
                        if (reply.httpStatus() >= 400 && message.path("error").isObject()) {
                            markStatus(message, reply.httpStatus());
                        }
                        byte[] body = json(message);
                        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
                        writer.offer(ByteBuffer.wrap(body), true);
                    } else {
                        writer.offer(event(message), true);
                    }
                } catch (Throwable e) {
                    writer.abort(e);
                    throw e;
                }
            }
        } finally {
            if (end) {
                ended.run();
            }
        }
    }

    @Override
    public void accepted() {
        endEmpty(202);
    }

    @Override
    public void abandon() {
        endEmpty(200);
    }

    /** Ends the exchange with no message: an empty event stream, or a bare status if nothing was sent. */
    private void endEmpty(int status) {
        boolean end = false;
        try {
            synchronized (this) {
                if (state == State.DONE) {
                    return;
                }
                State was = state;
                state = State.DONE;
                end = true;
                try {
                    if (was == State.PENDING) {
                        response.setStatus(status);
                        if (status == 200) {
                            headers("text/event-stream");
                        }
                        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
                    }
                    writer.offer(ByteBuffer.allocate(0), true);
                } catch (Throwable e) {
                    writer.abort(e);
                    throw e;
                }
            }
        } finally {
            if (end) {
                ended.run();
            }
        }
    }

    @Override
    public void onClose(Runnable action) {
        onClose.add(action);
        if (closed) {
            action.run();
        }
    }

    /**
     * Keeps an open exchange alive: a stream gets a comment line; a request still waiting for its answer
     * after {@code afterNanos} becomes a stream. A client that went away shows as a failed write.
     */
    void heartbeat(long afterNanos) {
        synchronized (this) {
            if (state == State.DONE) {
                return;
            }
            if (System.nanoTime() - lastWriteNanos < afterNanos || !startStream()) {
                return;
            }
            lastWriteNanos = System.nanoTime();
            writer.offer(ByteBuffer.wrap(HEARTBEAT), false);
        }
    }

    /** Switches to an event stream if still pending; whether the exchange is (now) a stream. Holds the lock. */
    private boolean startStream() {
        if (state == State.STREAMING) {
            return true;
        }
        if (!acceptsStream) {
            return false;
        }
        response.setStatus(200);
        headers("text/event-stream");
        response.getHeaders().put("X-Accel-Buffering", "no");
        state = State.STREAMING;
        return true;
    }

    private void headers(String contentType) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    /** Adds the HTTP status to an error's {@code data}, as every error body of this transport carries it. */
    private static void markStatus(JsonNode message, int status) {
        ObjectNode error = (ObjectNode) message.get("error");
        JsonNode data = error.get("data");
        if (data == null || data.isNull()) {
            error.putObject("data").put("status", status);
        } else if (data.isObject()) {
            ((ObjectNode) data).put("status", status);
        }
    }

    private static ByteBuffer event(JsonNode message) {
        byte[] json = json(message);
        byte[] head = "event: message\ndata: ".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(head.length + json.length + 2);
        b.put(head).put(json).put((byte) '\n').put((byte) '\n').flip();
        return b;
    }

    private static byte[] json(JsonNode message) {
        try {
            return WRITER.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client closed the connection or stopped reading: whoever waits on this exchange hears of it. */
    private void clientGone() {
        if (closed) {
            return;
        }
        closed = true;
        boolean wasOpen;
        synchronized (this) {
            wasOpen = state != State.DONE;
            state = State.DONE;
        }
        onClose.forEach(r -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.debug("a close callback failed", e);
            }
        });
        if (wasOpen) {
            ended.run();
        }
    }

    /** Writes queued buffers one at a time, in order, then completes the request's callback. */
    private final class Writer extends IteratingCallback {
        private final Callback callback;
        private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
        private boolean lastQueued;
        private boolean lastWritten;

        Writer(Callback callback) {
            this.callback = callback;
        }

        void offer(ByteBuffer buffer, boolean last) {
            synchronized (queue) {
                if (lastQueued) {
                    return;
                }
                queue.add(buffer);
                lastQueued = last;
            }
            iterate();
        }

        @Override
        protected Action process() {
            ByteBuffer next;
            boolean last;
            synchronized (queue) {
                if (lastWritten) {
                    return Action.SUCCEEDED;
                }
                next = queue.poll();
                if (next == null) {
                    return Action.IDLE;
                }
                last = lastQueued && queue.isEmpty();
                lastWritten = last;
            }
            response.write(last, next, this);
            return Action.SCHEDULED;
        }

        @Override
        protected void onCompleteSuccess() {
            callback.succeeded();
        }

        @Override
        protected void onCompleteFailure(Throwable cause) {
            LOG.debug("writing a response failed", cause);
            try {
                callback.failed(cause);
            } catch (Throwable e) {
                LOG.debug("failing the response failed", e);
            } finally {
                // the response is broken: close the connection, so that the client is not left waiting for it
                try {
                    request.getConnectionMetaData().getConnection().getEndPoint().close(cause);
                } catch (RuntimeException e) {
                    LOG.debug("closing the connection failed", e);
                }
                clientGone();
            }
        }
    }
}
