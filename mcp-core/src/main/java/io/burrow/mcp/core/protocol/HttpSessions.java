package io.burrow.mcp.core.protocol;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 2025-11-25 sessions of one Streamable HTTP endpoint: created by {@code initialize}, named by the
 * {@code Mcp-Session-Id} header, capped in number and ended after an idle timeout (or by DELETE).
 */
final class HttpSessions {

    private static final Logger LOG = LoggerFactory.getLogger(HttpSessions.class);
    private final ThrottledLog refused = new ThrottledLog(LOG, Duration.ofSeconds(10));
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String HEADER = "Mcp-Session-Id";
    /** The server holds as many 2025-11-25 sessions as it may. */
    static final io.burrow.mcp.core.ErrorCode TOO_MANY_SESSIONS = io.burrow.mcp.core.ErrorCode.unavailable("TOO_MANY_SESSIONS");

    private final Engine engine;
    private final boolean stateless;
    private final int max;
    private final Duration idleTimeout;
    private final Map<String, HttpSession> sessions = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> sweeper;

    HttpSessions(Engine engine, boolean stateless, int max, Duration idleTimeout) {
        this.engine = engine;
        this.stateless = stateless;
        this.max = max;
        this.idleTimeout = idleTimeout;
        long every = Math.max(1, Math.min(30, idleTimeout.toSeconds() / 4));
        this.sweeper = stateless ? null
                : engine.timer().scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.SECONDS);
    }

    boolean stateless() {
        return stateless;
    }

    int size() {
        return sessions.size();
    }

    /**
     * The session an exchange names with its {@code Mcp-Session-Id} header, or {@code null} if it names none.
     *
     * @throws RpcException (HTTP 404) if it names a session that does not exist (any more)
     */
    HttpSession find(Exchange ex) {
        String id = ex.header(HEADER);
        if (id == null || stateless) {
            return null;
        }
        HttpSession s = sessions.get(id);
        if (s == null) {
            throw new RpcException(Rpc.SESSION_NOT_FOUND, "Session not found: it ended or expired; "
                    + "send initialize again to start a new one", null, 404);
        }
        s.touch();
        return s;
    }

    /**
     * A new session for {@code client}.
     *
     * @throws RpcException (HTTP 503) when the server holds as many sessions as it may
     */
    synchronized HttpSession create(Client client) { // the cap check and the put, together
        if (sessions.size() >= max) {
            sweep();
            if (sessions.size() >= max) {
                refused.warn("refused a new session: {} sessions open (BURROW_HTTP_MAX_SESSIONS)", sessions.size());
                throw new RpcException(-32000, "Too many sessions: the server holds " + max + " open sessions. "
                        + "End unused ones (HTTP DELETE with their Mcp-Session-Id), retry later, or use the sessionless "
                        + "2026-07-28 protocol", Engine.errorData(TOO_MANY_SESSIONS, null), 503);
            }
        }
        byte[] raw = new byte[18];
        RANDOM.nextBytes(raw);
        HttpSession s = new HttpSession(Base64.getUrlEncoder().withoutPadding().encodeToString(raw), client.id());
        sessions.put(s.id, s);
        engine.register(s);
        return s;
    }

    /** Ends a session (DELETE); {@code false} if there is none by that id. */
    boolean end(String id) {
        HttpSession s = id == null ? null : sessions.remove(id);
        if (s == null) {
            return false;
        }
        engine.unregister(s);
        s.close();
        return true;
    }

    /** Makes {@code exchange} the GET stream of a session; {@code false} if there is none by that id. */
    boolean stream(String id, Exchange exchange) {
        HttpSession s = id == null ? null : sessions.get(id);
        if (s == null) {
            return false;
        }
        s.touch();
        s.stream(exchange);
        return true;
    }

    /** Ends the sessions idle for longer than the timeout (no request running, no stream open). */
    void sweep() {
        long now = System.nanoTime();
        List<String> idle = new ArrayList<>();
        sessions.forEach((id, s) -> {
            if (s.inFlight() == 0 && !s.hasStream() && now - s.lastSeenNanos > idleTimeout.toNanos()) {
                idle.add(id);
            }
        });
        if (!idle.isEmpty()) {
            LOG.debug("ending {} idle session(s)", idle.size());
            idle.forEach(this::end);
        }
    }

    /** Ends every session. */
    void close() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        new ArrayList<>(sessions.keySet()).forEach(this::end);
    }
}
