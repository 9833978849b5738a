package io.burrow.mcp.core;

import java.util.Objects;

/**
 * The request needs something of the client that it did not declare (for example {@code sampling}).
 * Under protocol 2026-07-28 the server answers with the JSON-RPC error {@code -32021} naming the
 * capability; under 2025-11-25 with an error result of code {@code MISSING_CLIENT_CAPABILITY}.
 */
public class MissingClientCapabilityException extends BurrowException {

    private static final long serialVersionUID = 1L;

    private final String capability;

    public MissingClientCapabilityException(String capability, String message) {
        super(ErrorCodes.MISSING_CLIENT_CAPABILITY, message, "Use a client that offers the '" + capability + "' capability.");
        this.capability = Objects.requireNonNull(capability, "capability");
        withDetail("capability", capability);
    }

    /** The capability missing, such as {@code sampling}. */
    public String capability() {
        return capability;
    }
}
