package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An observer whose failures stay its own: whatever it or one of its observations throws is logged (at most
 * once a minute) and swallowed, so telemetry never keeps a request from being served or answered.
 */
final class GuardedObserver implements RequestObserver {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedObserver.class);
    private static final ThrottledLog WARN = new ThrottledLog(LOG, Duration.ofMinutes(1));

    private final RequestObserver delegate;

    private GuardedObserver(RequestObserver delegate) {
        this.delegate = delegate;
    }

    /** {@code observer} guarded; {@link RequestObserver#NONE} stays as it is (nothing to guard, nothing to pay). */
    static RequestObserver of(RequestObserver observer) {
        return observer == RequestObserver.NONE || observer instanceof GuardedObserver ? observer
                : new GuardedObserver(observer);
    }

    private static void failed(String what, Throwable e) {
        WARN.warn("telemetry failed ({}), the request is served without it: {}", what, e.toString());
        Dispatcher.rethrowIfFatal(e);
    }

    @Override
    public Observation start(JsonNode id, String method, ObjectNode params, Exchange exchange) {
        try {
            Observation o = delegate.start(id, method, params, exchange);
            return o == null ? Observation.NONE : new Guarded(o);
        } catch (RuntimeException | Error e) {
            failed("start", e);
            return Observation.NONE;
        }
    }

    @Override
    public void sessionEnded(LegacySession session, Transport transport) {
        try {
            delegate.sessionEnded(session, transport);
        } catch (RuntimeException | Error e) {
            failed("session end", e);
        }
    }

    /** One observation, guarded. */
    private record Guarded(Observation o) implements Observation {

        @Override
        public void protocolVersion(String version) {
            try {
                o.protocolVersion(version);
            } catch (RuntimeException | Error e) {
                failed("protocol version", e);
            }
        }

        @Override
        public void rejected(String reason) {
            try {
                o.rejected(reason);
            } catch (RuntimeException | Error e) {
                failed("rejection", e);
            }
        }

        @Override
        public Entered enter() {
            Entered entered;
            try {
                entered = o.enter();
            } catch (RuntimeException | Error e) {
                failed("enter", e);
                return Entered.NONE;
            }
            return entered == null ? Entered.NONE : () -> {
                try {
                    entered.close();
                } catch (RuntimeException | Error e) {
                    failed("exit", e);
                }
            };
        }

        @Override
        public void result(ObjectNode result) {
            try {
                o.result(result);
            } catch (RuntimeException | Error e) {
                failed("result", e);
            }
        }

        @Override
        public void error(RpcException error) {
            try {
                o.error(error);
            } catch (RuntimeException | Error e) {
                failed("error", e);
            }
        }

        @Override
        public void cancelled() {
            try {
                o.cancelled();
            } catch (RuntimeException | Error e) {
                failed("cancellation", e);
            }
        }
    }
}
