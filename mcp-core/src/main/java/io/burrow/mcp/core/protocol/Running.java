package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.net.Deadline;
import io.burrow.mcp.core.spi.Cancellation;
import io.burrow.mcp.core.spi.ClientRequest;
import io.burrow.mcp.core.spi.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request being answered: it ends exactly once, with a result, an error, or (when the client
 * cancelled) nothing; and it offers the handler its channels back to the client (progress, log,
 * questions, cancellation, deadline) in the protocol generation the request came in.
 */
final class Running implements RequestContext, Cancellation {

    private static final Logger LOG = LoggerFactory.getLogger(Running.class);

    /** The two protocol generations. */
    enum Era { LEGACY, MODERN }

    final Engine engine;
    final Exchange exchange;
    final Scope scope;
    final Era era;
    final JsonNode id;
    final String method;
    final ObjectNode params;
    final Deadline deadline;
    private final JsonNode progressToken;
    private final LogLevels.Level modernLogLevel;
    private final ObjectNode clientCapabilities;
    private final String clientName;
    /** 2026-07-28: answers from earlier rounds and this one, by key. */
    private final ObjectNode answers;
    private final AtomicBoolean done = new AtomicBoolean();
    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;
    private Thread worker; // guarded by this
    private ScheduledFuture<?> timeout;
    private double lastProgress = Double.NEGATIVE_INFINITY;
    /** An open subscription stream rather than a request awaiting its answer. */
    volatile boolean longLived;
    /** What telemetry records of it. */
    final Observation observation;

    Running(Engine engine, Exchange exchange, Scope scope, Era era, JsonNode id, String method, ObjectNode params,
            Deadline deadline, ObjectNode clientCapabilities, String clientName, LogLevels.Level modernLogLevel,
            ObjectNode answers, Observation observation) {
        this.engine = engine;
        this.exchange = exchange;
        this.scope = scope;
        this.era = era;
        this.id = id;
        this.method = method;
        this.params = params;
        this.deadline = deadline;
        this.clientCapabilities = clientCapabilities;
        this.clientName = clientName;
        this.modernLogLevel = modernLogLevel;
        this.answers = answers;
        this.observation = observation;
        JsonNode token = params.path("_meta").get("progressToken");
        this.progressToken = token != null && (token.isTextual() || token.isIntegralNumber()) ? token : null;
    }

    String idKey() {
        return id.toString();
    }

    boolean isDone() {
        return done.get();
    }

    void timeoutAfter(ScheduledFuture<?> future) {
        this.timeout = future;
    }

    // ---- ending -------------------------------------------------------------------------------

    /** Whether this thread ends the request (only the first of answer, error, cancel and timeout does). */
    private boolean claim() {
        return done.compareAndSet(false, true);
    }

    /** After the end was sent: the request no longer counts as in flight. */
    private void release() {
        ScheduledFuture<?> t = timeout;
        if (t != null) {
            t.cancel(false);
        }
        if (scope != null) {
            scope.untrack(idKey(), this);
        }
    }

    /** Answers with {@code result} (decorated for the request's protocol generation). */
    void reply(ObjectNode result) {
        reply(result, Reply.OK);
    }

    void reply(ObjectNode result, Reply how) {
        if (claim()) {
            sendResult(result, how);
        }
    }

    /** Answers with a JSON-RPC error. */
    void fail(RpcException e) {
        if (claim()) {
            sendError(e);
        }
    }

    private void sendResult(ObjectNode result, Reply how) {
        try {
            ObjectNode message;
            try {
                engine.decorate(this, result);
                message = Rpc.response(id, result);
            } catch (RuntimeException | Error e) { // the answer could not be built: the request is still answered
                LOG.error("request {} {}: building the answer failed", method, idKey(), e);
                RpcException internal = new RpcException(Rpc.INTERNAL_ERROR, "Internal error",
                        Engine.errorData(ErrorCodes.INTERNAL_ERROR, "The server log has the details."), 500);
                observation.error(internal);
                exchange.reply(Rpc.error(id, internal.code, internal.getMessage(), internal.data), Reply.status(500));
                return;
            }
            try {
                exchange.reply(message, how);
            } finally {
                observation.result(result); // after the answer left: the client does not wait for the bookkeeping
            }
        } finally {
            release();
        }
    }

    private void sendError(RpcException e) {
        try {
            try {
                exchange.reply(Rpc.error(id, e.code, e.getMessage(), e.data), Reply.status(e.httpStatus));
            } finally {
                observation.error(e);
            }
        } finally {
            release();
        }
    }

    /** The client cancelled: stop the work and send nothing. */
    void cancel(String reason) {
        boolean mine = claim(); // first, so that the work cannot answer once it is stopped
        cancelled = true;
        stopWork();
        if (mine) {
            try {
                LOG.debug("request {} {} cancelled: {}", method, idKey(), reason);
                observation.cancelled();
                exchange.abandon();
            } finally {
                release();
            }
        }
    }

    /** The deadline passed: stop the work and answer with a timeout. */
    void expire() {
        if (!claim()) {
            return;
        }
        cancelled = true;
        stopWork();
        String message = "The request did not finish within " + engine.requestTimeout().toSeconds() + " seconds";
        if ("tools/call".equals(method)) {
            sendResult(Dispatcher.errorResult(new BurrowException(ErrorCodes.TIMEOUT, message,
                    "Try again later, or narrow the request.")), Reply.OK);
        } else {
            sendError(new RpcException(Rpc.INTERNAL_ERROR, message, Engine.errorData(ErrorCodes.TIMEOUT, null), 200));
        }
    }

