package io.burrow.mcp.core.spi;

import io.burrow.mcp.core.BurrowException;

/**
 * Whether the client has given up on a request: it sent {@code notifications/cancelled}, closed the
 * HTTP response stream, or the request's deadline passed. Long work checks it between steps (or
 * registers a callback that closes a socket); the thread running the call is also interrupted.
 */
public interface Cancellation {

    /** Whether the request was cancelled or its deadline passed. */
    boolean isCancelled();

    /**
     * Throws if the request was cancelled.
     *
     * @throws BurrowException with code {@code CANCELLED}
     */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new BurrowException(io.burrow.mcp.core.ErrorCodes.CANCELLED, "The request was cancelled");
        }
    }

    /**
     * Runs {@code action} once when the request is cancelled (at once if it already was), on the
     * cancelling thread. Use it to close a socket that a read is blocked on.
     *
     * @return a handle that unregisters the action
     */
    Registration onCancel(Runnable action);

    /** Unregisters a cancellation callback. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** A cancellation that never happens (in-process calls without a client). */
    Cancellation NONE = new Cancellation() {
        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public Registration onCancel(Runnable action) {
            return () -> { };
        }
    };
}
