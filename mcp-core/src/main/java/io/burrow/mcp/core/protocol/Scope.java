package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where request ids are unique, so that {@code notifications/cancelled} can name a request and answers
 * to the server's own requests find their question: a stdio connection (both protocol generations) or
 * a 2025-11-25 HTTP session. Holds the session's negotiated state once {@code initialize} ran.
 */
abstract class Scope {

    private final Map<String, Running> inFlight = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> awaiting = new ConcurrentHashMap<>();
    private final AtomicLong outgoing = new AtomicLong();
    private final Object idle = new Object();
    volatile LegacySession session;
    volatile boolean closed;

    /** Registers a request under its id; {@code false} if a request with that id is still running. */
    boolean track(String id, Running running) {
        return inFlight.putIfAbsent(id, running) == null;
    }

    void untrack(String id, Running running) {
        if (inFlight.remove(id, running)) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Requests being answered, not counting open subscription streams. */
    int inFlight() {
        return (int) inFlight.values().stream().filter(r -> !r.longLived).count();
    }

    /** Waits until no request is running (open subscription streams aside), at most {@code millis}. */
    boolean awaitIdle(long millis) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        synchronized (idle) {
            while (inFlight() > 0) {
                long left = until - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                idle.wait(left);
            }
        }
        return true;
    }

    /** Cancels the request with this id, if it is still running. */
    void cancel(String id, String reason) {
        Running r = inFlight.get(id);
        if (r != null) {
            r.cancel(reason);
        }
    }

    /** A fresh id for a request the server sends to the client. */
    String nextOutgoingId() {
        return "burrow-" + outgoing.incrementAndGet();
    }

    /** Waits for the client's answer to the server's request {@code id}. */
    CompletableFuture<JsonNode> expect(String id) {
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        awaiting.put(id, f);
        f.whenComplete((v, e) -> awaiting.remove(id, f));
        return f;
    }

    /** The client answered the server's request {@code id} (a JSON-RPC response); unknown ids are ignored. */
    void answered(String id, JsonNode response) {
        CompletableFuture<JsonNode> f = awaiting.get(id);
        if (f != null) {
            f.complete(response);
        }
    }

    /** The transport the scope's client speaks over. */
    abstract Transport transport();

    /**
     * Delivers a message that belongs to no request (a list change, a resource update) to the session's
     * client: on stdio at once, over HTTP on the session's open GET stream if there is one.
     */
    abstract void deliver(ObjectNode message);

    /** Ends the scope: running requests are cancelled and the server's own questions go unanswered. */
    void close() {
        closed = true;
        List<Running> running = new ArrayList<>(inFlight.values());
        running.forEach(r -> r.cancel("the session ended"));
        awaiting.values().forEach(f -> f.cancel(false));
    }
}