    private void stopWork() {
        for (Runnable r : onCancel) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.debug("a cancellation callback failed", e);
            }
        }
        synchronized (this) {
            if (worker != null) {
                worker.interrupt();
            }
        }
    }

    /** Marks the thread running the handler (so cancellation can interrupt it), or clears it. */
    void runningOn(Thread thread) {
        synchronized (this) {
            worker = thread;
        }
        if (thread == null) {
            Thread.interrupted(); // an interrupt meant for this request must not leak into the pool's next task
        }
    }

    // ---- RequestContext -------------------------------------------------------------------------

    @Override
    public boolean progressRequested() {
        return progressToken != null;
    }

    @Override
    public synchronized void progress(double progress, Double total, String message) {
        if (progressToken == null || progress <= lastProgress || isDone()) {
            return;
        }
        lastProgress = progress;
        ObjectNode p = Wire.object();
        p.set("progressToken", progressToken);
        p.put("progress", progress);
        if (total != null) {
            p.put("total", total);
        }
        Wire.putIfSet(p, "message", message);
        exchange.send(Rpc.notification("notifications/progress", p));
    }

    @Override
    public void log(LogLevel level, String message) {
        LogLevels.Level threshold = era == Era.MODERN ? modernLogLevel
                : scope != null && scope.session != null ? scope.session.logLevel : null;
        LogLevels.Level l = LogLevels.of(level);
        if (threshold == null || l.compareTo(threshold) < 0 || isDone()) {
            return;
        }
        ObjectNode p = Wire.object().put("level", LogLevels.wire(l)).put("logger", "burrow");
        p.put("data", message);
        exchange.send(Rpc.notification("notifications/message", p));
    }

    @Override
    public String clientId() {
        return exchange.client().id();
    }

    @Override
    public Optional<String> clientName() {
        return Optional.ofNullable(clientName);
    }

    @Override
    public boolean remote() {
        return exchange.client().remote();
    }

    @Override
    public Cancellation cancellation() {
        return this;
    }

    @Override
    public Deadline deadline() {
        return deadline;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public Registration onCancel(Runnable action) {
        onCancel.add(action);
        if (cancelled) {
            action.run();
        }
        return () -> onCancel.remove(action);
    }

    @Override
    public Map<String, ObjectNode> askAll(List<ClientRequest> requests) {
        List<ClientRequest> keyed = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            ClientRequest r = requests.get(i);
            keyed.add(r.key() != null ? r : new ClientRequest("input-" + (i + 1), r.method(), r.params()));
        }
        return era == Era.MODERN ? askModern(keyed) : askLegacy(keyed);
    }

    @Override
    public boolean clientSupports(String capability) {
        return clientCapabilities != null && clientCapabilities.path(capability).isObject();
    }

    /** 2026-07-28: answers given so far, or an input-required result for the questions still open. */
    private Map<String, ObjectNode> askModern(List<ClientRequest> requests) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        Map<String, ClientRequest> open = new LinkedHashMap<>();
        for (ClientRequest r : requests) {
            if (!clientSupports(r.capability())) {
                continue;
            }
            JsonNode answer = answers == null ? null : answers.get(r.key());
            if (answer != null && validAnswer(r, answer)) {
                out.put(r.key(), (ObjectNode) answer);
            } else {
                open.put(r.key(), r);
            }
        }
        if (!open.isEmpty()) {
            throw new InputRequired(open);
        }
        return out;
    }

    /** Whether a client's answer has the shape of a result of the request's method. */
    static boolean validAnswer(ClientRequest r, JsonNode answer) {
        if (!answer.isObject()) {
            return false;
        }
        return switch (r.method()) {
            case ClientRequest.ELICIT -> answer.path("action").isTextual()
                    && List.of("accept", "decline", "cancel").contains(answer.path("action").asText())
                    && (answer.get("content") == null || answer.get("content").isObject());
            case ClientRequest.SAMPLE -> answer.path("content").isObject() || answer.path("content").isArray();
            default -> answer.path("roots").isArray();
        };
    }

    /** The answers this request holds for sealing into an input-required result's state. */
    ObjectNode answers() {
        return answers == null ? Wire.object() : answers;
    }

    /** 2025-11-25: server-to-client requests on the session, answered while the handler waits. */
    private Map<String, ObjectNode> askLegacy(List<ClientRequest> requests) {
        LegacySession session = scope == null ? null : scope.session;
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        if (session == null || isDone()) {
            return out;
        }
        Map<String, CompletableFuture<JsonNode>> waiting = new LinkedHashMap<>();
        for (ClientRequest r : requests) {
            if (!session.clientCan(r.capability())) {
                continue;
            }
            String outId = scope.nextOutgoingId();
            CompletableFuture<JsonNode> f = scope.expect(outId);
            waiting.put(r.key(), f);
            exchange.send(Rpc.request(Wire.object().textNode(outId), r.method(), r.params()));
        }
        try {
            for (Map.Entry<String, CompletableFuture<JsonNode>> e : waiting.entrySet()) {
                JsonNode response = e.getValue().get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
                JsonNode result = response.get("result");
                if (result != null && result.isObject()) {
                    out.put(e.getKey(), (ObjectNode) result);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BurrowException(ErrorCodes.CANCELLED, "The request was cancelled");
        } catch (TimeoutException e) {
            throw deadline.timeout();
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            throw new BurrowException(ErrorCodes.CANCELLED, "The session ended while waiting for the client");
        } finally {
            waiting.values().forEach(f -> f.cancel(false));
        }
        return out;
    }
}
